package dev.lockstep.engine;

import dev.lockstep.db.Dialect;
import dev.lockstep.db.LeaseRow;
import dev.lockstep.db.LeaseTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Renews a lease every third of its duration on a connection of its own, so a long statement on the
 * migrating connection never delays a renewal. Reports the lease lost, once, when its row is no longer
 * this replica's, or when the term ends with no renewal confirmed (the database unreachable, say). A
 * failed renewal is retried at the next beat on a fresh connection. A stop request (SIGTERM) does not
 * end the heartbeat: the lease must last while the running migration finishes.
 */
final class Heartbeat implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    /** Opens one connection, in one attempt. */
    @FunctionalInterface
    interface Connections {
        Connection open() throws SQLException;
    }

    /**
     * When the heartbeat thread beats: it asks before each beat, with the delay until the next one is due (a third
     * of the lease, or less when the term ends sooner). The engine waits in real time; a test paces the beats by
     * hand so it need not wait out a lease's duration to see renewals.
     */
    @FunctionalInterface
    interface Pacer {
        Pacer REAL_TIME = (delay, closed) -> closed.await(delay.toMillis(), TimeUnit.MILLISECONDS);

        /**
         * Waits until the next beat is due, {@code delay} from now, unless the heartbeat is closed first.
         *
         * @param closed counted down when the heartbeat is closed
         * @return whether the heartbeat was closed (then it beats no more)
         */
        boolean closedBefore(Duration delay, CountDownLatch closed) throws InterruptedException;
    }

    private final LeaseTable table;
    private final Dialect dialect;
    private final String token;
    private final LeaseTerm term;
    private final Clock clock;
    private final Connections connections;
    private final Consumer<String> onLost;
    private final Pacer pacer;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    /** Used by the heartbeat thread only, and closed by it when it ends. */
    private Connection connection;

    private Heartbeat(LeaseTable table, Dialect dialect, String token, LeaseTerm term, Clock clock, Connections connections,
                      Consumer<String> onLost, Pacer pacer, Connection connection) {
        this.table = table;
        this.dialect = dialect;
        this.token = token;
        this.term = term;
        this.clock = clock;
        this.connections = connections;
        this.onLost = onLost;
        this.pacer = pacer;
        this.connection = connection;
        this.thread = new Thread(this::run, "lockstep-lease-heartbeat");
        thread.setDaemon(true);
    }

    /** Opens the heartbeat's connection, so a replica that cannot open a second one fails before it migrates. */
    static Heartbeat start(LeaseTable table, Dialect dialect, String token, LeaseTerm term, Clock clock,
                           Connections connections, Consumer<String> onLost, Pacer pacer) throws SQLException {
        Heartbeat heartbeat = new Heartbeat(table, dialect, token, term, clock, connections, onLost, pacer, connections.open());
        heartbeat.thread.start();
        return heartbeat;
    }

    private void run() {
        try {
            while (!pacer.closedBefore(untilNextBeat(), stopped)) {
                if (term.isOver()) {
                    onLost.accept("no renewal was confirmed since the term ended at " + term.end()
                            + " (the database was unreachable or slow; if renewals are slow, raise --lease-duration)");
                    return;
                }
                if (!beat()) {
                    onLost.accept(whoHasIt());
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
        }
    }

    /** @return whether the lease is still this replica's (a failed attempt says yes: the term decides) */
    private boolean beat() {
        Instant sent = clock.instant();
        try {
            if (connection == null) {
                connection = connections.open();
            }
            if (!table.renew(connection, token, term.lease())) {
                return false;
            }
            term.renewed(sent);
            return true;
        } catch (SQLException e) {
            log.warn("Could not renew the migration lease in {} ({}); retrying, and stopping the migration at {} if no"
                    + " renewal gets through.", table.qualifiedName(), e.getMessage(), term.end());
            closeConnection();
            return true;
        }
    }

    private Duration untilNextBeat() {
        Duration toEnd = Duration.between(clock.instant(), term.end());
        return Durations.min(term.beatEvery(), toEnd.isNegative() ? Duration.ZERO : toEnd).plusMillis(1);
    }

    private String whoHasIt() {
        try {
            Optional<LeaseRow> row = table.read(connection, dialect);
            return row.map(r -> r.owner() + " took it over at " + r.acquiredAt())
                    .orElse("its row was deleted (by hand, or by a replica that wrongly thought it expired)");
        } catch (SQLException e) {
            return "its row no longer names this replica";
        }
    }

    /** Stops renewing and waits for the heartbeat thread to close its connection. */
    @Override
    public void close() {
        stopped.countDown();
        try {
            thread.join(Math.max(1000, term.lease().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeConnection() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Closing the heartbeat connection failed: {}", e.toString());
        }
        connection = null;
    }
}
