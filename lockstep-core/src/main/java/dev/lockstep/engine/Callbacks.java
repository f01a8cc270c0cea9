package dev.lockstep.engine;

import dev.lockstep.LockstepConfig;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.Callback;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationType;
import dev.lockstep.source.Checksum;
import dev.lockstep.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs the SQL callback files of a migrate ({@code beforeMigrate.sql}, {@code beforeEachMigrate.sql},
 * {@code afterEachMigrate.sql}, {@code afterMigrate.sql}, {@code afterMigrateError.sql}) and the
 * before-migrate command, all under the lock and only when something is pending.
 *
 * <p>Each callback file runs on its own: in one transaction where its statements allow (as a migration
 * would), otherwise statement by statement. Callbacks are not recorded in the history. Several files
 * for one event (in several locations) run in the order the locations were given.
 */
final class Callbacks {
    private static final Logger log = LoggerFactory.getLogger(Callbacks.class);

    private final Session session;
    private final LockstepConfig config;
    private final RunContext run;
    private final MigrationParser parser;

    Callbacks(Session session, RunContext run, MigrationParser parser) {
        this.session = session;
        this.config = run.config();
        this.run = run;
        this.parser = parser;
    }

    /** A callback file split, with placeholders resolved, as it runs. */
    ParsedMigration parse(Callback callback) {
        return parser.parse(asMigration(callback));
    }

    /** Runs the before-migrate command: a non-zero exit throws before anything is written. */
    void runBeforeMigrateCommand(List<Migration> pending, String currentVersion) {
        new BeforeMigrateCommand(run).run(session, pending, currentVersion);
    }

    void run(Callback file) throws SQLException {
        ParsedMigration callback = parse(file);
        log.info("Running callback {} ({} statement{})", callback.migration().path(), callback.size(),
                callback.size() == 1 ? "" : "s");
        execute(callback);
    }

    /** Runs the {@code afterMigrateError} callbacks after a failed migrate; their own failure is added to the first one. */
    void afterError(Exception failure, List<Callback> onError) {
        if (failure instanceof LockstepException e && (e.reason() == Reason.TERMINATED || e.reason() == Reason.INTERRUPTED)) {
            return; // a stop has a grace period to keep: release the lock instead
        }
        try {
            for (Callback callback : onError) {
                run(callback);
            }
        } catch (SQLException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** A callback as a migration without a version, so it is split and checked exactly as migrations are. */
    static Migration asMigration(Callback callback) {
        String script = callback.path().substring(callback.path().lastIndexOf('/') + 1);
        return new Migration(null, callback.event(), MigrationType.REPEATABLE, script, callback.path(),
                Checksum.of(callback.sql()), callback.sql());
    }

    private void execute(ParsedMigration callback) throws SQLException {
        Connection connection = session.connection();
        session.dialect().restoreSession(connection);
        boolean inTransaction = callback.inTransaction();
        int number = 0;
        try {
            connection.setAutoCommit(!inTransaction);
            if (inTransaction) {
                session.dialect().beginTransaction(connection);
            }
            for (Statement statement : callback.statements()) {
                number++;
                execute(connection, statement);
            }
            if (inTransaction) {
                connection.commit();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            if (inTransaction) {
                rollback(connection, e);
            }
            throw failed(callback, number, e);
        }
    }

    private void execute(Connection connection, Statement statement) throws SQLException {
        StopToken stop = run.stop();
        try (java.sql.Statement jdbc = connection.createStatement()) {
            stop.running(jdbc);
            try {
                jdbc.execute(statement.sql());
            } finally {
                stop.idle();
            }
        }
    }

    private LockstepException failed(ParsedMigration callback, int number, SQLException cause) {
        Statement statement = callback.statements().get(Math.max(0, number - 1));
        String database = cause.getMessage() == null ? cause.toString() : cause.getMessage().strip();
        String state = callback.inTransaction() ? "It ran in one transaction, which " + session.dialect().name()
                + " rolled back." : "It ran outside a transaction: " + (number <= 1 ? "none of its statements took effect."
                : TookEffect.of(number - 1) + ".");
        return new LockstepException(Reason.MIGRATION_FAILED, "Callback " + callback.migration().path() + " failed at"
                + " statement " + number + " of " + callback.size() + " (line " + statement.line() + "): "
                + Connector.mask(database, config) + ". " + state + " Migrations applied before it stay applied;"
                + " fix the callback and run migrate again.", cause);
    }

    private static void rollback(Connection connection, SQLException failure) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
