package dev.lockstep.db;

import dev.lockstep.sql.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything lockstep does differently per database, and nothing else: the engine holds all logic.
 * One instance serves one connection of one run; the engine calls {@link #openSession} once right
 * after connecting, then the other methods on that same connection.
 */
public interface Dialect {

    /**
     * How long, in seconds, a server lets a lockstep session sit idle before ending it: lockstep never idles while it
     * holds the lock, so a session idle this long belongs to a frozen holder (SIGSTOP, a cut network: both still
     * answer TCP keepalives), and its lock goes with it.
     */
    int IDLE_TIMEOUT_SECONDS = 60;

    /** An identifier in the SQL standard's double quotes, any double quote in it doubled. */
    static String doubleQuoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code PostgreSQL}, {@code MariaDB}, {@code MySQL} or {@code SQLite}. */
    String name();

    SqlDialect sqlDialect();

    /** Whether DDL rolls back with its transaction (PostgreSQL, SQLite), or commits at once (MySQL). */
    boolean supportsTransactionalDdl();

    /** Opens one more client connection to the same database (one try), for a probe that needs a second client. */
    @FunctionalInterface
    interface ConnectionSource {
        Connection open() throws SQLException;
    }

    /**
     * Finds out, before {@link #openSession}, whether this connection goes through a transaction (or statement)
     * pooler, which hands the server session to other clients between transactions, so that nothing kept in the
     * session stays lockstep's. Once found, {@link #openSession} and {@link #restoreSession} set nothing on the
     * session, {@link #beginTransaction} sets lockstep's settings for each transaction instead, and the session
     * lock refuses to be taken. Leaves nothing behind on the connection.
     *
     * @param another opens a second client connection for the probe, or {@code null} where none may be opened
     * @return what gave the pooler away, for messages; empty where there is none or the database has no such thing
     */
    default Optional<String> detectTransactionPooler(Connection connection, ConnectionSource another) throws SQLException {
        return Optional.empty();
    }

    /** What {@link #detectTransactionPooler} found: the sign of a transaction pooler, or empty. */
    default Optional<String> transactionPooler() {
        return Optional.empty();
    }

    /**
     * What {@link #openSession} found that makes this server one node of a cluster whose every node takes writes (a
     * MariaDB Galera cluster), for messages: a session lock there holds on that node only, so the engine takes the
     * lease lock unless a session lock was chosen, which {@link #lock} then refuses. Empty on a single server.
     */
    default Optional<String> cluster() {
        return Optional.empty();
    }

    /**
     * Called right after the engine opens a transaction for migration statements (autocommit just turned off):
     * behind a transaction pooler, applies lockstep's settings to this transaction only, so that no other client
     * of the pool ever sees them. A no-op where settings live in the session ({@link #restoreSession}).
     */
    default void beginTransaction(Connection connection) throws SQLException {
    }

    /**
     * Prepares the session the engine will lock and migrate on: who it is (for other replicas that
     * wait), which schema lockstep works in, and the settings migrations must not change.
     *
     * @param schema    the configured schema, or {@code null} for the connection's own
     * @param replicaId this process, as other replicas will see it
     * @return the schema lockstep works in
     */
    String openSession(Connection connection, String schema, String replicaId) throws SQLException;

    /**
     * Re-applies lockstep's session settings before each migration, in case the previous one changed
     * them: one round trip where the database allows it.
     */
    void restoreSession(Connection connection) throws SQLException;

    /**
     * A one-row query that does what {@link #restoreSession} does, for the engine to fold into a statement it sends
     * anyway (the history row written in the previous migration's transaction), so restoring costs no round trip of
     * its own; {@code null} where the settings need statements of their own or there is nothing to set (behind a
     * transaction pooler). Settings made so inside a transaction last for the session once it commits.
     */
    default Query restoreSessionQuery() {
        return null;
    }

    /**
     * Commits the session's transaction and then does what {@link #restoreSession} does, in one round trip where the
     * driver sends the statements together (MySQL and MariaDB): for a migration that runs in one transaction and is
     * followed by another, which then needs no restoring of its own. A commit that fails throws as
     * {@link Connection#commit} would; a restore that fails after the commit is not reported here but returns
     * {@code false}, and the next {@link #restoreSession} meets it again where a failed restore is expected.
     *
     * @return whether the settings were restored; {@code false} leaves that to {@link #restoreSession}
     */
    default boolean commitAndRestoreSession(Connection connection) throws SQLException {
        connection.commit();
        return false;
    }

    /** A query with its parameters, bound in order. */
    record Query(String sql, List<String> parameters) {
        public Query {
            parameters = List.copyOf(parameters);
        }
    }

    /**
     * Whether turning autocommit off or on sends a statement to the server (MariaDB's driver sends
     * {@code set autocommit=0}): then, when a migration in one transaction is followed at once by another, the
     * engine leaves autocommit off from the first one's commit into the second one's transaction.
     */
    default boolean autocommitSwitchIsARoundTrip() {
        return false;
    }

    /**
     * Whether one statement may change a row in a {@code WITH} clause and insert from what it returned
     * (PostgreSQL's data-modifying common table expressions): then a migration's {@code applied} row and the next
     * migration's {@code running} row are written in one round trip.
     */
    default boolean writesInWith() {
        return false;
    }

    /**
     * Records the bounds that {@link #restoreSession} applies with lockstep's other session settings:
     * how long a statement waits for a table lock held by application traffic (so DDL on a busy table
     * gives up and is retried instead of queueing production queries behind it), and how long one
     * statement may run ({@link java.time.Duration#ZERO}: no bound). No I/O.
     */
    void limit(java.time.Duration lockWait, java.time.Duration statementTime);

    /** Whether this error says a statement gave up waiting for a lock (see {@link #limitLockWaits}). */
    boolean isLockTimeout(SQLException e);

    /**
     * Whether this error says the database refused a statement because another connection's transaction
     * holds it (SQLite's {@code SQLITE_BUSY}: one writer locks the whole file). Waiting heals it: the engine
     * retries such a read, saying what it waits for, within the command's timeout. Databases whose readers
     * never wait for writers answer {@code false}.
     */
    default boolean isBusy(SQLException e) {
        return false;
    }

    /**
     * Whether this error says the session is gone (a network cut, a server restart, a terminated backend), and its
     * session lock with it: SQLState class {@code 08} unless a dialect knows its own codes.
     */
    default boolean isSessionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("08");
    }

    /**
     * Whether this error says the database ran out of room (a full disk or quota): nothing is wrong with the
     * migration, so its failure message says to free space rather than to fix the file. PostgreSQL's
     * {@code 53100 disk_full} unless a dialect knows its own codes.
     */
    default boolean isOutOfSpace(SQLException e) {
        return "53100".equals(e.getSQLState());
    }

    /**
     * Before a backfill's batches: bounds how long each batch waits for a row lock (an application's open
     * transaction) to {@code lockWait}, where {@link #restoreSession} bounds only table locks: MySQL's
     * {@code innodb_lock_wait_timeout}, SQLite's busy timeout. PostgreSQL's {@code lock_timeout} bounds both already.
     */
    default void beginBackfill(Connection connection, java.time.Duration lockWait) throws SQLException {
    }

    /** After a backfill: the session's bounds as {@link #restoreSession} and the server's defaults leave them. */
    default void endBackfill(Connection connection) throws SQLException {
    }

    /**
     * The least wait after each batch of a backfill, whatever its {@code pause=}: zero where the database queues
     * waiting writers and wakes them when a lock is released; SQLite's waiting writers poll for the file lock instead
     * (every 100 ms at most), and would never get in between two batches that follow each other at once.
     */
    default java.time.Duration leastPauseBetweenBatches() {
        return java.time.Duration.ZERO;
    }

    /**
     * Whether a batch that failed so took no effect and may run again after a pause: it gave up on a lock, was
     * chosen as a deadlock's victim, or (SQLite) found the database busy.
     */
    default boolean isBatchRetryable(SQLException e) {
        return isLockTimeout(e) || "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    /**
     * Undoes what a statement that did not complete (it gave up on a lock, or its replica died) leaves
     * behind, before it is judged or retried: on PostgreSQL a failed {@code CREATE INDEX CONCURRENTLY}
     * leaves an INVALID index, which a retried {@code IF NOT EXISTS} would wrongly accept.
     */
    default void cleanUpAfterFailedStatement(Connection connection, String statement) throws SQLException {
    }

    /**
     * Looks objects up in this database's catalog, to judge whether a DDL statement that was in
     * flight when its replica died took effect.
     */
    CatalogProbe catalog(Connection connection);

    /**
     * A one-row query whose evaluation lets the transaction it runs in commit without waiting for its
     * flush to disk (PostgreSQL: {@code SELECT set_config('synchronous_commit', 'off', true)}), or
     * {@code null} where the database has no such setting per transaction. Only the {@code running}
     * row is written so: any later synchronous commit flushes it too, so it can be lost only together
     * with everything the migration did, and only if the server itself crashes.
     */
    default String lazyCommitQuery() {
        return null;
    }

    /**
     * The session lock ({@link LockMode#SESSION}) scoped to this database, schema and history table; not
     * taken yet. Refuses, with {@code CONFIGURATION}, a database where such a lock would not exclude other
     * replicas (a transaction pooler, a {@link #cluster}).
     */
    SessionLock lock(Connection connection, String schema, String table) throws SQLException;

    /**
     * The statements of the lease lock ({@link LockMode#LEASE}) for this history table, whose row lives in
     * {@link LeaseTable#nameFor the lock table} beside it; empty where leases have no use (SQLite, whose
     * file lock already dies with the process). No I/O.
     */
    Optional<LeaseSql> leaseSql(String schema, String historyTable);

    /**
     * The schemas (MySQL/MariaDB: the databases) whose names match the SQL {@code LIKE} pattern, in name order, read
     * from the catalog with the pattern as a bound parameter: the tenants of a fleet. System schemas are left out.
     *
     * @throws dev.lockstep.error.LockstepException {@link dev.lockstep.error.Reason#CONFIGURATION} where the database
     *         has no schemas to choose from (SQLite: one file, one tenant)
     */
    List<String> schemasLike(Connection connection, String pattern) throws SQLException;

    /** Creates the schema when the database has schemas and it is missing; a no-op otherwise. Called under the lock. */
    void createSchemaIfMissing(Connection connection, String schema) throws SQLException;

    /**
     * The SQL type of a column of lockstep's own tables ({@link LockstepTables}); {@code length} bounds a
     * {@link ColumnType#VARCHAR}. No I/O.
     */
    String columnType(ColumnType type, int length);

    /** What follows the column list of lockstep's {@code CREATE TABLE} (MySQL's engine and character set), or "". */
    default String tableOptions() {
        return "";
    }

    /** The schema-qualified, quoted name, so a migration's {@code search_path} cannot redirect lockstep. */
    String qualify(String schema, String table);

    /**
     * The tables, views and sequences in {@code schema}, by name, lockstep's own among them: what tells a
     * schema that already holds an application from an empty one.
     */
    java.util.List<String> tablesIn(Connection connection, String schema) throws SQLException;

    /** Whether this error says the queried table (or its schema) does not exist. */
    boolean isUndefinedTable(SQLException e);

    /** Binds a history timestamp in the column type this dialect creates. */
    void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException;

    /** Reads a history timestamp; {@code null} stays {@code null}. */
    Instant readInstant(ResultSet rows, String column) throws SQLException;
}
