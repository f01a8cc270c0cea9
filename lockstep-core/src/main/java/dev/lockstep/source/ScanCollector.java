package dev.lockstep.source;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.Callback;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns the files found in all locations of one scan into migrations, and gathers every problem
 * (malformed name, text that is not UTF-8, duplicate) into one error, so a user fixes them in one
 * go. A file that cannot be read at all stops the scan at once: that is configuration, not content.
 */
final class ScanCollector {
    /** Versioned by version, then undo by version, then repeatable by description; written out, as it runs for every file. */
    private static final Comparator<Migration> ORDER = ScanCollector::compare;

    private static final String CLASS = ".class";

    private final ClassLoader classLoader;
    private final List<Found> found = new ArrayList<>();
    private final List<String> ignored = new ArrayList<>();
    private final List<Callback> callbacks = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    /** A migration and where it really is, to tell apart two files with one shown path. */
    private record Found(Migration migration, Supplier<String> origin) {
    }

    /** A file's normalised text and its checksum. */
    private record Text(String sql, String checksum) {
    }

    /** What must be unique: the type and version, or for a repeatable its description. */
    private record Identity(MigrationType type, Version version, String description) {
        static Identity of(Migration m) {
            // A SQL file and a Java class with one version are two migrations for it.
            MigrationType type = m.isVersioned() ? MigrationType.SQL : m.type();
            return new Identity(type, m.version(), m.isRepeatable() ? m.description() : null);
        }
    }

    /** @param classLoader loads the Java migrations found in {@code classpath:} locations */
    ScanCollector(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    FoundFileSink sinkFor(MigrationLocation location) {
        return (relativePath, origin, content) -> accept(location, relativePath, origin, content);
    }

    /** @throws LockstepException {@link Reason#INVALID_MIGRATIONS} listing every problem, one per line */
    ScanResult result() {
        checkDuplicates();
        if (!problems.isEmpty()) {
            String header = problems.size() == 1
                    ? "A migration file is invalid; fix it, then run again:"
                    : problems.size() + " migration files are invalid; fix them all, then run again:";
            throw new LockstepException(Reason.INVALID_MIGRATIONS, header + "\n  " + String.join("\n  ", problems));
        }
        List<Migration> migrations = found.stream().map(Found::migration).sorted(ORDER).toList();
        return new ScanResult(migrations, ignored, callbacks);
    }

    private void accept(MigrationLocation location, String relativePath, Supplier<String> origin, FoundFileSink.Content content) {
        String fileName = relativePath.substring(relativePath.lastIndexOf('/') + 1);
        String path = location.displayPath(relativePath);
        if (location.kind() == MigrationLocation.Kind.CLASSPATH && fileName.endsWith(CLASS) && !fileName.contains("$")
                && MigrationFileName.looksLikeJavaMigration(fileName.substring(0, fileName.length() - CLASS.length()))) {
            addJavaMigration(location, relativePath, path, origin);
            return;
        }
        switch (MigrationFileName.roleOf(fileName)) {
            case OTHER -> { }
            case IGNORED -> ignored.add(path);
            case CALLBACK -> text(path, content).ifPresent(text ->
                    callbacks.add(new Callback(fileName.substring(0, fileName.length() - ".sql".length()), path, text.sql())));
            case MIGRATION -> addMigration(fileName, path, origin, content);
        }
    }

    private void addMigration(String fileName, String path, Supplier<String> origin, FoundFileSink.Content content) {
        ParsedName name;
        try {
            name = MigrationFileName.parseMigration(fileName);
        } catch (MalformedNameException e) {
            problems.add(path + ": " + e.problem());
            return;
        }
        text(path, content).ifPresent(text -> found.add(new Found(
                new Migration(name.version(), name.description(), name.type(), fileName, path, text.checksum(), text.sql()),
                origin)));
    }

    /** A class in a classpath location named like a migration: loaded and made for its checksum. */
    private void addJavaMigration(MigrationLocation location, String relativePath, String path, Supplier<String> origin) {
        String simpleName = relativePath.substring(relativePath.lastIndexOf('/') + 1, relativePath.length() - CLASS.length());
        ParsedName name;
        try {
            name = MigrationFileName.parseClassName(simpleName);
        } catch (MalformedNameException e) {
            problems.add(path + ": " + e.problem());
            return;
        }
        String className = (location.path() + "/" + relativePath.substring(0, relativePath.length() - CLASS.length()))
                .replace('/', '.');
        String checksum;
        try {
            checksum = JavaMigrationClass.checksum(JavaMigrationClass.instantiate(classLoader, className));
        } catch (LockstepException e) {
            problems.add(path + ": " + e.getMessage());
            return;
        }
        found.add(new Found(new Migration(name.version(), name.description(), MigrationType.JAVA, className, path,
                checksum, ""), origin));
    }

    private Optional<Text> text(String path, FoundFileSink.Content content) {
        byte[] bytes;
        try {
            bytes = content.read();
        } catch (IOException e) {
            throw FolderWalker.unreadable("migration file '" + path + "'", e);
        }
        if (MigrationText.isNormalizedAscii(bytes)) {
            // Most files: their bytes are their text, so they are hashed as read, without decoding and encoding again.
            return Optional.of(new Text(new String(bytes, StandardCharsets.ISO_8859_1), Checksum.ofUtf8(bytes)));
        }
        try {
            String sql = MigrationText.decode(bytes, path);
            return Optional.of(new Text(sql, Checksum.of(sql)));
        } catch (LockstepException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    private void checkDuplicates() {
        Map<Identity, Found> first = new HashMap<>();
        for (Found current : found) {
            Found earlier = first.putIfAbsent(Identity.of(current.migration()), current);
            if (earlier != null) {
                problems.add(duplicate(earlier, current));
            }
        }
    }

    private static String duplicate(Found earlier, Found current) {
        Migration m = current.migration();
        String what = switch (m.type()) {
            case REPEATABLE -> "the repeatable description '" + m.description() + "'";
            case UNDO -> "undo version " + m.version();
            default -> "version " + m.version();
        };
        String fix = m.isRepeatable() ? "another description" : "another version";
        boolean samePath = earlier.migration().path().equals(m.path());
        String currentPath = m.path() + (samePath ? " (" + current.origin().get() + ")" : "");
        String earlierPath = earlier.migration().path() + (samePath ? " (" + earlier.origin().get() + ")" : "");
        return currentPath + ": " + what + " is also used by " + earlierPath + "; give one of them " + fix;
    }

    private static int compare(Migration a, Migration b) {
        int c = Integer.compare(rank(a.type()), rank(b.type()));
        return c != 0 ? c : Migration.compareVersionThenDescription(a, b);
    }

    private static int rank(MigrationType type) {
        return switch (type) {
            case SQL, JAVA, BASELINE, REPAIR -> 0;
            case UNDO -> 1;
            case REPEATABLE -> 2;
        };
    }
}
