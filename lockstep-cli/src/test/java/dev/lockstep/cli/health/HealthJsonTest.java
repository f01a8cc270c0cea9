package dev.lockstep.cli.health;

import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The documents of the status server, from a snapshot; the full bytes are in HealthServerGoldenTest. */
class HealthJsonTest {
    final ObjectMapper json = new ObjectMapper();
    final Instant now = Instant.parse("2026-01-31T12:00:00Z");
    final MigrationRef v7 = new MigrationRef("7", "orders", "V7__orders.sql", MigrationType.SQL);

    @Test
    void aVerdictHasAReasonOnlyWhenNotOk() throws Exception {
        assertThat(json.writeValueAsString(HealthJson.verdict(Verdict.OK, "live"))).isEqualTo("{\"status\":\"live\"}");
        assertThat(json.writeValueAsString(HealthJson.verdict(new Verdict(false, "2 pending"), "ready")))
                .isEqualTo("{\"status\":\"not ready\",\"reason\":\"2 pending\"}");
    }

    @Test
    void theLockIsThisProcesssTheOneItWaitsForOrTheReplicaTheHistoryShowsMigrating() throws Exception {
        HistoryEntry row = new HistoryEntry(7, "7", "orders", MigrationType.SQL, "V7__orders.sql", "sha256:x",
                MigrationStatus.RUNNING, 2, 1, "app", "api-2:41", now, null, null, null);
        HealthSnapshot sidecar = HealthSnapshot.initial().withReplica("api-1:7")
                .schemaChecked(new SchemaStatus("db", "public", "6", List.of(v7), List.of(row), List.of()), List.of());

        assertThat(lock(sidecar)).isEqualTo("{\"held\":true,\"holder\":\"api-2:41\",\"since\":\"2026-01-31T12:00:00Z\","
                + "\"heldByThisProcess\":false}");
        assertThat(lock(sidecar.waitingForLock("api-3:1", now.plusSeconds(9), Duration.ofSeconds(4)))).isEqualTo(
                "{\"held\":true,\"holder\":\"api-3:1\",\"waitingSince\":\"2026-01-31T12:00:05Z\",\"heldByThisProcess\":false}");
        assertThat(lock(sidecar.lockAcquired(now, Duration.ZERO))).isEqualTo(
                "{\"held\":true,\"holder\":\"api-1:7\",\"since\":\"2026-01-31T12:00:00Z\",\"heldByThisProcess\":true}");
        assertThat(lock(HealthSnapshot.initial())).isEqualTo("{\"held\":false}");
    }

    @Test
    void nothingRunningIsNullAndARunOnOneDatabaseHasNoFleet() {
        var document = json.valueToTree(HealthJson.migrations(HealthSnapshot.initial()));
        assertThat(document.has("running")).isTrue();
        assertThat(document.get("running").isNull()).isTrue();
        assertThat(document.has("fleet")).isFalse();
        assertThat(json.valueToTree(HealthJson.migrations(HealthSnapshot.initial().fleetStarted(2))).has("fleet")).isTrue();
    }

    private String lock(HealthSnapshot s) throws Exception {
        return json.writeValueAsString(HealthJson.migrations(s).lock());
    }
}
