package dev.lockstep.db.postgres;

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

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL: a session-level advisory lock, transactional DDL, schemas. The session names itself in
 * {@code application_name}, so a waiting replica can tell who holds the lock from
 * {@code pg_stat_activity}, and asks the server to notice a dead client within a second.
 */
public final class PostgresDialect implements Dialect {
    private static final Pattern CONCURRENT_INDEX = Pattern.compile(
            "^\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"[^\"]+\"|[A-Za-z_][A-Za-z0-9_$]*)",
            Pattern.CASE_INSENSITIVE);
    /** Of lockstep's settings, those that apply to one transaction too: behind a transaction pooler, the only ones set. */
    private static final Set<String> PER_TRANSACTION = Set.of("search_path", "lock_timeout", "statement_timeout",
            "idle_in_transaction_session_timeout", "client_connection_check_interval");

    /** lockstep's session settings, applied together by {@link #restoreSession}. */
    private final Map<String, String> settings = new LinkedHashMap<>();
    /** The sign of a transaction pooler, once {@link #detectTransactionPooler} found one. */
    private Optional<String> pooler = Optional.empty();

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public SqlDialect sqlDialect() {
        return SqlDialect.POSTGRESQL;
    }

    @Override
    public boolean supportsTransactionalDdl() {
        return true;
    }

    @Override
    public Optional<String> detectTransactionPooler(Connection connection, ConnectionSource another) throws SQLException {
        pooler = PoolerProbe.detect(connection, another);
        return pooler;
    }

    @Override
    public Optional<String> transactionPooler() {
        return pooler;
    }

    @Override
    public String openSession(Connection connection, String schema, String replicaId) throws SQLException {
        String original;
        String current;
        int version;
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT current_setting('search_path'), current_schema(),"
                     + " current_setting('server_version_num')::int")) {
            r.next();
            original = r.getString(1);
            current = r.getString(2);
            version = r.getInt(3);
        }
        String target = schema != null ? schema : (current != null ? current : "public");
        // Migrations create their objects in lockstep's schema and still resolve what the original
        // path reaches (extensions installed in public, say).
        settings.put("search_path", schema == null ? original : quote(schema) + (original.isBlank() ? "" : ", " + original));
        settings.put("application_name", truncate("lockstep " + replicaId, 63));
        // lockstep never idles while it holds the lock, so a session idle this long belongs to a frozen
        // holder (SIGSTOP, a cut network: both still answer TCP keepalives); the server ends it and the
        // lock goes with it.
        settings.put("idle_in_transaction_session_timeout", IDLE_TIMEOUT_SECONDS + "s");
        if (version >= 140000) {
            settings.put("idle_session_timeout", IDLE_TIMEOUT_SECONDS + "s");
            // A killed replica's running statement stops, and its lock is freed, within a second.
            settings.put("client_connection_check_interval", "1s");
        }
        restoreSession(connection);
        return target;
    }

    /** Behind a transaction pooler the session is not lockstep's: nothing is set on it (see {@link #beginTransaction}). */
    @Override
    public void restoreSession(Connection connection) throws SQLException {
        if (pooler.isEmpty()) {
            apply(connection, settings, false);
        }
    }

    /**
     * Behind a transaction pooler: lockstep's settings for this transaction only ({@code set_config(..., true)},
     * as {@code SET LOCAL}), which the server undoes at its end, before the pooler hands the server session on.
     * The session-only ones (the application name, {@code idle_session_timeout}) are left out.
     */
    @Override
    public void beginTransaction(Connection connection) throws SQLException {
        if (pooler.isPresent()) {
            Map<String, String> local = new LinkedHashMap<>(settings);
            local.keySet().retainAll(PER_TRANSACTION);
            apply(connection, local, true);
        }
    }

    /** {@link #restoreSession}'s {@code set_config} calls as one row, or {@code null} behind a transaction pooler. */
    @Override
    public Query restoreSessionQuery() {
        if (pooler.isPresent()) {
            return null;
        }
        List<String> parameters = new java.util.ArrayList<>();
        settings.forEach((name, value) -> {
            parameters.add(name);
            parameters.add(value);
        });
        return new Query(setConfigs(settings.size(), false), parameters);
    }

    @Override
    public boolean writesInWith() {
        return true;
    }

    private static String setConfigs(int count, boolean local) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "" : ", ").append("set_config(?, ?, ").append(local).append(')');
        }
        return sql.toString();
    }

    private static void apply(Connection connection, Map<String, String> values, boolean local) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(setConfigs(values.size(), local))) {
            int index = 1;
            for (Map.Entry<String, String> setting : values.entrySet()) {
                s.setString(index++, setting.getKey());
                s.setString(index++, setting.getValue());
            }
            s.execute();
        }
    }

    @Override
    public void limit(java.time.Duration lockWait, java.time.Duration statementTime) {
        settings.put("lock_timeout", Math.max(1, lockWait.toMillis()) + "ms");
        settings.put("statement_timeout", statementTime.toMillis() + "ms");
    }

    @Override
    public boolean isLockTimeout(SQLException e) {
        return "55P03".equals(e.getSQLState());
    }

    /** And {@code 57P01 admin_shutdown}: the backend was terminated ({@code pg_terminate_backend}, a server stop). */
    @Override
    public boolean isSessionLost(SQLException e) {
        return Dialect.super.isSessionLost(e) || "57P01".equals(e.getSQLState());
    }

    @Override
    public void cleanUpAfterFailedStatement(Connection connection, String statement) throws SQLException {
        Matcher m = CONCURRENT_INDEX.matcher(statement);
        if (!m.find()) {
            return;
        }
        String name = m.group(1);
        try (PreparedStatement s = connection.prepareStatement("SELECT NOT i.indisvalid FROM pg_catalog.pg_index i"
                + " JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid WHERE c.relname = ?"
                + " AND c.relnamespace = to_regnamespace(current_schema())")) {
            s.setString(1, name.startsWith("\"") ? name.substring(1, name.length() - 1) : name.toLowerCase(java.util.Locale.ROOT));
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || !r.getBoolean(1)) {
                    return;
                }
            }
        }
        execute(connection, "DROP INDEX CONCURRENTLY IF EXISTS " + name);
    }

    @Override
    public CatalogProbe catalog(Connection connection) {
        return new PostgresCatalog(connection);
    }

    @Override
    public String lazyCommitQuery() {
        return "SELECT set_config('synchronous_commit', 'off', true)";
    }

    @Override
    public SessionLock lock(Connection connection, String schema, String table) throws SQLException {
        if (pooler.isPresent()) {
            throw new LockstepException(Reason.CONFIGURATION, "lockstep talks to PostgreSQL through a transaction pooler ("
                    + pooler.get() + "), such as PgBouncer with pool_mode = transaction: the server session, and a session"
                    + " lock with it, passes to other clients between transactions, so it would let replicas migrate at once."
                    + " Remove --lock=session (LOCKSTEP_LOCK), and lockstep takes its lease lock by itself, or set --lock=lease;"
                    + " or connect through a session-mode pool or to PostgreSQL directly.");
        }
        String database;
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT current_database()")) {
            r.next();
            database = r.getString(1);
        }
        return new AdvisoryLock(connection, LockKey.of(database, schema, table), database + "/" + schema + "/" + table);
    }

    @Override
    public Optional<LeaseSql> leaseSql(String schema, String historyTable) {
        String t = qualify(schema, LeaseTable.nameFor(historyTable));
        String session = "pg_backend_pid()::text";
        String expiry = "now() + CAST(? AS BIGINT) * INTERVAL '1 millisecond'";
        Set<String> lostRace = Set.of("23505", "40001", "40P01");
        return Optional.of(new LeaseSql(t,
                LockstepTables.LEASE.createSql(this, t),
                "INSERT INTO " + t + " (lock_key, owner, token, owner_session, acquired_at, heartbeat_at, expires_at)"
                        + " VALUES (?, ?, ?, " + session + ", now(), now(), " + expiry + ") ON CONFLICT (lock_key) DO NOTHING",
                "SELECT owner, token, owner_session, acquired_at, heartbeat_at, expires_at, now() AS db_now FROM " + t
                        + " WHERE lock_key = ?",
                "UPDATE " + t + " SET owner = ?, token = ?, owner_session = " + session + ", acquired_at = now(),"
                        + " heartbeat_at = now(), expires_at = " + expiry + " WHERE lock_key = ? AND token = ? AND expires_at <= now()",
                "UPDATE " + t + " SET heartbeat_at = now(), expires_at = " + expiry + " WHERE lock_key = ? AND token = ?",
                "DELETE FROM " + t + " WHERE lock_key = ? AND token = ?",
                session,
                // Sessions of other users show a NULL state without pg_read_all_stats: the server cannot tell then.
                // Behind a pooler the asking session may be the very backend the owner used: that one is not busy for it.
                "SELECT count(*) FROM pg_catalog.pg_stat_activity WHERE pid::text = ? AND pid <> pg_backend_pid()"
                        + " AND state <> 'idle'",
                e -> lostRace.contains(e.getSQLState())));
    }

    @Override
    public List<String> schemasLike(Connection connection, String pattern) throws SQLException {
        return Catalog.names(connection, "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname LIKE ?"
                + " AND nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname", pattern);
    }

    @Override
    public void createSchemaIfMissing(Connection connection, String schema) throws SQLException {
        execute(connection, "CREATE SCHEMA IF NOT EXISTS " + quote(schema));
    }

    @Override
    public String columnType(ColumnType type, int length) {
        return switch (type) {
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case VARCHAR -> "VARCHAR(" + length + ")";
            case TEXT -> "TEXT";
            case TIMESTAMP -> "TIMESTAMP WITH TIME ZONE";
        };
    }

    @Override
    public String qualify(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    @Override
    public java.util.List<String> tablesIn(Connection connection, String schema) throws SQLException {
        return Catalog.names(connection, "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
                + " ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')"
                + " ORDER BY 1", schema);
    }

    @Override
    public boolean isUndefinedTable(SQLException e) {
        return "42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState());
    }

    @Override
    public void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        statement.setObject(index, instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    @Override
    public Instant readInstant(ResultSet rows, String column) throws SQLException {
        OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String quote(String identifier) {
        return Dialect.doubleQuoted(identifier);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
