package dev.lockstep.cli.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A location with no migration in it (an empty volume, only links whose targets are missing) is said loudly, and
 * {@code validate --strict} fails on it (exit 5) instead of passing as "up to date at no version". Real processes.
 */
class EmptyLocationIT {
    @TempDir
    Path folder;

    @Test
    void aLocationHoldingOnlyABrokenLinkIsWarnedAboutAndFailsValidateStrict() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.createSymbolicLink(migrations.resolve("adversarial-gone"), folder.resolve("nowhere"));
        String url = "jdbc:sqlite:" + folder.resolve("adversarial.db");

        CliProcess migrate = CliProcess.start(folder, "adversarial-migrate", "migrate", "--url", url,
                "--locations", migrations.toString());
        assertThat(migrate.exitCode(60)).isZero();
        assertThat(migrate.stderr()).contains("WARN").contains("No migration files found in " + migrations);

        CliProcess strict = CliProcess.start(folder, "adversarial-validate", "validate", "--strict", "--url", url,
                "--locations", migrations.toString());
        assertThat(strict.exitCode(60)).as("stderr:%n%s", strict.stderr()).isEqualTo(5);
        assertThat(strict.stderr()).contains("validate --strict: No migration files found");
    }
}
