package dev.lockstep.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.db.ConnectFailure;
import dev.lockstep.db.DatabaseProvider;
import dev.lockstep.db.Databases;
import dev.lockstep.db.JdbcUrl;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.error.Secrets;
import dev.lockstep.event.MigrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Opens the one connection a run uses, waiting for a database that is not up yet: retries with
 * back-off and one log line per attempt until the connect timeout, but fails at once when the
 * failure cannot heal (a malformed URL, a TLS mismatch, a wrong password, an unknown database), because
 * waiting cannot fix that ({@link ConnectFailure}, decision 0032).
 */
final class Connector {
    private static final Logger log = LoggerFactory.getLogger(Connector.class);
    private static final Duration FIRST_DELAY = Duration.ofMillis(250);
    private static final Duration MAX_DELAY = Duration.ofSeconds(5);
    private static final Duration MAX_ATTEMPT = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final LockstepConfig config;
    private final RunContext run;
    private final MigrationListener listener;
    private final boolean readOnly;

    Connector(RunContext run, MigrationListener listener) {
        this(run, listener, false);
    }

    /**
     * @param readOnly for a command that changes nothing (info, validate, history): a SQLite file is opened
     *                 read-only and must exist, so a misspelt path is said at once instead of becoming an empty database
     */
    Connector(RunContext run, MigrationListener listener, boolean readOnly) {
        this.config = run.config();
        this.run = run;
        this.listener = listener;
        this.readOnly = readOnly;
    }

    /** Where lockstep connects, for messages: never contains a password. */
    String target() {
        return config.url() != null ? JdbcUrl.display(config.url()) : "the application's data source";
    }

    Connection open() {
        failIfReadOnlySqliteFileIsMissing();
        Instant start = run.clock().instant();
        Instant deadline = start.plus(config.connectTimeout());
        Duration delay = FIRST_DELAY;
        for (int attempt = 1; ; attempt++) {
            try {
                return connectOnce(Duration.between(run.clock().instant(), deadline));
            } catch (SQLException e) {
                String message = describe(e);
                failAtOnceIfRefused(e, message);
                listener.databaseUnreachable(message, attempt);
                Instant now = run.clock().instant();
                if (!now.isBefore(deadline)) {
                    throw new LockstepException(Reason.DATABASE_UNREACHABLE, "Could not connect to " + target()
                            + " within " + Durations.format(config.connectTimeout()) + " (" + attempt + " attempts): "
                            + message + ". Check that the database is running and reachable from here, or raise --connect-timeout.", e);
                }
                Duration wait = Durations.min(delay, Duration.between(now, deadline));
                run.stop().throwIfRequested("while waiting for the database; nothing was changed.");
                log.info("Database not reachable yet at {} (attempt {}, {} of {}): {}. Retrying in {}.", target(), attempt,
                        Durations.format(Duration.between(start, now)), Durations.format(config.connectTimeout()),
                        message, Durations.format(wait));
                Durations.sleep(run.sleeper(), wait);
                run.stop().throwIfRequested("while waiting for the database; nothing was changed.");
                delay = Durations.min(delay.multipliedBy(2), MAX_DELAY);
            }
        }
    }

    /** One attempt, without waiting for a database that is not up: for a second connection while the first works. */
    Connection attempt() throws SQLException {
        return connectOnce(MAX_ATTEMPT);
    }

    /**
     * A short-lived second client connection for the pooler probe, one try, or {@code null} with an application's
     * data source (its pool may hold no second connection to spare). A server a pooler cannot give within a few
     * seconds (a session pool full of waiting replicas) makes the probe's statement fail instead of waiting.
     */
    dev.lockstep.db.Dialect.ConnectionSource probeConnections() {
        if (config.dataSource() != null) {
            return null;
        }
        return () -> {
            Properties probe = new Properties();
            provider().ifPresent(p -> p.probeProperties(probe, PROBE_TIMEOUT));
            return connectOnce(PROBE_TIMEOUT, probe);
        };
    }

    private Connection connectOnce(Duration remaining) throws SQLException {
        return connectOnce(remaining, new Properties());
    }

