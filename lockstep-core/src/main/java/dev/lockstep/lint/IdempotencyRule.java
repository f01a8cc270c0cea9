package dev.lockstep.lint;

import static dev.lockstep.lint.LintDialect.MARIADB;
import static dev.lockstep.lint.LintDialect.MYSQL;
import static dev.lockstep.lint.LintDialect.POSTGRESQL;
import static dev.lockstep.lint.LintDialect.SQLITE;

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
            Definition definition = Definition.of(s);
            if (definition != null && definition.create()) {
                create(file, s, definition, findings);
            } else if (definition != null) {
                drop(dialect, s, definition, findings);
            }
            AlterTable alter = AlterTable.of(s);
            if (alter != null && (dialect == POSTGRESQL || dialect == MARIADB)) {
                for (AlterTable.Action action : alter.actions()) {
                    columns(s, alter, action, findings);
                }
            }
        }
    }

    private static void create(LintedFile file, ParsedStatement s, Definition d, Findings findings) {
        if (d.guarded() || d.orReplace()) {
            return;
        }
        String form = createForm(file.dialect(), d);
        ObjectName name = d.names().isEmpty() ? null : d.names().get(0);
        if (form == null || file.droppedBefore(d.object(), name, s.index())) {
            return;
        }
        // The fix keeps what the statement is: UNIQUE and CONCURRENTLY dropped from an index would change it.
        String object = (d.materialized() ? "MATERIALIZED " : "") + (s.find(1, d.objectIndex(), "UNIQUE") >= 0 ? "UNIQUE " : "")
                + d.object();
        String shown = name == null ? "" : " " + name.text(s);
        String fix = form.equals("OR REPLACE") ? "CREATE OR REPLACE " + object + shown
                : "CREATE " + object + (d.concurrently() ? " CONCURRENTLY" : "") + " IF NOT EXISTS" + shown;
        findings.report(RuleCode.LS101, s, d.objectIndex(), "CREATE " + object + shown + " fails if it already exists,"
                + " so a retry after an interrupted attempt cannot step over it.", "Write " + fix + ".");
    }

    private static String createForm(LintDialect dialect, Definition d) {
        if (d.materialized()) {
            return dialect == POSTGRESQL ? "IF NOT EXISTS" : null;
        }
        return switch (d.object()) {
            case "TABLE" -> "IF NOT EXISTS";
            case "INDEX" -> dialect == MYSQL ? null : "IF NOT EXISTS";
            case "VIEW" -> dialect == SQLITE ? "IF NOT EXISTS" : "OR REPLACE";
            case "SEQUENCE" -> dialect == POSTGRESQL || dialect == MARIADB ? "IF NOT EXISTS" : null;
            case "SCHEMA" -> dialect == SQLITE ? null : "IF NOT EXISTS";
            case "DATABASE" -> dialect.isMySqlFamily() ? "IF NOT EXISTS" : null;
            case "FUNCTION", "PROCEDURE" -> dialect == POSTGRESQL || dialect == MARIADB ? "OR REPLACE" : null;
            default -> null;
        };
    }

    private static void drop(LintDialect dialect, ParsedStatement s, Definition d, Findings findings) {
        if (d.guarded() || !hasDropIfExists(dialect, d.object())) {
            return;
        }
        String object = (d.materialized() ? "MATERIALIZED " : "") + d.object();
        String shown = d.names().isEmpty() ? "" : " " + d.names().get(0).text(s);
        findings.report(RuleCode.LS102, s, d.objectIndex(), "DROP " + object + shown + " fails if it is already gone,"
                + " so a retry after an interrupted attempt cannot step over it.",
                "Write DROP " + object + (d.concurrently() ? " CONCURRENTLY" : "") + " IF EXISTS" + shown + ".");
    }

    private static boolean hasDropIfExists(LintDialect dialect, String object) {
        return switch (object) {
            case "TABLE", "VIEW", "TRIGGER" -> true;
            case "INDEX" -> dialect != MYSQL;
            case "SEQUENCE" -> dialect == POSTGRESQL || dialect == MARIADB;
            case "SCHEMA", "FUNCTION", "PROCEDURE" -> dialect != SQLITE;
            case "DATABASE", "EVENT" -> dialect.isMySqlFamily();
            case "TYPE", "EXTENSION" -> dialect == POSTGRESQL;
            default -> false;
        };
    }

    private static void columns(ParsedStatement s, AlterTable alter, AlterTable.Action action, Findings findings) {
        int added = AlterTable.addedColumn(s, action);
        if (added >= 0 && !AlterTable.addsIfNotExists(s, action)) {
            String column = s.tokens().get(added).text();
            findings.report(RuleCode.LS103, s, action.start(), "ADD COLUMN " + column + " to " + alter.table().text(s)
                    + " fails if the column is already there, so a retry cannot step over it.",
                    "Write ADD COLUMN IF NOT EXISTS " + column + " ...");
        }
        int dropped = AlterTable.droppedColumn(s, action);
        if (dropped >= 0 && !s.isSequence(dropped - 2, "IF", "EXISTS")) {
            String column = s.tokens().get(dropped).text();
            findings.report(RuleCode.LS102, s, action.start(), "DROP COLUMN " + column + " of " + alter.table().text(s)
                    + " fails if the column is already gone, so a retry cannot step over it.",
                    "Write DROP COLUMN IF EXISTS " + column + ".");
        }
    }
}
