package dev.lockstep.cli.it;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No password appears in anything a real lockstep process writes, in every form a user gives one: in a URL's
 * user-info (which drivers quote bare in their errors and stack traces), as a URL parameter with a space in
 * it, and after a mistyped option; in text and JSON logs, the final error, {@code --json} and {@code --debug}.
 */
class SecretsIT {
    private static final String SECRET = "Adversarial9Secret";

    @TempDir
    Path folder;

    static Stream<List<String>> commandLines() {
        return Stream.of(
                List.of("migrate", "--url", "jdbc:mariadb://root:" + SECRET + "@127.0.0.1:3306/adversarial_nodb?sslMode=disable"),
                List.of("migrate", "--url", "jdbc:postgresql://postgres:" + SECRET + "@127.0.0.1:5432/adversarial_nodb", "--debug"),
                List.of("migrate", "--url", "jdbc:postgresql://127.0.0.1:5432/adversarial_nodb?user=postgres&password=two "
                        + SECRET),
                List.of("migrate", "--url", "jdbc:postgresql://127.0.0.1:5432/adversarial_nodb", "--pasword", SECRET),
                List.of("migrate", "--url", "jdbc:postgresql://127.0.0.1:5432/adversarial_nodb", "--pasword=" + SECRET));
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void noOutputShowsThePassword(List<String> commandLine) throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE adversarial_t (id INTEGER);\n");
        for (List<String> format : List.of(List.<String>of(), List.of("--log-format", "json", "--json"))) {
            List<String> args = new ArrayList<>(commandLine);
            args.addAll(List.of("--locations", migrations.toString(), "--connect-timeout", "3s"));
            args.addAll(format);
            CliProcess process = CliProcess.start(folder, "adversarial-secret", args.toArray(String[]::new));

            int exitCode = process.exitCode(60);

            assertThat(exitCode).as("it fails; stderr:%n%s", process.stderr()).isIn(2, 3);
            assertThat(process.stderr()).as("stderr").doesNotContain(SECRET).isNotBlank();
            assertThat(process.stdout()).as("stdout").doesNotContain(SECRET);
        }
    }
}
