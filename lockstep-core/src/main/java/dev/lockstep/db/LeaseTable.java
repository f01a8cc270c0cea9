package dev.lockstep.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * The lease lock's row: one per history table, in a second table beside it. Runs a dialect's
 * {@link LeaseSql} through whichever connection the caller gives (the migrating one to acquire and
 * release, the heartbeat's own to renew). Each call is one autocommitted statement, so a lease
 * change is never held up behind a migration's transaction. Holds no state but the names.
 */
public final class LeaseTable {
    /** The longest table name both PostgreSQL (63) and MySQL (64) accept. */
    public static final int MAX_NAME_LENGTH = 63;

    private final LeaseSql sql;
    private final String key;

    /**
     * @param key names the row: one lock per database, schema and history table ({@link LockKey#asName()})
     */
    public LeaseTable(LeaseSql sql, String key) {
        this.sql = sql;
        this.key = key;
    }

    /**
     * The lock table beside a history table: {@code lockstep_history} keeps its lease in {@code lockstep_lock};
     * any other name gets {@code _lock} appended ({@code app_migrations_lock}).
     */
    public static String nameFor(String historyTable) {
        String suffix = "_history";
        if (historyTable.endsWith(suffix) && historyTable.length() > suffix.length()) {
            return historyTable.substring(0, historyTable.length() - suffix.length()) + "_lock";
        }
        return historyTable + "_lock";
    }

    public String qualifiedName() {
        return sql.qualifiedTable();
    }

    public String key() {
        return key;
    }

    /**
     * Creates the table unless it exists. Replicas starting together may race to create it; losing that
     * race is fine as long as the table is there afterwards. A table that is there already is only read: on a
     * Galera cluster even {@code CREATE TABLE IF NOT EXISTS} of an existing table is replicated as DDL, which
     * every node runs in total order, taking the table's metadata lock from the holder's heartbeat.
     */
    public void create(Connection connection) throws SQLException {
        if (exists(connection)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute(sql.createTable());
        } catch (SQLException e) {
            try (Statement s = connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT 1 FROM " + sql.qualifiedTable() + " WHERE 1 = 0")) {
                return; // another replica created it at the same moment
            } catch (SQLException stillMissing) {
                e.addSuppressed(stillMissing);
                throw e;
            }
        }
    }

    private boolean exists(Connection connection) {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT 1 FROM " + sql.qualifiedTable() + " WHERE 1 = 0")) {
            return true;
        } catch (SQLException missing) {
            return false;
        }
    }

    /** Takes the lease if no row exists: {@code true} when this call inserted it. */
    public boolean insert(Connection connection, String owner, String token, Duration lease) throws SQLException {
        return changesOneRow(connection, sql.insert(), key, owner, token, lease.toMillis());
    }

    /** The row, if any. */
    public Optional<LeaseRow> read(Connection connection, Dialect dialect) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql.select())) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LeaseRow(r.getString("owner"), r.getString("token"), r.getString("owner_session"),
                        dialect.readInstant(r, "acquired_at"), dialect.readInstant(r, "heartbeat_at"),
                        dialect.readInstant(r, "expires_at"), dialect.readInstant(r, "db_now")));
            }
        }
    }

    /** Takes over an expired lease, if {@code previousToken} still holds it: {@code true} when this call did. */
    public boolean takeOver(Connection connection, String previousToken, String owner, String token, Duration lease)
            throws SQLException {
        return changesOneRow(connection, sql.takeOver(), owner, token, lease.toMillis(), key, previousToken);
    }

    /** Moves the expiry on by {@code lease} from the database's now: {@code false} when the token lost the row. */
    public boolean renew(Connection connection, String token, Duration lease) throws SQLException {
        return changesOneRow(connection, sql.renew(), lease.toMillis(), key, token);
    }

    /** Removes the row if the token still holds it. */
    public void delete(Connection connection, String token) throws SQLException {
        changesOneRow(connection, sql.delete(), key, token);
    }

    /** The session {@code connection} is, as the lease records it. */
    public String currentSession(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT " + sql.sessionExpression())) {
            r.next();
            return r.getString(1);
        }
    }

    /**
     * Whether the recorded session still has work in flight: a statement running or a transaction open.
     * An idle session cannot act for a holder that stopped renewing, and behind a transaction-mode pooler
     * the recorded backend stays connected, idle, long after its client is gone.
     *
     * @return empty when the database cannot tell (no session recorded, no right to see it)
     */
    public Optional<Boolean> sessionBusy(Connection connection, String session) {
        if (session == null) {
            return Optional.empty();
        }
        try (PreparedStatement s = connection.prepareStatement(sql.sessionBusy())) {
            s.setString(1, session);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return Optional.of(r.getLong(1) > 0);
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private boolean changesOneRow(Connection connection, String statement, Object... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            if (sql.lostRace().test(e)) {
                return false;
            }
            throw e;
        }
    }
}
