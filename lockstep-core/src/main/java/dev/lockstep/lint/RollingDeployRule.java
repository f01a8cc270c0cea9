package dev.lockstep.lint;

import dev.lockstep.result.MigrationType;

/**
 * LS501-LS502: during a rolling deploy the replicas of the previous release keep running against
 * the migrated schema until the last of them is replaced, so a table or column they use must not
 * disappear or change its name in the same release. Undo files are not checked: removing what the
 * migration added is their purpose. A table the file itself created is nobody's yet.
 */
final class RollingDeployRule implements Rule {

    private static final String OLD_REPLICAS = "replicas of the previous release still running during a rolling deploy";

    @Override
    public void check(LintedFile file, Findings findings) {
        if (file.type() == MigrationType.UNDO) {
            return;
        }
        for (ParsedStatement s : file.statements()) {
            Definition d = Definition.of(s);
            if (d != null && !d.create() && d.isTable()) {
                for (ObjectName name : d.names()) {
                    if (!file.createdBefore(name, s.index())) {
                        dropped(s, "table " + name.text(s), d.objectIndex(), findings);
                    }
                }
            }
            if (s.isSequence(0, "RENAME", "TABLE")) {
                ObjectName from = ObjectName.at(s, 2);
                renamed(s, "table " + (from == null ? "" : from.text(s)), 1, findings);
            }
            AlterTable alter = AlterTable.of(s);
            if (alter != null && !file.createdBefore(alter.table(), s.index())) {
                alterTable(s, alter, findings);
            }
        }
    }

    private static void alterTable(ParsedStatement s, AlterTable alter, Findings findings) {
        String table = alter.table().text(s);
        for (AlterTable.Action action : alter.actions()) {
            int first = action.start();
            int dropped = AlterTable.droppedColumn(s, action);
            if (dropped >= 0) {
                dropped(s, "column " + table + "." + s.tokens().get(dropped).text(), first, findings);
            } else if (s.isSequence(first, "RENAME", "TO") || s.isSequence(first, "RENAME", "AS")) {
                renamed(s, "table " + table, first, findings);
            } else if (s.is(first, "RENAME") && !s.is(first + 1, "INDEX") && !s.is(first + 1, "KEY")
                    && !s.is(first + 1, "CONSTRAINT")) {
                ObjectName column = ObjectName.at(s, s.is(first + 1, "COLUMN") ? first + 2 : first + 1);
                renamed(s, "column " + table + "." + (column == null ? "" : column.text(s)), first, findings);
            } else if (s.is(first, "CHANGE")) {
                int old = s.is(first + 1, "COLUMN") ? first + 2 : first + 1;
                ObjectName from = ObjectName.at(s, old);
                ObjectName to = from == null ? null : ObjectName.at(s, from.next());
                if (to != null && !from.key().equals(to.key())) {
                    renamed(s, "column " + table + "." + from.text(s), first, findings);
                }
            }
        }
    }

    private static void dropped(ParsedStatement s, String what, int token, Findings findings) {
        findings.report(RuleCode.LS501, s, token, "Dropping " + what + " breaks the " + OLD_REPLICAS + ", which still"
                + " read and write it.", "Contract in two releases: first ship code that no longer uses the " + what
                + ", then drop it in a migration of a later release.");
    }

    private static void renamed(ParsedStatement s, String what, int token, Findings findings) {
        findings.report(RuleCode.LS502, s, token, "Renaming " + what + " breaks the " + OLD_REPLICAS + ", which still"
                + " use the old name.", "Expand and contract: add the new name beside the old one (a new column, or a view"
                + " for a table), write both, backfill, switch reads, and drop the old name in a later release.");
    }
}
