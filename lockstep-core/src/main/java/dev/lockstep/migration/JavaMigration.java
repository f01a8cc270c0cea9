package dev.lockstep.migration;

/**
 * A migration written in Java. lockstep finds it by its class's name in a {@code classpath:} location, as Flyway
 * finds its Java migrations: {@code db.migration.V7__Backfill_emails} in the location {@code classpath:db/migration}
 * is version 7, described "Backfill emails" ({@code V1_1__x} is version 1.1, a class name holds no dot). The class is
 * public, has a public constructor without arguments, and is made once per scan; its history row has the type
 * {@code JAVA} and the class's name as its script.
 *
 * <p>It runs under the migration lock with the same rules as a SQL file: its {@code running} row is committed first;
 * by default {@link #migrate} runs in one transaction together with the row's change to {@code applied}, so a failure
 * or a killed replica leaves nothing behind and the next migrate runs it again. (MySQL and MariaDB commit DDL at once,
 * even inside that transaction: put DDL in a SQL migration there.)
 */
public interface JavaMigration {

    /**
     * Applies the migration through {@link Context#connection()}.
     *
     * @throws Exception anything; the migration fails (exit code 6) with its message, rolled back when it ran in a
     *                   transaction
     */
    void migrate(Context context) throws Exception;

    /**
     * What {@code validate} compares: the history records {@code sha256:} of this text, and a different text later is
     * a checksum mismatch (exit code 5), as an edited SQL file is. By default the class's binary name, so recompiling
     * it or changing its code is no mismatch; return a version of your own ({@code "2"}) and change it when a change
     * must be caught.
     */
    default String checksum() {
        return getClass().getName();
    }

    /**
     * Whether {@link #migrate} runs in one transaction with its history row; {@code true} by default. Return
     * {@code false} for a migration that calls {@link Context#backfill}, whose batches commit one by one, or that runs
     * statements the database refuses in a transaction. Such a migration promises to be safe to run again: when its
     * replica is killed, the next migrate calls {@link #migrate} again from the start (create with {@code IF NOT
     * EXISTS}; each backfill resumes from its committed batches, its condition leaving out the rows it has done).
     */
    default boolean canExecuteInTransaction() {
        return true;
    }
}
