package dev.lockstep.source;

import dev.lockstep.model.Callback;
import dev.lockstep.model.Migration;

import java.util.List;

/**
 * What a scan of the migration locations found.
 *
 * @param migrations versioned migrations by version, then undo migrations by version, then
 *                   repeatable migrations by description; versions and repeatable descriptions are unique
 * @param ignored    paths of {@code .sql} files that are neither migrations nor callbacks, for the
 *                   caller to log (a migration that was never run is easy to miss otherwise)
 * @param callbacks  the reserved callback files, in the order found
 */
public record ScanResult(List<Migration> migrations, List<String> ignored, List<Callback> callbacks) {
    public ScanResult {
        migrations = List.copyOf(migrations);
        ignored = List.copyOf(ignored);
        callbacks = List.copyOf(callbacks);
    }

    /** The versioned migrations, by version. */
    public List<Migration> versioned() {
        return migrations.stream().filter(Migration::isVersioned).toList();
    }

    /** The undo migrations, by version. */
    public List<Migration> undos() {
        return migrations.stream().filter(Migration::isUndo).toList();
    }

    /** The repeatable migrations, by description. */
    public List<Migration> repeatables() {
        return migrations.stream().filter(Migration::isRepeatable).toList();
    }
}
