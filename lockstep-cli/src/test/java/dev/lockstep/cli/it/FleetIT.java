package dev.lockstep.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.cli.health.PrometheusText;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fleet of tenants migrated in one run, each under its own lock: two fan-out processes at once share the work and
 * every tenant gets every migration once; a rerun does only what is pending; one tenant's failure is its own; names
 * with quotes are quoted; an empty selection is a usage error. Real processes, real databases.
 */
class FleetIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEALTH_PORT = Pattern.compile("Health server listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void twoFanOutProcessesAtOnceGiveEveryTenantEveryMigrationOnceAndARerunDoesOnlyWhatIsPending(TestDatabase.Kind kind)
            throws Exception {
        int count = kind == TestDatabase.Kind.POSTGRESQL ? 50 : 20;
        try (FleetTenants fleet = new FleetTenants(kind, folder, count)) {
            Path migrations = writeMigrations(10);
            Path tenantsFile = Files.write(folder.resolve("tenants.txt"),
                    fleet.names().stream().map(fleet::selector).toList());
            String[] selection = kind == TestDatabase.Kind.SQLITE ? new String[] {"--tenants-file", tenantsFile.toString()}
                    : new String[] {"--schemas-like", fleet.prefix() + "%"};

            List<CliProcess> fanOut = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                fanOut.add(CliProcess.start(folder, "fan-out-" + i, args(fleet, migrations, "fan-out-" + i, selection,
                        "--parallel", "2")));
            }
            Map<String, Integer> applied = new HashMap<>();
            for (CliProcess process : fanOut) {
                assertThat(process.exitCode(180)).as("exit code; stderr:%n%s", process.stderr()).isZero();
                for (JsonNode tenant : JSON.readTree(process.stdout()).get("tenants")) {
                    assertThat(tenant.get("status").asText()).isIn("MIGRATED", "UP_TO_DATE");
                    applied.merge(tenant.get("tenant").asText(), tenant.get("applied").asInt(), Integer::sum);
                }
            }
            assertThat(applied).hasSize(count).allSatisfy((tenant, n) -> assertThat(n).as(tenant).isEqualTo(10));
            for (String tenant : fleet.names()) {
                assertThat(fleet.query(tenant, "SELECT COUNT(*) FROM " + fleet.history(tenant) + " WHERE status = 'applied'"))
                        .as(tenant).containsExactly("10");
                assertThat(fleet.query(tenant, "SELECT COUNT(*) FROM " + fleet.table(tenant, "applied_once")))
                        .as("%s: the non-idempotent insert ran once", tenant).containsExactly("1");
            }

            Files.writeString(migrations.resolve("V11__more.sql"), "CREATE TABLE more_rows (id INT);\n");
            CliProcess rerun = CliProcess.start(folder, "rerun", args(fleet, migrations, "rerun", selection, "--parallel", "4"));
            assertThat(rerun.exitCode(180)).as("stderr:%n%s", rerun.stderr()).isZero();
            JsonNode result = JSON.readTree(rerun.stdout());
            for (JsonNode tenant : result.get("tenants")) {
                assertThat(tenant.get("applied").asInt()).as(tenant.get("tenant").asText()).isEqualTo(1);
                assertThat(tenant.get("currentVersion").asText()).isEqualTo("11");
            }
            assertThat(result.get("summary").get("migrated").asInt()).isEqualTo(count);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.Kind.class, names = {"MARIADB", "SQLITE"})
    void twoHundredTenantsAreEachMigratedOnceFourAtATimeAndARerunFindsThemUpToDate(TestDatabase.Kind kind) throws Exception {
        try (FleetTenants fleet = new FleetTenants(kind, folder, 200)) {
            Path migrations = Files.createDirectories(folder.resolve("db/migration"));
            Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT);\n");
            Files.writeString(migrations.resolve("V2__note.sql"), "INSERT INTO notes VALUES (1);\n");
            Path tenantsFile = Files.write(folder.resolve("tenants.txt"), fleet.names().stream().map(fleet::selector).toList());
            String[] selection = kind == TestDatabase.Kind.SQLITE ? new String[] {"--tenants-file", tenantsFile.toString()}
                    : new String[] {"--schemas-like", fleet.prefix() + "%"};

            CliProcess run = CliProcess.start(folder, "run", args(fleet, migrations, "run", selection, "--parallel", "4"));

            assertThat(run.exitCode(300)).as("stderr:%n%s", run.stderr()).isZero();
            JsonNode result = JSON.readTree(run.stdout());
            assertThat(result.get("summary").get("migrated").asInt()).isEqualTo(200);
            assertThat(byTenant(result)).hasSize(200);
            for (String tenant : fleet.names()) {
                assertThat(fleet.query(tenant, "SELECT COUNT(*) FROM " + fleet.table(tenant, "notes"))).as(tenant)
                        .containsExactly("1");
            }
            CliProcess rerun = CliProcess.start(folder, "rerun", args(fleet, migrations, "rerun", selection, "--parallel", "4"));
            assertThat(rerun.exitCode(300)).as("stderr:%n%s", rerun.stderr()).isZero();
            assertThat(JSON.readTree(rerun.stdout()).get("summary").get("upToDate").asInt()).isEqualTo(200);
        }
    }

    @Test
    void aFailingTenantIsReportedWithItsErrorAndTheOthersGoOnWithExit10() throws Exception {
        try (FleetTenants fleet = new FleetTenants(TestDatabase.Kind.POSTGRESQL, folder, 5)) {
            Path migrations = writeMigrations(3);
            String tenants = String.join(",", fleet.names()) + ",fleet_missing_schema";
            String broken = fleet.names().get(2);
            migrateToVersion2ThenBreakVersion3(fleet, migrations, broken);

            CliProcess run = CliProcess.start(folder, "run", args(fleet, migrations, "run",
                    new String[] {"--schemas", tenants}));

            assertThat(run.exitCode(120)).as("stderr:%n%s", run.stderr()).isEqualTo(10);
            Map<String, JsonNode> byTenant = byTenant(JSON.readTree(run.stdout()));
            assertThat(byTenant.get(broken).get("status").asText()).isEqualTo("FAILED");
            assertThat(byTenant.get(broken).get("exitCode").asInt()).isEqualTo(6);
            assertThat(byTenant.get(broken).get("error").asText()).contains("V3__step_3.sql", "already exists");
            assertThat(byTenant.get("fleet_missing_schema").get("status").asText()).isEqualTo("FAILED");
            assertThat(byTenant.get("fleet_missing_schema").get("error").asText()).contains("does not exist");
            for (String tenant : fleet.names()) {
                if (!tenant.equals(broken)) {
                    assertThat(byTenant.get(tenant).get("status").asText()).as(tenant).isEqualTo("MIGRATED");
                }
            }

            CliProcess text = CliProcess.start(folder, "text", "migrate", "--url", fleet.url(), "--locations",
                    migrations.toString(), "--schemas", tenants, "--connect-timeout", "10s");
            assertThat(text.exitCode(120)).isEqualTo(10);
            assertThat(text.stdout()).contains("Failed: " + broken + " (exit 6)", "Failed: fleet_missing_schema (exit 2)",
                    "Fleet of 6 tenants", "4 up to date, 2 failed, 0 not started", "By version: version 3: 4.");
        }
    }

    @Test
    void failFastStartsNoTenantAfterTheFirstFailureAndNamesTheOnesNotStarted() throws Exception {
        try (FleetTenants fleet = new FleetTenants(TestDatabase.Kind.POSTGRESQL, folder, 4)) {
            Path migrations = writeMigrations(3);
            migrateToVersion2ThenBreakVersion3(fleet, migrations, fleet.names().get(1));

            CliProcess run = CliProcess.start(folder, "run", args(fleet, migrations, "run",
                    new String[] {"--schemas", String.join(",", fleet.names())}, "--fail-fast"));

            assertThat(run.exitCode(120)).as("stderr:%n%s", run.stderr()).isEqualTo(10);
            Map<String, JsonNode> byTenant = byTenant(JSON.readTree(run.stdout()));
            assertThat(byTenant.get(fleet.names().get(0)).get("status").asText()).isEqualTo("MIGRATED");
            assertThat(byTenant.get(fleet.names().get(1)).get("status").asText()).isEqualTo("FAILED");
            assertThat(byTenant.get(fleet.names().get(2)).get("status").asText()).isEqualTo("NOT_STARTED");
            assertThat(byTenant.get(fleet.names().get(3)).get("status").asText()).isEqualTo("NOT_STARTED");
            assertThat(fleet.query(fleet.names().get(3), "SELECT COUNT(*) FROM pg_tables WHERE schemaname = '"
                    + fleet.names().get(3) + "' AND tablename = 'step_3'")).as("nothing done in a tenant not started")
                    .containsExactly("0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void schemaNamesWithQuotesAndSemicolonsAreQuotedNeverSpliced(TestDatabase.Kind kind) throws Exception {
        try (FleetTenants fleet = new FleetTenants(kind, folder, 1)) {
            String victim = fleet.names().get(0);
            String evil = fleet.add(fleet.prefix() + "x\"`'; DROP SCHEMA " + victim + "; --");
            Path migrations = writeMigrations(2);

            CliProcess run = CliProcess.start(folder, "run", args(fleet, migrations, "run",
                    new String[] {"--schemas-like", fleet.prefix() + "%"}));

            assertThat(run.exitCode(120)).as("stderr:%n%s", run.stderr()).isZero();
            assertThat(byTenant(JSON.readTree(run.stdout())).keySet()).containsExactlyInAnyOrder(victim, evil);
            assertThat(fleet.query(evil, "SELECT COUNT(*) FROM " + fleet.history(evil) + " WHERE status = 'applied'"))
                    .containsExactly("2");
            assertThat(fleet.query(victim, "SELECT COUNT(*) FROM " + fleet.history(victim) + " WHERE status = 'applied'"))
                    .as("the other tenant is still there, migrated").containsExactly("2");
        }
    }

    @Test
    void anEmptySelectionIsExit2SayingWhatMatchedNothing() throws Exception {
        try (FleetTenants fleet = new FleetTenants(TestDatabase.Kind.POSTGRESQL, folder, 1)) {
            Path migrations = writeMigrations(1);
            CliProcess like = CliProcess.start(folder, "like", "migrate", "--url", fleet.url(), "--locations",
                    migrations.toString(), "--schemas-like", "fleet_nothing_%");
            assertThat(like.exitCode(60)).isEqualTo(2);
            assertThat(like.stderr()).contains("schemas like 'fleet_nothing_%' matched no schema", "nothing was migrated");

            Path empty = Files.writeString(folder.resolve("fleet_empty.txt"), "# no tenants yet\n\n");
            CliProcess file = CliProcess.start(folder, "file", "migrate", "--url", fleet.url(), "--locations",
                    migrations.toString(), "--tenants-file", empty.toString());
            assertThat(file.exitCode(60)).isEqualTo(2);
            assertThat(file.stderr()).contains("the tenants file " + empty + " named none");
        }
    }

    @Test
    void anUnreachableTenantDatabaseFailsAloneAndInfoCountsTheFleetByVersion() throws Exception {
        try (FleetTenants fleet = new FleetTenants(TestDatabase.Kind.SQLITE, folder, 3)) {
            Path migrations = writeMigrations(3);
            List<String> lines = new ArrayList<>(fleet.names().stream().map(n -> "jdbc:sqlite:" + fleet.selector(n)).toList());
            lines.add("jdbc:postgresql://127.0.0.1:1/fleet_unreachable?user=postgres");
            Path tenants = Files.write(folder.resolve("fleet_urls.txt"), lines);

            CliProcess run = CliProcess.start(folder, "run", "migrate", "--tenants-file", tenants.toString(), "--locations",
                    migrations.toString(), "--connect-timeout", "1s", "--target", "2", "--format", "json");

            assertThat(run.exitCode(60)).as("stderr:%n%s", run.stderr()).isEqualTo(10);
            JsonNode unreachable = byTenant(JSON.readTree(run.stdout())).get("jdbc:postgresql://127.0.0.1:1/fleet_unreachable");
            assertThat(unreachable.get("exitCode").asInt()).isEqualTo(3);
            assertThat(JSON.readTree(run.stdout()).get("summary").get("migrated").asInt()).isEqualTo(3);

            CliProcess one = CliProcess.start(folder, "one", "migrate", "--url", "jdbc:sqlite:" + fleet.selector(fleet.names().get(0)),
                    "--locations", migrations.toString());
            assertThat(one.exitCode(60)).isZero();
            CliProcess info = CliProcess.start(folder, "info", "info", "--tenants-file", tenants.toString(), "--locations",
                    migrations.toString(), "--connect-timeout", "1s");
            assertThat(info.exitCode(60)).as("stderr:%n%s", info.stderr()).isEqualTo(10);
            assertThat(info.stdout()).contains("Fleet of 4 tenants. By version: version 2: 2, version 3: 1.",
                    "Lagging (3):", fleet.selector(fleet.names().get(1)) + ": 1 pending", "fleet_unreachable: unreadable (exit 3)");
        }
    }

    @Test
    void sigtermFinishesTheTenantInFlightAndNamesTheOnesNotStarted() throws Exception {
        try (FleetTenants fleet = new FleetTenants(TestDatabase.Kind.POSTGRESQL, folder, 6)) {
            Path migrations = writeMigrations(1);
            Files.writeString(migrations.resolve("V2__slow.sql"), "SELECT pg_sleep(1.5);\n");

            CliProcess run = CliProcess.start(folder, "run", "migrate", "--url", fleet.url(), "--locations",
                    migrations.toString(), "--schemas-like", fleet.prefix() + "%", "--stop-grace", "20s");
            run.awaitStderr(Pattern.compile("Applying V2__slow.sql"), 60);
            run.process().destroy();

            assertThat(run.exitCode(60)).as("stderr:%n%s", run.stderr()).isEqualTo(143);
            assertThat(run.stdout()).contains("1 migrated", "5 not started", "Not started (stopped by SIGTERM): "
                    + String.join(", ", fleet.names().subList(1, 6)));
            assertThat(fleet.query(fleet.names().get(0), "SELECT COUNT(*) FROM " + fleet.history(fleet.names().get(0))
                    + " WHERE status = 'applied'")).as("the tenant in flight finished").containsExactly("2");
        }
    }

    @Test
    void underAHealthPortMetricsAndReadinessCarryTheFleetsCountsWhileItRuns() throws Exception {
        try (FleetTenants fleet = new FleetTenants(TestDatabase.Kind.POSTGRESQL, folder, 3)) {
            Path migrations = writeMigrations(1);
            Files.writeString(migrations.resolve("V2__slow.sql"), "SELECT pg_sleep(1.5);\n");

            CliProcess run = CliProcess.start(folder, "run", "migrate", "--url", fleet.url(), "--locations",
                    migrations.toString(), "--schemas-like", fleet.prefix() + "%", "--health-port", "0",
                    "--health-address", "127.0.0.1");
            int port = Integer.parseInt(run.awaitStderr(HEALTH_PORT, 60));
            PrometheusText.Exposition metrics = null;
            for (int i = 0; i < 600 && (metrics == null || !metrics.types().containsKey("lockstep_fleet_tenants_done")
                    || metrics.value("lockstep_fleet_tenants_done") < 1); i++) {
                metrics = PrometheusText.parse(get(port, "/metrics").body());
                Thread.sleep(50);
            }
            HttpResponse<String> ready = get(port, "/health/ready");

            double done = metrics.value("lockstep_fleet_tenants_done");
            assertThat(done).as("seen while the second tenant sleeps in its V2").isBetween(1.0, 2.0);
            assertThat(metrics.value("lockstep_fleet_tenants_selected")).isEqualTo(3);
            assertThat(metrics.value("lockstep_fleet_tenants_failed")).isZero();
            assertThat(metrics.value("lockstep_fleet_tenants_remaining")).isEqualTo(3 - done);
            assertThat(metrics.value("lockstep_migrations_applied_total")).isEqualTo(2 * done);
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("migrating a fleet: ", "failed, ", "remaining");
            assertThat(run.exitCode(60)).as("stderr:%n%s", run.stderr()).isZero();
            assertThat(run.stderr()).containsPattern("Tenant " + fleet.names().get(0)
                    + " migrated to version 2 \\(2 applied\\): 1 done, 0 failed, 2 remaining");
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every tenant at version 2, and a table in {@code broken} that its V3 will fail to create. */
    private void migrateToVersion2ThenBreakVersion3(FleetTenants fleet, Path migrations, String broken) throws Exception {
        CliProcess first = CliProcess.start(folder, "first", args(fleet, migrations, "first",
                new String[] {"--schemas", String.join(",", fleet.names())}, "--target", "2"));
        assertThat(first.exitCode(120)).as("stderr:%n%s", first.stderr()).isZero();
        fleet.execute("CREATE TABLE " + fleet.table(broken, "step_3") + " (id INT)");
    }

    private String[] args(FleetTenants fleet, Path migrations, String replica, String[] selection, String... more) {
        List<String> args = new ArrayList<>(List.of("migrate", "--url", fleet.url(), "--locations", migrations.toString(),
                "--replica-id", replica, "--connect-timeout", "10s", "--lock-timeout", "2m", "--format", "json"));
        args.addAll(List.of(selection));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** A fleet's JSON result, each tenant's entry by its name. */
    static Map<String, JsonNode> byTenant(JsonNode result) {
        Map<String, JsonNode> byTenant = new HashMap<>();
        result.get("tenants").forEach(t -> byTenant.put(t.get("tenant").asText(), t));
        return byTenant;
    }

    /** {@code count} migrations; V1 creates customers (which a broken tenant already has), V2 a row that must appear once. */
    private Path writeMigrations(int count) throws IOException {
        Path dir = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(dir.resolve("V1__customers.sql"), "CREATE TABLE customers (id INT, name VARCHAR(100));\n");
        if (count >= 2) {
            Files.writeString(dir.resolve("V2__applied_once.sql"),
                    "CREATE TABLE applied_once (marker VARCHAR(20));\nINSERT INTO applied_once VALUES ('ran');\n");
        }
        for (int v = 3; v <= count; v++) {
            Files.writeString(dir.resolve("V" + v + "__step_" + v + ".sql"), "CREATE TABLE step_" + v + " (id INT);\n");
        }
        return dir;
    }
}
