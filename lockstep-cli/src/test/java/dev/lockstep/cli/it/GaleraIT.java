package dev.lockstep.cli.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * lockstep on a real three-node MariaDB Galera cluster (started by {@code .ci/galera}: 127.0.0.1:3311, 3312, 3313),
 * with the URL users write and no flag: each node is found to be a Galera node when the session opens, the lease
 * lock is taken by itself, every migration is applied once and the history is the same on every node; a SIGKILLed
 * holder, or the whole node it was connected to, is replaced by a replica on another node; a session lock asked for
 * is refused with exit 2.
 */
class GaleraIT {
    private static final List<Integer> NODES = List.of(3311, 3312, 3313);
    private static final Pattern SAYS_GALERA = Pattern.compile("is a Galera cluster node \\(wsrep_on = ON");

    @TempDir
    Path folder;

    private String database;

    @BeforeAll
    static void requireTheCluster() {
        for (int node : NODES) {
            String why;
            try {
                String size = query(node, null, "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS"
                        + " WHERE VARIABLE_NAME = 'WSREP_CLUSTER_SIZE'", 0).get(0);
                if (size.equals("3")) {
                    continue;
                }
                why = "the Galera node at 127.0.0.1:" + node + " sees a cluster of " + size + ", not 3";
            } catch (SQLException | IndexOutOfBoundsException e) {
                why = "no Galera node answers at 127.0.0.1:" + node + " (" + e.getMessage() + ")";
            }
            RequiredService.missing("GaleraIT", "Galera", why, ".ci/galera");
        }
    }

    @BeforeEach
    void createDatabase() throws SQLException {
        database = "galera_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute(NODES.get(0), null, "CREATE DATABASE " + database);
        for (int node : NODES) {
            // DDL is replicated in total order, but applied on the other nodes a moment later: wait for it there.
            assertThat(query(node, null, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                    + database + "'", 1)).containsExactly("1");
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (database != null) {
            execute(NODES.get(0), null, "DROP DATABASE IF EXISTS " + database);
        }
    }

    @Test
    void sixteenReplicasSpreadOverTheThreeNodesWithThePlainUrlApplyEveryMigrationOnce() throws Exception {
        Path migrations = writeMigrations();

        List<CliProcess> replicas = new ArrayList<>();
        for (int i = 1; i <= 16; i++) {
            replicas.add(replica(NODES.get(i % NODES.size()), migrations, "replica-" + i));
        }

        StringBuilder logs = new StringBuilder();
        for (CliProcess replica : replicas) {
            int code = replica.exitCode(180);
            logs.append(replica.stderr());
            assertThat(code).as("exit code; stderr:%n%s", replica.stderr()).isZero();
            assertThat(SAYS_GALERA.matcher(replica.stderr()).results().count()).as("said once, at INFO; stderr:%n%s",
                    replica.stderr()).isEqualTo(1);
        }
        assertThat(logs.toString()).as("waiting replicas say who holds the lease")
                .containsPattern("Waiting for the migration lock .*held by replica-\\d+ \\(lease taken");
        List<String> history = history(NODES.get(0));
        assertThat(history).hasSize(7).allMatch(row -> row.endsWith("|applied"));
        for (int node : NODES) {
            assertThat(history(node)).as("the history on 127.0.0.1:%d", node).isEqualTo(history);
            assertThat(query(node, database, "SELECT COUNT(*) FROM applied_once", 1)).as("a non-idempotent insert ran once")
                    .containsExactly("1");
            assertThat(query(node, database, "SELECT COUNT(*) FROM orders", 1)).containsExactly("2");
            assertThat(query(node, database, "SELECT COUNT(*) FROM lockstep_lock", 1)).as("the lease, released")
                    .containsExactly("0");
        }
    }

    @Test
    void aSigkilledHolderMidMigrationIsResumedByAReplicaOnAnotherNode() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE first_table (id INT);\n");
        // DDL commits by itself (and, on Galera, on every node at once): the journal says how far it got.
        Files.writeString(migrations.resolve("V2__slow.sql"), "CREATE TABLE before_sleep (id INT);\nDO SLEEP(5);\n"
                + "CREATE TABLE after_sleep (id INT);\n");
        Files.writeString(migrations.resolve("V3__last.sql"), "CREATE TABLE last_table (id INT);\n");

        CliProcess holder = replica(NODES.get(0), migrations, "holder");
        awaitStatementsDone(NODES.get(0), "V2__slow.sql", 1);
        CliProcess successor = replica(NODES.get(1), migrations, "successor");
        holder.process().destroyForcibly(); // SIGKILL: no release, no clean-up
        assertThat(holder.exitCode(30)).isEqualTo(137);

        assertThat(successor.exitCode(120)).as("stderr:%n%s", successor.stderr()).isZero();
        assertThat(successor.stderr()).contains("Took over the migration lease of holder");
        for (int node : NODES) {
            assertThat(query(node, database, "SELECT CONCAT(version, '|', status) FROM lockstep_history ORDER BY installed_rank", 1))
                    .as("the history on 127.0.0.1:%d", node).containsExactly("1|applied", "2|failed", "2|applied", "3|applied");
            assertThat(query(node, database, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + database + "' AND TABLE_NAME IN ('before_sleep', 'after_sleep', 'last_table')", 1)).containsExactly("3");
            assertThat(query(node, database, "SELECT COUNT(*) FROM lockstep_lock", 1)).containsExactly("0");
        }
    }

