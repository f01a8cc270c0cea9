package dev.lockstep.spring;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import org.springframework.boot.ExitCodeGenerator;

/**
 * The start-up migration, wait or validation failed, or was stopped by SIGTERM. Carries lockstep's own error as its
 * cause and message, and its exit code: a Spring Boot application that fails this way exits as the CLI would (2 for
 * configuration, 3 unreachable, 4 lock timeout, 5 invalid migrations, 6 failed, 7 repair needed, 143 stopped), so an
 * orchestrator or a script tells what happened without reading logs.
 */
public class LockstepStartupException extends RuntimeException implements ExitCodeGenerator {
    private static final long serialVersionUID = 1L;

    public LockstepStartupException(LockstepException cause) {
        super(cause.getMessage(), cause);
    }

    /** lockstep's error. */
    public LockstepException lockstepException() {
        return (LockstepException) getCause();
    }

    public Reason reason() {
        return lockstepException().reason();
    }

    @Override
    public int getExitCode() {
        return reason().exitCode();
    }
}
