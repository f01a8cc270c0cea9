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
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line end to end on a SQLite file, with output captured: what a script relies on. */
class CliTest {
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
        Files.writeString(migrations.resolve("V1__create_customers.sql"), "CREATE TABLE customers (id INTEGER PRIMARY KEY);");
        Files.writeString(migrations.resolve("V2__add_name.sql"), "ALTER TABLE customers ADD COLUMN name TEXT;");
        url = "jdbc:sqlite:" + dir.resolve("app.db");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return new Cli(environment, dir, new PrintWriter(out), new PrintWriter(err)).run(args);
    }

    @Test
    void migrateAppliesPendingMigrationsAndSaysWhereTheSchemaIs() {
        int code = run("migrate", "--url", url, "--locations", migrations.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Applied V1__create_customers.sql", "Applied V2__add_name.sql", "version 2");
    }

    @Test
    void onATerminalMigrateSaysEachMigrationOnceInTheLogAndThenTheSummary() {
        dev.lockstep.cli.log.LogSettings.terminal(true);
        try {
            int code = run("migrate", "--url", url, "--locations", migrations.toString());

            assertThat(code).isZero();
            assertThat(out.toString()).doesNotContain("Applied V1__create_customers.sql").contains("Migrated", "version 2");
        } finally {
            dev.lockstep.cli.log.LogSettings.terminal(System.console() != null);
        }
    }

    @Test
    void migrateWritesOneJsonDocumentForScripts() throws IOException {
        int code = run("migrate", "--url", url, "--locations", migrations.toString(), "--json");

        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(code).isZero();
        assertThat(json.get("currentVersion").asText()).isEqualTo("2");
        assertThat(json.get("applied")).hasSize(2);
        assertThat(json.get("lockTaken").asBoolean()).isTrue();
    }

    @Test
    void takesSettingsFromTheEnvironment() {
        environment.put("LOCKSTEP_URL", url);
        environment.put("LOCKSTEP_LOCATIONS", migrations.toString());

        assertThat(run("migrate")).isZero();
        assertThat(run("info")).isZero();
        assertThat(out.toString()).contains("applied").doesNotContain("pending");
    }

    @Test
    void takesSettingsFromThePropertiesFileAfterTheEnvironment() throws IOException {
        Files.writeString(dir.resolve("lockstep.properties"), "url=jdbc:sqlite:/nonexistent/dir/x.db\nlocations="
                + migrations.toString().replace("\\", "/") + "\n");
        environment.put("LOCKSTEP_URL", url);

        assertThat(run("migrate")).isZero();
    }

    @Test
    void placeholderHelpShowsThePlaceholderSyntaxItselfAndNoPicocliWarning() {
        assertThat(run("migrate", "--help")).isZero();

        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("A value for ${NAME} in migrations", "A second $ written before ${NAME} keeps the text ${NAME} as it is.", "'tenant_%'")
                .doesNotContain("null");
        assertThat(err.toString()).doesNotContain("picocli WARN");
    }

    @Test
    void theListOfCommandsShowsEachSummaryWhole() {
        assertThat(run("--help")).isZero();

        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("validate Compare the local migrations with the database's history: changed files (checksums),"
                        + " duplicate and out-of-order versions, applied migrations missing locally. Exits 5 when anything"
                        + " is wrong. Takes no lock.");
    }

    @Test
    void aMisspeltCommandOrOptionGetsADidYouMean() {
        assertThat(run("migarte")).isEqualTo(2);
        assertThat(err.toString()).contains("Did you mean", "migrate");

        assertThat(run("migrate", "--lcoations", "db")).isEqualTo(2);
        assertThat(err.toString()).contains("Did you mean", "--locations");
    }

    @Test
    void aClasspathEntryThatIsNotThereIsAConfigurationErrorNamingIt() throws IOException {
        Path notAJar = Files.writeString(dir.resolve("notes.txt"), "not a jar");

        assertThat(run("info", "--url", url, "--classpath", dir.resolve("missing.jar").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--classpath entry '" + dir.resolve("missing.jar") + "' does not exist");
        assertThat(run("info", "--url", url, "--classpath", notAJar.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("is neither a jar nor a folder of classes");
    }

    @Test
    void aMissingRequiredArgumentIsSaidOnceWithoutPicocliSError() {
        assertThat(run("repair", "--url", url)).isEqualTo(2);

        assertThat(err.toString()).startsWith("lockstep: Missing required argument").doesNotContain("Error:");
    }

    @Test
    void rejectsAnUnknownKeyInThePropertiesFile() throws IOException {
        Files.writeString(dir.resolve("lockstep.properties"), "ulr=" + url + "\n");

        assertThat(run("migrate")).isEqualTo(2);
        assertThat(err.toString()).contains("ulr", "in the configuration file " + dir.resolve("lockstep.properties"),
                "Did you mean url for ulr?");
    }

    @Test
    void aKeyThatOnlyAnotherCommandTakesIsAcceptedInThePropertiesFile() throws IOException {
        // One file serves every command: 'style' is new's, 'no-migrate' exec's; migrate models only itself.
        Files.writeString(dir.resolve("lockstep.properties"), "url=" + url + "\nlocations="
                + migrations.toString().replace("\\", "/") + "\nstyle=updown\nno-migrate=false\n");

        assertThat(run("migrate")).as(err.toString()).isZero();
        assertThat(run("info")).as(err.toString()).isZero();
    }

    @Test
    void aConfigurationFileThatDoesNotExistIsSaidInWords() {
        assertThat(run("migrate", "--config", "nowhere.properties")).isEqualTo(2);

        assertThat(err.toString()).contains("The configuration file " + dir.resolve("nowhere.properties") + " does not exist")
                .doesNotContain("NoSuchFileException");
    }

    @Test
    void infoBeforeTheFirstRunSaysTheSqliteFileDoesNotExistAndCreatesNothing() {
        int code = run("info", "--url", url, "--locations", migrations.toString());

        assertThat(code).as(out + "" + err).isEqualTo(3);
        assertThat(err.toString()).contains("does not exist", "lockstep migrate");
        assertThat(dir.resolve("app.db")).doesNotExist();
    }

    @Test
    void infoListsPendingMigrations() throws IOException {
        assertThat(run("migrate", "--url", url, "--locations", migrations.toString())).isZero();
        Files.writeString(migrations.resolve("V3__add_orders.sql"), "CREATE TABLE orders (id INTEGER);");

        int code = run("info", "--url", url, "--locations", migrations.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("create customers", "add orders", "pending");
    }

    @Test
    void infoJsonGivesAPendingMigrationOnlyTheFilesFieldsAndAnAppliedOneItsHistoryRowToo() throws IOException {
        assertThat(run("migrate", "--url", url, "--locations", migrations.toString(), "--target", "1")).isZero();

        int code = run("info", "--url", url, "--locations", migrations.toString(), "--json");

        assertThat(code).isZero();
        JsonNode rows = new ObjectMapper().readTree(out.toString()).get("migrations");
        assertThat(rows.get(0).get("state").asText()).isEqualTo("applied");
        assertThat(rows.get(0).get("status").asText()).isEqualTo("applied");
        assertThat(rows.get(0).has("error")).isTrue();
        assertThat(rows.get(1).get("state").asText()).isEqualTo("pending");
        assertThat(rows.get(1).fieldNames()).toIterable()
                .containsExactly("version", "description", "type", "script", "state", "checksum");
    }

    @Test
    void validateExitsFiveWhenAnAppliedFileChanged() throws IOException {
        run("migrate", "--url", url, "--locations", migrations.toString());
        Files.writeString(migrations.resolve("V1__create_customers.sql"), "CREATE TABLE customers (id INTEGER);");

        int code = run("validate", "--url", url, "--locations", migrations.toString());

        assertThat(code).isEqualTo(5);
        assertThat(out.toString()).contains("V1__create_customers.sql");
    }

    @Test
    void aMalformedMigrationNameExitsFiveNamingTheFile() throws IOException {
        Files.writeString(migrations.resolve("V3_missing_underscore.sql"), "SELECT 1;");

        int code = run("migrate", "--url", url, "--locations", migrations.toString());

        assertThat(code).isEqualTo(5);
        assertThat(err.toString()).contains("V3_missing_underscore.sql");
    }

    @Test
    void aFailedMigrationExitsSixAndReportsJsonErrorsUnderJson() throws IOException {
        Files.writeString(migrations.resolve("V3__broken.sql"), "INSERT INTO nowhere VALUES (1);");

        int code = run("migrate", "--url", url, "--locations", migrations.toString(), "--format", "json");

        assertThat(code).isEqualTo(6);
        assertThat(err.toString()).contains("V3__broken.sql").doesNotContain("\tat ");
        assertThat(out.toString()).contains("\"reason\" : \"MIGRATION_FAILED\"", "\"exitCode\" : 6");
    }

    @Test
    void repairRealignsTheChecksumOfAnAppliedFileEditedOnPurposeAndSaysSo() throws IOException {
        run("migrate", "--url", url, "--locations", migrations.toString());
        Files.writeString(migrations.resolve("V1__create_customers.sql"), "CREATE TABLE customers (id INTEGER PRIMARY KEY); -- ids");

        int code = run("repair", "--realign-checksums", "--url", url, "--locations", migrations.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Repaired the history of", "Accepted the edit of", "V1__create_customers.sql (version 1)");
        assertThat(run("validate", "--url", url, "--locations", migrations.toString())).isZero();
    }

    @Test
    void repairNeedsExactlyOneRepairAndStatementOnlyWithMarkApplied() {
        assertThat(run("repair", "--url", url)).isEqualTo(2);
        assertThat(err.toString()).contains("--retry", "--mark-applied", "--remove-failed", "--realign-checksums");
        assertThat(run("repair", "--retry", "--remove-failed", "--url", url)).isEqualTo(2);
        assertThat(run("repair", "--retry", "--statement", "--url", url, "--locations", migrations.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--statement goes with --mark-applied only");
    }

    @Test
    void repairWithNothingFailedSaysSoWithExitTwo() {
        run("migrate", "--url", url, "--locations", migrations.toString());

        assertThat(run("repair", "--retry", "--url", url, "--locations", migrations.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("No migration's latest attempt failed: there is nothing to retry.");
    }

    @Test
    void badUsageExitsTwo() {
        assertThat(run("migrate", "--no-such-option")).isEqualTo(2);
        assertThat(run("migrate", "--url", "jdbc:oracle:thin:@x")).isEqualTo(2);
        assertThat(run("migrate", "--connect-timeout", "soon")).isEqualTo(2);
        assertThat(run("migrate", "--url", url, "--locations", dir.resolve("missing").toString())).isEqualTo(2);
    }

    @Test
    void leaseModeIsRefusedForSqliteFromTheFlagOrTheEnvironment() {
        assertThat(run("migrate", "--url", url, "--locations", migrations.toString(), "--lock", "lease")).isEqualTo(2);
        assertThat(err.toString()).contains("--lock=lease", "SQLite");

        environment.put("LOCKSTEP_LOCK", "LEASE");
        assertThat(run("migrate", "--url", url, "--locations", migrations.toString())).isEqualTo(2);
        assertThat(run("migrate", "--url", url, "--locations", migrations.toString(), "--lock", "session")).isZero();
    }

    @Test
    void badLockSettingsExitTwo() {
        assertThat(run("migrate", "--url", url, "--lock", "advisory")).isEqualTo(2);
        assertThat(err.toString()).contains("--lock", "SESSION, LEASE");
        assertThat(run("migrate", "--url", url, "--lease-duration", "100ms")).isEqualTo(2);
        assertThat(err.toString()).contains("at least 1s");
    }

    @Test
    void anUnreachableDatabaseErrorNeverShowsThePassword() throws IOException {
        Path secret = Files.writeString(dir.resolve("password"), "hunter22\n");

        int code = run("migrate", "--url", "jdbc:postgresql://127.0.0.1:1/app?password=hunter22", "--password-file",
                secret.toString(), "--connect-timeout", "0s", "--locations", migrations.toString(), "--json");

        assertThat(code).isEqualTo(3);
        assertThat(out.toString() + err.toString()).doesNotContain("hunter22");
    }

    @Test
    void everyCommandDocumentsItsOptionsWithHelp() {
        for (String command : new String[] {"migrate", "info", "validate", "repair", "lint", "new", "exec", "wait", "serve"}) {
            assertThat(run(command, "--help")).as(command).isZero();
            assertThat(out.toString()).as(command).contains("Usage: lockstep " + command);
        }
        run("migrate", "--help");
        assertThat(out.toString()).contains("--stop-grace", "--ddl-lock-timeout", "--lock-timeout", "--password-file");
    }

    @Test
    void anImagesVersionVariableDoesNotTurnACommandIntoVersion() {
        environment.put("LOCKSTEP_VERSION", "1.2.3");

        assertThat(run("migrate", "--url", url, "--locations", migrations.toString())).isZero();
        assertThat(out.toString()).contains("Applied V1__create_customers.sql");
    }

    @Test
    void printsItsVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out.toString()).startsWith("lockstep ");
    }

    @Test
    void waitExitsZeroAtOnceWhenTheSchemaIsReady() throws IOException {
        run("migrate", "--url", url, "--locations", migrations.toString());

        int code = run("wait", "--url", url, "--locations", migrations.toString(), "--json");

        assertThat(code).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("ready").asBoolean()).isTrue();
        assertThat(json.get("currentVersion").asText()).isEqualTo("2");
    }

    @Test
    void waitExitsFourWhenTheSchemaIsNotReadyInTime() {
        int code = run("wait", "--url", url, "--locations", migrations.toString(), "--timeout", "300ms");

        assertThat(code).isEqualTo(4);
        assertThat(err.toString()).contains("Gave up waiting for the schema", "2 pending: V1__create_customers.sql");
    }

    @Test
    void waitReachesAnOlderTarget() {
        run("migrate", "--url", url, "--locations", migrations.toString());
        assertThat(run("wait", "--url", url, "--locations", migrations.toString(), "--target", "1", "--timeout", "0s")).isZero();
        assertThat(run("wait", "--url", url, "--locations", migrations.toString(), "--target", "next")).isEqualTo(2);
    }

    @Test
    void execNeedsTheAppsCommand() {
        assertThat(run("exec", "--url", url)).isEqualTo(2);
        assertThat(err.toString()).contains("COMMAND");
    }

    @Test
    void serveNeedsAPort() {
        assertThat(run("serve", "--url", url)).isEqualTo(2);
        assertThat(err.toString()).contains("--health-port");
    }

    @Test
    void aBusyHealthPortIsAConfigurationError() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int code = run("migrate", "--url", url, "--locations", migrations.toString(),
                    "--health-address", "127.0.0.1", "--health-port", Integer.toString(taken.getLocalPort()));

            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).contains("Cannot start the health server on 127.0.0.1:" + taken.getLocalPort());
        }
    }
}
