package dev.lockstep.engine;

import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.MigrationRef;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Says, every interval while a statement runs, which one it is and for how long: a statement of twelve seconds is
 * otherwise silent between "Applying" and "Applied". The migrating thread is blocked inside the driver meanwhile,
 * so the report comes from one daemon timer thread shared by the process; it never touches the connection.
 */
final class StatementProgress {
    private final Duration every;
    private final MigrationListener listener;

    /** @param every how often to report; zero turns the reports off */
    StatementProgress(Duration every, MigrationListener listener) {
        this.every = every;
        this.listener = listener;
    }

    /** Watches statement {@code number} of {@code total} from now until the returned watch is closed. */
    Watch start(MigrationRef migration, int number, int total) {
        if (every.isZero() || every.isNegative()) {
            return () -> { };
        }
        long started = System.nanoTime();
        ScheduledFuture<?> report = Timer.THREAD.scheduleAtFixedRate(
                () -> listener.statementRunning(migration, number, total, Duration.ofNanos(System.nanoTime() - started)),
                every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
        return () -> report.cancel(false);
    }

    /** A statement being watched; closing it ends its reports. */
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }

    /** Made on first use only: a process that never runs a long statement starts no thread. */
    private static final class Timer {
        static final ScheduledExecutorService THREAD = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lockstep-statement-progress");
            thread.setDaemon(true);
            return thread;
        });
    }
}
