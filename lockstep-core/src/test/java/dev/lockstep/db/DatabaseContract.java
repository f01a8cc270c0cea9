package dev.lockstep.db;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;
import dev.lockstep.sql.CatalogFact;
import dev.lockstep.sql.CatalogFact.ObjectType;
import dev.lockstep.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every database's provider must do against its real database: the contract the engine relies on. Each
 * provider's package has one subclass ({@code PostgresContractIT}, {@code MariaDbContractIT}, {@code SqliteContractIT})
 * that names its database and the few statements only it can write (the objects of every kind its catalog knows, a
 * lock an application's transaction holds, the setting a migration may change); every test here runs on each.
 * README "Adding a database".
 */
@Timeout(60)
public abstract class DatabaseContract {
    /** Names of the objects {@link #objectsOfEveryKind} creates, in the session's schema. */
    protected static final String TABLE = "contract_t";
    protected static final String COLUMN = "note";
    protected static final String INDEX = "contract_i";
    protected static final String VIEW = "contract_v";
    protected static final String CONSTRAINT = "contract_c";
    protected static final String TRIGGER = "contract_tr";
    protected static final String ROUTINE = "contract_r";
    private static final String HISTORY = "lockstep_history";

    @TempDir
    Path folder;

    private TestDatabase database;
    private final List<Connection> connections = new ArrayList<>();

    /** The database of this provider. */
    protected abstract TestDatabase.Kind kind();

    /**
     * Statements that create, in the session's schema, {@link #TABLE} with an integer {@code id} primary key and a
     * text {@link #COLUMN}, holding a row with {@code id} 1, and one object of every other kind this database's catalog
     * knows: {@link #INDEX} on it, {@link #VIEW}, {@link #CONSTRAINT} on it, {@link #TRIGGER} on it, {@link #ROUTINE}.
     */
    protected abstract List<String> objectsOfEveryKind();

    /** The kinds of object this database does not have, whose facts the catalog probe cannot tell (empty). */
    protected Set<ObjectType> kindsTheCatalogCannotTell() {
        return Set.of();
    }

    /**
     * Statements an application's open transaction runs, on another session, that make DDL on {@link #TABLE} wait:
     * a read holds the lock a table's DDL needs on most databases.
     */
    protected List<String> holdTheTable() {
        return List.of("SELECT * FROM " + TABLE);
    }

    /** A statement a migration may run that changes one of lockstep's session bounds. */
    protected abstract String changeASetting();

    /** A query of that setting's value, one row and one column. */
    protected abstract String readTheSetting();

    /** What {@link #readTheSetting} answers after {@code limit(2s, 1min)} and {@code restoreSession}. */
    protected abstract String settingAsLockstepSetsIt();

    /** Whether {@code commitAndRestoreSession} restores the settings with the commit, in its round trip. */
    protected boolean restoresSettingsWithTheCommit() {
        return false;
    }

    /** How the lock's holder is described to a waiter: checks {@code holder} names {@code replica} as well as it can. */
    protected abstract void assertNamesTheHolder(String holder, String replica);

    /**
     * Ends the holder's session as a killed replica's ends: the connection goes, nothing is released. SQLite's lock is
     * the process's, which a test in this JVM cannot end: its lock is given back as the process's end would.
     */
    protected void endTheSession(Connection holder, SessionLock lock) throws SQLException {
        holder.close();
    }

    /**
     * Whether the locks of two history tables in one schema are two locks. SQLite's lock is its file's: one per
     * database file, whatever the table.
     */
    protected boolean locksEachHistoryTableApart() {
        return true;
    }

    /** A query that names this session for {@link #endSessionSql}, or empty where a session cannot be ended from another. */
    protected Optional<String> sessionIdQuery() {
        return Optional.empty();
    }

    /** The statement that ends the session {@code id} from another session. */
    protected String endSessionSql(String id) {
        throw new UnsupportedOperationException();
    }

    @BeforeEach
    void createDatabase() throws SQLException {
        database = TestDatabase.create(kind(), folder, "lockstep_contract_");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        for (Connection connection : connections) {
            connection.close();
        }
        database.close();
    }

    /** A new client session, closed after the test. */
    protected Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(database.url());
        connections.add(connection);
        return connection;
    }

    protected TestDatabase database() {
        return database;
    }

    private DatabaseProvider provider() {
        return Databases.forUrl(database.url()).orElseThrow();
    }

    private static Dialect dialect(Connection connection, TestDatabase database, String replica) throws SQLException {
        return Databases.dialectOf(connection, database.url(), false, replica);
    }

    private static void run(Connection connection, List<String> statements) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static String queryOne(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).as(sql).isTrue();
            return r.getString(1);
        }
    }

    // --- detection ----------------------------------------------------------------------------------------------

    @Test
    void theConnectionIsRecognisedByItsOwnProviderAndNoOther() throws Exception {
        Connection connection = connect();
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        assertThat(Databases.all().stream().filter(p -> p.recognizes(product))).containsExactly(provider());
        assertThat(provider().urlSchemes()).contains(JdbcUrl.scheme(database.url()));
        assertThat(dialect(connection, database, "replica-a").name()).isNotBlank();
    }

    // --- the session lock ---------------------------------------------------------------------------------------

    @Test
    void theLockIsExclusiveNamesItsHolderAndDiesWithTheSession() throws Exception {
        Connection waiter = connect();
        Dialect waiting = dialect(waiter, database, "replica-b");
        String schema = waiting.openSession(waiter, null, "replica-b");
        SessionLock theirs = waiting.lock(waiter, schema, HISTORY);

        Connection holder = DriverManager.getConnection(database.url());
        Dialect holding = dialect(holder, database, "replica-a");
        holding.openSession(holder, null, "replica-a");
        SessionLock mine = holding.lock(holder, schema, HISTORY);
        assertThat(mine.tryAcquire()).isTrue();

        assertThat(theirs.tryAcquire()).as("a second session cannot take it").isFalse();
        assertNamesTheHolder(theirs.holder(), "replica-a");

        endTheSession(holder, mine); // the replica dies: no release, only the session ends
        assertThat(eventually(theirs)).as("the lock is free once its session is gone").isTrue();
        theirs.release();
    }

    @Test
    void aReleasedLockIsTakenByTheNextSessionAndLocksOfOtherTablesAreApart() throws Exception {
        Connection first = connect();
        Connection second = connect();
        Dialect one = dialect(first, database, "replica-a");
        String schema = one.openSession(first, null, "replica-a");
        Dialect two = dialect(second, database, "replica-b");
        two.openSession(second, null, "replica-b");

        SessionLock mine = one.lock(first, schema, HISTORY);
        assertThat(mine.tryAcquire()).isTrue();
        SessionLock otherTable = two.lock(second, schema, "tenant_history");
        assertThat(otherTable.tryAcquire()).as("another history table's lock is another lock")
                .isEqualTo(locksEachHistoryTableApart());
        if (locksEachHistoryTableApart()) {
            otherTable.release();
        }

        SessionLock theirs = two.lock(second, schema, HISTORY);
        assertThat(theirs.tryAcquire()).isFalse();
        mine.release();
        assertThat(theirs.tryAcquire()).as("free once released").isTrue();
        assertThat(mine.tryAcquire()).isFalse();
        theirs.release();
        assertThat(theirs.description()).isNotBlank();
    }

    private static boolean eventually(SessionLock lock) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (lock.tryAcquire()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    // --- lock waits ---------------------------------------------------------------------------------------------

    /** The objects of every kind, and an application's transaction, still open, that ran {@code statements} on them. */
    private Connection applicationTransaction(List<String> statements) throws SQLException {
        run(connect(), objectsOfEveryKind());
        Connection application = connect();
        application.setAutoCommit(false);
        run(application, statements);
        return application;
    }

    @Test
    void ddlWaitingBehindAnApplicationsTransactionGivesUpAndSaysItMayBeRetried() throws Exception {
        Connection application = applicationTransaction(holdTheTable());
        Connection connection = connect();
        Dialect dialect = dialect(connection, database, "replica-a");
        dialect.openSession(connection, null, "replica-a");
        dialect.limit(Duration.ofMillis(300), Duration.ZERO);
        dialect.restoreSession(connection);
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE " + TABLE + " ADD COLUMN extra INTEGER");
            fail("the ALTER did not wait for the application's transaction");
        } catch (SQLException e) {
            assertThat(dialect.isLockTimeout(e) || dialect.isBusy(e)).as("a lock wait given up: %s", e).isTrue();
            assertThat(dialect.isSessionLost(e)).isFalse();
            assertThat(dialect.isUndefinedTable(e)).isFalse();
        }
        application.rollback();
    }

    @Test
    void aBackfillsBatchWaitingForARowGivesUpRetryablyAndTheBoundsAreRestoredAfter() throws Exception {
        Connection application = applicationTransaction(
                List.of("UPDATE " + TABLE + " SET " + COLUMN + " = 'application' WHERE id = 1"));
        Connection connection = connect();
        Dialect dialect = dialect(connection, database, "replica-a");
        dialect.openSession(connection, null, "replica-a");
        dialect.limit(Duration.ofSeconds(2), Duration.ofMinutes(1));
        dialect.restoreSession(connection);
        dialect.beginBackfill(connection, Duration.ofMillis(300));
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("UPDATE " + TABLE + " SET " + COLUMN + " = 'backfill' WHERE id = 1");
            fail("the batch did not wait for the application's row lock");
        } catch (SQLException e) {
            assertThat(dialect.isBatchRetryable(e)).as("a batch that may run again: %s", e).isTrue();
        }
        connection.rollback();
        connection.setAutoCommit(true);
        application.rollback();

        dialect.endBackfill(connection);
        assertThat(queryOne(connection, readTheSetting())).isEqualTo(settingAsLockstepSetsIt());
        try (Statement s = connection.createStatement()) {
            assertThat(s.executeUpdate("UPDATE " + TABLE + " SET " + COLUMN + " = 'backfill' WHERE id = 1"))
                    .as("the row is free again").isEqualTo(1);
        }
    }

    // --- session settings ---------------------------------------------------------------------------------------

    /** A dialect on {@code connection} whose session is lockstep's, with the bounds {@link #settingAsLockstepSetsIt} names. */
    private Dialect openedSession(Connection connection) throws SQLException {
        Dialect dialect = dialect(connection, database, "replica-a");
        dialect.limit(Duration.ofSeconds(2), Duration.ofMinutes(1));
        dialect.openSession(connection, null, "replica-a");
        return dialect;
    }

    @Test
    void theSettingsAMigrationChangedAreRestoredBeforeTheNext() throws Exception {
        Connection connection = connect();
        Dialect dialect = openedSession(connection);
        assertThat(queryOne(connection, readTheSetting())).isEqualTo(settingAsLockstepSetsIt());

        run(connection, List.of(changeASetting()));
        assertThat(queryOne(connection, readTheSetting())).as("the migration changed it").isNotEqualTo(settingAsLockstepSetsIt());
        dialect.restoreSession(connection);
        assertThat(queryOne(connection, readTheSetting())).isEqualTo(settingAsLockstepSetsIt());
    }

    @Test
    void aCommitThatRestoresTheSettingsCommitsFirst() throws Exception {
        Connection connection = connect();
        Dialect dialect = openedSession(connection);
        run(connection, List.of("CREATE TABLE " + TABLE + " (id INTEGER PRIMARY KEY)"));
        connection.setAutoCommit(false);
        run(connection, List.of("INSERT INTO " + TABLE + " VALUES (1)", changeASetting()));

        boolean restored = dialect.commitAndRestoreSession(connection);

        assertThat(queryOne(connect(), "SELECT COUNT(*) FROM " + TABLE)).as("another session sees the row").isEqualTo("1");
        assertThat(restored).isEqualTo(restoresSettingsWithTheCommit());
        assertThat(queryOne(connection, readTheSetting())).as("restored with the commit: " + restored)
                .matches(value -> value.equals(settingAsLockstepSetsIt()) == restored);
    }

    @Test
    void aSessionEndedFromOutsideIsToldFromAFailedStatement() throws Exception {
        assumeTrue(sessionIdQuery().isPresent(), "this database's sessions cannot be ended from another");
        Connection victim = connect();
        Dialect dialect = dialect(victim, database, "replica-a");
        dialect.openSession(victim, null, "replica-a");
        String id = queryOne(victim, sessionIdQuery().get());
        run(connect(), List.of(endSessionSql(id)));

        try (Statement s = victim.createStatement()) {
            s.execute("SELECT 1");
            fail("the ended session still answered");
        } catch (SQLException e) {
            assertThat(dialect.isSessionLost(e)).as("the session is gone, and its lock with it: %s", e).isTrue();
        }
    }

    // --- the catalog --------------------------------------------------------------------------------------------

    @Test
    void everyCatalogFactIsFoundPresentAndAbsent() throws Exception {
        Connection connection = connect();
        Dialect dialect = dialect(connection, database, "replica-a");
        String schema = dialect.openSession(connection, null, "replica-a");
        CatalogProbe catalog = dialect.catalog(connection);
        List<CatalogFact> present = List.of(
                fact(ObjectType.DATABASE, null, null, database.name()),
                fact(ObjectType.SCHEMA, null, null, schema),
                fact(ObjectType.TABLE, null, null, TABLE),
                fact(ObjectType.TABLE, schema, null, TABLE),
                fact(ObjectType.VIEW, null, null, VIEW),
                fact(ObjectType.COLUMN, null, TABLE, COLUMN),
                fact(ObjectType.INDEX, null, TABLE, INDEX),
                fact(ObjectType.CONSTRAINT, null, TABLE, CONSTRAINT),
                fact(ObjectType.TRIGGER, null, TABLE, TRIGGER),
                fact(ObjectType.ROUTINE, null, null, ROUTINE));
        List<CatalogFact> absent = List.of(
                fact(ObjectType.DATABASE, null, null, "contract_missing"),
                fact(ObjectType.SCHEMA, null, null, "contract_missing"),
                fact(ObjectType.TABLE, null, null, VIEW),
                fact(ObjectType.TABLE, null, null, "contract_missing"),
                fact(ObjectType.VIEW, null, null, TABLE),
                fact(ObjectType.COLUMN, null, TABLE, "missing"),
                fact(ObjectType.INDEX, null, TABLE, "contract_missing"),
                fact(ObjectType.CONSTRAINT, null, TABLE, "contract_missing"),
                fact(ObjectType.TRIGGER, null, TABLE, "contract_missing"),
                fact(ObjectType.ROUTINE, null, null, "contract_missing"));
        for (CatalogFact fact : present) {
            if (fact.object() != ObjectType.DATABASE && fact.object() != ObjectType.SCHEMA) {
                assertThat(catalog.exists(fact)).as("before it is created: %s", fact.describe()).isIn(Optional.of(false),
                        Optional.empty());
            }
        }

        run(connection, objectsOfEveryKind());
        for (CatalogFact fact : present) {
            assertThat(catalog.exists(fact)).as(fact.describe())
                    .isEqualTo(kindsTheCatalogCannotTell().contains(fact.object()) ? Optional.empty() : Optional.of(true));
        }
        for (CatalogFact fact : absent) {
            assertThat(catalog.exists(fact)).as(fact.describe())
                    .isEqualTo(kindsTheCatalogCannotTell().contains(fact.object()) ? Optional.empty() : Optional.of(false));
        }
    }

    private static CatalogFact fact(ObjectType type, String schema, String table, String name) {
        return new CatalogFact(type, schema, table, name, true);
    }

    @Test
    void theTablesOfASchemaAndTheSchemasOfAFleetAreListed() throws Exception {
        Connection connection = connect();
        Dialect dialect = dialect(connection, database, "replica-a");
        String schema = dialect.openSession(connection, null, "replica-a");
        assertThat(dialect.tablesIn(connection, schema)).isEmpty();
        run(connection, objectsOfEveryKind());
        assertThat(dialect.tablesIn(connection, schema)).contains(TABLE, VIEW).doesNotContain(INDEX);

        if (provider().embedded()) {
            assertThatThrownBy(() -> dialect.schemasLike(connection, "%")).isInstanceOfSatisfying(LockstepException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.CONFIGURATION));
        } else {
            dialect.createSchemaIfMissing(connection, schema);
            assertThat(dialect.schemasLike(connection, schema)).containsExactly(schema);
            assertThat(dialect.schemasLike(connection, "contract\\_missing%")).isEmpty();
        }
    }

    // --- lockstep's tables --------------------------------------------------------------------------------------

    @Test
    void historyRowsRoundTripWithTheirTimestampsAndJournal() throws Exception {
        Connection connection = connect();
        Dialect dialect = dialect(connection, database, "replica-a");
        String schema = dialect.openSession(connection, null, "replica-a");
        HistoryTable history = new HistoryTable(connection, dialect, schema, HISTORY);
        assertThat(history.readIfExists()).as("no table yet").isEmpty();
        history.create();

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

    @Test
    void lockstepsTablesAreCreatedOnceAndCreatingThemAgainKeepsTheirRows() throws Exception {
        Connection connection = connect();
        Dialect dialect = dialect(connection, database, "replica-a");
        String schema = dialect.openSession(connection, null, "replica-a");

        HistoryTable history = new HistoryTable(connection, dialect, schema, HISTORY);
        history.create();
        history.insertRunning(1, new Migration(Version.parse("1"), "one", MigrationType.SQL, "V1__one.sql",
                "db/migration/V1__one.sql", "sha256:1", "SELECT 1;"), 1, 0, "app", "replica-a", Instant.now());
        history.create();
        assertThat(history.readIfExists().orElseThrow()).hasSize(1);

        FingerprintTable fingerprint = new FingerprintTable(connection, dialect, schema, HISTORY);
        fingerprint.record("sha256:f", 1, "1");
        fingerprint.record("sha256:g", 1, "1");
        assertThat(fingerprint.current()).contains(new FingerprintTable.Recorded("sha256:g", "1"));

        BatchTable batches = new BatchTable(connection, dialect, schema, HISTORY);
        batches.create();
        batches.record("sha256:1", 1, "V1__one.sql", BatchTable.Done.NONE.plus(10));
        batches.create();
        assertThat(batches.read("sha256:1", 1)).isEqualTo(new BatchTable.Done(1, 10));
        batches.createKeyTable();
        batches.record("sha256:1", 2, "V1__one.sql", BatchTable.Done.NONE.plus(10, 5000L));
        batches.record("sha256:1", 2, "V1__one.sql", new BatchTable.Done(2, 20, 10_000L));
        batches.createKeyTable();
        assertThat(batches.read("sha256:1", 2)).as("a key range's last key").isEqualTo(new BatchTable.Done(2, 20, 10_000L));
        batches.clear("sha256:1");
        assertThat(batches.read("sha256:1", 2)).isEqualTo(BatchTable.Done.NONE);

        List<String> tables = new ArrayList<>(List.of(HISTORY, HISTORY + FingerprintTable.SUFFIX, HISTORY + BatchTable.SUFFIX,
                HISTORY + BatchTable.KEY_SUFFIX));
        Optional<LeaseSql> leaseSql = dialect.leaseSql(schema, HISTORY);
        if (leaseSql.isPresent()) {
            LeaseTable lease = new LeaseTable(leaseSql.get(), LockKey.of(database.name(), schema, HISTORY).asName());
            lease.create(connection);
            assertThat(lease.insert(connection, "replica-a", "token-a", Duration.ofMinutes(1))).isTrue();
            lease.create(connection);
            assertThat(lease.read(connection, dialect)).isPresent();
            tables.add(LeaseTable.nameFor(HISTORY));
        }
        List<String> listed = dialect.tablesIn(connection, schema);
        for (String table : tables) {
            assertThat(listed).as("created once").filteredOn(table::equalsIgnoreCase).hasSize(1);
        }
    }

    // --- leases -------------------------------------------------------------------------------------------------

    @Test
    void aLeaseIsHeldByOneTokenRenewedByItAndTakenOverOnlyOnceExpired() throws Exception {
        Connection first = connect();
        Dialect dialect = dialect(first, database, "replica-a");
        String schema = dialect.openSession(first, null, "replica-a");
        Optional<LeaseSql> sql = dialect.leaseSql(schema, HISTORY);
        if (provider().whyNoLease().isPresent()) {
            assertThat(sql).as("a database where a lease has no use writes none").isEmpty();
            return;
        }
        Connection second = connect();
        LeaseTable lease = new LeaseTable(sql.orElseThrow(), LockKey.of(database.name(), schema, HISTORY).asName());
        lease.create(first);

        assertThat(lease.insert(first, "replica-a", "token-a", Duration.ofMinutes(1))).isTrue();
        assertThat(lease.insert(second, "replica-b", "token-b", Duration.ofMinutes(1))).as("held").isFalse();
        assertThat(lease.renew(second, "token-b", Duration.ofMinutes(1))).as("not its token").isFalse();
        assertThat(lease.takeOver(second, "token-a", "replica-b", "token-b", Duration.ofMinutes(1)))
                .as("not expired").isFalse();
        assertThat(lease.renew(first, "token-a", Duration.ofMinutes(1))).isTrue();

        LeaseRow row = lease.read(second, dialect).orElseThrow();
        assertThat(row.owner()).isEqualTo("replica-a");
        assertThat(row.expired()).isFalse();
        assertThat(row.ownerSession()).isEqualTo(lease.currentSession(first));
        assertThat(lease.sessionBusy(second, row.ownerSession())).as("an idle owner has nothing in flight")
                .isIn(Optional.of(false), Optional.empty());

        assertThat(lease.renew(first, "token-a", Duration.ZERO)).as("a lease that ends now").isTrue();
        assertThat(lease.read(second, dialect).orElseThrow().expired()).isTrue();
        assertThat(lease.takeOver(second, "token-a", "replica-b", "token-b", Duration.ofMinutes(1))).isTrue();
        assertThat(lease.renew(first, "token-a", Duration.ofMinutes(1))).as("the old owner lost it").isFalse();
        lease.delete(first, "token-a");
        assertThat(lease.read(first, dialect)).map(LeaseRow::owner).contains("replica-b");
        lease.delete(second, "token-b");
        assertThat(lease.read(first, dialect)).isEmpty();
    }
}
