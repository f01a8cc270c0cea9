package dev.lockstep.model;

import java.util.List;
import java.util.Objects;

/**
 * A callback file found beside the migrations, such as {@code beforeMigrate.sql}: SQL that a migrate runs at
 * one point of its run, under the lock and only when something is pending.
 *
 * @param event the file name without {@code .sql}: {@code beforeMigrate}, {@code afterMigrate}, ...
 * @param path  where it was found, as shown to the user ({@code db/migration/beforeMigrate.sql})
 * @param sql   the normalised text, as a migration's
 */
public record Callback(String event, String path, String sql) {
    /** Once, before the first pending migration. */
    public static final String BEFORE = "beforeMigrate";
    /** Before each migration. */
    public static final String BEFORE_EACH = "beforeEachMigrate";
    /** After each migration. */
    public static final String AFTER_EACH = "afterEachMigrate";
    /** Once, after the last migration. */
    public static final String AFTER = "afterMigrate";
    /** After a migration or callback failed, before the error is reported. */
    public static final String AFTER_ERROR = "afterMigrateError";
    /** Every event, in the order a run meets them; a file named {@code <event>.sql} is that event's callback. */
    public static final List<String> EVENTS = List.of(BEFORE, BEFORE_EACH, AFTER_EACH, AFTER, AFTER_ERROR);

    public Callback {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sql, "sql");
    }
}
