package dev.lockstep.cli;

import dev.lockstep.preflight.Check;
import dev.lockstep.preflight.CheckStatus;
import dev.lockstep.preflight.DirectoryReport;
import dev.lockstep.preflight.PreflightReport;

import java.util.List;
import java.util.Locale;

/**
 * A preflight report as text for people (each problem with its fix commands); its JSON document is the report itself,
 * written through {@link ResultJson}'s mix-ins.
 */
final class PreflightRenderer {
    private PreflightRenderer() {
    }

    static String text(PreflightReport report) {
        StringBuilder text = new StringBuilder();
        for (DirectoryReport directory : report.directories()) {
            text.append(directory.directory()).append('\n');
            List<String> previousFixes = List.of();
            for (Check check : directory.checks()) {
                text.append(String.format(Locale.ROOT, "  %-4s  %-14s  %s%n", label(check.status()), check.kind().id(), check.message()));
                if (!check.fixes().isEmpty() && check.fixes().equals(previousFixes)) {
                    text.append("        fix: as above\n");
                } else {
                    check.fixes().forEach(fix -> text.append("        fix: ").append(fix).append('\n'));
                }
                previousFixes = check.fixes();
            }
        }
        return text.append(summary(report)).toString();
    }

    static String summary(PreflightReport report) {
        int failures = report.failures().size();
        int warnings = report.warnings().size();
        String counts = plural(failures, "failure") + " and " + plural(warnings, "warning") + " in "
                + plural(report.directories().size(), "directory", "directories");
        if (report.passed()) {
            return "Preflight passed: " + counts + ".";
        }
        return "Preflight failed: " + counts + (failures == 0 ? " (--strict)" : "")
                + ". Each problem above is listed with the commands that fix it.";
    }

    private static String label(CheckStatus status) {
        return switch (status) {
            case PASS -> "ok";
            case WARN -> "WARN";
            case FAIL -> "FAIL";
        };
    }

    private static String plural(long count, String one) {
        return plural(count, one, one + "s");
    }

    private static String plural(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }

}
