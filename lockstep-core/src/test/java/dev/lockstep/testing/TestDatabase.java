package dev.lockstep.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A database of its own for one test, made on the real server and dropped after. PostgreSQL and
 * MariaDB are found through {@code LOCKSTEP_TEST_PG_URL} and {@code LOCKSTEP_TEST_MYSQL_URL}
 * (defaults: this machine's servers on 127.0.0.1); SQLite is a file in the test's folder.
 */
public final class TestDatabase implements AutoCloseable {
    public enum Kind { POSTGRESQL, MARIADB, SQLITE }

    public static final String PG_ADMIN = env("LOCKSTEP_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    public static final String MYSQL_ADMIN = env("LOCKSTEP_TEST_MYSQL_URL", "jdbc:mariadb://127.0.0.1:3306/?user=root&sslMode=disable");

    private final Kind kind;
    private final String name;
    private final String url;

    private TestDatabase(Kind kind, String name, String url) {
        this.kind = kind;
        this.name = name;
        this.url = url;
    }

    public static TestDatabase create(Kind kind, Path folder) throws SQLException {
        return create(kind, folder, "lockstep_it_");
    }

    /** As {@link #create(Kind, Path)}, named {@code prefix} and a random suffix. */
    public static TestDatabase create(Kind kind, Path folder, String prefix) throws SQLException {
        String name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        switch (kind) {
            case POSTGRESQL -> {
                admin(PG_ADMIN, "CREATE DATABASE " + name);
                return new TestDatabase(kind, name, replaceDatabase(PG_ADMIN, "postgres", name));
            }
            case MARIADB -> {
                admin(MYSQL_ADMIN, "CREATE DATABASE " + name);
                return new TestDatabase(kind, name, MYSQL_ADMIN.replace("3306/?", "3306/" + name + "?"));
            }
            default -> {
                return new TestDatabase(kind, name, "jdbc:sqlite:" + folder.resolve(name + ".db"));
            }
        }
    }

    public Kind kind() {
        return kind;
    }

    /** The database's name on its server. */
    public String name() {
        return name;
    }

    /** The URL a CLI process connects with. */
    public String url() {
        return url;
    }

    public List<String> query(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Waits, up to 30 seconds, until a replica's history row says it is applying {@code script}. */
    public void awaitRunning(String script) throws SQLException, InterruptedException {
        for (int i = 0; i < 600; i++) {
            try {
                if (!query("SELECT 1 FROM lockstep_history WHERE status = 'running' AND script = '" + script + "'").isEmpty()) {
                    return;
                }
            } catch (SQLException tableNotThereYet) {
                // The replica creates the history table under the lock.
            }
            Thread.sleep(50);
        }
        throw new AssertionError(script + " never started running");
    }

    /** SQL that keeps a migration busy for about this many seconds, so other replicas have to wait. */
    public String sleepSql(int seconds) {
        return switch (kind) {
            case POSTGRESQL -> "SELECT pg_sleep(" + seconds + ");";
            case MARIADB -> "DO SLEEP(" + seconds + ");";
            case SQLITE -> "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < "
                    + (seconds * 1_500_000) + ") SELECT count(*) FROM c;";
        };
    }

    @Override
    public void close() throws SQLException {
        switch (kind) {
            case POSTGRESQL -> admin(PG_ADMIN, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            case MARIADB -> admin(MYSQL_ADMIN, "DROP DATABASE IF EXISTS " + name);
            default -> { }
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static void admin(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Points an admin URL ({@code .../postgres?user=postgres}) at another database of the same server. */
    private static String replaceDatabase(String url, String from, String to) {
        if (url.contains("/" + from + "?")) {
            return url.replace("/" + from + "?", "/" + to + "?");
        }
        if (url.endsWith("/" + from)) {
            return url.substring(0, url.length() - from.length()) + to;
        }
        throw new IllegalArgumentException("LOCKSTEP_TEST_PG_URL must name the database '" + from + "': " + url);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
