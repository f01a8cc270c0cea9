package dev.lockstep.result;

import dev.lockstep.error.Reason;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a fleet migrate did: one outcome per selected tenant, in the order of the selection.
 *
 * @param tenants   every selected tenant, each once
 * @param stoppedBy {@link Reason#TERMINATED} or {@link Reason#INTERRUPTED} when a stop ended the run early, else {@code null}
 * @param duration  wall time of the whole run
 */
public record FleetResult(List<TenantOutcome> tenants, Reason stoppedBy, Duration duration) {
    public FleetResult {
        tenants = List.copyOf(tenants);
    }

    public long count(TenantOutcome.Status status) {
        return tenants.stream().filter(t -> t.status() == status).count();
    }

    public List<TenantOutcome> failed() {
        return with(TenantOutcome.Status.FAILED);
    }

    public List<TenantOutcome> notStarted() {
        return with(TenantOutcome.Status.NOT_STARTED);
    }

    /** Whether every tenant is migrated or up to date. */
    public boolean isComplete() {
        return tenants.stream().allMatch(t -> t.status() == TenantOutcome.Status.MIGRATED
                || t.status() == TenantOutcome.Status.UP_TO_DATE);
    }

    /** How many tenants ended at each version ({@code none} for no version), of those that were migrated or up to date. */
    public Map<String, Long> byVersion() {
        Map<String, Long> versions = new TreeMap<>(FleetInfoResult.VERSION_ORDER);
        for (TenantOutcome t : tenants) {
            if (t.status() == TenantOutcome.Status.MIGRATED || t.status() == TenantOutcome.Status.UP_TO_DATE) {
                versions.merge(FleetInfoResult.label(t.currentVersion()), 1L, Long::sum);
            }
        }
        return versions;
    }

    private List<TenantOutcome> with(TenantOutcome.Status status) {
        return tenants.stream().filter(t -> t.status() == status).toList();
    }
}
