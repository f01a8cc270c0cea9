package dev.lockstep.result;

import java.time.Duration;
import java.util.List;

/**
 * What {@link dev.lockstep.Lockstep#migrate()} did.
 *
 * @param database       where, without secrets ({@code PostgreSQL 16.2 at db:5432/app})
 * @param schema         the schema of the history table
 * @param initialVersion the newest applied version before the run, or {@code null}
 * @param currentVersion the newest applied version after the run, or {@code null}
 * @param applied        what this replica applied, in order; empty when another replica did the work
 * @param lockTaken      whether this replica took the lock (false when everything was applied already)
 * @param warnings       things the user should know (future or missing migrations, ignored files)
 * @param duration       wall time of the whole run
 */
public record MigrateResult(
        String database,
        String schema,
        String initialVersion,
        String currentVersion,
        List<AppliedStep> applied,
        boolean lockTaken,
        List<String> warnings,
        Duration duration) {

    public MigrateResult {
        applied = List.copyOf(applied);
        warnings = List.copyOf(warnings);
    }

    /**
     * One migration this replica applied.
     *
     * @param version    {@code null} for a repeatable migration
     * @param statements how many statements it ran (0 for a file that held none)
     */
    public record AppliedStep(String version, String description, String script, String type, int statements, Duration duration) {
    }
}
