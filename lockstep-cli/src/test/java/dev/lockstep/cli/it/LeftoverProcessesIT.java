package dev.lockstep.cli.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What a test leaves running is killed after it, with what it started: the harness every multi-process test relies on. */
class LeftoverProcessesIT {
    @TempDir
    Path folder;

    @Test
    void anExecLeftRunningIsKilledWithItsApp() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE leftover_t (id int);\n");
        CliProcess exec = CliProcess.start(folder, "exec", "exec", "--url", "jdbc:sqlite:" + folder.resolve("app.db"),
                "--locations", migrations.toString(), "--allow-root", "--", "sh", "-c", "echo app $$; exec sleep 300");
        long app = Long.parseLong(exec.awaitStdout(Pattern.compile("app (\\d+)"), 60));

        assertThat(CliProcess.killLeftovers()).containsExactly(exec.process().pid());

        assertThat(exec.process().onExit()).succeedsWithin(Duration.ofSeconds(10));
        ProcessHandle.of(app).ifPresent(p -> assertThat(p.onExit()).succeedsWithin(Duration.ofSeconds(10)));
        assertThat(ProcessHandle.of(app).map(ProcessHandle::isAlive)).as("the app exec started").isNotEqualTo(Optional.of(true));
    }
}
