package dev.lockstep.preflight;

import java.util.List;

/**
 * One check of one directory.
 *
 * @param kind    what was checked
 * @param status  how it went
 * @param message what was found, with the values (owners, modes, sizes, mount points)
 * @param fixes   for a warning or failure, the commands that fix it in this case, one per line; the first
 *                that fits the deployment is the one to use
 */
public record Check(CheckKind kind, CheckStatus status, String message, List<String> fixes) {
    public Check {
        fixes = List.copyOf(fixes);
    }

    static Check pass(CheckKind kind, String message) {
        return new Check(kind, CheckStatus.PASS, message, List.of());
    }

    static Check warn(CheckKind kind, String message, List<String> fixes) {
        return new Check(kind, CheckStatus.WARN, message, fixes);
    }

    static Check fail(CheckKind kind, String message, List<String> fixes) {
        return new Check(kind, CheckStatus.FAIL, message, fixes);
    }
}
