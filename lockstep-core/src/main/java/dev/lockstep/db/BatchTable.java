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
 * bounded by key ranges ({@code key=}) also keeps the last key its batches covered, {@code last_key}: the next batch,
 * and the replica that resumes it, starts past it.
 *
 * <p>Contract: written only under the migration lock. A migration's rows are deleted in the transaction that
 * records it {@code applied}; a file that changed after it stopped has another checksum and starts its counts anew.
 */
public final class BatchTable {
    /** Appended to the history table's name. */
    public static final String SUFFIX = "_batch";

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

    public BatchTable(Connection connection, Dialect dialect, String schema, String historyTable) {
        this.connection = connection;
        this.dialect = dialect;
        this.qualifiedName = dialect.qualify(schema, historyTable + SUFFIX);
    }

    public String qualifiedName() {
        return qualifiedName;
    }

    /**
     * Creates the table if it is missing, and adds {@code last_key} to one an earlier lockstep made without it; outside
     * a transaction (MySQL commits DDL at once).
     */
    public void create() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(LockstepTables.BATCH.createSql(dialect, qualifiedName));
        }
        try (Statement s = connection.createStatement()) {
            s.executeQuery("SELECT last_key FROM " + qualifiedName + " WHERE 1 = 0").close();
        } catch (SQLException noColumn) {
            try (Statement s = connection.createStatement()) {
                s.execute("ALTER TABLE " + qualifiedName + " ADD COLUMN last_key " + dialect.columnType(ColumnType.BIGINT, 0));
            }
        }
    }

    /** What the backfill of statement {@code number} of the migration with {@code checksum} has done so far. */
    public Done read(String checksum, int number) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT batches, rows_done, last_key FROM " + qualifiedName
                + " WHERE checksum = ? AND statement_no = ?")) {
            s.setString(1, checksum);
            s.setInt(2, number);
            try (ResultSet row = s.executeQuery()) {
                if (!row.next()) {
                    return Done.NONE;
                }
                long key = row.getLong(3);
                return new Done(row.getLong(1), row.getLong(2), row.wasNull() ? null : key);
            }
        } catch (SQLException e) {
            if (dialect.isUndefinedTable(e)) {
                return Done.NONE;
            }
            if (isMissingLastKey(e)) {
                return readCounts(checksum, number);
            }
            throw e;
        }
    }

    /** A table an earlier lockstep made, without {@code last_key}, read by a replica that does not add it. */
    private Done readCounts(String checksum, int number) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT batches, rows_done FROM " + qualifiedName
                + " WHERE checksum = ? AND statement_no = ?")) {
            s.setString(1, checksum);
            s.setInt(2, number);
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? new Done(row.getLong(1), row.getLong(2)) : Done.NONE;
            }
        }
    }

    private static boolean isMissingLastKey(SQLException e) {
        String message = e.getMessage();
        return message != null && message.toLowerCase(java.util.Locale.ROOT).contains("last_key");
    }

    /** Records {@code done} in the caller's transaction, together with the batch that made it so. */
    public void record(String checksum, int number, String script, Done done) throws SQLException {
        int updated;
        try (PreparedStatement s = connection.prepareStatement("UPDATE " + qualifiedName
                + " SET batches = ?, rows_done = ?, last_key = ? WHERE checksum = ? AND statement_no = ?")) {
            s.setLong(1, done.batches());
            s.setLong(2, done.rows());
            setKey(s, 3, done.lastKey());
            s.setString(4, checksum);
            s.setInt(5, number);
            updated = s.executeUpdate();
        }
        if (updated == 0) {
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO " + qualifiedName
                    + " (checksum, statement_no, script, batches, rows_done, last_key) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, checksum);
                s.setInt(2, number);
                s.setString(3, script);
                s.setLong(4, done.batches());
                s.setLong(5, done.rows());
                setKey(s, 6, done.lastKey());
                s.executeUpdate();
            }
        }
    }

    private static void setKey(PreparedStatement s, int index, Long key) throws SQLException {
        if (key == null) {
            s.setNull(index, java.sql.Types.BIGINT);
        } else {
            s.setLong(index, key);
        }
    }

    /** Forgets the counts of a migration's backfills, in the transaction that records it applied. */
    public void clear(String checksum) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + qualifiedName + " WHERE checksum = ?")) {
            s.setString(1, checksum);
            s.executeUpdate();
        } catch (SQLException e) {
            if (!dialect.isUndefinedTable(e)) {
                throw e;
            }
        }
    }
}
