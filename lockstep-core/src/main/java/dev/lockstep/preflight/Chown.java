package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** {@code lchown}: changes the owner of the entry itself, never of what a symbolic link points to. */
final class Chown {
    private Chown() {
    }

    /** Gives {@code path} the parts of {@code owner} it lacks; returns whether anything changed. */
    static boolean to(Path path, Owner owner, EntryAttributes current) throws IOException {
        boolean changed = false;
        if (owner.uid() != Owner.ANY && current.uid() != owner.uid()) {
            Files.setAttribute(path, "unix:uid", owner.uid(), LinkOption.NOFOLLOW_LINKS);
            changed = true;
        }
        if (owner.gid() != Owner.ANY && current.gid() != owner.gid()) {
            Files.setAttribute(path, "unix:gid", owner.gid(), LinkOption.NOFOLLOW_LINKS);
            changed = true;
        }
        return changed;
    }
}
