package dev.lockstep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** lint, new and migrate --lint end to end, with output captured. */
class LintCommandTest {
    @TempDir
    Path dir;
    Path migrations;
    final Map<String, String> environment = new HashMap<>();
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void setUp() throws IOException {
        migrations = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__create_customers.sql"), "CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY);");
        Files.writeString(migrations.resolve("V2__index.sql"), "SET lock_timeout = '5s';\nCREATE INDEX IF NOT EXISTS customers_id ON customers (id);");
    }

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return new Cli(environment, dir, new PrintWriter(out), new PrintWriter(err)).run(args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql", "mysql", "mariadb"})
    void theProjectsOwnExamplesLintClean(String dialect) {
        int code = run("lint", "--dialect", dialect, "--fail-on", "info", "../examples/db/migration");

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("No findings in 5 files (" + dialect + ")");
    }

    @Test
    void findingsAtTheThresholdExitNineWithTheSourceLineInText() {
        int code = run("lint", "--dialect", "postgresql", migrations.toString());

        assertThat(code).isEqualTo(9);
        assertThat(out.toString()).contains("V2__index.sql", "2:8  error    LS201", "| CREATE INDEX IF NOT EXISTS", "fix: ");
    }

    @Test
    void findingsBelowTheThresholdExitZero() {
        assertThat(run("lint", "--dialect", "sqlite", migrations.toString())).isZero();
        assertThat(run("lint", "--dialect", "postgresql", "--fail-on", "error", migrations.resolve("V1__create_customers.sql").toString()))
                .isZero();
    }

    @Test
    void theDialectDefaultsToTheUrlsThenSqlite() {
        environment.put("LOCKSTEP_URL", "jdbc:postgresql://db/app");
        assertThat(run("lint", migrations.toString())).isEqualTo(9);
        environment.clear();
        assertThat(run("lint", migrations.toString())).isZero();
        assertThat(out.toString()).contains("(sqlite)");
    }

    @Test
    void jsonFindingsStandOnTheirOwn() throws IOException {
        int code = run("lint", "--dialect", "postgresql", "--format", "json", migrations.toString());

        JsonNode json = new ObjectMapper().readTree(out.toString());
        JsonNode finding = json.get("findings").get(0);
        assertThat(code).isEqualTo(9);
        assertThat(json.get("failed").asBoolean()).isTrue();
        assertThat(finding.get("code").asText()).isEqualTo("LS201");
        assertThat(finding.get("severity").asText()).isEqualTo("error");
        assertThat(finding.get("file").asText()).isEqualTo(migrations + "/V2__index.sql");
        assertThat(finding.get("line").asInt()).isEqualTo(2);
        assertThat(finding.get("column").asInt()).isEqualTo(8);
        assertThat(finding.get("message").asText()).isNotBlank();
        assertThat(finding.get("fix").asText()).contains("CONCURRENTLY");
    }

    @Test
    void sarifIsAMinimalValidLog() throws IOException {
        run("lint", "--dialect", "postgresql", "--format", "sarif", migrations.toString());

        JsonNode sarif = new ObjectMapper().readTree(out.toString());
        JsonNode run = sarif.get("runs").get(0);
        JsonNode result = run.get("results").get(0);
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asText()).contains("sarif-2.1.0");
        assertThat(run.get("tool").get("driver").get("name").asText()).isEqualTo("lockstep");
        assertThat(run.get("tool").get("driver").get("rules").findValuesAsText("id")).contains("LS201", "LS101");
        assertThat(result.get("ruleId").asText()).isEqualTo("LS201");
        assertThat(result.get("level").asText()).isEqualTo("error");
        JsonNode location = result.get("locations").get(0).get("physicalLocation");
        assertThat(location.get("artifactLocation").get("uri").asText()).endsWith("db/migration/V2__index.sql");
        assertThat(location.get("region").get("startLine").asInt()).isEqualTo(2);
        assertThat(location.get("region").get("startColumn").asInt()).isEqualTo(8);
    }

    @Test
    void githubAnnotationsAreOneEscapedCommandPerFinding() {
        run("lint", "--dialect", "postgresql", "--format", "github", migrations.toString());

        assertThat(out.toString().lines()).hasSize(1);
        assertThat(out.toString()).startsWith("::error file=" + migrations + "/V2__index.sql,line=2,col=8,title=LS201::")
                .contains("%0AFix: ");
        assertThat(GithubAnnotationRenderer.data("100% a\r\nb")).isEqualTo("100%25 a%0D%0Ab");
        assertThat(GithubAnnotationRenderer.property("a,b:c")).isEqualTo("a%2Cb%3Ac");
    }

    @Test
    void aMissingPathIsAUsageError() {
        assertThat(run("lint", dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(run("lint", "--dialect", "oracle", migrations.toString())).isEqualTo(2);
    }

    @Test
    void migrateWithLintRefusesToApplyAndExitsNine() throws IOException {
        Path sqlite = Files.createDirectories(dir.resolve("sqlite"));
        Files.writeString(sqlite.resolve("V1__create.sql"), "CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY);");
        String url = "jdbc:sqlite:" + dir.resolve("app.db");

        int clean = run("migrate", "--url", url, "--locations", sqlite.toString(), "--lint", "warning");
        Files.writeString(sqlite.resolve("V2__drop.sql"), "DROP TABLE IF EXISTS customers;");
        int refused = run("migrate", "--url", url, "--locations", sqlite.toString(), "--lint", "warning");

        assertThat(clean).as(err.toString()).isZero();
        assertThat(refused).isEqualTo(9);
        assertThat(err.toString()).contains("V2__drop.sql:1:6 warning LS501", "nothing was applied");
        assertThat(run("info", "--url", url, "--locations", sqlite.toString())).isZero();
        assertThat(out.toString()).contains("current version: 1", "pending");
    }

    @Test
    void migrateWithLintLintsOnlyWhatIsPending() throws IOException {
        Path sqlite = Files.createDirectories(dir.resolve("sqlite"));
        Files.writeString(sqlite.resolve("V1__drop.sql"), "DROP TABLE IF EXISTS firsthour_old;");
        String url = "jdbc:sqlite:" + dir.resolve("firsthour_lint.db");
        assertThat(run("migrate", "--url", url, "--locations", sqlite.toString())).as(err.toString()).isZero();
        Files.writeString(sqlite.resolve("V2__create.sql"), "CREATE TABLE IF NOT EXISTS customers (id INTEGER PRIMARY KEY);");

        int code = run("migrate", "--url", url, "--locations", sqlite.toString(), "--lint", "warning");

        assertThat(code).as("V1's finding is not linted again once it is applied: " + err).isZero();
        assertThat(out.toString()).contains("V2__create.sql").doesNotContain("V1__drop.sql");
    }

    @Test
    void newWritesTheNextVersionAndItsUndoFromASafeTemplate() throws IOException {
        int code = run("new", "Add customer e-mail!", "--dialect", "postgresql", "--locations", migrations.toString());

        assertThat(code).as(err.toString()).isZero();
        assertThat(migrations.resolve("V3__add_customer_e_mail.sql")).content().contains("--ddl-lock-timeout", "CONCURRENTLY").doesNotContain("SET lock_timeout");
        assertThat(migrations.resolve("U3__add_customer_e_mail.sql")).content().contains("DROP TABLE IF EXISTS");
        assertThat(run("lint", "--dialect", "postgresql", "--fail-on", "info", migrations.resolve("V3__add_customer_e_mail.sql").toString(),
                migrations.resolve("U3__add_customer_e_mail.sql").toString())).isZero();
    }

    @Test
    void newFollowsTheFoldersStyleUnlessTold() throws IOException {
        Files.writeString(migrations.resolve("10.1_x.up.sql"), "SELECT 1;");

        assertThat(run("new", "more", "--locations", migrations.toString())).isZero();
        assertThat(migrations.resolve("11_more.up.sql")).exists();
        assertThat(migrations.resolve("11_more.down.sql")).exists();
        assertThat(run("new", "more", "--locations", migrations.toString(), "--style", "flyway")).isZero();
        assertThat(migrations.resolve("V12__more.sql")).exists();
        assertThat(migrations.resolve("U12__more.sql")).exists();
    }
}
