package dev.lockstep.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.UndoOptions;
import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.plan.MigrationRun;
import dev.lockstep.plan.RunPlanner;
import dev.lockstep.plan.RunStep;
import dev.lockstep.plan.UndoPlan;
import dev.lockstep.result.DryRunResult;
import dev.lockstep.source.ScanResult;
import dev.lockstep.sql.Statement;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows what {@code migrate} or {@code undo} would do: reads the history with one query, takes no lock
 * and writes nothing. It prints the very plan the real run executes ({@link RunPlanner}: the same steps in
 * the same order, the same placeholders, the same refusals), parsed as the real run parses it, so the steps
 * it lists are the statements the real run executes, unless another replica acts in between.
 */
final class DryRun {
    private final Engine engine;
    private final LockstepConfig config;
    private final RunContext run;

    DryRun(Engine engine, RunContext run) {
        this.engine = engine;
        this.config = run.config();
        this.run = run;
    }

    DryRunResult migrate() {
        ScanResult scan = engine.scanAll();
        try (Session session = engine.open()) {
            MigrationRun planned = engine.planRun(session, scan, session.readHistory(), null);
            Engine.failOnErrors(planned.plan());
            Callbacks callbacks = new Callbacks(session, run, engine.parser(session));
            List<DryRunResult.Step> steps = new ArrayList<>();
            for (RunStep step : planned.steps()) {
                steps.add(step(step, session, callbacks));
            }
            return new DryRunResult(session.database(), session.schema(), planned.initialVersion(), steps,
                    Engine.warnings(planned.plan()));
        } catch (SQLException e) {
            throw engine.databaseError("reading the history", e);
        }
    }

    /** One step of the run as the dry run shows it: with the exact statements it would execute. */
    private DryRunResult.Step step(RunStep step, Session session, Callbacks callbacks) {
        if (step instanceof RunStep.Command command) {
            return new DryRunResult.Step(DryRunResult.Kind.COMMAND, null, "before-migrate command",
                    command.commandLine(), null, false, List.of(command.commandLine()));
        }
        if (step instanceof RunStep.Baseline baseline) {
            return new DryRunResult.Step(DryRunResult.Kind.BASELINE, baseline.version().toString(),
                    RunPlanner.BASELINE_DESCRIPTION, RunPlanner.BASELINE_DESCRIPTION, null, true, List.of());
        }
        if (step instanceof RunStep.RunCallback callback) {
            return step(DryRunResult.Kind.CALLBACK, callbacks.parse(callback.callback()));
        }
        RunStep.Apply apply = (RunStep.Apply) step;
        return step(DryRunResult.Kind.MIGRATION, engine.parser(session).parse(apply.migration()));
    }

    DryRunResult undo(UndoOptions options) {
        List<Migration> local = engine.scanAll().migrations();
        try (Session session = engine.open()) {
            List<HistoryRow> history = session.readHistory();
            UndoPlan plan = Undoer.plan(local, history, options);
            List<DryRunResult.Step> steps = new ArrayList<>();
            for (UndoPlan.Step step : plan.steps()) {
                steps.add(step(DryRunResult.Kind.UNDO, engine.parser(session).parse(step.undo())));
            }
            return new DryRunResult(session.database(), session.schema(), Engine.currentVersion(history), steps, List.of());
        } catch (SQLException e) {
            throw engine.databaseError("reading the history", e);
        }
    }

    private static DryRunResult.Step step(DryRunResult.Kind kind, ParsedMigration parsed) {
        Migration m = parsed.migration();
        return new DryRunResult.Step(kind, m.version() == null ? null : m.version().toString(), m.description(),
                m.script(), m.path(), parsed.inTransaction(), parsed.statements().stream().map(DryRun::shown).toList());
    }

    /** A statement as the run executes it; a backfill with its directive, run again and again until it changes no row. */
    private static String shown(Statement statement) {
        return statement.isBatch() ? statement.batch().comment() + " (again and again, a batch per transaction, until it"
                + " changes no row)\n" + statement.sql() : statement.sql();
    }
}
