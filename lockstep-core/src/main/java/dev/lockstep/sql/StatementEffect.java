package dev.lockstep.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a DDL statement that was cut off by a crash may have left behind, read from the statement
 * alone, so that the replica taking over can tell whether it took effect:
 * <ul>
 *   <li>{@link Repeatable}: running it again is harmless whether or not it took effect
 *       ({@code IF NOT EXISTS}, {@code OR REPLACE}, {@code MODIFY COLUMN}, {@code TRUNCATE}, grants);</li>
 *   <li>{@link Observable}: the statement is atomic and, once it took effect, every one of these
 *       catalog facts holds; before, none of them does;</li>
 *   <li>{@link Undecidable}: nothing in the catalog tells (an unnamed constraint, a partition
 *       change, a statement lockstep does not read).</li>
 * </ul>
 * This is a reader of the few forms that matter for recovery, not a SQL parser: anything it does
 * not recognise is undecidable, never guessed.
 */
public sealed interface StatementEffect {

    /** Running it again is harmless. */
    record Repeatable(String why) implements StatementEffect {
    }

    /** It took effect exactly when all {@code facts} hold; none holds before it ran. */
    record Observable(List<CatalogFact> facts) implements StatementEffect {
        public Observable {
            facts = List.copyOf(facts);
        }
    }

    /** The catalog cannot tell whether it took effect. */
    record Undecidable(String why) implements StatementEffect {
    }

    /** Reads {@code sql}, one statement, as {@code dialect} would run it. */
    static StatementEffect of(String sql, SqlDialect dialect) {
        List<SqlToken> tokens;
        try {
            tokens = SqlTokenizer.tokenize(sql, dialect);
        } catch (SqlSyntaxException e) {
            return new Undecidable("it could not be read: " + e.problem());
        }
        return new Reader(tokens, dialect).read();
    }

    /** A cursor over one statement's tokens. */
    final class Reader {
        private static final Set<String> REPEATABLE_ALTER_ACTIONS = Set.of("MODIFY", "ALTER", "ALGORITHM", "LOCK",
                "ENGINE", "COMMENT", "DEFAULT", "CHARACTER", "CHARSET", "COLLATE", "CONVERT", "FORCE", "AUTO_INCREMENT",
                "ROW_FORMAT", "KEY_BLOCK_SIZE", "STATS_PERSISTENT", "STATS_AUTO_RECALC", "PACK_KEYS", "CHECKSUM");

        private final List<SqlToken> tokens;
        private final SqlDialect dialect;
        private int at;

        private Reader(List<SqlToken> tokens, SqlDialect dialect) {
            this.tokens = tokens;
            this.dialect = dialect;
        }

        StatementEffect read() {
            String verb = word();
            at++;
            return switch (verb) {
                case "CREATE" -> create();
                case "DROP" -> drop();
                case "ALTER" -> alter();
                case "RENAME" -> renameTables();
                case "TRUNCATE", "GRANT", "REVOKE", "COMMENT", "ANALYZE", "OPTIMIZE", "REPAIR", "FLUSH" ->
                        new Repeatable(verb + " gives the same result when run again");
                default -> new Undecidable("lockstep does not read " + (verb.isEmpty() ? "this statement" : verb + " statements"));
            };
        }

        // ---- CREATE --------------------------------------------------------------------------

