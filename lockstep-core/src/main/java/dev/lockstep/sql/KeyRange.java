package dev.lockstep.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A backfill that lockstep bounds by ranges of the table's primary key ({@code -- lockstep:batch key=id}): a
 * single-table {@code UPDATE} or {@code DELETE} with no bound of its own, its condition (if any) kept as written and
 * the range added to it: {@code UPDATE users SET a = b WHERE a IS NULL} runs as {@code UPDATE users SET a = b WHERE
 * (a IS NULL) AND id > ? AND id <= ?}. Each batch first walks the key's index for its upper bound ({@link #walk}), so a
 * range spans {@code size} keys however sparse the keys are; the last key of a range is the next one's lower bound.
 *
 * <p>Only the shape of the statement is checked here; that {@code key} is the table's whole primary key, of an integer
 * type, is checked against the catalog when the backfill starts.
 *
 * @param table       the table as written in the statement ({@code app."Users"}), for lockstep's own queries
 * @param schema      its schema, unquoted (and folded where the database folds), or {@code null} for the session's
 * @param name        its name, unquoted (and folded where the database folds)
 * @param key         the key column, as written in the directive
 * @param size        keys per range
 * @param statement   the statement with the range added: two parameters, lower (exclusive) and upper (inclusive)
 * @param firstStatement the statement for the first range, which has no lower bound: one parameter, the upper bound
 */
