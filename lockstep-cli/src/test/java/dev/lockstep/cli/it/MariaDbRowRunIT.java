package dev.lockstep.cli.it;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On MariaDB a file that mixes DDL and row changes runs statement by statement, because each DDL statement commits
 * at once; the row changes between two DDL statements commit together, in one transaction with one journal entry
 * (decision 0056). A replica killed inside such a run leaves none of it, and the next replica resumes exactly at
 * the run's first statement: every row once.
 */
class MariaDbRowRunIT {
    @TempDir
    Path folder;

    @Test
    void aReplicaKilledInsideARunOfRowChangesLeavesNoneOfItAndTheNextResumesExactly() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            // The pause holds the third statement of the run while the test kills the replica; once 'hold' is empty
            // the resumed run does not wait.
            Files.writeString(migrations.resolve("V1__hold.sql"), "CREATE TABLE hold (id INT);\nINSERT INTO hold VALUES (1);\n");
            Files.writeString(migrations.resolve("V2__mixed.sql"), """
                    CREATE TABLE items (id INT PRIMARY KEY);
                    INSERT INTO items VALUES (1);
                    INSERT INTO items VALUES (2);
                    SELECT SLEEP(IF((SELECT COUNT(*) FROM hold) > 0, 60, 0)) AS row_run_pause;
                    INSERT INTO items VALUES (3);
                    CREATE TABLE tags (id INT PRIMARY KEY);
                    INSERT INTO tags VALUES (1);
                    UPDATE items SET id = id + 10;
                    """);

            CliProcess killed = CliProcess.start(folder, "killed", migrate(database, migrations, "killed"));
            awaitPause(database, killed);
            killed.process().destroyForcibly();
            assertThat(killed.exitCode(30)).isNotZero();

            assertThat(database.query("SELECT COUNT(*) FROM items"))
                    .as("statements 2 and 3 ran in the transaction the kill rolled back").containsExactly("0");
            assertThat(database.query("SELECT CONCAT(version, ':', status, ':', statements_done, '/', statements_total)"
                    + " FROM lockstep_history ORDER BY installed_rank"))
                    .as("the journal stands at the DDL statement").containsExactly("1:applied:2/2", "2:running:1/8");

            database.execute("DELETE FROM hold");
            CliProcess next = CliProcess.start(folder, "next", migrate(database, migrations, "next"));
            assertThat(next.exitCode(60)).as(next.stderr()).isZero();

            assertThat(database.query("SELECT id FROM items ORDER BY id")).containsExactly("11", "12", "13");
            assertThat(database.query("SELECT id FROM tags")).containsExactly("1");
            assertThat(database.query("SELECT CONCAT(version, ':', status, ':', statements_done, ':', replica)"
                    + " FROM lockstep_history ORDER BY installed_rank"))
                    .containsExactly("1:applied:2:killed", "2:failed:1:killed", "2:applied:8:next");
            assertThat(next.stderr()).contains("statement 2 of 8");
        }
    }

    /** Waits until the replica's session runs the pause, the third statement of the run. */
    private static void awaitPause(TestDatabase database, CliProcess replica) throws Exception {
        for (int i = 0; i < 600; i++) {
            List<String> running = database.query("SELECT COUNT(*) FROM information_schema.processlist"
                    + " WHERE info LIKE '%row_run_pause%' AND info NOT LIKE '%processlist%'");
            if (!running.get(0).equals("0")) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the migration never reached its pause; stderr:\n" + replica.stderr());
    }

    private static String[] migrate(TestDatabase database, Path migrations, String replica) {
        return new String[] {"migrate", "--url", database.url(), "--locations", migrations.toString(), "--replica-id", replica,
                "--connect-timeout", "20s", "--lock-timeout", "1m"};
    }
}
