package dev.lockstep.spring;

import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.SchemaStatus;

import java.time.Duration;

/** Turns the engine's events into the one-line reason of {@link StartupProgress}. */
final class ProgressListener implements MigrationListener {
    private final StartupProgress progress;
    private int statements = 1;

    ProgressListener(StartupProgress progress) {
        this.progress = progress;
    }

    @Override
    public void databaseUnreachable(String error, int attempt) {
        progress.connecting(error);
    }

    @Override
    public void schemaChecked(SchemaStatus status) {
        if (!progress.isDone()) {
            progress.checking();
        }
    }

    @Override
    public void waitingForLock(String holder, Duration waited) {
        progress.waitingForLock(holder, waited);
    }

    @Override
    public void waitingForSchema(SchemaStatus status, Duration waited) {
        progress.waitingForSchema(status.describe(), waited);
    }

    @Override
    public void migrationStarted(MigrationRef migration, int statements) {
        this.statements = Math.max(1, statements);
        progress.migrating(name(migration), 1, this.statements);
    }

    @Override
    public void batchProgress(MigrationRef migration, BatchProgress batch) {
        if (batch.finished()) {
            progress.migrating(name(migration), batch.statement(), statements);
        } else {
            progress.backfilling(name(migration), batch.statement(), statements, batch);
        }
    }

    @Override
    public void statementDone(MigrationRef migration, int number, int total) {
        if (number < total) {
            progress.migrating(name(migration), number + 1, total);
        }
    }

    /** {@code V7}, or the script of a repeatable migration: the CLI's readiness names them so. */
    static String name(MigrationRef migration) {
        return migration.version() == null ? migration.script() : "V" + migration.version();
    }
}
