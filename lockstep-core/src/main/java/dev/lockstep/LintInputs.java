package dev.lockstep;

import dev.lockstep.db.JdbcUrl;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.lint.LintDialect;
import dev.lockstep.lint.LintSource;
import dev.lockstep.result.MigrationType;
import dev.lockstep.source.FileRole;
import dev.lockstep.source.MalformedNameException;
import dev.lockstep.source.MigrationFileName;
import dev.lockstep.source.MigrationLocation;
import dev.lockstep.source.MigrationText;
import dev.lockstep.source.ParsedName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the files to lint: the I/O edge of the pure linter. A folder is searched recursively for
 * migration files (hidden entries skipped, as the scanner does); a file is linted whatever its
 * name. Each file keeps the path as the user wrote it, so findings point where the user looks.
 */
final class LintInputs {

    private LintInputs() {
    }

    /** The dialect of {@code url}; SQLite, the embedded default, when there is no URL. */
    static LintDialect dialectOf(String url) {
        if (url == null || url.isBlank()) {
            return LintDialect.SQLITE;
        }
        return LintDialect.named(JdbcUrl.scheme(url)).orElseThrow(() -> new LockstepException(Reason.CONFIGURATION,
                "Cannot tell the SQL dialect of '" + JdbcUrl.display(url) + "'. Give --dialect postgresql, mysql, mariadb or sqlite."));
    }

    /**
     * The migration files under {@code paths} (files or folders; {@code filesystem:} prefixes allowed).
     *
     * @throws LockstepException {@link Reason#CONFIGURATION} for a missing path or a classpath location,
     *                           {@link Reason#INVALID_MIGRATIONS} for a malformed name or text that is not UTF-8
     */
    static List<LintSource> read(List<String> paths) {
        List<LintSource> sources = new ArrayList<>();
        for (String given : paths) {
            if (given.startsWith(MigrationLocation.CLASSPATH_PREFIX)) {
                throw new LockstepException(Reason.CONFIGURATION, "lint reads folders and files, not '" + given
                        + "': give the source folder of those resources, such as src/main/resources/db/migration.");
            }
            String shown = given.startsWith(MigrationLocation.FILESYSTEM_PREFIX)
                    ? given.substring(MigrationLocation.FILESYSTEM_PREFIX.length()) : given;
            Path path = Path.of(shown);
            if (Files.isDirectory(path)) {
                for (Path file : migrationFiles(path)) {
                    String relative = path.relativize(file).toString().replace('\\', '/');
                    sources.add(source(file, (shown.endsWith("/") ? shown : shown + "/") + relative));
                }
            } else if (Files.isRegularFile(path)) {
                sources.add(source(path, shown));
            } else {
                throw new LockstepException(Reason.CONFIGURATION, "'" + given + "' does not exist (looked for "
                        + path.toAbsolutePath() + "). Give migration files or folders.");
            }
        }
        return sources;
    }

    private static List<Path> migrationFiles(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(folder.relativize(p)))
                    .filter(p -> MigrationFileName.roleOf(p.getFileName().toString()) == FileRole.MIGRATION)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new LockstepException(Reason.CONFIGURATION, "Cannot read the folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static LintSource source(Path file, String shown) {
        String text;
        try {
            text = MigrationText.decode(Files.readAllBytes(file), shown);
        } catch (IOException e) {
            throw new LockstepException(Reason.CONFIGURATION, "Cannot read " + shown + ": " + e.getMessage(), e);
        }
        ParsedName name;
        try {
            name = MigrationFileName.parse(file.getFileName().toString()).orElse(null);
        } catch (MalformedNameException e) {
            throw new LockstepException(Reason.INVALID_MIGRATIONS, shown + ": " + e.problem());
        }
        return name == null ? new LintSource(shown, text, MigrationType.SQL, null)
                : new LintSource(shown, text, name.type(), name.version());
    }
}
