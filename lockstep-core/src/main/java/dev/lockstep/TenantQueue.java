package dev.lockstep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.PriorityQueue;

/**
 * The tenants a fleet run has yet to do, shared by its workers. A tenant found locked by another process is put aside
 * until a back-off passes and then comes before the fresh ones, so every process of a fan-out moves on instead of
 * queueing behind another, and nobody's tenant is forgotten. Once closed (a stop, fail-fast) it hands out nothing more.
 */
final class TenantQueue {
    private static final Duration FIRST_DELAY = Duration.ofMillis(100);
    private static final Duration MAX_DELAY = Duration.ofSeconds(2);

    /**
     * A tenant waiting its turn: when it may be tried again, since when it was found locked ({@code null}: never),
     * how long to back off next, how long this process spent on it so far.
     */
    record Entry(Tenant tenant, Instant notBefore, Instant lockedSince, Duration delay, Duration spent) {
    }

    private final Clock clock;
    private final Deque<Entry> fresh = new ArrayDeque<>();
    private final PriorityQueue<Entry> deferred = new PriorityQueue<>(Comparator.comparing(Entry::notBefore));
    private boolean closed;

    TenantQueue(Clock clock, Iterable<Tenant> tenants) {
        this.clock = clock;
        for (Tenant tenant : tenants) {
            fresh.add(new Entry(tenant, Instant.MIN, null, FIRST_DELAY, Duration.ZERO));
        }
    }

    /**
     * The next tenant to try: one put aside whose back-off has passed, else a fresh one, else it waits for the next
     * put-aside one to come due. {@code null} when nothing is left or the queue is closed.
     */
    synchronized Entry take() throws InterruptedException {
        while (!closed) {
            Entry due = deferred.peek();
            Instant now = clock.instant();
            if (due != null && !due.notBefore().isAfter(now)) {
                return deferred.poll();
            }
            if (!fresh.isEmpty()) {
                return fresh.poll();
            }
            if (due == null) {
                return null;
            }
            wait(Math.max(1, Duration.between(now, due.notBefore()).toMillis()));
        }
        return null;
    }

    /**
     * Puts {@code entry}'s tenant aside after finding it locked; it is tried again after a growing back-off.
     *
     * @param lockedSince when it was first found locked
     * @param spent       how long this process has spent on it, this attempt included
     */
    synchronized void defer(Entry entry, Instant lockedSince, Duration spent) {
        Duration doubled = entry.delay().multipliedBy(2);
        deferred.add(new Entry(entry.tenant(), clock.instant().plus(entry.delay()), lockedSince,
                doubled.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : doubled, spent));
        notifyAll();
    }

    /** Hands out nothing more; wakes the workers waiting for a tenant to come due. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
