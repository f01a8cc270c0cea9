package dev.lockstep.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.Migration;
import dev.lockstep.model.MigrationStatus;
import dev.lockstep.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Applies one migration under the lock: commits a {@code running} row first, so a crash leaves
 * evidence; then either runs every statement in one transaction together with the row's update to
 * {@code applied}, or, where that is impossible, runs them one by one and journals each in
 * {@code statements_done}, so an interrupted migration is known to have stopped exactly there.
 */
final class MigrationRunner {
    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final Session session;
    private final LockstepConfig config;
    private final Clock clock;
    private final MigrationListener listener;
    private final StopToken stop;

    MigrationRunner(Session session, LockstepConfig config, MigrationListener listener) {
        this.session = session;
        this.config = config;
        this.clock = config.clock();
        this.listener = listener;
        this.stop = config.stopToken();
    }

    /** Something written together with a row's change to {@code applied}, in one transaction. */
    interface Completion {
        Completion NOTHING = () -> { };

        void record() throws SQLException;
    }

    /** What {@link #finishApplied} also records for the migration being applied. */
    private Completion onApplied = Completion.NOTHING;

    /** @return how long it took */
    Duration apply(ParsedMigration parsed, int rank) throws SQLException {
        return apply(parsed, rank, Completion.NOTHING);
    }

    /**
     * Applies a migration and, in the same transaction as its row's change to {@code applied}, records
     * {@code completion}: an undo file turns its version's row to {@code undone} this way.
     *
     * @return how long it took
     */
    Duration apply(ParsedMigration parsed, int rank, Completion completion) throws SQLException {
        onApplied = completion;
        Migration migration = parsed.migration();
        Connection connection = session.connection();
        session.dialect().restoreSession(connection);
        Instant started = clock.instant();
        session.history().insertRunning(rank, migration, parsed.size(), session.user(), config.replicaId(), started);
        listener.migrationStarted(migration, parsed.size());
        if (parsed.inTransaction()) {
            applyInTransaction(parsed, rank, started);
        } else {
            applyJournaled(parsed, rank, started);
        }
        Duration took = Duration.between(started, clock.instant());
        listener.migrationApplied(migration, took);
        return took;
    }

    private void applyInTransaction(ParsedMigration parsed, int rank, Instant started) throws SQLException {
        Connection connection = session.connection();
        BusyTables busy = new BusyTables(started);
        while (true) {
            connection.setAutoCommit(false);
            int number = 0;
            try {
                for (Statement statement : parsed.statements()) {
                    number++;
                    execute(statement);
                    listener.statementDone(parsed.migration(), number, parsed.size());
                }
                finishApplied(rank, parsed.size(), started);
                connection.commit();
                connection.setAutoCommit(true);
                return;
            } catch (SQLException e) {
                rollback(connection, e);
                if (!busy.retry(parsed, number, e)) {
                    throw failed(parsed, rank, started, number, 0, e);
                }
            }
        }
    }

    private void applyJournaled(ParsedMigration parsed, int rank, Instant started) throws SQLException {
        Connection connection = session.connection();
        boolean commitsWithJournal = !session.dialect().supportsTransactionalDdl();
        BusyTables busy = new BusyTables(started);
        int done = 0;
        try {
            for (Statement statement : parsed.statements()) {
                if (commitsWithJournal) {
                    // A row change commits together with its journal entry; DDL commits by itself first.
                    connection.setAutoCommit(false);
                }
                executeRetryingBusyTables(parsed, done + 1, statement, busy, commitsWithJournal);
                session.history().recordProgress(rank, done + 1);
                if (commitsWithJournal) {
                    connection.commit();
                    connection.setAutoCommit(true);
                }
                done++;
                listener.statementDone(parsed.migration(), done, parsed.size());
                if (stop.isRequested() && done < parsed.size()) {
                    throw stoppedBetweenStatements(parsed, rank, started, done);
                }
            }
        } catch (SQLException e) {
            if (commitsWithJournal) {
                rollback(connection, e);
            }
            throw failed(parsed, rank, started, done + 1, done, e);
        }
        finishApplied(rank, parsed.size(), started);
    }

    /** A statement that gave up on a lock did not take effect, so it is simply run again after back-off. */
    private void executeRetryingBusyTables(ParsedMigration parsed, int number, Statement statement, BusyTables busy,
                                           boolean inRowTransaction) throws SQLException {
        while (true) {
            try {
                execute(statement);
                return;
            } catch (SQLException e) {
                if (inRowTransaction) {
                    rollback(session.connection(), e);
                }
                if (!busy.retry(parsed, number, e)) {
                    throw e;
                }
                if (inRowTransaction) {
                    session.connection().setAutoCommit(false);
                }
            }
        }
    }

    /**
     * Retries statements that gave up waiting for a table lock, with back-off from 1s to 30s, until
     * the DDL retry time runs out or a stop is requested.
     */
    private final class BusyTables {
        private final Instant deadline;
        private Duration delay = FIRST_RETRY;

        BusyTables(Instant started) {
            this.deadline = started.plus(config.ddlRetryFor());
        }

