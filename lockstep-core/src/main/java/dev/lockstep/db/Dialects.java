package dev.lockstep.db;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;

/** Chooses the dialect of a connection from what the driver says the database is. */
public final class Dialects {
    private Dialects() {
    }

    /**
     * @param url the JDBC URL lockstep connected with, or {@code null} for an application's data source
     *            (a SQLite file is then read from the connection's metadata)
     */
    public static Dialect of(Connection connection, String url, boolean allowNetworkFilesystem, String replicaId)
            throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String product = meta.getDatabaseProductName();
        String lower = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (lower.contains("postgres")) {
            return new PostgresDialect();
        }
        if (lower.contains("mariadb") || lower.contains("mysql")) {
            String version = meta.getDatabaseProductVersion();
            boolean maria = lower.contains("mariadb") || (version != null && version.toLowerCase(Locale.ROOT).contains("mariadb"));
            return new MySqlDialect(maria ? "MariaDB" : "MySQL");
        }
        if (lower.contains("sqlite")) {
            String sqliteUrl = url != null ? url : meta.getURL();
            Path file = sqliteUrl == null ? null : JdbcUrl.sqliteFile(sqliteUrl).orElse(null);
            return new SqliteDialect(file, allowNetworkFilesystem, replicaId);
        }
        throw new LockstepException(Reason.CONFIGURATION, "The database is " + product
                + ", which lockstep does not support; it supports PostgreSQL, MySQL, MariaDB and SQLite.");
    }
}
