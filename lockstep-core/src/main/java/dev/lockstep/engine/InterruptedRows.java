package dev.lockstep.engine;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.source.Placeholders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Under the lock, a {@code running} row belongs to a replica that died: the lock dies with its
 * session. A migration that ran in one transaction was rolled back by the database, so the row
 * becomes {@code failed} with nothing done, and the plan runs it again. One that ran statement by
 * statement keeps its journal, and the statement that was in flight is judged (see
 * {@link InFlight}): the row becomes resumable, and the plan resumes it, or in doubt, and the
 * planner stops on it for a person to repair.
 */
final class InterruptedRows {
    private static final Logger log = LoggerFactory.getLogger(InterruptedRows.class);

    private final Session session;
    private final Clock clock;
    private final Placeholders placeholders;
    private final ClassLoader classLoader;

    /** @param session holds the lock */
    InterruptedRows(Session session, RunContext run) {
        this.session = session;
        this.clock = run.clock();
        this.placeholders = run.placeholders();
        this.classLoader = run.config().classLoader();
    }

    /** Ends every {@code running} row of {@code history}; returns the history as it is then. */
    List<HistoryRow> settle(List<Migration> local, List<HistoryRow> history) throws SQLException {
        boolean changed = false;
        for (HistoryRow row : history) {
            if (row.status() != MigrationStatus.RUNNING) {
                continue;
            }
            Settled settled = settle(local, row);
            log.warn("{} was left running by replica {}, which is gone: {}", row.script(), row.replica(), settled.error());
            Instant now = clock.instant();
            long ms = row.startedAt() == null ? 0 : Math.max(0, Duration.between(row.startedAt(), now).toMillis());
            if (!session.history().finishRunning(row.installedRank(), MigrationStatus.FAILED, settled.done(), now, ms,
                    settled.error())) {
                throw new LockstepException(Reason.MIGRATION_FAILED, row.script() + " was left running by replica "
                        + row.replica() + ", which finished it while this replica held the migration lock: two replicas"
                        + " held locks that do not exclude each other. This replica changed nothing and stops; check"
                        + " that every replica reaches the database and its lock the same way.");
            }
            changed = true;
        }
        return changed ? session.readHistory() : history;
    }

    /** What a row left running by a dead replica becomes: how many statements count as done, and why. */
    private record Settled(int done, String error) {
    }

    private Settled settle(List<Migration> local, HistoryRow row) throws SQLException {
        String gone = "replica " + row.replica() + " stopped while applying it";
        Migration file = local.stream().filter(m -> sameMigration(m, row)).findFirst().orElse(null);
        int done = row.statementsDone();
        String progress = " after " + done + " of " + row.statementsTotal() + " statements";
        if (file == null || !Objects.equals(file.checksum(), row.checksum())) {
            return new Settled(done, (done == 0 && session.dialect().supportsTransactionalDdl() ? "interrupted: " : HistoryRow.IN_DOUBT)
                    + gone + progress + "; its file " + (file == null ? "is gone" : "has changed since")
                    + ", so the statement in flight cannot be judged");
        }
        ParsedMigration parsed = new MigrationParser(session.dialect(), placeholders, classLoader).parse(file);
        if (parsed.inTransaction()) {
            return new Settled(0, "interrupted: " + gone + "; the database rolled the migration back");
        }
        InFlight judged = InFlight.judge(parsed, done, session);
        if (judged.verdict() == InFlight.Verdict.IN_DOUBT) {
            return new Settled(done, HistoryRow.IN_DOUBT + gone + progress + "; " + judged.reason());
        }
        return new Settled(judged.done(done), HistoryRow.RESUMABLE + gone + progress + "; " + judged.reason());
    }

    static boolean sameMigration(Migration migration, HistoryRow row) {
        if (row.type() == MigrationType.REPEATABLE) {
            return migration.isRepeatable() && migration.description().equals(row.description());
        }
        return migration.type() == row.type() && Objects.equals(migration.version(), row.version());
    }

}
