package dev.lockstep.lint;

import java.util.List;

/**
 * What a lint run found, in file order, then by line and column; suppressed findings are gone.
 * Reporting is separate from deciding: {@link #reaches} tells a caller whether to fail.
 *
 * @param findings   the findings
 * @param files      how many files were linted
 * @param suppressed how many findings a suppression with a reason removed
 */
public record LintReport(List<Finding> findings, int files, int suppressed) {
    public LintReport {
        findings = List.copyOf(findings);
    }

    /** Whether any finding is at {@code threshold} or above. */
    public boolean reaches(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
