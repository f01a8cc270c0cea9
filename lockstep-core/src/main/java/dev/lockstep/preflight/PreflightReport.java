package dev.lockstep.preflight;

import java.util.List;

/**
 * The outcome of a preflight: every check of every directory. Reporting is separate from deciding:
 * {@link #passed()} says whether to go on.
 *
 * @param directories one report per directory, in the order given
 * @param strict      whether warnings fail too
 */
public record PreflightReport(List<DirectoryReport> directories, boolean strict) {
    public PreflightReport {
        directories = List.copyOf(directories);
    }

    /** Whether the application may start: no failure, and no warning under {@code --strict}. */
    public boolean passed() {
        return failures().isEmpty() && (!strict || warnings().isEmpty());
    }

    public List<Check> failures() {
        return withStatus(CheckStatus.FAIL);
    }

    public List<Check> warnings() {
        return withStatus(CheckStatus.WARN);
    }

    private List<Check> withStatus(CheckStatus status) {
        return directories.stream().flatMap(d -> d.checks().stream()).filter(c -> c.status() == status).toList();
    }
}
