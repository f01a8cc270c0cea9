package dev.lockstep.cli;

import dev.lockstep.error.Reason;
import dev.lockstep.result.FleetInfoResult;
import dev.lockstep.result.FleetResult;
import dev.lockstep.result.TenantOutcome;
import dev.lockstep.result.TenantStatus;

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

    static Map<String, Object> json(FleetResult result) {
        Map<String, Object> json = Output.object();
        json.put("tenants", result.tenants().stream().map(FleetRenderer::json).toList());
        Map<String, Object> summary = Output.object();
        summary.put("total", result.tenants().size());
        summary.put("migrated", result.count(TenantOutcome.Status.MIGRATED));
        summary.put("upToDate", result.count(TenantOutcome.Status.UP_TO_DATE));
        summary.put("failed", result.failed().size());
        summary.put("notStarted", result.notStarted().size());
        summary.put("byVersion", result.byVersion());
        json.put("summary", summary);
        json.put("stoppedBy", result.stoppedBy() == null ? null : result.stoppedBy().name());
        json.put("durationMs", result.duration().toMillis());
        return json;
    }

    private static Map<String, Object> json(TenantOutcome t) {
        Map<String, Object> json = Output.object();
        json.put("tenant", t.tenant());
        json.put("status", t.status().name());
        json.put("initialVersion", t.initialVersion());
        json.put("currentVersion", t.currentVersion());
        json.put("applied", t.applied());
        json.put("reason", t.reason() == null ? null : t.reason().name());
        json.put("exitCode", t.reason() == null ? null : ExitCode.of(t.reason()));
        json.put("error", t.error());
        json.put("durationMs", t.duration().toMillis());
        return json;
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

    static Map<String, Object> json(FleetInfoResult result) {
        Map<String, Object> json = Output.object();
        json.put("tenants", result.tenants().stream().map(t -> {
            Map<String, Object> entry = Output.object();
            entry.put("tenant", t.tenant());
            entry.put("currentVersion", t.status() == null ? null : t.status().currentVersion());
            entry.put("pending", t.status() == null ? null : t.status().pending().size());
            entry.put("ready", t.isReady());
            entry.put("problems", t.status() == null ? List.of() : t.status().problems());
            entry.put("reason", t.reason() == null ? null : t.reason().name());
            entry.put("error", t.error());
            return entry;
        }).toList());
        json.put("byVersion", result.byVersion());
        json.put("lagging", result.lagging().stream().map(TenantStatus::tenant).toList());
        return json;
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
