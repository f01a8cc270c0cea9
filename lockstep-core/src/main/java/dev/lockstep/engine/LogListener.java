package dev.lockstep.engine;

import dev.lockstep.event.MigrationListener;
import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.SchemaStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

import java.time.Duration;

/**
 * The log lines a person reads while replicas migrate. Each carries an {@code event} key (and a
 * {@code migration} key where one is concerned) through SLF4J's key-value pairs, so a structured log
 * backend can ship them as fields; a plain one prints the message alone, or prefixed with the pairs.
 */
final class LogListener implements MigrationListener {
    private static final Logger log = LoggerFactory.getLogger("dev.lockstep");
    /** How often a running backfill logs its progress. */
    static final Duration BACKFILL_EVERY = Duration.ofSeconds(5);

    /** The backfill last logged, and at which of its elapsed times: one line every {@link #BACKFILL_EVERY}. */
    private String backfillLogged;
    private Duration backfillLoggedAt = Duration.ZERO;

    @Override
    public void waitingForSchema(SchemaStatus status, Duration waited) {
        event(Level.INFO, "schema_waiting", null).log("Waiting for the schema ({} so far): {}", Durations.format(waited),
                status.describe());
    }

    @Override
    public void waitingForLock(String holder, Duration waited) {
        event(Level.INFO, "lock_waiting", null).log("Waiting for the migration lock ({} so far): held by {}",
                Durations.format(waited), holder);
    }

    @Override
    public void lockAcquired(Duration waited) {
        if (waited.toMillis() >= 1000) {
            event(Level.INFO, "lock_acquired", null).log("Got the migration lock after {}", Durations.format(waited));
        } else {
            event(Level.DEBUG, "lock_acquired", null).log("Got the migration lock");
        }
    }

    @Override
    public void migrationStarted(MigrationRef migration, int statements) {
        LoggingEventBuilder line = event(Level.INFO, "migration_started", migration);
        if (statements == 0) {
            line.log("Migration {} holds no statement; recording it as applied", migration.script());
        } else {
            line.log("{} {} ({} statement{})", verb(migration, false), migration.script(), statements, statements == 1 ? "" : "s");
        }
    }

    @Override
    public void statementRunning(MigrationRef migration, int number, int total, Duration running) {
        event(Level.INFO, "statement_running", migration).log("{}: statement {} of {} running for {}", migration.script(),
                number, total, Durations.format(Duration.ofSeconds(running.toSeconds())));
    }

    @Override
    public void statementDone(MigrationRef migration, int number, int total) {
        event(Level.DEBUG, "statement_done", migration).log("{}: statement {}/{} done", migration.script(), number, total);
    }

    @Override
    public synchronized void batchProgress(MigrationRef migration, BatchProgress progress) {
        String key = migration.script() + "#" + progress.statement();
        boolean first = !key.equals(backfillLogged);
        if (!first && !progress.finished() && progress.elapsed().minus(backfillLoggedAt).compareTo(BACKFILL_EVERY) < 0) {
            return;
        }
        backfillLogged = key;
        backfillLoggedAt = progress.elapsed();
        var line = event(Level.INFO, progress.finished() ? "backfill_done" : "backfill_progress", migration)
                .addKeyValue("batches", progress.batches()).addKeyValue("rows", progress.rows());
        if (progress.knowsRowsLeft() && !progress.finished()) {
            line = line.addKeyValue("rows_left", progress.rowsLeft());
        }
        line.log("{}: backfill at statement {} (line {}) {}: {} batches, {} rows, {} rows/s over {}{}", migration.script(),
                progress.statement(), progress.line(), progress.finished() ? "done" : "running", progress.batches(),
                progress.rows(), Math.round(progress.rowsPerSecond()), Durations.format(progress.elapsed()),
                progress.rowsLeftText());
    }

    @Override
    public void migrationApplied(MigrationRef migration, Duration took) {
        event(Level.INFO, "migration_applied", migration).log("{} {} in {}", verb(migration, true), migration.script(),
                Durations.format(took));
    }

    @Override
    public void migrationFailed(MigrationRef migration, String error) {
        event(Level.ERROR, "migration_failed", migration).log("Migration {} failed: {}", migration.script(), error);
    }

    /** An undo file reverts a version: "Undoing with U6__x.sql", not "Applying U6__x.sql". */
    static String verb(MigrationRef migration, boolean done) {
        if (migration.type() == MigrationType.UNDO) {
            return done ? "Undid with" : "Undoing with";
        }
        return done ? "Applied" : "Applying";
    }

    private static LoggingEventBuilder event(Level level, String event, MigrationRef migration) {
        LoggingEventBuilder line = log.atLevel(level).addKeyValue("event", event);
        return migration == null ? line : line.addKeyValue("migration", migration.script());
    }
}
