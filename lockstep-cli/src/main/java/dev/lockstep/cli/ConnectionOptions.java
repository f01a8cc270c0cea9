package dev.lockstep.cli;

import dev.lockstep.LockMode;
import dev.lockstep.Lockstep;
import dev.lockstep.LockstepConfig;
import dev.lockstep.cli.log.Redactor;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Where the database and the migrations are: shared by every command that reads the history. */
final class ConnectionOptions {

    /** The embedded default when no URL is given: a SQLite file in the working directory. */
    static final String DEFAULT_URL = "jdbc:sqlite:lockstep.db";
    /** Where the command line looks for migrations unless told: a folder in the working directory. */
    static final String DEFAULT_LOCATION = "db/migration";

    @Option(names = "--url", paramLabel = "JDBC-URL",
            description = "jdbc:postgresql:, jdbc:mysql:, jdbc:mariadb: or jdbc:sqlite: URL (default: jdbc:sqlite:lockstep.db).")
    String url;

    @Option(names = "--user", description = "Database user.")
    String user;

    @Option(names = "--password", description = "Database password. Prefer --password-file or LOCKSTEP_PASSWORD:"
            + " a command line is visible to every user of the host.")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Read the password from this file (a Docker or Kubernetes secret); one trailing newline is dropped.")
    Path passwordFile;

    @Option(names = "--locations", split = ",", paramLabel = "LOCATION",
            description = "Migration folders or classpath:path, comma-separated (default: db/migration).")
    List<String> locations;

    @Option(names = "--classpath", split = ",", paramLabel = "PATH",
            description = "Jars and class folders to load Java migrations from (classes such as"
                    + " db.migration.V7__Backfill_emails, found in a classpath: location such as classpath:db/migration),"
                    + " comma- or path-separator-separated; folder/* is every jar in the folder.")
    List<String> classpath;

    @Option(names = "--schema", description = "Schema of the history table and of the migrations"
            + " (default: the connection's own: public on PostgreSQL, the URL's database on MySQL).")
    String schema;

    @Option(names = "--table", description = "History table (default: lockstep_history).")
    String table;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to retry a database that is not up yet (default: 60s).")
    Duration connectTimeout;

    @Option(names = "--lock-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to wait for another replica that holds the migration lock (default: 10m).")
    Duration lockTimeout;

    @Option(names = "--lock", paramLabel = "MODE", description = "session (default): a lock that dies with the migrating"
            + " session; lease: a lock row with an expiry that a heartbeat renews. Behind a transaction-mode pooler"
            + " (PgBouncer) and on a MariaDB Galera node lockstep finds out and takes the lease by itself when this is"
            + " not given, and refuses session.")
    LockMode lock;

    @Option(names = "--lease-duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --lock=lease: how long a lease lasts unless renewed (every third of it); a dead holder's"
                    + " lease is taken over this long after its last renewal (default: 30s, at least 1s).")
    Duration leaseDuration;

    @Option(names = "--stop-grace", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "On SIGTERM or SIGINT, how long to let the running statement or migration finish before"
                    + " cancelling it and rolling back (default: 8s, inside Docker's 10s before SIGKILL).")
    Duration stopGrace;

    @Option(names = "--progress-interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often a statement that still runs is reported, as statement k of n running for N s"
                    + " (default: 5s; 0: never).")
    Duration progressInterval;

    @Option(names = "--ddl-lock-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long one statement may wait for a table lock held by application traffic before it is"
                    + " rolled back and retried, so DDL never stalls production queries; it also bounds each batch of a"
                    + " backfill (-- lockstep:batch), which waits no longer for a row lock (default: 5s).")
    Duration ddlLockTimeout;

    @Option(names = "--ddl-retry-for", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long to keep retrying, with back-off from 1s to 30s, a migration that meets busy tables (default: 10m).")
    Duration ddlRetryFor;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long one migration statement may run before the database cancels it (default: no bound).")
    Duration statementTimeout;

    @Option(names = "--max-duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How long the whole run may take; past it, it stops as on SIGTERM (default: no bound).")
    Duration maxDuration;

    @Option(names = "--replica-id", paramLabel = "ID",
            description = "Who this process is in the history and lock messages (default: $HOSTNAME:pid:random).")
    String replicaId;

    @Option(names = "--allow-network-fs",
            description = "Accept a SQLite file on NFS, CIFS or FUSE, where file locks are unreliable (one host only!).")
    boolean allowNetworkFilesystem;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with defaults for these options (default: ./lockstep.properties when present).")
    Path configFile;

    /** The library, configured from these options; bad values fail here with exit code 2. */
    Lockstep load(StopRequest stop, MigrationListener... listeners) {
        return load(configure(), stop, listeners);
    }

    /**
     * Loads a configuration built from these options and a command's own, with listeners, and hands it the
     * process's stop request; logs then name the replica.
     */
    static Lockstep load(LockstepConfig.Builder builder, StopRequest stop, MigrationListener... listeners) {
        for (MigrationListener listener : listeners) {
            builder.listener(listener);
        }
        Lockstep lockstep = stop.attach(builder.load());
        Logging.replica(lockstep.config().replicaId());
        return lockstep;
    }

    /** A configuration builder with these options set, for a command to add its own before {@code load()}. */
    LockstepConfig.Builder configure() {
        LockstepConfig.Builder builder = Lockstep.configure()
                .url(url != null ? url : DEFAULT_URL)
                .user(user)
                .password(password())
                .schema(schema)
                .replicaId(replicaId)
                .allowNetworkFilesystem(allowNetworkFilesystem);
        if (classpath != null && !classpath.isEmpty()) {
            builder.classLoader(MigrationClasspath.loader(classpath, ConnectionOptions.class.getClassLoader()));
        }
        builder.locations(locations != null ? locations : List.of(DEFAULT_LOCATION));
        if (table != null) {
            builder.table(table);
        }
        if (connectTimeout != null) {
            builder.connectTimeout(connectTimeout);
        }
        if (lockTimeout != null) {
            builder.lockTimeout(lockTimeout);
        }
        if (lock != null) {
            builder.lockMode(lock);
        }
        if (leaseDuration != null) {
            builder.leaseDuration(leaseDuration);
        }
        if (progressInterval != null) {
            builder.progressInterval(progressInterval);
        }
        if (stopGrace != null) {
            builder.stopGrace(stopGrace);
        }
        if (ddlLockTimeout != null) {
            builder.ddlLockTimeout(ddlLockTimeout);
        }
        if (ddlRetryFor != null) {
            builder.ddlRetryFor(ddlRetryFor);
        }
        if (statementTimeout != null) {
            builder.statementTimeout(statementTimeout);
        }
        if (maxDuration != null) {
            builder.maxDuration(maxDuration);
        }
        return builder;
    }

    /** The password given, or read from {@code --password-file}; {@code null} when none. */
    String password() {
        if (password != null || passwordFile == null) {
            return password;
        }
        try {
            String text = Files.readString(passwordFile, StandardCharsets.UTF_8);
            String password = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            Redactor.remember(password);
            return password;
        } catch (IOException e) {
            throw new LockstepException(Reason.CONFIGURATION, "Cannot read the password file " + passwordFile + ": "
                    + e.getClass().getSimpleName() + ". Check the path given with --password-file or LOCKSTEP_PASSWORD_FILE"
                    + " and that this user may read it.", e);
        }
    }
}
