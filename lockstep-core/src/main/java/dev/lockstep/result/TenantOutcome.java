package dev.lockstep.result;

import dev.lockstep.error.Reason;

import java.time.Duration;

/**
 * How one tenant of a fleet run ended.
 *
 * @param tenant         the schema, database or file, as selected; a URL without its secrets
 * @param status         what happened to it
 * @param initialVersion the newest applied version before the run, or {@code null} (also when it failed or was not started)
 * @param currentVersion the newest applied version after the run, or {@code null}
 * @param applied        how many migrations this process applied to it
 * @param reason         why it failed ({@link Status#FAILED} only), else {@code null}
 * @param error          the error's message, without secrets ({@link Status#FAILED} only), else {@code null}
 * @param duration       how long this process spent on it, every attempt together
 */
public record TenantOutcome(String tenant, Status status, String initialVersion, String currentVersion, int applied,
                            Reason reason, String error, Duration duration) {

    /** What a fleet run did to one tenant. */
    public enum Status {
        /** This process applied at least one migration. */
        MIGRATED,
        /** Nothing was pending, or another process applied what was. */
        UP_TO_DATE,
        /** It failed; the other tenants went on (unless fail-fast). */
        FAILED,
        /** Never started: the run was stopped, or fail-fast ended it, first. */
        NOT_STARTED
    }

    public static TenantOutcome notStarted(String tenant) {
        return new TenantOutcome(tenant, Status.NOT_STARTED, null, null, 0, null, null, Duration.ZERO);
    }

    public static TenantOutcome failed(String tenant, Reason reason, String error, Duration duration) {
        return new TenantOutcome(tenant, Status.FAILED, null, null, 0, reason, error, duration);
    }
}
