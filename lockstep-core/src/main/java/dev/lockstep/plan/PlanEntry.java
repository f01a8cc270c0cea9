package dev.lockstep.plan;

import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationInfo;
import dev.lockstep.result.MigrationState;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;

import java.util.Objects;

/**
 * One line of {@code lockstep info}: a local migration, its latest history row, or both.
 *
 * @param local   the local file, or {@code null} when it exists only in the history
 * @param applied the latest history row for it, or {@code null} when it never ran
 * @param state   where it stands
 */
public record PlanEntry(Migration local, HistoryRow applied, MigrationState state) {

    public PlanEntry {
        Objects.requireNonNull(state, "state");
        if (local == null && applied == null) {
            throw new IllegalArgumentException("a migration info needs a local file or a history row");
        }
    }

    public Version version() {
        return local != null ? local.version() : applied.version();
    }

    public String description() {
        return local != null ? local.description() : applied.description();
    }

    public String script() {
        return local != null ? local.script() : applied.script();
    }

    public MigrationType type() {
        return local != null ? local.type() : applied.type();
    }

    /** This entry as {@code info} reports it. */
    public MigrationInfo toInfo() {
        Version version = version();
        return new MigrationInfo(version == null ? null : version.toString(), description(), script(), type(), state,
                local != null ? local.checksum() : applied.checksum(), applied == null ? null : applied.toEntry());
    }
}
