package dev.lockstep.cli;

import dev.lockstep.lint.LintReport;

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
        json.put("findings", report.findings());
        return json;
    }
}
