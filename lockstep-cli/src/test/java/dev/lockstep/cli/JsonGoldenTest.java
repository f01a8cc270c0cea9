package dev.lockstep.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON every command writes with {@code --json}, as scripts read it: each field's name, its place and the kind of its
 * value. The golden files under {@code golden/json/} hold one document per step of a run on a SQLite file; what differs
 * from run to run (times, durations, the temporary folder, the replica's host and pid) is replaced by a marker first.
 * {@link Golden} says how to write them anew.
 */
class JsonGoldenTest {
    private static final Set<String> DURATIONS = Set.of("executionMs", "tookMs", "elapsedMs", "waitedMs", "durationMs",
            "lockWaitMs");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TempDir
    Path dir;
    Path migrations;
    String url;
    final Map<String, String> environment = new HashMap<>();
    final StringBuilder transcript = new StringBuilder();

    @BeforeEach
    void setUp() throws IOException {
        migrations = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__create_customers.sql"), "CREATE TABLE customers (id INTEGER PRIMARY KEY);");
        Files.writeString(migrations.resolve("V2__add_name.sql"), "ALTER TABLE customers ADD COLUMN name TEXT;");
        Files.writeString(migrations.resolve("U2__add_name.sql"), "ALTER TABLE customers DROP COLUMN name;");
        Files.writeString(migrations.resolve("R__customer_view.sql"), "DROP VIEW IF EXISTS names;\nCREATE VIEW names AS SELECT id FROM customers;");
        url = "jdbc:sqlite:" + dir.resolve("app.db");
    }

    @Test
    void theCommandsOnOneDatabaseWriteTheGoldenDocuments() throws IOException {
        step("info before the file exists (the error document)", 3, "info");
        step("migrate --dry-run", 0, "migrate", "--dry-run");
        step("migrate --target 1", 0, "migrate", "--target", "1");
        step("validate", 0, "validate");
        step("wait --target 1", 0, "wait", "--target", "1", "--timeout", "5s");
        step("migrate", 0, "migrate");
        step("migrate with nothing pending", 0, "migrate");
        step("info", 0, "info");
        step("history", 0, "history");
        step("undo --dry-run", 0, "undo", "--dry-run");
        step("undo", 0, "undo");
        Files.writeString(migrations.resolve("V1__create_customers.sql"), "CREATE TABLE customers (id INTEGER PRIMARY KEY, x INT);");
        step("validate with a changed file", 5, "validate");
        step("repair --realign-checksums", 0, "repair", "--realign-checksums");
        Files.writeString(migrations.resolve("V3__broken.sql"), "CREATE TABLE oops (;");
        step("migrate with a failing migration", 6, "migrate");
        step("repair --remove-failed", 0, "repair", "--remove-failed");
        step("info with an unknown option (the error document)", 2, "info", "--no-such-option");

        assertGolden("one-database.txt");
    }

    @Test
    void baselineNewLintAndPreflightWriteTheGoldenDocuments() throws IOException {
        Path other = dir.resolve("existing.db");
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + other);
             var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE legacy (id INTEGER)");
        } catch (java.sql.SQLException e) {
            throw new IOException(e);
        }
        run("baseline", 0, "baseline", "--url", "jdbc:sqlite:" + other, "--locations", migrations.toString(),
                "--baseline-version", "1", "--json");
        run("new", 0, "new", "add orders", "--locations", migrations.toString(), "--json");
        Files.writeString(migrations.resolve("V4__index.sql"), "CREATE INDEX customers_id ON customers (id);\n"
                + "UPDATE customers SET name = 'x';\n");
        run("lint --json", 9, "lint", "--dialect", "postgresql", migrations.toString(), "--json");
        run("lint --format sarif", 9, "lint", "--dialect", "postgresql", migrations.toString(), "--format", "sarif");
        Path data = Files.createDirectories(dir.resolve("data"));
        run("preflight", 0, "preflight", "--writable", data.toString(), "--json");

        assertGolden("files-and-baseline.txt");
    }

    private void step(String name, int expectedCode, String... args) throws IOException {
        String[] all = new String[args.length + 5];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--url";
        all[args.length + 1] = url;
        all[args.length + 2] = "--locations";
        all[args.length + 3] = migrations.toString();
        all[args.length + 4] = "--json";
        run(name, expectedCode, all);
    }

    private void run(String name, int expectedCode, String... args) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Cli(environment, dir, new PrintWriter(out), new PrintWriter(err)).run(args);
        assertThat(code).as(name + ": " + err).isEqualTo(expectedCode);
        transcript.append("=== ").append(name).append(" (exit ").append(code).append(")\n");
        if (out.toString().isBlank()) {
            transcript.append("(no output)\n");
            return;
        }
        JsonNode document = JSON.readTree(out.toString());
        transcript.append(JSON.writeValueAsString(normalized(document))).append('\n');
    }

    private JsonNode normalized(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (DURATIONS.contains(field.getKey()) && field.getValue().isNumber()) {
                    field.setValue(IntNode.valueOf(-1));
                } else {
                    field.setValue(normalized(field.getValue()));
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, normalized(array.get(i)));
            }
        } else if (node.isTextual()) {
            return TextNode.valueOf(node.asText()
                    .replace(dir.toString(), "<dir>")
                    .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<instant>")
                    .replaceAll("\\d{4}\\d{2}\\d{2}\\d{6}(?=__)", "<timestamp>")
                    .replaceAll("[A-Za-z0-9._-]+:\\d+:[0-9a-f]{4,}", "<replica>")
                    .replaceAll("\\b\\d+(\\.\\d+)? ?(ms|s)\\b", "<duration>")
                    .replaceAll("\\d+(\\.\\d+)? [KMGTP]?i?B free", "<size> free"));
        }
        return node;
    }

    private void assertGolden(String name) throws IOException {
        Golden.assertMatches("json/" + name, transcript.toString());
    }
}
