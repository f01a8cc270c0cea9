package dev.lockstep.lint;

import java.util.Objects;

/**
 * What the linter checks against.
 *
 * @param dialect     the database the files are written for
 * @param requireUndo whether a versioned migration without an undo file is a finding (LS601)
 * @param lockTimeoutFromLockstep whether the files are applied by lockstep, which sets a {@code lock_timeout}
 *                    before every migration ({@code --ddl-lock-timeout}): then LS207 fires only where a file
 *                    turns it off again
 */
public record LintOptions(LintDialect dialect, boolean requireUndo, boolean lockTimeoutFromLockstep) {
    public LintOptions {
        Objects.requireNonNull(dialect, "dialect");
    }

    /** Files that lockstep applies, as {@code lockstep lint} and {@code migrate --lint} see them. */
    public LintOptions(LintDialect dialect, boolean requireUndo) {
        this(dialect, requireUndo, true);
    }
}
