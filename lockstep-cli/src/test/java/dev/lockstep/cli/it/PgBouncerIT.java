package dev.lockstep.cli.it;

import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * lockstep behind a real PgBouncer (started by {@code .ci/pgbouncer}), with the URL users write and no flag:
 * through transaction pooling it finds the pooler by itself, takes the lease lock, prepares nothing on the server
 * and leaves no setting on the pooled server sessions; a session lock asked for there is refused with exit 2;
 * through session pooling nothing changes.
 */
class PgBouncerIT {
    /** Transaction pooling, three server connections per database: many clients share each one. */
    private static final String TRANSACTION_POOLER = "127.0.0.1:6432";
    /** Session pooling: a server connection per client, for the whole connection. */
    private static final String SESSION_POOLER = "127.0.0.1:6433";
    /** Transaction pooling with one server connection per database, which every client shares. */
    private static final String POOL_OF_ONE = "127.0.0.1:6434";
    /** What lockstep sets on a session of its own, and must never leave on a pooled one. */
    private static final List<String> SETTINGS = List.of("lock_timeout", "statement_timeout", "idle_session_timeout",
            "idle_in_transaction_session_timeout", "client_connection_check_interval", "search_path", "application_name");
    private static final Pattern SAYS_POOLED = Pattern.compile("is reached through a transaction pooler");

    @TempDir
    Path folder;

