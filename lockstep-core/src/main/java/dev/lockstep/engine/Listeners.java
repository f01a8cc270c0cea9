package dev.lockstep.engine;

import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.SchemaStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Fans each event out to every listener; one that throws is logged and skipped, never allowed to break a run. */
final class Listeners implements MigrationListener {
    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<MigrationListener> all;

    Listeners(List<MigrationListener> listeners) {
        List<MigrationListener> list = new ArrayList<>();
        list.add(new LogListener());
        list.addAll(listeners);
        this.all = List.copyOf(list);
    }

    private void each(Consumer<MigrationListener> event) {
        for (MigrationListener listener : all) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                log.warn("Listener {} failed; ignoring it: {}", listener.getClass().getName(), e.toString());
            }
        }
    }

    @Override
    public void databaseUnreachable(String error, int attempt) {
        each(l -> l.databaseUnreachable(error, attempt));
    }

    @Override
    public void schemaChecked(SchemaStatus status) {
        each(l -> l.schemaChecked(status));
    }

    @Override
    public void waitingForSchema(SchemaStatus status, Duration waited) {
        each(l -> l.waitingForSchema(status, waited));
    }

    @Override
    public void waitingForLock(String holder, Duration waited) {
        each(l -> l.waitingForLock(holder, waited));
    }

    @Override
    public void lockAcquired(Duration waited) {
        each(l -> l.lockAcquired(waited));
    }

    @Override
    public void lockReleased() {
        each(MigrationListener::lockReleased);
    }

    @Override
    public void migrationStarted(MigrationRef migration, int statements) {
        each(l -> l.migrationStarted(migration, statements));
    }

    @Override
    public void statementRunning(MigrationRef migration, int number, int total, Duration running) {
        each(l -> l.statementRunning(migration, number, total, running));
    }

    @Override
    public void statementDone(MigrationRef migration, int number, int total) {
        each(l -> l.statementDone(migration, number, total));
    }

    @Override
    public void batchProgress(MigrationRef migration, dev.lockstep.result.BatchProgress progress) {
        each(l -> l.batchProgress(migration, progress));
    }

    @Override
    public void migrationApplied(MigrationRef migration, Duration took) {
        each(l -> l.migrationApplied(migration, took));
    }

    @Override
    public void migrationFailed(MigrationRef migration, String error) {
        each(l -> l.migrationFailed(migration, error));
    }
}
