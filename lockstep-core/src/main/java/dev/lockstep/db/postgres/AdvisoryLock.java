package dev.lockstep.db.postgres;

import dev.lockstep.db.SessionLock;
import dev.lockstep.db.LockKey;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A PostgreSQL session-level advisory lock. Polled with {@code pg_try_advisory_lock}: a waiter
 * blocked inside {@code pg_advisory_lock} would deadlock the holder's {@code CREATE INDEX CONCURRENTLY},
 * which waits for every older transaction, including the waiter's.
 */
final class AdvisoryLock implements SessionLock {
    private final Connection connection;
    private final long key;
    private final String scope;

    AdvisoryLock(Connection connection, LockKey key, String scope) {
        this.connection = connection;
        this.key = key.asLong();
        this.scope = scope;
    }

    /**
     * Takes the lock unless the server session already holds it: a session that lockstep just opened holds
     * nothing, so a lock held before lockstep took it was left there by another client that the same server
     * session served (a transaction pooler), and {@code pg_try_advisory_lock}, which is re-entrant, would
     * grant it to a second replica. That is refused with {@code CONFIGURATION}.
     */
    @Override
    public boolean tryAcquire() throws SQLException {
        String sql = "SELECT pg_backend_pid(), CASE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_locks l"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.pid = pg_backend_pid() AND l.objsubid = 1"
                + " AND l.classid::bigint = ? AND l.objid::bigint = ?) THEN NULL ELSE pg_try_advisory_lock(?) END";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, key >>> 32);
            s.setLong(2, key & 0xffffffffL);
            s.setLong(3, key);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                boolean taken = r.getBoolean(2);
                if (r.wasNull()) {
                    throw new LockstepException(Reason.CONFIGURATION, "The PostgreSQL server session behind this connection"
                            + " (pid " + r.getInt(1) + ") already held " + description() + " before lockstep took it: a"
                            + " transaction pooler (PgBouncer with pool_mode = transaction) passes server sessions from"
                            + " client to client, so the session lock cannot exclude other replicas here. Use --lock=lease"
                            + " (LOCKSTEP_LOCK=lease), or connect through a session-mode pool or to PostgreSQL directly.");
                }
                return taken;
            }
        }
    }

    @Override
    public void release() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            s.setLong(1, key);
            s.execute();
        }
    }

    @Override
    public String holder() throws SQLException {
        // A bigint advisory key is stored as classid (high half) and objid (low half), objsubid 1.
        String sql = "SELECT a.pid, a.application_name, a.client_addr, a.state,"
                + " COALESCE(EXTRACT(EPOCH FROM now() - a.state_change)::bigint, 0)"
                + " FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                + " AND l.classid::bigint = ? AND l.objid::bigint = ?"
                + " AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setLong(1, key >>> 32);
            s.setLong(2, key & 0xffffffffL);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return "unknown (the lock was just released)";
                }
                String name = r.getString(2);
                String who = name != null && name.startsWith("lockstep ") ? name.substring(9) : "'" + name + "'";
                String from = r.getString(3) == null ? "a local socket" : r.getString(3);
                String state = r.getString(4);
                String doing = "active".equals(state) ? "running a statement for " + r.getLong(5) + "s"
                        : "silent (" + state + ") for " + r.getLong(5) + "s";
                return who + " (server pid " + r.getInt(1) + ", from " + from + ", " + doing + ")";
            }
        }
    }

    @Override
    public String description() {
        return "advisory lock " + key + " on " + scope;
    }
}
