package dev.lockstep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** undo, baseline, history and migrate's history options from the command line, on a SQLite file. */
class HistoryCommandsTest {
    @TempDir
    Path dir;
    Path migrations;
    String url;
    final Map<String, String> environment = new HashMap<>();
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void setUp() throws IOException {
        migrations = Files.createDirectories(dir.resolve("db/migration"));
        write("V1__create_customers.sql", "CREATE TABLE customers (id INTEGER PRIMARY KEY);");
        write("U1__create_customers.sql", "DROP TABLE customers;");
        write("V2__add_name.sql", "ALTER TABLE customers ADD COLUMN name TEXT DEFAULT '${default_name}';");
        write("U2__add_name.sql", "ALTER TABLE customers DROP COLUMN name;");
        url = "jdbc:sqlite:" + dir.resolve("app.db");
        environment.put("LOCKSTEP_URL", url);
        environment.put("LOCKSTEP_LOCATIONS", migrations.toString());
        environment.put("LOCKSTEP_PLACEHOLDER_DEFAULT_NAME", "nobody");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return new Cli(environment, dir, new PrintWriter(out), new PrintWriter(err)).run(args);
    }

    @Test
    void dryRunPrintsTheStatementsWithTransactionsAndPlaceholdersResolved() {
        assertThat(run("migrate", "--dry-run", "--placeholder", "default_name=ada")).isZero();

        assertThat(out.toString()).contains("-- Dry run of migrate", "no lock was taken", "2 migrations would run",
                "db/migration/V1__create_customers.sql (version 1, 1 statement, in one transaction",
                "BEGIN;\nALTER TABLE customers ADD COLUMN name TEXT DEFAULT 'ada';\nCOMMIT;");
        assertThat(run("history")).isZero();
        assertThat(out.toString()).contains("No history yet");
    }

    @Test
    void targetStopsAtAVersionAndHistoryShowsTheAuditTrail() throws IOException {
        assertThat(run("migrate", "--target", "1")).isZero();
        assertThat(run("history", "--json")).isZero();

        JsonNode rows = new ObjectMapper().readTree(out.toString()).get("rows");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("status").asText()).isEqualTo("applied");
        assertThat(rows.get(0).get("replica").asText()).isNotBlank();
    }

    @Test
    void undoRevertsTheLastVersionAndSaysWhereTheSchemaIs() {
        run("migrate");

        assertThat(run("undo")).isZero();
        assertThat(out.toString()).contains("Undid version 2 with U2__add_name.sql", "is now at version 1");
        assertThat(run("history")).isZero();
        assertThat(out.toString()).contains("UNDO", "undone");
    }

    @Test
    void undoOptionsAreCheckedBeforeConnecting() {
        assertThat(run("undo", "--count", "0")).isEqualTo(2);
        assertThat(run("undo", "--to", "latest")).isEqualTo(2);
        assertThat(err.toString()).contains("--to 'latest' is not a version");
        assertThat(run("undo", "--count", "1", "--to", "1")).isEqualTo(2);
    }

    @Test
    void aMissingUndoFileExitsFiveNamingIt() throws IOException {
        run("migrate");
        Files.delete(migrations.resolve("U2__add_name.sql"));

        assertThat(run("undo", "--dry-run")).isEqualTo(5);
        assertThat(err.toString()).contains("Version 2", "U2__add_name.sql");
    }

    @Test
    void migrateRefusesANonEmptySchemaAndBaselineAdoptsIt() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        }

        assertThat(run("migrate")).isEqualTo(5);
        assertThat(err.toString()).contains("already holds 1 table (customers)");
        assertThat(run("baseline")).as("needs a version or a tool").isEqualTo(2);
        assertThat(run("baseline", "--baseline-version", "2")).isZero();
        assertThat(out.toString()).contains("Baselined", "at version 2");
        assertThat(run("migrate")).isZero();
        assertThat(out.toString()).contains("up to date at version 2");
    }

    @Test
    void adoptsAGolangMigrateVersion() throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)");
            c.createStatement().execute("CREATE TABLE schema_migrations (version uint64,dirty bool)");
            c.createStatement().execute("INSERT INTO schema_migrations VALUES (1, 0)");
        }

        assertThat(run("baseline", "--from", "golang-migrate", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("recorded").toString()).isEqualTo("[\"1\"]");
        assertThat(run("baseline", "--from", "liquibase")).isEqualTo(2);
    }

    @Test
    void aFailingBeforeMigrateCommandExitsSixAndAppliesNothing() {
        assertThat(run("migrate", "--before-migrate-command", "echo no space left >&2; exit 28")).isEqualTo(6);

        assertThat(err.toString()).contains("exited with code 28", "no space left", "nothing was applied");
        run("info");
        assertThat(out.toString()).contains("pending").doesNotContain("applied");
    }

    @Test
    void everyHistoryCommandDocumentsItsOptions() {
        for (String command : new String[] {"undo", "baseline", "history"}) {
            assertThat(run(command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).contains("Usage: lockstep " + command);
        }
        run("migrate", "--help");
        assertThat(out.toString()).contains("--dry-run", "--target", "--out-of-order", "--baseline-on-migrate",
                "--before-migrate-command", "--placeholder");
    }
}
