package dev.lockstep.cli;

import dev.lockstep.error.Reason;
import dev.lockstep.result.FleetInfoResult;
import dev.lockstep.result.FleetResult;
import dev.lockstep.result.SchemaStatus;
import dev.lockstep.result.TenantOutcome;
import dev.lockstep.result.TenantStatus;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A fleet's results as text (a summary, then what failed or was not started) and as JSON (one entry per tenant). */
final class FleetRenderer {
    private FleetRenderer() {
    }

    static String text(FleetResult result) {
        StringBuilder text = new StringBuilder();
        for (TenantOutcome failed : result.failed()) {
            text.append("Failed: ").append(failed.tenant()).append(" (exit ").append(ExitCode.of(failed.reason()))
                    .append("): ").append(failed.error()).append('\n');
        }
        if (!result.notStarted().isEmpty()) {
            text.append("Not started").append(result.stoppedBy() != null ? " (stopped by " + signal(result.stoppedBy()) + ")"
                    : " (--fail-fast)").append(": ").append(names(result.notStarted().stream().map(TenantOutcome::tenant)
                    .toList())).append('\n');
        }
        text.append("Fleet of ").append(result.tenants().size()).append(" tenant").append(result.tenants().size() == 1 ? "" : "s")
                .append(" in ").append(result.duration().toMillis()).append(" ms: ")
                .append(result.count(TenantOutcome.Status.MIGRATED)).append(" migrated, ")
                .append(result.count(TenantOutcome.Status.UP_TO_DATE)).append(" up to date, ")
                .append(result.failed().size()).append(" failed, ")
                .append(result.notStarted().size()).append(" not started.");
        if (!result.byVersion().isEmpty()) {
            text.append("\nBy version: ").append(versions(result.byVersion())).append('.');
        }
        return text.toString();
    }

    /** The document of a fleet's migrate: one entry per tenant, the summary, what stopped it and how long it took. */
    static Document json(FleetResult result) {
        return new Document(result.tenants().stream().map(Tenant::of).toList(), new Summary(result.tenants().size(),
                result.count(TenantOutcome.Status.MIGRATED), result.count(TenantOutcome.Status.UP_TO_DATE),
                result.failed().size(), result.notStarted().size(), result.byVersion()), result.stoppedBy(), result.duration());
    }

    record Document(List<Tenant> tenants, Summary summary, Reason stoppedBy,
                    @JsonProperty("durationMs") @JsonSerialize(using = ResultJson.Millis.class) Duration duration) {
    }

    record Summary(int total, long migrated, long upToDate, int failed, int notStarted, Map<String, Long> byVersion) {
    }

    /** One tenant's outcome, with the exit code its own run would have had when it failed. */
    record Tenant(String tenant, TenantOutcome.Status status, String initialVersion, String currentVersion, int applied,
                  Reason reason, Integer exitCode, String error,
                  @JsonProperty("durationMs") @JsonSerialize(using = ResultJson.Millis.class) Duration duration) {
        static Tenant of(TenantOutcome t) {
            return new Tenant(t.tenant(), t.status(), t.initialVersion(), t.currentVersion(), t.applied(), t.reason(),
                    t.reason() == null ? null : ExitCode.of(t.reason()), t.error(), t.duration());
        }
    }

    static String text(FleetInfoResult result) {
        StringBuilder text = new StringBuilder("Fleet of ").append(result.tenants().size()).append(" tenant")
                .append(result.tenants().size() == 1 ? "" : "s").append(". By version: ")
                .append(result.byVersion().isEmpty() ? "none readable" : versions(result.byVersion())).append(".\n");
        List<TenantStatus> lagging = result.lagging();
        if (lagging.isEmpty()) {
            return text.append("None lags: every tenant is up to date.").toString();
        }
        text.append("Lagging (").append(lagging.size()).append("):\n");
        for (TenantStatus t : lagging) {
            text.append("  ").append(t.tenant()).append(": ").append(t.status() == null ? (t.reason() == Reason.LOCK_TIMEOUT
                    ? "still behind at the timeout" : "unreadable") + " (exit " + ExitCode.of(t.reason()) + "): " + t.error()
                    : t.status().describe()).append('\n');
        }
        return text.toString();
    }

    /** The document of a fleet's info: one entry per tenant, how many are at each version, and which lag. */
    static InfoDocument json(FleetInfoResult result) {
        return new InfoDocument(result.tenants().stream().map(InfoTenant::of).toList(), result.byVersion(),
                result.lagging().stream().map(TenantStatus::tenant).toList());
    }

    record InfoDocument(List<InfoTenant> tenants, Map<String, Long> byVersion, List<String> lagging) {
    }

    /** One tenant of a fleet's info; its version and pending count are {@code null}, its problems empty, when it was unreadable. */
    record InfoTenant(String tenant, String currentVersion, Integer pending, boolean ready, List<String> problems,
                      Reason reason, String error) {
        static InfoTenant of(TenantStatus t) {
            SchemaStatus status = t.status();
            return new InfoTenant(t.tenant(), status == null ? null : status.currentVersion(),
                    status == null ? null : status.pending().size(), t.isReady(), status == null ? List.of() : status.problems(),
                    t.reason(), t.error());
        }
    }

    private static String versions(Map<String, Long> byVersion) {
        return byVersion.entrySet().stream().map(e -> (e.getKey().equals("none") ? "no version" : "version " + e.getKey())
                + ": " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String names(List<String> names) {
        return String.join(", ", names);
    }

    private static String signal(Reason reason) {
        return reason == Reason.INTERRUPTED ? "SIGINT" : "SIGTERM";
    }
}
