package dev.lockstep.lint;

import dev.lockstep.sql.SqlToken;
import java.util.Locale;

/**
 * A possibly qualified name in a statement ({@code orders}, {@code app.orders}, {@code "Orders"},
 * {@code `orders`}), keyed by its last part without quotes, in lower case: a linter compares names
 * to tell a table the file made from one that existed before, and a schema or case mismatch is rare
 * enough that treating them alike is the better mistake.
 *
 * @param key   the last part, unquoted, lower-cased
 * @param start the index of its first token
 * @param next  the index of the first token after it
 */
record ObjectName(String key, int start, int next) {

    /** The name starting at token {@code i}, or null when no name starts there. */
    static ObjectName at(ParsedStatement statement, int i) {
        if (!isPart(statement, i)) {
            return null;
        }
        int last = i;
        while (statement.isSymbol(last + 1, ".") && isPart(statement, last + 2)) {
            last += 2;
        }
        return new ObjectName(unquote(statement.tokens().get(last)), i, last + 1);
    }

    /** The name as written in the statement ({@code app.orders}). */
    String text(ParsedStatement statement) {
        StringBuilder text = new StringBuilder();
        for (int i = start; i < next; i++) {
            text.append(statement.tokens().get(i).text());
        }
        return text.toString();
    }

    private static boolean isPart(ParsedStatement statement, int i) {
        if (i >= statement.size()) {
            return false;
        }
        SqlToken token = statement.tokens().get(i);
        return token.type() == SqlToken.Type.WORD || token.type() == SqlToken.Type.QUOTED && "\"`[".indexOf(token.text().charAt(0)) >= 0;
    }

    private static String unquote(SqlToken token) {
        String text = token.text();
        if (token.type() == SqlToken.Type.QUOTED && text.length() >= 2) {
            text = text.substring(1, text.length() - 1);
        }
        return text.toLowerCase(Locale.ROOT);
    }
}