    @Test
    void theNodeOfTheLeaseHolderKilledMidMigrationLeavesTheReplicasOnTheOtherNodesToFinish() throws Exception {
        int doomed = NODES.get(2);
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE first_table (id INT);\n");
        Files.writeString(migrations.resolve("V2__slow.sql"), "DO SLEEP(8);\nCREATE TABLE after_sleep (id INT);\n");
        Files.writeString(migrations.resolve("V3__last.sql"), "CREATE TABLE last_table (id INT);\n"
                + "INSERT INTO last_table VALUES (1);\n");

        CliProcess holder = replica(doomed, migrations, "holder");
        awaitStatementsDone(NODES.get(0), "V2__slow.sql", 0);
        List<CliProcess> others = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            others.add(replica(NODES.get(i % 2), migrations, "replica-" + i));
        }
        long pid = nodePid(doomed);
        try {
            ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // the whole node: its mariadbd, SIGKILLed

            assertThat(holder.exitCode(60)).as("the holder lost its node; stderr:%n%s", holder.stderr()).isNotZero();
            for (CliProcess replica : others) {
                assertThat(replica.exitCode(120)).as("exit code; stderr:%n%s", replica.stderr()).isZero();
            }
            assertThat(others.stream().map(CliProcess::stderr)).as("a replica on a node left standing took over")
                    .anyMatch(stderr -> stderr.contains("Took over the migration lease of holder"));
            for (int node : NODES.subList(0, 2)) {
                assertThat(query(node, database, "SELECT CONCAT(version, '|', status) FROM lockstep_history"
                        + " WHERE status = 'applied' ORDER BY installed_rank", 1))
                        .as("the history on 127.0.0.1:%d", node).containsExactly("1|applied", "2|applied", "3|applied");
                assertThat(query(node, database, "SELECT COUNT(*) FROM last_table", 1)).containsExactly("1");
            }
        } finally {
            rejoin();
        }
        assertThat(history(doomed)).as("the node, back in the cluster, has the same history").isEqualTo(history(NODES.get(0)));
    }

    @Test
    void aSessionLockAskedForOnAnyNodeIsRefusedWithExitTwoAndTheFix() throws Exception {
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE first_table (id INT);\n");

        List<CliProcess> replicas = new ArrayList<>();
        for (int node : NODES) {
            replicas.add(replica(node, migrations, "replica-" + node, "--lock", "session"));
        }
        for (CliProcess replica : replicas) {
            assertThat(replica.exitCode(60)).as("stderr:%n%s", replica.stderr()).isEqualTo(2);
            assertThat(replica.stderr()).contains("is a Galera cluster node (wsrep_on = ON", "GET_LOCK is not replicated",
                    "Remove --lock=session", "set --lock=lease");
        }
        for (int node : NODES) {
            assertThat(query(node, database, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + database + "' AND TABLE_NAME IN ('first_table', 'lockstep_history')", 1)).as("nothing migrated")
                    .containsExactly("0");
        }
    }

    @Test
    void aReplicaThatFindsTheLeaseTableSendsNoDdlForItWhichGaleraWouldRunOnEveryNode() throws Exception {
        int node = NODES.get(1);
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__first.sql"), "CREATE TABLE first_table (id INT);\n");
        assertThat(replica(NODES.get(0), migrations, "first").exitCode(60)).isZero();
        Files.writeString(migrations.resolve("V2__second.sql"), "INSERT INTO first_table VALUES (2);\n");

        List<String> sent;
        String logOutput = query(node, null, "SELECT @@GLOBAL.log_output", 0).get(0);
        execute(node, null, "SET GLOBAL log_output = 'TABLE'");
        execute(node, null, "SET GLOBAL general_log = ON");
        try {
            CliProcess second = replica(node, migrations, "second");
            assertThat(second.exitCode(60)).as("stderr:%n%s", second.stderr()).isZero();
            sent = query(node, null, "SELECT CAST(argument AS CHAR) FROM mysql.general_log WHERE command_type = 'Query'"
                    + " AND CAST(argument AS CHAR) LIKE '%" + database + "%lockstep_lock%'", 0);
        } finally {
            execute(node, null, "SET GLOBAL general_log = OFF");
            execute(node, null, "SET GLOBAL log_output = '" + logOutput + "'");
            execute(node, null, "TRUNCATE TABLE mysql.general_log");
        }
        assertThat(sent).as("the lease taken, released").anyMatch(q -> q.startsWith("INSERT INTO"))
                .anyMatch(q -> q.startsWith("DELETE FROM"));
        assertThat(sent).as("statements on the lease table").noneMatch(q -> q.toUpperCase(java.util.Locale.ROOT).startsWith("CREATE"));
        assertThat(query(node, database, "SELECT COUNT(*) FROM first_table", 1)).containsExactly("1");
    }

    private CliProcess replica(int node, Path migrations, String id, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("migrate", "--url", url(node, database), "--locations",
                migrations.toString(), "--replica-id", id, "--connect-timeout", "30s", "--lock-timeout", "2m",
                "--lease-duration", "3s"));
        args.addAll(List.of(more));
        return CliProcess.start(folder, id, args.toArray(String[]::new));
    }

    /**
     * The URL users write: the node's address, the database, the user; and, as everywhere in this suite, no TLS, which
     * the test servers do not offer (the driver asks for it by default).
     */
    private static String url(int node, String database) {
        return "jdbc:mariadb://127.0.0.1:" + node + "/" + (database == null ? "" : database) + "?user=root&sslMode=disable";
    }

    /** Seven migrations, as {@link ReplicasIT#writeMigrations}; V2 sleeps two seconds so that the others queue. */
    private Path writeMigrations() throws Exception {
        Path dir = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(dir.resolve("V1__create_customers.sql"),
                "CREATE TABLE customers (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL);\n");
        Files.writeString(dir.resolve("V2__slow_backfill.sql"), "DO SLEEP(2);\n");
        Files.writeString(dir.resolve("V3__create_orders.sql"), "CREATE TABLE orders (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                + " customer_id BIGINT NOT NULL, total DECIMAL(10, 2));\nCREATE INDEX orders_customer ON orders (customer_id);\n");
        Files.writeString(dir.resolve("V4__applied_once.sql"),
                "CREATE TABLE applied_once (marker VARCHAR(20));\nINSERT INTO applied_once VALUES ('ran');\n");
        Files.writeString(dir.resolve("V5__seed.sql"), "INSERT INTO customers (name) VALUES ('Ada; Lovelace');\n"
                + "INSERT INTO orders (customer_id, total) VALUES (1, 10.50);\n"
                + "INSERT INTO orders (customer_id, total) VALUES (1, 99.00);\n");
        Files.writeString(dir.resolve("V20261121120000__timestamp_version.sql"), "ALTER TABLE customers ADD email VARCHAR(200);\n");
        Files.writeString(dir.resolve("R__customer_totals.sql"), "DROP VIEW IF EXISTS customer_totals;\n"
                + "CREATE VIEW customer_totals AS SELECT customer_id, SUM(total) AS total FROM orders GROUP BY customer_id;\n");
        return dir;
    }

    /** The history as one node has it: version (or description), script, checksum, status, in order. */
    private List<String> history(int node) throws SQLException {
        return query(node, database, "SELECT CONCAT_WS('|', installed_rank, COALESCE(version, description), script,"
                + " COALESCE(checksum, ''), statements_done, status) FROM lockstep_history ORDER BY installed_rank", 1);
    }

    /** Waits (up to 30 s) until {@code script} runs on the cluster with at least {@code done} statements journaled. */
    private void awaitStatementsDone(int node, String script, int done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try {
                if (!query(node, database, "SELECT 1 FROM lockstep_history WHERE script = '" + script
                        + "' AND status = 'running' AND statements_done >= " + done, 0).isEmpty()) {
                    return;
                }
            } catch (SQLException notYet) {
                // the history table is not there yet
            }
            Thread.sleep(50);
        }
        throw new AssertionError(script + " never ran with " + done + " statements done");
    }

    /** The process id of a node's mariadbd, from the pid file it names. */
    private static long nodePid(int node) throws Exception {
        return Long.parseLong(Files.readString(Path.of(query(node, null, "SELECT @@pid_file", 0).get(0))).strip());
    }

    /** Starts the nodes that are down again ({@code .ci/galera}), which rejoin the cluster. */
    private static void rejoin() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve(".ci/galera"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as(".ci/galera above the working directory").isNotNull();
        Process process = new ProcessBuilder(dir.resolve(".ci/galera").toString()).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(".ci/galera did not finish within 120s");
        }
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as(".ci/galera:%n%s", output).isZero();
    }

    private static void execute(int node, String database, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(node, database) + "&connectTimeout=3000");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * One column of a query's rows, read on one node after it has applied every write the cluster committed before
     * ({@code wsrep_sync_wait = 1}; 0: as the node has it now).
     */
    private static List<String> query(int node, String database, String sql, int syncWait) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(node, database) + "&connectTimeout=3000");
             Statement s = c.createStatement()) {
            s.execute("SET SESSION wsrep_sync_wait = " + syncWait);
            List<String> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    rows.add(r.getString(1));
                }
            }
            return rows;
        }
    }
}
