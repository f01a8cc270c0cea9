package dev.lockstep.cli.it;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One SQLite file is one database, whatever name reaches it: replicas started at once through the
 * file's own name, a symbolic link and a hard link share one migration lock, so every migration runs
 * once and no history row claims a rollback that did not happen. Real processes on real files.
 */
class SqliteNamesIT {
    private static final int REPLICAS = 8;

    @TempDir
    Path folder;

    @Test
    void replicasThroughTheFileAndASymlinkApplyEveryMigrationOnce() throws Exception {
        Path database = folder.resolve("adversarial_app.db");
        Files.createFile(database);
        Path link = Files.createSymbolicLink(folder.resolve("adversarial_link.db"), database.getFileName());

        runReplicas(database, link);

        assertAppliedOnceWithoutFailures(database);
    }

    @Test
    void replicasThroughTheFileAndAHardLinkApplyEveryMigrationOnce() throws Exception {
        Path database = folder.resolve("adversarial_app.db");
        Files.createFile(database);
        Path link = Files.createLink(folder.resolve("adversarial_hard.db"), database);

        runReplicas(database, link);

        assertAppliedOnceWithoutFailures(database);
    }

    @Test
    void aHardLinkInAnotherFolderIsRefusedBecauseNoLockFileIsSharedByBothNames() throws Exception {
        Path database = folder.resolve("adversarial_app.db");
        Files.createFile(database);
        Path other = Files.createDirectories(folder.resolve("adversarial_elsewhere"));
        Path link = Files.createLink(other.resolve("adversarial_hard.db"), database);
        Path migrations = ReplicasIT.writeMigrations(folder, sqlite());

        CliProcess replica = CliProcess.start(folder, "adversarial-elsewhere", "migrate", "--url", "jdbc:sqlite:" + link,
                "--locations", migrations.toString(), "--connect-timeout", "10s", "--lock-timeout", "10s");

        assertThat(replica.exitCode(60)).as("stderr:%n%s", replica.stderr()).isEqualTo(2);
        assertThat(replica.stderr()).contains("hard link").contains(other.toString());
    }

    private void runReplicas(Path first, Path second) throws Exception {
        Path migrations = ReplicasIT.writeMigrations(folder, sqlite());
        List<CliProcess> replicas = new ArrayList<>();
        for (int i = 1; i <= REPLICAS; i++) {
            Path name = i % 2 == 0 ? second : first;
            replicas.add(CliProcess.start(folder, "adversarial-" + i, "migrate", "--url", "jdbc:sqlite:" + name,
                    "--locations", migrations.toString(), "--replica-id", "adversarial-" + i,
                    "--connect-timeout", "30s", "--lock-timeout", "2m"));
        }
        for (CliProcess replica : replicas) {
            assertThat(replica.exitCode(180)).as("exit code; stderr:%n%s", replica.stderr()).isZero();
        }
    }

    private static void assertAppliedOnceWithoutFailures(Path database) throws Exception {
        String url = "jdbc:sqlite:" + database;
        assertThat(query(url, "SELECT script || ' ' || status FROM lockstep_history WHERE status <> 'applied'"))
                .as("no row failed, none claims a rollback").isEmpty();
        assertThat(query(url, "SELECT COUNT(*) FROM lockstep_history")).containsExactly("7");
        assertThat(query(url, "SELECT COUNT(*) FROM applied_once")).as("a non-idempotent insert ran once")
                .containsExactly("1");
        assertThat(query(url, "SELECT COUNT(*) FROM orders")).containsExactly("2");
        assertThat(query(url, "SELECT COUNT(*) FROM customers")).containsExactly("1");
    }

    private static TestDatabase sqlite() throws Exception {
        return TestDatabase.create(TestDatabase.Kind.SQLITE, Path.of("unused"));
    }

    private static List<String> query(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        }
    }
}
