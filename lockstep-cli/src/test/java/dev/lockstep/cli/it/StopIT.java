package dev.lockstep.cli.it;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM, as an orchestrator sends it in a rolling update, to a real {@code lockstep migrate}
 * process: it stops within its grace, exits 143, never records as applied what was not, and
 * leaves no lock behind.
 */
class StopIT {
    @TempDir
    Path folder;

    @Test
    void sigtermFinishesTheRunningMigrationTakesNoNewWorkAndExits143() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            Path migrations = Files.createDirectories(folder.resolve("db/migration"));
            Files.writeString(migrations.resolve("V1__slow.sql"), "CREATE TABLE a (id int);\nSELECT pg_sleep(2);\n");
            Files.writeString(migrations.resolve("V2__next.sql"), "CREATE TABLE b (id int);\n");

            CliProcess replica = CliProcess.start(folder, "replica", "migrate", "--url", database.url(),
                    "--locations", migrations.toString(), "--stop-grace", "20s");
            awaitRunning(database, "V1__slow.sql");
            replica.process().destroy(); // SIGTERM

            assertThat(replica.exitCode(30)).as(replica.stderr()).isEqualTo(143);
            assertThat(replica.stderr()).contains("received SIGTERM", "before V2__next.sql");
            assertThat(database.query("SELECT version || ':' || status FROM lockstep_history ORDER BY installed_rank"))
                    .containsExactly("1:applied");
            assertThat(advisoryLocks(database)).containsExactly("0");
        }
    }

    @Test
    void sigtermPastTheGraceCancelsTheStatementAndRollsBack() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            Path migrations = Files.createDirectories(folder.resolve("db/migration"));
            Files.writeString(migrations.resolve("V1__endless.sql"), "CREATE TABLE a (id int);\nSELECT pg_sleep(600);\n");

            CliProcess replica = CliProcess.start(folder, "replica", "migrate", "--url", database.url(),
                    "--locations", migrations.toString(), "--stop-grace", "1s");
            awaitRunning(database, "V1__endless.sql");
            replica.process().destroy();

            assertThat(replica.exitCode(30)).as(replica.stderr()).isEqualTo(143);
            assertThat(replica.stderr()).contains("cancelled", "rolled the migration back");
            assertThat(database.query("SELECT status || ':' || statements_done FROM lockstep_history")).containsExactly("failed:0");
            assertThat(database.query("SELECT count(*) FROM pg_tables WHERE tablename = 'a'")).containsExactly("0");
            assertThat(advisoryLocks(database)).containsExactly("0");
        }
    }

    private static List<String> advisoryLocks(TestDatabase database) throws Exception {
        return database.query("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    }

    private static void awaitRunning(TestDatabase database, String script) throws Exception {
        for (int i = 0; i < 300; i++) {
            try {
                if (!database.query("SELECT 1 FROM lockstep_history WHERE status = 'running' AND script = '" + script + "'")
                        .isEmpty()) {
                    return;
                }
            } catch (java.sql.SQLException tableNotThereYet) {
                // The first replica has not created the history table yet.
            }
            Thread.sleep(50);
        }
        throw new AssertionError(script + " never started running");
    }
}
