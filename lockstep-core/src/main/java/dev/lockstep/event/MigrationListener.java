package dev.lockstep.event;

import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.SchemaStatus;

import java.time.Duration;

/**
 * Hears what the engine does, in order, on the thread that migrates. Logging, progress, metrics and
 * health state are listeners. A listener must return quickly and must not throw: an exception is
 * logged and otherwise ignored, so a broken listener never breaks a migration.
 */
public interface MigrationListener {

    /** The database did not accept a connection yet; {@code error} is the driver's message without secrets. */
    default void databaseUnreachable(String error, int attempt) {
    }

    /** The history was read: where the schema stands. Migrate reads it before and under the lock; a wait, every poll. */
    default void schemaChecked(SchemaStatus status) {
    }

    /** A wait for the schema goes on; called again every few seconds, for a progress line. */
    default void waitingForSchema(SchemaStatus status, Duration waited) {
    }

    /** Another replica holds the lock; called again every few seconds while waiting. */
    default void waitingForLock(String holder, Duration waited) {
    }

    default void lockAcquired(Duration waited) {
    }

    default void lockReleased() {
    }

    default void migrationStarted(MigrationRef migration, int statements) {
    }

    /**
     * Statement {@code number} (1-based) of {@code total} has been running for {@code running}: called every
     * progress interval ({@code LockstepConfig.progressInterval()}) while it runs, from a timer thread (the
     * migrating thread is inside the driver), so a listener that keeps state must be thread-safe.
     */
    default void statementRunning(MigrationRef migration, int number, int total, Duration running) {
    }

    /** Statement {@code number} (1-based) of {@code total} took effect. */
    default void statementDone(MigrationRef migration, int number, int total) {
    }

    /**
     * A batch of a backfill ({@code -- lockstep:batch}) committed, or its last one found no row left
     * ({@link BatchProgress#finished()}). Called after every batch: a listener that logs picks its own pace.
     */
    default void batchProgress(MigrationRef migration, BatchProgress progress) {
    }

    default void migrationApplied(MigrationRef migration, Duration took) {
    }

    default void migrationFailed(MigrationRef migration, String error) {
    }
}
