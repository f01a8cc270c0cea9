package dev.lockstep.engine;

import dev.lockstep.db.BatchTable;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.model.Migration;
import dev.lockstep.result.BatchProgress;
import dev.lockstep.sql.BatchDirective;
import dev.lockstep.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs one backfill statement ({@code -- lockstep:batch}) of a migration that runs statement by statement: again and
 * again, each run in its own short transaction together with the backfill's counts in {@link BatchTable}, until a
 * run changes no row. That last, empty batch commits with the statement's journal entry. So a replica killed
 * half-way leaves every committed batch counted and nothing else, and its successor runs the statement again: the
 * statement's own condition leaves out the rows it already changed. Each batch runs under the DDL lock timeout
 * ({@link dev.lockstep.db.Dialect#beginBackfill}); one that gives up on a lock, or is a deadlock's victim, took no
 * effect and runs again after a back-off. A stop request is honoured between batches.
 */
final class Backfill {
    private static final Logger log = LoggerFactory.getLogger(Backfill.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration MAX_RETRY = Duration.ofSeconds(5);

    /** How the backfill ended: its last empty batch committed, or a stop came between two batches. */
    record Outcome(BatchTable.Done done, boolean stopped) {
    }

    /** Records the statement's journal entry in the transaction of the last, empty batch. */
    interface Journal {
        Journal NONE = () -> { };

        void statementDone() throws SQLException;
    }

    /** One batch's work, inside the transaction the backfill opened: the rows it changed. A Java backfill's batch. */
    interface Work {
        long changed() throws SQLException;
    }

    private final Session session;
    private final RunContext run;
    private final Clock clock;
    private final MigrationListener listener;
    private final StopToken stop;

    Backfill(Session session, RunContext run, MigrationListener listener) {
        this.session = session;
        this.run = run;
        this.clock = run.clock();
        this.listener = listener;
        this.stop = run.stop();
    }

    /**
     * Runs statement {@code number} of {@code migration} in batches until one changes no row, or a stop is requested.
     *
     * @throws SQLException a batch failed (it rolled back; the batches before it stay committed and counted), or
     *                      the directive's {@code max} was reached while batches still changed rows
     */
    Outcome run(Migration migration, int number, Statement statement, Journal journal) throws SQLException {
        return run(migration, number, statement, journal, () -> execute(statement));
    }

    /** As {@link #run(Migration, int, Statement, Journal)}, each batch doing {@code work}; {@code statement} names it. */
    Outcome run(Migration migration, int number, Statement statement, Journal journal, Work work) throws SQLException {
        BatchDirective directive = statement.batch();
        Connection connection = session.connection();
        BatchTable table = new BatchTable(connection, session.dialect(), session.schema(), session.table());
        table.create();
        BatchTable.Done done = table.read(migration.checksum(), number);
        if (done.batches() > 0) {
            log.info("Resuming the backfill at statement {} (line {}) of {}: {} batches and {} rows were done in an"
                    + " earlier attempt", number, statement.line(), migration.script(), done.batches(), done.rows());
        }
        Duration leastPause = session.dialect().leastPauseBetweenBatches();
        Instant started = clock.instant();
        long rowsThisRun = 0;
        session.dialect().beginBackfill(connection, run.config().ddlLockTimeout());
        try {
            while (true) {
                boolean lastAllowed = directive.maxBatches() > 0 && done.batches() >= directive.maxBatches();
                long changed = batch(migration, number, statement, done, table, journal, lastAllowed, work);
                if (changed == 0) {
                    publish(migration, number, statement, done, rowsThisRun, started, true);
                    return new Outcome(done, false);
                }
                done = done.plus(changed);
                rowsThisRun += changed;
                publish(migration, number, statement, done, rowsThisRun, started, false);
                if (stop.isRequested()) {
                    return new Outcome(done, true);
                }
                Duration pause = directive.pause().compareTo(leastPause) >= 0 ? directive.pause() : leastPause;
                if (!pause.isZero()) {
                    Durations.sleep(run.sleeper(), pause);
                    if (stop.isRequested()) {
                        return new Outcome(done, true);
                    }
                }
            }
        } finally {
            session.dialect().endBackfill(connection);
        }
    }

    /** One batch in its own transaction, with its counts or, when it changed nothing, the statement's journal entry. */
    private long batch(Migration migration, int number, Statement statement, BatchTable.Done done, BatchTable table,
                       Journal journal, boolean mustBeEmpty, Work work) throws SQLException {
        Connection connection = session.connection();
        Duration delay = FIRST_RETRY;
        while (true) {
            connection.setAutoCommit(false);
            session.dialect().beginTransaction(connection);
            try {
                if (stop.isCancelled()) {
                    throw new SQLException("cancelled before it started: " + stop.cancelledBecause());
                }
                long changed = work.changed();
                if (changed > 0 && mustBeEmpty) {
                    throw new SQLException("the backfill ran its " + done.batches() + " batches (max="
                            + statement.batch().maxBatches() + ") and its statement still changes rows: raise max=, or"
                            + " check that its condition leaves out the rows it has changed (WHERE new_column IS NULL)");
                }
                if (changed > 0) {
                    table.record(migration.checksum(), number, migration.script(), done.plus(changed));
                } else {
                    journal.statementDone();
                }
                connection.commit();
                connection.setAutoCommit(true);
                return changed;
            } catch (SQLException e) {
                MigrationRunner.rollback(connection, e);
                if (!session.dialect().isBatchRetryable(e) || stop.isRequested()) {
                    throw e;
                }
                log.info("{}: batch {} of the backfill at statement {} (line {}) waited more than {} for a row lock, or"
                                + " lost a deadlock ({}); it rolled back and runs again", migration.script(),
                        done.batches() + 1, number, statement.line(), Durations.format(run.config().ddlLockTimeout()),
                        e.getMessage() == null ? "lock timeout" : e.getMessage().strip());
                Durations.sleep(run.sleeper(), Durations.jitter(delay));
                delay = Durations.min(delay.multipliedBy(2), MAX_RETRY);
            }
        }
    }

    /** Runs the statement where a stop past its grace can cancel it; the rows it changed (or returned). */
    private long execute(Statement statement) throws SQLException {
        try (java.sql.Statement jdbc = session.connection().createStatement()) {
            stop.running(jdbc);
            try {
                if (!jdbc.execute(statement.sql())) {
                    return Math.max(0, jdbc.getUpdateCount());
                }
                long rows = 0;
                try (ResultSet returned = jdbc.getResultSet()) {
                    while (returned.next()) {
                        rows++;
                    }
                }
                return rows;
            } finally {
                stop.idle();
            }
        }
    }

    private void publish(Migration migration, int number, Statement statement, BatchTable.Done done, long rowsThisRun,
                         Instant started, boolean finished) {
        listener.batchProgress(migration.ref(), new BatchProgress(number, statement.line(), done.batches(), done.rows(),
                rowsThisRun, Duration.between(started, clock.instant()), finished));
    }
}
