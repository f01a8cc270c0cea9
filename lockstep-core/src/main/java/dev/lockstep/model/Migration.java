package dev.lockstep.model;

import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;

import java.util.Objects;

/**
 * One migration file as found in a location, or a Java migration's class.
 *
 * @param version     the version, or {@code null} for a repeatable migration
 * @param description the description from the file name, underscores turned into spaces
 * @param type        {@link MigrationType#SQL}, {@link MigrationType#JAVA}, {@link MigrationType#REPEATABLE} or
 *                    {@link MigrationType#UNDO}
 * @param script      the file name, as stored in the history table; a Java migration's class name
 * @param path        where the file was found, for messages ({@code db/migration/V1__init.sql})
 * @param checksum    {@code sha256:<hex>} of the normalised text
 * @param sql         the text with a BOM removed and line endings folded to LF
 */
public record Migration(
        Version version,
        String description,
        MigrationType type,
        String script,
        String path,
        String checksum,
        String sql) {

    /** First-line directive that makes a migration run outside a transaction. */
    public static final String NO_TRANSACTION_DIRECTIVE = "-- lockstep:no-transaction";

    public Migration {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(sql, "sql");
        if ((version == null) != (type == MigrationType.REPEATABLE)) {
            throw new IllegalArgumentException("a repeatable migration has no version, every other kind has one: " + script);
        }
    }

    public boolean isVersioned() {
        return type.isVersionedMigration();
    }

    /** Whether it is a Java migration: {@link #script} is then its class's binary name, {@link #sql} empty. */
    public boolean isJava() {
        return type == MigrationType.JAVA;
    }

    public boolean isRepeatable() {
        return type == MigrationType.REPEATABLE;
    }

    public boolean isUndo() {
        return type == MigrationType.UNDO;
    }

    /** Whether the file's first line asks to run it outside a transaction. */
    public boolean forcesNoTransaction() {
        if (isJava()) {
            return false;
        }
        int end = sql.indexOf('\n');
        String first = (end < 0 ? sql : sql.substring(0, end)).strip();
        return first.equalsIgnoreCase(NO_TRANSACTION_DIRECTIVE);
    }

    /** Which migration this is, as statuses and events name it. */
    public MigrationRef ref() {
        return new MigrationRef(version == null ? null : version.toString(), description, script, type);
    }

    /** A short name for logs and messages: {@code V3 (add users)} or {@code R (views)}. */
    public String displayName() {
        return (version == null ? "R" : (isUndo() ? "U" : "V") + version) + " (" + description + ")";
    }

    /**
     * Orders two migrations of the same kind: by version (none first), then description. Callers put the kinds in
     * their own order first.
     */
    public static int compareVersionThenDescription(Migration a, Migration b) {
        if (a.version != b.version) {
            if (a.version == null || b.version == null) {
                return a.version == null ? -1 : 1;
            }
            int c = a.version.compareTo(b.version);
            if (c != 0) {
                return c;
            }
        }
        return a.description.compareTo(b.description);
    }
}
