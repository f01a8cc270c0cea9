package dev.lockstep.source;

import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;

import java.util.Objects;

/**
 * What a migration's file name says about it.
 *
 * @param type        {@link MigrationType#SQL}, {@link MigrationType#UNDO} or {@link MigrationType#REPEATABLE}
 * @param version     the version as written, or {@code null} for a repeatable migration
 * @param description the description with underscores turned into spaces; may be empty
 */
public record ParsedName(MigrationType type, Version version, String description) {
    public ParsedName {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if ((version == null) != (type == MigrationType.REPEATABLE)) {
            throw new IllegalArgumentException("a repeatable migration has no version, every other kind has one");
        }
    }
}
