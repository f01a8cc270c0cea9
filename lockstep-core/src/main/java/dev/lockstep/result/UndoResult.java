package dev.lockstep.result;

import java.time.Duration;
import java.util.List;

/**
 * What {@link dev.lockstep.Lockstep#undo} did.
 *
 * @param database       where, without secrets
 * @param schema         the schema of the history table
 * @param initialVersion the newest applied version before the undo, or {@code null}
 * @param currentVersion the newest applied version after it, or {@code null}
 * @param undone         the versions undone, in the order they were undone; empty when there was nothing to undo
 * @param duration       wall time of the whole run
 */
public record UndoResult(String database, String schema, String initialVersion, String currentVersion,
                         List<Step> undone, Duration duration) {

    public UndoResult {
        undone = List.copyOf(undone);
    }

    /**
     * One version undone.
     *
     * @param script     the undo file that ran
     * @param statements how many statements it ran
     */
    public record Step(String version, String description, String script, int statements, Duration duration) {
    }
}
