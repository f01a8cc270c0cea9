package dev.lockstep.lint;

import java.util.Objects;

/**
 * One problem in one file, complete on its own: a report line, a JSON object or a SARIF result
 * needs nothing else.
 *
 * @param code     the rule's stable code, such as {@code LS201}
 * @param severity how bad it is
 * @param file     the path as it was given
 * @param line     1-based line of the offending token (1 for findings about the whole file)
 * @param column   1-based column of the offending token (at least of the statement's first token)
 * @param message  what is wrong and why it matters
 * @param fix      what to write instead
 */
public record Finding(String code, Severity severity, String file, int line, int column, String message, String fix) {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column start at 1: " + line + ":" + column);
        }
    }
}
