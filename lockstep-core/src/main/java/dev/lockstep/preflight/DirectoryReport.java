package dev.lockstep.preflight;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The checks of one {@code --writable} directory, in the order they ran.
 *
 * @param directory    the directory as given
 * @param checks       the checks
 * @param ownershipFix what {@code --fix-ownership} did, when it ran
 */
public record DirectoryReport(Path directory, List<Check> checks, Optional<FixResult> ownershipFix) {
    public DirectoryReport {
        checks = List.copyOf(checks);
    }

    public boolean has(CheckStatus status) {
        return checks.stream().anyMatch(c -> c.status() == status);
    }
}
