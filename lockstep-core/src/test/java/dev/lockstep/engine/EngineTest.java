package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Seams;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.result.MigrateResult;
import dev.lockstep.result.MigrationState;
import dev.lockstep.source.Checksum;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine against a real SQLite file: what a user of {@code migrate} relies on. */
class EngineTest {
    @TempDir
    Path dir;
    Path migrations;
    TestDatabase database;
    String url;

    @BeforeEach
    void setUp() throws Exception {
        migrations = Files.createDirectories(dir.resolve("db/migration"));
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        url = database.url();
    }

    private LockstepConfig.Builder configure() {
        return Lockstep.configure().url(url).locations(migrations.toString()).replicaId("test-1");
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }

    @Test
    void appliesPendingMigrationsInVersionOrderAndRecordsEachOnce() throws Exception {
        write("V2__add_email.sql", "ALTER TABLE customers ADD COLUMN email TEXT;");
        write("V1__create_customers.sql", "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);");
        write("V10__seed.sql", "INSERT INTO customers (name, email) VALUES ('Ada', 'ada@example.com');");

        MigrateResult result = configure().load().migrate();

        assertThat(result.applied()).extracting(MigrateResult.AppliedStep::version).containsExactly("1", "2", "10");
        assertThat(result.currentVersion()).isEqualTo("10");
        assertThat(result.lockTaken()).isTrue();
        assertThat(database.query("SELECT version || ':' || status || ':' || statements_done || '/' || statements_total"
                + " FROM lockstep_history ORDER BY installed_rank"))
                .containsExactly("1:applied:1/1", "2:applied:1/1", "10:applied:1/1");
        assertThat(database.query("SELECT replica FROM lockstep_history")).containsOnly("test-1");
    }

    @Test
    void takesNoLockWhenEverythingIsAppliedAlready() throws Exception {
        write("V1__create.sql", "CREATE TABLE t (id INTEGER);");
        configure().load().migrate();

        MigrateResult again = configure().load().migrate();

        assertThat(again.lockTaken()).isFalse();
        assertThat(again.applied()).isEmpty();
        assertThat(again.currentVersion()).isEqualTo("1");
    }

