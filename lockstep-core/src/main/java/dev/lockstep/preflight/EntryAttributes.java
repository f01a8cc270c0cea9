package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * One {@code stat} of a file system entry: owner, mode bits, type and modification time.
 *
 * @param uid          owner user id
 * @param gid          owner group id
 * @param mode         the {@code st_mode} permission bits, including set-id and sticky bits
 * @param directory    whether it is a directory (never true for a symbolic link read without following it)
 * @param lastModified its modification time, to the precision the file system keeps
 */
record EntryAttributes(int uid, int gid, int mode, boolean directory, FileTime lastModified) {
    private static final String NAMES = "unix:uid,gid,mode,isDirectory,lastModifiedTime";
    private static final int STICKY = 01000;
    private static final int OTHERS_WRITE = 0002;

    /** The entry itself, never what a symbolic link points to ({@code lstat}). */
    static EntryAttributes ofLink(Path path) throws IOException {
        return read(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** What the path names, following symbolic links ({@code stat}): for a directory the user named. */
    static EntryAttributes of(Path path) throws IOException {
        return read(path);
    }

    private static EntryAttributes read(Path path, LinkOption... options) throws IOException {
        Map<String, Object> values = Files.readAttributes(path, NAMES, options);
        return new EntryAttributes((Integer) values.get("uid"), (Integer) values.get("gid"),
                (Integer) values.get("mode") & 07777, (Boolean) values.get("isDirectory"), (FileTime) values.get("lastModifiedTime"));
    }

    /** A directory anyone may write, where anyone may also delete or replace anyone's files. */
    boolean worldWritableWithoutSticky() {
        return (mode & OTHERS_WRITE) != 0 && (mode & STICKY) == 0;
    }

    boolean ownedBy(Owner owner) {
        return owner.matches(uid, gid);
    }

    /** Whether the mode bits let this process create entries in this directory (write and search). */
    boolean letsCreate(ProcessIdentity identity) {
        if (identity.isRoot()) {
            return true;
        }
        int bits = identity.uid() == uid ? mode >> 6 : identity.inGroup(gid) ? mode >> 3 : mode;
        return (bits & 03) == 03;
    }

    String owner() {
        return uid + ":" + gid;
    }

    /** The mode as {@code ls} and {@code chmod} write it: {@code 0777}, {@code 1777}. */
    String octalMode() {
        return String.format("%04o", mode);
    }
}
