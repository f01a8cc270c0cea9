package dev.lockstep.plan;

import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationState;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Problem;
import dev.lockstep.result.Version;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides what to run: merges the local migrations with the history rows and gives each one a
 * {@link MigrationState}, the ordered list of migrations to apply, and the problems found.
 *
 * <p>Pure: no JDBC, no files, no clock. The engine calls it twice: once without the lock (a replica
 * whose plan {@link Plan#isUpToDate() is up to date} takes no lock at all) and again after it wins
 * the lock and has resolved orphaned {@code running} rows, before it applies anything.
 *
 * <p>Mechanism: versioned migrations and the baseline are matched with history rows by numeric
 * {@link Version} ({@code 1_1} in the history is the file {@code V1.1__x.sql}), repeatables by
 * description as Flyway does, so moving or renaming the file of a repeatable keeps its history.
 * Only the latest row of each version or description counts (see {@link History}). Both sides are
 * walked in order, which yields {@link Plan#migrations()} and {@link Plan#pending()} already sorted.
 *
 * <p>UNDO files are neither planned nor listed: the undo verb reports them. One line per version
 * keeps {@code info} readable, and an undo file is an attribute of its version rather than a step.
 */
public final class Planner {
    private final PlanOptions options;
    private final History history;
    /** Files at or below it count as applied; {@code null} without a baseline row. */
    private final Version baseline;
    /** The newest version applied (or baselined); {@code null} on an empty history. */
    private final Version newestApplied;
    /** The newest local versioned file; {@code null} when there is none. */
    private final Version newestLocal;

    private final List<PlanEntry> migrations = new ArrayList<>();
    private final List<Migration> pending = new ArrayList<>();
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    private Planner(PlanOptions options, History history, Version newestLocal) {
        this.options = options;
        this.history = history;
        this.baseline = history.baseline().orElse(null);
        this.newestApplied = history.newestApplied().orElse(null);
        this.newestLocal = newestLocal;
    }

    /**
     * Plans a migration run.
     *
     * @param local   the local migration files, in any order; the source layer has already refused
     *                two files with one version (or two repeatables with one description)
     * @param history the history rows, normally in installed-rank order
     * @param options what the verb asks for
     * @throws IllegalArgumentException when {@code local} holds two files with one version or one
     *                                  repeatable description (named in the message), or a history
     *                                  row other than a repeatable has no version
     */
    public static Plan plan(List<Migration> local, List<HistoryRow> history, PlanOptions options) {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(options, "options");
        NavigableMap<Version, Migration> versioned = index(local, Migration::isVersioned, Migration::version);
        NavigableMap<String, Migration> repeatable = index(local, Migration::isRepeatable, Migration::description);
        Planner planner = new Planner(options, History.of(history), versioned.isEmpty() ? null : versioned.lastKey());
        planner.planVersioned(versioned);
        planner.planRepeatables(repeatable);
        planner.planPartialUndos();
        return new Plan(planner.migrations, planner.pending, planner.errors, planner.warnings);
    }

    private static <K extends Comparable<K>> NavigableMap<K, Migration> index(
            List<Migration> local, Predicate<Migration> kind, Function<Migration, K> key) {
        NavigableMap<K, Migration> index = new TreeMap<>();
        for (Migration migration : local) {
            if (!kind.test(migration)) {
                continue;
            }
            Migration other = index.putIfAbsent(key.apply(migration), migration);
            if (other != null) {
                throw new IllegalArgumentException("two migrations for " + key.apply(migration) + ": "
                        + other.path() + " and " + migration.path());
            }
        }
        return index;
    }

    // ---- versioned migrations and the baseline ----------------------------------------------

    private void planVersioned(NavigableMap<Version, Migration> local) {
        TreeSet<Version> versions = new TreeSet<>(local.keySet());
        versions.addAll(history.versioned().keySet());
        for (Version version : versions) {
            Migration file = local.get(version);
            HistoryRow row = history.versioned().get(version);
            if (row == null) {
                planUnapplied(file);
            } else if (row.type() == MigrationType.BASELINE) {
                // A file at the baseline version shares its line: the baseline stands for it.
                list(file, row, MigrationState.BASELINE);
            } else {
                planRecorded(file, row);
            }
        }
    }

    private void planUnapplied(Migration file) {
        Version version = file.version();
        if (baseline != null && version.compareTo(baseline) <= 0) {
            list(file, null, MigrationState.BELOW_BASELINE);
        } else if (newestApplied == null || version.compareTo(newestApplied) > 0) {
            list(file, null, MigrationState.PENDING);
            pendUpToTarget(file);
        } else {
            list(file, null, MigrationState.OUT_OF_ORDER);
            if (options.outOfOrder()) {
                pendUpToTarget(file);
            } else {
                errors.add(Problems.outOfOrder(file, newestApplied));
            }
        }
    }

    /** A version with a history row of its own; {@code file} is {@code null} when it is not local. */
    private void planRecorded(Migration file, HistoryRow row) {
        switch (row.status()) {
            case APPLIED -> {
                if (file == null) {
                    planAbsent(row);
                    return;
                }
                list(file, row, MigrationState.APPLIED);
                // A version adopted from another tool without a local file then has no checksum to compare.
                if (row.checksum() != null && !Objects.equals(row.checksum(), file.checksum())) {
                    errors.add(Problems.checksumMismatch(file, row));
                }
            }
            case FAILED -> planFailed(file, row);
            // The engine resolves orphaned running rows under the lock before it plans; a row
            // still running here belongs to a live replica, which will finish it.
            case RUNNING -> list(file, row, MigrationState.RUNNING);
            case UNDONE -> {
                list(file, row, MigrationState.UNDONE);
                pendUpToTarget(file);
            }
        }
    }

    /**
     * The statement journal decides: nothing took effect (the database rolled the migration back,
     * or its first statement failed) makes a retry safe; anything else left the schema half-changed,
     * and retrying would run statements that already took effect.
     */
    private void planFailed(Migration file, HistoryRow row) {
        if (row.isResumable() && row.statementsDone() > 0) {
            planResumable(file, row);
            return;
        }
        list(file, row, MigrationState.FAILED);
        if (row.statementsDone() > 0 || row.isInDoubt()) {
            errors.add(Problems.partiallyApplied(row, file != null ? file.path() : row.script()));
        } else {
            pendUpToTarget(file);
        }
    }

    /**
     * Stopped part-way with nothing in doubt: it resumes after its statements done, but only from
     * the very file it started with; statements counted in another text would be the wrong ones.
     */
    private void planResumable(Migration file, HistoryRow row) {
        list(file, row, MigrationState.INTERRUPTED);
        if (file == null) {
            return;
        }
        if (Objects.equals(file.checksum(), row.checksum())) {
            pendUpToTarget(file);
        } else {
            errors.add(Problems.changedWhileInterrupted(row, file.path()));
        }
    }

    /** Applied but not local: a newer release ran it (future), or the file went away (missing). */
    private void planAbsent(HistoryRow row) {
        boolean future = newestLocal == null || row.version().compareTo(newestLocal) > 0;
        list(null, row, future ? MigrationState.FUTURE : MigrationState.MISSING);
        if (future) {
            report(Problems.future(row), options.futureIsError());
        } else {
            report(Problems.missing(row), options.missingIsError());
        }
    }

    /** Adds a versioned file to the plan unless it is absent or above the target. */
    private void pendUpToTarget(Migration file) {
        if (file != null && (options.target() == null || file.version().compareTo(options.target()) <= 0)) {
            pending.add(file);
        }
    }

    /** An undo that stopped part-way left the schema between two versions: nothing runs over it. */
    private void planPartialUndos() {
        for (HistoryRow undo : history.partialUndos()) {
            errors.add(Problems.partiallyUndone(undo));
        }
    }

    // ---- repeatable migrations --------------------------------------------------------------

    /** Runs after every versioned migration: repeatables go to the end of the plan, by description. */
    private void planRepeatables(NavigableMap<String, Migration> local) {
        TreeSet<String> descriptions = new TreeSet<>(local.keySet());
        descriptions.addAll(history.repeatable().keySet());
        for (String description : descriptions) {
            Migration file = local.get(description);
            HistoryRow row = history.repeatable().get(description);
            if (row == null) {
                list(file, null, MigrationState.PENDING);
                pending.add(file);
            } else if (file == null) {
                planAbsentRepeatable(row);
            } else {
                planRecordedRepeatable(file, row);
            }
        }
    }

    private void planRecordedRepeatable(Migration file, HistoryRow row) {
        boolean changed = row.status() == MigrationStatus.APPLIED && !Objects.equals(row.checksum(), file.checksum());
        MigrationState state = changed ? MigrationState.OUTDATED : stateOf(row.status());
        list(file, row, state);
        // A failed repeatable is retried as it stands: repeatables are written to be re-run.
        if (state != MigrationState.APPLIED && state != MigrationState.RUNNING) {
            pending.add(file);
        }
    }

    /** A repeatable whose file is gone: only an applied one is a problem; the others are just listed. */
    private void planAbsentRepeatable(HistoryRow row) {
        boolean missing = row.status() == MigrationStatus.APPLIED;
        list(null, row, missing ? MigrationState.MISSING : stateOf(row.status()));
        if (missing) {
            report(Problems.missing(row), options.missingIsError());
        }
    }

    // ---- results ----------------------------------------------------------------------------

    private void list(Migration file, HistoryRow row, MigrationState state) {
        migrations.add(new PlanEntry(file, row, state));
    }

    private void report(Problem problem, boolean isError) {
        (isError ? errors : warnings).add(problem);
    }

    private static MigrationState stateOf(MigrationStatus status) {
        return switch (status) {
            case APPLIED -> MigrationState.APPLIED;
            case FAILED -> MigrationState.FAILED;
            case RUNNING -> MigrationState.RUNNING;
            case UNDONE -> MigrationState.UNDONE;
        };
    }
}