    @Test
    void rollsBackAFailedMigrationRecordsItAsFailedAndRetriesItOnceFixed() throws Exception {
        write("V1__create.sql", "CREATE TABLE a (id INTEGER);");
        write("V2__broken.sql", "CREATE TABLE b (id INTEGER);\n\nINSERT INTO nowhere VALUES (1);\n");

        assertThatThrownBy(() -> configure().load().migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.MIGRATION_FAILED);
                    assertThat(e.getMessage()).contains("V2__broken.sql", "statement 2 of 2", "line 3", "no such table",
                            "rolled the migration back");
                });
        assertThat(database.query("SELECT name FROM sqlite_master WHERE name = 'b'")).as("rolled back").isEmpty();
        assertThat(database.query("SELECT version || ':' || status FROM lockstep_history ORDER BY installed_rank"))
                .containsExactly("1:applied", "2:failed");
        assertThat(database.query("SELECT error FROM lockstep_history WHERE version = '2'")).singleElement()
                .asString().contains("line 3");

        write("V2__broken.sql", "CREATE TABLE b (id INTEGER);\n");
        configure().load().migrate();

        assertThat(database.query("SELECT version || ':' || status FROM lockstep_history ORDER BY installed_rank"))
                .containsExactly("1:applied", "2:failed", "2:applied");
    }

    @Test
    void refusesAnAppliedMigrationWhoseFileChanged() throws Exception {
        write("V1__create.sql", "CREATE TABLE t (id INTEGER);");
        configure().load().migrate();
        write("V1__create.sql", "CREATE TABLE t (id INTEGER, name TEXT);");

        assertThatThrownBy(() -> configure().load().migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("V1__create.sql");
                });
        assertThat(configure().load().validate().isValid()).isFalse();
    }

    @Test
    void recordsAFileWithOnlyCommentsAsApplied() throws Exception {
        write("V1__neutralised.sql", "-- not needed on SQLite\n/* kept for the version sequence */\n");

        MigrateResult result = configure().load().migrate();

        assertThat(result.applied()).singleElement().satisfies(step -> assertThat(step.statements()).isZero());
        assertThat(database.query("SELECT status FROM lockstep_history")).containsExactly("applied");
    }

    @Test
    void reRunsARepeatableMigrationWhenItsFileChanges() throws Exception {
        write("V1__create.sql", "CREATE TABLE t (id INTEGER);");
        write("R__view.sql", "DROP VIEW IF EXISTS v; CREATE VIEW v AS SELECT id FROM t;");
        configure().load().migrate();
        write("R__view.sql", "DROP VIEW IF EXISTS v; CREATE VIEW v AS SELECT id, id * 2 AS twice FROM t;");

        MigrateResult result = configure().load().migrate();

        assertThat(result.applied()).extracting(MigrateResult.AppliedStep::script).containsExactly("R__view.sql");
        assertThat(configure().load().info().migrations()).extracting(m -> m.state())
                .containsExactly(MigrationState.APPLIED, MigrationState.APPLIED);
    }

    @Test
    void settlesAMigrationLeftRunningByADeadReplicaAndAppliesItAgain() throws Exception {
        write("V1__create.sql", "CREATE TABLE t (id INTEGER);");
        write("V2__more.sql", "CREATE TABLE u (id INTEGER);");
        configure().load().migrate();
        // A replica died inside V3: its running row was committed, its transaction rolled back.
        write("V3__died.sql", "CREATE TABLE w (id INTEGER);");
        database.execute("INSERT INTO lockstep_history (installed_rank, version, description, type, script, checksum, status,"
                + " statements_total, statements_done, replica, started_at) VALUES (3, '3', 'died', 'SQL', 'V3__died.sql',"
                + " '" + Checksum.of("CREATE TABLE w (id INTEGER);") + "', 'running', 1, 0, 'dead-replica:7', '2026-01-01T00:00:00Z')");

        MigrateResult result = configure().load().migrate();

        assertThat(result.applied()).extracting(MigrateResult.AppliedStep::version).containsExactly("3");
        assertThat(database.query("SELECT version || ':' || status FROM lockstep_history WHERE version = '3' ORDER BY installed_rank"))
                .containsExactly("3:failed", "3:applied");
        assertThat(database.query("SELECT error FROM lockstep_history WHERE installed_rank = 3")).singleElement()
                .asString().contains("dead-replica:7", "rolled the migration back");
    }

    @Test
    void threadsOfOneProcessMigrateOnceBetweenThem() throws Exception {
        for (int v = 1; v <= 20; v++) {
            write("V" + v + "__step.sql", "CREATE TABLE t" + v + " (id INTEGER);\nINSERT INTO t" + v + " VALUES (" + v + ");");
        }
        int workers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<MigrateResult>> results = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            String replica = "worker-" + i;
            Callable<MigrateResult> task = () -> {
                start.await();
                return configure().replicaId(replica).load().migrate();
            };
            results.add(pool.submit(task));
        }
        start.countDown();
        int applied = 0;
        for (Future<MigrateResult> result : results) {
            applied += result.get(60, TimeUnit.SECONDS).applied().size();
        }
        pool.shutdown();

        assertThat(applied).isEqualTo(20);
        assertThat(database.query("SELECT COUNT(*) FROM lockstep_history WHERE status = 'applied'")).containsExactly("20");
        assertThat(database.query("SELECT COUNT(*) FROM lockstep_history")).containsExactly("20");
    }

    @Test
    void givesUpOnAnUnreachableDatabaseAfterTheConnectTimeoutWithoutWaitingForReal() {
        FakeTime time = new FakeTime();
        LockstepConfig.Builder config = Lockstep.configure()
                .url("jdbc:postgresql://127.0.0.1:1/app?password=hunter22")
                .locations(migrations.toString())
                .connectTimeout(java.time.Duration.ofSeconds(10));

        assertThatThrownBy(() -> Seams.load(config, time.clock(), time).migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.DATABASE_UNREACHABLE);
                    assertThat(e.getMessage()).contains("127.0.0.1:1", "10s").doesNotContain("hunter22");
                });
        assertThat(time.sleeps()).as("back-off between attempts").hasSizeGreaterThan(3);
        assertThat(time.elapsed()).isEqualTo(java.time.Duration.ofSeconds(10));
    }


}