        private StatementEffect create() {
            boolean orReplace = accept("OR", "REPLACE");
            skipViewOptions();
            if (accept("DEFINER") && skipped("=")) {
                skipDefiner();
            }
            while (acceptAny("TEMPORARY", "TEMP", "UNLOGGED", "GLOBAL", "LOCAL", "UNIQUE", "FULLTEXT", "SPATIAL",
                    "MATERIALIZED", "RECURSIVE", "AGGREGATE")) {
                // modifiers that do not change what the statement leaves behind
            }
            String object = word();
            at++;
            boolean concurrently = accept("CONCURRENTLY");
            boolean ifNotExists = accept("IF", "NOT", "EXISTS");
            if (orReplace || ifNotExists) {
                return new Repeatable((orReplace ? "OR REPLACE" : "IF NOT EXISTS") + " makes it safe to run again");
            }
            return switch (object) {
                case "TABLE" -> present(CatalogFact.ObjectType.TABLE);
                case "VIEW" -> present(CatalogFact.ObjectType.VIEW);
                case "DATABASE" -> present(CatalogFact.ObjectType.DATABASE);
                case "SCHEMA" -> present(CatalogFact.ObjectType.SCHEMA);
                case "PROCEDURE", "FUNCTION" -> present(CatalogFact.ObjectType.ROUTINE);
                case "TRIGGER" -> createTrigger();
                case "INDEX" -> createIndex(concurrently);
                default -> new Undecidable("lockstep does not read CREATE " + object);
            };
        }

        private StatementEffect present(CatalogFact.ObjectType type) {
            Name name = name();
            return name == null ? undecidableName() : observable(new CatalogFact(type, name.schema, null, name.name, true));
        }

        private StatementEffect createIndex(boolean concurrently) {
            Name index = word().equals("ON") ? null : name();
            if (index == null) {
                return new Undecidable("the index has no name to look for");
            }
            int on = find("ON");
            if (on < 0) {
                return undecidableName();
            }
            at = on + 1;
            accept("ONLY");
            Name table = name();
            return table == null ? undecidableName()
                    : observable(new CatalogFact(CatalogFact.ObjectType.INDEX, table.schema, table.name, index.name, true));
        }

        private StatementEffect createTrigger() {
            Name trigger = name();
            int on = find("ON");
            if (trigger == null || on < 0) {
                return undecidableName();
            }
            at = on + 1;
            Name table = name();
            return table == null ? undecidableName()
                    : observable(new CatalogFact(CatalogFact.ObjectType.TRIGGER, table.schema, table.name, trigger.name, true));
        }

        // ---- DROP ----------------------------------------------------------------------------

        private StatementEffect drop() {
            accept("TEMPORARY");
            accept("MATERIALIZED");
            String object = word();
            at++;
            accept("CONCURRENTLY");
            if (accept("IF", "EXISTS")) {
                return new Repeatable("IF EXISTS makes it safe to run again");
            }
            CatalogFact.ObjectType type = switch (object) {
                case "TABLE" -> CatalogFact.ObjectType.TABLE;
                case "VIEW" -> CatalogFact.ObjectType.VIEW;
                case "DATABASE" -> CatalogFact.ObjectType.DATABASE;
                case "SCHEMA" -> CatalogFact.ObjectType.SCHEMA;
                case "PROCEDURE", "FUNCTION" -> CatalogFact.ObjectType.ROUTINE;
                case "TRIGGER" -> CatalogFact.ObjectType.TRIGGER;
                case "INDEX" -> CatalogFact.ObjectType.INDEX;
                default -> null;
            };
            if (type == null) {
                return new Undecidable("lockstep does not read DROP " + object);
            }
            List<CatalogFact> facts = new ArrayList<>();
            do {
                Name name = name();
                if (name == null) {
                    return undecidableName();
                }
                facts.add(new CatalogFact(type, name.schema, null, name.name, false));
            } while (skipped(","));
            if (type == CatalogFact.ObjectType.INDEX && accept("ON")) {
                Name table = name();
                if (table == null) {
                    return undecidableName();
                }
                CatalogFact index = facts.get(0);
                return observable(new CatalogFact(type, table.schema, table.name, index.name(), false));
            }
            return new Observable(facts);
        }

        // ---- RENAME TABLE a TO b, c TO d ------------------------------------------------------

        private StatementEffect renameTables() {
            if (!accept("TABLE") && !accept("TABLES")) {
                return new Undecidable("lockstep does not read RENAME " + word());
            }
            List<CatalogFact> facts = new ArrayList<>();
            do {
                Name from = name();
                if (from == null || !accept("TO")) {
                    return undecidableName();
                }
                Name to = name();
                if (to == null) {
                    return undecidableName();
                }
                facts.add(new CatalogFact(CatalogFact.ObjectType.TABLE, from.schema, null, from.name, false));
                facts.add(new CatalogFact(CatalogFact.ObjectType.TABLE, to.schema, null, to.name, true));
            } while (skipped(","));
            return new Observable(facts);
        }

