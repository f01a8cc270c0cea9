package dev.lockstep.db.mysql;

import dev.lockstep.db.Catalog;
import dev.lockstep.db.CatalogProbe;
import dev.lockstep.db.ColumnType;
import dev.lockstep.db.Dialect;
import dev.lockstep.db.LeaseSql;
import dev.lockstep.db.LeaseTable;
import dev.lockstep.db.LockKey;
import dev.lockstep.db.LockstepTables;
import dev.lockstep.db.SessionLock;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.sql.SqlDialect;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MySQL and MariaDB: {@code GET_LOCK} on the migrating connection, DDL that commits by itself, a
 * schema that is a database. History timestamps are UTC {@code DATETIME(3)}, which has no year-2038 limit.
 */
public final class MySqlDialect implements Dialect {
    private final String product;
    private String schema;
    /** lockstep's session variables (numbers only), applied together by {@link #restoreSession}. */
    private final Map<String, String> settings = new LinkedHashMap<>();
    /** What gave a Galera node away, once {@link #openSession} looked; empty on a single server. */
    private Optional<String> cluster = Optional.empty();

    /** @param product {@code MySQL} or {@code MariaDB}, for messages */
    public MySqlDialect(String product) {
        this.product = product;
    }

    @Override
    public String name() {
        return product;
    }

    @Override
    public SqlDialect sqlDialect() {
        return SqlDialect.MYSQL;
    }

    @Override
    public boolean supportsTransactionalDdl() {
        return false;
    }

    @Override
    public boolean autocommitSwitchIsARoundTrip() {
        return true;
    }

