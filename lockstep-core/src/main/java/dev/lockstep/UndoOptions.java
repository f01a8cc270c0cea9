package dev.lockstep;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.result.Version;

/**
 * What {@link Lockstep#undo} asks for: the last {@code count} applied versions, or every applied
 * version newer than {@code to}.
 *
 * @param count how many versions to undo, newest first; ignored when {@code to} is given
 * @param to    undo every version newer than this one, as written ({@code 4}, {@code 1.2}); {@code null} to undo
 *              {@code count} versions
 */
public record UndoOptions(int count, String to) {

    public UndoOptions {
        if (to == null && count < 1) {
            throw new LockstepException(Reason.CONFIGURATION, "Invalid undo: the number of versions to undo must be at"
                    + " least 1, was " + count + ".");
        }
        if (to != null && !Version.isValid(to)) {
            throw new LockstepException(Reason.CONFIGURATION, "Invalid undo: '" + to + "' is not a version (digits,"
                    + " parts separated by '.' or '_', as in 4 or 1.2).");
        }
    }

    /** Undo the last {@code count} applied versions. */
    public static UndoOptions count(int count) {
        return new UndoOptions(count, null);
    }

    /** Undo every applied version newer than {@code version}. */
    public static UndoOptions to(String version) {
        return new UndoOptions(0, version);
    }
}
