package dev.lockstep.engine;

import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.MigrationRef;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Says, every interval while a statement runs, which one it is and for how long: a statement of twelve seconds is
 * otherwise silent between "Applying" and "Applied". The migrating thread is blocked inside the driver meanwhile,
 * so the report comes from one daemon timer thread shared by the process; it never touches the connection.
 *
 * <p>Starting and ending a watch only writes the statement being watched to a field: no task is scheduled or
 * cancelled per statement, so a migration of two short statements costs the timer thread nothing. One check per
 * instance is pending on the timer at a time, at the moment the statement it last saw would be due for a report; it
 * reports the statement that is still running then, or waits for the one running now, or ends when none is.
 * Reports therefore come at the same moments as before: the interval after a statement started, and every interval
 * after that, until it ends.
 */
final class StatementProgress {
    private static final Watch NONE = () -> { };

    private final Duration every;
    private final MigrationListener listener;
    /** The statement running now, or {@code null}; written by the migrating thread, read by the timer. */
    private volatile Watched current;
    /** Whether a check of {@link #current} is scheduled on the timer. */
    private final AtomicBoolean checking = new AtomicBoolean();

    /** @param every how often to report; zero turns the reports off */
    StatementProgress(Duration every, MigrationListener listener) {
        this.every = every;
        this.listener = listener;
    }

    /** Watches statement {@code number} of {@code total} from now until the returned watch is closed. */
    Watch start(MigrationRef migration, int number, int total) {
        if (every.isZero() || every.isNegative()) {
            return NONE;
        }
        Watched watched = new Watched(migration, number, total, System.nanoTime(), every.toNanos());
        current = watched;
        if (!checking.get() && checking.compareAndSet(false, true)) {
            Timer.THREAD.schedule(this::check, every.toNanos(), TimeUnit.NANOSECONDS);
        }
        return watched;
    }

    /** On the timer: reports the statement running now if it is due, and schedules the next check. */
    private void check() {
        Watched watched = current;
        if (watched == null) {
            checking.set(false);
            // A statement that started between the read and the reset found this check still pending: go on for it.
            watched = current;
            if (watched == null || !checking.compareAndSet(false, true)) {
                return;
            }
        }
        long now = System.nanoTime();
        try {
            if (now - watched.due >= 0) {
                watched.due += watched.every;
                listener.statementRunning(watched.migration, watched.number, watched.total, Duration.ofNanos(now - watched.started));
            }
        } finally {
            Timer.THREAD.schedule(this::check, Math.max(0, watched.due - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    /** A statement being watched; closing it ends its reports. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    private final class Watched implements Watch {
        final MigrationRef migration;
        final int number;
        final int total;
        final long started;
        final long every;
        /** When its next report is due ({@link System#nanoTime}); read and advanced by the timer only. */
        long due;

        Watched(MigrationRef migration, int number, int total, long started, long every) {
            this.migration = migration;
            this.number = number;
            this.total = total;
            this.started = started;
            this.every = every;
            this.due = started + every;
        }

        @Override
        public void close() {
            if (current == this) {
                current = null;
            }
        }
    }

    /** Made on first use only: a process that never runs a statement starts no thread. */
    private static final class Timer {
        static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lockstep-statement-progress");
            thread.setDaemon(true);
            return thread;
        });
    }
}
