package dev.lockstep.cli;

import dev.lockstep.lint.Finding;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.RuleCode;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Lint findings as a SARIF 2.1.0 log, the format GitHub code scanning uploads: one run, every rule
 * in the driver (so a result's {@code ruleId} always resolves), one result per finding.
 */
final class SarifRenderer {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private SarifRenderer() {
    }

    static Map<String, Object> render(LintReport report, String version) {
        Map<String, Object> driver = Output.object();
        driver.put("name", "lockstep");
        driver.put("version", version);
        driver.put("rules", Arrays.stream(RuleCode.values()).map(SarifRenderer::rule).toList());
        Map<String, Object> run = Output.object();
        run.put("tool", Map.of("driver", driver));
        run.put("results", report.findings().stream().map(SarifRenderer::result).toList());
        Map<String, Object> log = Output.object();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        log.put("runs", List.of(run));
        return log;
    }

    private static Map<String, Object> rule(RuleCode code) {
        Map<String, Object> rule = Output.object();
        rule.put("id", code.code());
        rule.put("shortDescription", Map.of("text", code.title()));
        rule.put("help", Map.of("text", code.help()));
        rule.put("defaultConfiguration", Map.of("level", level(code.severity())));
        return rule;
    }

    private static Map<String, Object> result(Finding f) {
        Map<String, Object> region = Output.object();
        region.put("startLine", f.line());
        region.put("startColumn", f.column());
        Map<String, Object> physical = Output.object();
        physical.put("artifactLocation", Map.of("uri", f.file().replace('\\', '/')));
        physical.put("region", region);
        Map<String, Object> result = Output.object();
        result.put("ruleId", f.code());
        result.put("level", level(f.severity()));
        result.put("message", Map.of("text", f.message() + " Fix: " + f.fix()));
        result.put("locations", List.of(Map.of("physicalLocation", physical)));
        return result;
    }

    private static String level(dev.lockstep.lint.Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }
}
