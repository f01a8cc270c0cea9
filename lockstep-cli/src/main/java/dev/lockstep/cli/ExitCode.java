package dev.lockstep.cli;

/** Exit codes that belong to the command line itself; the rest come from {@link dev.lockstep.error.Reason}. */
final class ExitCode {
    static final int OK = 0;
    static final int INTERNAL = 1;
    static final int USAGE = 2;

    private ExitCode() {
    }
}
