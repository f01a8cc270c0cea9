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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs one backfill statement ({@code -- lockstep:batch}) of a migration that runs statement by statement: again and
 * again, each run in its own short transaction together with the backfill's counts in {@link BatchTable}, until a
 * run changes no row. That last, empty batch commits with the statement's journal entry. So a replica killed
 * half-way leaves every committed batch counted and nothing else, and its successor runs the statement again: the
 * statement's own condition leaves out the rows it already changed. Each batch runs under the DDL lock timeout
 * ({@link dev.lockstep.db.Dialect#beginBackfill}); one that gives up on a lock, or is a deadlock's victim, took no
 * effect and runs again after a back-off. A stop request is honoured between batches.
 *
 * <p>With {@code key=} lockstep bounds the batches instead ({@link KeyedTable}): each runs the statement over the next
 * range of the table's integer primary key, and its row here keeps the range's last key with the counts, so the
 * successor starts past it whatever the statement's condition is. The last batch is the one that finds no key left.
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
     * Runs statement {@code number} of {@code migration} in batches until one changes no row (with key ranges: until no
     * key is left past the last range), or a stop is requested.
     *
     * @throws SQLException a batch failed (it rolled back; the batches before it stay committed and counted), or
     *                      the directive's {@code max} was reached while batches still changed rows; a
     *                      {@link KeyedTable.Refused} when {@code key=} is not the table's integer primary key
     */
    Outcome run(Migration migration, int number, Statement statement, Journal journal) throws SQLException {
        return run(migration, number, statement, journal, () -> execute(statement.sql(), List.of()));
    }

    /**
     * As {@link #run(Migration, int, Statement, Journal)}, each batch doing {@code work}; {@code statement} names it.
     * With key ranges ({@code key=}) each batch runs the statement over its range instead, and {@code work} is unused.
     */
    Outcome run(Migration migration, int number, Statement statement, Journal journal, Work work) throws SQLException {
        BatchDirective directive = statement.batch();
        Connection connection = session.connection();
        KeyedTable keyed = directive.keyed() ? KeyedTable.check(session, migration, statement) : null;
        BatchTable table = new BatchTable(connection, session.dialect(), session.schema(), session.table());
        table.create();
        if (keyed != null) {
            table.createKeyTable();
        }
        BatchTable.Done done = table.read(migration.checksum(), number);
        if (done.batches() > 0) {
            log.info("Resuming the backfill at statement {} (line {}) of {}: {} batches and {} rows were done in an"
                    + " earlier attempt{}", number, statement.line(), migration.script(), done.batches(), done.rows(),
                    done.lastKey() == null ? "" : ", up to " + directive.key() + " " + done.lastKey());
        }
        RowsLeft left = keyed != null ? RowsLeft.ofKeys(keyed.keysLeft(done.lastKey()))
                : RowsLeft.ofEstimate(KeyedTable.estimatedRows(session, statement));
        Duration leastPause = session.dialect().leastPauseBetweenBatches();
        Instant started = clock.instant();
        long rowsThisRun = 0;
        session.dialect().beginBackfill(connection, run.config().ddlLockTimeout());
        try {
            while (true) {
                boolean lastAllowed = directive.maxBatches() > 0 && done.batches() >= directive.maxBatches();
                Batch batch = batch(migration, number, statement, keyed, done, table, journal, lastAllowed, work);
                if (batch.last()) {
                    publish(migration, number, statement, done, rowsThisRun, started, 0, true);
                    return new Outcome(done, false);
                }
                done = keyed == null ? done.plus(batch.changed()) : done.plus(batch.changed(), batch.upTo());
                rowsThisRun += batch.changed();
                left = left.after(batch);
                publish(migration, number, statement, done, rowsThisRun, started, left.rows(done), false);
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

    /**
     * What one batch did: the rows it changed and, with key ranges, the range's upper bound and how many keys it
     * spanned. {@code last}: it changed nothing, or no key was left, and committed the statement's journal entry.
     */
    record Batch(long changed, long upTo, long keys, boolean last) {
        static final Batch LAST = new Batch(0, 0, 0, true);
    }

    /**
     * One batch in its own transaction, with its counts or, when it was the last, the statement's journal entry. With
     * key ranges, the batch's range is found (the next {@code size} keys past the last one done) in its transaction.
     */
    private Batch batch(Migration migration, int number, Statement statement, KeyedTable keyed, BatchTable.Done done,
                        BatchTable table, Journal journal, boolean mustBeEmpty, Work work) throws SQLException {
        Connection connection = session.connection();
        Duration delay = FIRST_RETRY;
        while (true) {
            connection.setAutoCommit(false);
            session.dialect().beginTransaction(connection);
            try {
                if (stop.isCancelled()) {
                    throw new SQLException("cancelled before it started: " + stop.cancelledBecause());
                }
                Batch batch = keyed == null ? selfBounded(work) : keyed.batch(done.lastKey(), this::execute);
                if (!batch.last() && mustBeEmpty) {
                    throw new SQLException("the backfill ran its " + done.batches() + " batches (max="
                            + statement.batch().maxBatches() + ") and its statement still " + (keyed == null
                            ? "changes rows: raise max=, or check that its condition leaves out the rows it has changed"
                            + " (WHERE new_column IS NULL)" : "has key ranges left: raise max= or size="));
                }
                if (!batch.last()) {
                    table.record(migration.checksum(), number, migration.script(), keyed == null
                            ? done.plus(batch.changed()) : done.plus(batch.changed(), batch.upTo()));
                } else {
                    journal.statementDone();
                }
                connection.commit();
                connection.setAutoCommit(true);
                return batch;
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

    /** Work that bounds itself (a statement, a Java backfill's batch): the last batch is the one that changes no row. */
    private static Batch selfBounded(Work work) throws SQLException {
        long changed = work.changed();
        return changed == 0 ? Batch.LAST : new Batch(changed, 0, 0, false);
    }

    /**
     * Runs a batch's statement, with its key bounds bound as parameters, where a stop past its grace can cancel it;
     * the rows it changed (or returned).
     */
    private long execute(String sql, List<Long> bounds) throws SQLException {
        try (PreparedStatement jdbc = session.connection().prepareStatement(sql)) {
            for (int i = 0; i < bounds.size(); i++) {
                jdbc.setLong(i + 1, bounds.get(i));
            }
            stop.running(jdbc);
            try {
                if (!jdbc.execute()) {
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
                         Instant started, long rowsLeft, boolean finished) {
        listener.batchProgress(migration.ref(), new BatchProgress(number, statement.line(), done.batches(), done.rows(),
                rowsThisRun, Duration.between(started, clock.instant()), finished, rowsLeft));
    }

    /**
     * The estimate of rows left that progress shows: with key ranges, the keys counted past the last range when the
     * backfill started, less those the batches since spanned; otherwise the catalog's estimate of the table's rows less
     * the rows done (a backfill changes each row once, at most); -1 where neither is known.
     */
    private record RowsLeft(long keys, long tableRows) {
        static RowsLeft ofKeys(long keys) {
            return new RowsLeft(keys, -1);
        }

        static RowsLeft ofEstimate(long tableRows) {
            return new RowsLeft(-1, tableRows);
        }

        RowsLeft after(Batch batch) {
            return keys < 0 ? this : new RowsLeft(Math.max(0, keys - batch.keys()), -1);
        }

        long rows(BatchTable.Done done) {
            if (keys >= 0) {
                return keys;
            }
            return tableRows < 0 ? -1 : Math.max(0, tableRows - done.rows());
        }
    }
}
