package dev.lockstep.plan;

import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationState;
import dev.lockstep.result.Problem;

import java.util.List;

/**
 * The planner's decision.
 *
 * @param migrations every migration with its state, versioned ones by version, then repeatables by description
 * @param pending    what to apply, in order: versioned migrations by version, then repeatables by description
 * @param errors     problems that stop the verb
 * @param warnings   problems that are reported and let the verb go on
 */
public record Plan(List<PlanEntry> migrations, List<Migration> pending, List<Problem> errors, List<Problem> warnings) {

    public Plan {
        migrations = List.copyOf(migrations);
        pending = List.copyOf(pending);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** Whether a replica has nothing to do: nothing pending, nothing running, nothing wrong. */
    public boolean isUpToDate() {
        return pending.isEmpty() && errors.isEmpty()
                && migrations.stream().noneMatch(m -> m.state() == MigrationState.RUNNING);
    }
}
