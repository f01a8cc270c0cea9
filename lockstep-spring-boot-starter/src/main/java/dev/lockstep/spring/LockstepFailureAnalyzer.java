package dev.lockstep.spring;

import dev.lockstep.error.Reason;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a failed lockstep start as Boot prints its own start-up failures: lockstep's message (what, where) as the
 * description, and the next step as the action, instead of a stack trace.
 */
class LockstepFailureAnalyzer extends AbstractFailureAnalyzer<LockstepStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LockstepStartupException cause) {
        return new FailureAnalysis(cause.getMessage(), action(cause.reason()), cause);
    }

    static String action(Reason reason) {
        return switch (reason) {
            case CONFIGURATION -> "Fix the setting named above (lockstep.* properties or LOCKSTEP_* environment"
                    + " variables). The process exits with " + reason.exitCode() + ".";
            case DATABASE_UNREACHABLE -> "Check that the database is up and reachable, and the user and password;"
                    + " raise lockstep.connect-timeout if it starts slowly. The process exits with " + reason.exitCode() + ".";
            case LOCK_TIMEOUT -> "Another replica or a Job held the lock, or the schema was not migrated, for longer than"
                    + " lockstep.lock-timeout. See who holds it in the message above; raise lockstep.lock-timeout for long"
                    + " migrations. The process exits with " + reason.exitCode() + ".";
            case INVALID_MIGRATIONS -> "Fix the migrations or the history as the message says (lockstep validate and"
                    + " lockstep info show every migration). The process exits with " + reason.exitCode() + ".";
            case MIGRATION_FAILED -> "Fix the failed migration as the message says; the next start runs it again."
                    + " The process exits with " + reason.exitCode() + ".";
            case REPAIR_NEEDED -> "Repair the history with the lockstep repair command the message names, then start"
                    + " again. The process exits with " + reason.exitCode() + ".";
            case INTERRUPTED, TERMINATED -> "Nothing to do: the migration stopped safely and the next start resumes it."
                    + " The process exits with " + reason.exitCode() + ".";
            default -> "This is a bug in lockstep: please report it with the message above. The process exits with "
                    + reason.exitCode() + ".";
        };
    }
}
