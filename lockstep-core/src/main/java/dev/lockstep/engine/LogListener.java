package dev.lockstep.engine;

import dev.lockstep.model.Migration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** The log lines a person reads while replicas migrate. */
final class LogListener implements MigrationListener {
    private static final Logger log = LoggerFactory.getLogger("dev.lockstep");

    @Override
    public void waitingForLock(String holder, Duration waited) {
        log.info("Waiting for the migration lock ({} so far): held by {}", Durations.format(waited), holder);
    }

    @Override
    public void lockAcquired(Duration waited) {
        if (waited.toMillis() >= 1000) {
            log.info("Got the migration lock after {}", Durations.format(waited));
        } else {
            log.debug("Got the migration lock");
        }
    }

    @Override
    public void migrationStarted(Migration migration, int statements) {
        if (statements == 0) {
            log.info("Migration {} holds no statement; recording it as applied", migration.script());
        } else {
            log.info("Applying {} ({} statement{})", migration.script(), statements, statements == 1 ? "" : "s");
        }
    }

    @Override
    public void statementDone(Migration migration, int number, int total) {
        log.debug("{}: statement {}/{} done", migration.script(), number, total);
    }

    @Override
    public void migrationApplied(Migration migration, Duration took) {
        log.info("Applied {} in {}", migration.script(), Durations.format(took));
    }

    @Override
    public void migrationFailed(Migration migration, String error) {
        log.error("Migration {} failed: {}", migration.script(), error);
    }
}
