package dev.lockstep.cli.it;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --lock=lease} with real processes: replicas started at once apply every migration exactly
 * once, and a SIGKILLed holder's lease is taken over once it expires, with no manual step.
 */
class LeaseReplicasIT {
    private static final int REPLICAS = 8;

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void replicasStartedAtOnceWithLeasesApplyEveryMigrationExactlyOnce(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            Path migrations = ReplicasIT.writeMigrations(folder, database);

            List<CliProcess> replicas = new ArrayList<>();
            for (int i = 1; i <= REPLICAS; i++) {
                replicas.add(replica(database, migrations, "replica-" + i));
            }

            StringBuilder logs = new StringBuilder();
            for (CliProcess replica : replicas) {
                int code = replica.exitCode(180);
                logs.append(replica.stderr());
                assertThat(code).as("exit code; stderr:%n%s", replica.stderr()).isZero();
            }
            ReplicasIT.assertAppliedExactlyOnce(database);
            assertThat(database.query("SELECT COUNT(*) FROM lockstep_history")).containsExactly("7");
            assertThat(database.query("SELECT COUNT(*) FROM lockstep_lock")).as("released").containsExactly("0");
            assertThat(logs.toString()).as("waiting replicas say who holds the lease")
                    .containsPattern("Waiting for the migration lock .*held by replica-\\d+ \\(lease taken");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aSigkilledHoldersLeaseIsTakenOverOnceExpiredWithNoManualStep(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            Path migrations = Files.createDirectories(folder.resolve("db/migration"));
            Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE first_table (id INT);\n");
            Files.writeString(migrations.resolve("V2__slow.sql"), database.sleepSql(5) + "\n");
            Files.writeString(migrations.resolve("V3__last.sql"), "CREATE TABLE last_table (id INT);\n");

            CliProcess holder = replica(database, migrations, "replica-1");
            database.awaitRunning("V2__slow.sql");
            CliProcess waiter = replica(database, migrations, "replica-2");
            holder.process().destroyForcibly(); // SIGKILL: no release, no clean-up
            assertThat(holder.exitCode(30)).isEqualTo(137);

            assertThat(waiter.exitCode(120)).as("stderr:%n%s", waiter.stderr()).isZero();
            assertThat(waiter.stderr()).contains("Took over the migration lease of replica-1");
            assertThat(database.query("SELECT version FROM lockstep_history ORDER BY installed_rank"))
                    .containsExactly("1", "2", "2", "3");
            assertThat(database.query("SELECT status FROM lockstep_history ORDER BY installed_rank"))
                    .containsExactly("applied", "failed", "applied", "applied");
            assertThat(database.query("SELECT COUNT(*) FROM lockstep_lock")).containsExactly("0");
        }
    }

    private CliProcess replica(TestDatabase database, Path migrations, String id) throws Exception {
        return CliProcess.start(folder, id, "migrate", "--url", database.url(), "--locations", migrations.toString(),
                "--replica-id", id, "--lock", "lease", "--lease-duration", "3s", "--connect-timeout", "30s",
                "--lock-timeout", "2m");
    }
}
