package dev.lockstep.engine;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.SchemaStatus;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Polls the history, never the lock, until the schema is ready (nothing pending up to the target,
 * nothing running), with back-off, a progress event every few seconds and a timeout. What
 * {@code lockstep wait} and a replica that does not migrate itself use.
 */
final class SchemaWaiter {
    private static final Duration FIRST_DELAY = Duration.ofMillis(250);
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    /** Reads where the schema stands now; throws when waiting cannot help (an invalid migration set). */
    @FunctionalInterface
    interface Check {
        SchemaStatus read() throws SQLException;
    }

    private final Clock clock;
    private final Sleeper sleeper;
    private final StopToken stop;
    private final MigrationListener listener;

    SchemaWaiter(Clock clock, Sleeper sleeper, StopToken stop, MigrationListener listener) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.stop = stop;
        this.listener = listener;
    }

    SchemaStatus await(Check check, Duration timeout) throws SQLException {
        Instant start = clock.instant();
        Instant deadline = start.plus(timeout);
        Instant nextReport = start;
        Duration delay = FIRST_DELAY;
        while (true) {
            SchemaStatus status = check.read();
            listener.schemaChecked(status);
            if (status.isReady()) {
                return status;
            }
            stop.throwIfRequested("while waiting for the schema; nothing was changed.");
            Instant now = clock.instant();
            Duration waited = Duration.between(start, now);
            if (!now.isBefore(deadline)) {
                throw new LockstepException(Reason.LOCK_TIMEOUT, "Gave up waiting for the schema of " + status.database()
                        + " after " + Durations.format(waited) + ": " + status.describe() + ". If a replica is still"
                        + " migrating, allow a longer wait (wait --timeout, exec --lock-timeout); if none is, run lockstep migrate.");
            }
            if (!now.isBefore(nextReport)) {
                listener.waitingForSchema(status, waited);
                nextReport = now.plus(REPORT_EVERY);
            }
            Durations.sleep(sleeper, Durations.min(delay, Duration.between(now, deadline)));
            delay = Durations.min(delay.multipliedBy(2), MAX_DELAY);
        }
    }
}
