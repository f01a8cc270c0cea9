package dev.lockstep.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.db.BatchTable;
import dev.lockstep.db.Dialect;
import dev.lockstep.db.HistoryTable;
import dev.lockstep.db.LeaseTable;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationStatus;
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
    private final RunContext run;
    private final Clock clock;
    private final MigrationListener listener;
    private final StopToken stop;
    private final Backfill backfill;
    private final StatementProgress progress;

    MigrationRunner(Session session, RunContext run, MigrationListener listener) {
        this.session = session;
        this.config = run.config();
        this.run = run;
        this.clock = run.clock();
        this.listener = listener;
        this.stop = run.stop();
        this.backfill = new Backfill(session, run, listener);
        this.progress = new StatementProgress(config.progressInterval(), listener);
    }

    /** Something written together with a row's change to {@code applied}, in one transaction. */
    interface Completion {
        Completion NOTHING = () -> { };

        void record() throws SQLException;
    }

    /** What {@link #finishApplied} also records for the migration being applied. */
    private Completion onApplied = Completion.NOTHING;

    /** The checksum whose backfill counts {@link #finishApplied} deletes: the migration's, when it has a backfill. */
    private String backfills;

    /**
     * The migration that comes right after the one being applied, with nothing in between: its {@code running} row
     * is written in the transaction of the one before, where that runs in one transaction.
     */
    record Next(ParsedMigration parsed, int rank, int resumeAfter) {
    }

    /**
     * The {@code running} row already committed for the migration {@link #apply} starts next, or {@code null}.
     *
     * @param restored whether lockstep's session settings were restored with it: in the same statement, or with the
     *                 commit that ended the migration before
     */
    private record Ahead(HistoryTable.Running row, boolean restored) {
    }

    private Ahead written;

    /** Whether a {@code running} row was written ahead for a migration that has not started. */
    boolean wroteNext() {
        return written != null;
    }

    /** Deletes the {@code running} row written ahead, when the migration it was for will not start now (a stop). */
    void withdrawNext() throws SQLException {
        if (written != null) {
            int rank = written.row().rank();
            written = null;
            autocommit(session.connection());
            session.history().deleteRunning(rank);
        }
    }

    /** The Java migration whose {@code migrate} ran last, for what it did: its stop, its backfills. */
    private JavaRunner lastJava;

    /** @return how long it took */
    Duration apply(ParsedMigration parsed, int rank) throws SQLException {
        return apply(parsed, rank, 0);
    }

    /**
     * Applies a migration and, in the same transaction as its row's change to {@code applied}, records
     * {@code completion}: an undo file turns its version's row to {@code undone} this way.
     *
     * @return how long it took
     */
    Duration apply(ParsedMigration parsed, int rank, Completion completion) throws SQLException {
        onApplied = completion;
        try {
            return apply(parsed, rank, 0);
        } finally {
            onApplied = Completion.NOTHING;
        }
    }

    /**
     * Applies a migration, or resumes one that runs statement by statement after the statements
     * that already took effect.
     *
     * @param resumeAfter statements 1 to this one took effect in an earlier attempt; 0 for a fresh start
     * @return how long it took
     */
    Duration apply(ParsedMigration parsed, int rank, int resumeAfter) throws SQLException {
        return apply(parsed, rank, resumeAfter, null);
    }

    /**
     * Applies a migration as {@link #apply(ParsedMigration, int, int)} does; where it runs in one transaction and
     * {@code next} follows it, the next one's {@code running} row is written in that transaction (decision 0053).
     *
     * @param next the migration the caller applies right after this one, or {@code null}
     */
    Duration apply(ParsedMigration parsed, int rank, int resumeAfter, Next next) throws SQLException {
        if (resumeAfter > 0 && parsed.inTransaction()) {
            throw new IllegalArgumentException(parsed.migration().script() + " runs in one transaction and cannot resume");
        }
        Migration migration = parsed.migration();
        Connection connection = session.connection();
        if (parsed.hasBackfill()) {
            try {
                KeyedTable.checkBeforeStart(session, migration, parsed.statements().subList(resumeAfter, parsed.size()));
            } catch (LockstepException | SQLException refused) {
                withdrawNext(); // nothing of it starts: no running row of it stays
                throw refused;
            }
        }
        Ahead ahead = written;
        written = null;
        Instant started;
        if (ahead != null && ahead.row().rank() == rank) {
            // Its running row committed with the migration before, and with it (where the dialect folds them into
            // that statement) lockstep's session settings.
            try {
                if (!parsed.inTransaction()) {
                    autocommit(connection);
                }
                if (!ahead.restored()) {
                    session.dialect().restoreSession(connection);
                }
            } catch (SQLException e) {
                rollback(connection, e);
                throw e;
            }
            started = ahead.row().startedAt();
        } else {
            if (ahead != null) {
                autocommit(connection);
                session.history().deleteRunning(ahead.row().rank());
            }
            session.dialect().restoreSession(connection);
            started = clock.instant();
            session.history().insertRunning(rank, migration, parsed.size(), resumeAfter, session.user(), config.replicaId(), started);
        }
        listener.migrationStarted(migration.ref(), parsed.size());
        if (parsed.inTransaction()) {
            applyInTransaction(parsed, rank, started, next);
        } else {
            backfills = parsed.hasBackfill() ? migration.checksum() : null;
            try {
                applyJournaled(parsed, rank, started, resumeAfter);
            } finally {
                backfills = null;
            }
        }
        Duration took = Duration.between(started, clock.instant());
        listener.migrationApplied(migration.ref(), took);
        return took;
    }

    private void applyInTransaction(ParsedMigration parsed, int rank, Instant started, Next next) throws SQLException {
        Connection connection = session.connection();
        BusyTables busy = new BusyTables(started);
        while (true) {
            begin(connection);
            int number = 0;
            try {
                for (Statement statement : parsed.statements()) {
                    number++;
                    try (StatementProgress.Watch watch = progress.start(parsed.migration().ref(), number, parsed.size())) {
                        execute(parsed, statement);
                    }
                    listener.statementDone(parsed.migration().ref(), number, parsed.size());
                }
                Ahead ahead = next == null || onApplied != Completion.NOTHING || stop.isRequested()
                        ? null : finishAndWriteNext(rank, parsed.size(), started, next);
                if (ahead == null) {
                    finishApplied(rank, parsed.size(), started);
                }
                if (ahead == null || ahead.restored()) {
                    connection.commit();
                } else if (session.dialect().commitAndRestoreSession(connection)) {
                    ahead = new Ahead(ahead.row(), true);
                }
                // Where switching costs a round trip, autocommit stays off into the next migration's transaction.
                if (ahead == null || !next.parsed().inTransaction() || !session.dialect().autocommitSwitchIsARoundTrip()) {
                    connection.setAutoCommit(true);
                }
                written = ahead;
                return;
            } catch (SQLException e) {
                rollback(connection, e);
                if (!busy.retry(parsed, number, e)) {
                    throw failed(parsed, rank, started, number, 0, e);
                }
            }
        }
    }

    /**
     * Runs the statements one by one and journals each in {@code statements_done}: in one
     * transaction with the statement where the database allows it, so a crash leaves nothing in
     * doubt but DDL on MySQL and the statements a database refuses inside a transaction.
     */
    private void applyJournaled(ParsedMigration parsed, int rank, Instant started, int resumeAfter) throws SQLException {
        Connection connection = session.connection();
        BusyTables busy = new BusyTables(started);
        int done = resumeAfter;
        try {
            if (resumeAfter > 0) {
                resumeSession(parsed, resumeAfter);
            }
            for (int number = done + 1; number <= parsed.size(); number++) {
                Statement statement = parsed.statement(number);
                if (statement.isBatch()) {
                    int journaled = number;
                    Backfill.Outcome outcome = backfill.run(parsed.migration(), number, statement,
                            () -> session.history().recordProgress(rank, journaled));
                    if (outcome.stopped()) {
                        throw stoppedInBackfill(parsed, rank, started, done, number, outcome);
                    }
                    done = number;
                    listener.statementDone(parsed.migration().ref(), done, parsed.size());
                    if (stop.isRequested() && done < parsed.size()) {
                        throw stoppedBetweenStatements(parsed, rank, started, done);
                    }
                    continue;
                }
                int runEnd = parsed.rowRunEnd(number);
                if (runEnd > number) {
                    done = applyRowRun(parsed, rank, number, runEnd, busy);
                    number = done;
                    if (stop.isRequested() && done < parsed.size()) {
                        throw stoppedBetweenStatements(parsed, rank, started, done);
                    }
                    continue;
                }
                boolean withJournal = parsed.commitsWithJournal(statement);
                if (withJournal) {
                    begin(connection);
                }
                executeRetryingBusyTables(parsed, number, statement, busy, withJournal);
                if (parsed.isJava() && lastJava.stopped() != null) {
                    throw stoppedInJava(parsed, rank, started, lastJava);
                }
                if (parsed.isJava() && lastJava.ranBackfills()) {
                    backfills = parsed.migration().checksum();
                }
                session.history().recordProgress(rank, number);
                if (withJournal) {
                    connection.commit();
                    connection.setAutoCommit(true);
                }
                done = number;
                listener.statementDone(parsed.migration().ref(), done, parsed.size());
                if (stop.isRequested() && done < parsed.size()) {
                    throw stoppedBetweenStatements(parsed, rank, started, done);
                }
            }
        } catch (RowRunFailed e) {
            throw failed(parsed, rank, started, e.number, done, e.cause());
        } catch (SQLException e) {
            rollback(connection, e);
            throw failed(parsed, rank, started, done + 1, done, e);
        }
        finishApplied(rank, parsed.size(), started);
    }

    /**
     * Runs statements {@code first} to {@code last}, row changes between two DDL statements, in one transaction with
     * one journal entry (decision 0056); a statement that gave up on a lock rolls the run back, and the run starts
     * again after back-off. A stop requested inside the run commits what ran so far and ends the run there.
     *
     * @return the last statement committed
     */
    private int applyRowRun(ParsedMigration parsed, int rank, int first, int last, BusyTables busy) throws SQLException {
        Connection connection = session.connection();
        while (true) {
            begin(connection);
            int number = first;
            try {
                int end = first;
                for (; number <= last; number++) {
                    try (StatementProgress.Watch watch = progress.start(parsed.migration().ref(), number, parsed.size())) {
                        execute(parsed.statement(number));
                    }
                    end = number;
                    if (stop.isRequested()) {
                        break;
                    }
                }
                session.history().recordProgress(rank, end);
                connection.commit();
                connection.setAutoCommit(true);
                for (int done = first; done <= end; done++) {
                    listener.statementDone(parsed.migration().ref(), done, parsed.size());
                }
                return end;
            } catch (SQLException e) {
                rollback(connection, e);
                if (!busy.retry(parsed, number, e)) {
                    throw new RowRunFailed(Math.min(number, last), e);
                }
            }
        }
    }

    /** A statement of a run of row changes failed: the run rolled back with its journal entry. */
    private static final class RowRunFailed extends SQLException {
        final int number;

        RowRunFailed(int number, SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
            this.number = number;
        }

        SQLException cause() {
            return (SQLException) getCause();
        }
    }

    /** A resumed migration runs in a new session: its own session statements before the resume point run again first. */
    private void resumeSession(ParsedMigration parsed, int resumeAfter) throws SQLException {
        log.info("Resuming {} at statement {} of {}: {} in an earlier attempt",
                parsed.migration().script(), resumeAfter + 1, parsed.size(), TookEffect.of(resumeAfter));
        for (Statement statement : parsed.sessionStatementsUpTo(resumeAfter)) {
            execute(statement);
        }
    }

    /** A statement that gave up on a lock did not take effect, so it is simply run again after back-off. */
    private void executeRetryingBusyTables(ParsedMigration parsed, int number, Statement statement, BusyTables busy,
                                           boolean inRowTransaction) throws SQLException {
        while (true) {
            try (StatementProgress.Watch watch = progress.start(parsed.migration().ref(), number, parsed.size())) {
                execute(parsed, statement);
                return;
            } catch (SQLException e) {
                if (inRowTransaction) {
                    rollback(session.connection(), e);
                }
                if (!busy.retry(parsed, number, e)) {
                    throw e;
                }
                if (inRowTransaction) {
                    begin(session.connection());
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
                Durations.sleep(run.sleeper(), Durations.jitter(Durations.min(delay, Duration.between(clock.instant(), deadline))));
                delay = Durations.min(delay.multipliedBy(2), MAX_RETRY);
                if (stop.isRequested()) {
                    return false;
                }
                try {
                    session.dialect().cleanUpAfterFailedStatement(session.connection(), statement.sql());
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

    /** Opens a transaction for migration statements, with lockstep's settings where they must last one transaction only. */
    private void begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        session.dialect().beginTransaction(connection);
    }

    /** Runs one statement of {@code parsed}, or a Java migration's one step: its {@code migrate} method. */
    private void execute(ParsedMigration parsed, Statement statement) throws SQLException {
        if (!parsed.isJava()) {
            execute(statement);
            return;
        }
        if (stop.isCancelled()) {
            throw new SQLException("cancelled before it started: " + stop.cancelledBecause());
        }
        lastJava = new JavaRunner(session, backfill, parsed, parsed.inTransaction());
        lastJava.migrate();
    }

    /** Runs one statement where a stop past its grace can cancel it. */
    private void execute(Statement statement) throws SQLException {
        if (stop.isCancelled()) {
            throw new SQLException("cancelled before it started: " + stop.cancelledBecause());
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
        String error = "stopped after statement " + done + " of " + parsed.size() + "; " + TookEffect.of(done)
                + " and nothing was in flight";
        finish(rank, MigrationStatus.FAILED, done, started, HistoryRow.RESUMABLE + error);
        listener.migrationFailed(parsed.migration().ref(), error);
        return stop.stopped(parsed.migration().path() + " was " + error + ". The lock is released, and the next migrate"
                + " resumes it at statement " + (done + 1) + ".");
    }

    /** A stop between two batches of a backfill: its batches so far are committed and counted, nothing is in flight. */
    private LockstepException stoppedInBackfill(ParsedMigration parsed, int rank, Instant started, int done, int number,
                                                Backfill.Outcome outcome) throws SQLException {
        String error = "stopped between two batches of the backfill at statement " + number + " of " + parsed.size()
                + " (line " + parsed.statement(number).line() + ") after " + outcome.done().batches() + " batches and "
                + outcome.done().rows() + " rows; " + TookEffect.of(done) + " and nothing was in flight";
        finish(rank, MigrationStatus.FAILED, done, started, HistoryRow.RESUMABLE + error);
        listener.migrationFailed(parsed.migration().ref(), error);
        return stop.stopped(parsed.migration().path() + " was " + error + ". The lock is released, and the next migrate"
                + " resumes the backfill with its next batch.");
    }

    /**
     * In the migration's transaction: its row to {@code applied} and the next migration's {@code running} row, with
     * lockstep's session settings restored in the same statement where the dialect allows it.
     *
     * @return the row written for the next migration
     */
    private Ahead finishAndWriteNext(int rank, int done, Instant started, Next next) throws SQLException {
        Instant now = clock.instant();
        HistoryTable.Running ahead = new HistoryTable.Running(next.rank(), next.parsed().migration(), next.parsed().size(),
                next.resumeAfter(), session.user(), config.replicaId(), now);
        Dialect.Query settings = session.dialect().writesInWith() ? session.dialect().restoreSessionQuery() : null;
        if (!session.history().finishAndWriteNext(rank, done, now, Duration.between(started, now).toMillis(), ahead, settings)) {
            throw new SQLException("another replica ended its history row while this one applied it: two replicas"
                    + " held locks that do not exclude each other");
        }
        return new Ahead(ahead, settings != null);
    }

    /** A stop between two batches of a Java migration's backfill: its batches so far are committed and counted. */
    private LockstepException stoppedInJava(ParsedMigration parsed, int rank, Instant started, JavaRunner java)
            throws SQLException {
        String error = "stopped between two batches of backfill " + java.stoppedAt() + " of the Java migration after "
                + java.stopped().done().batches() + " batches and " + java.stopped().done().rows() + " rows; nothing"
                + " was in flight";
        finish(rank, MigrationStatus.FAILED, 0, started, HistoryRow.RESUMABLE + error);
        listener.migrationFailed(parsed.migration().ref(), error);
        return stop.stopped(parsed.migration().path() + " was " + error + ". The lock is released, and the next migrate"
                + " runs it again: the backfill resumes with its next batch.");
    }

    /** Ends the row as applied with what {@link #onApplied} records, in one transaction (opened here under autocommit). */
    private void finishApplied(int rank, int done, Instant started) throws SQLException {
        Connection connection = session.connection();
        boolean ownTransaction = connection.getAutoCommit() && (onApplied != Completion.NOTHING || backfills != null);
        if (ownTransaction) {
            connection.setAutoCommit(false);
        }
        try {
            Instant now = clock.instant();
            if (!session.history().finishRunning(rank, MigrationStatus.APPLIED, done, now,
                    Duration.between(started, now).toMillis(), null)) {
                throw new SQLException("another replica ended its history row while this one applied it: two replicas"
                        + " held locks that do not exclude each other");
            }
            onApplied.record();
            if (backfills != null) {
                new BatchTable(connection, session.dialect(), session.schema(), session.table()).clear(backfills);
            }
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

    /** What became of the migration lock when the session that took it was lost: it went with it, or it lapses. */
    private String lockAfterLostConnection() {
        if (!Engine.takesLease(config, session.dialect())) {
            return "The migration lock went with the session, so this replica stops here.";
        }
        return "This replica stops here. Its lease on the migration lock in " + LeaseTable.nameFor(session.table())
                + " did not go with the session: it lapses " + Durations.format(config.leaseDuration()) + " after its last"
                + " renewal, and only then can another replica take it over.";
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
        int recorded = done;
        LockstepException failure;
        if (connectionLost(cause)) {
            // Stop here, never go on over a new connection: a session lock went with the session, and a lease, whose
            // row cannot be deleted over the lost connection, lapses once the heartbeat stops renewing it.
            listener.migrationFailed(migration.ref(), error);
            return new LockstepException(Reason.MIGRATION_FAILED, "Lost the connection to the database while applying "
                    + migration.path() + ", at " + error + ". " + lockAfterLostConnection() + " "
                    + (parsed.inTransaction() ? "The database rolls the open transaction back; "
                    : "Statements 1 to " + done + " took effect; ") + "the next migrate settles the row left running"
                    + " and carries on.", cause);
        }
        if (stop.isCancelled()) {
            error = "stopped: " + statement(number, parsed) + " was cancelled when " + stop.cancelledBecause();
            String next;
            if (parsed.inTransaction()) {
                next = stateLeft(parsed, 0) + " The lock is released; the next migrate runs it again.";
            } else if (stop.isAborted()) {
                // The lock is no longer ours: leave the row running for the replica that holds it next to judge.
                listener.migrationFailed(migration.ref(), error);
                return stop.stopped(migration.path() + " " + error + ". The replica that takes the lock next judges"
                        + " whether the cancelled statement took effect, and resumes.", cause);
            } else {
                InFlight judged = judgeCancelled(parsed, done, cause);
                error += "; " + judged.reason();
                if (judged.verdict() == InFlight.Verdict.IN_DOUBT) {
                    error = HistoryRow.IN_DOUBT + error;
                    next = stateLeft(parsed, done) + " The lock is released. Check the statement, then "
                            + repairChoices(migration);
                } else {
                    recorded = judged.done(done);
                    error = HistoryRow.RESUMABLE + error;
                    next = "The lock is released, and the next migrate resumes it at statement " + (recorded + 1) + ".";
                }
            }
            failure = stop.stopped(migration.path() + " " + error + ". " + next, cause);
        } else if (cause instanceof KeyedTable.Refused) {
            failure = new LockstepException(Reason.INVALID_MIGRATIONS, cause.getMessage() + " " + stateLeft(parsed, done)
                    + (done == 0 ? " Fix the file and run migrate again." : " Fix the file, then " + repairChoices(migration)), cause);
        } else if (number >= 1 && number <= parsed.size() && parsed.statement(number).isBatch()) {
            error = HistoryRow.RESUMABLE + error;
            failure = new LockstepException(Reason.MIGRATION_FAILED, "Migration " + migration.path() + " failed at "
                    + statement(number, parsed) + ", a backfill, in a batch that rolled back: " + databaseMessage + ". "
                    + (done == 0 ? "" : "Statements 1 to " + done + " took effect; ") + "the batches before it stay"
                    + " committed and counted. Fix the cause (not the file: its statements are counted by its text), then"
                    + " run migrate again: it resumes the backfill with its next batch.", cause);
        } else {
            boolean outOfSpace = session.dialect().isOutOfSpace(cause);
            String room = " The database ran out of room, and the file is not at fault: free disk space (or raise the"
                    + " quota) where the database keeps its data, then";
            String next = parsed.inTransaction() || done == 0
                    ? (outOfSpace ? room + " run migrate again." : parsed.isJava()
                    ? " Fix the class (or the cause) and run migrate again." : " Fix the file and run migrate again.")
                    : (outOfSpace ? room + " " : " Fix the cause, then ") + repairChoices(migration);
            String rolledBack = number <= done + 1 || parsed.inTransaction() ? ""
                    : (number == done + 2 ? " Statement " + (done + 1) : " Statements " + (done + 1) + " to " + (number - 1))
                    + " ran in one transaction with it, as row changes between two DDL statements do, and rolled back"
                    + " with it.";
            failure = new LockstepException(Reason.MIGRATION_FAILED, "Migration " + migration.path()
                    + " failed at " + error + ". " + stateLeft(parsed, done) + rolledBack + next, cause);
        }
        try {
            finish(rank, MigrationStatus.FAILED, recorded, started, error);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
        listener.migrationFailed(migration.ref(), error);
        return failure;
    }

    /** Whether the session is gone (a network cut, a server restart, a terminated backend), and the lock with it. */
    private boolean connectionLost(SQLException cause) {
        if (session.dialect().isSessionLost(cause)) {
            return true;
        }
        try {
            return session.connection().isClosed() || !session.connection().isValid(2);
        } catch (SQLException e) {
            return true;
        }
    }

    /** A statement cancelled past the grace period: judged at once, while this replica still holds the lock. */
    private InFlight judgeCancelled(ParsedMigration parsed, int done, SQLException cause) {
        try {
            return InFlight.judge(parsed, done, session);
        } catch (SQLException e) {
            cause.addSuppressed(e);
            return new InFlight(InFlight.Verdict.IN_DOUBT, "the catalog could not be read to tell whether it took effect");
        }
    }

    private static String repairChoices(Migration migration) {
        String version = migration.version() == null ? migration.description() : migration.version().toString();
        return "run 'lockstep repair --retry " + version + "' to run the failed statement again and go on; or, if it"
                + " did take effect, 'lockstep repair --mark-applied " + version + " --statement'.";
    }

    /** {@code statement 2 of 5 (line 14)}; a file without statements can fail only in its commit. */
    private static String statement(int number, ParsedMigration parsed) {
        if (number < 1 || parsed.size() == 0) {
            return "the commit of its history row";
        }
        if (parsed.isJava()) {
            return "its migrate method";
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
        if (parsed.isJava()) {
            return "It ran outside a transaction, as its class asks: what it committed stays (its backfills' batches"
                    + " counted, to resume with the next), and the history records it as failed; the next migrate runs"
                    + " it again from the start.";
        }
        if (done == 0) {
            return "It ran outside a transaction and none of its statements had completed; the history records it as failed.";
        }
        return "It ran outside a transaction" + (session.dialect().supportsTransactionalDdl() ? "" : " (" + database
                + " commits DDL at once)") + ": " + TookEffect.of(done) + (done == 1 ? " and stays" : " and stay") + ", and the history"
                + " records where it stopped.";
    }

    /** Back to autocommit, where a migration's commit left it off for the next one (nothing is open then). */
    private static void autocommit(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.setAutoCommit(true);
        }
    }

    /** Rolls back and returns to autocommit; a connection that is gone adds its error to the failure. */
    static void rollback(Connection connection, SQLException failure) {
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
