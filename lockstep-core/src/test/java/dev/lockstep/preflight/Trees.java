package dev.lockstep.preflight;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

/** Builds real trees with real owners for the tests; changing owners needs root, as in CI. */
final class Trees {
    private Trees() {
    }

    static boolean runningAsRoot() {
        return ProcessIdentity.current().isRoot();
    }

    /**
     * Goes on only as root, which these tests need to give files other owners. CI runs as root, so there a
     * missing root is a failure; elsewhere the test is skipped, and says so on stderr with how to run it.
     */
    static void requireRoot(String why) {
        requireThat(runningAsRoot(), why + ": needs root (uid " + ProcessIdentity.current().uid() + " here)");
    }

    /** As {@link #requireRoot}, for any capability a test needs from the machine (a bind mount, ...). */
    static void requireThat(boolean available, String why) {
        if (available) {
            return;
        }
        if ("true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("CI must run every preflight test, but " + why
                    + ". CI runs the suite as root.");
        }
        System.err.println("SKIPPED " + why + ". Run the suite as root, as CI does, to run it.");
        org.junit.jupiter.api.Assumptions.abort(why);
    }

    /** {@code directories} directories under {@code root}, each with {@code files} files. */
    static Path tree(Path root, int directories, int files) throws IOException {
        Files.createDirectories(root);
        for (int d = 0; d < directories; d++) {
            Path directory = Files.createDirectory(root.resolve("dir" + d));
            for (int f = 0; f < files; f++) {
                Files.writeString(directory.resolve("file" + f), "data " + f);
            }
        }
        return root;
    }

    /** lchown of one entry. */
    static void chown(Path path, int uid, int gid) throws IOException {
        Files.setAttribute(path, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    }

    /** lchown of every entry, the root included. */
    static void chownAll(Path root, int uid, int gid) throws IOException {
        try (Stream<Path> entries = Files.walk(root)) {
            entries.forEach(entry -> {
                try {
                    chown(entry, uid, gid);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * Moves every directory's modification time an hour back, as if the tree had been written long ago:
     * otherwise a directory written in the same clock tick as a fix began counts as changed after it.
     */
    static void age(Path root) throws IOException {
        FileTime hourAgo = FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS));
        try (Stream<Path> entries = Files.walk(root)) {
            for (Path entry : (Iterable<Path>) entries.filter(Files::isDirectory)::iterator) {
                Files.setLastModifiedTime(entry, hourAgo);
            }
        }
    }

    /** chmod, set-id and sticky bits included: {@code 01777}. */
    static void mode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode);
    }

    static String owner(Path path) throws IOException {
        EntryAttributes attributes = EntryAttributes.ofLink(path);
        return attributes.uid() + ":" + attributes.gid();
    }
}
