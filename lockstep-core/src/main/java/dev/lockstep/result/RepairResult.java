package dev.lockstep.result;

import java.util.List;

/**
 * What a repair changed. Each change is also an audit row of type REPAIR in the history.
 *
 * @param database the database, as {@code PostgreSQL 16.2 at host:5432/app}
 * @param changes  one sentence per change, in order; empty when there was nothing to repair
 * @param warnings what the user should know about the state it leaves
 */
public record RepairResult(String database, List<String> changes, List<String> warnings) {

    public RepairResult {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }
}
