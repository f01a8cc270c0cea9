package dev.lockstep;

import dev.lockstep.engine.RunContext;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.FleetListener;
import dev.lockstep.result.FleetResult;
import dev.lockstep.result.MigrateResult;
import dev.lockstep.result.TenantOutcome;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fleet migrate: {@code parallel} workers take tenants from a {@link TenantQueue} and migrate each with the
 * single-database engine under that tenant's own lock, which they only try: a tenant another process holds is put
 * aside and tried again later, until the lock timeout has passed since it was first found locked. A tenant's failure is
 * its outcome; the others go on unless fail-fast. A stop takes no new tenant and lets the ones in flight finish; those
 * still running after half the stop grace (or at a second stop) are stopped safely themselves, with the other half as
 * their own grace, so the whole stop fits in the grace an orchestrator was told about.
 */
final class FleetRun {
    private final LockstepConfig base;
    private final List<Tenant> tenants;
    private final FleetOptions options;
    private final Clock clock;
    private final TenantQueue queue;
    private final Map<Tenant, TenantOutcome> outcomes = new ConcurrentHashMap<>();
    private final Set<Lockstep> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile Reason stoppedBy;
    private volatile boolean stopHandedOn;

    FleetRun(LockstepConfig base, List<Tenant> tenants, FleetOptions options, Clock clock) {
        this.base = base;
        this.tenants = tenants;
        this.options = options;
        this.clock = clock;
        this.queue = new TenantQueue(clock, tenants.stream().filter(t -> t.problem() == null).toList());
    }

    FleetResult run() {
        Instant start = clock.instant();
        FleetListener listener = options.listener();
        listener.fleetStarted(tenants.size());
        for (Tenant tenant : tenants) {
            if (tenant.problem() != null) {
                finish(tenant, TenantOutcome.failed(tenant.name(), Reason.CONFIGURATION, tenant.problem(), Duration.ZERO));
            }
        }
        Workers.run(Math.min(options.parallel(), tenants.size()), "lockstep-fleet", this::work);
        List<TenantOutcome> all = tenants.stream()
                .map(t -> outcomes.getOrDefault(t, TenantOutcome.notStarted(t.name()))).toList();
        return new FleetResult(all, stoppedBy, Duration.between(start, clock.instant()));
    }

    /** No new tenant; those in flight finish, and are stopped safely themselves after half the grace or a second stop. */
    synchronized void stop(Reason why) {
        if (stoppedBy != null) {
            handOnStop();
            return;
        }
        stoppedBy = why;
        queue.close();
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(base.stopGrace().dividedBy(2).toMillis());
                handOnStop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lockstep-fleet-stop-grace");
        timer.setDaemon(true);
        timer.start();
    }

    private void handOnStop() {
        stopHandedOn = true;
        inFlight.forEach(lockstep -> lockstep.stop(stoppedBy));
    }

    private void work() throws InterruptedException {
        TenantQueue.Entry entry;
        while ((entry = queue.take()) != null) {
            attempt(entry);
        }
    }

    private void attempt(TenantQueue.Entry entry) {
        Tenant tenant = entry.tenant();
        Instant started = clock.instant();
        Lockstep lockstep;
        try {
            // Try the lock, never wait for it: another process holding it is busy with this tenant, so go elsewhere.
            lockstep = new Lockstep(RunContext.of(tenant.configure(base).lockTimeout(Duration.ZERO)
                    .stopGrace(base.stopGrace().dividedBy(2)).build()));
        } catch (LockstepException e) {
            finish(tenant, TenantOutcome.failed(tenant.name(), e.reason(), e.getMessage(), Duration.ZERO));
            return;
        }
        inFlight.add(lockstep);
        if (stopHandedOn) {
            lockstep.stop(stoppedBy);
        }
        try {
            MigrateResult result = lockstep.migrate();
            finish(tenant, new TenantOutcome(tenant.name(), result.applied().isEmpty() ? TenantOutcome.Status.UP_TO_DATE
                    : TenantOutcome.Status.MIGRATED, result.initialVersion(), result.currentVersion(),
                    result.applied().size(), null, null, spent(entry, started)));
        } catch (LockstepException e) {
            if (e.reason() == Reason.LOCK_TIMEOUT) {
                locked(entry, e, started);
            } else {
                finish(tenant, TenantOutcome.failed(tenant.name(), e.reason(), e.getMessage(), spent(entry, started)));
            }
        } catch (RuntimeException e) {
            finish(tenant, TenantOutcome.failed(tenant.name(), Reason.INTERNAL, "internal error: " + e
                    + ". This is a bug in lockstep; please report it.", spent(entry, started)));
        } finally {
            inFlight.remove(lockstep);
        }
    }

    private void locked(TenantQueue.Entry entry, LockstepException e, Instant started) {
        Instant now = clock.instant();
        Instant since = entry.lockedSince() == null ? started : entry.lockedSince();
        Duration locked = Duration.between(since, now);
        String holder = holder(e.getMessage());
        if (locked.compareTo(base.lockTimeout()) >= 0) {
            finish(entry.tenant(), TenantOutcome.failed(entry.tenant().name(), Reason.LOCK_TIMEOUT, "Gave up on "
                    + entry.tenant().name() + ": its migration lock stayed held for " + locked.toMillis() + " ms, longer"
                    + " than the lock timeout, by " + holder + ". If that process is still migrating, raise"
                    + " --lock-timeout; if it hangs, stop it.", spent(entry, started)));
            return;
        }
        options.listener().tenantLocked(entry.tenant().name(), holder);
        queue.defer(entry, since, spent(entry, started));
    }

    /** Who holds the lock, from the engine's lock-timeout message. */
    private static String holder(String message) {
        int from = message.indexOf("held by ");
        int to = message.lastIndexOf(". If that");
        return from >= 0 && to > from ? message.substring(from + "held by ".length(), to) : message;
    }

    private Duration spent(TenantQueue.Entry entry, Instant started) {
        return entry.spent().plus(Duration.between(started, clock.instant()));
    }

    private void finish(Tenant tenant, TenantOutcome outcome) {
        outcomes.put(tenant, outcome);
        options.listener().tenantFinished(outcome, finished.incrementAndGet(), tenants.size());
        if (options.failFast() && outcome.status() == TenantOutcome.Status.FAILED) {
            queue.close();
        }
    }
}
