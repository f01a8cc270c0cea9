package dev.lockstep.lint;

import dev.lockstep.sql.Change;

/**
 * LS101-LS103: statements that fail when run a second time. A migration interrupted after some of
 * its DDL committed (MySQL and MariaDB commit each DDL statement at once) is retried from the start,
 * and the retry must step over what the first attempt did. Only a form the dialect has is asked for,
 * and an object the same file dropped first needs no guard.
 */
final class IdempotencyRule implements Rule {

    @Override
    public void check(LintedFile file, Findings findings) {
        LintDialect dialect = file.dialect();
        for (ParsedStatement s : file.statements()) {
            if (s.change() instanceof Change.Create c && c.object() != null) {
                create(file, s, c, findings);
            } else if (s.change() instanceof Change.Drop d && d.object() != null) {
                drop(dialect, s, d, findings);
            } else if (s.change() instanceof Change.AlterTable alter && dialect.guards().columnGuards()) {
                for (Change.AlterTable.Action action : alter.actions()) {
                    columns(s, alter, action, findings);
                }
            }
        }
    }

    private static void create(LintedFile file, ParsedStatement s, Change.Create c, Findings findings) {
        if (c.ifNotExists() || c.orReplace()) {
            return;
        }
        String form = createForm(file.dialect(), c);
        if (form == null || file.droppedBefore(c.word(), c.name(), s.index())) {
            return;
        }
        // The fix keeps what the statement is: UNIQUE and CONCURRENTLY dropped from an index would change it.
        String object = (c.materialized() ? "MATERIALIZED " : "") + (c.unique() ? "UNIQUE " : "") + c.word();
        String shown = c.name() == null ? "" : " " + c.name().written();
        String fix = form.equals(LintDialect.Form.OR_REPLACE) ? "CREATE OR REPLACE " + object + shown
                : "CREATE " + object + (c.concurrently() ? " CONCURRENTLY" : "") + " IF NOT EXISTS" + shown;
        findings.report(RuleCode.LS101, s, c.objectAt(), "CREATE " + object + shown + " fails if it already exists,"
                + " so a retry after an interrupted attempt cannot step over it.", "Write " + fix + ".");
    }

    private static String createForm(LintDialect dialect, Change.Create c) {
        if (c.materialized()) {
            return dialect.guards().materializedIfNotExists() ? LintDialect.Form.IF_NOT_EXISTS : null;
        }
        return dialect.guards().create().get(c.object());
    }

    private static void drop(LintDialect dialect, ParsedStatement s, Change.Drop d, Findings findings) {
        if (d.ifExists() || !dialect.guards().dropIfExists().contains(d.object())) {
            return;
        }
        String object = (d.materialized() ? "MATERIALIZED " : "") + d.word();
        String shown = d.names().isEmpty() ? "" : " " + d.names().get(0).written();
        findings.report(RuleCode.LS102, s, d.objectAt(), "DROP " + object + shown + " fails if it is already gone,"
                + " so a retry after an interrupted attempt cannot step over it.",
                "Write DROP " + object + (d.concurrently() ? " CONCURRENTLY" : "") + " IF EXISTS" + shown + ".");
    }

    private static void columns(ParsedStatement s, Change.AlterTable alter, Change.AlterTable.Action action, Findings findings) {
        if (action instanceof Change.AlterTable.AddColumn add && add.column() != null && !add.ifNotExists()) {
            String column = add.column().written();
            findings.report(RuleCode.LS103, s, action.start(), "ADD COLUMN " + column + " to " + alter.table().written()
                    + " fails if the column is already there, so a retry cannot step over it.",
                    "Write ADD COLUMN IF NOT EXISTS " + column + " ...");
        }
        if (action instanceof Change.AlterTable.DropColumn drop && drop.column() != null && !drop.ifExists()) {
            String column = drop.column().written();
            findings.report(RuleCode.LS102, s, action.start(), "DROP COLUMN " + column + " of " + alter.table().written()
                    + " fails if the column is already gone, so a retry cannot step over it.",
                    "Write DROP COLUMN IF EXISTS " + column + ".");
        }
    }
}
