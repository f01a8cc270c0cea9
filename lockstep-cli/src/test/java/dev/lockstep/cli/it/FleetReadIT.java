package dev.lockstep.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate}, {@code history} and {@code wait} over a fleet take the selection {@code migrate} takes: each tenant
 * is read on its own, one that is wrong or unreadable is named with its own exit code, and the run exits 10 unless
 * every tenant is as asked. Real processes, real databases.
 */
class FleetReadIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void validateNamesTheTenantWhoseHistoryDisagreesAndTheOneThatDoesNotExistAndExits10() throws Exception {
        try (FleetTenants fleet = new FleetTenants(TestDatabase.Kind.POSTGRESQL, folder, 3)) {
            Path migrations = writeMigrations(2);
            migrate(fleet, migrations, "--schemas-like", fleet.prefix() + "%");
            String edited = fleet.names().get(1);
            fleet.execute("UPDATE " + fleet.history(edited) + " SET checksum = 'edited' WHERE version = '2'");
            String selection = String.join(",", fleet.names()) + ",fleet_missing_schema";

            CliProcess json = lockstep("json", "validate", "--url", fleet.url(), "--locations", migrations.toString(),
                    "--schemas", selection, "--format", "json");

            assertThat(json.exitCode(60)).as("stderr:%n%s", json.stderr()).isEqualTo(10);
            Map<String, JsonNode> byTenant = FleetIT.byTenant(JSON.readTree(json.stdout()));
            assertThat(byTenant.get(edited).get("valid").asBoolean()).isFalse();
            assertThat(byTenant.get(edited).get("exitCode").asInt()).isEqualTo(5);
            assertThat(byTenant.get(edited).get("errors").get(0).get("message").asText()).contains("V2__two.sql");
            assertThat(byTenant.get("fleet_missing_schema").get("exitCode").asInt()).isEqualTo(2);
            assertThat(byTenant.get(fleet.names().get(0)).get("valid").asBoolean()).isTrue();
            assertThat(JSON.readTree(json.stdout()).get("summary").get("valid").asInt()).isEqualTo(2);

            CliProcess text = lockstep("text", "validate", "--url", fleet.url(), "--locations", migrations.toString(),
                    "--schemas", selection);
            assertThat(text.exitCode(60)).isEqualTo(10);
            assertThat(text.stdout()).contains("Invalid: " + edited + " (exit 5):", "Unreadable: fleet_missing_schema (exit 2)",
                    "Validated 4 tenants: 2 valid, 1 invalid, 1 unreadable.");

            CliProcess valid = lockstep("valid", "validate", "--url", fleet.url(), "--locations", migrations.toString(),
                    "--schemas", fleet.names().get(0) + "," + fleet.names().get(2));
            assertThat(valid.exitCode(60)).as("stderr:%n%s", valid.stderr()).isZero();
            assertThat(valid.stdout()).contains("Validated 2 tenants: 2 valid, 0 invalid, 0 unreadable.");
        }
    }

    @Test
    void historyGivesEachTenantsOwnRows() throws Exception {
        try (FleetTenants fleet = new FleetTenants(TestDatabase.Kind.SQLITE, folder, 2)) {
            Path migrations = writeMigrations(2);
            Path tenants = Files.write(folder.resolve("tenants.txt"), fleet.names().stream().map(fleet::selector).toList());
            migrate(fleet, migrations, "--tenants-file", tenants.toString(), "--target", "1");
            CliProcess second = lockstep("second", "migrate", "--url", "jdbc:sqlite:" + fleet.selector(fleet.names().get(1)),
                    "--locations", migrations.toString());
            assertThat(second.exitCode(60)).as("stderr:%n%s", second.stderr()).isZero();

            CliProcess json = lockstep("json", "history", "--tenants-file", tenants.toString(), "--format", "json");

            assertThat(json.exitCode(60)).as("stderr:%n%s", json.stderr()).isZero();
            Map<String, JsonNode> byTenant = FleetIT.byTenant(JSON.readTree(json.stdout()));
            assertThat(byTenant.get(fleet.selector(fleet.names().get(0))).get("rows")).hasSize(1);
            assertThat(byTenant.get(fleet.selector(fleet.names().get(1))).get("rows")).hasSize(2);

            CliProcess text = lockstep("text", "history", "--tenants-file", tenants.toString());
            assertThat(text.exitCode(60)).isZero();
            assertThat(text.stdout()).contains("== " + fleet.selector(fleet.names().get(0)) + " ==",
                    "== " + fleet.selector(fleet.names().get(1)) + " ==", "History of 2 tenants.");
        }
    }

    @Test
    void waitOverAFleetNamesTheTenantStillBehindAtTheTimeoutAndExits0OnceEveryTenantIsReady() throws Exception {
        try (FleetTenants fleet = new FleetTenants(TestDatabase.Kind.POSTGRESQL, folder, 3)) {
            Path migrations = writeMigrations(2);
            String behind = fleet.names().get(2);
            migrate(fleet, migrations, "--schemas", fleet.names().get(0) + "," + fleet.names().get(1));
            migrate(fleet, migrations, "--schemas", behind, "--target", "1");

            CliProcess timedOut = lockstep("timed-out", "wait", "--url", fleet.url(), "--locations", migrations.toString(),
                    "--schemas-like", fleet.prefix() + "%", "--timeout", "1s", "--parallel", "3", "--format", "json");

            assertThat(timedOut.exitCode(60)).as("stderr:%n%s", timedOut.stderr()).isEqualTo(10);
            JsonNode result = JSON.readTree(timedOut.stdout());
            assertThat(result.get("ready").asBoolean()).isFalse();
            List<String> lagging = new ArrayList<>();
            result.get("lagging").forEach(t -> lagging.add(t.asText()));
            assertThat(lagging).containsExactly(behind);
            assertThat(FleetIT.byTenant(result).get(behind).get("reason").asText()).isEqualTo("LOCK_TIMEOUT");

            CliProcess text = lockstep("text", "wait", "--url", fleet.url(), "--locations", migrations.toString(),
                    "--schemas-like", fleet.prefix() + "%", "--timeout", "0s");
            assertThat(text.exitCode(60)).isEqualTo(10);
            assertThat(text.stdout()).contains("Lagging (1):", behind + ": still behind at the timeout (exit 4): ",
                    "1 pending");

            migrate(fleet, migrations, "--schemas", behind);
            CliProcess ready = lockstep("ready", "wait", "--url", fleet.url(), "--locations", migrations.toString(),
                    "--schemas-like", fleet.prefix() + "%", "--timeout", "10s");
            assertThat(ready.exitCode(60)).as("stderr:%n%s", ready.stderr()).isZero();
            assertThat(ready.stdout()).contains("Fleet of 3 tenants. By version: version 2: 3.", "None lags");
        }
    }

    private void migrate(FleetTenants fleet, Path migrations, String... selection) throws Exception {
        List<String> args = new ArrayList<>(List.of("migrate", "--url", fleet.url(), "--locations", migrations.toString()));
        args.addAll(List.of(selection));
        CliProcess run = lockstep("migrate", args.toArray(String[]::new));
        assertThat(run.exitCode(60)).as("stderr:%n%s", run.stderr()).isZero();
    }

    private int runs;

    private CliProcess lockstep(String name, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--connect-timeout", "10s"));
        return CliProcess.start(folder, name + "-" + ++runs, all.toArray(String[]::new));
    }

    private Path writeMigrations(int count) throws IOException {
        Path dir = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(dir.resolve("V1__one.sql"), "CREATE TABLE one (id INT);\n");
        if (count >= 2) {
            Files.writeString(dir.resolve("V2__two.sql"), "CREATE TABLE two (id INT);\n");
        }
        return dir;
    }
}
