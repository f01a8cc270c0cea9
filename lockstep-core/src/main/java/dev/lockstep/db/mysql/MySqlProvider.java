package dev.lockstep.db.mysql;

import dev.lockstep.db.ConnectFailure;
import dev.lockstep.db.DatabaseProvider;
import dev.lockstep.db.Dialect;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * MySQL and MariaDB (a Galera node among them), through MariaDB Connector/J or MySQL Connector/J
 * ({@code jdbc:mysql:}, {@code jdbc:mariadb:}).
 */
public final class MySqlProvider implements DatabaseProvider {

    @Override
    public String name() {
        return "MySQL/MariaDB";
    }

    @Override
    public List<String> urlSchemes() {
        return List.of("mysql", "mariadb");
    }

    @Override
    public boolean recognizes(String productName) {
        return productName.contains("mariadb") || productName.contains("mysql");
    }

    /** MariaDB's server calls itself MySQL to MySQL's driver; its version still says MariaDB. */
    @Override
    public Dialect dialect(Connection connection, String url, DialectOptions options) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
        String version = meta.getDatabaseProductVersion();
        boolean maria = product.contains("mariadb") || (version != null && version.toLowerCase(Locale.ROOT).contains("mariadb"));
        return new MySqlDialect(maria ? "MariaDB" : "MySQL");
    }

    @Override
    public void driverProperties(Properties properties, Duration connectTimeout, boolean readOnly) {
        properties.setProperty("connectTimeout", Long.toString(connectTimeout.toMillis()));
    }

    /**
     * The MariaDB driver accepts {@code jdbc:mysql:} only with {@code permitMysqlScheme}; add it unless MySQL's own
     * driver is present, which owns that scheme.
     */
    @Override
    public String urlForDriver(String url) {
        if (!url.startsWith("jdbc:mysql:") || url.contains("permitMysqlScheme") || mysqlDriverPresent()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "permitMysqlScheme";
    }

    private static boolean mysqlDriverPresent() {
        try {
            Class.forName("com.mysql.cj.jdbc.Driver", false, MySqlProvider.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** ER_ACCESS_DENIED_ERROR (1045), ER_DBACCESS_DENIED_ERROR (1044), ER_ACCESS_DENIED_NO_PASSWORD_ERROR (1698); ER_BAD_DB_ERROR (1049). */
    @Override
    public Optional<ConnectFailure> connectFailure(SQLException e) {
        return switch (e.getErrorCode()) {
            case 1044, 1045, 1698 -> Optional.of(ConnectFailure.CREDENTIALS);
            case 1049 -> Optional.of(ConnectFailure.UNKNOWN_DATABASE);
            default -> Optional.empty();
        };
    }

    /** MySQL refuses a name longer than 64; 63 keeps one limit with PostgreSQL's. */
    @Override
    public int maxTableNameLength() {
        return 63;
    }
}
