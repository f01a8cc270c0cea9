package dev.lockstep.lint;

import dev.lockstep.result.MigrationType;
import dev.lockstep.sql.Change;
import dev.lockstep.sql.Change.AlterTable;
import dev.lockstep.sql.SqlName;

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
            if (s.change() instanceof Change.Drop d && d.object() == Change.ObjectKind.TABLE) {
                for (SqlName name : d.names()) {
                    if (!file.createdBefore(name, s.index())) {
                        dropped(s, "table " + name.written(), d.objectAt(), findings);
                    }
                }
            } else if (s.change() instanceof Change.RenameTables r) {
                renamed(s, "table " + (r.renames().isEmpty() ? "" : r.renames().get(0).from().written()), 1, findings);
            } else if (s.change() instanceof AlterTable alter && !file.createdBefore(alter.table(), s.index())) {
                alterTable(s, alter, findings);
            }
        }
    }

    private static void alterTable(ParsedStatement s, AlterTable alter, Findings findings) {
        String table = alter.table().written();
        for (AlterTable.Action action : alter.actions()) {
            int first = action.start();
            if (action instanceof AlterTable.DropColumn d && d.column() != null) {
                dropped(s, "column " + table + "." + d.column().written(), first, findings);
            } else if (action instanceof AlterTable.RenameTable) {
                renamed(s, "table " + table, first, findings);
            } else if (action instanceof AlterTable.RenameColumn r) {
                renamed(s, "column " + table + "." + (r.from() == null ? "" : r.from().written()), first, findings);
            } else if (action instanceof AlterTable.ChangeColumn c && c.from() != null && c.to() != null
                    && !c.from().key().equals(c.to().key())) {
                renamed(s, "column " + table + "." + c.from().written(), first, findings);
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
