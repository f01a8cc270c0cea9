package dev.lockstep.cli.health;

import dev.lockstep.cli.Golden;
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

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every byte the status server answers, at each step of a run, as probes and dashboards read it: the golden files
 * under {@code golden/health/} are the contract of {@code /health/*} and {@code /metrics}. {@link Golden} says how
 * to write them anew.
 */
class HealthServerGoldenTest {
    static final String PASSWORD = "s3cret-Passw0rd";
    final HealthStateTest.MovingClock clock = new HealthStateTest.MovingClock(Instant.parse("2026-01-31T12:00:00Z"));
    final MigrationRef v6 = new MigrationRef("6", "users", "V6__users.sql", MigrationType.SQL);
    final MigrationRef v7 = new MigrationRef("7", "orders", "V7__orders.sql", MigrationType.SQL);
    final StringBuilder transcript = new StringBuilder();

    @Test
    void aReplicaThatMigratesAnswersAsTheGoldenTranscriptAtEachStep() throws Exception {
        HealthState state = new HealthState(clock, PASSWORD);
        try (HealthServer server = HealthServer.start("127.0.0.1", 0, state)) {
            state.replica("api-1:7");
            probe(server, "connecting");
            state.databaseUnreachable("Connection refused: jdbc:postgresql://db/app?password=" + PASSWORD, 2);
            probe(server, "unreachable");
            state.schemaChecked(status(List.of(v6, v7), List.of(), List.of(), List.of()));
            probe(server, "two pending");
            state.waitingForLock("api-2:41", Duration.ofSeconds(3));
            clock.advance(Duration.ofSeconds(2));
            probe(server, "waiting for the lock");
            state.lockAcquired(Duration.ofSeconds(5));
            state.migrationStarted(v6, 2);
            clock.advance(Duration.ofMillis(300));
            state.statementDone(v6, 1, 2);
            probe(server, "migrating V6");
            state.statementDone(v6, 2, 2);
            state.migrationApplied(v6, Duration.ofMillis(300));
            state.migrationStarted(v7, 2);
            state.statementDone(v7, 1, 2);
            state.batchProgress(v7, new BatchProgress(2, 4, 12, 60_000, 50_000, Duration.ofSeconds(5), false));
            clock.advance(Duration.ofSeconds(5));
            probe(server, "a backfill");
            state.batchProgress(v7, new BatchProgress(2, 4, 40, 200_000, 190_000, Duration.ofSeconds(19), true));
            state.migrationFailed(v7, "deadlock; password=" + PASSWORD);
            state.lockReleased();
            probe(server, "V7 failed");
            try {
                state.track(() -> {
                    throw new LockstepException(Reason.MIGRATION_FAILED, "Migration V7 failed: " + PASSWORD);
                });
            } catch (LockstepException expected) {
                // the command exits with it; the state keeps it
            }
            probe(server, "the run failed");
            state.schemaChecked(status(List.of(v7), List.of(), List.of(), List.of()));
            state.track(() -> "done");
            probe(server, "ready");
        }
        assertGolden("replica-migrates.txt");
    }

    @Test
    void aSidecarAnswersFromTheHistoryAsTheGoldenTranscript() throws Exception {
        HealthState state = new HealthState(clock, PASSWORD);
        try (HealthServer server = HealthServer.start("127.0.0.1", 0, state)) {
            state.replica("sidecar-1:9");
            HistoryEntry row = new HistoryEntry(7, "7", "orders", MigrationType.SQL, "V7__orders.sql", "sha256:x",
                    MigrationStatus.RUNNING, 2, 1, "app", "api-2:41", clock.instant(), null, null, null);
            state.schemaChecked(status(List.of(v7), List.of(row), List.of(new RunningBackfill("V7__orders.sql", 2, 12, 60_000)),
                    List.of()));
            probe(server, "another replica migrates");
            state.schemaChecked(status(List.of(), List.of(), List.of(), List.of("V6__users.sql: checksum differs")));
            probe(server, "the history does not match");
            state.failed(new LockstepException(Reason.DATABASE_UNREACHABLE, "Cannot reach the database; password=" + PASSWORD));
            probe(server, "unreachable at a poll");
        }
        assertGolden("sidecar.txt");
    }

    @Test
    void aFleetRunAnswersAsTheGoldenTranscript() throws Exception {
        HealthState state = new HealthState(clock, PASSWORD);
        try (HealthServer server = HealthServer.start("127.0.0.1", 0, state)) {
            state.fleetStarted(3);
            probe(server, "started");
            state.tenantFinished(new TenantOutcome("t1", TenantOutcome.Status.MIGRATED, null, "2", 2, null, null,
                    Duration.ofMillis(40)), 1, 3);
            state.tenantFinished(TenantOutcome.failed("t2", Reason.MIGRATION_FAILED, "V2 failed; password=" + PASSWORD,
                    Duration.ofMillis(10)), 2, 3);
            probe(server, "one failed");
            state.tenantFinished(new TenantOutcome("t3", TenantOutcome.Status.UP_TO_DATE, "2", "2", 0, null, null,
                    Duration.ofMillis(5)), 3, 3);
            state.fleetEnded("1 of 3 tenants failed, 0 not started");
            probe(server, "ended");
        }
        assertGolden("fleet.txt");
    }

    private void probe(HealthServer server, String step) throws IOException, InterruptedException {
        transcript.append("=== ").append(step).append('\n');
        for (String path : List.of("/health/live", "/health/ready", "/health/migrations", "/metrics")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            transcript.append("--- GET ").append(path).append(' ').append(response.statusCode()).append(' ')
                    .append(response.headers().firstValue("Content-Type").orElse("")).append('\n')
                    .append(response.body());
        }
    }

    private void assertGolden(String name) throws IOException {
        String actual = transcript.toString();
        assertThat(actual).doesNotContain(PASSWORD);
        Golden.assertMatches("health/" + name, actual);
    }

    private static SchemaStatus status(List<MigrationRef> pending, List<HistoryEntry> running, List<RunningBackfill> backfills,
                                       List<String> problems) {
        return new SchemaStatus("PostgreSQL 16 at jdbc:postgresql://db/app", "public", "6", pending, running, problems,
                backfills);
    }
}