    @BeforeAll
    static void requirePgBouncer() {
        for (String pooler : List.of(TRANSACTION_POOLER, SESSION_POOLER, POOL_OF_ONE)) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + pooler + "/postgres?user=postgres&connectTimeout=3");
                 Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            } catch (SQLException e) {
                String why = "PgBouncer does not answer at " + pooler + " (" + e.getMessage() + ")";
                RequiredService.missing("PgBouncerIT", "PgBouncer", why, ".ci/pgbouncer");
            }
        }
    }

    @Test
    void sixteenReplicasThroughTransactionPoolingWithThePlainUrlApplyEveryMigrationOnceAndLeaveNoSetting() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder, "pgbouncer_")) {
            Path migrations = ReplicasIT.writeMigrations(folder, database);

            List<CliProcess> replicas = replicas(TRANSACTION_POOLER, database, migrations, 16);

            StringBuilder logs = new StringBuilder();
            for (CliProcess replica : replicas) {
                int code = replica.exitCode(180);
                logs.append(replica.stderr());
                assertThat(code).as("exit code; stderr:%n%s", replica.stderr()).isZero();
                assertThat(SAYS_POOLED.matcher(replica.stderr()).results().count()).as("said once, at INFO; stderr:%n%s",
                        replica.stderr()).isEqualTo(1);
            }
            ReplicasIT.assertAppliedExactlyOnce(database);
            assertThat(database.query("SELECT COUNT(*) FROM lockstep_history")).containsExactly("7");
            assertThat(database.query("SELECT COUNT(*) FROM lockstep_history WHERE status <> 'applied'")).containsExactly("0");
            assertThat(database.query("SELECT COUNT(*) FROM lockstep_lock")).as("the lease, released").containsExactly("0");
            assertThat(logs.toString()).as("waiting replicas say who holds the lease")
                    .containsPattern("Waiting for the migration lock .*held by replica-\\d+ \\(lease taken");

            assertNoPooledSessionCarriesLockstepSettings(database);
        }
    }

    @Test
    void aPoolOfOneServerConnectionIsFoundTooAndEveryMigrationAppliedOnce() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder, "pgbouncer_")) {
            Path migrations = ReplicasIT.writeMigrations(folder, database);

            // The heartbeat waits for the one server connection while a migration holds it: a lease to match.
            List<CliProcess> replicas = replicas(POOL_OF_ONE, database, migrations, 4, "--lease-duration", "15s");
            for (CliProcess replica : replicas) {
                assertThat(replica.exitCode(180)).as("exit code; stderr:%n%s", replica.stderr()).isZero();
                assertThat(replica.stderr()).containsPattern(SAYS_POOLED);
            }
            ReplicasIT.assertAppliedExactlyOnce(database);
            assertThat(database.query("SELECT COUNT(*) FROM lockstep_history WHERE status <> 'applied'")).containsExactly("0");
        }
    }

    @Test
    void aReplicaConnectedDirectlyWithTheSessionLockWaitsForTheLeaseOfOneBehindThePooler() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder, "pgbouncer_")) {
            Path migrations = Files.createDirectories(folder.resolve("db/migration"));
            Files.writeString(migrations.resolve("V1__slow.sql"), "SELECT pg_sleep(4);\nCREATE TABLE first_table (id INT);\n");
            Files.writeString(migrations.resolve("V2__once.sql"), "CREATE TABLE applied_once (marker TEXT);\n"
                    + "INSERT INTO applied_once VALUES ('ran');\n");

            CliProcess pooled = replica(TRANSACTION_POOLER, database, migrations, "pooled");
            database.awaitRunning("V1__slow.sql");
            CliProcess direct = CliProcess.start(folder, "direct", "migrate", "--url", database.url(), "--locations",
                    migrations.toString(), "--replica-id", "direct", "--connect-timeout", "30s", "--lock-timeout", "2m");

            assertThat(pooled.exitCode(120)).as("stderr:%n%s", pooled.stderr()).isZero();
            assertThat(direct.exitCode(120)).as("stderr:%n%s", direct.stderr()).isZero();
            assertThat(direct.stderr()).doesNotContainPattern(SAYS_POOLED)
                    .containsPattern("Waiting for the migration lock .*held by pooled \\(a lease in");
            assertThat(database.query("SELECT status FROM lockstep_history ORDER BY installed_rank"))
                    .containsExactly("applied", "applied");
            assertThat(database.query("SELECT COUNT(*) FROM applied_once")).containsExactly("1");
        }
    }

    @Test
    void aConcurrentIndexMigrationThroughTransactionPoolingFinishesAndLeavesAValidIndex() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder, "pgbouncer_")) {
            Path migrations = Files.createDirectories(folder.resolve("db/migration"));
            Files.writeString(migrations.resolve("V1__items.sql"), "CREATE TABLE items (id INT PRIMARY KEY, code TEXT);\n"
                    + "INSERT INTO items SELECT g, 'code-' || g FROM generate_series(1, 10000) g;\n");
            Files.writeString(migrations.resolve("V2__index_items.sql"), "CREATE INDEX CONCURRENTLY items_code ON items (code);\n");

            List<CliProcess> replicas = replicas(TRANSACTION_POOLER, database, migrations, 4);
            for (CliProcess replica : replicas) {
                assertThat(replica.exitCode(120)).as("exit code; stderr:%n%s", replica.stderr()).isZero();
            }
            assertThat(database.query("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                    + " WHERE c.relname = 'items_code'")).containsExactly("t");
            assertThat(database.query("SELECT status FROM lockstep_history ORDER BY installed_rank"))
                    .containsExactly("applied", "applied");
            assertNoPooledSessionCarriesLockstepSettings(database);
        }
    }

    @Test
    void aSessionLockAskedForThroughTransactionPoolingIsRefusedWithExitTwoAndTheFix() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder, "pgbouncer_")) {
            Path migrations = Files.createDirectories(folder.resolve("db/migration"));
            Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE first_table (id INT);\n");

            CliProcess replica = replica(TRANSACTION_POOLER, database, migrations, "replica-1", "--lock", "session");

            assertThat(replica.exitCode(60)).as("stderr:%n%s", replica.stderr()).isEqualTo(2);
            assertThat(replica.stderr()).contains("through a transaction pooler", "Remove --lock=session",
                    "set --lock=lease");
            assertThat(database.query("SELECT COUNT(*) FROM pg_tables WHERE tablename IN ('first_table', 'lockstep_history')"))
                    .as("nothing migrated").containsExactly("0");
        }
    }

    @Test
    void throughSessionPoolingNothingChangesAndTheSessionLockIsKept() throws Exception {
        try (TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, folder, "pgbouncer_")) {
            Path migrations = ReplicasIT.writeMigrations(folder, database);

            List<CliProcess> replicas = replicas(SESSION_POOLER, database, migrations, 4);
            StringBuilder logs = new StringBuilder();
            for (CliProcess replica : replicas) {
                assertThat(replica.exitCode(180)).as("exit code; stderr:%n%s", replica.stderr()).isZero();
                logs.append(replica.stderr());
            }
            ReplicasIT.assertAppliedExactlyOnce(database);
            assertThat(logs.toString()).doesNotContainPattern(SAYS_POOLED);
            assertThat(logs.toString()).as("waiting replicas name the advisory lock's holder")
                    .containsPattern("Waiting for the migration lock .*held by .*replica-\\d+ \\(server pid");
            assertThat(database.query("SELECT COUNT(*) FROM pg_tables WHERE tablename = 'lockstep_lock'"))
                    .as("no lease table: the session lock was used").containsExactly("0");
        }
    }

    /** {@code count} replicas started at once, {@code replica-1} to {@code replica-<count>}. */
    private List<CliProcess> replicas(String pooler, TestDatabase database, Path migrations, int count, String... more)
            throws Exception {
        List<CliProcess> replicas = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            replicas.add(replica(pooler, database, migrations, "replica-" + i, more));
        }
        return replicas;
    }

    private CliProcess replica(String pooler, TestDatabase database, Path migrations, String id, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("migrate", "--url", pooledUrl(pooler, database),
                "--locations", migrations.toString(), "--replica-id", id, "--connect-timeout", "30s", "--lock-timeout", "2m"));
        args.addAll(List.of(more));
        if (!args.contains("--lease-duration")) {
            args.addAll(List.of("--lease-duration", "3s"));
        }
        return CliProcess.start(folder, id, args.toArray(String[]::new));
    }

    /** The URL users write: the pooler's address, the database, the user; nothing else. */
    private static String pooledUrl(String pooler, TestDatabase database) {
        return "jdbc:postgresql://" + pooler + "/" + database.name() + "?user=postgres";
    }

    /**
     * Every server session the transaction pool keeps for the database, seen as an application sees it, shows the
     * server's defaults: as many transactions held open at once through the pooler as it has server sessions reach
     * each of them, and a dozen more connections after them find the same.
     */
    private static void assertNoPooledSessionCarriesLockstepSettings(TestDatabase database) throws SQLException {
        Map<String, String> defaults;
        try (Connection direct = DriverManager.getConnection(database.url())) {
            defaults = settings(direct);
        }
        List<String> servers = database.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
        assertThat(servers).as("the pool's server sessions").isNotEmpty();

        List<Connection> open = new ArrayList<>();
        Set<String> reached = new HashSet<>();
        try {
            for (int i = 0; i < servers.size(); i++) {
                Connection c = DriverManager.getConnection(pooledUrl(TRANSACTION_POOLER, database) + "&prepareThreshold=0");
                open.add(c);
                c.setAutoCommit(false);
                Map<String, String> seen = settings(c);
                reached.add(seen.get("pid"));
                assertThat(without(seen, "pid")).as("pooled server session %s", seen.get("pid")).isEqualTo(without(defaults, "pid"));
            }
        } finally {
            for (Connection c : open) {
                c.close();
            }
        }
        assertThat(reached).as("every server session of the pool").containsExactlyInAnyOrderElementsOf(servers);
        for (int i = 0; i < 12; i++) {
            try (Connection c = DriverManager.getConnection(pooledUrl(TRANSACTION_POOLER, database) + "&prepareThreshold=0")) {
                assertThat(without(settings(c), "pid")).isEqualTo(without(defaults, "pid"));
            }
        }
    }

    /** {@link #SETTINGS} and the server session's pid, read in one statement. */
    private static Map<String, String> settings(Connection connection) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT pg_backend_pid()");
        for (String setting : SETTINGS) {
            sql.append(", current_setting('").append(setting).append("')");
        }
        Map<String, String> values = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql.toString())) {
            r.next();
            values.put("pid", r.getString(1));
            for (int i = 0; i < SETTINGS.size(); i++) {
                values.put(SETTINGS.get(i), r.getString(i + 2));
            }
        }
        return values;
    }

    private static Map<String, String> without(Map<String, String> values, String key) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.remove(key);
        return copy;
    }
}
