package dev.lockstep.cli.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.RunningBackfill;
import dev.lockstep.result.SchemaStatus;
import dev.lockstep.result.TenantOutcome;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the probes answer at each step of a run, from the engine's events alone. */
class HealthStateTest {
    static final String PASSWORD = "s3cret-Passw0rd";
    final Clock clock = Clock.fixed(Instant.parse("2026-01-31T12:00:00Z"), ZoneOffset.UTC);
    final HealthState state = new HealthState(clock, PASSWORD);
    final MigrationRef v6 = migration("6", "V6__users.sql");
    final MigrationRef v7 = migration("7", "V7__orders.sql");

    @Test
    void isNotReadyWhileConnectingAndSaysTheDatabaseIsUnreachableWithoutItsPassword() {
        assertThat(Readiness.of(state.snapshot())).isEqualTo(new Verdict(false, "connecting to the database"));

        state.databaseUnreachable("Connection refused to jdbc:postgresql://db/app?password=" + PASSWORD, 2);

        assertThat(Readiness.of(state.snapshot()).reason()).startsWith("database unreachable: Connection refused")
                .endsWith("(attempt 2)").doesNotContain(PASSWORD);
    }

    @Test
    void aMigrationAppliedLeavesThePendingListWhereverItStoodInIt() {
        state.schemaChecked(status(List.of(v6, v7), List.of()));

        state.migrationApplied(v7, Duration.ofMillis(300));
        assertThat(state.snapshot().schema().pending()).as("not the first pending").containsExactly(v6);
        state.migrationApplied(v6, Duration.ofMillis(300));
        assertThat(state.snapshot().schema().pending()).as("the first pending").isEmpty();
        assertThat(state.snapshot().schema().currentVersion()).isEqualTo("7");

        state.schemaChecked(status(List.of(v6, v7), List.of()));
        state.migrationApplied(v6, Duration.ofMillis(300));
        assertThat(state.snapshot().schema().pending()).containsExactly(v7);
        assertThat(state.snapshot().schema().notApplied()).isEqualTo(1);
    }

    @Test
    void followsAMigrationStatementByStatementUntilReady() {
        state.schemaChecked(status(List.of(v6, v7), List.of()));
        assertThat(Readiness.of(state.snapshot()).reason()).isEqualTo("2 migrations pending, first V6__users.sql");

        state.waitingForLock("api-2:41", Duration.ofSeconds(3));
        assertThat(Readiness.of(state.snapshot()).reason()).isEqualTo("waiting for lock held by api-2:41");

        state.lockAcquired(Duration.ofSeconds(4));
        state.migrationStarted(v6, 2);
        state.migrationApplied(v6, Duration.ofMillis(300));
        state.migrationStarted(v7, 5);
        state.statementDone(v7, 1, 5);
        state.statementDone(v7, 2, 5);
        assertThat(Readiness.of(state.snapshot())).isEqualTo(new Verdict(false, "migrating V7 statement 3/5"));
        Map<String, Object> migrations = migrations(state);
        assertThat(migrations).containsEntry("currentVersion", "6").containsEntry("status", "not ready");
        assertThat(migrations.get("running")).asString().contains("script=V7__orders.sql", "statement=3", "statements=5");
        assertThat(migrations.get("lock")).asString().contains("held=true", "heldByThisProcess=true", "2026-01-31T12:00:00Z");

        state.migrationApplied(v7, Duration.ofSeconds(2));
        state.lockReleased();
        state.track(() -> "done");

        assertThat(Readiness.of(state.snapshot())).isEqualTo(new Verdict(true, null));
        assertThat(migrations(state)).containsEntry("currentVersion", "7").containsEntry("pending", List.of())
                .containsEntry("lock", Map.of("held", false));
    }

    @Test
    void aBackfillShowsItsBatchesRowsAndRateInReadinessTheDocumentAndMetrics() throws Exception {
        state.schemaChecked(status(List.of(v7), List.of()));
        state.lockAcquired(Duration.ZERO);
        state.migrationStarted(v7, 2);
        state.statementDone(v7, 1, 2);
        state.batchProgress(v7, new BatchProgress(2, 4, 12, 60_000, 50_000, Duration.ofSeconds(5), false));

        assertThat(Readiness.of(state.snapshot()).reason())
                .isEqualTo("migrating V7 statement 2/2, a backfill: 12 batches, 60000 rows, 10000 rows/s");
        assertThat(migrations(state).get("running")).asString()
                .contains("backfill={batches=12, rows=60000, rowsPerSecond=10000}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetricsText.write(state.snapshot(), clock.instant(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("lockstep_backfill_rows 60000.0",
                "lockstep_backfill_batches 12.0", "lockstep_backfill_rows_per_second 10000.0");

        state.batchProgress(v7, new BatchProgress(2, 4, 40, 200_000, 190_000, Duration.ofSeconds(19), true));
        assertThat(Readiness.of(state.snapshot()).reason()).isEqualTo("migrating V7 statement 2/2");
    }

