package dev.lockstep.spring;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM during the start-up migration, as the CLI handles it: take no new work, let the running statement or
 * migration finish within the stop grace (else cancel it), record where it stopped, release the lock.
 *
 * <p>SIGTERM starts the JVM's shutdown, and Spring's shutdown hook closes the application context; but a context
 * cannot close while it is being refreshed (its {@code close()} waits for the refresh), and the migration runs inside
 * the refresh. So, only while the migration runs, this adds a JVM shutdown hook of its own that asks the run to stop.
 * The run then throws lockstep's TERMINATED error, the refresh fails, Spring closes the context (the pool, the probe
 * listener) and the JVM exits with 143, the CLI's code. The hook holds the JVM's shutdown at most the stop grace and a
 * margin: past that the process ends anyway, and the database frees the lock with the session.
 */
final class SafeStop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SafeStop.class);
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private SafeStop(Runnable requestStop, Duration grace, String what) {
        this.hook = new Thread(() -> {
            if (finished.getCount() == 0) {
                return;
            }
            log.warn("lockstep: the JVM is shutting down (SIGTERM) during the start-up {}: taking no new work, finishing"
                    + " the current statement or migration (up to {}), then stopping", what, LockstepFactory.durationText(grace));
            requestStop.run();
            try {
                if (!finished.await(grace.plus(MARGIN).toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("lockstep: still running {} after the stop request; exiting. The database frees the lock"
                            + " with the session.", LockstepFactory.durationText(grace.plus(MARGIN)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lockstep-safe-stop");
    }

    /** Watches for the JVM's shutdown until {@link #close()}. */
    static SafeStop during(String what, Duration grace, Runnable requestStop) {
        SafeStop stop = new SafeStop(requestStop, grace, what);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    /** The run ended, one way or another: a shutdown from now on is Spring's alone. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs, or has run: it sees the count and returns.
        }
    }
}
