package dev.lockstep.db.postgres;

import dev.lockstep.db.Dialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Finds out whether a PostgreSQL connection goes through a transaction (or statement) pooler, which hands
 * the server process behind it to other clients between transactions: then nothing kept in the session
 * (an advisory lock, a setting, a prepared statement) stays with lockstep. A pooler in session mode binds
 * one server process to the client for the whole connection and is not one.
 *
 * <p>lockstep's connection and a second client connection take turns, {@link #TURNS} times each, every
 * statement autocommitted (so a transaction pooler may hand the server process on after each), and each
 * asks which server process serves it. A session (direct, or through a session pooler) always shows each
 * client keeping its own process. A transaction pooler shows a client served by the process the other one
 * had just before (always with a pool of one server connection, and with PgBouncer's last-in-first-out
 * reuse whenever no third client took that process in between), or a client served by another process
 * than the turn before (when a third client did). Only a pool that, turn after turn, gives each of the two
 * its own process back although other clients use the pool in between hides itself; the advisory lock
 * checks again, when taken, that its server process does not hold it already.
 */
final class PoolerProbe {
    private static final Logger log = LoggerFactory.getLogger(PoolerProbe.class);
    /** Turns each client takes: every one more makes a pool that hides itself under load less likely. */
    static final int TURNS = 4;

    private PoolerProbe() {
    }

    /**
     * @param another opens the second client connection, or {@code null} where lockstep may not open one (an
     *                application's data source, whose pool may be too small): then only the first connection's
     *                own process is compared
     * @return what gave a transaction pooler away, or empty
     */
    static Optional<String> detect(Connection connection, Dialect.ConnectionSource another) throws SQLException {
        int mine = backendPid(connection);
        Connection other = another == null ? null : open(another);
        try {
            Integer theirs = null;
            for (int turn = 0; turn < TURNS; turn++) {
                Integer next = other == null ? null : backendPidOrNull(other);
                if (next != null) {
                    if (next == mine) {
                        return Optional.of(shared(mine));
                    }
                    if (theirs != null && !next.equals(theirs)) {
                        return Optional.of(changed(theirs, next));
                    }
                    theirs = next;
                }
                int again = backendPid(connection);
                if (theirs != null && again == theirs) {
                    return Optional.of(shared(again));
                }
                if (again != mine) {
                    return Optional.of(changed(mine, again));
                }
                if (next == null) {
                    return Optional.empty(); // without the second client one comparison is all there is
                }
            }
            return Optional.empty();
        } finally {
            close(other);
        }
    }

    private static String shared(int pid) {
        return "two client connections were served by the same server process (pid " + pid + ")";
    }

    private static String changed(int from, int to) {
        return "one client connection was served by server process " + from + ", then by " + to;
    }

    /** The second client, or {@code null} when it cannot connect (a full pool or server, say). */
    private static Connection open(Dialect.ConnectionSource another) {
        try {
            Connection other = another.open();
            other.setAutoCommit(true);
            return other;
        } catch (SQLException e) {
            log.debug("The pooler probe's second connection failed ({}); comparing the first connection's server processes only",
                    e.getMessage());
            return null;
        }
    }

    /** The second client's server process, or {@code null} when it cannot get one in time (a session pool that is full). */
    private static Integer backendPidOrNull(Connection other) {
        try {
            return backendPid(other);
        } catch (SQLException e) {
            log.debug("The pooler probe's second connection failed ({}); no sign from it", e.getMessage());
            return null;
        }
    }

    private static void close(Connection other) {
        if (other == null) {
            return;
        }
        try {
            other.close();
        } catch (SQLException e) {
            log.debug("Closing the pooler probe's second connection failed: {}", e.getMessage());
        }
    }

    private static int backendPid(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
            r.next();
            return r.getInt(1);
        }
    }
}
