package dev.lockstep.result;

import java.util.List;

/**
 * Every migration with its state, as {@link dev.lockstep.Lockstep#info()} found them.
 *
 * @param database       where, without secrets
 * @param schema         the schema of the history table
 * @param table          the history table
 * @param currentVersion the newest applied version, or {@code null}
 * @param migrations     versioned migrations by version, then repeatables by description
 * @param warnings       problems worth knowing that do not stop a migrate
 */
public record InfoResult(String database, String schema, String table, String currentVersion,
                         List<MigrationInfo> migrations, List<String> warnings) {

    public InfoResult {
        migrations = List.copyOf(migrations);
        warnings = List.copyOf(warnings);
    }
}
