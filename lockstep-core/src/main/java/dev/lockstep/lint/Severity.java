package dev.lockstep.lint;

import java.util.Locale;

/** How bad a finding is, in rising order; {@code --fail-on} compares against it. */
public enum Severity {
    /** Advice: nothing breaks, but there is a better way. */
    INFO,
    /** Breaks a retry or a rolling deploy, or leaves no way back. */
    WARNING,
    /** Blocks production traffic or fails at run time. */
    ERROR;

    /** {@code info}, {@code warning} or {@code error}, as written in output and options. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(Severity threshold) {
        return compareTo(threshold) >= 0;
    }
}
