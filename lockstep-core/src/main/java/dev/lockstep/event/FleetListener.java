package dev.lockstep.event;

import dev.lockstep.result.TenantOutcome;

/**
 * What a fleet run tells its caller about its tenants, for progress lines, logs and metrics. Called from the run's
 * worker threads, several at once: implementations must be thread-safe and quick. Every method has a default that
 * does nothing.
 */
public interface FleetListener {
    /** The run starts on {@code total} tenants. */
    default void fleetStarted(int total) {
    }

    /**
     * Another process holds {@code tenant}'s lock: this run goes on with other tenants and comes back to it.
     *
     * @param holder who holds it, as the database tells
     */
    default void tenantLocked(String tenant, String holder) {
    }

    /**
     * One tenant is done.
     *
     * @param finished tenants done so far, this one included
     * @param total    tenants selected
     */
    default void tenantFinished(TenantOutcome outcome, int finished, int total) {
    }
}
