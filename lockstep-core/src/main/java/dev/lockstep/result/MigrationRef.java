package dev.lockstep.result;

import java.util.Objects;

/**
 * Which migration a status or an event speaks of.
 *
 * @param version     the version as written in the file name, or {@code null} for a repeatable migration
 * @param description the description from the file name, underscores turned into spaces
 * @param script      the file name, as stored in the history table ({@code V3__add_users.sql})
 */
public record MigrationRef(String version, String description, String script, MigrationType type) {

    public MigrationRef {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(type, "type");
    }

    /** Whether it is a versioned migration, applied once in SQL or Java (not a repeatable, not an undo). */
    public boolean isVersioned() {
        return type.isVersionedMigration();
    }
}
