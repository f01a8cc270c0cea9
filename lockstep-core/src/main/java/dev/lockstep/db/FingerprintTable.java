package dev.lockstep.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The history's companion table {@code <history table>_fingerprint}, in the same schema: one row
 * saying which set of local migrations the history was last planned against as up to date, and the
 * history's highest {@code installed_rank} at that moment. The history table itself is unchanged;
 * a history without its companion (made by an older lockstep) simply has no fingerprint.
 *
 * <p>Why: a replica whose files have that fingerprint, over a history whose highest rank is still
 * the recorded one, has nothing to migrate, and learns it from one row and one index lookup instead
 * of every history row.
 *
 * <p>Contract for writers of the history: the row is written only under the migration lock, from a
 * history re-read under it. It stays current while the highest rank stays put, which holds because
 * every run that changes what is applied appends a row (a {@code running} row before it migrates,
 * an audit row when it undoes or baselines). A writer that changes an existing row in place without
 * appending one (a repair that rewrites a checksum or a status) must call {@link #clear()} under the
 * same lock. Editing history rows by hand outside lockstep needs the same: delete this table's row.
 */
public final class FingerprintTable {
    /** Appended to the history table's name. */
    public static final String SUFFIX = "_fingerprint";

    /**
     * The fingerprint that is current for the history as it stands.
     *
     * @param fingerprint    of the local migrations the history was found to match
     * @param currentVersion the newest applied version then; {@code null} when there was none
     */
    public record Recorded(String fingerprint, String currentVersion) {
    }

    private final Connection connection;
    private final Dialect dialect;
    private final String qualifiedName;
    private final String historyName;

    public FingerprintTable(Connection connection, Dialect dialect, String schema, String historyTable) {
        this.connection = connection;
        this.dialect = dialect;
        this.qualifiedName = dialect.qualify(schema, historyTable + SUFFIX);
        this.historyName = dialect.qualify(schema, historyTable);
    }

    public String qualifiedName() {
        return qualifiedName;
    }

    /**
     * The recorded fingerprint if the history has not grown or shrunk since it was recorded; empty
     * when it has, when none was recorded, or when either table is missing. One query: a primary-key
     * lookup and the history's highest rank from its primary key, whatever the history's length.
     */
    public Optional<Recorded> current() throws SQLException {
        String sql = "SELECT f.fingerprint, f.current_version FROM " + qualifiedName + " f WHERE f.id = 1"
                + " AND f.last_rank = (SELECT COALESCE(MAX(h.installed_rank), 0) FROM " + historyName + " h)";
        try (Statement s = connection.createStatement(); ResultSet row = s.executeQuery(sql)) {
            return row.next() ? Optional.of(new Recorded(row.getString(1), row.getString(2))) : Optional.empty();
        } catch (SQLException e) {
            if (dialect.isUndefinedTable(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Records that the history, whose highest rank is {@code lastRank}, matches the local migrations
     * with this fingerprint; creates the table the first time. Called under the lock.
     */
    public void record(String fingerprint, int lastRank, String currentVersion) throws SQLException {
        int updated;
        try {
            updated = write("UPDATE " + qualifiedName + " SET fingerprint = ?, last_rank = ?, current_version = ? WHERE id = 1",
                    fingerprint, lastRank, currentVersion);
        } catch (SQLException e) {
            if (!dialect.isUndefinedTable(e)) {
                throw e;
            }
            create();
            updated = 0;
        }
        if (updated == 0) {
            write("INSERT INTO " + qualifiedName + " (fingerprint, last_rank, current_version, id) VALUES (?, ?, ?, 1)",
                    fingerprint, lastRank, currentVersion);
        }
    }

    /** Forgets the fingerprint, so the next replica reads the whole history. Called under the lock. */
    public void clear() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("DELETE FROM " + qualifiedName);
        } catch (SQLException e) {
            if (!dialect.isUndefinedTable(e)) {
                throw e;
            }
        }
    }

    private void create() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(LockstepTables.FINGERPRINT.createSql(dialect, qualifiedName));
        }
    }

    private int write(String sql, String fingerprint, int lastRank, String currentVersion) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, fingerprint);
            s.setInt(2, lastRank);
            s.setString(3, currentVersion);
            return s.executeUpdate();
        }
    }
}
