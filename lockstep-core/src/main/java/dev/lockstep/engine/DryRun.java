package dev.lockstep.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.UndoOptions;
import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.plan.Plan;
import dev.lockstep.plan.Planner;
import dev.lockstep.plan.UndoPlan;
import dev.lockstep.result.DryRunResult;
import dev.lockstep.source.ScanResult;
import dev.lockstep.sql.Statement;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Shows what {@code migrate} or {@code undo} would do: reads the history with one query, takes no lock
 * and writes nothing. It plans and parses exactly as the real run does (same options, same placeholders,
 * same callbacks, same refusals), so the steps it lists are the statements the real run executes, unless
 * another replica acts in between.
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
            List<HistoryRow> read = session.readHistory();
            Optional<HistoryRow> baseline = new Baseliner(session, run).planned(read);
            List<HistoryRow> history = baseline.map(List::of).orElse(read);
            Plan plan = Planner.plan(scan.migrations(), history, engine.planOptions());
            Engine.failOnErrors(plan);
            List<DryRunResult.Step> steps = new ArrayList<>();
            if (!plan.pending().isEmpty()) {
                Callbacks callbacks = new Callbacks(session, run, scan.callbacks(), engine.parser(session));
                baseline.ifPresent(row -> steps.add(new DryRunResult.Step(DryRunResult.Kind.BASELINE,
                        row.version().toString(), row.description(), row.script(), null, true, List.of())));
                if (config.beforeMigrateCommand() != null) {
                    steps.add(new DryRunResult.Step(DryRunResult.Kind.COMMAND, null, "before-migrate command",
                            config.beforeMigrateCommand(), null, false, List.of(config.beforeMigrateCommand())));
                }
                addCallbacks(steps, callbacks, Callbacks.BEFORE);
                for (Migration migration : plan.pending()) {
                    addCallbacks(steps, callbacks, Callbacks.BEFORE_EACH);
                    steps.add(step(DryRunResult.Kind.MIGRATION, engine.parser(session).parse(migration)));
                    addCallbacks(steps, callbacks, Callbacks.AFTER_EACH);
                }
                addCallbacks(steps, callbacks, Callbacks.AFTER);
            }
            return new DryRunResult(session.database(), session.schema(), Engine.currentVersion(read), steps,
                    Engine.warnings(plan));
        } catch (SQLException e) {
            throw engine.databaseError("reading the history", e);
        }
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

    private static void addCallbacks(List<DryRunResult.Step> steps, Callbacks callbacks, String event) {
        for (ParsedMigration callback : callbacks.parsed(event)) {
            steps.add(step(DryRunResult.Kind.CALLBACK, callback));
        }
    }

    private static DryRunResult.Step step(DryRunResult.Kind kind, ParsedMigration parsed) {
        Migration m = parsed.migration();
        return new DryRunResult.Step(kind, m.version() == null ? null : m.version().toString(), m.description(),
                m.script(), m.path(), parsed.inTransaction(), parsed.statements().stream().map(Statement::sql).toList());
    }
}
