package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.Seams;
import dev.lockstep.db.Dialect;
import dev.lockstep.db.Databases;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.result.MigrateResult;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine on the real servers, where each database behaves its own way. */
class EngineIT {
    @TempDir
    Path folder;
    Path migrations;

    @BeforeEach
    void setUp() throws IOException {
        migrations = Files.createDirectories(folder.resolve("db/migration"));
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }

    private LockstepConfig.Builder configure(TestDatabase database) {
        return Lockstep.configure().url(database.url()).locations(migrations.toString()).replicaId("it-1")
                .connectTimeout(Duration.ofSeconds(5)).lockTimeout(Duration.ofSeconds(30));
    }

    @Test
    void postgresRollsBackAFailedMigrationWithItsDdl() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            write("V1__broken.sql", "CREATE TABLE a (id int);\nCREATE TABLE a (id int);\n");

            assertThatThrownBy(() -> configure(database).load().migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.MIGRATION_FAILED);
                        assertThat(e.getMessage()).contains("V1__broken.sql", "statement 2 of 2", "line 2",
                                "already exists", "rolled the migration back");
                    });
            assertThat(database.query("SELECT count(*) FROM pg_tables WHERE tablename = 'a'")).containsExactly("0");
            assertThat(database.query("SELECT status || ':' || statements_done FROM public.lockstep_history"))
                    .containsExactly("failed:0");
        }
    }

    @Test
    void postgresRefusesAStatementThatWouldDropTheLockBeforeApplyingAnything() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            write("V1__create.sql", "CREATE TABLE a (id int);");
            write("V2__pooler_reset.sql", "-- copied from a connection pool's reset query\nDISCARD ALL;\n");

            assertThatThrownBy(() -> configure(database).load().migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_MIGRATIONS);
                        assertThat(e.getMessage()).contains("V2__pooler_reset.sql:2", "DISCARD ALL", "migration lock");
                    });
            assertThat(database.query("SELECT count(*) FROM pg_tables WHERE tablename IN ('a', 'lockstep_history')"))
                    .as("nothing applied").containsExactly("0");
        }
    }

    @Test
    void postgresKeepsHistoryAndLaterMigrationsInPlaceWhenAMigrationChangesTheSearchPath() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            write("V1__elsewhere.sql", "CREATE SCHEMA elsewhere;\nSET search_path TO elsewhere;\nCREATE TABLE inside (id int);\n");
            write("V2__create.sql", "CREATE TABLE t (id int);\n");

            configure(database).load().migrate();

            assertThat(database.query("SELECT schemaname || '.' || tablename FROM pg_tables"
                    + " WHERE tablename IN ('inside', 't', 'lockstep_history') ORDER BY 1"))
                    .containsExactly("elsewhere.inside", "public.lockstep_history", "public.t");
        }
    }

    @Test
    void postgresRunsCreateIndexConcurrentlyOutsideATransaction() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            write("V1__create.sql", "CREATE TABLE t (id int);\nINSERT INTO t SELECT generate_series(1, 1000);\n");
            write("V2__index.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_id ON t (id);\n");

            configure(database).load().migrate();

            assertThat(database.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 't_id'::regclass"))
                    .containsExactly("t");
        }
    }

    @Test
    void postgresTenantSchemasEachKeepTheirOwnHistory() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            write("V1__create.sql", "CREATE TABLE accounts (id int);\n");

            configure(database).schema("tenant_a").load().migrate();
            configure(database).schema("tenant_b").load().migrate();

            assertThat(database.query("SELECT schemaname || '.' || tablename FROM pg_tables"
                    + " WHERE schemaname LIKE 'tenant_%' ORDER BY 1")).containsExactly(
                    "tenant_a.accounts", "tenant_a.lockstep_history", "tenant_a.lockstep_history_fingerprint",
                    "tenant_b.accounts", "tenant_b.lockstep_history", "tenant_b.lockstep_history_fingerprint");
        }
    }

    @Test
    void givesUpAfterTheLockTimeoutNamingTheHolder() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder);
             Connection holder = DriverManager.getConnection(database.url())) {
            write("V1__create.sql", "CREATE TABLE a (id int);");
            Dialect dialect = Databases.dialectOf(holder, database.url(), false, "stuck-replica:42");
            String schema = dialect.openSession(holder, null, "stuck-replica:42");
            assertThat(dialect.lock(holder, schema, "lockstep_history").tryAcquire()).isTrue();

            assertThatThrownBy(() -> configure(database).lockTimeout(Duration.ofSeconds(1)).load().migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(4);
                        assertThat(e.getMessage()).contains("stuck-replica:42", "--lock-timeout");
                    });
            assertThat(database.query("SELECT count(*) FROM pg_tables WHERE tablename = 'a'")).containsExactly("0");
        }
    }

    @Test
    void mariaDbJournalsEachStatementAndStopsForRepairAfterAPartialFailure() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            write("V1__three_steps.sql", "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\nINSERT INTO nowhere VALUES (1);\n");

            assertThatThrownBy(() -> configure(database).load().migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.MIGRATION_FAILED);
                        assertThat(e.getMessage()).contains("statement 3 of 3", "line 3", "statements 1 to 2 took effect");
                    });
            assertThat(database.query("SELECT CONCAT(status, ':', statements_done, '/', statements_total)"
                    + " FROM lockstep_history")).containsExactly("failed:2/3");
            assertThat(database.query("SELECT error FROM lockstep_history")).singleElement().asString()
                    .contains("statement 3 of 3 (line 3)", "nowhere");

            assertThatThrownBy(() -> configure(database).load().migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.exitCode()).isEqualTo(7));
        }
    }

    @Test
    void mariaDbRollsBackTheRowChangesBeforeAFailedOneBetweenTheSameTwoDdlStatements() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            write("V1__mixed.sql", "CREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);\nINSERT INTO a VALUES (2);\n"
                    + "INSERT INTO nowhere VALUES (1);\nCREATE TABLE b (id INT);\n");

            assertThatThrownBy(() -> configure(database).load().migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.MIGRATION_FAILED);
                        assertThat(e.getMessage()).contains("statement 4 of 5", "line 4", "statement 1 took effect",
                                "Statements 2 to 3 ran in one transaction with it", "rolled back with it");
                    });
            assertThat(database.query("SELECT COUNT(*) FROM a")).as("rolled back with the failed one").containsExactly("0");
            assertThat(database.query("SELECT CONCAT(status, ':', statements_done, '/', statements_total)"
                    + " FROM lockstep_history")).containsExactly("failed:1/5");
        }
    }

    @Test
    void mariaDbRunsARowOnlyMigrationAtomically() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            write("V1__create.sql", "CREATE TABLE a (id INT PRIMARY KEY);\n");
            write("V2__rows.sql", "INSERT INTO a VALUES (1);\nINSERT INTO a VALUES (1);\n");

            assertThatThrownBy(() -> configure(database).load().migrate()).isInstanceOf(LockstepException.class);

            assertThat(database.query("SELECT COUNT(*) FROM a")).as("first insert rolled back").containsExactly("0");
            assertThat(database.query("SELECT statements_done FROM lockstep_history WHERE version = '2'")).containsExactly("0");
        }
    }

    @Test
    void mariaDbRunsEveryMigrationInItsDatabaseWithLockstepsSettingsWhateverTheOneBeforeChanged() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            String look = "INSERT INTO seen SELECT %d, DATABASE(), @@SESSION.lock_wait_timeout;\n";
            write("V1__create.sql", "CREATE TABLE seen (version INT, db VARCHAR(64), lock_wait INT);\n");
            write("V2__wander.sql", look.formatted(2) + "SET SESSION lock_wait_timeout = 99;\nUSE information_schema;\n");
            write("V3__rows.sql", look.formatted(3) + "SET SESSION lock_wait_timeout = 98;\n");
            write("V4__ddl.sql", look.formatted(4) + "CREATE TABLE later (id INT);\nSET SESSION lock_wait_timeout = 97;\n");
            write("V5__rows.sql", look.formatted(5));

            configure(database).load().migrate();

            List<String> seen = database.query("SELECT CONCAT(version, ' ', db, ' ', lock_wait) FROM seen ORDER BY version");
            String first = seen.get(0).substring(2);
            assertThat(first).startsWith(database.name() + " ").doesNotEndWith(" 99").doesNotEndWith(" 98").doesNotEndWith(" 97");
            assertThat(seen).containsExactly("2 " + first, "3 " + first, "4 " + first, "5 " + first);
        }
    }

    @Test
    void aStatementOverTheStatementTimeoutFailsTheMigration() throws Exception {
        for (TestDatabase.Kind kind : new TestDatabase.Kind[] {TestDatabase.Kind.POSTGRESQL, TestDatabase.Kind.MARIADB}) {
            try (TestDatabase database = TestDatabase.create(kind, folder)) {
                write("V1__slow.sql", kind == TestDatabase.Kind.POSTGRESQL ? "SELECT pg_sleep(10);\n"
                        : "SELECT SLEEP(10) FROM (SELECT 1 UNION SELECT 2) t;\n");

                assertThatThrownBy(() -> configure(database).statementTimeout(Duration.ofMillis(500)).load().migrate())
                        .as(kind.name()).isInstanceOfSatisfying(LockstepException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.MIGRATION_FAILED);
                            assertThat(e.getMessage()).containsIgnoringCase("V1__slow.sql").containsPattern("(?i)timeout|max_statement_time|interrupted");
                        });
            }
        }
    }

    @Test
    void mysqlUrlsWorkThroughTheMariaDbDriver() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            write("V1__create.sql", "CREATE TABLE a (id INT);\n");

            MigrateResult result = configure(database).url(database.url().replace("jdbc:mariadb:", "jdbc:mysql:"))
                    .load().migrate();

            assertThat(result.currentVersion()).isEqualTo("1");
        }
    }

    @Test
    void refusedCredentialsFailAtOnceWithoutRetrying() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            FakeTime time = new FakeTime();

            assertThatThrownBy(() -> Seams.load(configure(database).url(database.url() + "&password=not-the-password"),
                    time.clock(), time).migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.DATABASE_UNREACHABLE);
                        assertThat(e.getMessage()).contains("refused the credentials").doesNotContain("not-the-password");
                    });
            assertThat(time.sleeps()).as("not retried").isEmpty();
        }
    }
}
