package dev.lockstep.cli.health;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The Prometheus metrics of one lockstep process, rendered from a snapshot at the moment of the scrape, in the
 * Prometheus Java client's model and text format (never its global registry, so an embedding application's
 * metrics are not mixed in). A wait for the lock that goes on counts up to {@code now}, not to the last
 * "waiting" event (those come every few seconds). The fleet's gauges appear only in a fleet run, the version's
 * series only once a version is applied.
 */
final class MetricsText {
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private MetricsText() {
    }

    static String contentType() {
        return WRITER.getContentType();
    }

    static void write(HealthSnapshot snapshot, Instant now, OutputStream out) throws IOException {
        WRITER.write(out, of(snapshot, now));
    }

    static MetricSnapshots of(HealthSnapshot s, Instant now) {
        HealthSnapshot.Tally tally = s.tally();
        HealthSnapshot.Lock lock = s.lock();
        Duration waited = lock.waitingFor() != null ? Duration.between(lock.waitingSince(), now) : lock.waited();
        List<MetricSnapshot> metrics = new ArrayList<>();
        metrics.add(counter("lockstep_migrations_applied", "Migrations this process applied.", tally.applied()));
        metrics.add(counter("lockstep_migrations_failed", "Migrations that failed in this process.", tally.failed()));
        metrics.add(durations(tally.durations()));
        metrics.add(gauge("lockstep_lock_wait_seconds",
                "How long this process has waited, or waited last, for the migration lock.", waited.toNanos() / 1e9));
        metrics.add(gauge("lockstep_lock_held", "1 while this process holds the migration lock, else 0.",
                lock.held() ? 1 : 0));
        metrics.add(gauge("lockstep_pending_migrations", "Local migrations not applied yet (one another replica is"
                + " applying counts), as last read from the history.", s.schema().notApplied()));
        if (s.schema().currentVersion() != null) {
            metrics.add(InfoSnapshot.builder().name("lockstep_schema_version").help("The newest applied schema version, as a label.")
                    .dataPoint(InfoSnapshot.InfoDataPointSnapshot.builder()
                            .labels(Labels.of("version", s.schema().currentVersion())).build()).build());
        }
        var backfill = tally.backfill();
        metrics.add(gauge("lockstep_backfill_rows", "Rows the running (or last) backfill has changed, earlier attempts"
                + " included.", backfill == null ? 0 : backfill.rows()));
        metrics.add(gauge("lockstep_backfill_batches", "Batches the running (or last) backfill has committed, earlier"
                + " attempts included.", backfill == null ? 0 : backfill.batches()));
        metrics.add(gauge("lockstep_backfill_rows_per_second", "Rows per second of this process's batches of the running"
                + " (or last) backfill.", backfill == null ? 0 : backfill.rowsPerSecond()));
        metrics.add(gauge("lockstep_backfill_rows_left", "An estimate of the rows the running backfill has left (exact with"
                + " key ranges, else the catalog's row estimate less the rows done); NaN where it cannot tell, 0 once done.",
                backfill == null || backfill.finished() ? 0 : backfill.knowsRowsLeft() ? backfill.rowsLeft() : Double.NaN));
        HealthSnapshot.Fleet fleet = s.fleet();
        if (fleet != null) {
            metrics.add(gauge("lockstep_fleet_tenants_selected", "Tenants this fleet run selected.", fleet.selected()));
            metrics.add(gauge("lockstep_fleet_tenants_done", "Tenants of this fleet run done so far, failed ones included.",
                    fleet.done()));
            metrics.add(gauge("lockstep_fleet_tenants_failed", "Tenants of this fleet run that failed.", fleet.failed()));
            metrics.add(gauge("lockstep_fleet_tenants_remaining", "Tenants of this fleet run not done yet.",
                    fleet.remaining()));
        }
        return new MetricSnapshots(metrics);
    }

    private static MetricSnapshot durations(HealthSnapshot.Durations durations) {
        return HistogramSnapshot.builder().name("lockstep_migration_duration_seconds")
                .help("How long each migration this process applied took.")
                .dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(HealthSnapshot.Durations.UPPER_BOUNDS,
                                durations.counts()))
                        .sum(durations.sumSeconds()).build())
                .build();
    }

    private static MetricSnapshot counter(String name, String help, double value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static MetricSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build()).build();
    }
}
