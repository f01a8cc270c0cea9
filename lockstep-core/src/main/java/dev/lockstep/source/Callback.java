package dev.lockstep.source;

import java.util.Objects;

/**
 * A callback file found beside the migrations, such as {@code beforeMigrate.sql}. Found and read so
 * that a bad one fails the scan early; running callbacks is not part of this package.
 *
 * @param event the file name without {@code .sql}: {@code beforeMigrate}, {@code afterMigrate}, ...
 * @param path  where it was found, as shown to the user ({@code db/migration/beforeMigrate.sql})
 * @param sql   the normalised text (see {@link MigrationText})
 */
public record Callback(String event, String path, String sql) {
    public Callback {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sql, "sql");
    }
}
