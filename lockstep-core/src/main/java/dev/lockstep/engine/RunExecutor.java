package dev.lockstep.engine;

import dev.lockstep.model.Callback;
import dev.lockstep.model.Migration;
import dev.lockstep.plan.MigrationRun;
import dev.lockstep.plan.RunStep;
import dev.lockstep.result.MigrateResult;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Runs the steps of a {@link MigrationRun} under the lock, in the order the plan gives: nothing here decides what
 * to run or in which order, so a dry run that prints the same plan shows what this does.
 *
 * <p>A stop request is honoured before each migration begins (before its {@code beforeEachMigrate} callbacks, if
 * any): what runs finishes, nothing new starts. A failing callback or migration runs the plan's
 * {@code afterMigrateError} callbacks before the error goes up; the before-migrate command and the baseline come
 * before anything of the kind and leave nothing to clean up.
 */
final class RunExecutor {
    private final Engine engine;
    private final Session session;
    private final RunContext run;
    private final Map<String, ParsedMigration> parsed;

    /** @param parsed migrations already parsed before the lock, by path; others are parsed when they come */
    RunExecutor(Engine engine, Session session, RunContext run, Map<String, ParsedMigration> parsed) {
        this.engine = engine;
        this.session = session;
        this.run = run;
        this.parsed = parsed;
    }

    /** Runs every step; adds each migration applied to {@code applied} as it goes, so a failure keeps the record. */
    void execute(MigrationRun plan, List<MigrateResult.AppliedStep> applied) throws SQLException {
        Callbacks callbacks = new Callbacks(session, run, engine.parser(session));
        MigrationRunner runner = new MigrationRunner(session, run, engine.listeners());
        int total = plan.applies().size();
        boolean migrating = false;
        boolean stopChecked = false;
        try {
            List<RunStep> steps = plan.steps();
            for (int index = 0; index < steps.size(); index++) {
                RunStep step = steps.get(index);
                if (step instanceof RunStep.Command) {
                    callbacks.runBeforeMigrateCommand(plan.plan().pending(), plan.initialVersion());
                } else if (step instanceof RunStep.Baseline baseline) {
                    new Baseliner(session, run).record(baseline.version());
                } else if (step instanceof RunStep.RunCallback callback) {
                    migrating = true;
                    if (callback.callback().event().equals(Callback.BEFORE_EACH) && !stopChecked) {
                        throwIfStopped(runner, applied.size(), total, plan.applies().get(applied.size()).migration());
                        stopChecked = true;
                    }
                    callbacks.run(callback.callback());
                } else if (step instanceof RunStep.Apply apply) {
                    migrating = true;
                    if (!stopChecked) {
                        throwIfStopped(runner, applied.size(), total, apply.migration());
                    }
                    stopChecked = false;
                    Migration migration = apply.migration();
                    ParsedMigration statements = parse(migration);
                    Duration took = runner.apply(statements, apply.rank(), apply.resumeAfter(),
                            index + 1 < steps.size() ? next(steps.get(index + 1)) : null);
                    applied.add(new MigrateResult.AppliedStep(migration.version() == null ? null
                            : migration.version().toString(), migration.description(), migration.script(),
                            migration.type().name(), statements.size(), took));
                }
            }
        } catch (RuntimeException | SQLException e) {
            if (migrating) {
                callbacks.afterError(e, plan.onError());
            }
            throw e;
        }
    }

    private ParsedMigration parse(Migration migration) {
        return parsed.computeIfAbsent(migration.path(), path -> engine.parser(session).parse(migration));
    }

    /**
     * The migration to apply right after this one, with nothing in between, whose {@code running} row may be written
     * in this one's transaction; {@code null} when a callback comes between or it cannot be parsed (the error then
     * comes in its own turn, after this one is applied).
     */
    private MigrationRunner.Next next(RunStep step) {
        if (!(step instanceof RunStep.Apply apply)) {
            return null;
        }
        try {
            return new MigrationRunner.Next(parse(apply.migration()), apply.rank(), apply.resumeAfter());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A stop before the next migration; the running row written ahead for it goes first, as it never started. */
    private void throwIfStopped(MigrationRunner runner, int done, int total, Migration next) throws SQLException {
        if (run.stop().isRequested() && runner.wroteNext()) {
            runner.withdrawNext();
        }
        run.stop().throwIfRequested(done == 0
                ? "before applying anything; the lock is released and the next migrate starts over."
                : "after applying " + done + " of " + total + " pending migrations, before " + next.script()
                + "; the lock is released and the next migrate carries on from there.");
    }
}
