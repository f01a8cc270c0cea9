package dev.lockstep.engine;

import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.UndoOptions;
import dev.lockstep.db.Dialect;
import dev.lockstep.db.Databases;
import dev.lockstep.error.LockstepException;
import dev.lockstep.result.BaselineResult;
import dev.lockstep.result.DryRunResult;
import dev.lockstep.result.HistoryEntry;
import dev.lockstep.result.HistoryResult;
import dev.lockstep.result.MigrateResult;
import dev.lockstep.result.UndoResult;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Day-two operations on a real SQLite file: dry run, target, out-of-order, history, baseline, undo, callbacks. */
class HistoryOperationsTest {
    @TempDir
    Path dir;
    Path migrations;
    TestDatabase database;

    @BeforeEach
    void setUp() throws Exception {
        migrations = Files.createDirectories(dir.resolve("db/migration"));
        database = TestDatabase.create(TestDatabase.Kind.SQLITE, dir);
        write("V1__create.sql", "CREATE TABLE customers (id INTEGER PRIMARY KEY);");
        write("U1__create.sql", "DROP TABLE customers;");
        write("V2__name.sql", "ALTER TABLE customers ADD COLUMN name TEXT;");
        write("U2__name.sql", "ALTER TABLE customers DROP COLUMN name;");
        write("V3__orders.sql", "CREATE TABLE orders (id INTEGER);\nINSERT INTO orders VALUES (1);");
        write("U3__orders.sql", "DROP TABLE orders;");
    }

    private LockstepConfig.Builder configure() {
        return Lockstep.configure().url(database.url()).locations(migrations.toString()).replicaId("test-1")
                .lockTimeout(Duration.ofSeconds(1));
    }

    private void write(String name, String sql) throws IOException {
        Files.writeString(migrations.resolve(name), sql);
    }

    private String tables() throws Exception {
        return String.join(",", database.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    }

    // ---- dry run ----------------------------------------------------------------------------

    @Test
    void dryRunListsTheExactStatementsChangesNothingAndTakesNoLock() throws Exception {
        try (Connection holder = DriverManager.getConnection(database.url())) {
            Dialect dialect = Databases.dialectOf(holder, database.url(), false, "holder:1");
            assertThat(dialect.lock(holder, "main", "lockstep_history").tryAcquire()).isTrue();

            DryRunResult plan = configure().load().dryRunMigrate();

            assertThat(plan.steps()).extracting(DryRunResult.Step::script)
                    .containsExactly("V1__create.sql", "V2__name.sql", "V3__orders.sql");
            assertThat(plan.steps().get(2).statements())
                    .containsExactly("CREATE TABLE orders (id INTEGER)", "INSERT INTO orders VALUES (1)");
            assertThat(plan.steps()).allSatisfy(step -> assertThat(step.inTransaction()).isTrue());
        }
        assertThat(tables()).as("not even the history table").isEmpty();
    }

    @Test
    void dryRunResolvesPlaceholdersAndRefusesAnUndefinedOne() throws Exception {
        write("V4__seed.sql", "INSERT INTO customers (name) VALUES ('${owner}');");

        DryRunResult plan = configure().placeholder("owner", "ada").load().dryRunMigrate();

        assertThat(plan.steps().get(3).statements()).containsExactly("INSERT INTO customers (name) VALUES ('ada')");
        assertThatThrownBy(() -> configure().load().dryRunMigrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.getMessage()).contains("V4__seed.sql:1: ${owner}"));
    }

    @Test
    void placeholdersDoNotChangeTheChecksum() throws Exception {
        write("V4__seed.sql", "INSERT INTO customers (name) VALUES ('${owner}');");
        configure().placeholder("owner", "ada").load().migrate();

        MigrateResult again = configure().placeholder("owner", "bob").load().migrate();

        assertThat(again.lockTaken()).as("nothing pending, no checksum mismatch").isFalse();
        assertThat(database.query("SELECT name FROM customers")).containsExactly("ada");
    }

    // ---- target and out-of-order ------------------------------------------------------------

    @Test
    void migratesUpToTheTargetOnly() throws Exception {
        MigrateResult result = configure().target("2").load().migrate();

        assertThat(result.currentVersion()).isEqualTo("2");
        assertThat(tables()).doesNotContain("orders");
    }

