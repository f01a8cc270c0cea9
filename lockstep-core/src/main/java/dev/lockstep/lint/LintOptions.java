package dev.lockstep.lint;

import java.util.Objects;

/**
 * What the linter checks against.
 *
 * @param dialect     the database the files are written for
 * @param requireUndo whether a versioned migration without an undo file is a finding (LS601)
 */
public record LintOptions(LintDialect dialect, boolean requireUndo) {
    public LintOptions {
        Objects.requireNonNull(dialect, "dialect");
    }
}
