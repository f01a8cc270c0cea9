package dev.lockstep.cli;

import dev.lockstep.lint.Finding;
import dev.lockstep.lint.LintReport;
import dev.lockstep.lint.LintSource;
import dev.lockstep.lint.Severity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Lint findings for people: grouped by file, each with its source line, a caret under the column, and the fix. */
final class LintTextRenderer {

    private LintTextRenderer() {
    }

    static String render(LintReport report, List<LintSource> sources, String dialect) {
        Map<String, String> texts = sources.stream().collect(Collectors.toMap(LintSource::path, LintSource::text, (a, b) -> a));
        Map<String, List<Finding>> byFile = report.findings().stream()
                .collect(Collectors.groupingBy(Finding::file, LinkedHashMap::new, Collectors.toList()));
        StringBuilder text = new StringBuilder();
        byFile.forEach((file, findings) -> {
            text.append(file).append('\n');
            String[] lines = texts.getOrDefault(file, "").split("\n", -1);
            for (Finding f : findings) {
                text.append(String.format("  %d:%d  %-7s  %s  %s%n", f.line(), f.column(), f.severity().label(), f.code(), f.message()));
                if (f.line() <= lines.length && !lines[f.line() - 1].isBlank()) {
                    String source = lines[f.line() - 1].replace('\t', ' ');
                    text.append("      | ").append(source).append('\n');
                    text.append("      | ").append(" ".repeat(Math.min(f.column() - 1, source.length()))).append("^\n");
                }
                text.append("      fix: ").append(f.fix()).append('\n');
            }
            text.append('\n');
        });
        text.append(summary(report, dialect));
        return text.toString();
    }

    private static String summary(LintReport report, String dialect) {
        String files = report.files() + " file" + (report.files() == 1 ? "" : "s") + " (" + dialect + ")";
        String suppressed = report.suppressed() == 0 ? "" : ", " + report.suppressed() + " suppressed";
        if (report.findings().isEmpty()) {
            return "No findings in " + files + suppressed + ".";
        }
        return count(report, Severity.ERROR, "error") + ", " + count(report, Severity.WARNING, "warning") + ", "
                + count(report, Severity.INFO, "info") + " in " + files + suppressed + ".";
    }

    private static String count(LintReport report, Severity severity, String noun) {
        long n = report.count(severity);
        return n + " " + noun + (n == 1 || severity == Severity.INFO ? "" : "s");
    }
}
