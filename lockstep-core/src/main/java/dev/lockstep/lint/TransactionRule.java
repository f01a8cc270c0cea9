package dev.lockstep.lint;

import dev.lockstep.sql.StatementKind;

/**
 * LS401-LS403: a migration's transaction belongs to lockstep. It opens one around each migration
 * where the database allows it, and runs a file with a statement that cannot run in one
 * ({@code CREATE INDEX CONCURRENTLY}) outside; a file that opens or ends transactions itself breaks
 * both, and on MySQL/MariaDB, where DDL commits at once, DDL and row changes in one file can never
 * be applied all or nothing.
 */
final class TransactionRule implements Rule {

    @Override
    public void check(LintedFile file, Findings findings) {
        ParsedStatement opens = null;
        for (ParsedStatement s : file.statements()) {
            if (endsOrOpensTransaction(s)) {
                if (opens == null && (s.is(0, "BEGIN") || s.is(0, "START"))) {
                    opens = s;
                }
                findings.report(RuleCode.LS402, s, 0, s.word(0) + " in a migration file fights lockstep's own"
                        + " transaction: lockstep records the migration in the same transaction as its statements.",
                        "Remove " + s.word(0) + "; split the file into several migrations if parts must commit separately.");
            }
        }
        if (opens != null && file.dialect() == LintDialect.POSTGRESQL) {
            for (ParsedStatement s : file.statements()) {
                int concurrently = s.find("CONCURRENTLY");
                if (s.statement().nonTransactional() && concurrently >= 0) {
                    findings.report(RuleCode.LS401, s, concurrently, "CONCURRENTLY cannot run inside a transaction, and"
                            + " this file opens one at line " + opens.statement().line() + ".",
                            "Remove the BEGIN and COMMIT, and put the CONCURRENTLY statement in a migration of its own.");
                }
            }
        }
        if (file.dialect().isMySqlFamily()) {
            mixedDdlAndDml(file, findings);
        }
    }

    private static boolean endsOrOpensTransaction(ParsedStatement s) {
        if (s.statement().kind() != StatementKind.TRANSACTION_CONTROL) {
            return false;
        }
        return switch (s.word(0)) {
            case "BEGIN", "START", "COMMIT", "END", "ABORT" -> true;
            case "ROLLBACK" -> !s.is(1, "TO") && !s.is(2, "TO");
            default -> false;
        };
    }

    private static void mixedDdlAndDml(LintedFile file, Findings findings) {
        ParsedStatement firstDdl = null;
        ParsedStatement firstDml = null;
        for (ParsedStatement s : file.statements()) {
            if (s.statement().kind() == StatementKind.DDL && firstDdl == null) {
                firstDdl = s;
            } else if (s.statement().kind() == StatementKind.DML && firstDml == null) {
                firstDml = s;
            }
        }
        if (firstDdl == null || firstDml == null) {
            return;
        }
        ParsedStatement later = firstDdl.index() > firstDml.index() ? firstDdl : firstDml;
        ParsedStatement earlier = later == firstDdl ? firstDml : firstDdl;
        findings.report(RuleCode.LS403, later, 0, "This file mixes DDL and row changes (line " + earlier.statement().line()
                + " and here): MySQL and MariaDB commit each DDL statement at once, so the file cannot be applied all or"
                + " nothing, and a failure leaves part of it applied. lockstep runs it statement by statement: each DDL"
                + " statement with its own journal entry, and each run of row changes between two DDL statements in one"
                + " transaction with one entry, so a failure or a kill inside a run rolls the whole run back and the next"
                + " migrate resumes at its first statement.",
                "Split it: one migration for the DDL, another for the row changes (written to be safe to run twice).");
    }
}
