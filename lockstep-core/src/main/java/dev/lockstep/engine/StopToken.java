package dev.lockstep.engine;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asks a run to stop safely, as a rolling update or Ctrl-C does. Once requested, the engine takes no
 * new work: it finishes the statement it runs (outside a transaction) or the migration (inside one),
 * records where it stopped, releases the lock and throws {@link Reason#TERMINATED} or
 * {@link Reason#INTERRUPTED}. If that takes longer than the grace period, the running statement is
 * cancelled and its transaction rolled back, so the history never says {@code applied} for what was not.
 *
 * <p>Thread-safe: {@link #request} and {@link #cancel} are called from signal handlers and timers
 * while the engine runs on its own thread.
 */
public final class StopToken {
    private final CountDownLatch requested = new CountDownLatch(1);
    private volatile Reason reason;
    private volatile String cause;
    private volatile Duration grace = Duration.ofSeconds(8);
    private volatile boolean cancelled;
    private volatile boolean aborted;
    private volatile Statement running;
    private volatile String cancelledBecause = "the stop's grace period ran out";
    private final Set<Runnable> checks = new CopyOnWriteArraySet<>();

    /** How long a stop waits for the current work before cancelling it; set from the configuration. */
    public void grace(Duration grace) {
        this.grace = grace;
    }

    /**
     * Asks the run to stop; a second request cancels the running statement at once.
     *
     * @param why {@link Reason#TERMINATED} or {@link Reason#INTERRUPTED}
     */
    public void request(Reason why) {
        request(why, why == Reason.INTERRUPTED ? "SIGINT" : "SIGTERM");
    }

    /**
     * Asks the run to stop, saying why in the messages ({@code SIGTERM}, {@code --max-duration of 10m reached}).
     *
     * @param why {@link Reason#TERMINATED} or {@link Reason#INTERRUPTED}: the exit code
     */
    public synchronized void request(Reason why, String cause) {
        if (reason != null) {
            cancel();
            return;
        }
        this.cause = cause;
        reason = why;
        requested.countDown();
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(grace.toMillis());
                cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lockstep-stop-grace");
        timer.setDaemon(true);
        timer.start();
    }

    /**
     * Stops the run at once, with no grace: the running statement is cancelled and rolled back, and nothing
     * more is applied. For a run that can no longer vouch for its lock (a lost lease). An earlier stop
     * request keeps its reason.
     *
     * @param why   the exit code ({@link Reason#MIGRATION_FAILED} for a lost lease)
     * @param cause what happened, for the messages: {@code the migration lease ... was lost: ...}
     */
    public synchronized void abort(Reason why, String cause) {
        if (reason == null) {
            this.cause = cause;
            reason = why;
            requested.countDown();
        }
        cancelledBecause = "the run was stopped at once";
        aborted = true;
        cancel();
    }

    /** Whether the run was stopped at once because it can no longer vouch for its lock ({@link #abort}). */
    boolean isAborted() {
        return aborted;
    }

    /** Why the running statement was cancelled, for messages: {@code the stop's grace period ran out}. */
    String cancelledBecause() {
        return cancelledBecause;
    }

    /**
     * Runs {@code check} whenever the engine asks whether to stop, before every statement and every
     * migration; the check calls {@link #abort} when the run must not go on.
     */
    void watch(Runnable check) {
        checks.add(check);
    }

    void unwatch(Runnable check) {
        checks.remove(check);
    }

    private void runChecks() {
        for (Runnable check : checks) {
            check.run();
        }
    }

    /** Cancels the running statement now, if any; the engine then rolls back and stops. */
    public void cancel() {
        cancelled = true;
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // The statement may have just finished; the engine sees 'cancelled' before its next one.
            }
        }
    }

    public Duration grace() {
        return grace;
    }

    public boolean isRequested() {
        runChecks();
        return reason != null;
    }

    boolean isCancelled() {
        runChecks();
        return cancelled;
    }

    /** Sleeps up to {@code duration}, waking at once when a stop is requested: the engine's default sleeper. */
    public void await(Duration duration) throws InterruptedException {
        requested.await(Math.max(0, duration.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** @throws LockstepException when a stop was requested, saying what was left undone */
    void throwIfRequested(String state) {
        runChecks();
        if (reason != null) {
            throw stopped(state);
        }
    }

    LockstepException stopped(String state) {
        return stopped(state, null);
    }

    LockstepException stopped(String state, Throwable cause) {
        Reason why = reason == null ? Reason.TERMINATED : reason;
        String by = this.cause == null ? "SIGTERM" : this.cause;
        return new LockstepException(why, "Stopped (" + by + "): " + state, cause);
    }

    /** Registers the statement that runs now, so {@link #cancel()} can stop it. */
    void running(Statement statement) {
        running = statement;
    }

    void idle() {
        running = null;
    }
}
