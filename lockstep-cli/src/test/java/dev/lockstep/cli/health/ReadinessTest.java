package dev.lockstep.cli.health;

import dev.lockstep.result.BatchProgress;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.SchemaStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness from a snapshot alone: ready only at the target with nothing running, else the first hold-up. */
class ReadinessTest {
    final Instant now = Instant.parse("2026-01-31T12:00:00Z");
    final MigrationRef v7 = new MigrationRef("7", "orders", "V7__orders.sql", MigrationType.SQL);
    final HealthSnapshot read = HealthSnapshot.initial().schemaChecked(status(List.of(v7), List.of()), List.of());

    @Test
    void aSnapshotBeforeAnyReadIsConnectingAndOneWithNothingPendingNorReadyIsCheckingTheSchema() {
        assertThat(Readiness.of(HealthSnapshot.initial())).isEqualTo(new Verdict(false, "connecting to the database"));
        HealthSnapshot notReady = new HealthSnapshot(null, false, HealthSnapshot.Schema.of("db", null, List.of(), List.of(),
                List.of(), List.of()), null, HealthSnapshot.Lock.NONE, null, null, null, null, HealthSnapshot.Tally.ZERO);
        assertThat(Readiness.of(notReady).reason()).isEqualTo("checking the schema");
    }

    @Test
    void aRunningMigrationComesBeforeTheLockWaitWhichComesBeforeAnUnreachableDatabase() {
        HealthSnapshot s = read.unreachable("refused").failed(false, "boom").waitingForLock("api-2:41", now, Duration.ZERO);
        assertThat(Readiness.of(s).reason()).isEqualTo("waiting for lock held by api-2:41");
        assertThat(Readiness.of(s.lockAcquired(now, Duration.ZERO).migrationStarted(v7, 3, now)).reason())
                .isEqualTo("migrating V7 statement 1/3");
        assertThat(Readiness.of(read.failed(true, "refused").failed(false, "boom")).reason())
                .isEqualTo("database unreachable: refused");
        assertThat(Readiness.of(read.failed(false, "boom")).reason()).isEqualTo("failed: boom");
    }

    @Test
    void problemsComeBeforeAnotherReplicasMigrationWhichComesBeforePendingOnes() {
        HistoryEntry row = new HistoryEntry(7, "7", "orders", MigrationType.SQL, "V7__orders.sql", "sha256:x",
                MigrationStatus.RUNNING, 2, 1, "app", "api-2:41", now, null, null, null);
        HealthSnapshot elsewhere = HealthSnapshot.initial().schemaChecked(status(List.of(v7), List.of(row)), List.of());
        assertThat(Readiness.of(elsewhere).reason()).isEqualTo("migrating V7 statement 2/2 on replica api-2:41");
        assertThat(Readiness.of(HealthSnapshot.initial().schemaChecked(status(List.of(v7), List.of(row)),
                List.of("V6 checksum differs"))).reason())
                .isEqualTo("the migrations do not match the history: V6 checksum differs");
        assertThat(Readiness.of(read).reason()).isEqualTo("1 migration pending, first V7__orders.sql");
    }

    @Test
    void aRunningBackfillIsNamedUntilItFinishes() {
        HealthSnapshot s = read.migrationStarted(v7, 2, now).statementDone(v7, 1, 2)
                .batchProgress(v7, new BatchProgress(2, 4, 3, 30, 30, Duration.ofSeconds(3), false));
        assertThat(Readiness.of(s).reason()).isEqualTo("migrating V7 statement 2/2, a backfill: 3 batches, 30 rows, 10 rows/s");
        assertThat(Readiness.of(s.batchProgress(v7, new BatchProgress(2, 4, 4, 31, 31, Duration.ofSeconds(4), true))).reason())
                .isEqualTo("migrating V7 statement 2/2");
    }

    @Test
    void aFleetIsNotReadyUntilItEndsAndThenOnlyWithoutAFailure() {
        HealthSnapshot fleet = HealthSnapshot.initial().fleetStarted(2).tenantFinished(null, 1, 1, 2);
        assertThat(Readiness.of(fleet).reason()).isEqualTo("migrating a fleet: 1 done, 0 failed, 1 remaining");
        assertThat(Readiness.of(fleet.fleetEnded(null))).isEqualTo(new Verdict(true, null));
        assertThat(Readiness.of(fleet.fleetEnded("1 of 2 tenants not started")).reason())
                .isEqualTo("failed: 1 of 2 tenants not started");
    }

    @Test
    void theStepThatReachesTheTargetMakesItReadyWhateverCameBefore() {
        assertThat(Readiness.of(read.failed(false, "boom").succeeded()).ok()).isTrue();
    }

    private static SchemaStatus status(List<MigrationRef> pending, List<HistoryEntry> running) {
        return new SchemaStatus("PostgreSQL 16", "public", "6", pending, running, List.of());
    }
}
