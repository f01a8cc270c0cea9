package dev.lockstep.cli.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ./lockstep} launcher's contract (builds once under a file lock when stale, execs the
 * JVM, keeps the caller's folder, copes with a read-only tree), checked by {@code .ci/test-launcher}
 * with a fake jar and a fake build in a temporary copy, so it never touches this build's jar.
 */
class LauncherIT {

    @Test
    void launcherContractHolds() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path script = root.resolve(".ci/test-launcher");
        assertThat(script).exists();
        Path log = Files.createTempFile("test-launcher", ".log");

        Process process = new ProcessBuilder("bash", script.toString()).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);

        assertThat(finished).as("finished within 120s:%n%s", output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("all launcher checks passed");
    }
}
