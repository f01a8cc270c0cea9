package dev.lockstep.lint;

import dev.lockstep.sql.SqlName;
import dev.lockstep.sql.SqlToken;

/**
 * LS701: an {@code UPDATE} or {@code DELETE} of a table that exists already changes every row its condition selects
 * in one transaction, and locks each of them until it commits: on a large table, for minutes, while application
 * writes to those rows wait. A backfill bounds itself and runs in batches ({@code -- lockstep:batch}). Bounded, and
 * so left alone: a statement with the directive, one with a {@code LIMIT} (MySQL's {@code UPDATE ... LIMIT}, or a
 * sub-select of a few keys), and one whose whole condition is a column equal to, or in a list of, literals
 * ({@code WHERE id = 7}). A table the file itself created holds no application rows yet.
 */
final class BackfillRule implements Rule {

    @Override
    public void check(LintedFile file, Findings findings) {
        for (ParsedStatement s : file.statements()) {
            int table = target(s);
            if (table < 0 || s.statement().isBatch() || hasLimit(s)
                    || selectsByLiterals(s)) {
                continue;
            }
            SqlName name = s.name(table);
            if (name == null || file.createdBefore(name, s.index())) {
                continue;
            }
            String verb = s.word(0);
            findings.report(RuleCode.LS701, s, 0, verb + " of " + name.written() + " changes every row "
                    + (s.find(0, s.size(), "WHERE") < 0 ? "of the table" : "its WHERE selects") + " in one transaction"
                    + " and locks them all until it commits: on a large table, application writes to those rows wait"
                    + " for the whole run, and a replica killed half-way starts it over.",
                    "Make it bound itself and run it in batches: put -- lockstep:batch on the line before it, and bound it"
                            + " with a LIMIT (MySQL: " + verb + " ... WHERE new_column IS NULL LIMIT 5000; elsewhere:"
                            + " WHERE id IN (SELECT id FROM " + name.written() + " WHERE new_column IS NULL LIMIT 5000)),"
                            + " so lockstep repeats it, a batch per transaction, until it changes no row. Or, where the"
                            + " table's primary key is one integer column, put -- lockstep:batch key=id before it as it"
                            + " is, and lockstep runs it over ranges of 5000 keys.");
        }
    }

    /** The index of the table an {@code UPDATE} or {@code DELETE} changes, or -1 for any other statement. */
    private static int target(ParsedStatement s) {
        int i;
        if (s.is(0, "UPDATE")) {
            i = 1;
        } else if (s.isSequence(0, "DELETE", "FROM")) {
            i = 2;
        } else {
            return -1;
        }
        while (s.is(i, "ONLY") || s.is(i, "LOW_PRIORITY") || s.is(i, "IGNORE") || s.is(i, "QUICK")
                || s.is(i, "OR") || s.is(i, "ROLLBACK") || s.is(i, "ABORT") || s.is(i, "REPLACE") || s.is(i, "FAIL")) {
            i++;
        }
        return i;
    }

    /** A {@code LIMIT} of its own (MySQL) or in a sub-select: {@code WHERE id IN (SELECT id ... LIMIT 5000)}. */
    private static boolean hasLimit(ParsedStatement s) {
        for (int i = 0; i < s.size(); i++) {
            if (s.is(i, "LIMIT") || s.isSequence(i, "FETCH", "FIRST")) {
                return true;
            }
        }
        return false;
    }

    /** {@code WHERE column = literal} or {@code WHERE column IN (literal, ...)}, and nothing after it. */
    private static boolean selectsByLiterals(ParsedStatement s) {
        int where = s.find(0, s.size(), "WHERE");
        if (where < 0) {
            return false;
        }
        SqlName column = s.name(where + 1);
        if (column == null) {
            return false;
        }
        int i = column.next();
        if (s.isSymbol(i, "=")) {
            return literal(s, i + 1) && i + 2 == s.size();
        }
        if (!s.is(i, "IN") || !s.isSymbol(i + 1, "(")) {
            return false;
        }
        for (i += 2; literal(s, i); i += 2) {
            if (s.isSymbol(i + 1, ")")) {
                return i + 2 == s.size();
            }
            if (!s.isSymbol(i + 1, ",")) {
                return false;
            }
        }
        return false;
    }

    private static boolean literal(ParsedStatement s, int i) {
        if (i >= s.size()) {
            return false;
        }
        SqlToken token = s.tokens().get(i);
        return token.type() == SqlToken.Type.QUOTED && token.text().startsWith("'")
                || token.type() == SqlToken.Type.SYMBOL && !token.text().isEmpty()
                && (Character.isDigit(token.text().charAt(0)) || token.text().equals("?") || token.text().startsWith("$"));
    }
}
