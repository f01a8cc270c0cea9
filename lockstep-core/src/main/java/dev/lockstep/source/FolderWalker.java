package dev.lockstep.source;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;

/**
 * Lists the files under a folder, recursively, in order of their relative path.
 *
 * <p>Symbolic links are followed: mounted volumes and deployment tools link folders and files into
 * place. Hidden files and folders (name starting with {@code .}) are skipped, which keeps out
 * {@code .git} and the {@code ..data} and {@code ..2024_...} folders a Kubernetes ConfigMap volume
 * adds beside its linked files (they would otherwise turn every migration into a duplicate).
 */
final class FolderWalker {
    private FolderWalker() {
    }

    /**
     * @param root  an existing folder
     * @param shown the location as the user wrote it, for error messages
     * @throws LockstepException {@link Reason#CONFIGURATION} when a folder cannot be read
     */
    static void walk(Path root, String shown, FoundFileSink sink) {
        // Only the relative paths are kept, sorted once at the end: a tree map of paths cost more per file, and a
        // path object per file, live until the walk ends, was a fifth of a start's live data at 20,000 files.
        List<String> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // A link whose target is missing arrives as a link: keep it, so that reading it
                    // fails loudly if it is a migration instead of the migration silently vanishing.
                    if (!isHidden(file) && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
                        files.add(relative(root, file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    throw e;
                }
            });
        } catch (IOException e) {
            throw unreadable("migration location '" + shown + "'", e);
        }
        Collections.sort(files);
        for (String relative : files) {
            Path path = root.resolve(relative);
            sink.accept(relative, () -> path.toAbsolutePath().toString(), () -> Files.readAllBytes(path));
        }
    }

    /**
     * The error for a location, or a file in it, that cannot be read: exit code 2, with what to check.
     *
     * @param what what could not be read, such as {@code migration location 'db/migration'}
     */
    static LockstepException unreadable(String what, IOException e) {
        return new LockstepException(Reason.CONFIGURATION, "Cannot read " + what + ": " + describe(e)
                + ". Check that the user running lockstep can read every folder and file in it.", e);
    }

    private static String describe(IOException e) {
        if (e instanceof AccessDeniedException denied) {
            return "permission denied on " + denied.getFile();
        }
        if (e instanceof FileSystemLoopException loop) {
            return "a symbolic link loops back to a folder above it at " + loop.getFile();
        }
        return e.getClass().getSimpleName() + " " + e.getMessage();
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static String relative(Path root, Path file) {
        // The walk resolves every file against root, so its text starts with root's: cut it off rather than
        // relativize and join (a tenth of a scan of 20,000 files). Anything else takes the general way.
        String rootText = root.toString();
        String fileText = file.toString();
        String separator = root.getFileSystem().getSeparator();
        int cut = rootText.endsWith(separator) ? rootText.length() : rootText.length() + separator.length();
        if (!rootText.isEmpty() && fileText.length() > cut && fileText.startsWith(rootText)
                && fileText.startsWith(separator, cut - separator.length())) {
            String rest = fileText.substring(cut);
            return separator.equals("/") ? rest : rest.replace(separator, "/");
        }
        List<String> parts = new ArrayList<>();
        for (Path part : root.relativize(file)) {
            parts.add(part.toString());
        }
        return String.join("/", parts);
    }
}
