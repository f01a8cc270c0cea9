package dev.lockstep.cli;

import dev.lockstep.event.FleetListener;
import dev.lockstep.result.TenantOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

/** One log line per tenant done, with the counts so far, and one per tenant found locked by another process. */
final class FleetProgress implements FleetListener {
    private static final Logger log = LoggerFactory.getLogger("dev.lockstep.fleet");
    private final AtomicInteger failed = new AtomicInteger();
    private final long startNanos = System.nanoTime();

    /** This progress line, and {@code other} told the same events after it. */
    static FleetListener and(FleetListener other) {
        FleetProgress progress = new FleetProgress();
        return new FleetListener() {
            @Override
            public void fleetStarted(int total) {
                progress.fleetStarted(total);
                other.fleetStarted(total);
            }

            @Override
            public void tenantLocked(String tenant, String holder) {
                progress.tenantLocked(tenant, holder);
                other.tenantLocked(tenant, holder);
            }

            @Override
            public void tenantFinished(TenantOutcome outcome, int finished, int total) {
                progress.tenantFinished(outcome, finished, total);
                other.tenantFinished(outcome, finished, total);
            }
        };
    }

    @Override
    public void fleetStarted(int total) {
        log.info("Fleet of {} tenant{}: starting.", total, total == 1 ? "" : "s");
    }

    @Override
    public void tenantLocked(String tenant, String holder) {
        log.info("Tenant {} is locked by {}; going on with others and coming back to it.", tenant, holder);
    }

    @Override
    public void tenantFinished(TenantOutcome outcome, int finished, int total) {
        int failures = outcome.status() == TenantOutcome.Status.FAILED ? failed.incrementAndGet() : failed.get();
        double seconds = Math.max(0.001, (System.nanoTime() - startNanos) / 1e9);
        double rate = finished / seconds;
        long left = Math.round((total - finished) / rate);
        String what = switch (outcome.status()) {
            case MIGRATED -> "migrated to version " + outcome.currentVersion() + " (" + outcome.applied() + " applied)";
            case UP_TO_DATE -> "up to date at " + (outcome.currentVersion() == null ? "no version"
                    : "version " + outcome.currentVersion());
            case FAILED -> "FAILED (" + outcome.reason() + ")";
            case NOT_STARTED -> "not started";
        };
        log.info("Tenant {} {}: {} done, {} failed, {} remaining, {}/s, about {}s left.", outcome.tenant(), what, finished,
                failures, total - finished, String.format("%.1f", rate), left);
    }
}
