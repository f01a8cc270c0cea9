package dev.lockstep.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.db.ConnectFailure;
import dev.lockstep.db.JdbcUrl;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.event.MigrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
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

    private final LockstepConfig config;
    private final RunContext run;
    private final MigrationListener listener;

    Connector(RunContext run, MigrationListener listener) {
        this.config = run.config();
        this.run = run;
        this.listener = listener;
    }

    /** Where lockstep connects, for messages: never contains a password. */
    String target() {
        return config.url() != null ? JdbcUrl.display(config.url()) : "the application's data source";
    }

    Connection open() {
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

    private Connection connectOnce(Duration remaining) throws SQLException {
        if (config.dataSource() != null) {
            return config.dataSource().getConnection();
        }
        Properties properties = new Properties();
        if (config.user() != null) {
            properties.setProperty("user", config.user());
        }
        if (config.password() != null) {
            properties.setProperty("password", config.password());
        }
        // One attempt must not outlive the connect timeout: an unreachable host drops SYNs silently.
        long seconds = Math.max(1, Math.min(MAX_ATTEMPT.toSeconds(), remaining.toSeconds()));
        switch (JdbcUrl.scheme(config.url())) {
            case "postgresql" -> properties.setProperty("connectTimeout", Long.toString(seconds));
            case "mysql", "mariadb" -> properties.setProperty("connectTimeout", Long.toString(seconds * 1000));
            default -> { }
        }
        return DriverManager.getConnection(JdbcUrl.forDriver(config.url()), properties);
    }

    /** Throws at once what waiting cannot heal (decision 0032); returns for what it may. */
    private void failAtOnceIfRefused(SQLException e, String message) {
        switch (ConnectFailure.of(e)) {
            case HEALS -> {
                if (JdbcUrl.scheme(config.url()).equals("sqlite")) {
                    throw new LockstepException(Reason.CONFIGURATION, "Cannot open the SQLite database " + target() + ": "
                            + message + ". Check that its folder exists and is writable by this user.", e);
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
        return JdbcUrl.scheme(config.url()).equals("postgresql") ? "sslmode=disable" : "sslMode=disable";
    }

    private String describe(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        return JdbcUrl.mask(text, config.password());
    }
}
