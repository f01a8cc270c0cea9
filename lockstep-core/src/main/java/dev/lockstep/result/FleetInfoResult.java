package dev.lockstep.result;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a fleet stands: every selected tenant's status, in the order of the selection.
 *
 * @param tenants every selected tenant, each once
 */
public record FleetInfoResult(List<TenantStatus> tenants) {
    /** Versions in their numeric order, tenants without a version ({@code none}) first. */
    static final Comparator<String> VERSION_ORDER = Comparator.comparing((String v) -> !v.equals("none"))
            .thenComparing(v -> v.equals("none") ? Version.parse("0") : Version.parse(v));

    public FleetInfoResult {
        tenants = List.copyOf(tenants);
    }

    /** How many readable tenants are at each version ({@code none}: nothing applied yet), oldest first. */
    public Map<String, Long> byVersion() {
        Map<String, Long> versions = new TreeMap<>(VERSION_ORDER);
        for (TenantStatus t : tenants) {
            if (t.status() != null) {
                versions.merge(label(t.status().currentVersion()), 1L, Long::sum);
            }
        }
        return versions;
    }

    /** The tenants behind the local migrations (something pending or running, or a problem), and those unreadable. */
    public List<TenantStatus> lagging() {
        return tenants.stream().filter(t -> !t.isReady()).toList();
    }

    static String label(String version) {
        return version == null ? "none" : version;
    }
}
