package dev.lockstep.error;

import java.util.Objects;

/**
 * A failure a user can act on. The message is one paragraph: what happened, where (file, line,
 * database), and what to do next. It never contains a password.
 */
public class LockstepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public LockstepException(Reason reason, String message) {
        this(reason, message, null);
    }

    public LockstepException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    public int exitCode() {
        return reason.exitCode();
    }
}
