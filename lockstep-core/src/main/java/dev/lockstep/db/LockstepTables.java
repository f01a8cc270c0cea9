package dev.lockstep.db;

import dev.lockstep.db.TableSpec.Column;

import java.util.List;

import static dev.lockstep.db.ColumnType.BIGINT;
import static dev.lockstep.db.ColumnType.INTEGER;
import static dev.lockstep.db.ColumnType.TEXT;
import static dev.lockstep.db.ColumnType.TIMESTAMP;
import static dev.lockstep.db.ColumnType.VARCHAR;

/**
 * The columns of lockstep's own tables, written once for every database: the history ({@link HistoryTable}), its
 * fingerprint ({@link FingerprintTable}), a backfill's batches and a key-range backfill's last key ({@link BatchTable}) and the lease lock ({@link
 * LeaseTable}). docs/architecture.md "The history table" says what each history column means.
 */
public final class LockstepTables {
    private LockstepTables() {
    }

    public static final TableSpec HISTORY = new TableSpec(List.of(
            required("installed_rank", INTEGER),
            optional("version", VARCHAR, 128),
            required("description", VARCHAR, 1000),
            required("type", VARCHAR, 20),
            required("script", VARCHAR, 1000),
            optional("checksum", VARCHAR, 100),
            required("status", VARCHAR, 20),
            required("statements_total", INTEGER),
            required("statements_done", INTEGER),
            optional("installed_by", VARCHAR, 100),
            optional("replica", VARCHAR, 255),
            required("started_at", TIMESTAMP),
            optional("finished_at", TIMESTAMP),
            optional("execution_ms", BIGINT),
            optional("error", TEXT)), List.of("installed_rank"));

    public static final TableSpec FINGERPRINT = new TableSpec(List.of(
            required("id", INTEGER),
            required("fingerprint", VARCHAR, 100),
            required("last_rank", INTEGER),
            optional("current_version", VARCHAR, 128)), List.of("id"));

    public static final TableSpec BATCH = new TableSpec(List.of(
            required("checksum", VARCHAR, 100),
            required("statement_no", INTEGER),
            required("script", VARCHAR, 1000),
            required("batches", BIGINT),
            required("rows_done", BIGINT)), List.of("checksum", "statement_no"));

    /** A key-range backfill's cursor: the last key its batches covered, beside {@link #BATCH}'s counts. */
    public static final TableSpec BATCH_KEY = new TableSpec(List.of(
            required("checksum", VARCHAR, 100),
            required("statement_no", INTEGER),
            required("last_key", BIGINT)), List.of("checksum", "statement_no"));

    public static final TableSpec LEASE = new TableSpec(List.of(
            required("lock_key", VARCHAR, 128),
            required("owner", VARCHAR, 255),
            required("token", VARCHAR, 64),
            optional("owner_session", VARCHAR, 255),
            required("acquired_at", TIMESTAMP),
            required("heartbeat_at", TIMESTAMP),
            required("expires_at", TIMESTAMP)), List.of("lock_key"));

    private static Column required(String name, ColumnType type) {
        return new Column(name, type, 0, true);
    }

    private static Column required(String name, ColumnType type, int length) {
        return new Column(name, type, length, true);
    }

    private static Column optional(String name, ColumnType type) {
        return new Column(name, type, 0, false);
    }

    private static Column optional(String name, ColumnType type, int length) {
        return new Column(name, type, length, false);
    }
}
