package dev.lockstep.bench;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One fresh database for one run of one tool: made before the run, dropped after. PostgreSQL and
 * MariaDB are found as the tests find them ({@code LOCKSTEP_TEST_PG_URL}, {@code LOCKSTEP_TEST_MYSQL_URL});
 * SQLite is a file in the run's folder.
 */
record Target(Kind kind, String name, String url, Path file) implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    enum Kind {
        POSTGRESQL("pg"), MARIADB("mariadb"), SQLITE("sqlite");

        final String label;

        Kind(String label) {
            this.label = label;
        }

        static Kind of(String label) {
            for (Kind kind : values()) {
                if (kind.label.equals(label.toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown database '" + label + "': pg, mariadb or sqlite");
        }

        /** A statement that keeps a migration busy for about this many seconds (SQLite: counted, calibrated here). */
        String sleepSql(int seconds) {
            return switch (this) {
                case POSTGRESQL -> "SELECT pg_sleep(" + seconds + ");";
                case MARIADB -> "DO SLEEP(" + seconds + ");";
                case SQLITE -> count(seconds * SqliteSpeed.ROWS_PER_SECOND);
            };
        }

        private static String count(long rows) {
            return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < " + rows + ") SELECT count(*) FROM c;";
        }
    }

    /** How many rows of the counting query SQLite makes per second on this machine, measured once. */
    private static final class SqliteSpeed {
        static final long ROWS_PER_SECOND = measure();

        private static long measure() {
            long rows = 2_000_000;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); Statement s = c.createStatement()) {
                long start = System.nanoTime();
                s.executeQuery(Kind.count(rows).replace(";", "")).close();
                return Math.max(1, rows * 1_000_000_000L / Math.max(1, System.nanoTime() - start));
            } catch (SQLException e) {
                return 1_500_000;
            }
        }
    }

    static final String PG_ADMIN = env("LOCKSTEP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    static final String MYSQL_ADMIN = env("LOCKSTEP_TEST_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/?user=root&sslMode=disable");

    static Target create(Kind kind, Path folder) throws SQLException {
        String name = "lockstep_bench_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        return switch (kind) {
            case POSTGRESQL -> {
                admin(PG_ADMIN, "CREATE DATABASE " + name);
                yield new Target(kind, name, PG_ADMIN.replace("/postgres?", "/" + name + "?"), null);
            }
            case MARIADB -> {
                admin(MYSQL_ADMIN, "CREATE DATABASE " + name);
                yield new Target(kind, name, MYSQL_ADMIN.replace("3306/?", "3306/" + name + "?"), null);
            }
            case SQLITE -> {
                Path file = folder.resolve(name + ".db");
                yield new Target(kind, name, "jdbc:sqlite:" + file, file);
            }
        };
    }

    /** The first column of the first row, as a number; 0 for no row or NULL. */
    long number(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    /** Like {@link #number} but 0 when the table does not exist (yet). */
    long numberOrZero(String sql) {
        try {
            return number(sql);
        } catch (SQLException e) {
            return 0;
        }
    }

    /** Host, port and user of a server URL, for its own command-line client. */
    URI server() {
        return URI.create((kind == Kind.POSTGRESQL ? PG_ADMIN : MYSQL_ADMIN).substring("jdbc:".length()));
    }

    /** The server's version, for the conditions of a result. */
    static String version(Kind kind) {
        String url = switch (kind) {
            case POSTGRESQL -> PG_ADMIN;
            case MARIADB -> MYSQL_ADMIN;
            case SQLITE -> "jdbc:sqlite::memory:";
        };
        try (Connection c = DriverManager.getConnection(url)) {
            return c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
        } catch (SQLException e) {
            return kind.label + " (unreachable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws SQLException {
        switch (kind) {
            case POSTGRESQL -> admin(PG_ADMIN, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            case MARIADB -> admin(MYSQL_ADMIN, "DROP DATABASE IF EXISTS " + name);
            case SQLITE -> {
                if (file != null) {
                    try {
                        java.nio.file.Files.deleteIfExists(file);
                        java.nio.file.Files.deleteIfExists(Path.of(file + ".lockstep-lock"));
                    } catch (java.io.IOException e) {
                        throw new SQLException("could not delete " + file, e);
                    }
                }
            }
        }
    }

    private static void admin(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
