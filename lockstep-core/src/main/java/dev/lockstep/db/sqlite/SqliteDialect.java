package dev.lockstep.db.sqlite;

import dev.lockstep.db.Catalog;
import dev.lockstep.db.CatalogProbe;
import dev.lockstep.db.ColumnType;
import dev.lockstep.db.Dialect;
import dev.lockstep.db.LeaseSql;
import dev.lockstep.db.LockstepTables;
import dev.lockstep.db.SessionLock;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.sql.SqlDialect;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * SQLite: the migration lock is an OS file lock on a sidecar file ({@code <db>.lockstep-lock}, named
 * after the file's real path or, for a file with hard links, its identity: see {@link SqliteLockFile}),
 * which the OS frees when the process dies. SQLite's own locking serialises the transactions
 * underneath: one writer locks the whole file, so a reader outside the migration lock meets
 * {@code SQLITE_BUSY} for as long as a migration's transaction runs. Such a session has a short busy
 * timeout ({@link #WAITING_BUSY_TIMEOUT}): the engine retries its reads, saying whom it waits for, up to
 * the command's own timeout. The holder of the migration lock waits longer inside SQLite
 * ({@link #HOLDING_BUSY_TIMEOUT}), as it only ever waits for a reader or the application's own writes.
 */
public final class SqliteDialect implements Dialect {
    /** SQLite's only schema that lockstep works in. */
    public static final String MAIN = "main";
    /** How long one statement of a session that does not hold the migration lock waits inside SQLite. */
    static final Duration WAITING_BUSY_TIMEOUT = Duration.ofSeconds(1);
    /** How long one statement of the migration lock's holder waits inside SQLite. */
    static final Duration HOLDING_BUSY_TIMEOUT = Duration.ofSeconds(30);
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_FULL = 13;

    private final Path databaseFile;
    private final boolean allowNetworkFilesystem;
    private final String replicaId;
    private volatile Duration busyTimeout = WAITING_BUSY_TIMEOUT;

    /**
     * @param databaseFile the database file, or {@code null} for an in-memory database (locked within this JVM only)
     * @param allowNetworkFilesystem accept a file on NFS, CIFS or FUSE, where file locks are unreliable
     */
    public SqliteDialect(Path databaseFile, boolean allowNetworkFilesystem, String replicaId) {
        this.databaseFile = databaseFile == null ? null : databaseFile.toAbsolutePath().normalize();
        this.allowNetworkFilesystem = allowNetworkFilesystem;
        this.replicaId = replicaId;
    }

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public SqlDialect sqlDialect() {
        return SqlDialect.SQLITE;
    }

    @Override
    public boolean supportsTransactionalDdl() {
        return true;
    }

    @Override
    public String openSession(Connection connection, String schema, String replicaId) throws SQLException {
        if (schema != null && !schema.equals(MAIN)) {
            throw new LockstepException(Reason.CONFIGURATION, "SQLite has no schema '" + schema
                    + "': lockstep keeps its history in the database file itself (schema 'main'). Remove --schema.");
        }
        restoreSession(connection);
        return MAIN;
    }

    @Override
    public void restoreSession(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + busyTimeout.toMillis());
        }
    }

    /** The busy timeout of the migration lock's holder while it holds it, the short one before and after. */
    private void holding(Connection connection, boolean held) throws SQLException {
        busyTimeout = held ? HOLDING_BUSY_TIMEOUT : WAITING_BUSY_TIMEOUT;
        if (!connection.isClosed()) { // a session that has ended keeps no busy timeout to restore
            restoreSession(connection);
        }
    }

    @Override
    public void limit(Duration lockWait, Duration statementTime) {
        // One writer at a time: the busy timeout set in restoreSession bounds every wait. SQLite has no
        // statement timeout; --max-duration bounds the whole run instead.
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        return false;
    }

    /** {@code SQLITE_BUSY} and its extended codes ({@code SQLITE_BUSY_RECOVERY}, {@code SQLITE_BUSY_SNAPSHOT}, ...). */
    @Override
    public boolean isBusy(SQLException e) {
        String message = e.getMessage();
        return (e.getErrorCode() & 0xff) == SQLITE_BUSY || message != null && message.startsWith("[SQLITE_BUSY");
    }

    /** {@code SQLITE_FULL}: the disk (or {@code max_page_count}) is full. */
    @Override
    public boolean isOutOfSpace(SQLException e) {
        return (e.getErrorCode() & 0xff) == SQLITE_FULL;
    }

    @Override
    public void beginBackfill(Connection connection, Duration lockWait) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA busy_timeout = " + Math.max(1, lockWait.toMillis()));
        }
    }

    @Override
    public void endBackfill(Connection connection) throws SQLException {
        restoreSession(connection);
    }

    /** Its busy handler sleeps up to 100 ms between two tries for the file lock. */
    @Override
    public Duration leastPauseBetweenBatches() {
        return Duration.ofMillis(100);
    }

    /** {@code SQLITE_BUSY} and {@code SQLITE_LOCKED}, with their extended codes: another writer held the file. */
    @Override
    public boolean isBatchRetryable(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == 5 || primary == 6;
    }

    @Override
    public CatalogProbe catalog(Connection connection) {
        return new SqliteCatalog(connection);
    }

    @Override
    public SessionLock lock(Connection connection, String schema, String table) {
        return new HolderBusyTimeout(fileLock(connection, table), connection);
    }

    private SessionLock fileLock(Connection connection, String table) {
        if (databaseFile == null) {
            return SidecarFileLock.inMemory("memory:" + System.identityHashCode(connection) + "/" + table, replicaId);
        }
        if (!allowNetworkFilesystem) {
            MountTable.current().networkFilesystemOf(databaseFile).ifPresent(type -> {
                throw new LockstepException(Reason.CONFIGURATION, "The SQLite database " + databaseFile
                        + " is on a network filesystem (" + type + "), where file locks are unreliable and replicas on"
                        + " two hosts could migrate at once. Keep SQLite on a local disk, use PostgreSQL or MySQL for"
                        + " several hosts, or pass --allow-network-fs if only one host ever opens this file.");
            });
        }
        return SidecarFileLock.onFile(SqliteLockFile.of(databaseFile), replicaId);
    }

    @Override
    public Optional<LeaseSql> leaseSql(String schema, String historyTable) {
        return Optional.empty();
    }

    @Override
    public List<String> schemasLike(Connection connection, String pattern) {
        throw new LockstepException(Reason.CONFIGURATION, "A SQLite database is one file with one schema, so there are no"
                + " schemas to match '" + pattern + "'. Give one SQLite file per tenant instead (--tenants-file, one path"
                + " a line).");
    }

    @Override
    public void createSchemaIfMissing(Connection connection, String schema) {
        // SQLite's main schema always exists.
    }

    /** SQLite's own type names: it keeps any value in any column, and these name its affinities. */
    @Override
    public String columnType(ColumnType type, int length) {
        return switch (type) {
            case INTEGER, BIGINT -> "INTEGER";
            // An ISO-8601 instant, as bindInstant writes it.
            case VARCHAR, TEXT, TIMESTAMP -> "TEXT";
        };
    }

    @Override
    public String qualify(String schema, String table) {
        return Dialect.doubleQuoted(schema) + "." + Dialect.doubleQuoted(table);
    }

    @Override
    public java.util.List<String> tablesIn(Connection connection, String schema) throws SQLException {
        return Catalog.names(connection, "SELECT name FROM main.sqlite_master WHERE type IN ('table', 'view')"
                + " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND ? = 'main' ORDER BY 1", schema);
    }

    @Override
    public boolean isUndefinedTable(SQLException e) {
        String message = e.getMessage();
        return message != null && message.contains("no such table");
    }

    @Override
    public void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setString(index, instant == null ? null : instant.toString());
    }

    @Override
    public Instant readInstant(ResultSet rows, String column) throws SQLException {
        String value = rows.getString(column);
        return value == null ? null : Instant.parse(value);
    }

    /** The file lock, and the longer busy timeout for as long as this session holds it. */
    private final class HolderBusyTimeout implements SessionLock {
        private final SessionLock lock;
        private final Connection connection;

        HolderBusyTimeout(SessionLock lock, Connection connection) {
            this.lock = lock;
            this.connection = connection;
        }

        @Override
        public boolean tryAcquire() throws SQLException {
            if (!lock.tryAcquire()) {
                return false;
            }
            try {
                holding(connection, true);
            } catch (SQLException | RuntimeException e) {
                lock.release();
                throw e;
            }
            return true;
        }

        @Override
        public void release() throws SQLException {
            try {
                lock.release();
            } finally {
                holding(connection, false);
            }
        }

        @Override
        public boolean awaitReleaseInProcess(Duration time) throws InterruptedException {
            return lock.awaitReleaseInProcess(time);
        }

        @Override
        public String holder() throws SQLException {
            return lock.holder();
        }

        @Override
        public String description() {
            return lock.description();
        }
    }
}
