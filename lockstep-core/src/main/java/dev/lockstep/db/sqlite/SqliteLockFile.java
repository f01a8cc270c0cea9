package dev.lockstep.db.sqlite;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Which sidecar file holds the migration lock of a SQLite database: one per database file, whatever
 * name reaches it (decision 0035). A symbolic link resolves to the file's real path, whose sidecar is
 * {@code <real path>.lockstep-lock}. A file with several hard links has no one real path, so its lock
 * is named after the file's identity (device and inode) in its folder; a hard link in another folder
 * would lock another sidecar, and is refused.
 */
final class SqliteLockFile {
    private static final String SUFFIX = ".lockstep-lock";

    private SqliteLockFile() {
    }

    /** The sidecar every name of {@code databaseFile} shares. */
    static Path of(Path databaseFile) {
        Path real = realPath(databaseFile);
        Map<String, Object> identity = identity(real);
        int links = identity == null ? 1 : ((Number) identity.get("nlink")).intValue();
        if (links <= 1) {
            return real.resolveSibling(real.getFileName() + SUFFIX);
        }
        long here = namesInFolder(real, identity);
        if (here < links) {
            throw new LockstepException(Reason.CONFIGURATION, "The SQLite database " + real + " has " + links
                    + " hard links, and only " + here + " of them are in " + real.getParent() + ": a replica that opens it"
                    + " through a name in another folder would take another lock file, and two replicas could migrate"
                    + " it at once. Reach the database through one name (symbolic links are fine), or keep its hard links"
                    + " in one folder.");
        }
        return real.resolveSibling(".lockstep-" + identity.get("dev") + "-" + identity.get("ino") + SUFFIX);
    }

    /** The real path; for a file not created yet, its folder's real path and its name. */
    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (NoSuchFileException e) {
            Path parent = file.toAbsolutePath().getParent();
            try {
                return parent.toRealPath().resolve(file.getFileName());
            } catch (IOException noFolder) {
                return file.toAbsolutePath().normalize();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Device, inode and link count, or {@code null} where the filesystem does not tell (no file yet, no unix view). */
    private static Map<String, Object> identity(Path file) {
        try {
            return Files.readAttributes(file, "unix:dev,ino,nlink");
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static long namesInFolder(Path real, Map<String, Object> identity) {
        long count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(real.getParent())) {
            for (Path entry : entries) {
                Map<String, Object> other = Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS) ? identity(entry) : null;
                if (other != null && Objects.equals(other.get("dev"), identity.get("dev"))
                        && Objects.equals(other.get("ino"), identity.get("ino"))) {
                    count++;
                }
            }
        } catch (IOException e) {
            throw new LockstepException(Reason.CONFIGURATION, "Cannot list " + real.getParent() + " to find the names of"
                    + " the SQLite database " + real + ", which has several hard links: " + e.getMessage(), e);
        }
        return count;
    }
}
