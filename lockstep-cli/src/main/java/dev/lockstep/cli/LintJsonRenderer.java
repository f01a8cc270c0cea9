package dev.lockstep.cli;

import dev.lockstep.lint.Finding;
import dev.lockstep.lint.LintReport;

import java.util.List;
import java.util.Map;

/** Lint findings as one JSON object whose {@code findings} each stand on their own. */
final class LintJsonRenderer {

    private LintJsonRenderer() {
    }

    static Map<String, Object> render(LintReport report, String dialect, String failOn, boolean failed) {
        Map<String, Object> json = Output.object();
        json.put("dialect", dialect);
        json.put("files", report.files());
        json.put("suppressed", report.suppressed());
        json.put("failOn", failOn);
        json.put("failed", failed);
        json.put("findings", findings(report.findings()));
        return json;
    }

    static List<Map<String, Object>> findings(List<Finding> findings) {
        return findings.stream().map(f -> {
            Map<String, Object> json = Output.object();
            json.put("code", f.code());
            json.put("severity", f.severity().label());
            json.put("file", f.file());
            json.put("line", f.line());
            json.put("column", f.column());
            json.put("message", f.message());
            json.put("fix", f.fix());
            return json;
        }).toList();
    }
}
