package dev.lockstep.db.mysql;

import dev.lockstep.db.SessionLock;
import dev.lockstep.db.LockKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * MySQL's and MariaDB's named lock, {@code GET_LOCK}, held by the connection that migrates and
 * released by the server when that connection ends. Polled with a zero timeout.
 */
final class GetLock implements SessionLock {
    private final Connection connection;
    private final String name;
    private final String scope;

    GetLock(Connection connection, LockKey key, String scope) {
        this.connection = connection;
        this.name = key.asName();
        this.scope = scope;
    }

    @Override
    public boolean tryAcquire() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                int result = r.getInt(1);
                if (r.wasNull()) {
                    throw new SQLException("GET_LOCK('" + name + "') returned NULL: the server could not take the lock");
                }
                return result == 1;
            }
        }
    }

    @Override
    public void release() throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            s.setString(1, name);
            s.execute();
        }
    }

    @Override
    public String holder() throws SQLException {
        String sql = "SELECT p.ID, p.USER, p.HOST, p.COMMAND, p.TIME FROM information_schema.PROCESSLIST p"
                + " WHERE p.ID = IS_USED_LOCK(?)";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return "unknown (the lock was just released)";
                }
                String doing = "Sleep".equals(r.getString(4)) ? "silent for " + r.getLong(5) + "s"
                        : "running a statement for " + r.getLong(5) + "s";
                return "connection " + r.getLong(1) + " of user " + r.getString(2) + " from " + r.getString(3) + ", " + doing;
            }
        }
    }

    @Override
    public String description() {
        return "GET_LOCK('" + name + "') on " + scope;
    }
}
