package dev.lockstep.result;

import java.util.Objects;

/**
 * One line of {@code info}: a local migration, its latest history row, or both.
 *
 * @param version  as written in the file name; {@code null} for repeatable migrations
 * @param checksum of the local file, or of the history row when there is no local file
 * @param applied  the latest history row for it, or {@code null} when it never ran
 */
public record MigrationInfo(String version, String description, String script, MigrationType type,
                            MigrationState state, String checksum, HistoryEntry applied) {

    public MigrationInfo {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(state, "state");
    }
}
