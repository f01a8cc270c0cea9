package dev.lockstep.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** What a {@link JavaMigration} is given: the migration's connection and the backfill helper. */
public interface Context {

    /**
     * The connection lockstep migrates on, which holds the migration lock. lockstep owns its transaction: closing it,
     * committing, rolling back or changing its auto-commit is refused with an {@link SQLException}. In a migration that
     * runs in a transaction everything it does commits with the history row; in one that does not
     * ({@link JavaMigration#canExecuteInTransaction()} {@code false}) it is in auto-commit mode.
     */
    Connection connection();

    /**
     * Runs {@code batch} again and again, each time in its own short transaction together with the backfill's counts,
     * until it changes no row: the same helper as a SQL {@code -- lockstep:batch} statement. The batch bounds itself
     * ({@code LIMIT 5000}) and leaves out the rows it has changed ({@code WHERE email_lower IS NULL}). A killed replica
     * leaves its committed batches counted; the next migrate runs the migration again and this call resumes with the
     * next batch. A stop (SIGTERM) is honoured between batches. Each batch waits for row locks no longer than the DDL
     * lock timeout, and one that gives up rolls back and runs again after a back-off.
     *
     * <p>Backfills are told apart by the order of the calls in {@link JavaMigration#migrate}: the first call is
     * backfill 1, and so on, so the order must not depend on data. Only in a migration that does not run in a
     * transaction ({@link JavaMigration#canExecuteInTransaction()} {@code false}).
     *
     * @return the rows changed, those of earlier attempts included
     * @throws SQLException a batch failed (it rolled back; the batches before it stay committed), or the migration runs
     *                      in one transaction
     */
    default long backfill(Batch batch) throws SQLException {
        return backfill(batch, Duration.ZERO, 0);
    }

    /**
     * As {@link #backfill(Batch)}, waiting {@code pause} after each batch (so replicas and other writers keep up) and
     * failing after {@code maxBatches} batches that still changed rows (0: no bound), as {@code -- lockstep:batch
     * pause=200ms max=N} does.
     */
    long backfill(Batch batch, Duration pause, long maxBatches) throws SQLException;

    /** One batch of a backfill. */
    @FunctionalInterface
    interface Batch {
        /**
         * Changes at most a bounded number of rows, inside the transaction lockstep opened; does not commit.
         *
         * @return how many rows it changed; 0 ends the backfill
         */
        long run(Connection connection) throws SQLException;
    }
}
