package dev.lockstep.engine;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Retries a read that the database refused as busy ({@link dev.lockstep.db.Dialect#isBusy}: on SQLite, a
 * migration's transaction holds the whole file) until the command's deadline, with back-off, telling every
 * few seconds whom it waits for, as a replica waiting for the lock does. Past the deadline it gives up with
 * {@link Reason#LOCK_TIMEOUT}. One per session; the deadline is the command's, not each read's.
 */
final class BusyReads {
    private static final Duration FIRST_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    /** One read of the database. */
    @FunctionalInterface
    interface Read<T> {
        T run() throws SQLException;
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final StopToken stop;
    private final MigrationListener listener;
    private volatile Instant deadline;
    private volatile String option;

    private BusyReads(Clock clock, Sleeper sleeper, StopToken stop, MigrationListener listener, Instant deadline,
                      String option) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.stop = stop;
        this.listener = listener;
        this.deadline = deadline;
        this.option = option;
    }

    /** Busy reads retried for {@code timeout} from now; {@code option} is what a user raises to wait longer. */
    static BusyReads of(RunContext run, MigrationListener listener, Duration timeout, String option) {
        return new BusyReads(run.clock(), run.sleeper(), run.stop(), listener, run.clock().instant().plus(timeout), option);
    }

    /** Busy reads fail at once, as any other database error. */
    static BusyReads none() {
        return new BusyReads(Clock.systemUTC(), null, null, null, null, "");
    }

    /** From now on, retries until {@code timeout} from now: a command whose own timeout is not the lock's. */
    void waitUpTo(Duration timeout, String option) {
        this.deadline = clock.instant().plus(timeout);
        this.option = option;
    }

    <T> T read(Session session, Read<T> read) throws SQLException {
        Instant start = clock.instant();
        Instant nextReport = start;
        Duration delay = FIRST_DELAY;
        while (true) {
            try {
                return read.run();
            } catch (SQLException e) {
                if (deadline == null || !session.dialect().isBusy(e)) {
                    throw e;
                }
                Instant now = clock.instant();
                Duration waited = Duration.between(start, now);
                if (!now.isBefore(deadline)) {
                    throw new LockstepException(Reason.LOCK_TIMEOUT, "Gave up after " + Durations.format(waited)
                            + " waiting to read " + session.database() + ": " + holder(session) + ". If that replica is"
                            + " still migrating, raise " + option + "; if it hangs, stop it: its lock and its transaction"
                            + " end with its process.", e);
                }
                stop.throwIfRequested("while waiting for the database; nothing was changed.");
                if (!now.isBefore(nextReport)) {
                    listener.waitingForLock(holder(session), waited);
                    nextReport = now.plus(REPORT_EVERY);
                }
                Durations.sleep(sleeper, Durations.jitter(Durations.min(delay, Duration.between(now, deadline))));
                delay = Durations.min(delay.multipliedBy(2), MAX_DELAY);
            }
        }
    }

    /** Who keeps the database busy: the migration lock's holder, whose transaction holds the file. */
    static String holder(Session session) throws SQLException {
        String holder = session.dialect().lock(session.connection(), session.schema(), session.table()).holder();
        return "unknown".equals(holder)
                ? "another connection's transaction, which has the database locked (no replica holds the migration lock)"
                : holder + ", whose transaction has the database locked";
    }
}
