package dev.lockstep.cli.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SQLite migration that runs out of room (here a page limit standing in for a full disk) fails with exit 6 and a
 * message that says to free space, not to fix a file that is not at fault. A real process.
 */
class SqliteFullIT {
    @TempDir
    Path folder;

    @Test
    void aFullDatabaseSaysToFreeSpaceNotToFixTheFile() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create.sql"), "CREATE TABLE adversarial_t (id INTEGER);\n");
        Files.writeString(migrations.resolve("V2__fill.sql"), "PRAGMA max_page_count = 20;\n"
                + "CREATE TABLE adversarial_big AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000)"
                + " SELECT x, printf('%050d', x) AS pad FROM c;\n");

        CliProcess migrate = CliProcess.start(folder, "adversarial-full", "migrate", "--url",
                "jdbc:sqlite:" + folder.resolve("adversarial.db"), "--locations", migrations.toString());

        assertThat(migrate.exitCode(60)).isEqualTo(6);
        assertThat(migrate.stderr()).contains("SQLITE_FULL").contains("ran out of room").contains("free disk space")
                .doesNotContain("Fix the file");
    }
}
