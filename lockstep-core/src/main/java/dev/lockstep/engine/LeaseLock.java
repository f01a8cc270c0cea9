package dev.lockstep.engine;

import dev.lockstep.db.LeaseRow;
import dev.lockstep.db.LeaseSql;
import dev.lockstep.db.LeaseTable;
import dev.lockstep.db.SessionLock;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The lease lock ({@code --lock=lease}): a row in the lock table beside the history table, naming its
 * owner, taken in one autocommitted statement on the migrating connection and kept alive by a
 * {@link Heartbeat} on a second connection. A waiter takes the row over only when the database's clock
 * says it expired and, where the database can tell, the owner's session has no work in flight.
 *
 * <p>A holder that can no longer vouch for its lease (the row taken, or its {@link LeaseTerm} over) stops
 * the run at once through the {@link StopToken}: the running statement is cancelled and rolled back, and
 * nothing more is applied. The migrating thread checks the term itself before every statement too, so a
 * process that wakes from a long freeze does not run one more statement before its heartbeat notices.
 */
final class LeaseLock implements SessionLock {
    private static final Logger log = LoggerFactory.getLogger(LeaseLock.class);

    private final Session session;
    private final LeaseTable table;
    private final String owner;
    private final Duration lease;
    private final Clock clock;
    private final StopToken stop;
    private final Heartbeat.Connections heartbeatConnections;
    private final Heartbeat.Pacer pacer;
    private final Runnable termCheck = this::checkTerm;
    private final AtomicBoolean lost = new AtomicBoolean();
    private boolean tableReady;
    private String token;
    private volatile LeaseTerm term;
    private Heartbeat heartbeat;

    LeaseLock(Session session, LeaseTable table, String owner, Duration lease, Clock clock, StopToken stop,
              Heartbeat.Connections heartbeatConnections) {
        this(session, table, owner, lease, clock, stop, heartbeatConnections, Heartbeat.Pacer.REAL_TIME);
    }

    /** @param pacer when the heartbeat beats: {@link Heartbeat.Pacer#REAL_TIME} but in a test that paces it by hand */
    LeaseLock(Session session, LeaseTable table, String owner, Duration lease, Clock clock, StopToken stop,
              Heartbeat.Connections heartbeatConnections, Heartbeat.Pacer pacer) {
        this.session = session;
        this.table = table;
        this.owner = owner;
        this.lease = lease;
        this.clock = clock;
        this.stop = stop;
        this.heartbeatConnections = heartbeatConnections;
        this.pacer = pacer;
    }

    /** The lease lock of a session's history table, or {@code CONFIGURATION} where the database has no use for one. */
    static LeaseLock of(Session session, RunContext run) {
        LeaseSql sql = session.dialect().leaseSql(session.schema(), session.table()).orElseThrow(() ->
                new LockstepException(Reason.CONFIGURATION, "--lock=lease is for PostgreSQL behind a transaction-mode"
                        + " pooler and for MariaDB Galera clusters; " + session.dialect().name() + " is locked with a file"
                        + " lock beside the database, which the operating system frees when the process dies. Remove"
                        + " --lock=lease (LOCKSTEP_LOCK) or set it to session."));
        Connector connector = new Connector(run, new MigrationListener() { });
        return new LeaseLock(session, new LeaseTable(sql, session.table()), run.config().replicaId(), run.config().leaseDuration(),
                run.clock(), run.stop(), () -> {
                    try {
                        return connector.attempt();
                    } catch (SQLException e) {
                        throw new SQLException(Connector.mask(e.getMessage(), run.config()), e.getSQLState(), e.getErrorCode(), e);
                    }
                });
    }

