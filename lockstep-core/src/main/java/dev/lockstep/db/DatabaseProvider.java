package dev.lockstep.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * One database lockstep works with, everything about it in one package ({@code dev.lockstep.db.postgres},
 * {@code .mysql}, {@code .sqlite}): what the configuration and the connector need before there is a connection (URL
 * schemes, driver properties, the database's file), how a connection is recognised as this database's, and the
 * {@link Dialect} that does the rest on it (session settings, locks and leases, lockstep's tables, catalog probes,
 * error classification). Found through {@link java.util.ServiceLoader} ({@link Databases}): the module declares
 * each in {@code provides}, and {@code META-INF/services} lists them for a class path (the CLI's shaded jar). A
 * provider holds no state; each call stands alone. README "Adding a database" lists what a new one writes, and
 * {@code DatabaseContract} (core's integration tests) is the suite it passes against its real database.
 */
public interface DatabaseProvider {

    /** The database, for messages: {@code PostgreSQL}, {@code MySQL/MariaDB}, {@code SQLite}. */
    String name();

    /** The JDBC URL schemes this provider connects ({@code jdbc:<scheme>:...}), lower case, none shared with another. */
    List<String> urlSchemes();

    /**
     * Whether a connection whose driver names its product so ({@link DatabaseMetaData#getDatabaseProductName}, in
     * lower case) is this one's. No two providers recognise one product.
     */
    boolean recognizes(String productName);

    /**
     * The dialect of one connection this provider {@link #recognizes}. May read the connection's metadata; sets nothing.
     *
     * @param url the URL lockstep connected with, or {@code null} for an application's data source
     */
    Dialect dialect(Connection connection, String url, DialectOptions options) throws SQLException;

    /** What a dialect needs to know of the run beyond its connection. */
    record DialectOptions(boolean allowNetworkFilesystem, String replicaId) {
    }

    /**
     * What is wrong with a URL of one of this provider's schemes that the driver would read as something else, or
     * empty: said at once (exit 2) instead of failing on connect. No I/O.
     *
     * @param redacted the URL without its secrets, for the message
     */
    default Optional<String> urlProblem(String url, String redacted) {
        return Optional.empty();
    }

    /**
     * Sets the driver properties of one connection attempt: how long it may take to connect, and what lockstep
     * needs of every connection (PostgreSQL: no server-side prepared statements, for transaction poolers). A
     * property the URL sets itself wins, as the drivers read the URL last.
     *
     * @param connectTimeout what one attempt may take, at least a second
     * @param readOnly       the command changes nothing: where the driver can open read-only, it should
     */
    void driverProperties(Properties properties, Duration connectTimeout, boolean readOnly);

    /** As {@link #driverProperties}, and for the second, short-lived connection of a probe: no statement outlasts {@code timeout}. */
    default void probeProperties(Properties properties, Duration timeout) {
    }

    /**
     * What a failed connection attempt's vendor code says that its SQLState does not (MySQL's 1045 is a refused
     * password, 1049 an unknown database), or empty: {@link ConnectFailure} reads the SQLState and the drivers'
     * texts first. No I/O.
     */
    default Optional<ConnectFailure> connectFailure(SQLException e) {
        return Optional.empty();
    }

    /** The URL as the driver is given it (MariaDB's driver takes {@code jdbc:mysql:} only when told so). */
    default String urlForDriver(String url) {
        return url;
    }

    /** The URL parameter that turns TLS off for this driver, for the message of a TLS failure. */
    default String tlsOffParameter() {
        return "sslMode=disable";
    }

    /**
     * The file a URL names where the database is a file this process opens itself (SQLite), or empty: for a server,
     * and for a database in memory. A read-only command never creates it; a fleet's tenants are such files.
     */
    default Optional<Path> databaseFile(String url) {
        return Optional.empty();
    }

    /** Whether the database is one file this process opens: nothing to wait for, no schemas, no server sessions. */
    default boolean embedded() {
        return false;
    }

    /**
     * For an {@link #embedded} database that would not open: what the failure says beyond its folder (which is what
     * the message says to check otherwise), with what to do, or empty. No I/O.
     */
    default Optional<String> whyItDoesNotOpen(SQLException e) {
        return Optional.empty();
    }

    /** The URL of the database in this file, for a fleet of {@link #embedded} databases. */
    default String urlOfFile(String file) {
        throw new UnsupportedOperationException(name() + " keeps its databases on a server, not in files");
    }

    /**
     * Whether the lease lock has a use here: where a session lock can guard nothing (a transaction pooler, a cluster
     * whose every node takes writes). Where it has none, {@code --lock=lease} is refused with this reason.
     */
    default Optional<String> whyNoLease() {
        return Optional.empty();
    }

    /** The longest table name the database accepts (0: no limit): lockstep's companion tables must fit it. */
    int maxTableNameLength();
}
