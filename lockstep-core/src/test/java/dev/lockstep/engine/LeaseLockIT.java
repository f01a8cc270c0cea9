package dev.lockstep.engine;

import dev.lockstep.LockMode;
import dev.lockstep.Lockstep;
import dev.lockstep.db.Dialect;
import dev.lockstep.db.Databases;
import dev.lockstep.db.HistoryTable;
import dev.lockstep.db.LeaseRow;
import dev.lockstep.db.LeaseTable;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lease lock ({@code --lock=lease}) on the real databases: it excludes, it names its holder, the
 * heartbeat keeps it, a dead owner's lease is taken over once expired, a working owner's is not, and a
 * holder that loses it stops at once.
 */
class LeaseLockIT {
    private static final String HISTORY = "lockstep_history";

    @TempDir
    Path folder;
    private final List<AutoCloseable> cleanUp = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = cleanUp.size() - 1; i >= 0; i--) {
            cleanUp.get(i).close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void twoLockersExcludeEachOtherAndTheWaiterNamesTheHolder(TestDatabase.Kind kind) throws Exception {
        TestDatabase database = database(kind);
        LeaseLock a = lease(database, "replica-a", Duration.ofSeconds(30));
        LeaseLock b = lease(database, "replica-b", Duration.ofSeconds(30));

        assertThat(a.tryAcquire()).isTrue();
        assertThat(b.tryAcquire()).as("a second replica cannot take a live lease").isFalse();
        assertThat(b.holder()).contains("replica-a", "expires in");
        assertThat(b.description()).contains("lease 'lockstep_history'", "lockstep_lock");

        a.release();
        assertThat(b.tryAcquire()).as("free once released").isTrue();
        b.release();
        assertThat(database.query("SELECT COUNT(*) FROM lockstep_lock")).containsExactly("0");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void anExpiredLeaseWhoseOwnerSessionIsGoneIsTakenOver(TestDatabase.Kind kind) throws Exception {
        TestDatabase database = database(kind);
        LeaseLock survivor = lease(database, "replica-b", Duration.ofSeconds(30));
        try (Connection dead = DriverManager.getConnection(database.url())) {
            LeaseTable table = leaseTable(dead, database);
            table.create(dead);
            assertThat(table.insert(dead, "replica-dead", "dead-token", Duration.ofSeconds(2))).isTrue();
            assertThat(survivor.tryAcquire()).as("not expired yet").isFalse();
        } // the owner's session ends without releasing: a SIGKILLed replica

        assertThat(eventually(survivor)).as("taken over once expired and its session is gone").isTrue();
        assertThat(database.query("SELECT owner FROM lockstep_lock")).containsExactly("replica-b");
        survivor.release();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void anExpiredLeaseWhoseOwnerSessionStillRunsAStatementIsNotTakenOver(TestDatabase.Kind kind) throws Exception {
        TestDatabase database = database(kind);
        LeaseLock waiter = lease(database, "replica-b", Duration.ofSeconds(30));
        Connection owner = DriverManager.getConnection(database.url());
        cleanUp.add(owner);
        LeaseTable table = leaseTable(owner, database);
        table.create(owner);
        assertThat(table.insert(owner, "replica-frozen", "frozen-token", Duration.ofSeconds(1))).isTrue();
        // The owner's statement outlives its lease: its process froze, but the server still runs its work.
        CompletableFuture<Void> statement = CompletableFuture.runAsync(() -> execute(owner, database.sleepSql(6)));
        awaitExpiry(database, owner, table);

        assertThat(waiter.tryAcquire()).as("expired, but its session is still working").isFalse();
        assertThat(waiter.holder()).contains("replica-frozen", "expired", "still running a statement");

        statement.get(30, TimeUnit.SECONDS);
        assertThat(eventually(waiter)).as("taken over once the session is idle, though still connected").isTrue();
        waiter.release();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aLeaseRecordedByTheAskingSessionItselfIsNotBusyForIt(TestDatabase.Kind kind) throws Exception {
        TestDatabase database = database(kind);
        // Behind a transaction pooler, the backend a dead replica used serves the next client's queries.
        Connection pooledBackend = DriverManager.getConnection(database.url());
        cleanUp.add(pooledBackend);
        LeaseTable table = leaseTable(pooledBackend, database);
        table.create(pooledBackend);
        assertThat(table.insert(pooledBackend, "replica-dead", "dead-token", Duration.ofSeconds(1))).isTrue();
        LeaseLock waiter = lease(pooledBackend, database, "replica-b", Duration.ofSeconds(30));

        assertThat(eventually(waiter)).as("its own running query is not the dead owner's work").isTrue();
        waiter.release();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void theHeartbeatKeepsTheLeasePastItsDuration(TestDatabase.Kind kind) throws Exception {
        TestDatabase database = database(kind);
        // Long enough that a loaded CI machine still renews in time; the point is outliving the duration,
        // which the test waits out on the database's clock rather than with a fixed sleep.
        LeaseLock holder = lease(database, "replica-a", Duration.ofSeconds(2));
        LeaseLock other = lease(database, "replica-b", Duration.ofSeconds(2));

        assertThat(holder.tryAcquire()).isTrue();
        Instant firstExpiry = leaseRow(database).expiresAt();
        awaitDatabaseTimePast(database, firstExpiry.plus(Duration.ofSeconds(1)));

        assertThat(leaseRow(database).expired()).as("a second past the expiry it was taken with").isFalse();
        assertThat(other.tryAcquire()).as("renewed every third of its duration").isFalse();
        assertThat(other.holder()).contains("replica-a", "expires in");
        holder.release();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TestDatabase.Kind.class, names = {"POSTGRESQL", "MARIADB"})
    void aHolderThatLosesItsLeaseStopsAtOnceAndAppliesNothingMore(TestDatabase.Kind kind) throws Exception {
        TestDatabase database = database(kind);
        Path migrations = Files.createDirectories(folder.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__slow.sql"),
                "CREATE TABLE a (id INT);\n" + database.sleepSql(20) + "\nCREATE TABLE c (id INT);\n");
        Files.writeString(migrations.resolve("V2__next.sql"), "CREATE TABLE b (id INT);\n");
        Lockstep lockstep = Lockstep.configure().url(database.url()).locations(migrations.toString())
                .lockMode(LockMode.LEASE).leaseDuration(Duration.ofSeconds(3)).replicaId("replica-a").stopGrace(Duration.ofSeconds(30))
                .load();

        CompletableFuture<?> run = CompletableFuture.runAsync(lockstep::migrate);
        database.awaitRunning("V1__slow.sql");
        database.execute("UPDATE lockstep_lock SET owner = 'replica-thief', token = 'stolen'");

        assertThatThrownBy(() -> run.get(30, TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(LockstepException.class, e -> {
                    assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.MIGRATION_FAILED);
                    assertThat(e.getMessage()).contains("lease", "was lost", "replica-thief took it over", "V1__slow.sql");
                });
        assertThat(database.query("SELECT status FROM lockstep_history")).containsExactly("failed");
        assertThat(tables(database)).as("the rest of V1 and all of V2 never ran").doesNotContain("b", "c");
        if (kind == TestDatabase.Kind.POSTGRESQL) {
            assertThat(tables(database)).as("rolled back").doesNotContain("a");
        }
        assertThat(database.query("SELECT owner FROM lockstep_lock")).as("the thief's lease is left alone")
                .containsExactly("replica-thief");
    }

    private TestDatabase database(TestDatabase.Kind kind) throws SQLException {
        TestDatabase database = TestDatabase.create(kind, folder);
        cleanUp.add(database);
        return database;
    }

    /** A replica's lease lock on its own connection, as the engine builds it. */
    private LeaseLock lease(TestDatabase database, String replica, Duration duration) throws SQLException {
        Connection connection = DriverManager.getConnection(database.url());
        cleanUp.add(connection);
        return lease(connection, database, replica, duration);
    }

    private LeaseLock lease(Connection connection, TestDatabase database, String replica, Duration duration)
            throws SQLException {
        Dialect dialect = Databases.dialectOf(connection, database.url(), false, replica);
        String schema = dialect.openSession(connection, null, replica);
        Session session = new Session(connection, dialect, schema, HISTORY,
                new HistoryTable(connection, dialect, schema, HISTORY), database.toString(), "test");
        LeaseTable table = new LeaseTable(dialect.leaseSql(schema, HISTORY).orElseThrow(), HISTORY);
        return new LeaseLock(session, table, replica, duration, Clock.systemUTC(), new StopToken(),
                () -> DriverManager.getConnection(database.url()));
    }

    private static LeaseTable leaseTable(Connection connection, TestDatabase database) throws SQLException {
        Dialect dialect = Databases.dialectOf(connection, database.url(), false, "test");
        String schema = dialect.openSession(connection, null, "test");
        return new LeaseTable(dialect.leaseSql(schema, HISTORY).orElseThrow(), HISTORY);
    }

    private static void awaitExpiry(TestDatabase database, Connection connection, LeaseTable table) throws Exception {
        try (Connection reader = DriverManager.getConnection(database.url())) {
            Dialect dialect = Databases.dialectOf(reader, database.url(), false, "test");
            for (int i = 0; i < 100; i++) {
                if (table.read(reader, dialect).orElseThrow().expired()) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the lease never expired");
    }

    private static LeaseRow leaseRow(TestDatabase database) throws SQLException {
        try (Connection reader = DriverManager.getConnection(database.url())) {
            return leaseTable(reader, database).read(reader, Databases.dialectOf(reader, database.url(), false, "test")).orElseThrow();
        }
    }

    /** Polls the lease row until the database's own clock, which decides expiry, has passed {@code instant}. */
    private static void awaitDatabaseTimePast(TestDatabase database, Instant instant) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (leaseRow(database).databaseNow().isAfter(instant)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the database's clock never passed " + instant);
    }

    private static boolean eventually(LeaseLock lock) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (lock.tryAcquire()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }


    private static List<String> tables(TestDatabase database) throws SQLException {
        return database.query(database.kind() == TestDatabase.Kind.POSTGRESQL
                ? "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()");
    }

    private static void execute(Connection connection, String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
