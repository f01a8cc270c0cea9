package dev.lockstep.db;

import dev.lockstep.sql.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MySQL and MariaDB: {@code GET_LOCK} on the migrating connection, DDL that commits by itself, a
 * schema that is a database. History timestamps are UTC {@code DATETIME(3)}, which has no year-2038 limit.
 */
public final class MySqlDialect implements Dialect {
    private final String product;
    private String schema;
    /** lockstep's session variables (numbers only), applied together by {@link #restoreSession}. */
    private final Map<String, String> settings = new LinkedHashMap<>();

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
        // A frozen holder's idle connection, and its GET_LOCK, end after this; lockstep never idles while locked.
        settings.put("wait_timeout", Integer.toString(PostgresDialect.IDLE_TIMEOUT_SECONDS));
        restoreSession(connection);
        return this.schema;
    }

    @Override
    public void restoreSession(Connection connection) throws SQLException {
        StringBuilder set = new StringBuilder("SET ");
        settings.forEach((name, value) -> set.append(set.length() == 4 ? "" : ", ").append("SESSION ").append(name)
                .append(" = ").append(value));
        try (Statement s = connection.createStatement()) {
            s.execute("USE " + quote(schema));
            s.execute(set.toString());
        }
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

    @Override
    public boolean isLockTimeout(SQLException e) {
        return e.getErrorCode() == 1205;
    }

    @Override
    public SessionLock lock(Connection connection, String schema, String table) throws SQLException {
        return new GetLock(connection, LockKey.of("mysql", schema, table), schema + "/" + table);
    }

    @Override
    public void createSchemaIfMissing(Connection connection, String schema) {
        // The schema is the database the URL names (or --schema); lockstep does not create databases.
    }

    @Override
    public String createHistoryTableSql(String qualifiedTable) {
        return "CREATE TABLE IF NOT EXISTS " + qualifiedTable + " ("
                + "installed_rank INT NOT NULL PRIMARY KEY, "
                + "version VARCHAR(128), "
                + "description VARCHAR(1000) NOT NULL, "
                + "type VARCHAR(20) NOT NULL, "
                + "script VARCHAR(1000) NOT NULL, "
                + "checksum VARCHAR(100), "
                + "status VARCHAR(20) NOT NULL, "
                + "statements_total INT NOT NULL, "
                + "statements_done INT NOT NULL, "
                + "installed_by VARCHAR(100), "
                + "replica VARCHAR(255), "
                + "started_at DATETIME(3) NOT NULL, "
                + "finished_at DATETIME(3), "
                + "execution_ms BIGINT, "
                + "error TEXT"
                + ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";
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

    static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }
}
