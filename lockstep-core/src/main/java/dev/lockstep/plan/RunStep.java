package dev.lockstep.plan;

import dev.lockstep.model.Callback;
import dev.lockstep.model.Migration;
import dev.lockstep.result.Version;

/** One thing a migrate does under the lock, in the order {@link RunPlanner} puts them. */
public sealed interface RunStep {

    /** The before-migrate command (a backup): runs before anything is written; a failure writes nothing. */
    record Command(String commandLine) implements RunStep {
    }

    /** The BASELINE row that adopts a schema holding tables but no history (rank 1). */
    record Baseline(Version version) implements RunStep {
    }

    /** A callback file, run on its own. */
    record RunCallback(Callback callback) implements RunStep {
    }

    /**
     * A migration to apply under history rank {@code rank}.
     *
     * @param resumeAfter statements 1 to this one took effect in an interrupted attempt; 0 for a fresh start
     */
    record Apply(Migration migration, int rank, int resumeAfter) implements RunStep {
    }
}
