package dev.lockstep.cli;

import dev.lockstep.error.Reason;
import dev.lockstep.result.FleetInfoResult;
import dev.lockstep.result.HistoryResult;
import dev.lockstep.result.Problem;
import dev.lockstep.result.TenantResult;
import dev.lockstep.result.ValidateResult;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.time.Duration;
import java.util.List;

/**
 * What {@code validate}, {@code history} and {@code wait} print over a fleet: each tenant's own answer, the ones that
 * could not be read with their exit code and error, and a summary; exit 10 when a tenant is not as asked.
 */
final class FleetReads {
    private FleetReads() {
    }


    static boolean allValid(List<TenantResult<ValidateResult>> results) {
        return results.stream().allMatch(t -> t.isRead() && t.result().isValid());
    }

    static String validateText(List<TenantResult<ValidateResult>> results) {
        StringBuilder text = new StringBuilder();
        long valid = 0;
        long invalid = 0;
        for (TenantResult<ValidateResult> t : results) {
            if (!t.isRead()) {
                unreadable(text, t);
            } else if (!t.result().isValid()) {
                invalid++;
                text.append("Invalid: ").append(t.tenant()).append(" (exit ").append(ExitCode.of(t.result())).append("):");
                for (Problem problem : t.result().errors()) {
                    text.append("\n  - ").append(problem.message());
                }
                text.append('\n');
            } else {
                valid++;
            }
        }
        return text.append("Validated ").append(tenants(results.size())).append(": ").append(valid).append(" valid, ")
                .append(invalid).append(" invalid, ").append(results.size() - valid - invalid).append(" unreadable.")
                .toString();
    }

    /** The document of a fleet's validate: one entry per tenant, its own document with its exit code, then the counts. */
    static ValidateDocument validateJson(List<TenantResult<ValidateResult>> results) {
        return new ValidateDocument(results.stream().map(t -> t.isRead()
                ? (ValidateTenant) new ValidateRead(t.tenant(), t.result(), ExitCode.of(t.result()), t.reason(), t.error())
                : new ValidateUnread(t.tenant(), null, ExitCode.of(t.reason()), t.reason(), t.error())).toList(),
                new ValidateSummary(results.size(), results.stream().filter(t -> t.isRead() && t.result().isValid()).count(),
                        results.stream().filter(t -> t.isRead() && !t.result().isValid()).count(),
                        results.stream().filter(t -> !t.isRead()).count()));
    }

    record ValidateDocument(List<ValidateTenant> tenants, ValidateSummary summary) {
    }

    record ValidateSummary(int total, long valid, long invalid, long unreadable) {
    }

    /** A tenant of a fleet's validate: its validate document (read) or {@code "valid": null} (unreadable), then why. */
    sealed interface ValidateTenant permits ValidateRead, ValidateUnread {
    }

    record ValidateRead(String tenant, @JsonUnwrapped ValidateResult result, int exitCode, Reason reason, String error)
            implements ValidateTenant {
    }

    record ValidateUnread(String tenant, Boolean valid, int exitCode, Reason reason, String error) implements ValidateTenant {
    }

    static boolean allRead(List<? extends TenantResult<?>> results) {
        return results.stream().allMatch(TenantResult::isRead);
    }

    static String historyText(List<TenantResult<HistoryResult>> results) {
        StringBuilder text = new StringBuilder();
        for (TenantResult<HistoryResult> t : results) {
            text.append("== ").append(t.tenant()).append(" ==\n");
            if (t.isRead()) {
                text.append(HistoryCommand.text(t.result()).stripTrailing()).append("\n\n");
            } else {
                unreadable(text, t);
                text.append('\n');
            }
        }
        long unread = results.stream().filter(t -> !t.isRead()).count();
        return text.append("History of ").append(tenants(results.size())).append(unread == 0 ? "." : "; "
                + unread + " unreadable.").toString();
    }

    /** The document of a fleet's history: one entry per tenant, its own history document or {@code "rows": null}. */
    static HistoryDocument historyJson(List<TenantResult<HistoryResult>> results) {
        return new HistoryDocument(results.stream().map(t -> {
            Integer exitCode = t.reason() == null ? null : ExitCode.of(t.reason());
            return t.isRead() ? (HistoryTenant) new HistoryRead(t.tenant(), t.result(), t.reason(), exitCode, t.error())
                    : new HistoryUnread(t.tenant(), null, t.reason(), exitCode, t.error());
        }).toList());
    }

    record HistoryDocument(List<HistoryTenant> tenants) {
    }

    sealed interface HistoryTenant permits HistoryRead, HistoryUnread {
    }

    record HistoryRead(String tenant, @JsonUnwrapped HistoryResult result, Reason reason, Integer exitCode, String error)
            implements HistoryTenant {
    }

    record HistoryUnread(String tenant, List<Object> rows, Reason reason, Integer exitCode, String error)
            implements HistoryTenant {
    }

    static String waitText(FleetInfoResult result, Duration waited) {
        return FleetRenderer.text(result).stripTrailing() + "\nWaited " + waited.toSeconds() + "s.";
    }

    /** The document of a fleet's wait: the fleet's info, then whether every tenant is ready and how long it waited. */
    static WaitDocument waitJson(FleetInfoResult result, Duration waited) {
        return new WaitDocument(FleetRenderer.json(result), result.lagging().isEmpty(), waited);
    }

    record WaitDocument(@JsonUnwrapped FleetRenderer.InfoDocument fleet, boolean ready,
                        @JsonProperty("waitedMs") @JsonSerialize(using = ResultJson.Millis.class) Duration waited) {
    }

    private static void unreadable(StringBuilder text, TenantResult<?> t) {
        text.append("Unreadable: ").append(t.tenant()).append(" (exit ").append(ExitCode.of(t.reason())).append("): ")
                .append(t.error()).append('\n');
    }

    private static String tenants(int count) {
        return count + " tenant" + (count == 1 ? "" : "s");
    }
}
