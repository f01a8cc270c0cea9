package dev.lockstep.plan;

import dev.lockstep.model.Version;

/**
 * What {@code lockstep undo} asks for: the last {@code count} applied versions, or every applied
 * version newer than {@code to}.
 *
 * @param count how many versions to undo, newest first; ignored when {@code to} is given
 * @param to    undo every version newer than this one; {@code null} to undo {@code count} versions
 */
public record UndoOptions(int count, Version to) {

    public UndoOptions {
        if (to == null && count < 1) {
            throw new IllegalArgumentException("the number of versions to undo must be at least 1, was " + count);
        }
    }

    /** Undo the last {@code count} applied versions. */
    public static UndoOptions count(int count) {
        return new UndoOptions(count, null);
    }

    /** Undo every applied version newer than {@code version}. */
    public static UndoOptions to(String version) {
        return new UndoOptions(0, Version.parse(version));
    }
}