        // ---- ALTER TABLE ----------------------------------------------------------------------

        private StatementEffect alter() {
            while (acceptAny("ONLINE", "IGNORE")) {
                // MySQL modifiers
            }
            if (word().equals("VIEW")) {
                return new Repeatable("ALTER VIEW replaces the view's definition");
            }
            if (!accept("TABLE")) {
                return new Undecidable("lockstep does not read ALTER " + word());
            }
            if (accept("IF", "EXISTS")) {
                return new Repeatable("IF EXISTS makes it safe to run again");
            }
            accept("ONLY");
            Name table = name();
            if (table == null) {
                return undecidableName();
            }
            List<CatalogFact> facts = new ArrayList<>();
            String undecidable = null;
            do {
                int end = actionEnd();
                String problem = alterAction(table, facts);
                if (problem != null && undecidable == null) {
                    undecidable = problem;
                }
                at = end;
            } while (skipped(","));
            if (!facts.isEmpty()) {
                // ALTER TABLE is atomic: the actions lockstep can see decide for the whole statement.
                return new Observable(facts);
            }
            return undecidable == null ? new Repeatable("each of its actions gives the same result when run again")
                    : new Undecidable(undecidable);
        }

        /** Adds what one action leaves behind to {@code facts}; returns why it cannot be seen, or null. */
        private String alterAction(Name table, List<CatalogFact> facts) {
            String verb = word();
            at++;
            switch (verb) {
                case "ADD" -> {
                    return add(table, facts);
                }
                case "DROP" -> {
                    return dropFromTable(table, facts);
                }
                case "RENAME" -> {
                    return rename(table, facts);
                }
                case "CHANGE" -> {
                    accept("COLUMN");
                    accept("IF", "EXISTS");
                    Name from = name();
                    Name to = name();
                    if (from == null || to == null) {
                        return "a column it changes has no name lockstep can read";
                    }
                    if (!from.name.equalsIgnoreCase(to.name)) {
                        facts.add(column(table, from.name, false));
                        facts.add(column(table, to.name, true));
                    }
                    return null;
                }
                default -> {
                    return REPEATABLE_ALTER_ACTIONS.contains(verb) ? null
                            : "lockstep does not read the ALTER TABLE action " + verb;
                }
            }
        }

        private String add(Name table, List<CatalogFact> facts) {
            if (accept("CONSTRAINT")) {
                boolean ifNotExists = accept("IF", "NOT", "EXISTS");
                Name constraint = word().equals("PRIMARY") || word().equals("UNIQUE") || word().equals("FOREIGN")
                        || word().equals("CHECK") ? null : name();
                if (constraint == null) {
                    return "the constraint it adds has no name to look for";
                }
                if (!ifNotExists) {
                    facts.add(new CatalogFact(CatalogFact.ObjectType.CONSTRAINT, table.schema, table.name, constraint.name, true));
                }
                return null;
            }
            if (accept("PRIMARY", "KEY")) {
                if (dialect != SqlDialect.MYSQL) {
                    return "lockstep cannot see whether an unnamed ADD PRIMARY KEY took effect";
                }
                facts.add(new CatalogFact(CatalogFact.ObjectType.CONSTRAINT, table.schema, table.name, "PRIMARY", true));
                return null;
            }
            acceptAny("UNIQUE", "FULLTEXT", "SPATIAL");
            if (acceptAny("INDEX", "KEY")) {
                boolean ifNotExists = accept("IF", "NOT", "EXISTS");
                Name index = word().equals("USING") || isSymbol("(") ? null : name();
                if (index == null) {
                    return "the index it adds has no name to look for";
                }
                if (!ifNotExists) {
                    facts.add(new CatalogFact(CatalogFact.ObjectType.INDEX, table.schema, table.name, index.name, true));
                }
                return null;
            }
            if (Set.of("PRIMARY", "FOREIGN", "CHECK", "PARTITION", "PERIOD", "SYSTEM", "EXCLUDE").contains(word())
                    || isSymbol("(")) {
                return "lockstep cannot see whether ADD " + word() + " took effect";
            }
            accept("COLUMN");
            if (accept("IF", "NOT", "EXISTS")) {
                return null;
            }
            Name column = name();
            if (column == null) {
                return "the column it adds has no name lockstep can read";
            }
            facts.add(column(table, column.name, true));
            return null;
        }

