package dev.lockstep.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code --log-format json} every line on stderr is one JSON object, the final error included, however many
 * lines its message has, with {@code --debug}'s stack trace in a field: what line-based log shippers need. A real
 * process.
 */
class JsonErrorIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;

    @Test
    void theFinalErrorIsOneJsonLine() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(migrations.resolve("V1_missing_underscore.sql"), "CREATE TABLE adversarial_t (id INTEGER);\n");
        for (List<String> extra : List.of(List.<String>of(), List.of("--debug"))) {
            List<String> args = new ArrayList<>(List.of("migrate", "--url", "jdbc:sqlite:" + folder.resolve("adversarial.db"),
                    "--locations", migrations.toString(), "--log-format", "json"));
            args.addAll(extra);
            CliProcess process = CliProcess.start(folder, "adversarial-json", args.toArray(String[]::new));

            assertThat(process.exitCode(60)).isEqualTo(5);
            List<JsonNode> lines = new ArrayList<>();
            for (String line : process.stderr().split("\n")) {
                if (!line.isBlank()) {
                    lines.add(JSON.readTree(line)); // fails on a line that is not JSON
                }
            }
            assertThat(lines).anySatisfy(line -> {
                assertThat(line.get("level").asText()).isEqualTo("error");
                assertThat(line.get("message").asText()).contains("V1_missing_underscore.sql").contains("\n");
            });
        }
    }
}
