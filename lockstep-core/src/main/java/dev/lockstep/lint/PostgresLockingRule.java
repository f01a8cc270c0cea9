package dev.lockstep.lint;

import dev.lockstep.sql.Change;
import dev.lockstep.sql.Change.AlterTable;
import dev.lockstep.sql.StatementKind;
import java.util.Set;

/**
 * LS201-LS208: PostgreSQL DDL that holds a lock long enough to stall production. Only tables that
 * existed before the file count: a table the file created has no rows and no readers yet, so
 * indexing it, giving it defaults or constraints locks nobody out ({@code now()} is stable, not
 * volatile: it adds no rewrite on any table).
 */
final class PostgresLockingRule implements Rule {

    /** Functions whose value differs per row, so a column default with them is computed for every row. */
    private static final Set<String> VOLATILE = Set.of("RANDOM", "GEN_RANDOM_UUID", "UUID_GENERATE_V1", "UUID_GENERATE_V1MC",
            "UUID_GENERATE_V4", "UUIDV7", "UUID_GENERATE_V7", "CLOCK_TIMESTAMP", "TIMEOFDAY", "NEXTVAL", "TXID_CURRENT");
    private static final Set<String> SERIAL = Set.of("SERIAL", "BIGSERIAL", "SMALLSERIAL", "SERIAL2", "SERIAL4", "SERIAL8");

    @Override
    public void check(LintedFile file, Findings findings) {
        if (file.dialect() != LintDialect.POSTGRESQL) {
            return;
        }
        boolean lockTimeoutSet = file.lockTimeoutFromLockstep();
        boolean lockTimeoutReported = false;
        for (ParsedStatement s : file.statements()) {
            if (s.statement().kind() == StatementKind.SESSION && isLockTimeoutSetting(s)) {
                lockTimeoutSet = setsLockTimeout(s);
            }
            boolean locksExistingTable = createIndex(file, s, findings) | alterTable(file, s, findings);
            if (locksExistingTable && !lockTimeoutSet && !lockTimeoutReported) {
                lockTimeoutReported = true;
                findings.report(RuleCode.LS207, s, 0, "This DDL locks a table that existed before this migration, and no"
                        + " lock_timeout bounds it (none is set, or the file turned lockstep's off): while it waits for its lock behind a long query, every query on the table"
                        + " queues behind it.", "Remove the SET lock_timeout = 0, or set a non-zero one before it (lockstep retries a migration"
                        + " that times out).");
            }
        }
        concurrentIndexAlone(file, findings);
    }

    /** {@code SET [SESSION|LOCAL] lock_timeout ...}, whatever the value. */
    private static boolean isLockTimeoutSetting(ParsedStatement s) {
        return s.is(0, "SET") && s.is(s.is(1, "SESSION") || s.is(1, "LOCAL") ? 2 : 1, "LOCK_TIMEOUT");
    }

    /** A lock_timeout setting with a value other than 0 or DEFAULT, which would disable it. */
    private static boolean setsLockTimeout(ParsedStatement s) {
        int name = s.is(1, "SESSION") || s.is(1, "LOCAL") ? 2 : 1;
        String value = s.word(name + 2).replace("'", "");
        return !value.equals("0") && !value.equals("DEFAULT");
    }

    private static boolean createIndex(LintedFile file, ParsedStatement s, Findings findings) {
        if (!(s.change() instanceof Change.Create d) || d.object() != Change.ObjectKind.INDEX || d.on() == null
                || file.createdBefore(d.on(), s.index())) {
            return false;
        }
        if (!d.concurrently()) {
            // The fix keeps what the index is: a UNIQUE index written without UNIQUE would stop enforcing it.
            String kind = d.unique() ? "CREATE UNIQUE INDEX" : "CREATE INDEX";
            findings.report(RuleCode.LS201, s, d.objectAt(), kind + " on " + d.on().written() + " blocks every"
                    + " write to the table until the index is built, which takes as long as the table is big.",
                    "Write " + kind + " CONCURRENTLY IF NOT EXISTS ... in a migration of its own; lockstep runs it outside"
                            + " a transaction.");
        }
        return !d.concurrently();
    }

    private static boolean alterTable(LintedFile file, ParsedStatement s, Findings findings) {
        if (!(s.change() instanceof AlterTable alter) || file.createdBefore(alter.table(), s.index())) {
            return false;
        }
        String table = alter.table().written();
        for (AlterTable.Action action : alter.actions()) {
            if (action instanceof AlterTable.AddColumn add && add.column() != null) {
                addColumn(s, table, add, findings);
            } else if (action instanceof AlterTable.AlterColumn alterColumn && alterColumn.column() != null) {
                alterColumn(s, table, alterColumn, findings);
            } else if (action instanceof AlterTable.AddConstraint constraint) {
                addConstraint(s, table, constraint, findings);
            }
        }
        return true;
    }

