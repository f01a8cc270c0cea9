package dev.lockstep.engine;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.migration.JavaMigration;
import dev.lockstep.model.Migration;
import dev.lockstep.sql.SqlDialect;
import dev.lockstep.sql.SqlSplitter;
import dev.lockstep.sql.SqlSyntaxException;
import dev.lockstep.sql.Statement;
import dev.lockstep.sql.StatementKind;

import java.util.List;

/**
 * A migration split into statements for one dialect, and how it must run; a Java migration is one step.
 *
 * @param inTransaction    whether the whole migration runs in one transaction with its history row
 * @param transactionalDdl whether the database rolls DDL back with its transaction
 * @param java             a Java migration's instance, or {@code null} for SQL
 */
record ParsedMigration(Migration migration, List<Statement> statements, boolean inTransaction, boolean transactionalDdl,
                       JavaMigration java) {

    /** What a Java migration's one step is shown as: a dry run prints it, and messages name it as statement 1. */
    static final String JAVA_STEP = "-- Java migration: %s.migrate(context)";

    /**
     * A Java migration: one step, its {@code migrate} method, in one transaction with its history row unless the class
     * says it cannot be; where DDL commits by itself (MySQL) it is still run in one, as only the class knows what it
     * does (the interface's javadoc says so).
     */
    static ParsedMigration ofJava(Migration migration, JavaMigration java, boolean transactionalDdl) {
        boolean inTransaction = java.canExecuteInTransaction();
        Statement step = new Statement(JAVA_STEP.formatted(migration.script()), 1, StatementKind.DML, !inTransaction,
                false);
        return new ParsedMigration(migration, List.of(step), inTransaction, transactionalDdl, java);
    }

    /** Whether it is a Java migration, run by calling {@link #java()}. */
    boolean isJava() {
        return java != null;
    }

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
        boolean ownTransactions = statements.stream().anyMatch(s -> s.kind() == StatementKind.TRANSACTION_CONTROL);
        for (Statement statement : statements) {
            if (statement.isBatch() && ownTransactions) {
                throw new LockstepException(Reason.INVALID_MIGRATIONS, migration.path() + ":" + statement.line()
                        + ": a backfill (-- lockstep:batch) runs each batch in a transaction of its own, but this file"
                        + " opens and commits its own transactions. Remove its BEGIN/COMMIT, or the directive.");
            }
        }
        return new ParsedMigration(migration, statements, runsInTransaction(migration, statements, transactionalDdl),
                transactionalDdl, null);
    }

    int size() {
        return statements.size();
    }

    /** Statement {@code number}, counted from 1 as the journal counts. */
    Statement statement(int number) {
        return statements.get(number - 1);
    }

    /**
     * Whether a statement of a migration that runs statement by statement is committed in one
     * transaction together with its journal entry. Not for statements the database refuses inside a
     * transaction, nor in a file that opens and commits its own transactions.
     */
    boolean commitsWithJournal(Statement statement) {
        return !statement.nonTransactional() && !managesOwnTransactions();
    }

    /**
     * Whether a statement of a migration that runs statement by statement joins the row changes next to it in one
     * transaction with one journal entry (decision 0056): on a database that commits DDL at once (MySQL, MariaDB),
     * a row change, read or session statement that commits with its journal entry anyway. A run of them between two
     * DDL statements commits once, and a crash inside it rolls the whole run back with its entry, so the journal
     * stays exact. Never a backfill (its batches commit on their own) nor where DDL is transactional (there a
     * statement-by-statement file asked for short transactions).
     */
    boolean joinsRowRun(Statement statement) {
        return !transactionalDdl && !statement.isBatch() && atomicWithJournal(statement);
    }

    /** The last statement of the run of row statements that starts at {@code number} ({@code number} itself when none). */
    int rowRunEnd(int number) {
        int last = number;
        if (!joinsRowRun(statement(number))) {
            return last;
        }
        while (last < size() && joinsRowRun(statement(last + 1))) {
            last++;
        }
        return last;
    }

    /**
     * Whether a crash can never leave {@code statement} done but unrecorded: it commits with its
     * journal entry, and the database does not commit it by itself first (MySQL commits DDL at once).
     */
    boolean atomicWithJournal(Statement statement) {
        return commitsWithJournal(statement) && (transactionalDdl || statement.kind() == StatementKind.DML
                || statement.kind() == StatementKind.QUERY || statement.kind() == StatementKind.SESSION);
    }

    /**
     * The migration's own session statements among statements 1 to {@code done} ({@code SET search_path},
     * {@code USE}): a resumed migration runs them again first, so the rest runs where it was meant to.
     */
    List<Statement> sessionStatementsUpTo(int done) {
        return statements.subList(0, Math.min(done, statements.size())).stream()
                .filter(s -> s.kind() == StatementKind.SESSION)
                .toList();
    }

    /** Whether a statement is a backfill ({@code -- lockstep:batch}): the file then runs statement by statement. */
    boolean hasBackfill() {
        return statements.stream().anyMatch(Statement::isBatch);
    }

    /** Whether the file opens and commits its own transactions. */
    boolean managesOwnTransactions() {
        return statements.stream().anyMatch(s -> s.kind() == StatementKind.TRANSACTION_CONTROL);
    }

    private static boolean runsInTransaction(Migration migration, List<Statement> statements, boolean transactionalDdl) {
        if (migration.forcesNoTransaction()) {
            return false;
        }
        for (Statement s : statements) {
            // A file that opens and commits its own transactions manages them itself; a backfill commits each batch.
            if (s.isBatch() || s.nonTransactional() || s.kind() == StatementKind.TRANSACTION_CONTROL) {
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
