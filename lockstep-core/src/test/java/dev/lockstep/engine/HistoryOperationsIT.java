package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.OtherTool;
import dev.lockstep.UndoOptions;
import dev.lockstep.db.Dialect;
import dev.lockstep.db.Databases;
import dev.lockstep.db.SessionLock;
import dev.lockstep.error.LockstepException;
import dev.lockstep.result.BaselineResult;
import dev.lockstep.result.DryRunResult;
import dev.lockstep.result.MigrateResult;
import dev.lockstep.result.Problem;
import dev.lockstep.result.UndoResult;
import dev.lockstep.testing.TestDatabase;
import dev.lockstep.testing.TestDatabase.Kind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Undo, baseline, adoption, dry run and callbacks on each real database. MariaDB commits DDL by itself, so
 * its undo files run statement by statement with a journal, unlike PostgreSQL and SQLite.
 */
class HistoryOperationsIT {
    @TempDir
    Path folder;

    private Path migrations(String... files) throws IOException {
        Path dir = Files.createDirectories(folder.resolve("db/migration"));
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(dir.resolve(files[i]), files[i + 1]);
        }
        return dir;
    }

    /** Three versions with undo files, in SQL every database runs; V3 has two DDL statements. */
    private Path standardMigrations() throws IOException {
        return migrations(
                "V1__customers.sql", "CREATE TABLE customers (id INT PRIMARY KEY);",
                "U1__customers.sql", "DROP TABLE customers;",
                "V2__name.sql", "ALTER TABLE customers ADD COLUMN name VARCHAR(100);",
                "U2__name.sql", "ALTER TABLE customers DROP COLUMN name;",
                "V3__orders.sql", "CREATE TABLE orders (id INT);\nCREATE TABLE order_lines (id INT);\nINSERT INTO orders VALUES (1);",
                "U3__orders.sql", "DROP TABLE order_lines;\nDROP TABLE orders;");
    }

    private LockstepConfig.Builder configure(TestDatabase database, Path locations) {
        return Lockstep.configure().url(database.url()).locations(locations.toString()).replicaId("it-1")
                .connectTimeout(Duration.ofSeconds(5)).lockTimeout(Duration.ofSeconds(2));
    }

    private static List<String> tables(TestDatabase database) throws Exception {
        return switch (database.kind()) {
            case POSTGRESQL -> database.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
            case MARIADB -> database.query("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY 1");
            case SQLITE -> database.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1");
        };
    }

    private static List<String> rows(TestDatabase database) throws Exception {
        return database.query("SELECT " + concat(database, "version", "':'", "type", "':'", "status")
                + " FROM lockstep_history ORDER BY installed_rank");
    }

    private static String concat(TestDatabase database, String... parts) {
        return database.kind() == Kind.MARIADB ? "CONCAT(" + String.join(", ", parts) + ")" : String.join(" || ", parts);
    }

    // ---- undo -------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void undoesSeveralStepsThenToAVersionAndMigratesBackUp(Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            Path locations = standardMigrations();
            configure(database, locations).load().migrate();

            UndoResult one = configure(database, locations).load().undo(UndoOptions.count(2));
            assertThat(one.undone()).extracting(UndoResult.Step::version).containsExactly("3", "2");
            assertThat(tables(database)).containsExactlyInAnyOrder("customers", "lockstep_history", "lockstep_history_fingerprint");

            UndoResult all = configure(database, locations).load().undo(UndoOptions.to("0"));
            assertThat(all.undone()).extracting(UndoResult.Step::version).containsExactly("1");
            assertThat(all.currentVersion()).isNull();
            assertThat(rows(database)).containsExactly("1:SQL:undone", "2:SQL:undone", "3:SQL:undone",
                    "3:UNDO:applied", "2:UNDO:applied", "1:UNDO:applied");

            MigrateResult again = configure(database, locations).load().migrate();
            assertThat(again.currentVersion()).isEqualTo("3");
            assertThat(database.query("SELECT count(*) FROM orders")).containsExactly("1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void refusesAnUndoWithAMissingUndoFileBeforeTouchingAnything(Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            Path locations = standardMigrations();
            configure(database, locations).load().migrate();
            Files.delete(locations.resolve("U2__name.sql"));

            assertThatThrownBy(() -> configure(database, locations).load().undo(UndoOptions.to("1")))
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(5);
                        assertThat(e.getMessage()).contains("U2__name.sql");
                    });
            assertThat(tables(database)).contains("orders", "order_lines");
            assertThat(rows(database)).containsExactly("1:SQL:applied", "2:SQL:applied", "3:SQL:applied");
        }
    }

    // ---- baseline ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void refusesANonEmptySchemaWithoutHistoryThenBaselinesIt(Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            Path locations = standardMigrations();
            database.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100))");

            assertThatThrownBy(() -> configure(database, locations).load().migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(5);
                        assertThat(e.getMessage()).contains("(customers)", "lockstep baseline --baseline-version");
                    });
            BaselineResult baseline = configure(database, locations).load().baseline("2");
            MigrateResult result = configure(database, locations).load().migrate();

            assertThat(baseline.changed()).isTrue();
            assertThat(result.applied()).extracting(MigrateResult.AppliedStep::version).containsExactly("3");
            assertThat(rows(database)).containsExactly("2:BASELINE:applied", "3:SQL:applied");
        }
    }

    // ---- adoption ---------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void adoptsFlywaysHistoryWithoutRunningAnythingAgain(Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            Path locations = standardMigrations();
            database.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100))");
            createFlywayHistory(database);
            insertFlyway(database, 1, "1", "customers", "SQL", "V1__customers.sql", true);
            insertFlyway(database, 2, "1.5", "dropped later", "SQL", "V1.5__dropped_later.sql", true);
            insertFlyway(database, 3, "2", "name", "SQL", "V2__name.sql", true);

            assertThatThrownBy(() -> configure(database, locations).load().adopt(OtherTool.FLYWAY, null, true))
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(5);
                        assertThat(e.getMessage()).contains("1.5 (V1.5__dropped_later.sql)");
                    });
            BaselineResult adopted = configure(database, locations).load().adopt(OtherTool.FLYWAY, null, false);
            MigrateResult result = configure(database, locations).load().migrate();

            assertThat(adopted.recorded()).containsExactly("1", "1.5", "2");
            assertThat(adopted.notLocal()).containsExactly("1.5 (V1.5__dropped_later.sql)");
            assertThat(adopted.warnings()).singleElement().asString().contains("no local file");
            assertThat(result.applied()).extracting(MigrateResult.AppliedStep::version).containsExactly("3");
            assertThat(database.query("SELECT installed_by FROM lockstep_history WHERE version = '1'"))
                    .containsExactly("flyway_user");
            assertThat(configure(database, locations).load().validate().errors()).as("checksums are lockstep's own")
                    .extracting(Problem::kind).containsExactly(Problem.Kind.MISSING);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void refusesToAdoptAFlywayHistoryWithAFailedMigration(Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            Path locations = standardMigrations();
            createFlywayHistory(database);
            insertFlyway(database, 1, "1", "customers", "SQL", "V1__customers.sql", true);
            insertFlyway(database, 2, "2", "name", "SQL", "V2__name.sql", false);

            assertThatThrownBy(() -> configure(database, locations).load().adopt(OtherTool.FLYWAY, null, false))
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(7);
                        assertThat(e.getMessage()).contains("V2__name.sql", "success = false");
                    });
            assertThat(tables(database)).as("refused before the lock").doesNotContain("lockstep_history");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void adoptsGolangMigratesVersionAndRefusesADirtyOne(Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            Path locations = migrations(
                    "000001_customers.up.sql", "CREATE TABLE customers (id INT PRIMARY KEY);",
                    "000001_customers.down.sql", "DROP TABLE customers;",
                    "000002_name.up.sql", "ALTER TABLE customers ADD COLUMN name VARCHAR(100);",
                    "000003_orders.up.sql", "CREATE TABLE orders (id INT);");
            database.execute("CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100))");
            for (String sql : golangMigrateTable(kind)) {
                database.execute(sql);
            }
            database.execute("INSERT INTO schema_migrations (version, dirty) VALUES (2, TRUE)");

            assertThatThrownBy(() -> configure(database, locations).load().adopt(OtherTool.GOLANG_MIGRATE, null, false))
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(7);
                        assertThat(e.getMessage()).contains("version 2 as dirty");
                    });
            database.execute("UPDATE schema_migrations SET dirty = FALSE");
            BaselineResult adopted = configure(database, locations).load().adopt(OtherTool.GOLANG_MIGRATE, null, false);
            MigrateResult result = configure(database, locations).load().migrate();

            assertThat(adopted.recorded()).containsExactly("000001", "000002");
            assertThat(result.applied()).extracting(MigrateResult.AppliedStep::script).containsExactly("000003_orders.up.sql");
        }
    }

    // ---- dry run ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void dryRunTakesNoLockChangesNothingAndListsWhatMigrateThenExecutes(Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            Path locations = standardMigrations();
            Files.writeString(locations.resolve("afterMigrate.sql"), "INSERT INTO orders VALUES (${next});");
            DryRunResult plan;
            try (Connection holder = DriverManager.getConnection(database.url())) {
                Dialect dialect = Databases.dialectOf(holder, database.url(), false, "holder:1");
                String schema = dialect.openSession(holder, null, "holder:1");
                SessionLock lock = dialect.lock(holder, schema, "lockstep_history");
                assertThat(lock.tryAcquire()).isTrue();

                plan = configure(database, locations).placeholder("next", "2").load().dryRunMigrate();
                lock.release();
            }
            assertThat(tables(database)).as("nothing changed").isEmpty();

            RecordingDataSource recording = new RecordingDataSource(database.url());
            Lockstep.configure().dataSource(recording).locations(locations.toString()).replicaId("it-1")
                    .lockTimeout(Duration.ofSeconds(2)).placeholder("next", "2").load().migrate();

            List<String> planned = plan.steps().stream().flatMap(s -> s.statements().stream()).toList();
            assertThat(planned).endsWith("INSERT INTO orders VALUES (2)");
            assertThat(recording.executed().stream().filter(planned::contains).toList())
                    .as("each planned statement once, in the planned order").isEqualTo(planned);
            assertThat(plan.steps()).extracting(DryRunResult.Step::inTransaction)
                    .containsExactly(kind != Kind.MARIADB, kind != Kind.MARIADB, kind != Kind.MARIADB, true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void migrateRunsTheVeryStepsItsDryRunListsInTheSameOrder(Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            database.execute("CREATE TABLE legacy (id INT)");
            Path locations = migrations(
                    "V1__legacy.sql", "CREATE TABLE legacy (id INT);",
                    "V2__customers.sql", "CREATE TABLE customers (id INT PRIMARY KEY);",
                    "V3__orders.sql", "CREATE TABLE orders (id INT);\nINSERT INTO orders VALUES (3);",
                    "beforeMigrate.sql", "INSERT INTO legacy VALUES (100);",
                    "beforeEachMigrate.sql", "INSERT INTO legacy VALUES (200);",
                    "afterMigrate.sql", "INSERT INTO legacy VALUES (300);");
            Path trace = folder.resolve("trace");
            LockstepConfig.Builder baselineOnMigrate = configure(database, locations).baselineOnMigrate(true)
                    .beforeMigrateCommand("echo COMMAND >> '" + trace + "'");

            DryRunResult dryRun = baselineOnMigrate.load().dryRunMigrate();
            RecordingDataSource recording = new RecordingDataSource(database.url(), trace);
            baselineOnMigrate.url(null).dataSource(recording).load().migrate();

            List<String> planned = dryRun.steps().stream().flatMap(step -> switch (step.kind()) {
                case COMMAND -> Stream.of("COMMAND");
                case BASELINE -> Stream.of("BASELINE");
                default -> step.statements().stream();
            }).toList();
            assertThat(planned).startsWith("COMMAND", "BASELINE", "INSERT INTO legacy VALUES (100)");
            assertThat(executedSteps(recording.traced(), planned)).isEqualTo(planned);
            assertThat(rows(database)).containsExactly("1:BASELINE:applied", "2:SQL:applied", "3:SQL:applied");
        }
    }

    /**
     * What ran, in the dry run's terms: the command's own line, the first history row written (the baseline, before
     * any migration's running row), and every statement the dry run listed; lockstep's bookkeeping dropped.
     */
    private static List<String> executedSteps(List<String> traced, List<String> planned) {
        List<String> steps = new ArrayList<>();
        boolean baselineSeen = false;
        for (String sql : traced) {
            String upper = sql.strip().toUpperCase(Locale.ROOT);
            if (!baselineSeen && upper.startsWith("INSERT INTO") && upper.matches("(?s).*LOCKSTEP_HISTORY\\W*\\s*\\(.*")) {
                baselineSeen = true;
                steps.add("BASELINE");
            } else if (sql.equals("COMMAND") || planned.contains(sql)) {
                steps.add(sql);
            }
        }
        return steps;
    }

    // ---- callbacks and the before-migrate command -------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void runsCallbacksInOrderAroundEachMigration(Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            Path locations = migrations(
                    "V1__a.sql", "CREATE TABLE a (id INT);",
                    "V2__b.sql", "CREATE TABLE b (id INT);",
                    "beforeMigrate.sql", "CREATE TABLE IF NOT EXISTS events (seq INT, event VARCHAR(40));\n"
                            + "INSERT INTO events VALUES (0, 'beforeMigrate');",
                    "beforeEachMigrate.sql", "INSERT INTO events SELECT COUNT(*), 'beforeEach' FROM events;",
                    "afterEachMigrate.sql", "INSERT INTO events SELECT COUNT(*), 'afterEach' FROM events;",
                    "afterMigrate.sql", "INSERT INTO events SELECT COUNT(*), 'afterMigrate' FROM events;");

            configure(database, locations).load().migrate();

            assertThat(database.query("SELECT event FROM events ORDER BY seq")).containsExactly("beforeMigrate",
                    "beforeEach", "afterEach", "beforeEach", "afterEach", "afterMigrate");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void aFailingBackupCommandLeavesTheDatabaseUntouched(Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder)) {
            Path locations = standardMigrations();

            assertThatThrownBy(() -> configure(database, locations)
                    .beforeMigrateCommand("echo 'pg_dump: could not connect' >&2; exit 1").load().migrate())
                    .isInstanceOfSatisfying(LockstepException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(6);
                        assertThat(e.getMessage()).contains("exited with code 1", "pg_dump: could not connect",
                                "nothing was applied");
                    });
            assertThat(tables(database)).containsExactly("lockstep_history");
            assertThat(database.query("SELECT count(*) FROM lockstep_history")).containsExactly("0");
        }
    }

    // ---- other tools' tables, as those tools create them ------------------------------------

    /** flyway_schema_history as Flyway creates it on each database. */
    private static void createFlywayHistory(TestDatabase database) throws Exception {
        switch (database.kind()) {
            case POSTGRESQL -> {
                database.execute("CREATE TABLE \"public\".\"flyway_schema_history\" (\"installed_rank\" INT NOT NULL,"
                        + " \"version\" VARCHAR(50), \"description\" VARCHAR(200) NOT NULL, \"type\" VARCHAR(20) NOT NULL,"
                        + " \"script\" VARCHAR(1000) NOT NULL, \"checksum\" INTEGER, \"installed_by\" VARCHAR(100) NOT NULL,"
                        + " \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(), \"execution_time\" INTEGER NOT NULL,"
                        + " \"success\" BOOLEAN NOT NULL)");
                database.execute("ALTER TABLE \"public\".\"flyway_schema_history\" ADD CONSTRAINT"
                        + " \"flyway_schema_history_pk\" PRIMARY KEY (\"installed_rank\")");
                database.execute("CREATE INDEX \"flyway_schema_history_s_idx\" ON \"public\".\"flyway_schema_history\" (\"success\")");
            }
            case MARIADB -> {
                database.execute("CREATE TABLE `flyway_schema_history` (`installed_rank` INT NOT NULL, `version` VARCHAR(50),"
                        + " `description` VARCHAR(200) NOT NULL, `type` VARCHAR(20) NOT NULL, `script` VARCHAR(1000) NOT NULL,"
                        + " `checksum` INT, `installed_by` VARCHAR(100) NOT NULL, `installed_on` TIMESTAMP NOT NULL DEFAULT"
                        + " CURRENT_TIMESTAMP, `execution_time` INT NOT NULL, `success` BOOL NOT NULL,"
                        + " CONSTRAINT `flyway_schema_history_pk` PRIMARY KEY (`installed_rank`)) ENGINE=InnoDB");
                database.execute("CREATE INDEX `flyway_schema_history_s_idx` ON `flyway_schema_history` (`success`)");
            }
            case SQLITE -> database.execute("CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT NOT NULL PRIMARY KEY,"
                    + " \"version\" VARCHAR(50), \"description\" VARCHAR(200) NOT NULL, \"type\" VARCHAR(20) NOT NULL,"
                    + " \"script\" VARCHAR(1000) NOT NULL, \"checksum\" INT, \"installed_by\" VARCHAR(100) NOT NULL,"
                    + " \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),"
                    + " \"execution_time\" INT NOT NULL, \"success\" BOOLEAN NOT NULL)");
        }
    }

    private static void insertFlyway(TestDatabase database, int rank, String version, String description, String type,
                                     String script, boolean success) throws Exception {
        database.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) VALUES (" + rank + ", '" + version + "', '" + description + "', '"
                + type + "', '" + script + "', " + (-123456789 + rank) + ", 'flyway_user', 12, " + (success ? "TRUE" : "FALSE") + ")");
    }

    /** schema_migrations as golang-migrate's driver for each database creates it. */
    private static List<String> golangMigrateTable(Kind kind) {
        return switch (kind) {
            case POSTGRESQL -> List.of("CREATE TABLE IF NOT EXISTS \"public\".\"schema_migrations\""
                    + " (version bigint not null primary key, dirty boolean not null)");
            case MARIADB -> List.of("CREATE TABLE IF NOT EXISTS `schema_migrations` (version bigint not null primary key,"
                    + " dirty boolean not null)");
            case SQLITE -> List.of("CREATE TABLE IF NOT EXISTS schema_migrations (version uint64,dirty bool)",
                    "CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON schema_migrations (version)");
        };
    }
}