        boolean retry(ParsedMigration parsed, int number, SQLException e) throws SQLException {
            if (!session.dialect().isLockTimeout(e) || stop.isRequested() || !clock.instant().isBefore(deadline)) {
                return false;
            }
            Statement statement = parsed.statements().get(Math.max(0, number - 1));
            log.warn("{}: statement {} (line {}) waited more than {} for a lock on a busy table ({}); {}, retrying"
                            + " with back-off for up to {} more", parsed.migration().script(), number, statement.line(),
                    Durations.format(config.ddlLockTimeout()), e.getMessage() == null ? "lock timeout" : e.getMessage().strip(),
                    parsed.inTransaction() ? "rolled back" : "it did not take effect",
                    Durations.format(Duration.between(clock.instant(), deadline)));
            while (true) {
                Durations.sleep(config.sleeper(), Durations.jitter(Durations.min(delay, Duration.between(clock.instant(), deadline))));
                delay = Durations.min(delay.multipliedBy(2), MAX_RETRY);
                if (stop.isRequested()) {
                    return false;
                }
                try {
                    session.dialect().cleanUpAfterLockTimeout(session.connection(), statement.sql());
                    return true;
                } catch (SQLException cleanup) {
                    // The clean-up (DROP INDEX CONCURRENTLY) can meet the same busy table: wait again.
                    if (!session.dialect().isLockTimeout(cleanup) || !clock.instant().isBefore(deadline)) {
                        e.addSuppressed(cleanup);
                        return false;
                    }
                }
            }
        }
    }

    /** Runs one statement where a stop past its grace can cancel it. */
    private void execute(Statement statement) throws SQLException {
        if (stop.isCancelled()) {
            throw new SQLException("cancelled before it started: the stop's grace period ran out");
        }
        try (java.sql.Statement jdbc = session.connection().createStatement()) {
            stop.running(jdbc);
            try {
                jdbc.execute(statement.sql());
            } finally {
                stop.idle();
            }
        }
    }

    /** A stop between two statements of a migration that runs outside a transaction: nothing is in doubt. */
    private LockstepException stoppedBetweenStatements(ParsedMigration parsed, int rank, Instant started, int done)
            throws SQLException {
        String error = "stopped after statement " + done + " of " + parsed.size() + "; statements 1 to " + done
                + " took effect and nothing was in flight";
        finish(rank, MigrationStatus.FAILED, done, started, error);
        listener.migrationFailed(parsed.migration(), error);
        return stop.stopped(parsed.migration().path() + " was " + error + ". The history records where it stopped;"
                + " the lock is released.");
    }

    /** Ends the row as applied with what {@link #onApplied} records, in one transaction (opened here under autocommit). */
    private void finishApplied(int rank, int done, Instant started) throws SQLException {
        Connection connection = session.connection();
        boolean ownTransaction = connection.getAutoCommit() && onApplied != Completion.NOTHING;
        if (ownTransaction) {
            connection.setAutoCommit(false);
        }
        try {
            finish(rank, MigrationStatus.APPLIED, done, started, null);
            onApplied.record();
            if (ownTransaction) {
                connection.commit();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (ownTransaction) {
                rollback(connection, e);
            }
            throw e;
        }
    }

    private void finish(int rank, MigrationStatus status, int done, Instant started, String error) throws SQLException {
        Instant now = clock.instant();
        session.history().finish(rank, status, done, now, Duration.between(started, now).toMillis(), error);
    }

    /** Records the failure and builds the message: file, statement, line, the database's words, the state left. */
    private LockstepException failed(ParsedMigration parsed, int rank, Instant started, int number, int done,
                                     SQLException cause) {
        Migration migration = parsed.migration();
        String databaseMessage = (cause.getMessage() == null ? cause.toString() : cause.getMessage().strip())
                + (cause.getSQLState() == null ? "" : " [SQLState " + cause.getSQLState() + "]");
        String error = statement(number, parsed) + ": " + databaseMessage;
        LockstepException failure;
        if (stop.isCancelled()) {
            error = "stopped: " + statement(number, parsed) + " was cancelled when the stop's grace period ran out";
            failure = stop.stopped(migration.path() + " " + error + ". " + stateLeft(parsed, done) + " The lock is released; "
                    + (parsed.inTransaction() ? "the next migrate runs it again."
                    : "the cancelled statement may have taken effect in part: check it before migrating again."), cause);
        } else {
            failure = new LockstepException(Reason.MIGRATION_FAILED, "Migration " + migration.path()
                    + " failed at " + error + ". " + stateLeft(parsed, done) + (parsed.inTransaction() || done == 0
                    ? " Fix the file and run migrate again." : " Complete or revert those statements by hand before"
                    + " migrating again."), cause);
        }
        try {
            finish(rank, MigrationStatus.FAILED, done, started, error);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
        listener.migrationFailed(migration, error);
        return failure;
    }

    /** {@code statement 2 of 5 (line 14)}; a file without statements can fail only in its commit. */
    private static String statement(int number, ParsedMigration parsed) {
        if (number < 1 || parsed.size() == 0) {
            return "the commit of its history row";
        }
        int index = Math.min(number, parsed.size()) - 1;
        return "statement " + (index + 1) + " of " + parsed.size() + " (line " + parsed.statements().get(index).line() + ")";
    }

    /** What the database holds after a failure or a cancel, and what the history says of it. */
    private String stateLeft(ParsedMigration parsed, int done) {
        String database = session.dialect().name();
        if (parsed.inTransaction()) {
            return database + " rolled the migration back and the history records it as failed.";
        }
        if (done == 0) {
            return "It ran outside a transaction and none of its statements had completed; the history records it as failed.";
        }
        return "It ran outside a transaction" + (session.dialect().supportsTransactionalDdl() ? "" : " (" + database
                + " commits DDL at once)") + ": statements 1 to " + done + " took effect and stay, and the history"
                + " records where it stopped.";
    }

    /** Rolls back and returns to autocommit; a connection that is gone adds its error to the failure. */
    private static void rollback(Connection connection, SQLException failure) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
