package dev.lockstep.sql;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A possibly qualified name in a statement ({@code orders}, {@code app.orders}, {@code "Orders"}, {@code `Orders`},
 * {@code [Orders]}), as the database resolves it: unquoted, and folded the way the database folds an unquoted name
 * ({@link CatalogNames#fold}).
 *
 * @param schema  the part before the last, or {@code null} when the name is not qualified (the session's own schema)
 * @param name    the last part
 * @param written the name as the statement writes it ({@code app."Orders"}), for messages
 * @param start   the index of its first token in the statement's tokens
 * @param next    the index of the first token after it
 */
public record SqlName(String schema, String name, String written, int start, int next) {

    public SqlName {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(written, "written");
    }

    /**
     * The name starting at token {@code i} of {@code tokens}, or {@code null} when none starts there: a name is
     * a bare word or a quoted identifier ({@code "..."}, {@code `...`}, {@code [...]}), and its parts are joined by dots.
     */
    public static SqlName at(List<SqlToken> tokens, int i, SqlDialect dialect) {
        if (!isPart(tokens, i)) {
            return null;
        }
        int last = i;
        while (last + 2 < tokens.size() && tokens.get(last + 1).isSymbol(".") && isPart(tokens, last + 2)) {
            last += 2;
        }
        StringBuilder written = new StringBuilder();
        for (int t = i; t <= last; t++) {
            written.append(tokens.get(t).text());
        }
        String schema = last > i ? part(tokens.get(last - 2), dialect) : null;
        return new SqlName(schema, part(tokens.get(last), dialect), written.toString(), i, last + 1);
    }

    /**
     * The last part in lower case, whatever the quoting: what lint compares names by, to tell a table the file made
     * from one that existed before (a schema or case mismatch is rare enough that treating them alike is the better
     * mistake).
     */
    public String key() {
        return name.toLowerCase(Locale.ROOT);
    }

    private static boolean isPart(List<SqlToken> tokens, int i) {
        if (i < 0 || i >= tokens.size()) {
            return false;
        }
        SqlToken token = tokens.get(i);
        return token.type() == SqlToken.Type.WORD
                || token.type() == SqlToken.Type.QUOTED && "\"`[".indexOf(token.text().charAt(0)) >= 0;
    }

    private static String part(SqlToken token, SqlDialect dialect) {
        String text = token.text();
        return token.type() == SqlToken.Type.QUOTED ? text.substring(1, text.length() - 1) : CatalogNames.fold(text, dialect);
    }
}
