package dev.lockstep.plan;

import dev.lockstep.model.Callback;
import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationState;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides the whole of a migrate from what the engine read: the local files and callbacks, the history (rows
 * left running by dead replicas already settled) and the options. Pure: no JDBC, no files.
 *
 * <p>The order: when something is pending, the before-migrate command first (a backup, before any write), then
 * the baseline row (also when nothing is pending: adopting the schema is the run's work then), then
 * {@code beforeMigrate}, and for each pending migration {@code beforeEachMigrate}, the migration and
 * {@code afterEachMigrate}; {@code afterMigrate} last.
 */
public final class RunPlanner {
    /** How a baseline row describes itself, in the style of Flyway's {@code << Flyway Baseline >>}. */
    public static final String BASELINE_DESCRIPTION = "<< lockstep baseline >>";

    private RunPlanner() {
    }

    /**
     * What the engine found, and what it was asked.
     *
     * @param history              the history, with rows left running by dead replicas settled
     * @param baselineAt           the version to baseline an adopted schema at, or {@code null}: the engine decides
     *                             it (a non-empty schema with an empty history and {@code --baseline-on-migrate})
     * @param beforeMigrateCommand the shell command to run first, or {@code null}
     * @param fingerprint          the local files' fingerprint, or {@code null} when this run may not record one
     *                             (a {@code --target} or {@code --out-of-order} run asks something else)
     */
    public record Request(List<Migration> local, List<Callback> callbacks, List<HistoryRow> history,
                          PlanOptions options, Version baselineAt, String beforeMigrateCommand, String fingerprint) {
        public Request {
            local = List.copyOf(local);
            callbacks = List.copyOf(callbacks);
            history = List.copyOf(history);
        }
    }

    public static MigrationRun plan(Request request) {
        List<HistoryRow> history = request.baselineAt() == null ? request.history() : withBaseline(request);
        Plan plan = Planner.plan(request.local(), history, request.options());
        String initialVersion = currentVersion(request.history());
        int rank = history.stream().mapToInt(HistoryRow::installedRank).max().orElse(0);
        if (!plan.errors().isEmpty()) {
            return new MigrationRun(plan, List.of(), List.of(), initialVersion, initialVersion, rank, Optional.empty());
        }
        List<RunStep> steps = new ArrayList<>();
        boolean pending = !plan.pending().isEmpty();
        if (pending && request.beforeMigrateCommand() != null) {
            steps.add(new RunStep.Command(request.beforeMigrateCommand()));
        }
        if (request.baselineAt() != null) {
            steps.add(new RunStep.Baseline(request.baselineAt()));
        }
        if (pending) {
            Map<String, Integer> resumeAfter = resumePoints(plan);
            callbacks(steps, request, Callback.BEFORE);
            for (Migration migration : plan.pending()) {
                callbacks(steps, request, Callback.BEFORE_EACH);
                steps.add(new RunStep.Apply(migration, ++rank, resumeAfter.getOrDefault(migration.path(), 0)));
                callbacks(steps, request, Callback.AFTER_EACH);
            }
            callbacks(steps, request, Callback.AFTER);
        }
        List<Callback> onError = pending ? ofEvent(request, Callback.AFTER_ERROR) : List.of();
        Optional<String> fingerprint = request.fingerprint() != null && plan.warnings().isEmpty()
                ? Optional.of(request.fingerprint()) : Optional.empty();
        return new MigrationRun(plan, steps, onError, initialVersion, finalVersion(history, plan.pending()), rank,
                fingerprint);
    }

    /** The newest version with an applied (or baseline) row, or {@code null}. */
    public static String currentVersion(List<HistoryRow> history) {
        return history.stream()
                .filter(r -> r.version() != null && r.status() == MigrationStatus.APPLIED
                        && (r.type().isVersionedMigration() || r.type() == MigrationType.BASELINE))
                .map(HistoryRow::version)
                .max(Comparator.naturalOrder())
                .map(Version::toString)
                .orElse(null);
    }

    private static String finalVersion(List<HistoryRow> history, List<Migration> pending) {
        String current = currentVersion(history);
        Optional<Version> newest = pending.stream().filter(Migration::isVersioned).map(Migration::version)
                .max(Comparator.naturalOrder());
        if (newest.isEmpty() || current != null && Version.parse(current).compareTo(newest.get()) >= 0) {
            return current;
        }
        return newest.get().toString();
    }

    private static List<HistoryRow> withBaseline(Request request) {
        if (!request.history().isEmpty()) {
            throw new IllegalArgumentException("a baseline is written into an empty history only");
        }
        return List.of(new HistoryRow(1, request.baselineAt(), BASELINE_DESCRIPTION, MigrationType.BASELINE,
                BASELINE_DESCRIPTION, null, MigrationStatus.APPLIED, 0, 0, null, null, null, null, 0L, null));
    }

    /** Interrupted migrations resume after the statements their latest row records as done, by file path. */
    private static Map<String, Integer> resumePoints(Plan plan) {
        Map<String, Integer> points = new HashMap<>();
        for (PlanEntry entry : plan.migrations()) {
            if (entry.state() == MigrationState.INTERRUPTED && entry.local() != null) {
                points.put(entry.local().path(), entry.applied().statementsDone());
            }
        }
        return points;
    }

    private static void callbacks(List<RunStep> steps, Request request, String event) {
        ofEvent(request, event).forEach(c -> steps.add(new RunStep.RunCallback(c)));
    }

    private static List<Callback> ofEvent(Request request, String event) {
        return request.callbacks().stream().filter(c -> c.event().equals(event)).toList();
    }
}
