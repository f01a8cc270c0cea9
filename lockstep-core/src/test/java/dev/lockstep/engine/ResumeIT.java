package dev.lockstep.engine;

import dev.lockstep.LockMode;
import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.result.MigrateResult;
import dev.lockstep.source.Checksum;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A replica killed inside a migration that runs statement by statement leaves its {@code running}
 * row and its journal. The replica that takes the lock next judges the statement that was in
 * flight from the real catalog and resumes, or stops with exit 7 when nothing tells. Each test
 * recreates what the killed replica left: the statements that ran, and its running row.
 */
class ResumeIT {
    private static final String V2 = """
            CREATE TABLE accounts (id INT PRIMARY KEY);
            ALTER TABLE accounts ADD COLUMN email VARCHAR(200);
            INSERT INTO accounts (id, email) VALUES (1, 'a@example.com');
            CREATE INDEX accounts_email ON accounts (email);
            """;

    @TempDir
    Path folder;
    Path migrations;

    @BeforeEach
    void setUp() throws IOException {
        migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__seed.sql"), "CREATE TABLE seed (id INT);\n");
    }

    private LockstepConfig.Builder configure(TestDatabase database) {
        return Lockstep.configure().url(database.url()).locations(migrations.toString()).connectTimeout(Duration.ofSeconds(5));
    }

    /**
     * Replica {@code api-1} migrates a V2 that sleeps for 30 s; its migrating session is ended from outside while the
     * statement runs. Returns what the migrate threw, or {@code null} if it returned.
     */
    private Throwable migrateWhileTheSessionIsCut(TestDatabase database, LockstepConfig.Builder replica) throws Exception {
        Files.writeString(migrations.resolve("V2__slow.sql"), "CREATE TABLE slow (id int);\nSELECT pg_sleep(30);\n");
        java.util.concurrent.CompletableFuture<Throwable> migrating = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                replica.replicaId("api-1").load().migrate();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        database.awaitRunning("V2__slow.sql");
        database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'");
        return migrating.get(20, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** What a replica killed inside {@code script} leaves: statements 1..done journaled, its row still running. */
    private static void killedInside(TestDatabase database, String script, String sql, int total, int done) throws Exception {
        String version = script.substring(1, script.indexOf("__"));
        String started = database.kind() == TestDatabase.Kind.SQLITE ? "2026-01-01T00:00:00Z" : "2026-01-01 00:00:00";
        database.execute("INSERT INTO lockstep_history (installed_rank, version, description, type, script, checksum, status,"
                + " statements_total, statements_done, replica, started_at) VALUES (2, '" + version + "', 'step', 'SQL', '"
                + script + "', '" + Checksum.of(sql) + "', 'running', " + total + ", " + done + ", 'api-1:41', '" + started + "')");
    }

    @Test
    void mariadbCountsADdlStatementThatTookEffectAndGoesOn() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            configure(database).load().migrate();
            Files.writeString(migrations.resolve("V2__step.sql"), V2);
            // Killed after ALTER TABLE committed (DDL commits at once on MySQL), before its journal entry.
            database.execute("CREATE TABLE accounts (id INT PRIMARY KEY)");
            database.execute("ALTER TABLE accounts ADD COLUMN email VARCHAR(200)");
            killedInside(database, "V2__step.sql", V2, 4, 1);

            MigrateResult result = configure(database).load().migrate();

            assertThat(result.applied()).extracting(MigrateResult.AppliedStep::version).containsExactly("2");
            assertThat(database.query("SELECT email FROM accounts")).containsExactly("a@example.com");
            assertThat(database.query("SELECT count(*) FROM information_schema.statistics WHERE table_schema = DATABASE()"
                    + " AND index_name = 'accounts_email'")).containsExactly("1");
            assertThat(database.query("SELECT CONCAT(status, ':', statements_done) FROM lockstep_history WHERE version = '2'"
                    + " ORDER BY installed_rank")).containsExactly("failed:2", "applied:4");
            assertThat(database.query("SELECT error FROM lockstep_history WHERE installed_rank = 2")).singleElement().asString()
                    .startsWith("resumable: replica api-1:41 stopped while applying it after 1 of 4 statements")
                    .contains("statement 2 (line 2) took effect", "column accounts.email present");
        }
    }

