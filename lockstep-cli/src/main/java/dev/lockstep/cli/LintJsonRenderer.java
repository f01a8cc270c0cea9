package dev.lockstep.cli;

import dev.lockstep.lint.Finding;
import dev.lockstep.lint.LintReport;

import java.util.List;

/** Lint findings as one JSON object whose {@code findings} each stand on their own. */
final class LintJsonRenderer {

    private LintJsonRenderer() {
    }

    static Document render(LintReport report, String dialect, String failOn, boolean failed) {
        return new Document(dialect, report.files(), report.suppressed(), failOn, failed, report.findings());
    }

    /** The envelope: what was read and how, whether it fails, then each finding ({@link ResultJson}). */
    record Document(String dialect, int files, int suppressed, String failOn, boolean failed, List<Finding> findings) {
    }
}
