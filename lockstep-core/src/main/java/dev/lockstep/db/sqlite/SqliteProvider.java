package dev.lockstep.db.sqlite;

import dev.lockstep.db.DatabaseProvider;
import dev.lockstep.db.Dialect;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** SQLite, through xerial's sqlite-jdbc ({@code jdbc:sqlite:}): one file this process opens, locked with a file beside it. */
public final class SqliteProvider implements DatabaseProvider {
    /** The SQLite driver's {@code open_mode} flag SQLITE_OPEN_READONLY (without SQLITE_OPEN_CREATE). */
    private static final int SQLITE_OPEN_READONLY = 0x00000001;

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public List<String> urlSchemes() {
        return List.of("sqlite");
    }

    @Override
    public boolean recognizes(String productName) {
        return productName.contains("sqlite");
    }

    /** An application's data source names no URL: the file is read from the connection's metadata then. */
    @Override
    public Dialect dialect(Connection connection, String url, DialectOptions options) throws java.sql.SQLException {
        String sqliteUrl = url != null ? url : connection.getMetaData().getURL();
        Path file = sqliteUrl == null ? null : databaseFile(sqliteUrl).orElse(null);
        return new SqliteDialect(file, options.allowNetworkFilesystem(), options.replicaId());
    }

    /** No connect timeout: the file opens or fails at once. */
    @Override
    public void driverProperties(Properties properties, Duration connectTimeout, boolean readOnly) {
        if (readOnly) {
            properties.setProperty("open_mode", Integer.toString(SQLITE_OPEN_READONLY));
        }
    }

    /**
     * The database file of a {@code jdbc:sqlite:} URL, or empty for an in-memory database.
     * Accepts {@code jdbc:sqlite:app.db}, {@code jdbc:sqlite:/abs/app.db}, {@code jdbc:sqlite:file:app.db?mode=rwc}.
     */
    @Override
    public Optional<Path> databaseFile(String url) {
        String rest = url.substring("jdbc:sqlite:".length());
        int query = rest.indexOf('?');
        if (query >= 0) {
            rest = rest.substring(0, query);
        }
        if (rest.startsWith("file:")) {
            rest = rest.substring("file:".length());
            if (rest.startsWith("//")) {
                rest = rest.substring(2);
            }
        }
        if (rest.isEmpty() || rest.equals(":memory:") || rest.startsWith(":resource:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(rest));
    }

    @Override
    public boolean embedded() {
        return true;
    }

    /**
     * The driver unpacks its native library into {@code java.io.tmpdir} unless {@code org.sqlite.lib.path} names a
     * folder holding it: a temporary folder that is missing or read-only (a container's read-only root) fails every
     * open with {@code NativeLibraryNotFoundException}, whatever the database's folder.
     */
    @Override
    public Optional<String> whyItDoesNotOpen(SQLException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getClass().getSimpleName().equals("NativeLibraryNotFoundException")) {
                return Optional.of("the SQLite driver could not load its native library: it unpacks it into the"
                        + " temporary folder (java.io.tmpdir, " + System.getProperty("java.io.tmpdir") + "), which must"
                        + " exist and be writable, unless -Dorg.sqlite.lib.path names a folder that holds it (./lockstep"
                        + " and lockstep's image pass one; README \"Performance\" says how to write it)");
            }
        }
        return Optional.empty();
    }

    @Override
    public String urlOfFile(String file) {
        return "jdbc:sqlite:" + file;
    }

    @Override
    public Optional<String> whyNoLease() {
        return Optional.of("--lock=lease is for PostgreSQL behind a transaction-mode pooler and for MariaDB Galera"
                + " clusters; a SQLite database is locked with a file beside it, which the operating system frees"
                + " when the process dies. Remove --lock=lease");
    }

    @Override
    public int maxTableNameLength() {
        return 0;
    }
}
