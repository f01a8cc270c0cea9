package dev.lockstep;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.lint.LintDialect;
import dev.lockstep.lint.LintSource;
import dev.lockstep.lint.MigrationTemplate;
import dev.lockstep.source.MigrationLocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The migration files themselves, with no database: reading them for the linter, and writing the next one.
 * What {@code lockstep lint} and {@code lockstep new} do, for build tools as much as for the command line.
 */
public final class MigrationFiles {

    private MigrationFiles() {
    }

    /** The naming style of a new migration. */
    public enum Style {
        /** {@code V2__x.sql} with its undo file {@code U2__x.sql}. */
        FLYWAY,
        /** {@code 2_x.up.sql} with {@code 2_x.down.sql}. */
        UP_DOWN
    }

    /**
     * The migration {@link #create} wrote.
     *
     * @param version the new version
     * @param files   the versioned file, then its undo file
     */
    public record Created(String version, LintDialect dialect, List<Path> files) {
        public Created {
            files = List.copyOf(files);
        }
    }

    /** The dialect of a JDBC URL; SQLite, the embedded default, when there is none. */
    public static LintDialect dialectOf(String url) {
        return LintInputs.dialectOf(url);
    }

    /**
     * The files to lint under {@code paths}: files, or folders searched recursively for migrations (hidden entries
     * skipped, as the scanner skips them). Each keeps the path as given, so findings point where the user looks.
     *
     * @throws LockstepException {@link Reason#CONFIGURATION} for a missing path or a classpath location,
     *                           {@link Reason#INVALID_MIGRATIONS} for a malformed name or text that is not UTF-8
     */
    public static List<LintSource> readForLint(List<String> paths) {
        return LintInputs.read(paths);
    }

    /**
     * Writes the next migration into the folder {@code location}, with its undo file: the next whole version after
     * the highest there, in the style of the newest migration there unless {@code style} is given, each file a
     * template that applies nothing until edited and lints clean. Never overwrites a file.
     *
     * @param style {@code null} to follow the folder, else flyway if it holds no migration yet
     */
    public static Created create(String location, String description, Style style, LintDialect dialect) throws IOException {
        if (location.startsWith(MigrationLocation.CLASSPATH_PREFIX)) {
            throw new LockstepException(Reason.CONFIGURATION, "new writes to a folder, not to '" + location + "'.");
        }
        Path folder = Path.of(location.startsWith(MigrationLocation.FILESYSTEM_PREFIX)
                ? location.substring(MigrationLocation.FILESYSTEM_PREFIX.length()) : location);
        NextMigration next = NextMigration.in(folder, description, style == null ? null : style == Style.UP_DOWN);
        Files.createDirectories(folder);
        Path up = folder.resolve(next.upName());
        Path down = folder.resolve(next.downName());
        write(up, MigrationTemplate.up(dialect, description));
        write(down, MigrationTemplate.down(dialect, description));
        return new Created(next.version(), dialect, List.of(up, down));
    }

    /** Writes a new file; never replaces one. */
    private static void write(Path file, String text) throws IOException {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw new LockstepException(Reason.CONFIGURATION, file + " already exists; lockstep new never overwrites a file.");
        }
    }
}
