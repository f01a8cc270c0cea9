package dev.lockstep.cli.it;

import dev.lockstep.cli.health.PrometheusText;
import dev.lockstep.testing.Backfills;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backfill ({@code -- lockstep:batch}) in a real {@code lockstep migrate} process on each database: SIGKILL half-way
 * leaves exactly the committed batches done and counted, and the next migrate resumes with the next batch until every
 * row is backfilled once; SIGTERM stops between two batches with exit 143.
 */
@Timeout(300)
class BackfillIT {
    private static final int ROWS = 200_000;
    private static final Pattern PORT = Pattern.compile("Health server listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path folder;

    private Path migrations(TestDatabase database) throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__users.sql"), Backfills.table(database.kind(), ROWS));
        // The pause keeps the backfill going long enough to be caught half-way.
        Files.writeString(migrations.resolve("V2__email_lower.sql"),
                Backfills.backfill(database.kind(), "-- lockstep:batch pause=200ms"));
        return migrations;
    }

    private CliProcess migrate(TestDatabase database, Path migrations, String name, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("migrate", "--url", database.url(), "--locations",
                migrations.toString(), "--connect-timeout", "5s", "--lock-timeout", "30s", "--stop-grace", "20s"));
        args.addAll(List.of(more));
        return CliProcess.start(folder, name, args.toArray(String[]::new));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void sigkillHalfWayThenTheNextMigrateResumesAndBackfillsEveryRowOnce(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "backfill_")) {
            Path migrations = migrations(database);
            CliProcess killed = migrate(database, migrations, "killed");
            awaitBatches(database, 5);
            killed.process().destroyForcibly();
            killed.process().waitFor();

            String counted = database.query("SELECT rows_done FROM lockstep_history_batch").get(0);
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1")).as("rows of committed batches")
                    .containsExactly(counted);
            assertThat(database.query("SELECT count(*) FROM users WHERE touched > 1")).containsExactly("0");
            assertThat(Integer.parseInt(counted)).isBetween(5 * Backfills.BATCH, ROWS - Backfills.BATCH);

            CliProcess successor = migrate(database, migrations, "successor");

            assertThat(successor.exitCode(240)).as(successor.stderr()).isZero();
            assertThat(successor.stderr()).contains("was left running by replica", "is a backfill",
                    "Resuming the backfill at statement 2 (line 4)", "batches and " + counted + " rows were done",
                    "V2__email_lower.sql: backfill at statement 2 (line 4) running: ",
                    "V2__email_lower.sql: backfill at statement 2 (line 4) done: 40 batches, 200000 rows, ");
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1 AND email_lower = lower(email)"))
                    .containsExactly(Integer.toString(ROWS));
            assertThat(database.query("SELECT " + Backfills.concat(kind, "status", "statements_done")
                    + " FROM lockstep_history WHERE version = '2' ORDER BY installed_rank"))
                    .containsExactly("failed:1", "applied:2");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void sigtermStopsBetweenTwoBatchesAndExits143(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "backfill_")) {
            Path migrations = migrations(database);
            CliProcess stopped = migrate(database, migrations, "stopped", "--health-address", "127.0.0.1",
                    "--health-port", "0");
            int port = Integer.parseInt(stopped.awaitStderr(PORT, 60));
            awaitBatches(database, 3);
            assertThat(get(port, "/health/ready")).matches("(?s).*migrating V2 statement 2/2, a backfill: \\d+ batches,"
                    + " \\d+ rows, \\d+ rows/s.*");
            assertThat(PrometheusText.parse(get(port, "/metrics")).value("lockstep_backfill_rows")).isPositive();
            CliProcess sidecar = CliProcess.start(folder, "sidecar", "serve", "--url", database.url(), "--locations",
                    migrations.toString(), "--interval", "200ms", "--health-address", "127.0.0.1", "--health-port", "0");
            try {
                int sidecarPort = Integer.parseInt(sidecar.awaitStderr(PORT, 60));
                assertThat(awaitBody(sidecarPort, "a backfill: ")).as("the holder's progress, seen by a sidecar")
                        .matches("(?s).*migrating V2 statement 2/2 on replica \\S+, a backfill: \\d+ batches, \\d+ rows.*");
            } finally {
                sidecar.process().destroy();
                sidecar.exitCode(30);
            }
            stopped.process().destroy(); // SIGTERM

            assertThat(stopped.exitCode(30)).as(stopped.stderr()).isEqualTo(143);
            assertThat(stopped.stderr()).contains("stopped between two batches of the backfill at statement 2 of 2",
                    "resumes the backfill with its next batch");
            String counted = database.query("SELECT rows_done FROM lockstep_history_batch").get(0);
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1")).containsExactly(counted);
            assertThat(database.query("SELECT error FROM lockstep_history WHERE version = '2'")).singleElement()
                    .asString().startsWith("resumable: stopped between two batches");

            assertThat(migrate(database, migrations, "next").exitCode(240)).isZero();
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1")).containsExactly(Integer.toString(ROWS));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.Kind.class)
    void keyRangesResumePastTheJournaledKeyAfterSigkillWhileAWaitingReplicaShowsTheHoldersProgress(TestDatabase.Kind kind)
            throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder, "keyrange_")) {
            Path migrations = Files.createDirectories(folder.resolve("db/migration"));
            Files.writeString(migrations.resolve("V1__users.sql"), Backfills.table(kind, ROWS));
            Files.writeString(migrations.resolve("V2__email_lower.sql"), Backfills.keyed("pause=300ms"));
            CliProcess killed = migrate(database, migrations, "killed", "--health-address", "127.0.0.1",
                    "--health-port", "0");
            int port = Integer.parseInt(killed.awaitStderr(PORT, 60));
            awaitBatches(database, 3);
            assertThat(get(port, "/health/ready")).matches("(?s).*migrating V2 statement 2/2, a backfill: \\d+ batches,"
                    + " \\d+ rows, \\d+ rows/s, about \\d+ rows left.*");
            assertThat(PrometheusText.parse(get(port, "/metrics")).value("lockstep_backfill_rows_left"))
                    .isPositive().isLessThan(ROWS);
            assertThat(killed.stderr()).containsPattern("V2__email_lower.sql: backfill at statement 2 \\(line 4\\)"
                    + " running: \\d+ batches, \\d+ rows, \\d+ rows/s over \\S+, about \\d+ rows left");

            CliProcess waiter = migrate(database, migrations, "waiter", "--health-address", "127.0.0.1",
                    "--health-port", "0");
            int waiterPort = Integer.parseInt(waiter.awaitStderr(PORT, 60));
            waiter.awaitStderr(Pattern.compile("Waiting for the migration lock .*is applying V2__email_lower.sql"
                    + " .*, a backfill: \\d+ batches, \\d+ rows \\(keys up to \\d+\\)"), 60);
            assertThat(awaitBody(waiterPort, "a backfill: ")).as("the holder's progress, seen by the waiting replica")
                    .matches("(?s).*\"reason\":\"waiting for lock held by .*V2__email_lower.sql.*, a backfill: \\d+ batches, \\d+ rows.*");
            killed.process().destroyForcibly();
            killed.process().waitFor();

            assertThat(waiter.exitCode(240)).as(waiter.stderr()).isZero();
            assertThat(database.query("SELECT count(*) FROM users WHERE touched = 1 AND email_lower = lower(email)"))
                    .as("every row once, though the statement has no condition").containsExactly(Integer.toString(ROWS));
            assertThat(waiter.stderr()).containsPattern("Resuming the backfill at statement 2 \\(line 4\\) of"
                    + " V2__email_lower.sql: \\d+ batches and \\d+ rows were done in an earlier attempt, up to id \\d+")
                    .contains("V2__email_lower.sql: backfill at statement 2 (line 4) done: 40 batches, 200000 rows, ");
        }
    }

    private static String get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** {@code /health/ready}'s body once it contains {@code text}; fails after 30 seconds. */
    private static String awaitBody(int port, String text) throws Exception {
        String body = "";
        for (int i = 0; i < 150; i++) {
            body = get(port, "/health/ready");
            if (body.contains(text)) {
                return body;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("never saw '" + text + "' in /health/ready: " + body);
    }

    /** Waits, up to 60 seconds, until the backfill has committed {@code batches} batches. */
    static void awaitBatches(TestDatabase database, int batches) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            try {
                var done = database.query("SELECT batches FROM lockstep_history_batch");
                if (!done.isEmpty() && Integer.parseInt(done.get(0)) >= batches) {
                    return;
                }
            } catch (SQLException notThereYet) {
                // V1 is still filling the table; the batch table comes with the backfill
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the backfill never committed " + batches + " batches");
    }
}
