package dev.lockstep.engine;

import dev.lockstep.db.BatchTable;
import dev.lockstep.db.SessionLock;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.model.HistoryRow;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.MigrationStatus;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Takes the migration lock by polling with back-off and jitter, never blocking inside a statement,
 * and tells every few seconds who holds it and what that replica is doing.
 */
final class LockWaiter {
    private static final Duration FIRST_DELAY = Duration.ofMillis(50);
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private final Clock clock;
    private final Sleeper sleeper;
    private final StopToken stop;
    private final MigrationListener listener;

    LockWaiter(Clock clock, Sleeper sleeper, StopToken stop, MigrationListener listener) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.stop = stop;
        this.listener = listener;
    }

    void acquire(SessionLock lock, Session session, Duration timeout) throws SQLException {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        Instant nextReport = start;
        Duration delay = FIRST_DELAY;
        while (!lock.tryAcquire()) {
            stop.throwIfRequested("while waiting for the migration lock; nothing was changed.");
            Instant now = clock.instant();
            Duration waited = Duration.between(start, now);
            if (!now.isBefore(deadline)) {
                throw new LockstepException(Reason.LOCK_TIMEOUT, "Gave up waiting for the migration lock ("
                        + lock.description() + ") after " + Durations.format(waited) + ": it is held by "
                        + holder(lock, session) + ". If that replica is still migrating, raise --lock-timeout;"
                        + " if it hangs, stop it: the database frees its lock when its session ends.");
            }
            if (!now.isBefore(nextReport)) {
                listener.waitingForLock(holder(lock, session), waited);
                nextReport = now.plus(REPORT_EVERY);
            }
            Duration pause = Durations.jitter(Durations.min(delay, Duration.between(now, deadline)));
            if (!awaitReleaseInProcess(lock, pause)) {
                Durations.sleep(sleeper, pause);
            }
            delay = Durations.min(delay.multipliedBy(2), MAX_DELAY);
        }
        listener.lockAcquired(Duration.between(start, clock.instant()));
    }

    private static boolean awaitReleaseInProcess(SessionLock lock, Duration pause) {
        try {
            return lock.awaitReleaseInProcess(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockstepException(Reason.INTERNAL, "Interrupted while waiting for the migration lock; nothing was changed.", e);
        }
    }

    /**
     * Who holds the lock, and what its {@code running} history row says it is doing, with the batches and rows of the
     * backfill it runs ({@link BatchTable}, committed with each batch); only who, while the holder's transaction keeps
     * the history from being read (SQLite).
     */
    static String holder(SessionLock lock, Session session) throws SQLException {
        StringBuilder text = new StringBuilder(lock.holder());
        List<HistoryRow> history;
        try {
            history = session.history().readIfExists().orElse(List.of());
        } catch (SQLException e) {
            if (!session.dialect().isBusy(e)) {
                throw e;
            }
            return text.append(", whose transaction has the database locked").toString();
        }
        for (HistoryRow row : history) {
            if (row.status() == MigrationStatus.RUNNING) {
                text.append("; replica ").append(row.replica()).append(" is applying ").append(row.script())
                        .append(" (").append(HistoryEntry.progress(row.statementsDone(), row.statementsTotal()))
                        .append(") since ").append(row.startedAt()).append(backfill(session, row));
            }
        }
        return text.toString();
    }

    /** {@code , a backfill: 12 batches, 60000 rows} when the row's statement in flight has committed batches. */
    private static String backfill(Session session, HistoryRow row) {
        if (row.checksum() == null) {
            return "";
        }
        try {
            BatchTable.Done done = new BatchTable(session.connection(), session.dialect(), session.schema(), session.table())
                    .read(row.checksum(), row.statementsDone() + 1);
            return done.batches() == 0 ? "" : ", a backfill: " + done.batches() + " batches, " + done.rows() + " rows"
                    + (done.lastKey() == null ? "" : " (keys up to " + done.lastKey() + ")");
        } catch (SQLException e) {
            return ""; // the holder's transaction has the file locked (SQLite): who holds the lock says enough
        }
    }
}
