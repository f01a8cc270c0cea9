package dev.lockstep.engine;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.Migration;
import dev.lockstep.sql.SqlDialect;
import dev.lockstep.sql.SqlSplitter;
import dev.lockstep.sql.SqlSyntaxException;
import dev.lockstep.sql.Statement;
import dev.lockstep.sql.StatementKind;

import java.util.List;

/**
 * A migration split into statements for one dialect, and how it must run.
 *
 * @param inTransaction whether the whole migration runs in one transaction with its history row
 */
record ParsedMigration(Migration migration, List<Statement> statements, boolean inTransaction) {

    /**
     * Splits a migration and decides how it runs. Refuses, before anything runs, statements that
     * would drop lockstep's lock or session.
     *
     * @param transactionalDdl whether the database rolls DDL back with its transaction
     * @throws LockstepException {@link Reason#INVALID_MIGRATIONS}, naming the file and line
     */
    static ParsedMigration of(Migration migration, SqlDialect dialect, boolean transactionalDdl) {
        List<Statement> statements;
        try {
            statements = SqlSplitter.split(migration.sql(), dialect);
        } catch (SqlSyntaxException e) {
            throw new LockstepException(Reason.INVALID_MIGRATIONS, migration.path() + ":" + e.line() + ": "
                    + e.problem() + ". Fix the file; nothing was applied from it.", e);
        }
        for (Statement statement : statements) {
            if (statement.dropsSessionState()) {
                throw new LockstepException(Reason.INVALID_MIGRATIONS, migration.path() + ":" + statement.line()
                        + ": '" + firstLine(statement.sql()) + "' would drop the session's locks and settings, and with"
                        + " them the migration lock that keeps other replicas out. Remove it: lockstep restores its"
                        + " own session settings before each migration.");
            }
        }
        return new ParsedMigration(migration, statements, runsInTransaction(migration, statements, transactionalDdl));
    }

    int size() {
        return statements.size();
    }

    private static boolean runsInTransaction(Migration migration, List<Statement> statements, boolean transactionalDdl) {
        if (migration.forcesNoTransaction()) {
            return false;
        }
        for (Statement s : statements) {
            // A file that opens and commits its own transactions manages them itself.
            if (s.nonTransactional() || s.kind() == StatementKind.TRANSACTION_CONTROL) {
                return false;
            }
            // Where DDL commits by itself, only a file without DDL can be atomic.
            if (!transactionalDdl && s.kind() != StatementKind.DML && s.kind() != StatementKind.QUERY
                    && s.kind() != StatementKind.SESSION) {
                return false;
            }
        }
        return true;
    }

    private static String firstLine(String sql) {
        int end = sql.indexOf('\n');
        return end < 0 ? sql : sql.substring(0, end) + " ...";
    }
}