        private String dropFromTable(Name table, List<CatalogFact> facts) {
            CatalogFact.ObjectType type = CatalogFact.ObjectType.COLUMN;
            if (acceptAny("INDEX", "KEY")) {
                type = CatalogFact.ObjectType.INDEX;
            } else if (accept("FOREIGN", "KEY") || accept("CONSTRAINT") || accept("CHECK")) {
                type = CatalogFact.ObjectType.CONSTRAINT;
            } else if (accept("PRIMARY", "KEY")) {
                if (dialect != SqlDialect.MYSQL) {
                    return "lockstep cannot see whether DROP PRIMARY KEY took effect";
                }
                facts.add(new CatalogFact(CatalogFact.ObjectType.CONSTRAINT, table.schema, table.name, "PRIMARY", false));
                return null;
            } else if (Set.of("PARTITION", "DEFAULT", "EXPRESSION", "IDENTITY", "NOT", "SYSTEM", "PERIOD").contains(word())) {
                return "lockstep cannot see whether DROP " + word() + " took effect";
            } else {
                accept("COLUMN");
            }
            if (accept("IF", "EXISTS")) {
                return null;
            }
            Name name = name();
            if (name == null) {
                return "what it drops has no name lockstep can read";
            }
            facts.add(new CatalogFact(type, table.schema, table.name, name.name, false));
            return null;
        }

        private String rename(Name table, List<CatalogFact> facts) {
            if (acceptAny("INDEX", "KEY")) {
                return rename(table, facts, CatalogFact.ObjectType.INDEX);
            }
            if (accept("CONSTRAINT")) {
                return rename(table, facts, CatalogFact.ObjectType.CONSTRAINT);
            }
            if (accept("COLUMN")) {
                return rename(table, facts, CatalogFact.ObjectType.COLUMN);
            }
            boolean tableKeyword = acceptAny("TO", "AS");
            int mark = at;
            Name to = name();
            if (to == null) {
                return "the new name is not one lockstep can read";
            }
            if (!tableKeyword && word().equals("TO")) {
                // PostgreSQL's RENAME old_column TO new_column, without the COLUMN keyword.
                at = mark;
                return rename(table, facts, CatalogFact.ObjectType.COLUMN);
            }
            facts.add(new CatalogFact(CatalogFact.ObjectType.TABLE, table.schema, null, table.name, false));
            facts.add(new CatalogFact(CatalogFact.ObjectType.TABLE, to.schema, null, to.name, true));
            return null;
        }

        private String rename(Name table, List<CatalogFact> facts, CatalogFact.ObjectType type) {
            Name from = name();
            if (from == null || !accept("TO")) {
                return "what it renames has no name lockstep can read";
            }
            Name to = name();
            if (to == null) {
                return "what it renames has no name lockstep can read";
            }
            facts.add(new CatalogFact(type, table.schema, table.name, from.name, false));
            facts.add(new CatalogFact(type, table.schema, table.name, to.name, true));
            return null;
        }

        private static CatalogFact column(Name table, String column, boolean present) {
            return new CatalogFact(CatalogFact.ObjectType.COLUMN, table.schema, table.name, column, present);
        }

        // ---- tokens ---------------------------------------------------------------------------

        private record Name(String schema, String name) {
        }

