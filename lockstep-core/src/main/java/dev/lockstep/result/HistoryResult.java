package dev.lockstep.result;

import java.util.List;

/**
 * The audit trail, as {@link dev.lockstep.Lockstep#history()} read it: every row of the history table in the order
 * written, failed attempts and undo rows included.
 *
 * @param database where, without secrets
 * @param schema   the schema of the history table
 * @param table    the history table
 * @param rows     by installed rank; empty when the table does not exist yet
 */
public record HistoryResult(String database, String schema, String table, List<HistoryEntry> rows) {

    public HistoryResult {
        rows = List.copyOf(rows);
    }
}
