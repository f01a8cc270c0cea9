package dev.lockstep.engine;

import dev.lockstep.migration.Context;
import dev.lockstep.sql.BatchDirective;
import dev.lockstep.sql.Statement;
import dev.lockstep.sql.StatementKind;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/**
 * Calls one Java migration's {@code migrate} method, as its one step: gives it the session's connection behind a
 * guard that keeps the transaction lockstep's, and runs its backfills through {@link Backfill}, the helper of the SQL
 * {@code -- lockstep:batch} statements. Backfill {@code n} of the migration is counted in the batch table as statement
 * {@code n}, so a run after a killed one resumes each with its next batch.
 *
 * <p>A stop between two batches ends {@code migrate} early: the backfill call throws, and whatever the class does with
 * that, {@link #stopped()} tells the runner, which records the row as resumable.
 */
final class JavaRunner implements Context {
    /** What the guard refuses: lockstep commits, rolls back and closes the migration's connection itself. */
    private static final Set<String> REFUSED = Set.of("close", "commit", "rollback", "setAutoCommit", "abort",
            "setSavepoint", "releaseSavepoint");

    private final Session session;
    private final Backfill backfill;
    private final ParsedMigration parsed;
    private final boolean inTransaction;
    private final Connection guarded;
    private int backfills;
    private Backfill.Outcome stopped;
    private int stoppedAt;

    JavaRunner(Session session, Backfill backfill, ParsedMigration parsed, boolean inTransaction) {
        this.session = session;
        this.backfill = backfill;
        this.parsed = parsed;
        this.inTransaction = inTransaction;
        this.guarded = guard(session.connection(), parsed.migration().script());
    }

    /**
     * Calls {@code migrate}; an exception other than an {@link SQLException} becomes one, its message kept.
     *
     * @throws SQLException what the migration threw, unless a stop ended it between two batches
     */
    void migrate() throws SQLException {
        try {
            parsed.java().migrate(this);
        } catch (SQLException e) {
            if (stopped == null) {
                throw e;
            }
        } catch (Exception e) {
            if (stopped == null) {
                throw new SQLException(e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
            }
        }
    }

    /** How the backfill a stop came in ended, or {@code null} when none did. */
    Backfill.Outcome stopped() {
        return stopped;
    }

    /** Which backfill the stop came in, counted from 1. */
    int stoppedAt() {
        return stoppedAt;
    }

    /** Whether {@code migrate} ran a backfill, whose counts the applied row then clears. */
    boolean ranBackfills() {
        return backfills > 0;
    }

    @Override
    public Connection connection() {
        return guarded;
    }

    @Override
    public long backfill(Batch batch, Duration pause, long maxBatches) throws SQLException {
        if (stopped != null) {
            throw new SQLException("stopped: lockstep was asked to stop between two batches of an earlier backfill");
        }
        if (inTransaction) {
            throw new SQLException("a backfill commits each batch in a transaction of its own, but "
                    + parsed.migration().script() + " runs in one transaction; return false from"
                    + " canExecuteInTransaction() in the class");
        }
        int number = ++backfills;
        BatchDirective directive = new BatchDirective(pause, maxBatches);
        Statement named = new Statement("-- backfill " + number + " of " + parsed.migration().script(), 1,
                StatementKind.DML, false, false, directive);
        Backfill.Outcome outcome = backfill.run(parsed.migration(), number, named, Backfill.Journal.NONE,
                () -> batch.run(guarded));
        if (outcome.stopped()) {
            stopped = outcome;
            stoppedAt = number;
            throw new SQLException("stopped between two batches of backfill " + number + "; the next migrate resumes it");
        }
        return outcome.done().rows();
    }

    private static Connection guard(Connection connection, String script) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (REFUSED.contains(method.getName())) {
                        throw new SQLException(script + " called Connection." + method.getName() + "(): lockstep owns"
                                + " the migration's connection and its transactions, which hold the migration lock;"
                                + " leave them to lockstep (a backfill commits each batch by itself)");
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
