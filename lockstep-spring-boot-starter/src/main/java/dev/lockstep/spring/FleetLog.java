package dev.lockstep.spring;

import dev.lockstep.event.FleetListener;
import dev.lockstep.result.TenantOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/** One log line per tenant of the start-up fleet, with the counts so far: done, failed, remaining. */
final class FleetLog implements FleetListener {
    private static final Logger log = LoggerFactory.getLogger(LockstepInitializer.class);
    private final AtomicInteger failed = new AtomicInteger();

    @Override
    public void fleetStarted(int total) {
        log.info("lockstep: fleet of {} tenant{}: starting", total, total == 1 ? "" : "s");
    }

    @Override
    public void tenantLocked(String tenant, String holder) {
        log.info("lockstep: tenant {} is locked by {}; going on with others and coming back to it", tenant, holder);
    }

    @Override
    public void tenantFinished(TenantOutcome outcome, int finished, int total) {
        int failures = outcome.status() == TenantOutcome.Status.FAILED ? failed.incrementAndGet() : failed.get();
        log.info("lockstep: tenant {} {}: {} done, {} failed, {} remaining", outcome.tenant(),
                outcome.status() == TenantOutcome.Status.FAILED ? "FAILED (" + outcome.reason() + ")"
                        : outcome.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                finished, failures, total - finished);
    }
}