    private static void addColumn(ParsedStatement s, String table, AlterTable.AddColumn action, Findings findings) {
        int column = action.column().start();
        String name = action.column().written();
        int end = action.end();
        int notNull = s.find(column, end, "NOT", "NULL");
        int defaultAt = s.find(column, end, "DEFAULT");
        boolean identity = s.find(column, end, "IDENTITY") >= 0;
        if (notNull >= 0 && defaultAt < 0 && !identity && !SERIAL.contains(s.word(column + 1))) {
            findings.report(RuleCode.LS202, s, notNull, "ADD COLUMN " + name + " ... NOT NULL without a default fails on"
                    + " a table that has rows, and old replicas that insert without the column fail too.",
                    "Add " + name + " nullable or with a constant DEFAULT; backfill; then add the NOT NULL constraint"
                            + " in a later migration.");
        }
        int rewrite = volatileDefault(s, column, defaultAt, end);
        if (rewrite >= 0) {
            findings.report(RuleCode.LS203, s, rewrite, "ADD COLUMN " + name + " on " + table + " computes a value for"
                    + " every row, rewriting the whole table under an ACCESS EXCLUSIVE lock.",
                    "Add " + name + " without that default, ALTER COLUMN " + name + " SET DEFAULT ... for new rows, and"
                            + " backfill existing rows in batches.");
        }
    }

    /** The token that makes the new column's value differ per row (volatile default, serial, stored generated), or -1. */
    private static int volatileDefault(ParsedStatement s, int column, int defaultAt, int end) {
        if (SERIAL.contains(s.word(column + 1))) {
            return column + 1;
        }
        int generated = s.find(column, end, "GENERATED", "ALWAYS", "AS");
        if (generated >= 0 && s.find(generated, end, "STORED") >= 0) {
            return generated;
        }
        if (defaultAt < 0) {
            return -1;
        }
        for (int i = defaultAt + 1; i < end; i++) {
            if (VOLATILE.contains(s.word(i)) && s.isSymbol(i + 1, "(")) {
                return i;
            }
        }
        return -1;
    }

    private static void alterColumn(ParsedStatement s, String table, AlterTable.AlterColumn action, Findings findings) {
        int verb = action.verbAt();
        String column = action.column().written();
        if (action.change() == AlterTable.ColumnChange.TYPE) {
            findings.report(RuleCode.LS204, s, verb, "ALTER COLUMN " + column + " TYPE rewrites " + table + " and its"
                    + " indexes under an ACCESS EXCLUSIVE lock (except a few binary-compatible changes), and old replicas"
                    + " still expect the old type.", "Add a column of the new type, write both, backfill in batches,"
                    + " switch reads, then drop " + column + " in a later release.");
        } else if (action.change() == AlterTable.ColumnChange.SET_NOT_NULL) {
            findings.report(RuleCode.LS206, s, verb, "SET NOT NULL on " + column + " scans all of " + table
                    + " under an ACCESS EXCLUSIVE lock.", "ADD CONSTRAINT " + column + "_not_null CHECK (" + column
                    + " IS NOT NULL) NOT VALID; VALIDATE CONSTRAINT in a later migration; then SET NOT NULL"
                    + " (PostgreSQL 12+ uses the constraint and skips the scan) and drop the CHECK.");
        }
    }

    private static void addConstraint(ParsedStatement s, String table, AlterTable.AddConstraint action, Findings findings) {
        int kind = action.kindAt();
        boolean validatable = s.isSequence(kind, "FOREIGN", "KEY") || s.is(kind, "CHECK");
        if (validatable && s.find(kind, action.end(), "NOT", "VALID") < 0) {
            findings.report(RuleCode.LS205, s, kind, "ADD " + s.word(kind) + " on " + table + " checks every row while"
                    + " it holds a lock that blocks writes" + (s.is(kind, "FOREIGN") ? " (on both tables)" : "") + ".",
                    "Add it NOT VALID (new rows are still checked), then ALTER TABLE " + table + " VALIDATE CONSTRAINT ..."
                            + " in a later migration: validating blocks no writes.");
        }
    }

    /** LS208: a concurrent index build makes lockstep run its whole file outside a transaction. */
    private static void concurrentIndexAlone(LintedFile file, Findings findings) {
        if (file.statements().size() < 2) {
            return;
        }
        for (ParsedStatement s : file.statements()) {
            String verb = null;
            int at = -1;
            if (s.change() instanceof Change.Create c && c.object() == Change.ObjectKind.INDEX && c.concurrently()) {
                verb = "CREATE";
                at = c.objectAt();
            } else if (s.change() instanceof Change.Drop d && d.object() == Change.ObjectKind.INDEX && d.concurrently()) {
                verb = "DROP";
                at = d.objectAt();
            }
            if (verb != null) {
                findings.report(RuleCode.LS208, s, at + 1, "CONCURRENTLY makes lockstep run this whole file"
                        + " outside a transaction, so a failure part-way leaves the other statements applied.",
                        "Move " + verb + " INDEX CONCURRENTLY into a migration of its own.");
            }
        }
    }
}