        /** A possibly qualified name at the cursor ({@code orders}, {@code app.orders}, {@code `Orders`}); null if none. */
        private Name name() {
            List<String> parts = new ArrayList<>();
            while (true) {
                if (at >= tokens.size() || !isIdentifier(tokens.get(at))) {
                    return null;
                }
                parts.add(identifier(tokens.get(at)));
                at++;
                if (!isSymbol(".")) {
                    break;
                }
                at++;
            }
            return new Name(parts.size() > 1 ? parts.get(parts.size() - 2) : null, parts.get(parts.size() - 1));
        }

        private boolean isIdentifier(SqlToken token) {
            return token.type() == SqlToken.Type.WORD
                    || token.type() == SqlToken.Type.QUOTED && "\"`[".indexOf(token.text().charAt(0)) >= 0;
        }

        /** Unquoted as the database stores it: PostgreSQL folds unquoted names to lower case. */
        private String identifier(SqlToken token) {
            String text = token.text();
            if (token.type() == SqlToken.Type.QUOTED) {
                return text.substring(1, text.length() - 1);
            }
            return dialect == SqlDialect.POSTGRESQL ? text.toLowerCase(Locale.ROOT) : text;
        }

        /** The end (exclusive) of the ALTER TABLE action at the cursor: the next comma outside parentheses. */
        private int actionEnd() {
            int depth = 0;
            for (int i = at; i < tokens.size(); i++) {
                if (tokens.get(i).isSymbol("(")) {
                    depth++;
                } else if (tokens.get(i).isSymbol(")")) {
                    depth--;
                } else if (depth == 0 && tokens.get(i).isSymbol(",")) {
                    return i;
                }
            }
            return tokens.size();
        }

        /** The index of the word {@code keyword} at or after the cursor, outside parentheses; -1 if none. */
        private int find(String keyword) {
            int depth = 0;
            for (int i = at; i < tokens.size(); i++) {
                if (tokens.get(i).isSymbol("(")) {
                    depth++;
                } else if (tokens.get(i).isSymbol(")")) {
                    depth--;
                } else if (depth == 0 && tokens.get(i).is(keyword)) {
                    return i;
                }
            }
            return -1;
        }

        /** MySQL's {@code ALGORITHM = x}, {@code SQL SECURITY x} before {@code VIEW}. */
        private void skipViewOptions() {
            while (true) {
                if (word().equals("ALGORITHM") && at + 1 < tokens.size() && tokens.get(at + 1).isSymbol("=")) {
                    at += 3;
                } else if (accept("SQL", "SECURITY")) {
                    at++;
                } else {
                    return;
                }
            }
        }

        /** {@code DEFINER = user@host} or {@code CURRENT_USER[()]}. */
        private void skipDefiner() {
            at++;
            while (at < tokens.size() && (tokens.get(at).isSymbol("@") || tokens.get(at).isSymbol("(")
                    || tokens.get(at).isSymbol(")") || tokens.get(at - 1).isSymbol("@"))) {
                at++;
            }
            skipViewOptions();
        }

        private String word() {
            return at < tokens.size() && tokens.get(at).type() == SqlToken.Type.WORD ? tokens.get(at).upper() : "";
        }

        private boolean isSymbol(String symbol) {
            return at < tokens.size() && tokens.get(at).isSymbol(symbol);
        }

        private boolean skipped(String symbol) {
            if (isSymbol(symbol)) {
                at++;
                return true;
            }
            return false;
        }

        /** Moves past {@code keywords} when they stand at the cursor, in order. */
        private boolean accept(String... keywords) {
            for (int k = 0; k < keywords.length; k++) {
                if (at + k >= tokens.size() || !tokens.get(at + k).is(keywords[k])) {
                    return false;
                }
            }
            at += keywords.length;
            return true;
        }

        private boolean acceptAny(String... keywords) {
            for (String keyword : keywords) {
                if (accept(keyword)) {
                    return true;
                }
            }
            return false;
        }

        private static StatementEffect observable(CatalogFact fact) {
            return new Observable(List.of(fact));
        }

        private static StatementEffect undecidableName() {
            return new Undecidable("it names its object in a form lockstep does not read");
        }
    }
}