    @Override
    public String openSession(Connection connection, String schema, String replicaId) throws SQLException {
        String current;
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT DATABASE()")) {
            r.next();
            current = r.getString(1);
        }
        if (schema == null && current == null) {
            throw new SQLException("the URL names no database; add one, as in jdbc:mysql://host:3306/app", "3D000");
        }
        this.schema = schema != null ? schema : current;
        cluster = galera(connection);
        // A frozen holder's idle connection, and its GET_LOCK, end after this; lockstep never idles while locked.
        settings.put("wait_timeout", Integer.toString(IDLE_TIMEOUT_SECONDS));
        restoreSession(connection);
        return this.schema;
    }

    @Override
    public void restoreSession(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.addBatch("USE " + quote(schema));
            s.addBatch(setSettings());
            executeBatch(s);
        }
    }

    /** The driver sends a statement's batch at once and then reads the results: the commit and the restore are one round trip. */
    @Override
    public boolean commitAndRestoreSession(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.addBatch("COMMIT");
            s.addBatch("USE " + quote(schema));
            s.addBatch(setSettings());
            try {
                s.executeBatch();
                return true;
            } catch (BatchUpdateException e) {
                int[] counts = e.getUpdateCounts();
                if (counts.length == 0 || counts[0] == Statement.EXECUTE_FAILED) {
                    throw cause(e); // the commit failed: as connection.commit() would have thrown
                }
                return false; // committed; restoreSession meets the failure again before the next migration
            }
        }
    }

    private String setSettings() {
        StringBuilder set = new StringBuilder("SET ");
        settings.forEach((name, value) -> set.append(set.length() == 4 ? "" : ", ").append("SESSION ").append(name)
                .append(" = ").append(value));
        return set.toString();
    }

    /** A batch's failure as the failed statement's own exception, whose SQL state and error code say what it was. */
    private static void executeBatch(Statement s) throws SQLException {
        try {
            s.executeBatch();
        } catch (BatchUpdateException e) {
            throw cause(e);
        }
    }

    private static SQLException cause(BatchUpdateException e) {
        return e.getCause() instanceof SQLException statement ? statement : e;
    }

    @Override
    public void limit(java.time.Duration lockWait, java.time.Duration statementTime) {
        // Metadata locks (DDL waiting behind open transactions) obey lock_wait_timeout, in whole seconds.
        settings.put("lock_wait_timeout", Long.toString(Math.max(1, (lockWait.toMillis() + 999) / 1000)));
        if (product.equals("MariaDB")) {
            settings.put("max_statement_time", Double.toString(statementTime.toMillis() / 1000.0));
        } else {
            // MySQL bounds only SELECT statements; DDL and row changes run unbounded there.
            settings.put("max_execution_time", Long.toString(statementTime.toMillis()));
        }
    }

    /** ER_RECORD_FILE_FULL (1114), ER_DISK_FULL (1021). */
    @Override
    public boolean isOutOfSpace(SQLException e) {
        return e.getErrorCode() == 1114 || e.getErrorCode() == 1021;
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        return e.getErrorCode() == 1205;
    }

    @Override
    public void beginBackfill(Connection connection, java.time.Duration lockWait) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION innodb_lock_wait_timeout = " + Math.max(1, (lockWait.toMillis() + 999) / 1000));
        }
    }

    @Override
    public void endBackfill(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION innodb_lock_wait_timeout = DEFAULT");
        }
    }

    @Override
    public boolean isBatchRetryable(SQLException e) {
        return isLockTimeout(e) || e.getErrorCode() == 1213;
    }

    @Override
    public CatalogProbe catalog(Connection connection) {
        return new MySqlCatalog(connection);
    }

    @Override
    public Optional<String> cluster() {
        return cluster;
    }

    @Override
    public SessionLock lock(Connection connection, String schema, String table) throws SQLException {
        if (cluster.isPresent()) {
            throw new LockstepException(Reason.CONFIGURATION, "This " + product + " server is " + cluster.get()
                    + ": GET_LOCK is not replicated across Galera nodes, so lockstep's session lock would let replicas"
                    + " connected to different nodes migrate at once. Remove --lock=session (LOCKSTEP_LOCK), and lockstep"
                    + " takes its lease lock by itself, or set --lock=lease, which keeps the lock in a replicated table row.");
        }
        return new GetLock(connection, LockKey.of("mysql", schema, table), schema + "/" + table);
    }

    /**
     * Whether the server is a Galera node ({@code wsrep_on} is on), and then what says so: the variable and the
     * cluster's size as the node sees it. MySQL has no {@code wsrep_on}: a single server.
     */
    static Optional<String> galera(Connection connection) throws SQLException {
        if (!isGalera(wsrepOn(connection))) {
            return Optional.empty();
        }
        String size = null;
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'")) {
            if (r.next()) {
                size = r.getString(2);
            }
        }
        return Optional.of("a Galera cluster node (wsrep_on = ON" + (size == null ? "" : ", wsrep_cluster_size = " + size) + ")");
    }

    /** The server's {@code wsrep_on}, or {@code null} where the variable does not exist (MySQL). */
    static String wsrepOn(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SHOW GLOBAL VARIABLES LIKE 'wsrep_on'")) {
            return r.next() ? r.getString(2) : null;
        }
    }

    /** Whether a {@code wsrep_on} value says Galera replication is on. */
    static boolean isGalera(String wsrepOn) {
        return wsrepOn != null && Set.of("ON", "1", "TRUE").contains(wsrepOn.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public Optional<LeaseSql> leaseSql(String schema, String historyTable) {
        String t = qualify(schema, LeaseTable.nameFor(historyTable));
        // The node's name too: on a Galera cluster a connection id means something only on its own node.
        String session = "CONCAT(@@hostname, ':', @@port, '/', CONNECTION_ID())";
        String now = "UTC_TIMESTAMP(3)";
        String expiry = "DATE_ADD(" + now + ", INTERVAL ? * 1000 MICROSECOND)";
        // Duplicate key; deadlock, which is also how Galera reports a lost certification; lock wait timeout.
        Set<Integer> lostRace = Set.of(1062, 1213, 1205);
        return Optional.of(new LeaseSql(t,
                LockstepTables.LEASE.createSql(this, t),
                "INSERT INTO " + t + " (lock_key, owner, token, owner_session, acquired_at, heartbeat_at, expires_at)"
                        + " VALUES (?, ?, ?, " + session + ", " + now + ", " + now + ", " + expiry + ")",
                "SELECT owner, token, owner_session, acquired_at, heartbeat_at, expires_at, " + now + " AS db_now FROM " + t
                        + " WHERE lock_key = ?",
                "UPDATE " + t + " SET owner = ?, token = ?, owner_session = " + session + ", acquired_at = " + now + ","
                        + " heartbeat_at = " + now + ", expires_at = " + expiry + " WHERE lock_key = ? AND token = ?"
                        + " AND expires_at <= " + now,
                "UPDATE " + t + " SET heartbeat_at = " + now + ", expires_at = " + expiry + " WHERE lock_key = ? AND token = ?",
                "DELETE FROM " + t + " WHERE lock_key = ? AND token = ?",
                session,
                // Sleep with an open InnoDB transaction is work in flight too. Without the PROCESS privilege the
                // query fails or sees only this user's sessions: the server cannot tell then.
                "SELECT COUNT(*) FROM information_schema.PROCESSLIST p WHERE CONCAT(@@hostname, ':', @@port, '/', p.ID) = ?"
                        + " AND p.ID <> CONNECTION_ID() AND (p.COMMAND <> 'Sleep' OR p.ID IN (SELECT t.trx_mysql_thread_id FROM information_schema.INNODB_TRX t))",
                e -> lostRace.contains(e.getErrorCode())));
    }

    @Override
    public List<String> schemasLike(Connection connection, String pattern) throws SQLException {
        return Catalog.names(connection, "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE ?"
                + " AND schema_name NOT IN ('mysql', 'information_schema', 'performance_schema', 'sys')"
                + " ORDER BY schema_name", pattern);
    }

    @Override
    public void createSchemaIfMissing(Connection connection, String schema) {
        // The schema is the database the URL names (or --schema); lockstep does not create databases.
    }

    @Override
    public String columnType(ColumnType type, int length) {
        return switch (type) {
            case INTEGER -> "INT";
            case BIGINT -> "BIGINT";
            case VARCHAR -> "VARCHAR(" + length + ")";
            case TEXT -> "TEXT";
            // UTC, to the millisecond; DATETIME has no year-2038 limit as TIMESTAMP has.
            case TIMESTAMP -> "DATETIME(3)";
        };
    }

    @Override
    public String tableOptions() {
        return " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
    }

    @Override
    public String qualify(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    @Override
    public java.util.List<String> tablesIn(Connection connection, String schema) throws SQLException {
        return Catalog.names(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " ORDER BY 1", schema);
    }

    @Override
    public boolean isUndefinedTable(SQLException e) {
        return e.getErrorCode() == 1146 || e.getErrorCode() == 1049 || "42S02".equals(e.getSQLState());
    }

    @Override
    public void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Override
    public Instant readInstant(ResultSet rows, String column) throws SQLException {
        LocalDateTime value = rows.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    private static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }
}
