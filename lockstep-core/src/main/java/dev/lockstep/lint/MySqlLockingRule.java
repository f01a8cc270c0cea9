package dev.lockstep.lint;

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
            AlterTable alter = AlterTable.of(s);
            if (alter != null && !file.createdBefore(alter.table(), s.index())) {
                alterTable(s, alter, findings);
            }
            Definition d = Definition.of(s);
            if (d != null && d.isIndex() && d.onTable() != null && !file.createdBefore(d.onTable(), s.index())) {
                index(s, d, findings);
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
        String instant = null;
        String inplace = null;
        for (AlterTable.Action action : alter.actions()) {
            int first = action.start();
            if (AlterTable.addedColumn(s, action) >= 0 || AlterTable.droppedColumn(s, action) >= 0
                    || s.isSequence(first, "RENAME", "COLUMN") || isDefaultChange(s, action)) {
                instant = instant == null ? s.word(first) : instant;
            } else if (isIndexChange(s, action)) {
                inplace = inplace == null ? s.word(first) + " " + s.word(first + 1) : inplace;
            }
        }
        if (instant == null && inplace == null) {
            return;
        }
        String table = alter.table().text(s);
        String fix = inplace == null
                ? "Append ALGORITHM=INSTANT (MySQL 8.0.29+, MariaDB 10.4+), or ALGORITHM=INPLACE, LOCK=NONE on older servers."
                : "Append ALGORITHM=INPLACE, LOCK=NONE.";
        findings.report(RuleCode.LS301, s, 0, "ALTER TABLE " + table + " names no online algorithm: the server may copy"
                + " the table and block writes for as long as that takes, where this change can run online.", fix);
    }

    private static boolean isDefaultChange(ParsedStatement s, AlterTable.Action action) {
        int verb = AlterTable.alteredColumnVerb(s, action);
        return verb >= 0 && (s.isSequence(verb, "SET", "DEFAULT") || s.isSequence(verb, "DROP", "DEFAULT"));
    }

    private static boolean isIndexChange(ParsedStatement s, AlterTable.Action action) {
        int first = action.start();
        String verb = s.word(first);
        int what = s.is(first + 1, "CONSTRAINT") ? first + 3 : first + 1;
        boolean index = s.is(what, "INDEX") || s.is(what, "KEY") || s.is(what, "UNIQUE");
        return (verb.equals("ADD") || verb.equals("DROP")) && index || verb.equals("RENAME") && (s.is(first + 1, "INDEX")
                || s.is(first + 1, "KEY"));
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

    private static void index(ParsedStatement s, Definition d, Findings findings) {
        int algorithm = s.find("ALGORITHM");
        int lock = s.find("LOCK");
        String algorithmValue = algorithm < 0 ? "" : s.word(s.isSymbol(algorithm + 1, "=") ? algorithm + 2 : algorithm + 1);
        String lockValue = lock < 0 ? "" : s.word(s.isSymbol(lock + 1, "=") ? lock + 2 : lock + 1);
        if (algorithmValue.equals("INSTANT") || algorithmValue.equals("INPLACE") && lockValue.equals("NONE")) {
            return;
        }
        String verb = d.create() ? "CREATE" : "DROP";
        findings.report(RuleCode.LS303, s, d.objectIndex(), verb + " INDEX on " + d.onTable().text(s) + " names no online"
                + " algorithm: the server may block writes to the table while it " + (d.create() ? "builds" : "drops")
                + " the index.", "Append ALGORITHM=INPLACE LOCK=NONE.");
    }
}
