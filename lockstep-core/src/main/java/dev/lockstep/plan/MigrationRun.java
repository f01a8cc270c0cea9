package dev.lockstep.plan;

import dev.lockstep.model.Callback;

import java.util.List;
import java.util.Optional;

/**
 * Everything one migrate does under the lock, decided before anything runs: what the engine executes and
 * what a dry run prints, so the two cannot drift.
 *
 * @param plan           the planner's view: every migration's state, what is pending, errors and warnings
 * @param steps          in order; empty when the plan has errors (nothing may run) or nothing is to be done
 * @param onError        the {@code afterMigrateError} callbacks, run when a callback or migration step fails
 * @param initialVersion the newest applied version before the run, or {@code null}
 * @param finalVersion   the newest applied version once every step ran, or {@code null}
 * @param lastRank       the history's highest rank once every step ran
 * @param fingerprint    the fingerprint of the local files to record once every step ran, when the history will
 *                       then match them exactly (nothing pending, nothing to warn about); empty otherwise
 */
public record MigrationRun(Plan plan, List<RunStep> steps, List<Callback> onError, String initialVersion,
                           String finalVersion, int lastRank, Optional<String> fingerprint) {

    public MigrationRun {
        steps = List.copyOf(steps);
        onError = List.copyOf(onError);
    }

    /** The migrations this run applies, in order. */
    public List<RunStep.Apply> applies() {
        return steps.stream().filter(RunStep.Apply.class::isInstance).map(RunStep.Apply.class::cast).toList();
    }
}
