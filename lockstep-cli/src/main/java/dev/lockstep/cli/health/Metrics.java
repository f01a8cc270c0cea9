package dev.lockstep.cli.health;

import dev.lockstep.result.BatchProgress;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;

/**
 * The Prometheus metrics of one lockstep process, through the Prometheus Java client, in a registry of
 * its own (never the global one, so an embedding application's metrics are not mixed in).
 */
final class Metrics {
    /** Migrations take from milliseconds to hours; the client's default buckets stop at 10 seconds. */
    private static final double[] DURATION_BUCKETS = {0.05, 0.25, 1, 5, 15, 60, 300, 900, 3600, 4 * 3600};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter applied = Counter.builder().name("lockstep_migrations_applied_total")
            .help("Migrations this process applied.").register(registry);
    private final Counter failed = Counter.builder().name("lockstep_migrations_failed_total")
            .help("Migrations that failed in this process.").register(registry);
    private final Histogram duration = Histogram.builder().name("lockstep_migration_duration_seconds")
            .help("How long each migration this process applied took.").classicOnly()
            .classicUpperBounds(DURATION_BUCKETS).register(registry);
    private final Gauge lockWait = Gauge.builder().name("lockstep_lock_wait_seconds")
            .help("How long this process has waited, or waited last, for the migration lock.").register(registry);
    private final Gauge lockHeld = Gauge.builder().name("lockstep_lock_held")
            .help("1 while this process holds the migration lock, else 0.").register(registry);
    private final Gauge pending = Gauge.builder().name("lockstep_pending_migrations")
            .help("Local migrations not applied yet (one another replica is applying counts), as last read from the history.").register(registry);
    private final Info version = Info.builder().name("lockstep_schema_version_info")
            .help("The newest applied schema version, as a label.").labelNames("version").register(registry);
    private final Gauge backfillRows = Gauge.builder().name("lockstep_backfill_rows")
            .help("Rows the running (or last) backfill has changed, earlier attempts included.").register(registry);
    private final Gauge backfillBatches = Gauge.builder().name("lockstep_backfill_batches")
            .help("Batches the running (or last) backfill has committed, earlier attempts included.").register(registry);
    private final Gauge backfillRate = Gauge.builder().name("lockstep_backfill_rows_per_second")
            .help("Rows per second of this process's batches of the running (or last) backfill.").register(registry);
    private final Gauge backfillRowsLeft = Gauge.builder().name("lockstep_backfill_rows_left")
            .help("An estimate of the rows the running backfill has left (exact with key ranges, else the catalog's"
                    + " row estimate less the rows done); NaN where it cannot tell, 0 once done.").register(registry);
    private String versionShown;
    private Gauge fleetSelected;
    private Gauge fleetDone;
    private Gauge fleetFailed;
    private Gauge fleetRemaining;

    void backfill(BatchProgress progress) {
        backfillRows.set(progress.rows());
        backfillBatches.set(progress.batches());
        backfillRate.set(progress.rowsPerSecond());
        backfillRowsLeft.set(progress.finished() ? 0 : progress.knowsRowsLeft() ? progress.rowsLeft() : Double.NaN);
    }

    void applied(Duration took) {
        applied.inc();
        duration.observe(took.toNanos() / 1e9);
    }

    /** Migrations applied to one tenant of a fleet, whose durations are not told one by one. */
    void applied(int count) {
        applied.inc(count);
    }

    /**
     * A fleet's counts, the numbers of its progress line: tenants selected, done (failed ones included), failed and
     * remaining. Registered at the first call, so a run on one database shows none of them.
     */
    synchronized void fleet(int selected, int done, int failed) {
        if (fleetSelected == null) {
            fleetSelected = Gauge.builder().name("lockstep_fleet_tenants_selected")
                    .help("Tenants this fleet run selected.").register(registry);
            fleetDone = Gauge.builder().name("lockstep_fleet_tenants_done")
                    .help("Tenants of this fleet run done so far, failed ones included.").register(registry);
            fleetFailed = Gauge.builder().name("lockstep_fleet_tenants_failed")
                    .help("Tenants of this fleet run that failed.").register(registry);
            fleetRemaining = Gauge.builder().name("lockstep_fleet_tenants_remaining")
                    .help("Tenants of this fleet run not done yet.").register(registry);
        }
        fleetSelected.set(selected);
        fleetDone.set(done);
        fleetFailed.set(failed);
        fleetRemaining.set(selected - done);
    }

    void failed() {
        failed.inc();
    }

    void lockWait(Duration waited) {
        lockWait.set(waited.toNanos() / 1e9);
    }

    void lockHeld(boolean held) {
        lockHeld.set(held ? 1 : 0);
    }

    void pending(int count) {
        pending.set(count);
    }

    /** The current schema version; {@code null} (nothing applied) shows no series. */
    synchronized void version(String current) {
        if (Objects.equals(current, versionShown)) {
            return;
        }
        if (versionShown != null) {
            version.remove(versionShown);
        }
        if (current != null) {
            version.addLabelValues(current);
        }
        versionShown = current;
    }

    /** Writes every metric in the Prometheus text format. */
    void write(OutputStream out) throws IOException {
        writer.write(out, registry.scrape());
    }

    String contentType() {
        return writer.getContentType();
    }
}
