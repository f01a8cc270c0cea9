package dev.lockstep.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The history's companion table {@code <history table>_batch}, in the same schema: how far each backfill
 * ({@code -- lockstep:batch}) has come, one row per migration text and statement, keyed by the migration's checksum
 * and the statement's number. A batch's row change and its row here commit in one transaction, so the counts are
 * exactly the batches that took effect, and the replica that resumes a killed backfill carries them on. A backfill
 * bounded by key ranges ({@code key=}) also keeps the last key its batches covered, in {@code <history table>_batch_key}
 * (same key, written in the same transaction): the next batch, and the replica that resumes it, starts past it. A
 * table of its own, so that the batch table a released lockstep made is used as it is and never altered.
 *
 * <p>Contract: written only under the migration lock. A migration's rows are deleted in the transaction that
 * records it {@code applied}; a file that changed after it stopped has another checksum and starts its counts anew.
 */
public final class BatchTable {
    /** Appended to the history table's name. */
    public static final String SUFFIX = "_batch";
    /** Appended to the history table's name for the key-range cursor. */
    public static final String KEY_SUFFIX = "_batch_key";

    /**
     * What a backfill has done: batches committed and the rows they changed, and for key ranges the last key covered.
     *
     * @param lastKey the upper bound of the last range done; {@code null} before the first, or without key ranges
     */
    public record Done(long batches, long rows, Long lastKey) {
        public static final Done NONE = new Done(0, 0, null);

        public Done(long batches, long rows) {
            this(batches, rows, null);
        }

        /** One more batch, which changed {@code changed} rows. */
        public Done plus(long changed) {
            return new Done(batches + 1, rows + changed, lastKey);
        }

        /** One more batch over a key range up to {@code key}, which changed {@code changed} rows. */
        public Done plus(long changed, long key) {
            return new Done(batches + 1, rows + changed, key);
        }
    }

    private final Connection connection;
    private final Dialect dialect;
    private final String qualifiedName;
    private final String qualifiedKeyName;
    private final String schema;
    private final String keyTable;

    public BatchTable(Connection connection, Dialect dialect, String schema, String historyTable) {
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
        this.keyTable = historyTable + KEY_SUFFIX;
        this.qualifiedName = dialect.qualify(schema, historyTable + SUFFIX);
        this.qualifiedKeyName = dialect.qualify(schema, historyTable + KEY_SUFFIX);
    }

    public String qualifiedName() {
        return qualifiedName;
    }

    /** Creates the table if it is missing; outside a transaction (MySQL commits DDL at once). */
    public void create() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(LockstepTables.BATCH.createSql(dialect, qualifiedName));
        }
    }

    /**
     * Creates the key table if it is missing, before a key-range backfill's first batch records its last key; outside
     * a transaction. A database whose backfills all bound themselves never has one.
     */
    public void createKeyTable() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(LockstepTables.BATCH_KEY.createSql(dialect, qualifiedKeyName));
        }
    }

    /** What the backfill of statement {@code number} of the migration with {@code checksum} has done so far. */
    public Done read(String checksum, int number) throws SQLException {
        Done counts;
        try (PreparedStatement s = connection.prepareStatement("SELECT batches, rows_done FROM " + qualifiedName
                + " WHERE checksum = ? AND statement_no = ?")) {
            s.setString(1, checksum);
            s.setInt(2, number);
            try (ResultSet row = s.executeQuery()) {
                if (!row.next()) {
                    return Done.NONE;
                }
                counts = new Done(row.getLong(1), row.getLong(2));
            }
        } catch (SQLException e) {
            if (dialect.isUndefinedTable(e)) {
                return Done.NONE;
            }
            throw e;
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT last_key FROM " + qualifiedKeyName
                + " WHERE checksum = ? AND statement_no = ?")) {
            s.setString(1, checksum);
            s.setInt(2, number);
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? new Done(counts.batches(), counts.rows(), row.getLong(1)) : counts;
            }
        } catch (SQLException e) {
            if (dialect.isUndefinedTable(e)) {
                return counts; // a batch table an earlier lockstep made: no key-range backfill ran
            }
            throw e;
        }
    }

    /** Records {@code done} in the caller's transaction, together with the batch that made it so. */
    public void record(String checksum, int number, String script, Done done) throws SQLException {
        if (update("UPDATE " + qualifiedName + " SET batches = ?, rows_done = ? WHERE checksum = ? AND statement_no = ?",
                done.batches(), done.rows(), checksum, number) == 0) {
            update("INSERT INTO " + qualifiedName + " (batches, rows_done, checksum, statement_no, script)"
                    + " VALUES (?, ?, ?, ?, ?)", done.batches(), done.rows(), checksum, number, script);
        }
        if (done.lastKey() != null && update("UPDATE " + qualifiedKeyName + " SET last_key = ? WHERE checksum = ?"
                + " AND statement_no = ?", done.lastKey(), checksum, number) == 0) {
            update("INSERT INTO " + qualifiedKeyName + " (last_key, checksum, statement_no) VALUES (?, ?, ?)",
                    done.lastKey(), checksum, number);
        }
    }

    /** Runs a row change with {@code long}, {@code int} and {@code String} parameters; the rows it changed. */
    private int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }

    /**
     * Forgets the counts (and last keys) of a migration's backfills, in the transaction that records it applied. The
     * key table is looked for first: a batch table an earlier lockstep made may have none beside it, and a failed
     * statement would end the caller's transaction on PostgreSQL.
     */
    public void clear(String checksum) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + qualifiedName + " WHERE checksum = ?")) {
            s.setString(1, checksum);
            s.executeUpdate();
        } catch (SQLException e) {
            if (!dialect.isUndefinedTable(e)) {
                throw e;
            }
        }
        if (dialect.tablesIn(connection, schema).stream().anyMatch(keyTable::equalsIgnoreCase)) {
            try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + qualifiedKeyName + " WHERE checksum = ?")) {
                s.setString(1, checksum);
                s.executeUpdate();
            }
        }
    }
}
