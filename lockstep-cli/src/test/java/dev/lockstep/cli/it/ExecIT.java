package dev.lockstep.cli.it;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code lockstep exec} as a container's entrypoint, run as an unprivileged user: it migrates (or waits),
 * starts the app with its own streams, passes signals on and exits with the app's exit code.
 */
class ExecIT {
    @TempDir
    Path folder;

    private Path migrations() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE customers (id int);\n");
        return migrations;
    }

    @Test
    void migratesThenRunsTheAppAndExitsWithItsCode() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            CliProcess exec = CliProcess.startUnprivileged(folder, "exec", Map.of(), "exec", "--url", database.url(),
                    "--locations", migrations().toString(), "--", "sh", "-c", "echo app runs as $(id -u); exit 3");

            assertThat(exec.exitCode(60)).as(exec.stderr()).isEqualTo(3);
            assertThat(exec.stdout()).contains("app runs as " + ("root".equals(System.getProperty("user.name")) ? "65534" : ""));
            assertThat(exec.stderr()).contains("Applied V1__create.sql", "exited with code 3");
            assertThat(database.query("SELECT version || ':' || status FROM lockstep_history")).containsExactly("1:applied");
        }
    }

    @Test
    void passesSighupSigintAndSigtermOnToTheAppAndExitsWithItsCode() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            CliProcess exec = CliProcess.startUnprivileged(folder, "exec", Map.of(), "exec", "--url", database.url(),
                    "--locations", migrations().toString(), "--", "sh", "-c", "trap 'echo got HUP' HUP;"
                            + " trap 'echo got INT' INT; trap 'echo got TERM; exit 7' TERM;"
                            + " echo started; while :; do sleep 0.1; done");
            exec.awaitStdout(Pattern.compile("started"), 60);

            signal(exec, "HUP");
            exec.awaitStdout(Pattern.compile("got HUP"), 10);
            signal(exec, "INT");
            exec.awaitStdout(Pattern.compile("got INT"), 10);
            exec.process().destroy(); // SIGTERM, as docker stop sends it

            assertThat(exec.exitCode(30)).as(exec.stderr()).isEqualTo(7);
            assertThat(exec.stdout()).contains("got TERM");
            assertThat(exec.stderr()).contains("Received SIGTERM; passing it on to the app");
        }
    }

    @Test
    void anAppKilledBySignalGivesOneHundredTwentyEightPlusItsNumber() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            CliProcess exec = CliProcess.startUnprivileged(folder, "exec", Map.of(), "exec", "--url", database.url(),
                    "--locations", migrations().toString(), "--", "sh", "-c", "kill -KILL $$");

            assertThat(exec.exitCode(60)).as(exec.stderr()).isEqualTo(128 + 9);
        }
    }

    @Test
    void withoutMigratingWaitsForTheReplicaThatMigratesThenStartsTheApp() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            Path migrations = migrations();
            CliProcess app = CliProcess.startUnprivileged(folder, "app", Map.of("LOCKSTEP_MIGRATE", "false"), "exec",
                    "--url", database.url(), "--locations", migrations.toString(), "--lock-timeout", "60s",
                    "--", "sh", "-c", "echo app started");
            app.awaitStderr(Pattern.compile("Waiting for the schema"), 60);
            assertThat(app.stdout()).isEmpty();

            CliProcess migrator = CliProcess.start(folder, "migrator", "migrate", "--url", database.url(),
                    "--locations", migrations.toString(), "--replica-id", "migrator");

            assertThat(migrator.exitCode(60)).as(migrator.stderr()).isZero();
            assertThat(app.exitCode(30)).as(app.stderr()).isZero();
            assertThat(app.stdout()).contains("app started");
            assertThat(database.query("SELECT replica FROM lockstep_history")).containsExactly("migrator");
        }
    }

    static void signal(CliProcess process, String name) throws Exception {
        assertThat(ignoredByThisJvm(name))
                .as("SIG%s is ignored by the test JVM (as under nohup), and every process it starts inherits that:"
                        + " neither lockstep nor the app can receive it. Run the suite without nohup.", name)
                .isFalse();
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.process().pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -s " + name).isZero();
    }

    /** Whether {@code name} is in this process's ignored-signal mask (Linux's /proc/self/status SigIgn). */
    private static boolean ignoredByThisJvm(String name) throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        int number = switch (name) {
            case "HUP" -> 1;
            case "INT" -> 2;
            case "TERM" -> 15;
            default -> throw new IllegalArgumentException(name);
        };
        return Files.readAllLines(status).stream().filter(line -> line.startsWith("SigIgn:"))
                .map(line -> Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16))
                .anyMatch(mask -> (mask & (1L << (number - 1))) != 0);
    }
}
