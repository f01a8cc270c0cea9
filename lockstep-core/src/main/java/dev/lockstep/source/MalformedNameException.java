package dev.lockstep.source;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

/**
 * A file name looks like a migration but does not parse. The message names the file, the problem
 * and the expected form; {@link #problem()} gives the rest without the name, so a caller that knows
 * the file's full path can put that in front instead.
 */
public class MalformedNameException extends LockstepException {
    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final String problem;

    public MalformedNameException(String fileName, String problem) {
        super(Reason.INVALID_MIGRATIONS, fileName + ": " + problem);
        this.fileName = fileName;
        this.problem = problem;
    }

    public String fileName() {
        return fileName;
    }

    /** What is wrong and the expected form, without the file name. */
    public String problem() {
        return problem;
    }
}
