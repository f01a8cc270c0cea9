package dev.lockstep.engine;

import dev.lockstep.db.Dialect;
import dev.lockstep.db.LeaseRow;
import dev.lockstep.db.LeaseTable;
import dev.lockstep.db.SessionLock;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * A session lock that also yields to a live lease: replicas of one schema may lock it in both ways at once (a
 * migration job connected directly with the session lock, the app's replicas through a transaction pooler,
 * which take the lease; or a replica whose probe missed the pooler). Having taken the session lock, it reads the
 * lease row; while one is unexpired it lets the session lock go again and counts as not taken, so a session
 * holder never migrates beside a lease holder that took its lease first.
 */
final class LeaseAwareLock implements SessionLock {
    private final SessionLock lock;
    private final LeaseTable leases;
    private final Connection connection;
    private final Dialect dialect;
    private LeaseRow yieldedTo;

    LeaseAwareLock(SessionLock lock, LeaseTable leases, Connection connection, Dialect dialect) {
        this.lock = lock;
        this.leases = leases;
        this.connection = connection;
        this.dialect = dialect;
    }

    @Override
    public boolean tryAcquire() throws SQLException {
        if (!lock.tryAcquire()) {
            yieldedTo = null;
            return false;
        }
        Optional<LeaseRow> lease = liveLease();
        if (lease.isEmpty()) {
            yieldedTo = null;
            return true;
        }
        yieldedTo = lease.get();
        lock.release();
        return false;
    }

    private Optional<LeaseRow> liveLease() throws SQLException {
        try {
            return leases.read(connection, dialect).filter(row -> !row.expired());
        } catch (SQLException e) {
            if (dialect.isUndefinedTable(e)) {
                return Optional.empty(); // nobody ever took a lease here
            }
            throw e;
        }
    }

    @Override
    public void release() throws SQLException {
        lock.release();
    }

    @Override
    public boolean awaitReleaseInProcess(Duration time) throws InterruptedException {
        return lock.awaitReleaseInProcess(time);
    }

    @Override
    public String holder() throws SQLException {
        LeaseRow lease = yieldedTo;
        if (lease == null) {
            return lock.holder();
        }
        return lease.owner() + " (a lease in " + leases.qualifiedName() + ", taken " + Durations.format(lease.held())
                + " ago, last heartbeat " + Durations.format(lease.sinceHeartbeat()) + " ago)";
    }

    @Override
    public String description() {
        return lock.description();
    }
}