    @Test
    void mariadbRunsAgainADdlStatementThatLeftNothing() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            configure(database).load().migrate();
            Files.writeString(migrations.resolve("V2__step.sql"), V2);
            database.execute("CREATE TABLE accounts (id INT PRIMARY KEY)");
            killedInside(database, "V2__step.sql", V2, 4, 1);

            configure(database).load().migrate();

            assertThat(database.query("SELECT email FROM accounts")).containsExactly("a@example.com");
            assertThat(database.query("SELECT error FROM lockstep_history WHERE installed_rank = 2")).singleElement().asString()
                    .contains("statement 2 (line 2) did not take effect", "column accounts.email present");
        }
    }

    @Test
    void mariadbNeverCountsARowChangeTwice() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            configure(database).load().migrate();
            Files.writeString(migrations.resolve("V2__step.sql"), V2);
            // The INSERT commits with its journal entry: a kill before that commit rolled both back.
            database.execute("CREATE TABLE accounts (id INT PRIMARY KEY)");
            database.execute("ALTER TABLE accounts ADD COLUMN email VARCHAR(200)");
            killedInside(database, "V2__step.sql", V2, 4, 2);

            configure(database).load().migrate();

            assertThat(database.query("SELECT count(*) FROM accounts")).containsExactly("1");
            assertThat(database.query("SELECT error FROM lockstep_history WHERE installed_rank = 2")).singleElement().asString()
                    .contains("commits together with its journal entry");
        }
    }

    @Test
    void mariadbStopsWithExit7WhenTheCatalogCannotTell() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            configure(database).load().migrate();
            String v2 = "CREATE TABLE parents (id INT PRIMARY KEY);\nCREATE TABLE kids (id INT, parent INT);\n"
                    + "ALTER TABLE kids ADD FOREIGN KEY (parent) REFERENCES parents (id);\n";
            Files.writeString(migrations.resolve("V2__fk.sql"), v2);
            database.execute("CREATE TABLE parents (id INT PRIMARY KEY)");
            database.execute("CREATE TABLE kids (id INT, parent INT)");
            killedInside(database, "V2__fk.sql", v2, 3, 2);

            assertThatThrownBy(() -> configure(database).load().migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REPAIR_NEEDED))
                    .hasMessageContaining("V2__fk.sql")
                    .hasMessageContaining("statement 3 (line 3) may or may not have taken effect")
                    .hasMessageContaining("lockstep repair --retry 2")
                    .hasMessageContaining("--mark-applied 2 --statement");
            assertThat(database.query("SELECT status FROM lockstep_history WHERE installed_rank = 2")).containsExactly("failed");
        }
    }

    @Test
    void postgresDropsTheInvalidIndexOfAKilledConcurrentBuildAndBuildsItAgain() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            configure(database).load().migrate();
            String v2 = "SET search_path = app;\nCREATE UNIQUE INDEX CONCURRENTLY orders_number ON orders (number);\n";
            Files.writeString(migrations.resolve("V2__index.sql"), v2);
            database.execute("CREATE SCHEMA app");
            database.execute("CREATE TABLE app.orders (number int)");
            // A concurrent build that died leaves an INVALID index; duplicates make one here.
            database.execute("INSERT INTO app.orders VALUES (1), (1)");
            assertThatThrownBy(() -> database.execute("CREATE UNIQUE INDEX CONCURRENTLY orders_number ON app.orders (number)"));
            database.execute("DELETE FROM app.orders");
            killedInside(database, "V2__index.sql", v2, 2, 1);

            configure(database).load().migrate();

            // The resumed statement ran again in schema app: the SET before the resume point was replayed.
            assertThat(database.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'app.orders_number'::regclass"))
                    .containsExactly("t");
            assertThat(database.query("SELECT status FROM lockstep_history WHERE version = '2' ORDER BY installed_rank"))
                    .containsExactly("failed", "applied");
            assertThat(database.query("SELECT error FROM lockstep_history WHERE installed_rank = 2")).singleElement().asString()
                    .contains("did not take effect");
        }
    }

    @Test
    void aReplicaThatLosesItsConnectionStopsAtOnceAndTheNextOneCarriesOn() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            configure(database).load().migrate();

            assertThat(migrateWhileTheSessionIsCut(database, configure(database)))
                    .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MIGRATION_FAILED))
                    .hasMessageContaining("Lost the connection to the database while applying")
                    .hasMessageContaining("The migration lock went with the session, so this replica stops here");
            // Someone shortens the slow file meanwhile: the rolled-back migration runs again as it is now.
            Files.writeString(migrations.resolve("V2__slow.sql"), "CREATE TABLE slow (id int);\n");
            configure(database).load().migrate();
            assertThat(database.query("SELECT status FROM lockstep_history WHERE version = '2' ORDER BY installed_rank"))
                    .containsExactly("failed", "applied");
        }
    }

    @Test
    void aLeaseHolderThatLosesItsConnectionStopsAtOnceAndItsLeaseLapsesBeforeTheNextOneCarriesOn() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            configure(database).lockMode(LockMode.LEASE).load().migrate();

            // Only the migrating session dies: the heartbeat's connection is another backend.
            assertThat(migrateWhileTheSessionIsCut(database,
                    configure(database).lockMode(LockMode.LEASE).leaseDuration(Duration.ofSeconds(2))))
                    .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MIGRATION_FAILED))
                    .hasMessageContaining("Lost the connection to the database while applying")
                    .hasMessageContaining("This replica stops here. Its lease on the migration lock in lockstep_lock did not go"
                            + " with the session: it lapses 2s after its last renewal, and only then can another replica take it over.")
                    .message().doesNotContain("went with the session");
            assertThat(database.query("SELECT owner FROM lockstep_lock")).as("the lease is left to lapse").containsExactly("api-1");
            Files.writeString(migrations.resolve("V2__slow.sql"), "CREATE TABLE slow (id int);\n");
            configure(database).lockMode(LockMode.LEASE).load().migrate();
            assertThat(database.query("SELECT status FROM lockstep_history WHERE version = '2' ORDER BY installed_rank"))
                    .containsExactly("failed", "applied");
        }
    }

    @Test
    void sqliteResumesANoTransactionMigrationAfterItsJournal() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.SQLITE, folder)) {
            configure(database).load().migrate();
            String v2 = "-- lockstep:no-transaction\nCREATE TABLE a (id INT);\nINSERT INTO a VALUES (1);\nCREATE TABLE b (id INT);\n";
            Files.writeString(migrations.resolve("V2__loose.sql"), v2);
            database.execute("CREATE TABLE a (id INT)");
            database.execute("INSERT INTO a VALUES (1)");
            killedInside(database, "V2__loose.sql", v2, 3, 2);

            configure(database).load().migrate();

            assertThat(database.query("SELECT count(*) FROM a")).containsExactly("1");
            assertThat(database.query("SELECT count(*) FROM sqlite_master WHERE name = 'b'")).containsExactly("1");
        }
    }

    /**
     * Migrates after a replica was killed inside {@code script}, which had run {@code ranBeforeTheKill} (statements
     * 1 to {@code done}, and perhaps the one in flight); returns the error recorded on the dead replica's row.
     */
    private String resumedAfterKill(TestDatabase database, String script, String sql, int done, String... ranBeforeTheKill)
            throws Exception {
        configure(database).load().migrate();
        Files.writeString(migrations.resolve(script), sql);
        for (String statement : ranBeforeTheKill) {
            database.execute(statement);
        }
        killedInside(database, script, sql, (int) sql.lines().count(), done);
        configure(database).load().migrate();
        return database.query("SELECT error FROM lockstep_history WHERE installed_rank = 2").get(0);
    }

    @Test
    void mariadbCountsAUniqueIndexAddedWithoutTheIndexKeyword() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            // MySQL's ADD UNIQUE name (...) adds an index, not a column: the kill came after it committed.
            String error = resumedAfterKill(database, "V2__unique.sql", """
                    CREATE TABLE accounts (id INT PRIMARY KEY, email VARCHAR(200));
                    ALTER TABLE accounts ADD UNIQUE accounts_email (email);
                    INSERT INTO accounts (id, email) VALUES (1, 'a@example.com');
                    """, 1, "CREATE TABLE accounts (id INT PRIMARY KEY, email VARCHAR(200))",
                    "ALTER TABLE accounts ADD UNIQUE accounts_email (email)");

            assertThat(database.query("SELECT email FROM accounts")).containsExactly("a@example.com");
            assertThat(error).contains("statement 2 (line 2) took effect", "index accounts.accounts_email present");
        }
    }

    @Test
    void mariadbLooksForANamedPrimaryKeyUnderTheNameTheCatalogGivesIt() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.MARIADB, folder)) {
            // MariaDB ignores the name: the catalog calls every primary key PRIMARY.
            String error = resumedAfterKill(database, "V2__primary.sql", """
                    CREATE TABLE accounts (id INT NOT NULL, email VARCHAR(200));
                    ALTER TABLE accounts ADD CONSTRAINT accounts_pk PRIMARY KEY (id);
                    INSERT INTO accounts (id, email) VALUES (1, 'a@example.com');
                    """, 1, "CREATE TABLE accounts (id INT NOT NULL, email VARCHAR(200))",
                    "ALTER TABLE accounts ADD CONSTRAINT accounts_pk PRIMARY KEY (id)");

            assertThat(database.query("SELECT email FROM accounts")).containsExactly("a@example.com");
            assertThat(error).contains("statement 2 (line 2) took effect", "constraint accounts.PRIMARY present");
        }
    }

    @Test
    void postgresLooksForNamesAsPostgresFoldsThem() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder)) {
            // A file with its own transaction runs in autocommit: its DDL is judged by the catalog.
            String error = resumedAfterKill(database, "V2__folded.sql", """
                    CREATE TABLE Accounts (id int);
                    ALTER TABLE Accounts ADD COLUMN "Email" text;
                    BEGIN;
                    INSERT INTO accounts (id, "Email") VALUES (1, 'a@example.com');
                    COMMIT;
                    """, 1, "CREATE TABLE Accounts (id int)", "ALTER TABLE Accounts ADD COLUMN \"Email\" text");

            assertThat(database.query("SELECT \"Email\" FROM accounts")).containsExactly("a@example.com");
            assertThat(error).contains("statement 2 (line 2) took effect", "column accounts.Email present");
        }
    }

    @Test
    void sqliteJudgesARenamedColumnByTheCatalog() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.SQLITE, folder)) {
            String error = resumedAfterKill(database, "V2__renamed.sql", """
                    CREATE TABLE accounts (id INT, mail TEXT);
                    ALTER TABLE accounts RENAME COLUMN mail TO email;
                    BEGIN;
                    INSERT INTO accounts (id, email) VALUES (1, 'a@example.com');
                    COMMIT;
                    """, 1, "CREATE TABLE accounts (id INT, email TEXT)");

            assertThat(database.query("SELECT email FROM accounts")).containsExactly("a@example.com");
            assertThat(error).contains("statement 2 (line 2) took effect", "column accounts.mail absent, column accounts.email present");
        }
    }
}
