package dev.lockstep.lint;

import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;

import java.util.Objects;

/**
 * One migration file to lint, already read and decoded by the caller.
 *
 * @param path    the path as the user gave it, repeated in every finding
 * @param text    the normalised text (LF line endings, no BOM)
 * @param type    versioned, undo or repeatable, from the file name
 * @param version the version from the file name, or {@code null} for a repeatable migration
 */
public record LintSource(String path, String text, MigrationType type, Version version) {
    public LintSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(type, "type");
    }
}
