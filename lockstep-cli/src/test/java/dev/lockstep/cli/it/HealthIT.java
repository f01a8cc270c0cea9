package dev.lockstep.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.health.PrometheusText;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status server of three real processes, read with a real HTTP client while one of them migrates and
 * after: the migrating {@code migrate}, an {@code exec} that waits for its lock, and a {@code serve} sidecar.
 */
class HealthIT {
    private static final String SECRET = "NotForAnyResponse42";
    private static final Pattern PORT = Pattern.compile("Health server listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    final List<String> bodies = new ArrayList<>();

    @Test
    void probesFollowAMigrationThatHoldsTheLockThenTurnReady() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            Path migrations = Files.createDirectories(folder.resolve("db/migration"));
            Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE customers (id int);\n");
            Files.writeString(migrations.resolve("V2__slow.sql"), "CREATE TABLE orders (id int);\nSELECT pg_sleep(8);\n");
            String url = database.url() + "&password=" + SECRET; // the server trusts local users and ignores it
            String[] common = {"--url", url, "--locations", migrations.toString(), "--health-address", "127.0.0.1",
                    "--health-port", "0"};

            CliProcess migrator = CliProcess.startUnprivileged(folder, "migrator", Map.of(),
                    args("migrate", common, "--replica-id", "migrator"));
            int migratorPort = Integer.parseInt(migrator.awaitStderr(PORT, 60));
            migrator.awaitStderr(Pattern.compile("Applying V2__slow.sql"), 60);
            CliProcess app = CliProcess.startUnprivileged(folder, "app", Map.of(),
                    args("exec", common, "--replica-id", "app", "--", "sh", "-c", "echo app up; sleep 3"));
            CliProcess sidecar = CliProcess.startUnprivileged(folder, "sidecar", Map.of(),
                    args("serve", common, "--interval", "200ms"));
            int appPort = Integer.parseInt(app.awaitStderr(PORT, 60));
            int sidecarPort = Integer.parseInt(sidecar.awaitStderr(PORT, 60));

            assertThat(reason(awaitStatus(migratorPort, "/health/ready", 503, "migrating V2 statement 2/2")))
                    .isEqualTo("migrating V2 statement 2/2");
            JsonNode migrating = JSON.readTree(get(migratorPort, "/health/migrations").body());
            assertThat(migrating.get("running").get("script").asText()).isEqualTo("V2__slow.sql");
            assertThat(migrating.get("lock").get("heldByThisProcess").asBoolean()).isTrue();
            assertThat(migrating.get("currentVersion").asText()).isEqualTo("1");
            assertThat(PrometheusText.parse(get(migratorPort, "/metrics").body()).value("lockstep_lock_held")).isEqualTo(1);
            assertThat(reason(awaitStatus(appPort, "/health/ready", 503, "waiting for lock held by")))
                    .contains("replica migrator is applying V2__slow.sql");
            // V2 runs in one transaction: the holder is on statement 2 of 2, but nothing it did is committed,
            // so another replica names no statement rather than a wrong one.
            assertThat(reason(awaitStatus(sidecarPort, "/health/ready", 503, "on replica migrator")))
                    .isEqualTo("migrating V2 (2 statements, none committed yet) on replica migrator");
            assertThat(get(appPort, "/health/live").statusCode()).isEqualTo(200);

            assertThat(migrator.exitCode(60)).as(migrator.stderr()).isZero();
            awaitStatus(appPort, "/health/ready", 200, "");
            awaitStatus(sidecarPort, "/health/ready", 200, "");
            app.awaitStdout(Pattern.compile("app up"), 30);
            assertThat(get(appPort, "/health/live").statusCode()).as("the app runs").isEqualTo(200);
            JsonNode ready = JSON.readTree(get(sidecarPort, "/health/migrations").body());
            assertThat(ready.get("currentVersion").asText()).isEqualTo("2");
            assertThat(ready.get("pending")).isEmpty();
            PrometheusText.Exposition metrics = PrometheusText.parse(get(appPort, "/metrics").body());
            assertThat(metrics.types()).containsKeys("lockstep_migrations_applied_total", "lockstep_migrations_failed_total",
                    "lockstep_migration_duration_seconds", "lockstep_lock_wait_seconds", "lockstep_pending_migrations",
                    "lockstep_schema_version_info", "lockstep_lock_held");
            assertThat(metrics.value("lockstep_lock_wait_seconds")).as("the app waited for the migrator").isPositive();
            assertThat(metrics.value("lockstep_migrations_applied_total")).isZero();
            assertThat(metrics.value("lockstep_pending_migrations")).isZero();

            assertThat(app.exitCode(30)).as(app.stderr()).isZero();
            sidecar.process().destroy();
            assertThat(sidecar.exitCode(30)).as(sidecar.stderr()).isZero();
            assertThat(bodies).isNotEmpty().noneMatch(body -> body.contains(SECRET));
        }
    }

    private static String[] args(String command, String[] common, String... more) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(common));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String reason(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).get("reason").asText();
    }

    /** GETs until the status and a body containing {@code text} come, for at most 30 seconds. */
    private HttpResponse<String> awaitStatus(int port, String path, int status, String text) throws Exception {
        Predicate<HttpResponse<String>> wanted = r -> r.statusCode() == status && r.body().contains(text);
        HttpResponse<String> last = null;
        for (int i = 0; i < 300; i++) {
            last = get(port, path);
            if (wanted.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(path + " on port " + port + " never answered " + status + " with '" + text
                + "'; last: " + last.statusCode() + " " + last.body());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        bodies.add(response.body());
        return response;
    }
}
