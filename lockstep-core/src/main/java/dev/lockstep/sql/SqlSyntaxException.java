package dev.lockstep.sql;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

/**
 * The splitter cannot make statements of a file: an unterminated string or comment, an unsupported
 * construct such as {@code COPY ... FROM stdin}. The caller adds the file name.
 */
public class SqlSyntaxException extends LockstepException {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String problem;

    public SqlSyntaxException(int line, String problem) {
        super(Reason.INVALID_MIGRATIONS, "line " + line + ": " + problem);
        this.line = line;
        this.problem = problem;
    }

    public int line() {
        return line;
    }

    /** The problem without the line, for messages that put the file and line in front. */
    public String problem() {
        return problem;
    }
}
