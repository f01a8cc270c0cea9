package dev.lockstep.spring;

import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.SchemaStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Through Micrometer's Prometheus registry, lockstep's meters have the names of the CLI's {@code /metrics}, and the
 * start-up migration, which runs before Boot binds the meters, is counted all the same.
 */
class LockstepMetricsTest {
    private static final MigrationRef V1 = new MigrationRef("1", "create notes", "V1__create_notes.sql", MigrationType.SQL);
    private static final MigrationRef V2 = new MigrationRef("2", "first note", "V2__first_note.sql", MigrationType.SQL);

    @Test
    void aPrometheusScrapeShowsTheClisMetricNamesWithTheStartUpMigrationCounted() {
        LockstepMetrics metrics = new LockstepMetrics();
        metrics.schemaChecked(new SchemaStatus("SQLite", "main", null, List.of(V1, V2), List.of(), List.of()));
        metrics.lockAcquired(Duration.ofMillis(1500));
        metrics.migrationApplied(V1, Duration.ofMillis(30));
        metrics.migrationApplied(V2, Duration.ofSeconds(2));
        metrics.lockReleased();

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.bindTo(registry);
        metrics.migrationFailed(V2, "boom");
        String scrape = registry.scrape();

        assertThat(scrape).contains(
                "lockstep_migrations_applied_total 2.0",
                "lockstep_migrations_failed_total 1.0",
                "lockstep_migration_duration_seconds_count 2",
                "lockstep_migration_duration_seconds_bucket{le=\"0.05\"} 1",
                "lockstep_migration_duration_seconds_bucket{le=\"5.0\"} 2",
                "lockstep_lock_wait_seconds 1.5",
                "lockstep_lock_held 0.0",
                "lockstep_pending_migrations 0.0",
                "lockstep_schema_version_info{version=\"2\"} 1\n");
    }

    @Test
    void aBackfillsBatchesRowsRateAndRowsLeftHaveTheClisNames() {
        LockstepMetrics metrics = new LockstepMetrics();
        metrics.batchProgress(V2, new BatchProgress(2, 4, 12, 60_000, 50_000, Duration.ofSeconds(5), false, 140_000));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.bindTo(registry);

        assertThat(registry.scrape()).contains("lockstep_backfill_rows 60000.0", "lockstep_backfill_batches 12.0",
                "lockstep_backfill_rows_per_second 10000.0", "lockstep_backfill_rows_left 140000.0");

        metrics.batchProgress(V2, new BatchProgress(2, 4, 13, 65_000, 55_000, Duration.ofSeconds(6), false));
        assertThat(registry.scrape()).as("no estimate").contains("lockstep_backfill_rows_left NaN");
        metrics.batchProgress(V2, new BatchProgress(2, 4, 40, 200_000, 190_000, Duration.ofSeconds(19), true));
        assertThat(registry.scrape()).contains("lockstep_backfill_rows 200000.0", "lockstep_backfill_rows_left 0.0");
    }

    @Test
    void noVersionSeriesBeforeAnythingIsApplied() {
        LockstepMetrics metrics = new LockstepMetrics();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.bindTo(registry);
        assertThat(registry.scrape()).doesNotContain("lockstep_schema_version_info{");
    }
}