public record KeyRange(String table, String schema, String name, String key, int size, String statement,
                       String firstStatement) {

    /** Words that, outside parentheses, give the statement a second table or a bound of its own. */
    private static final Set<String> REFUSED = Set.of("FROM", "USING", "JOIN", "ORDER", "LIMIT", "RETURNING", "FETCH",
            "OFFSET");
    private static final Set<String> MODIFIERS = Set.of("ONLY", "LOW_PRIORITY", "IGNORE", "QUICK", "OR", "ROLLBACK",
            "ABORT", "REPLACE", "FAIL");

    /**
     * The key range of a keyed backfill statement.
     *
     * @throws SqlSyntaxException at the statement's line when it is not a single-table {@code UPDATE} or
     *                            {@code DELETE} without a bound of its own
     */
    public static KeyRange of(Statement statement, SqlDialect dialect) {
        BatchDirective directive = statement.batch();
        if (directive == null || !directive.keyed()) {
            throw new IllegalArgumentException("not a keyed backfill: " + statement.sql());
        }
        return new Reader(statement, dialect, directive).read();
    }

    /** A table as a statement names it: schema (or {@code null}) and name, unquoted and folded as the database does. */
    public record Table(String schema, String name) {
    }

    /**
     * The table an {@code UPDATE} or {@code DELETE} changes (its first, where it names several); empty for any other
     * statement, or a name lockstep cannot read.
     */
    public static java.util.Optional<Table> tableOf(String sql, SqlDialect dialect) {
        Reader reader = new Reader(new Statement(sql, 1, StatementKind.DML, false, false), dialect, null);
        List<String> parts = reader.target(false);
        return parts == null ? java.util.Optional.empty() : java.util.Optional.of(
                new Table(parts.size() > 1 ? parts.get(parts.size() - 2) : null, parts.get(parts.size() - 1)));
    }

    /**
     * The query that finds the next range: the largest of the next {@code size} keys and how many there are (one row;
     * a null maximum when no key is left). With {@code first}, from the start of the table (no parameter); otherwise
     * past the key bound as its one parameter.
     */
    public String walk(boolean first) {
        return "SELECT max(" + key + "), count(*) FROM (SELECT " + key + " FROM " + table
                + (first ? "" : " WHERE " + key + " > ?") + " ORDER BY " + key + " LIMIT " + size + ") lockstep_range";
    }

    /** How many keys are left past the key bound as its one parameter (with {@code first}: all of them, no parameter). */
    public String keysLeft(boolean first) {
        return "SELECT count(*) FROM " + table + (first ? "" : " WHERE " + key + " > ?");
    }

    /** Reads one statement's tokens. */
    private static final class Reader {
        private final Statement statement;
        private final SqlDialect dialect;
        private final BatchDirective directive;
        private final List<SqlToken> tokens;
        private int at;

        Reader(Statement statement, SqlDialect dialect, BatchDirective directive) {
            this.statement = statement;
            this.dialect = dialect;
            this.directive = directive;
            this.tokens = SqlTokenizer.tokenize(statement.sql(), dialect);
        }

        /**
         * The name of the table the statement changes, the cursor past it; null where there is none or (with
         * {@code strict}) where the statement would change several, which {@code strict} refuses instead.
         */
        private List<String> target(boolean strict) {
            String verb = word(0);
            at = 1;
            if (verb.equals("DELETE")) {
                skipModifiers();
                if (!word(at).equals("FROM")) {
                    if (strict) {
                        throw refused("a DELETE that names its tables before FROM deletes from several");
                    }
                    return null;
                }
                at++;
            } else if (!verb.equals("UPDATE")) {
                if (strict) {
                    throw refused("it starts " + (verb.isEmpty() ? "with no word" : verb) + ", and key ranges bound an"
                            + " UPDATE or DELETE of one table only");
                }
                return null;
            }
            skipModifiers();
            List<String> parts = name();
            if (parts == null && strict) {
                throw refused("lockstep cannot read the name of the table it changes");
            }
            return parts;
        }

        KeyRange read() {
            String verb = word(0);
            List<String> parts = target(true);
            int tableEnd = at;
            int tableStart = tableEnd - (2 * parts.size() - 1);
            if (word(at).equals("AS")) {
                at++;
            }
            if (at < tokens.size() && isIdentifier(tokens.get(at)) && !word(at).equals("SET")
                    && !word(at).equals("WHERE")) {
                at++; // an alias
            }
            String expected = verb.equals("UPDATE") ? "SET" : "WHERE";
            if (at < tokens.size() && !word(at).equals(expected)) {
                throw refused("after its table comes '" + tokens.get(at).text() + "', not " + expected
                        + ": key ranges bound a statement of one table (no join, no second table, no USING)");
            }
            int where = -1;
            int depth = 0;
            for (int i = at; i < tokens.size(); i++) {
                SqlToken t = tokens.get(i);
                if (t.isSymbol("(")) {
                    depth++;
                } else if (t.isSymbol(")")) {
                    depth--;
                } else if (depth == 0 && t.type() == SqlToken.Type.WORD) {
                    String w = t.upper();
                    if (REFUSED.contains(w)) {
                        throw refused("it has " + w + " of its own (outside parentheses): key ranges bound a"
                                + " statement of one table without a bound of its own");
                    }
                    if (w.equals("WHERE") && where < 0) {
                        where = i;
                    }
                }
            }
            String sql = statement.sql();
            String table = sql.substring(tokens.get(tableStart).offset(), tokens.get(tableEnd - 1).offset()
                    + tokens.get(tableEnd - 1).text().length());
            String key = directive.key();
            String range = key + " > ? AND " + key + " <= ?";
            String firstRange = key + " <= ?";
            String ranged;
            String first;
            if (where < 0) {
                ranged = sql + " WHERE " + range;
                first = sql + " WHERE " + firstRange;
            } else {
                String head = sql.substring(0, tokens.get(where).offset());
                String condition = where + 1 < tokens.size() ? sql.substring(tokens.get(where + 1).offset()) : "";
                if (condition.isBlank()) {
                    throw refused("its WHERE has no condition");
                }
                ranged = head + "WHERE (" + condition + ") AND " + range;
                first = head + "WHERE (" + condition + ") AND " + firstRange;
            }
            return new KeyRange(table, parts.size() > 1 ? parts.get(parts.size() - 2) : null, parts.get(parts.size() - 1),
                    key, directive.size(), ranged, first);
        }

        private void skipModifiers() {
            while (MODIFIERS.contains(word(at))) {
                at++;
            }
        }

        /** A possibly qualified name at the cursor, its parts unquoted; null if there is none. */
        private List<String> name() {
            List<String> parts = new ArrayList<>();
            while (true) {
                if (at >= tokens.size() || !isIdentifier(tokens.get(at))) {
                    return null;
                }
                parts.add(identifier(tokens.get(at)));
                at++;
                if (at >= tokens.size() || !tokens.get(at).isSymbol(".")) {
                    return parts;
                }
                at++;
            }
        }

        private static boolean isIdentifier(SqlToken token) {
            return token.type() == SqlToken.Type.WORD
                    || token.type() == SqlToken.Type.QUOTED && "\"`[".indexOf(token.text().charAt(0)) >= 0;
        }

        private String identifier(SqlToken token) {
            String text = token.text();
            if (token.type() == SqlToken.Type.QUOTED) {
                return text.substring(1, text.length() - 1);
            }
            return dialect == SqlDialect.POSTGRESQL ? text.toLowerCase(Locale.ROOT) : text;
        }

        private String word(int i) {
            return i < tokens.size() && tokens.get(i).type() == SqlToken.Type.WORD ? tokens.get(i).upper() : "";
        }

        private SqlSyntaxException refused(String why) {
            return new SqlSyntaxException(statement.line(), BatchDirective.PREFIX + " key=" + directive.key()
                    + " lets lockstep bound the statement by key ranges, but " + why + ". Write a single-table UPDATE"
                    + " or DELETE without LIMIT (lockstep adds the range to its WHERE), or drop key= and make the"
                    + " statement bound itself (WHERE id IN (SELECT id ... LIMIT 5000))");
        }
    }
}
