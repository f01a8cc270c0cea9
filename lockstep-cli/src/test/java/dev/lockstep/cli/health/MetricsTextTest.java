package dev.lockstep.cli.health;

import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.MigrationType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The Prometheus text of a snapshot, at the moment of the scrape. */
class MetricsTextTest {
    final Instant now = Instant.parse("2026-01-31T12:00:00Z");
    final MigrationRef v6 = new MigrationRef("6", "users", "V6__users.sql", MigrationType.SQL);

    @Test
    void eachAppliedMigrationFallsInTheFirstBucketThatHoldsItsDuration() throws Exception {
        HealthSnapshot s = HealthSnapshot.initial().migrationApplied(v6, Duration.ofMillis(50))
                .migrationApplied(v6, Duration.ofSeconds(2)).migrationApplied(v6, Duration.ofHours(5));

        PrometheusText.Exposition metrics = scrape(s, now);

        assertThat(bucket(metrics, "0.05")).isEqualTo(1);
        assertThat(bucket(metrics, "1.0")).isEqualTo(1);
        assertThat(bucket(metrics, "5.0")).as("cumulative").isEqualTo(2);
        assertThat(bucket(metrics, "14400.0")).isEqualTo(2);
        assertThat(bucket(metrics, "+Inf")).isEqualTo(3);
        assertThat(metrics.value("lockstep_migration_duration_seconds_sum")).isEqualTo(0.05 + 2 + 5 * 3600);
        assertThat(metrics.value("lockstep_migrations_applied_total")).isEqualTo(3);
    }

    @Test
    void aWaitThatGoesOnCountsUpToTheScrapeAndOneThatEndedStaysAtItsLength() throws Exception {
        HealthSnapshot waiting = HealthSnapshot.initial().waitingForLock("api-2:41", now, Duration.ofSeconds(1));

        assertThat(scrape(waiting, now.plusSeconds(4)).value("lockstep_lock_wait_seconds")).isEqualTo(5);
        HealthSnapshot held = waiting.lockAcquired(now.plusSeconds(5), Duration.ofSeconds(6));
        assertThat(scrape(held, now.plusSeconds(60)).value("lockstep_lock_wait_seconds")).isEqualTo(6);
        assertThat(scrape(held, now).value("lockstep_lock_held")).isEqualTo(1);
        assertThat(scrape(held.lockReleased(), now).value("lockstep_lock_held")).isZero();
    }

    @Test
    void theVersionSeriesAndTheFleetGaugesAppearOnlyWhenThereIsOne() throws Exception {
        PrometheusText.Exposition none = scrape(HealthSnapshot.initial(), now);
        assertThat(none.types()).doesNotContainKeys("lockstep_schema_version_info", "lockstep_fleet_tenants_selected");

        PrometheusText.Exposition fleet = scrape(HealthSnapshot.initial().migrationApplied(v6, Duration.ZERO)
                .fleetStarted(4).tenantFinished("t1: boom", 0, 1, 4), now);
        assertThat(fleet.samples()).filteredOn(s -> s.name().equals("lockstep_schema_version_info")).singleElement()
                .satisfies(s -> assertThat(s.labels()).containsEntry("version", "6"));
        assertThat(fleet.value("lockstep_fleet_tenants_failed")).isEqualTo(1);
        assertThat(fleet.value("lockstep_fleet_tenants_remaining")).isEqualTo(3);
    }

    private static double bucket(PrometheusText.Exposition metrics, String le) {
        return metrics.samples().stream().filter(s -> s.name().equals("lockstep_migration_duration_seconds_bucket")
                && le.equals(s.labels().get("le"))).findFirst().orElseThrow().value();
    }

    private static PrometheusText.Exposition scrape(HealthSnapshot s, Instant at) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetricsText.write(s, at, out);
        return PrometheusText.parse(out.toString(StandardCharsets.UTF_8));
    }
}
