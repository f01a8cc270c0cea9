package dev.lockstep.plan;

import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Problem;
import dev.lockstep.result.Version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Decides what {@code lockstep undo} reverts: applied versions in the reverse of the order they were
 * applied (installed rank, so a version applied out of order is undone where it actually ran), each
 * with its local undo file. Pure: no JDBC, no files.
 *
 * <p>Every reason not to start is found before anything runs: an undo file that is missing (all of
 * them named), a request that reaches below a baseline or past what is applied, and a database that
 * needs repair (a migration or an undo that stopped part-way).
 */
public final class UndoPlanner {

    private UndoPlanner() {
    }

    public static UndoPlan plan(List<Migration> local, List<HistoryRow> rows, int count, Version to) {
        History history = History.of(rows);
        List<Problem> errors = new ArrayList<>(Planner.plan(local, rows, PlanOptions.forMigrate()).errors().stream()
                .filter(p -> p.kind() == Problem.Kind.PARTIALLY_APPLIED).toList());
        List<HistoryRow> applied = history.versioned().values().stream()
                .filter(row -> row.type().isVersionedMigration() && row.status() == MigrationStatus.APPLIED)
                .sorted(Comparator.comparingInt(HistoryRow::installedRank).reversed())
                .toList();
        List<HistoryRow> chosen = to == null
                ? chooseCount(applied, count, history, errors)
                : chooseTo(applied, to, history, errors);
        Map<Version, Migration> undoFiles = local.stream().filter(Migration::isUndo)
                .collect(Collectors.toMap(Migration::version, Function.identity(), (a, b) -> a));
        List<UndoPlan.Step> steps = new ArrayList<>();
        for (HistoryRow row : chosen) {
            Migration undo = undoFiles.get(row.version());
            if (undo == null) {
                errors.add(missingUndo(row));
            } else {
                steps.add(new UndoPlan.Step(row, undo));
            }
        }
        return new UndoPlan(errors.isEmpty() ? steps : List.of(), errors);
    }

    private static List<HistoryRow> chooseCount(List<HistoryRow> applied, int count, History history,
                                                      List<Problem> errors) {
        if (count > applied.size()) {
            String baseline = history.baseline().map(b -> " above the baseline at version " + b).orElse("");
            errors.add(new Problem(Problem.Kind.UNDO_OUT_OF_REACH, "Asked to undo " + count + " versions, but only "
                    + applied.size() + (applied.size() == 1 ? " is" : " are") + " applied" + baseline + ". Ask for "
                    + Math.max(1, applied.size()) + " or fewer; lockstep info lists them.", List.of()));
            return List.of();
        }
        return applied.subList(0, count);
    }

    private static List<HistoryRow> chooseTo(List<HistoryRow> applied, Version to, History history,
                                                   List<Problem> errors) {
        history.baseline().filter(baseline -> baseline.compareTo(to) > 0).ifPresent(baseline -> errors.add(new Problem(
                Problem.Kind.UNDO_OUT_OF_REACH, "Cannot undo to version " + to + ": the database was baselined at version "
                + baseline + ", and what the baseline stands for never ran here, so it has nothing to undo. Undo to "
                + baseline + " or later.", List.of())));
        return applied.stream().filter(row -> row.version().compareTo(to) > 0).toList();
    }

    private static Problem missingUndo(HistoryRow row) {
        return new Problem(Problem.Kind.UNDO_FILE_MISSING, "Version " + row.version() + " (" + row.script() + ") has no"
                + " undo file: add U" + row.version() + "__" + row.description().replace(' ', '_') + ".sql (or "
                + row.version() + "_" + row.description().replace(' ', '_') + ".down.sql) beside it, or undo fewer versions.",
                List.of(row.script()));
    }
}