    private Connection connectOnce(Duration remaining, Properties properties) throws SQLException {
        if (config.dataSource() != null) {
            return config.dataSource().getConnection();
        }
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        // One attempt must not outlive the connect timeout: an unreachable host drops SYNs silently.
        long seconds = Math.max(1, Math.min(MAX_ATTEMPT.toSeconds(), remaining.toSeconds()));
        Optional<DatabaseProvider> provider = provider();
        provider.ifPresent(p -> p.driverProperties(properties, Duration.ofSeconds(seconds), readOnly));
        return DriverManager.getConnection(provider.map(p -> p.urlForDriver(config.url())).orElse(config.url()), properties);
    }

    /** The database of the configured URL; empty for an application's data source. */
    private Optional<DatabaseProvider> provider() {
        return config.dataSource() != null ? Optional.empty() : Databases.forUrl(config.url());
    }

    /**
     * A read-only command on a SQLite file that is not there: the SQLite form of an unknown database (exit 3, decision
     * 0031). Opening it would create an empty file, which a command that changes nothing must not do.
     */
    private void failIfReadOnlySqliteFileIsMissing() {
        if (!readOnly) {
            return;
        }
        Optional<DatabaseProvider> provider = provider();
        Optional<Path> file = provider.flatMap(p -> p.databaseFile(config.url()));
        if (file.isPresent() && !Files.exists(file.get())) {
            throw new LockstepException(Reason.DATABASE_UNREACHABLE, "The " + provider.get().name() + " database "
                    + file.get().toAbsolutePath()
                    + " does not exist, and this command changes nothing, so it did not create it. Check --url (and the"
                    + " working directory, for a relative path); `lockstep migrate` creates the file.");
        }
    }

    /** Throws at once what waiting cannot heal (decision 0032); returns for what it may. */
    private void failAtOnceIfRefused(SQLException e, String message) {
        switch (ConnectFailure.of(e, provider().orElse(null))) {
            case HEALS -> {
                Optional<DatabaseProvider> provider = provider();
                if (provider.isPresent() && provider.get().embedded()) {
                    String why = provider.get().whyItDoesNotOpen(e).map(w -> ": " + w + ".")
                            .orElse(". Check that its folder exists and is writable by this user.");
                    throw new LockstepException(Reason.CONFIGURATION, "Cannot open the " + provider.get().name()
                            + " database " + target() + ": " + message + why, e);
                }
            }
            case NO_DRIVER -> throw new LockstepException(Reason.CONFIGURATION, "No JDBC driver for " + target()
                    + " is on the classpath. Add the driver of your database to the application (the lockstep CLI bundles"
                    + " PostgreSQL, MariaDB/MySQL and SQLite drivers).", e);
            case MALFORMED_URL -> throw new LockstepException(Reason.CONFIGURATION, "The URL " + target()
                    + " or a driver property in it is malformed: " + message + ". Fix the URL (its port, and the value of"
                    + " each parameter); not retried.", e);
            case TLS -> throw new LockstepException(Reason.DATABASE_UNREACHABLE, "The database at " + target()
                    + " and this client could not agree on TLS: " + message + ". Waiting does not change that: enable TLS"
                    + " on the server (with a certificate this client trusts), or, where the network is trusted, add "
                    + tlsOff() + " to the URL; not retried.", e);
            case CREDENTIALS -> throw new LockstepException(Reason.DATABASE_UNREACHABLE, "The database at " + target()
                    + " refused the credentials" + (config.user() == null ? "" : " of user '" + config.user() + "'")
                    + ": " + message + ". Check --user and --password (or LOCKSTEP_PASSWORD_FILE); not retried.", e);
            case UNKNOWN_DATABASE -> throw new LockstepException(Reason.DATABASE_UNREACHABLE, "The database named in "
                    + target() + " does not exist: " + message + ". Create it, or fix the URL; not retried.", e);
        }
    }

    /** The URL parameter that turns TLS off for this driver. */
    private String tlsOff() {
        return provider().map(DatabaseProvider::tlsOffParameter).orElse("sslMode=disable");
    }

    private String describe(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : withoutFinalStop(e.getMessage());
        return Connector.mask(text, config);
    }

    /** {@code text} with the password and every secret written into the URL masked (see {@link Secrets#inUrl}). */
    static String mask(String text, LockstepConfig config) {
        List<String> secrets = new ArrayList<>(Secrets.inUrl(config.url()));
        secrets.add(config.password());
        return Secrets.mask(text, secrets);
    }

    /** A driver's message as part of a sentence of lockstep's: "Too many connections." would end it twice. */
    static String withoutFinalStop(String message) {
        return message.strip().replaceAll("[.\\s]+$", "");
    }
}
