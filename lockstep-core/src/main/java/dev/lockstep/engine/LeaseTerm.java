package dev.lockstep.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * How long this replica may act on its lease, by its own clock. The database sets the expiry to its
 * {@code now()} plus the lease when it runs a renewal, which is after the replica sent it; so a term
 * counted from the moment the replica <em>sent</em> its last confirmed renewal ends before the
 * database's expiry, however the two clocks are set. A sixth of the lease is kept in hand besides, for
 * the replica to stop before another can take over. Renewals are due every third of the lease, so one
 * failed renewal is survived and two are not.
 *
 * <p>Thread-safe: the heartbeat renews while the migrating thread checks.
 */
final class LeaseTerm {
    private final Duration lease;
    private final Clock clock;
    private Instant end;

    /** @param sentAt when the statement that took the lease was sent */
    LeaseTerm(Duration lease, Clock clock, Instant sentAt) {
        this.lease = lease;
        this.clock = clock;
        this.end = endFrom(sentAt);
    }

    /** The database confirmed a renewal sent at {@code sentAt}; a late confirmation of an older one never shortens the term. */
    synchronized void renewed(Instant sentAt) {
        Instant candidate = endFrom(sentAt);
        if (candidate.isAfter(end)) {
            end = candidate;
        }
    }

    /** Whether this replica must stop acting on the lease: it cannot vouch that nobody else holds it. */
    synchronized boolean isOver() {
        return !clock.instant().isBefore(end);
    }

    synchronized Instant end() {
        return end;
    }

    /** How often the heartbeat renews: a third of the lease. */
    Duration beatEvery() {
        return lease.dividedBy(3);
    }

    Duration lease() {
        return lease;
    }

    private Instant endFrom(Instant sentAt) {
        return sentAt.plus(lease).minus(lease.dividedBy(6));
    }
}
