package dev.lockstep.result;

/** What a migration is, as written in the history table's {@code type} column. */
public enum MigrationType {
    /** A versioned migration ({@code V1__x.sql}, {@code 1_x.up.sql}), applied once. */
    SQL,
    /** A versioned Java migration (a class such as {@code db.migration.V7__Backfill_emails}), applied once. */
    JAVA,
    /** A repeatable migration ({@code R__x.sql}), applied again whenever its checksum changes. */
    REPEATABLE,
    /** An undo migration ({@code U1__x.sql}, {@code 1_x.down.sql}) that reverses one version. */
    UNDO,
    /** A history row that stands for versions applied before lockstep adopted the database. */
    BASELINE,
    /** An audit row: what {@code lockstep repair} changed in the history, by whom and when. */
    REPAIR;

    /** Whether it is a versioned migration, applied once: {@link #SQL} or {@link #JAVA}. */
    public boolean isVersionedMigration() {
        return this == SQL || this == JAVA;
    }
}
