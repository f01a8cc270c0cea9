package dev.lockstep.cli;

import dev.lockstep.error.Reason;
import dev.lockstep.result.FleetInfoResult;
import dev.lockstep.result.FleetResult;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.HistoryResult;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.Problem;
import dev.lockstep.result.TenantResult;
import dev.lockstep.result.ValidateResult;
import dev.lockstep.result.MigrationRef;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.SchemaStatus;
import dev.lockstep.result.TenantOutcome;
import dev.lockstep.result.TenantStatus;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The JSON a fleet's migrate, info, wait, validate and history write with {@code --json}, for every kind of tenant (migrated, up to date,
 * failed, not started; ready, behind, valid, invalid, unreadable), from results made here: a fleet needs several schemas, which SQLite has
 * not, so {@code FleetIT} and {@code FleetReadIT} run the commands on PostgreSQL and MariaDB and this pins each field's
 * name, place and form. The golden file {@code golden/json/fleet.txt} was written from the hand-built maps before the
 * documents became records.
 */
class FleetJsonGoldenTest {
    private final StringBuilder transcript = new StringBuilder();

    @Test
    void aFleetsDocumentsAreTheGoldenOnes() throws IOException {
        FleetResult migrated = new FleetResult(List.of(
                new TenantOutcome("tenant_a", TenantOutcome.Status.MIGRATED, "1", "3", 2, null, null, Duration.ofMillis(120)),
                new TenantOutcome("tenant_b", TenantOutcome.Status.UP_TO_DATE, "3", "3", 0, null, null, Duration.ofMillis(7)),
                TenantOutcome.failed("tenant_c", Reason.LOCK_TIMEOUT, "lock not taken within 1s", Duration.ofMillis(1003)),
                TenantOutcome.notStarted("tenant_d")), Reason.TERMINATED, Duration.ofMillis(4321));
        SchemaStatus ready = new SchemaStatus("PostgreSQL 17", "tenant_a", "3", List.of(), List.of(), List.of());
        SchemaStatus behind = new SchemaStatus("PostgreSQL 17", "tenant_b", "1",
                List.of(new MigrationRef("2", "add name", "V2__add_name.sql", MigrationType.SQL)), List.of(),
                List.of("V1__create.sql changed since it was applied"));
        FleetInfoResult info = new FleetInfoResult(List.of(new TenantStatus("tenant_a", ready, null, null),
                new TenantStatus("tenant_b", behind, null, null),
                new TenantStatus("tenant_c", null, Reason.DATABASE_UNREACHABLE, "connection refused")));

        document("migrate, stopped by SIGTERM", FleetRenderer.json(migrated));
        document("migrate of no tenant", FleetRenderer.json(new FleetResult(List.of(), null, Duration.ZERO)));
        document("info", FleetRenderer.json(info));
        document("wait", FleetReads.waitJson(info, Duration.ofMillis(1500)));

        ValidateResult valid = new ValidateResult("PostgreSQL 17", 3, List.of(), List.of());
        ValidateResult invalid = new ValidateResult("PostgreSQL 17", 3, List.of(new Problem(Problem.Kind.CHECKSUM_MISMATCH,
                "V1__create.sql changed since it was applied", List.of("V1__create.sql"))), List.of());
        document("validate", FleetReads.validateJson(List.of(new TenantResult<>("tenant_a", valid, null, null),
                new TenantResult<>("tenant_b", invalid, null, null),
                new TenantResult<>("tenant_c", null, Reason.DATABASE_UNREACHABLE, "connection refused"))));
        HistoryEntry row = new HistoryEntry(1, "1", "create", MigrationType.SQL, "V1__create.sql", "sha256:ab",
                MigrationStatus.APPLIED, 1, 1, "app", "api-1:7:ab12", Instant.parse("2026-01-31T12:00:00Z"),
                Instant.parse("2026-01-31T12:00:01Z"), 1000L, null);
        document("history", FleetReads.historyJson(List.of(
                new TenantResult<>("tenant_a", new HistoryResult("PostgreSQL 17", "tenant_a", "lockstep_history", List.of(row)),
                        null, null),
                new TenantResult<>("tenant_c", null, Reason.DATABASE_UNREACHABLE, "connection refused"))));

        Golden.assertMatches("json/fleet.txt", transcript.toString());
    }

    private void document(String name, Object document) {
        StringWriter out = new StringWriter();
        Output.json(new PrintWriter(out), document);
        transcript.append("=== ").append(name).append('\n').append(out);
    }
}
