package dev.lockstep.spring;

import dev.lockstep.result.BatchProgress;

import java.time.Duration;

/**
 * Where the start-up migration or wait stands, in one line for a readiness probe, worded as the CLI's readiness:
 * {@code migrating V7 statement 2/3}, {@code waiting for lock held by api-2:41 (12s)}. Fed by {@link ProgressListener} on
 * the migrating thread, read by the probe listener's thread: every method is synchronized, and nothing here touches
 * the database.
 */
final class StartupProgress {
    private String reason = "starting: lockstep has not begun yet";
    private boolean done;

    synchronized void connecting(String error) {
        reason = "waiting for the database to accept connections: " + error;
    }

    synchronized void checking() {
        reason = "checking the schema";
    }

    synchronized void waitingForLock(String holder, Duration waited) {
        reason = "waiting for lock held by " + holder + " (" + LockstepFactory.durationText(seconds(waited)) + ")";
    }

    synchronized void migrating(String migration, int statement, int statements) {
        reason = "migrating " + migration + " statement " + statement + "/" + statements;
    }

    /** A backfill's batch committed: its counts and rate, as the CLI's readiness shows them. */
    synchronized void backfilling(String migration, int statement, int statements, BatchProgress backfill) {
        reason = "migrating " + migration + " statement " + statement + "/" + statements + ", a backfill: "
                + backfill.batches() + " batches, " + backfill.rows() + " rows, " + Math.round(backfill.rowsPerSecond())
                + " rows/s" + backfill.rowsLeftText();
    }

    synchronized void waitingForSchema(String schema, Duration waited) {
        reason = "waiting for the schema (" + LockstepFactory.durationText(seconds(waited)) + "): " + schema;
    }

    /** The schema is ready; the rest of the application is starting, and the web server will answer the probes. */
    synchronized void done(String summary) {
        done = true;
        reason = "the application is starting: " + summary;
    }

    synchronized void failed(String message) {
        reason = "the start-up failed: " + message;
    }

    synchronized boolean isDone() {
        return done;
    }

    /** Why the application is not ready yet. */
    synchronized String reason() {
        return reason;
    }

    private static Duration seconds(Duration d) {
        return Duration.ofSeconds(d.toSeconds());
    }
}