    @Override
    public boolean tryAcquire() throws SQLException {
        Connection connection = session.connection();
        if (!tableReady) {
            createTable(connection);
            tableReady = true;
        }
        String candidate = UUID.randomUUID().toString();
        Instant sent = clock.instant();
        if (table.insert(connection, owner, candidate, lease)) {
            return held(candidate, sent);
        }
        Optional<LeaseRow> row = table.read(connection, session.dialect());
        if (row.isEmpty() || !row.get().expired()
                || table.sessionBusy(connection, row.get().ownerSession()).orElse(false)) {
            return false;
        }
        LeaseRow previous = row.get();
        sent = clock.instant();
        if (!table.takeOver(connection, previous.token(), owner, candidate, lease)) {
            return false;
        }
        log.warn("Took over the migration lease of {}, which expired {} ago (last heartbeat {} ago) and whose session is gone"
                        + " or idle.", previous.owner(), Durations.format(previous.expiredFor()),
                Durations.format(previous.sinceHeartbeat()));
        return held(candidate, sent);
    }

    private boolean held(String candidate, Instant sent) throws SQLException {
        token = candidate;
        term = new LeaseTerm(lease, clock, sent);
        try {
            heartbeat = Heartbeat.start(table, session.dialect(), token, term, clock, heartbeatConnections, this::lose, pacer);
        } catch (SQLException e) {
            try {
                table.delete(session.connection(), token);
            } catch (SQLException deleting) {
                e.addSuppressed(deleting);
            }
            throw new LockstepException(Reason.DATABASE_UNREACHABLE, "Took the migration lease in " + table.qualifiedName()
                    + ", but the database refused the second connection its heartbeat needs: " + e.getMessage() + ". In lease"
                    + " mode a replica holds two connections while it migrates (the migration's and the heartbeat's): allow"
                    + " this user at least two (PostgreSQL ALTER ROLE ... CONNECTION LIMIT, MySQL max_user_connections, a"
                    + " pooler's pool size). Nothing was applied and the lease is released.", e);
        }
        stop.watch(termCheck);
        log.debug("Took the migration lease in {} for {}; renewed every {}", table.qualifiedName(), Durations.format(lease),
                Durations.format(term.beatEvery()));
        return true;
    }

    /** Creates the schema and the lock table; replicas racing to create them is fine once they exist. */
    private void createTable(Connection connection) throws SQLException {
        try {
            session.dialect().createSchemaIfMissing(connection, session.schema());
        } catch (SQLException raced) {
            try {
                table.create(connection);
            } catch (SQLException e) {
                e.addSuppressed(raced);
                throw e;
            }
            return;
        }
        table.create(connection);
    }

    /** Run by the migrating thread before every step: past its term, the replica stops acting on the lease. */
    private void checkTerm() {
        LeaseTerm current = term;
        if (current != null && current.isOver()) {
            lose("its term ended at " + current.end() + " with no renewal confirmed");
        }
    }

    private void lose(String why) {
        if (lost.compareAndSet(false, true)) {
            String cause = "the migration lease in " + table.qualifiedName() + " was lost: " + why;
            log.error("{}. Stopping at once, so that nothing more is applied without the lock.", cause);
            stop.abort(Reason.MIGRATION_FAILED, cause);
        }
    }

    @Override
    public void release() throws SQLException {
        stop.unwatch(termCheck);
        heartbeat.close();
        table.delete(session.connection(), token);
    }

    @Override
    public String holder() throws SQLException {
        Optional<LeaseRow> row = table.read(session.connection(), session.dialect());
        if (row.isEmpty()) {
            return "nobody (the lease was just released)";
        }
        LeaseRow r = row.get();
        String held = r.owner() + " (lease taken " + Durations.format(r.held()) + " ago, last heartbeat "
                + Durations.format(r.sinceHeartbeat()) + " ago, ";
        if (!r.expired()) {
            return held + "expires in " + Durations.format(r.expiredFor().negated()) + ")";
        }
        boolean busy = table.sessionBusy(session.connection(), r.ownerSession()).orElse(false);
        return held + "expired " + Durations.format(r.expiredFor()) + " ago; " + (busy
                ? "its session " + r.ownerSession() + " is still running a statement or a transaction, so it is taken over"
                + " once that ends)" : "about to be taken over)");
    }

    @Override
    public String description() {
        return "lease '" + table.key() + "' in " + table.qualifiedName();
    }
}
