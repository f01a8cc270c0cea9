package dev.lockstep.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.UndoOptions;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.plan.UndoPlan;
import dev.lockstep.plan.UndoPlanner;
import dev.lockstep.result.Problem;
import dev.lockstep.result.UndoResult;
import dev.lockstep.result.Version;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code lockstep undo}: plans without the lock (so a missing undo file fails before anything is
 * touched), then takes the lock, re-plans on the settled history and applies each undo file as the
 * {@link MigrationRunner} applies a migration: a {@code running} audit row of type UNDO first, then the
 * statements in one transaction where the database allows (journaled one by one where DDL commits by
 * itself, as on MySQL), and the version's row turned {@code undone} in the same transaction as the audit
 * row's change to {@code applied}.
 */
final class Undoer {
    private final Engine engine;
    private final LockstepConfig config;
    private final RunContext run;

    Undoer(Engine engine, RunContext run) {
        this.engine = engine;
        this.config = run.config();
        this.run = run;
    }

    UndoResult undo(UndoOptions options) {
        Instant start = run.clock().instant();
        Deadline deadline = Deadline.start(config.maxDuration(), run.stop());
        List<Migration> local = engine.scanAll().migrations();
        try (Session session = engine.open()) {
            List<HistoryRow> history = session.readHistory();
            String initialVersion = Engine.currentVersion(history);
            UndoPlan plan = plan(local, history, options);
            List<UndoResult.Step> undone = new ArrayList<>();
            if (!plan.steps().isEmpty()) {
                MigrationParser parser = engine.parser(session);
                plan.steps().forEach(step -> parser.parse(step.undo()));
                engine.underLock(session, local, settled -> undoUnderLock(session, samePlan(plan, plan(local, settled, options)), undone));
            }
            return new UndoResult(session.database(), session.schema(), initialVersion,
                    Engine.currentVersion(session.readHistory()), undone, Duration.between(start, run.clock().instant()));
        } catch (SQLException e) {
            throw engine.databaseError("undoing", e);
        } finally {
            deadline.cancel();
        }
    }

    private Void undoUnderLock(Session session, UndoPlan plan, List<UndoResult.Step> undone) throws SQLException {
        int rank = session.readHistory().stream().mapToInt(HistoryRow::installedRank).max().orElse(0);
        MigrationRunner runner = new MigrationRunner(session, run, engine.listeners());
        MigrationParser parser = engine.parser(session);
        for (UndoPlan.Step step : plan.steps()) {
            run.stop().throwIfRequested(undone.isEmpty()
                    ? "before undoing anything; the lock is released."
                    : "after undoing " + undone.size() + " of " + plan.steps().size() + " versions; the lock is released"
                    + " and the history says which.");
            HistoryRow row = step.applied();
            ParsedMigration parsed = parser.parse(step.undo());
            Duration took = runner.apply(parsed, ++rank, () -> session.history().markUndone(row.installedRank()));
            undone.add(new UndoResult.Step(row.version().toString(), row.description(), step.undo().script(),
                    parsed.size(), took));
        }
        return null;
    }

    /**
     * Plans the undo and stops on any problem, before anything runs.
     *
     * @throws LockstepException {@link Reason#REPAIR_NEEDED} over a half-changed schema, {@link Reason#INVALID_MIGRATIONS}
     *                           for a missing undo file, {@link Reason#CONFIGURATION} for a request out of reach
     */
    static UndoPlan plan(List<Migration> local, List<HistoryRow> history, UndoOptions options) {
        UndoPlan plan = UndoPlanner.plan(local, history, options.count(),
                options.to() == null ? null : Version.parse(options.to()));
        if (plan.errors().isEmpty()) {
            return plan;
        }
        Reason reason = has(plan, Problem.Kind.PARTIALLY_APPLIED) ? Reason.REPAIR_NEEDED
                : has(plan, Problem.Kind.UNDO_FILE_MISSING) ? Reason.INVALID_MIGRATIONS : Reason.CONFIGURATION;
        StringBuilder message = new StringBuilder(reason == Reason.REPAIR_NEEDED
                ? "The database needs repair before anything can be undone:" : "Nothing was undone:");
        for (Problem problem : plan.errors()) {
            message.append("\n  - ").append(problem.message());
        }
        throw new LockstepException(reason, message.toString());
    }

    /**
     * The versions to undo are the ones the command chose when it started: if the history changed while it waited for
     * the lock (another replica applied a version), undoing the new top would undo what no one asked to undo, and
     * undoing the old one from under it would be out of order. Then nothing is undone.
     */
    static UndoPlan samePlan(UndoPlan atStart, UndoPlan underLock) {
        List<String> chosen = versions(atStart);
        List<String> now = versions(underLock);
        if (!chosen.equals(now)) {
            throw new LockstepException(Reason.CONFIGURATION, "Nothing was undone: when undo started it chose to undo "
                    + String.join(", ", chosen) + ", but while it waited for the migration lock the history changed, and the"
                    + " same request would now undo " + (now.isEmpty() ? "nothing" : String.join(", ", now)) + ". Check what"
                    + " was applied meanwhile (lockstep history), then run undo again, with --to VERSION to name where to stop.");
        }
        return underLock;
    }

    private static List<String> versions(UndoPlan plan) {
        return plan.steps().stream().map(step -> "version " + step.applied().version()).toList();
    }

    private static boolean has(UndoPlan plan, Problem.Kind kind) {
        return plan.errors().stream().anyMatch(p -> p.kind() == kind);
    }
}
