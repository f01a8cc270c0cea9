package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.RepairRequest;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.result.RepairResult;
import dev.lockstep.source.Checksum;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code lockstep repair}: the ways out of a migration that stopped part-way where lockstep cannot
 * decide by itself, each recorded in the history as an audit row of type REPAIR.
 */
class RepairIT {
    /** Statement 3 adds an unnamed foreign key: the catalog cannot tell whether a killed run added it. */
    private static final String V2 = "CREATE TABLE parents (id INT PRIMARY KEY);\nCREATE TABLE kids (id INT, parent INT);\n"
            + "ALTER TABLE kids ADD FOREIGN KEY (parent) REFERENCES parents (id);\nINSERT INTO parents VALUES (1);\n";

    @TempDir
    Path folder;
    Path migrations;

    @BeforeEach
    void setUp() throws IOException {
        migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__seed.sql"), "CREATE TABLE seed (id INT);\n");
    }

    private LockstepConfig.Builder configure(TestDatabase database) {
        return Lockstep.configure().url(database.url()).locations(migrations.toString()).connectTimeout(Duration.ofSeconds(5))
                .replicaId("operator-1");
    }

    /** V2 killed with statements 1 and 2 done and the foreign key in flight: exit 7, in doubt. */
    private void inDoubt(TestDatabase database, boolean foreignKeyTookEffect) throws Exception {
        configure(database).load().migrate();
        Files.writeString(migrations.resolve("V2__family.sql"), V2);
        database.execute("CREATE TABLE parents (id INT PRIMARY KEY)");
        database.execute("CREATE TABLE kids (id INT, parent INT)");
        if (foreignKeyTookEffect) {
            database.execute("ALTER TABLE kids ADD FOREIGN KEY (parent) REFERENCES parents (id)");
        }
        database.execute("INSERT INTO lockstep_history (installed_rank, version, description, type, script, checksum, status,"
                + " statements_total, statements_done, replica, started_at) VALUES (2, '2', 'family', 'SQL', 'V2__family.sql', '"
                + Checksum.of(V2) + "', 'running', 4, 2, 'api-1:41', '2026-01-01 00:00:00')");
        assertThatThrownBy(() -> configure(database).load().migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REPAIR_NEEDED));
    }

    private static int foreignKeys(TestDatabase database) throws Exception {
        return Integer.parseInt(database.query("SELECT count(*) FROM information_schema.referential_constraints"
                + " WHERE constraint_schema = DATABASE() AND table_name = 'kids'").get(0));
    }

    @Test
    void retryRunsTheStatementInDoubtAgainAndFinishesTheMigration() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            inDoubt(database, false);

            RepairResult result = configure(database).load().repair(new RepairRequest(RepairRequest.Action.RETRY, null, false));

            assertThat(result.changes()).singleElement().asString().contains("V2__family.sql again from statement 3 of 4");
            assertThat(foreignKeys(database)).isEqualTo(1);
            assertThat(database.query("SELECT count(*) FROM parents")).containsExactly("1");
            assertThat(database.query("SELECT CONCAT(type, ':', status) FROM lockstep_history WHERE version = '2'"
                    + " ORDER BY installed_rank")).containsExactly("SQL:failed", "REPAIR:applied", "SQL:applied");
            assertThat(database.query("SELECT CONCAT(replica, ' ', description) FROM lockstep_history WHERE type = 'REPAIR'"))
                    .singleElement().asString().startsWith("operator-1 repair --retry: ran V2__family.sql again from statement 3");
            assertThat(configure(database).load().migrate().applied()).isEmpty();
        }
    }

    @Test
    void markingTheStatementDoneResumesAfterItOnTheNextMigrate() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            inDoubt(database, true);

            RepairResult result = configure(database).load().repair(new RepairRequest(RepairRequest.Action.MARK_APPLIED, "2", true));
            configure(database).load().migrate();

            assertThat(result.changes()).singleElement().asString()
                    .contains("statement 3 of 4 of V2__family.sql as done", "resumes at statement 4");
            assertThat(foreignKeys(database)).isEqualTo(1);
            assertThat(database.query("SELECT count(*) FROM parents")).containsExactly("1");
            assertThat(database.query("SELECT status FROM lockstep_history WHERE version = '2' AND type = 'SQL'"
                    + " ORDER BY installed_rank")).containsExactly("failed", "applied");
        }
    }

    @Test
    void markingTheWholeMigrationAppliedRunsNothing() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            inDoubt(database, true);
            database.execute("INSERT INTO parents VALUES (1)");

            configure(database).load().repair(new RepairRequest(RepairRequest.Action.MARK_APPLIED, null, false));

            assertThat(configure(database).load().migrate().applied()).isEmpty();
            assertThat(configure(database).load().info().currentVersion()).isEqualTo("2");
        }
    }

    @Test
    void removeFailedLetsAFileThatWasRevertedByHandStartOver() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            inDoubt(database, false);
            database.execute("DROP TABLE kids");
            database.execute("DROP TABLE parents");

            RepairResult result = configure(database).load().repair(new RepairRequest(RepairRequest.Action.REMOVE_FAILED, "2", false));
            configure(database).load().migrate();

            assertThat(result.changes()).singleElement().asString().contains("Removed failed row 2 of V2__family.sql",
                    "2 of 4 statements had taken effect");
            assertThat(result.warnings()).singleElement().asString().contains("runs the file from its first statement");
            assertThat(foreignKeys(database)).isEqualTo(1);
            assertThat(database.query("SELECT CONCAT(type, ':', status) FROM lockstep_history WHERE version = '2'"
                    + " ORDER BY installed_rank")).containsExactly("REPAIR:applied", "SQL:applied");
        }
    }

    @Test
    void realignChecksumsAcceptsAnEditOfAnAppliedFileAndListsIt() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.SQLITE, folder)) {
            configure(database).load().migrate();
            Files.writeString(migrations.resolve("V1__seed.sql"), "-- reformatted\nCREATE TABLE seed (id INT);\n");
            assertThatThrownBy(() -> configure(database).load().migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_MIGRATIONS));

            RepairResult result = configure(database).load().repair(new RepairRequest(RepairRequest.Action.REALIGN_CHECKSUMS, null, false));

            assertThat(result.changes()).singleElement().asString().contains("V1__seed.sql (version 1): checksum sha256:");
            assertThat(configure(database).load().validate().isValid()).isTrue();
            var audit = configure(database).load().history().rows().stream()
                    .filter(e -> e.type() == dev.lockstep.result.MigrationType.REPAIR).findFirst().orElseThrow();
            assertThat(audit.description()).as("the new checksum is in its own column, the old one shortened")
                    .matches("repair --realign-checksums: accepted the edit of V1__seed.sql, was sha256:[0-9a-f]{12}")
                    .doesNotContain(audit.checksum());
        }
    }

    @Test
    void refusesAtOnceWhileAnotherReplicaHoldsTheLock() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            configure(database).load().migrate();
            Files.writeString(migrations.resolve("V2__slow.sql"), database.sleepSql(3));
            CompletableFuture<?> migrating = CompletableFuture.runAsync(() -> configure(database).replicaId("api-2").load().migrate());
            waitUntilRunning(database);

            assertThatThrownBy(() -> configure(database).load().repair(new RepairRequest(RepairRequest.Action.REMOVE_FAILED, null, false)))
                    .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCK_TIMEOUT))
                    .hasMessageContaining("replica api-2 is applying V2__slow.sql")
                    .hasMessageContaining("repair changes the history only while nothing migrates");
            migrating.get(20, TimeUnit.SECONDS);
        }
    }

    private static void waitUntilRunning(TestDatabase database) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (database.query("SELECT count(*) FROM lockstep_history WHERE status = 'running'").equals(java.util.List.of("0"))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the slow migration never started");
            }
            Thread.sleep(50);
        }
    }
}
