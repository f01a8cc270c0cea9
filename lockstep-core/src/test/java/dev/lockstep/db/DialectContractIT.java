package dev.lockstep.db;

import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every dialect must do against its real database: the contract the engine relies on. */
class DialectContractIT {
    @TempDir
    Path folder;

    private static Dialect dialect(Connection connection, TestDatabase database, String replica) throws SQLException {
        return Databases.dialectOf(connection, database.url(), false, replica);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void theLockIsExclusiveNamesItsHolderAndDiesWithTheSession(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder);
             Connection waiter = DriverManager.getConnection(database.url())) {
            Dialect waiting = dialect(waiter, database, "replica-b");
            String schema = waiting.openSession(waiter, null, "replica-b");
            SessionLock theirs = waiting.lock(waiter, schema, "lockstep_history");

            Connection holder = DriverManager.getConnection(database.url());
            Dialect holding = dialect(holder, database, "replica-a");
            holding.openSession(holder, null, "replica-a");
            SessionLock mine = holding.lock(holder, schema, "lockstep_history");
            assertThat(mine.tryAcquire()).isTrue();

            assertThat(theirs.tryAcquire()).as("a second session cannot take it").isFalse();
            if (kind == TestDatabase.Kind.POSTGRESQL) {
                assertThat(theirs.holder()).contains("replica-a").containsPattern("silent \\(idle\\) for \\d+s");
            } else if (kind == TestDatabase.Kind.MARIADB) {
                assertThat(theirs.holder()).startsWith("connection ").containsPattern("silent for \\d+s");
            } else {
                assertThat(theirs.holder()).contains("replica-a");
            }

            holder.close(); // the replica dies: no release, only the session ends
            if (kind == TestDatabase.Kind.SQLITE) {
                mine.release(); // one JVM holds the OS lock: the process ending is what frees it across processes
            }
            assertThat(eventually(theirs)).as("the lock is free once its session is gone").isTrue();
            theirs.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void historyRowsRoundTripWithTheirTimestampsAndJournal(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder);
             Connection connection = DriverManager.getConnection(database.url())) {
            Dialect dialect = dialect(connection, database, "replica-a");
            String schema = dialect.openSession(connection, null, "replica-a");
            HistoryTable history = new HistoryTable(connection, dialect, schema, "lockstep_history");
            assertThat(history.readIfExists()).as("no table yet").isEmpty();
            history.create();
            history.create(); // idempotent

            Migration migration = new Migration(Version.parse("20261121120000"), "add users", MigrationType.SQL,
                    "V20261121120000__add_users.sql", "db/migration/V20261121120000__add_users.sql", "sha256:abc", "SELECT 1;");
            Instant started = Instant.parse("2026-11-21T12:00:00.123Z");
            history.insertRunning(1, migration, 3, 0, "app", "replica-a", started);
            history.recordProgress(1, 2);
            history.finish(1, MigrationStatus.FAILED, 2, started.plusSeconds(2), 2000, "statement 3 of 3 (line 9): boom");

            List<HistoryRow> rows = history.readIfExists().orElseThrow();
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.version()).hasToString("20261121120000");
                assertThat(row.status()).isEqualTo(MigrationStatus.FAILED);
                assertThat(row.statementsDone()).isEqualTo(2);
                assertThat(row.statementsTotal()).isEqualTo(3);
                assertThat(row.startedAt()).isEqualTo(started);
                assertThat(row.finishedAt()).isEqualTo(started.plusSeconds(2));
                assertThat(row.executionMs()).isEqualTo(2000L);
                assertThat(row.error()).contains("line 9");
                assertThat(row.replica()).isEqualTo("replica-a");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void theServerEndsTheSessionOfAFrozenHolder(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase database = TestDatabase.create(kind, folder);
             Connection connection = DriverManager.getConnection(database.url())) {
            dialect(connection, database, "replica-a").openSession(connection, null, "replica-a");

            String sql = kind == TestDatabase.Kind.POSTGRESQL
                    ? "SELECT current_setting('idle_in_transaction_session_timeout') || ' ' || current_setting('idle_session_timeout')"
                    + " || ' ' || current_setting('client_connection_check_interval')"
                    : "SELECT @@SESSION.wait_timeout";
            try (var s = connection.createStatement(); var r = s.executeQuery(sql)) {
                r.next();
                assertThat(r.getString(1)).isEqualTo(kind == TestDatabase.Kind.POSTGRESQL ? "1min 1min 1s" : "60");
            }
        }
    }

    private static boolean eventually(SessionLock lock) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (lock.tryAcquire()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
