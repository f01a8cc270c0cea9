package dev.lockstep.cli;

import org.sqlite.util.LibraryLoaderUtil;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the SQLite driver's native library for this platform into a folder once, so that a start names it with
 * {@code -Dorg.sqlite.lib.path=FOLDER} instead of letting the driver unpack its megabyte into the temporary folder and
 * compare it byte by byte on every start (about a tenth of a second of CPU, README "Performance"), and so that a
 * container whose root file system is read-only can open SQLite. The library is the one the driver itself would pick
 * (its own {@code LibraryLoaderUtil}: operating system, architecture, musl or glibc). Run by the build after the jar is
 * made and by the image:
 *
 * <pre>java -cp lockstep.jar dev.lockstep.cli.SqliteNativeLibrary FOLDER</pre>
 *
 * A start whose folder lacks the library (another platform) gets the driver's own unpacking, as without the option.
 */
final class SqliteNativeLibrary {
    private SqliteNativeLibrary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SqliteNativeLibrary FOLDER");
            System.exit(ExitCode.USAGE);
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        try (InputStream library = SqliteNativeLibrary.class.getResourceAsStream(resource)) {
            if (library == null) { // nothing fails: starts unpack it as the driver does
                System.err.println("the SQLite driver has no native library for this platform at " + resource);
                return;
            }
            Path folder = Files.createDirectories(Path.of(args[0]).toAbsolutePath());
            // Written beside its final name and moved over it: a start never opens half a library.
            Path partial = Files.createTempFile(folder, name, ".partial");
            try {
                Files.copy(library, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
