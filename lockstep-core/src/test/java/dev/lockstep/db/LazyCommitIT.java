package dev.lockstep.db;

import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL's {@code running} row commits without waiting for its flush, and that setting never
 * reaches any other transaction: the migration's own commit stays synchronous.
 */
class LazyCommitIT {
    @TempDir
    Path folder;

    private static final Migration MIGRATION = new Migration(Version.parse("1"), "create", MigrationType.SQL,
            "V1__create.sql", "db/migration/V1__create.sql", "sha256:abc", "SELECT 1;");

    private static String synchronousCommit(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT current_setting('synchronous_commit')")) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void theRunningRowIsCommittedAtOnceAndItsLazyCommitEndsWithIt() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder);
             Connection connection = DriverManager.getConnection(database.url())) {
            Dialect dialect = Databases.dialectOf(connection, database.url(), false, "replica-a");
            HistoryTable history = new HistoryTable(connection, dialect, dialect.openSession(connection, null, "replica-a"),
                    "lockstep_history");
            history.create();

            history.insertRunning(1, MIGRATION, 1, 0, "app", "replica-a", Instant.now());

            assertThat(database.query("SELECT status FROM public.lockstep_history")).as("seen by another session")
                    .containsExactly("running");
            assertThat(synchronousCommit(connection)).isEqualTo("on");
        }
    }

    @Test
    void insideACallersTransactionTheRowDoesNotTouchThatTransactionsCommit() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder);
             Connection connection = DriverManager.getConnection(database.url())) {
            Dialect dialect = Databases.dialectOf(connection, database.url(), false, "replica-a");
            HistoryTable history = new HistoryTable(connection, dialect, dialect.openSession(connection, null, "replica-a"),
                    "lockstep_history");
            history.create();
            connection.setAutoCommit(false);

            history.insertRunning(1, MIGRATION, 1, 0, "app", "replica-a", Instant.now());

            assertThat(synchronousCommit(connection)).isEqualTo("on");
            connection.commit();
        }
    }
}
