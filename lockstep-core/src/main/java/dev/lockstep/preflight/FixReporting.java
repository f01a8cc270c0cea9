package dev.lockstep.preflight;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Turns what {@code --fix-ownership} did, or why it could not, into a check with its fix. */
final class FixReporting {
    private FixReporting() {
    }

    static Check check(Path directory, FixResult result, Duration timeout) {
        String counts = result.changed() + " of " + result.visited() + " entries read";
        if (!result.complete()) {
            return Check.fail(CheckKind.OWNERSHIP_FIX, "The ownership fix of " + directory + " stopped at --fix-timeout "
                    + timeout.toSeconds() + "s after changing " + counts + " to " + result.owner()
                    + "; the next start walks the tree again.", Advice.fixTimedOut(directory, result.owner(), timeout));
        }
        String how = result.incremental()
                ? "checked its " + result.directories() + " directories and read the entries of the " + result.listed()
                        + " changed since the last fix"
                : "read every entry (" + result.directories() + " directories)";
        return Check.pass(CheckKind.OWNERSHIP_FIX, "Changed the owner of " + counts + " to " + result.owner() + "; "
                + how + ", in " + result.elapsed().toMillis() + "ms.");
    }

    static Check failure(Path directory, IOException error, ProcessIdentity identity, Owner owner, String mountPoint) {
        String message = "Cannot fix the ownership of " + directory + ": " + IoErrors.describe(error) + ".";
        return switch (Denial.of(error)) {
            case ACCESS_DENIED -> Check.fail(CheckKind.OWNERSHIP_FIX, message + " Changing owners needs root, and this process is "
                    + identity + ".", Advice.fixNeedsRoot(identity, owner));
            case READ_ONLY -> Check.fail(CheckKind.OWNERSHIP_FIX, message + " It is on a read-only mount.",
                    Advice.readOnly(directory, mountPoint));
            case NO_SPACE -> Check.fail(CheckKind.OWNERSHIP_FIX, message, Advice.space(directory));
            case OTHER -> Check.fail(CheckKind.OWNERSHIP_FIX, message, Advice.inspect(directory));
        };
    }
}
