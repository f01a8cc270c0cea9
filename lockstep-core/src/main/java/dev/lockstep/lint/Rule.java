package dev.lockstep.lint;

/**
 * One family of checks over one file: pure, it reads the parsed file and reports what it finds.
 * Whether a finding is suppressed, and whether it fails the run, is decided elsewhere.
 */
interface Rule {
    void check(LintedFile file, Findings findings);
}