    @Test
    void aBackfillThatKnowsItsRowsLeftShowsThemInReadinessTheDocumentAndMetrics() throws Exception {
        state.schemaChecked(status(List.of(v7), List.of()));
        state.lockAcquired(Duration.ZERO);
        state.migrationStarted(v7, 2);
        state.batchProgress(v7, new BatchProgress(2, 4, 12, 60_000, 50_000, Duration.ofSeconds(5), false, 140_000));

        assertThat(Readiness.of(state.snapshot()).reason()).isEqualTo("migrating V7 statement 2/2, a backfill: 12 batches,"
                + " 60000 rows, 10000 rows/s, about 140000 rows left");
        assertThat(migrations(state).get("running")).asString()
                .contains("backfill={batches=12, rows=60000, rowsPerSecond=10000, rowsLeft=140000}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetricsText.write(state.snapshot(), clock.instant(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("lockstep_backfill_rows_left 140000.0");

        state.batchProgress(v7, new BatchProgress(2, 4, 40, 200_000, 190_000, Duration.ofSeconds(19), true, 0));
        out.reset();
        MetricsText.write(state.snapshot(), clock.instant(), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("lockstep_backfill_rows_left 0.0");
    }

    @Test
    void aReplicaWaitingForTheLockShowsTheHoldersBackfillInItsReason() {
        state.waitingForLock("advisory lock 42 held by api-2:41; replica api-2:41 is applying V7__orders.sql"
                + " (statement 2 of 2) since 2026-12-07T01:00:00Z, a backfill: 12 batches, 60000 rows", Duration.ofSeconds(8));

        assertThat(Readiness.of(state.snapshot()).reason()).startsWith("waiting for lock held by advisory lock 42")
                .endsWith(", a backfill: 12 batches, 60000 rows");
    }

    @Test
    void aSidecarSeesAnotherReplicaMigrateFromTheHistory() {
        HistoryEntry row = new HistoryEntry(7, "7", "orders", MigrationType.SQL, "V7__orders.sql",
                "sha256:x", MigrationStatus.RUNNING, 5, 2, "app", "api-2:41", clock.instant(), null, null, null);

        state.schemaChecked(status(List.of(), List.of(row)));

        assertThat(Readiness.of(state.snapshot()).reason()).isEqualTo("migrating V7 statement 3/5 on replica api-2:41");
        assertThat(migrations(state).get("lock")).asString().contains("holder=api-2:41");
    }

    @Test
    void aSidecarNamesNoStatementBeforeTheHoldersJournalShowsOne() {
        // A migration in one transaction commits its statements at its end: its row says 0 of 3 until then,
        // whichever statement the holder runs; "statement 1" would be a guess.
        HistoryEntry row = new HistoryEntry(7, "7", "orders", MigrationType.SQL, "V7__orders.sql",
                "sha256:x", MigrationStatus.RUNNING, 3, 0, "app", "api-2:41", clock.instant(), null, null, null);
        SchemaStatus status = status(List.of(), List.of(row));

        state.schemaChecked(status);

        assertThat(Readiness.of(state.snapshot()).reason())
                .isEqualTo("migrating V7 (3 statements, none committed yet) on replica api-2:41");
        assertThat(status.describe()).contains("V7__orders.sql being applied by replica api-2:41"
                + " (3 statements, none committed yet, since ").doesNotContain("statement 1");
    }

    @Test
    void aSidecarSeesTheHoldersBackfillProgress() {
        HistoryEntry row = new HistoryEntry(7, "7", "orders", MigrationType.SQL, "V7__orders.sql",
                "sha256:x", MigrationStatus.RUNNING, 2, 1, "app", "api-2:41", clock.instant(), null, null, null);
        SchemaStatus status = new SchemaStatus("PostgreSQL 16 at jdbc:postgresql://db/app", "public", null, List.of(),
                List.of(row), List.of(), List.of(new RunningBackfill("V7__orders.sql", 2, 12, 60_000)));

        state.schemaChecked(status);

        assertThat(Readiness.of(state.snapshot()).reason())
                .isEqualTo("migrating V7 statement 2/2 on replica api-2:41, a backfill: 12 batches, 60000 rows");
        assertThat(status.describe()).contains("V7__orders.sql being applied by replica api-2:41 (statement 2 of 2,"
                + " a backfill: 12 batches, 60000 rows, since ");
    }

    @Test
    void keepsTheLastErrorMaskedAndIsNotReadyAfterAFailure() {
        state.migrationStarted(v7, 1);
        state.migrationFailed(v7, "syntax error near '" + PASSWORD + "'");
        LockstepException failure = new LockstepException(Reason.MIGRATION_FAILED, "Migration failed: " + PASSWORD);

        assertThatThrownBy(() -> state.track(() -> {
            throw failure;
        })).as("the command exits with the failure itself").isSameAs(failure);

        assertThat(Readiness.of(state.snapshot()).ok()).isFalse();
        assertThat(Readiness.of(state.snapshot()).reason()).startsWith("failed: Migration failed");
        assertThat(migrations(state).toString()).doesNotContain(PASSWORD).contains("lastError=Migration failed: ****");
    }

    @Test
    void livenessFollowsTheAppOnceItRuns() throws Exception {
        assertThat(state.liveness().ok()).isTrue();
        Process app = new ProcessBuilder("sh", "-c", "exit 3").start();
        state.app(app);
        app.waitFor();

        assertThat(state.liveness()).isEqualTo(new Verdict(false, "the app exited with code 3"));
    }

    @Test
    void migrationsDocumentIsJson() throws Exception {
        state.replica("api-1:7");
        state.schemaChecked(status(List.of(v7), List.of()));

        String json = new ObjectMapper().writeValueAsString(HealthJson.migrations(state.snapshot()));

        assertThat(new ObjectMapper().readTree(json).get("pending").get(0).get("script").asText()).isEqualTo("V7__orders.sql");
        assertThat(json).contains("\"replica\":\"api-1:7\"", "\"database\":\"PostgreSQL 16 at jdbc:postgresql://db/app\"");
    }

    @Test
    void aWaitingReplicasGaugesAreTrueAtTheMomentOfTheScrape() throws Exception {
        MovingClock now = new MovingClock(clock.instant());
        HealthState waiter = new HealthState(now, PASSWORD);
        HistoryEntry row = new HistoryEntry(7, "7", "orders", MigrationType.SQL, "V7__orders.sql",
                "sha256:x", MigrationStatus.RUNNING, 3, 1, "app", "api-2:41", clock.instant(), null, null, null);
        waiter.schemaChecked(status(List.of(), List.of(row)));
        waiter.waitingForLock("api-2:41", Duration.ZERO);

        now.advance(Duration.ofSeconds(2));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetricsText.write(waiter.snapshot(), now.instant(), out);
        PrometheusText.Exposition metrics = PrometheusText.parse(out.toString(StandardCharsets.UTF_8));

        assertThat(metrics.value("lockstep_pending_migrations")).as("V7 runs elsewhere: not applied yet").isEqualTo(1);
        assertThat(metrics.value("lockstep_lock_wait_seconds")).as("still waiting, two seconds on").isEqualTo(2);
        assertThat(metrics.value("lockstep_lock_held")).isZero();
    }

    @Test
    void lockWaitStaysAtTheWaitOnceTheLockIsTaken() throws Exception {
        MovingClock now = new MovingClock(clock.instant());
        HealthState holder = new HealthState(now, PASSWORD);
        holder.waitingForLock("api-2:41", Duration.ZERO);
        now.advance(Duration.ofSeconds(3));
        holder.lockAcquired(Duration.ofSeconds(3));
        now.advance(Duration.ofSeconds(60));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetricsText.write(holder.snapshot(), now.instant(), out);

        assertThat(PrometheusText.parse(out.toString(StandardCharsets.UTF_8)).value("lockstep_lock_wait_seconds")).isEqualTo(3);
    }

    /** A clock the test moves by hand. */
    static final class MovingClock extends Clock {
        private Instant instant;

        MovingClock(Instant start) {
            this.instant = start;
        }

        void advance(Duration by) {
            instant = instant.plus(by);
        }

        @Override
        public Instant instant() {
            return instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void metricsCarryTheNamesDashboardsUse() throws Exception {
        state.schemaChecked(status(List.of(v6, v7), List.of()));
        state.lockAcquired(Duration.ofMillis(1500));
        state.migrationStarted(v6, 1);
        state.migrationApplied(v6, Duration.ofSeconds(2));
        state.migrationStarted(v7, 1);
        state.migrationFailed(v7, "boom");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetricsText.write(state.snapshot(), clock.instant(), out);
        PrometheusText.Exposition metrics = PrometheusText.parse(out.toString(StandardCharsets.UTF_8));

        assertThat(metrics.types()).containsEntry("lockstep_migrations_applied_total", "counter")
                .containsEntry("lockstep_migrations_failed_total", "counter")
                .containsEntry("lockstep_migration_duration_seconds", "histogram")
                .containsEntry("lockstep_lock_wait_seconds", "gauge")
                .containsEntry("lockstep_pending_migrations", "gauge")
                .containsEntry("lockstep_schema_version_info", "gauge")
                .containsEntry("lockstep_lock_held", "gauge");
        assertThat(metrics.value("lockstep_migrations_applied_total")).isEqualTo(1);
        assertThat(metrics.value("lockstep_migrations_failed_total")).isEqualTo(1);
        assertThat(metrics.value("lockstep_migration_duration_seconds_sum")).isEqualTo(2);
        assertThat(metrics.value("lockstep_lock_wait_seconds")).isEqualTo(1.5);
        assertThat(metrics.value("lockstep_lock_held")).isEqualTo(1);
        assertThat(metrics.value("lockstep_pending_migrations")).isEqualTo(1);
        assertThat(metrics.samples()).filteredOn(s -> s.name().equals("lockstep_schema_version_info"))
                .singleElement().satisfies(s -> assertThat(s.labels()).containsEntry("version", "6"));
    }

    @Test
    void aFleetRunCarriesItsCountsInMetricsReadinessAndMigrationsThenTurnsReadyOnlyWhenNoTenantFailed() throws Exception {
        state.fleetStarted(3);
        state.tenantFinished(new TenantOutcome("t1", TenantOutcome.Status.MIGRATED, null, "2", 2, null, null,
                Duration.ofMillis(40)), 1, 3);
        state.tenantFinished(TenantOutcome.failed("t2", Reason.MIGRATION_FAILED, "V2 failed; password=" + PASSWORD,
                Duration.ofMillis(10)), 2, 3);

        assertThat(Readiness.of(state.snapshot())).isEqualTo(new Verdict(false,
                "migrating a fleet: 2 done, 1 failed, 1 remaining"));
        assertThat(migrations(state).get("fleet")).isEqualTo(Map.of("selected", 3, "done", 2, "failed", 1, "remaining", 1));
        assertThat(migrations(state).get("lastError")).asString().startsWith("t2: V2 failed").doesNotContain(PASSWORD);
        PrometheusText.Exposition metrics = metrics();
        assertThat(metrics.value("lockstep_fleet_tenants_selected")).isEqualTo(3);
        assertThat(metrics.value("lockstep_fleet_tenants_done")).isEqualTo(2);
        assertThat(metrics.value("lockstep_fleet_tenants_failed")).isEqualTo(1);
        assertThat(metrics.value("lockstep_fleet_tenants_remaining")).isEqualTo(1);
        assertThat(metrics.value("lockstep_migrations_applied_total")).isEqualTo(2);

        state.tenantFinished(new TenantOutcome("t3", TenantOutcome.Status.UP_TO_DATE, "2", "2", 0, null, null,
                Duration.ofMillis(5)), 3, 3);
        state.fleetEnded("1 of 3 tenants failed, 0 not started");
        assertThat(Readiness.of(state.snapshot())).isEqualTo(new Verdict(false, "failed: 1 of 3 tenants failed, 0 not started"));
        assertThat(metrics().value("lockstep_fleet_tenants_remaining")).isZero();

        HealthState clean = new HealthState(clock, PASSWORD);
        clean.fleetStarted(1);
        clean.fleetEnded(null);
        assertThat(Readiness.of(clean.snapshot()).ok()).isTrue();
    }

    @Test
    void aRunOnOneDatabaseShowsNoFleetMetrics() throws Exception {
        state.schemaChecked(status(List.of(v6), List.of()));

        assertThat(metrics().types()).doesNotContainKey("lockstep_fleet_tenants_done");
        assertThat(migrations(state)).doesNotContainKey("fleet");
    }

    private PrometheusText.Exposition metrics() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MetricsText.write(state.snapshot(), clock.instant(), out);
        return PrometheusText.parse(out.toString(StandardCharsets.UTF_8));
    }

    private static SchemaStatus status(List<MigrationRef> pending, List<HistoryEntry> running) {
        return new SchemaStatus("PostgreSQL 16 at jdbc:postgresql://db/app", "public", null, pending, running, List.of());
    }

    private static MigrationRef migration(String version, String script) {
        return new MigrationRef(version, script.substring(script.indexOf("__") + 2, script.length() - 4), script,
                MigrationType.SQL);
    }

    /** The document of {@code /health/migrations} as the JSON object a client reads, nested objects as maps. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> migrations(HealthState state) {
        return new ObjectMapper().convertValue(HealthJson.migrations(state.snapshot()), Map.class);
    }
}
