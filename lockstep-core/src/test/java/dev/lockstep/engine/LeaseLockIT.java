package dev.lockstep.engine;

import dev.lockstep.LockMode;
import dev.lockstep.Lockstep;
import dev.lockstep.db.Databases;
import dev.lockstep.db.Dialect;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lease lock ({@code --lock=lease}) on the real databases: it excludes, it names its holder, each beat of
 * the heartbeat (paced by the test) renews it, a dead owner's lease is taken over once expired, a working owner's is not, and a
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
        Statement work = owner.createStatement();
        CompletableFuture<Void> statement = CompletableFuture.runAsync(() -> {
            try {
                work.execute(database.sleepSql(30));
            } catch (SQLException cancelled) {
                // ended below, once the waiter has seen it running
            }
        });
        awaitExpiry(database, owner, table);

        assertThat(waiter.tryAcquire()).as("expired, but its session is still working").isFalse();
        assertThat(waiter.holder()).contains("replica-frozen", "expired", "still running a statement");

        work.cancel(); // its work ends; the session stays connected
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
    void eachBeatOfTheHeartbeatRenewsTheLeaseFromTheDatabasesNowEveryThirdOfItsDuration(TestDatabase.Kind kind)
            throws Exception {
        TestDatabase database = database(kind);
        HandPacer beats = new HandPacer();
        LeaseLock holder = lease(database, "replica-a", Duration.ofSeconds(30), beats);
        LeaseLock other = lease(database, "replica-b", Duration.ofSeconds(30));
        assertThat(holder.tryAcquire()).isTrue();
        // As if the lease's whole duration went by without a renewal: its row says it expired.
        database.execute("UPDATE lockstep_lock SET expires_at = acquired_at, heartbeat_at = acquired_at");
        assertThat(leaseRow(database).expired()).isTrue();

        Duration due = beats.beat();

        assertThat(due).as("a beat is due a third of the lease after the last (and a millisecond)")
                .isEqualTo(Duration.ofSeconds(10).plusMillis(1));
        LeaseRow renewed = leaseRow(database);
        assertThat(renewed.expired()).as("renewed by the beat").isFalse();
        assertThat(Duration.between(renewed.databaseNow(), renewed.expiresAt())).as("a whole lease from the database's now")
                .isGreaterThan(Duration.ofSeconds(25));
        assertThat(other.tryAcquire()).as("kept past the expiry it had").isFalse();
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
        return lease(database, replica, duration, Heartbeat.Pacer.REAL_TIME);
    }

    private LeaseLock lease(TestDatabase database, String replica, Duration duration, Heartbeat.Pacer pacer)
            throws SQLException {
        Connection connection = DriverManager.getConnection(database.url());
        cleanUp.add(connection);
        return lease(connection, database, replica, duration, pacer);
    }

    private LeaseLock lease(Connection connection, TestDatabase database, String replica, Duration duration)
            throws SQLException {
        return lease(connection, database, replica, duration, Heartbeat.Pacer.REAL_TIME);
    }

    private LeaseLock lease(Connection connection, TestDatabase database, String replica, Duration duration,
                            Heartbeat.Pacer pacer) throws SQLException {
        Dialect dialect = Databases.dialectOf(connection, database.url(), false, replica);
        String schema = dialect.openSession(connection, null, replica);
        Session session = new Session(connection, dialect, schema, HISTORY,
                new HistoryTable(connection, dialect, schema, HISTORY), database.toString(), "test");
        LeaseTable table = new LeaseTable(dialect.leaseSql(schema, HISTORY).orElseThrow(), HISTORY);
        return new LeaseLock(session, table, replica, duration, Clock.systemUTC(), new StopToken(),
                () -> DriverManager.getConnection(database.url()), pacer);
    }

    /** Beats only when the test says so; a closed heartbeat is let go at once. */
    static final class HandPacer implements Heartbeat.Pacer {
        private final Semaphore beats = new Semaphore(0);
        private final BlockingDeque<Duration> asked = new LinkedBlockingDeque<>();

        @Override
        public boolean closedBefore(Duration delay, CountDownLatch closed) throws InterruptedException {
            asked.put(delay);
            while (!beats.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                if (closed.getCount() == 0) {
                    return true;
                }
            }
            return false;
        }

        /** Lets one beat run once the heartbeat waits for it, and returns when it is done: the delay it had asked. */
        Duration beat() throws InterruptedException {
            Duration due = asked.poll(10, TimeUnit.SECONDS);
            if (due == null) {
                throw new AssertionError("the heartbeat is not waiting for a beat");
            }
            beats.release();
            Duration next = asked.poll(10, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("the beat did not finish: the heartbeat stopped");
            }
            asked.putFirst(next);
            return due;
        }
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
}