    @Test
    void appliesAnOlderVersionMergedFromAnotherBranchOnlyWhenOutOfOrderIsAllowed() throws Exception {
        Files.delete(migrations.resolve("V2__name.sql"));
        configure().load().migrate();
        write("V2__name.sql", "ALTER TABLE customers ADD COLUMN name TEXT;");

        assertThatThrownBy(() -> configure().load().migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.exitCode()).isEqualTo(5));
        MigrateResult result = configure().outOfOrder(true).load().migrate();

        assertThat(result.applied()).extracting(MigrateResult.AppliedStep::script).containsExactly("V2__name.sql");
    }

    // ---- history ----------------------------------------------------------------------------

    @Test
    void historyListsEveryRowWithWhoWhenAndFailures() throws Exception {
        write("V4__broken.sql", "INSERT INTO nowhere VALUES (1);");
        assertThatThrownBy(() -> configure().load().migrate()).isInstanceOf(LockstepException.class);

        HistoryResult history = configure().load().history();

        assertThat(history.rows()).extracting(r -> r.version() + ":" + r.status().dbValue())
                .containsExactly("1:applied", "2:applied", "3:applied", "4:failed");
        assertThat(history.rows().get(3).error()).contains("no such table");
        assertThat(history.rows()).extracting(HistoryEntry::replica).containsOnly("test-1");
        assertThat(history.rows()).allSatisfy(r -> assertThat(r.executionMs()).isNotNull());
    }

    // ---- baseline ---------------------------------------------------------------------------

    @Test
    void refusesToMigrateANonEmptySchemaWithoutHistoryBeforeChangingAnything() throws Exception {
        database.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)");

        assertThatThrownBy(() -> configure().load().migrate()).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(5);
            assertThat(e.getMessage()).contains("already holds 1 table (customers)", "lockstep baseline",
                    "--baseline-on-migrate");
        });
        assertThat(database.query("SELECT count(*) FROM lockstep_history")).containsExactly("0");
    }

    @Test
    void baselineOnMigrateCountsVersionsUpToTheBaselineAsApplied() throws Exception {
        database.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");

        MigrateResult result = configure().baselineOnMigrate(true).baselineVersion("2").load().migrate();

        assertThat(result.applied()).extracting(MigrateResult.AppliedStep::script).containsExactly("V3__orders.sql");
        assertThat(database.query("SELECT version || ':' || type FROM lockstep_history ORDER BY installed_rank"))
                .containsExactly("2:BASELINE", "3:SQL");
    }

    @Test
    void baselineIsRefusedOverHistoryButRepeatingItChangesNothing() throws Exception {
        database.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");

        BaselineResult first = configure().load().baseline("2");
        configure().load().migrate();
        BaselineResult again = configure().load().baseline("2");

        assertThat(first.changed()).isTrue();
        assertThat(again.changed()).isFalse();
        assertThatThrownBy(() -> configure().load().baseline("3")).isInstanceOfSatisfying(LockstepException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(2);
            assertThat(e.getMessage()).contains("already holds 2 rows");
        });
    }

    // ---- undo -------------------------------------------------------------------------------

    @Test
    void undoesTheLastVersionsAndRecordsEachAsUndoneWithAnAuditRow() throws Exception {
        configure().load().migrate();

        UndoResult result = configure().load().undo(UndoOptions.count(2));

        assertThat(result.undone()).extracting(UndoResult.Step::script).containsExactly("U3__orders.sql", "U2__name.sql");
        assertThat(result.currentVersion()).isEqualTo("1");
        assertThat(tables()).doesNotContain("orders");
        assertThat(database.query("SELECT version || ':' || type || ':' || status FROM lockstep_history"
                + " ORDER BY installed_rank")).containsExactly("1:SQL:applied", "2:SQL:undone", "3:SQL:undone",
                "3:UNDO:applied", "2:UNDO:applied");
    }

    @Test
    void undoToAVersionThenMigrateAppliesTheUndoneVersionsAgain() throws Exception {
        configure().load().migrate();
        configure().load().undo(UndoOptions.to("1"));

        MigrateResult again = configure().load().migrate();

        assertThat(again.applied()).extracting(MigrateResult.AppliedStep::script).containsExactly("V2__name.sql", "V3__orders.sql");
        assertThat(database.query("SELECT count(*) FROM orders")).containsExactly("1");
    }

    @Test
    void refusesAnUndoWithAMissingUndoFileBeforeTouchingAnything() throws Exception {
        configure().load().migrate();
        Files.delete(migrations.resolve("U2__name.sql"));

        assertThatThrownBy(() -> configure().load().undo(UndoOptions.count(2)))
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("Version 2", "U2__name.sql");
                });
        assertThat(tables()).contains("orders");
        assertThat(database.query("SELECT count(*) FROM lockstep_history WHERE status = 'undone' OR type = 'UNDO'"))
                .containsExactly("0");
    }

    @Test
    void aFailedUndoIsRolledBackAndLeavesTheVersionApplied() throws Exception {
        configure().load().migrate();
        write("U3__orders.sql", "DROP TABLE orders;\nDROP TABLE nowhere;");

        assertThatThrownBy(() -> configure().load().undo(UndoOptions.count(1)))
                .isInstanceOfSatisfying(LockstepException.class, e -> assertThat(e.exitCode()).isEqualTo(6));

        assertThat(tables()).contains("orders");
        assertThat(database.query("SELECT version || ':' || type || ':' || status FROM lockstep_history"
                + " WHERE version = '3' ORDER BY installed_rank")).containsExactly("3:SQL:applied", "3:UNDO:failed");
    }

    @Test
    void undoDryRunListsTheUndoFilesAndChangesNothing() throws Exception {
        configure().load().migrate();

        DryRunResult plan = configure().load().dryRunUndo(UndoOptions.to("1"));

        assertThat(plan.steps()).extracting(DryRunResult.Step::script).containsExactly("U3__orders.sql", "U2__name.sql");
        assertThat(plan.steps()).extracting(DryRunResult.Step::kind).containsOnly(DryRunResult.Kind.UNDO);
        assertThat(tables()).contains("orders");
    }

    // ---- callbacks --------------------------------------------------------------------------

    @Test
    void runsCallbacksAroundEachMigrationInOrder() throws Exception {
        Files.delete(migrations.resolve("V3__orders.sql"));
        write("beforeMigrate.sql", "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, event TEXT);\n"
                + "INSERT INTO events (event) VALUES ('beforeMigrate');");
        write("beforeEachMigrate.sql", "INSERT INTO events (event) VALUES ('beforeEach');");
        write("afterEachMigrate.sql", "INSERT INTO events (event) VALUES ('afterEach');");
        write("afterMigrate.sql", "INSERT INTO events (event) VALUES ('${last}');");

        configure().placeholder("last", "afterMigrate").load().migrate();

        assertThat(database.query("SELECT event FROM events ORDER BY id")).containsExactly("beforeMigrate",
                "beforeEach", "afterEach", "beforeEach", "afterEach", "afterMigrate");
    }

    @Test
    void runsNoCallbackWhenNothingIsPending() throws Exception {
        configure().load().migrate();
        write("beforeMigrate.sql", "CREATE TABLE ran (id INTEGER);");

        configure().load().migrate();

        assertThat(tables()).doesNotContain("ran");
    }

    @Test
    void runsAfterMigrateErrorWhenAMigrationFails() throws Exception {
        write("V4__broken.sql", "INSERT INTO nowhere VALUES (1);");
        write("afterMigrateError.sql", "CREATE TABLE failure_noted (id INTEGER);");

        assertThatThrownBy(() -> configure().load().migrate()).isInstanceOfSatisfying(LockstepException.class,
                e -> assertThat(e.exitCode()).isEqualTo(6));

        assertThat(tables()).contains("failure_noted");
    }

    @Test
    void aFailingBeforeMigrateCommandAbortsBeforeAnythingIsAppliedWithItsOutput() throws Exception {
        database.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY)");

        assertThatThrownBy(() -> configure().baselineOnMigrate(true)
                .beforeMigrateCommand("echo dumping $LOCKSTEP_SCHEMA; echo 'pg_dump: disk full' >&2; exit 3").load().migrate())
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(6);
                    assertThat(e.getMessage()).contains("exited with code 3", "nothing was applied", "dumping main",
                            "pg_dump: disk full");
                });
        assertThat(tables()).isEqualTo("customers,lockstep_history");
        assertThat(database.query("SELECT count(*) FROM lockstep_history")).as("not even the baseline").containsExactly("0");
    }

    @Test
    void theBeforeMigrateCommandRunsOnlyWhenSomethingIsPending() throws Exception {
        Path marker = dir.resolve("backups");
        String command = "echo $LOCKSTEP_PENDING >> '" + marker + "'";
        configure().beforeMigrateCommand(command).load().migrate();
        configure().beforeMigrateCommand(command).load().migrate();

        assertThat(Files.readAllLines(marker)).containsExactly("V1__create.sql V2__name.sql V3__orders.sql");
    }
}
