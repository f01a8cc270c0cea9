package dev.lockstep.db.postgres;

import dev.lockstep.db.DatabaseProvider;
import dev.lockstep.db.Dialect;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/** PostgreSQL, through pgjdbc ({@code jdbc:postgresql:}); also a PostgreSQL behind PgBouncer. */
public final class PostgresProvider implements DatabaseProvider {

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public List<String> urlSchemes() {
        return List.of("postgresql");
    }

    @Override
    public boolean recognizes(String productName) {
        return productName.contains("postgres");
    }

    @Override
    public Dialect dialect(Connection connection, String url, DialectOptions options) {
        return new PostgresDialect();
    }

    /**
     * pgjdbc reads no user-info: it takes {@code user:pw@host} for a host name and fails to resolve it, which looks
     * like a database that is not up yet and would be retried for the whole connect timeout.
     */
    @Override
    public Optional<String> urlProblem(String url, String redacted) {
        String hosts = hostPart(url.substring("jdbc:".length()));
        if (!hosts.contains("@")) {
            return Optional.empty();
        }
        String user = hosts.substring(0, hosts.indexOf('@')).split(":", 2)[0];
        return Optional.of("database URL '" + redacted + "' names the user before the host (user:password@host),"
                + " which the PostgreSQL JDBC driver does not read: it would take that for a host name. Write"
                + " jdbc:postgresql://host:5432/db?user=" + (user.isEmpty() ? "app" : user) + " and give the password"
                + " with --password or LOCKSTEP_PASSWORD_FILE (lockstep.password in the library)");
    }

    /** What stands between {@code //} and the path or parameters: the hosts and ports, and a user-info if given. */
    private static String hostPart(String afterJdbc) {
        int start = afterJdbc.indexOf("//");
        if (start < 0) {
            return "";
        }
        String rest = afterJdbc.substring(start + 2);
        int end = rest.length();
        for (char stop : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return rest.substring(0, end);
    }

    @Override
    public void driverProperties(Properties properties, Duration connectTimeout, boolean readOnly) {
        properties.setProperty("connectTimeout", Long.toString(connectTimeout.toSeconds()));
        // No server-side prepared statements: behind a transaction pooler (PgBouncer) a statement the driver
        // prepared on one server connection is missing, or someone else's, on the next. lockstep runs few
        // statements, so parsing each every time costs nothing it could measure. A URL's own setting wins.
        properties.setProperty("prepareThreshold", "0");
    }

    @Override
    public void probeProperties(Properties properties, Duration timeout) {
        properties.setProperty("socketTimeout", Long.toString(timeout.toSeconds()));
    }

    @Override
    public String tlsOffParameter() {
        return "sslmode=disable";
    }

    /** PostgreSQL cuts a longer name to 63 bytes without a word. */
    @Override
    public int maxTableNameLength() {
        return 63;
    }
}
