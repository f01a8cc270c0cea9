package dev.lockstep.lint;

import dev.lockstep.sql.Change;
import dev.lockstep.sql.Change.AlterTable;

/**
 * LS301-LS303: MySQL and MariaDB DDL on an existing table that may fall back to copying it under a
 * lock that blocks writes. Naming the algorithm makes the server refuse a change it cannot do
 * online instead of silently locking; changes that have no online algorithm (most column type
 * changes) are not reported, since no clause would help.
 */
final class MySqlLockingRule implements Rule {

    @Override
    public void check(LintedFile file, Findings findings) {
        if (!file.dialect().isMySqlFamily()) {
            return;
        }
        for (ParsedStatement s : file.statements()) {
            if (s.change() instanceof AlterTable alter && !file.createdBefore(alter.table(), s.index())) {
                alterTable(s, alter, findings);
            } else if (s.change() instanceof Change.Create c && c.object() == Change.ObjectKind.INDEX && c.on() != null
                    && !file.createdBefore(c.on(), s.index())) {
                index(s, true, c.objectAt(), c.on().written(), findings);
            } else if (s.change() instanceof Change.Drop d && d.object() == Change.ObjectKind.INDEX && d.on() != null
                    && !file.createdBefore(d.on(), s.index())) {
                index(s, false, d.objectAt(), d.on().written(), findings);
            }
        }
    }

    private static void alterTable(ParsedStatement s, AlterTable alter, Findings findings) {
        String algorithm = clause(s, alter, "ALGORITHM");
        String lock = clause(s, alter, "LOCK");
        if (algorithm.equals("INSTANT")) {
            if (!lock.isEmpty() && !lock.equals("DEFAULT")) {
                findings.report(RuleCode.LS302, s, s.find("LOCK"), "ALGORITHM=INSTANT takes no lock, and the server"
                        + " rejects LOCK=" + lock + " with it.", "Drop LOCK=" + lock + " (or write LOCK=DEFAULT).");
            }
            return;
        }
        if (algorithm.equals("INPLACE") && lock.equals("NONE")) {
            return;
        }
        boolean instant = false;
        boolean inplace = false;
        for (AlterTable.Action action : alter.actions()) {
            if (isInstant(action)) {
                instant = true;
            } else if (isIndexChange(action)) {
                inplace = true;
            }
        }
        if (!instant && !inplace) {
            return;
        }
        String table = alter.table().written();
        String fix = !inplace
                ? "Append ALGORITHM=INSTANT (MySQL 8.0.29+, MariaDB 10.4+), or ALGORITHM=INPLACE, LOCK=NONE on older servers."
                : "Append ALGORITHM=INPLACE, LOCK=NONE.";
        findings.report(RuleCode.LS301, s, 0, "ALTER TABLE " + table + " names no online algorithm: the server may copy"
                + " the table and block writes for as long as that takes, where this change can run online.", fix);
    }

    /** A change of columns that MySQL 8.0.29+ and MariaDB 10.4+ make instantly: add, drop, rename, a default. */
    private static boolean isInstant(AlterTable.Action action) {
        return action instanceof AlterTable.AddColumn || action instanceof AlterTable.DropColumn
                || action instanceof AlterTable.RenameColumn
                || action instanceof AlterTable.AlterColumn c && c.change() == AlterTable.ColumnChange.DEFAULT;
    }

    /** A change of a B-tree index (not a full-text or spatial one), which runs in place without locking writes. */
    private static boolean isIndexChange(AlterTable.Action action) {
        return action instanceof AlterTable.AddIndex a && (a.modifier() == null || a.modifier().equals("UNIQUE"))
                || action instanceof AlterTable.AddConstraint c && c.kind().equals("UNIQUE")
                || action instanceof AlterTable.DropIndex || action instanceof AlterTable.RenameIndex;
    }

    /** The value of a {@code NAME [=] value} action such as ALGORITHM or LOCK, upper-cased; "" when absent. */
    private static String clause(ParsedStatement s, AlterTable alter, String name) {
        for (AlterTable.Action action : alter.actions()) {
            int at = s.find(action.start(), action.end(), name);
            if (at >= 0) {
                return s.word(s.isSymbol(at + 1, "=") ? at + 2 : at + 1);
            }
        }
        return "";
    }

    private static void index(ParsedStatement s, boolean create, int objectAt, String table, Findings findings) {
        int algorithm = s.find("ALGORITHM");
        int lock = s.find("LOCK");
        String algorithmValue = algorithm < 0 ? "" : s.word(s.isSymbol(algorithm + 1, "=") ? algorithm + 2 : algorithm + 1);
        String lockValue = lock < 0 ? "" : s.word(s.isSymbol(lock + 1, "=") ? lock + 2 : lock + 1);
        if (algorithmValue.equals("INSTANT") || algorithmValue.equals("INPLACE") && lockValue.equals("NONE")) {
            return;
        }
        String verb = create ? "CREATE" : "DROP";
        findings.report(RuleCode.LS303, s, objectAt, verb + " INDEX on " + table + " names no online"
                + " algorithm: the server may block writes to the table while it " + (create ? "builds" : "drops")
                + " the index.", "Append ALGORITHM=INPLACE LOCK=NONE.");
    }
}
