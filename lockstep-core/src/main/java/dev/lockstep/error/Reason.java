package dev.lockstep.error;

/**
 * Why lockstep stopped. Each reason is one row of the exit-code table in the README and docs/architecture.md, so the CLI,
 * scripts and orchestrators can tell what happened without parsing messages.
 */
public enum Reason {
    /** A bug in lockstep: the message asks for a report. */
    INTERNAL(1),
    /** Usage or configuration: an unknown option, a bad URL, an unreadable folder. */
    CONFIGURATION(2),
    /** The database could not be reached within the connect timeout, or refused what cannot heal (credentials, TLS, unknown database). */
    DATABASE_UNREACHABLE(3),
    /** The lock, or a wait for the schema, was not obtained within its timeout. */
    LOCK_TIMEOUT(4),
    /** The migration set is invalid: checksum mismatch, duplicate version, malformed name, bad UTF-8. */
    INVALID_MIGRATIONS(5),
    /** A migration failed; the message says in what state the database was left. */
    MIGRATION_FAILED(6),
    /** An interrupted migration cannot resume by itself; the message names the repair. */
    REPAIR_NEEDED(7),
    /** A volume preflight check failed. */
    PREFLIGHT_FAILED(8),
    /** Lint found problems at or above the failure threshold. */
    LINT_FAILED(9),
    /** Some tenants of a fleet failed (or could not be read); every other tenant was done. The summary names them. */
    TENANTS_FAILED(10),
    /** Stopped safely on request (SIGINT, Ctrl-C): no new work taken, the lock released. */
    INTERRUPTED(130),
    /** Stopped safely on request (SIGTERM from an orchestrator): no new work taken, the lock released. */
    TERMINATED(143);

    private final int exitCode;

    Reason(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
