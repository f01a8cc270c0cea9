package dev.lockstep.sql;

import dev.lockstep.sql.Change.AlterTable;
import dev.lockstep.sql.Change.ObjectKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads one statement's tokens into its {@link Change}: a cursor that never throws and never guesses. */
final class ChangeReader {
    /** Words between {@code CREATE} and the object that do not change what the statement leaves behind. */
    private static final Set<String> MODIFIERS = Set.of("TEMPORARY", "TEMP", "UNLOGGED", "GLOBAL", "LOCAL", "UNIQUE",
            "FULLTEXT", "SPATIAL", "MATERIALIZED", "RECURSIVE", "AGGREGATE");
    /** How far past {@code CREATE}/{@code DROP} an object word is looked for behind words lockstep does not know. */
    private static final int HEADER = 12;
    private static final Map<String, ObjectKind> KINDS = Arrays.stream(ObjectKind.values())
            .collect(Collectors.toUnmodifiableMap(ObjectKind::name, kind -> kind));
    private static final Set<String> UNREAD_ADDS = Set.of("PRIMARY", "PARTITION", "PERIOD", "SYSTEM");
    private static final Set<String> UNREAD_DROPS = Set.of("PARTITION", "DEFAULT", "EXPRESSION", "IDENTITY", "NOT",
            "SYSTEM", "PERIOD", "UNIQUE", "PRIMARY", "FOREIGN");
    /** Words after {@code ADD CONSTRAINT} that start the constraint itself: it has no name. */
    private static final Set<String> CONSTRAINT_KINDS = Set.of("PRIMARY", "UNIQUE", "FOREIGN", "CHECK");

    private final Tokens tokens;
    private final SqlDialect dialect;
    private int at;

    ChangeReader(List<SqlToken> tokens, SqlDialect dialect) {
        this.tokens = new Tokens(tokens);
        this.dialect = dialect;
    }

    Change read() {
        String verb = word(0);
        at = 1;
        return switch (verb) {
            case "CREATE" -> create();
            case "DROP" -> drop();
            case "ALTER" -> alter();
            case "RENAME" -> accept("TABLE") || accept("TABLES") ? renameTables() : new Change.Other(verb, word(1));
            default -> new Change.Other(verb, word(1));
        };
    }

    // ---- CREATE and DROP ---------------------------------------------------------------------

    private Change create() {
        boolean orReplace = accept("OR", "REPLACE");
        while (skipViewOption() || skipDefiner() || skipModifier()) {
            // none of them changes what the statement leaves behind
        }
        Header header = header();
        boolean concurrently = accept("CONCURRENTLY");
        boolean ifNotExists = accept("IF", "NOT", "EXISTS");
        SqlName name = word(at).equals("ON") ? null : name();
        SqlName on = null;
        if (header.object == ObjectKind.INDEX || header.object == ObjectKind.TRIGGER) {
            int onAt = find("ON");
            if (onAt >= 0) {
                at = onAt + 1;
                accept("ONLY");
                on = name();
            }
        }
        boolean unique = false;
        for (int i = 1; i < header.at; i++) {
            unique |= tokens.is(i, "UNIQUE");
        }
        return new Change.Create(header.object, header.word, header.at, header.unread, orReplace, ifNotExists, concurrently,
                unique, header.materialized(), name, on);
    }

    private Change drop() {
        accept("TEMPORARY");
        accept("MATERIALIZED");
        Header header = header();
        boolean concurrently = accept("CONCURRENTLY");
        boolean ifExists = accept("IF", "EXISTS");
        List<SqlName> names = new ArrayList<>();
        for (SqlName name = word(at).equals("ON") ? null : name(); name != null; name = skipped(",") ? name() : null) {
            names.add(name);
        }
        if (isSymbol(at - 1, ",") && !names.isEmpty()) {
            return new Change.Other("DROP", header.word); // a list it cannot read to the end
        }
        SqlName on = null;
        if (header.object == ObjectKind.INDEX && accept("ON")) {
            accept("ONLY");
            on = name();
            if (on == null) {
                return new Change.Other("DROP", header.word);
            }
        }
        return new Change.Drop(header.object, header.word, header.at, header.unread, ifExists, concurrently,
                header.materialized(), names, on);
    }

    /** The object word of a CREATE or DROP: its kind, the word, where it stands, and the unknown word before it. */
    private record Header(ObjectKind object, String word, int at, String unread, boolean materialized) {
    }

    /**
     * Reads the object word and moves past it: the word at the cursor, or else the first object word within the
     * header behind words lockstep does not know (the first of which is then {@code unread}). With no object word
     * there, the word at the cursor is the object, of no kind lockstep reads.
     */
    private Header header() {
        int first = at;
        int i = at;
        while (i < HEADER && i < tokens.size() && kind(word(i)) == null && !isSymbol(i, "(")) {
            i++;
        }
        ObjectKind kind = kind(word(i));
        int objectAt = kind == null ? first : i;
        at = objectAt + 1;
        return new Header(kind, word(objectAt), objectAt, kind != null && objectAt != first ? word(first) : null,
                is(objectAt - 1, "MATERIALIZED"));
    }

    private static ObjectKind kind(String word) {
        return KINDS.get(word);
    }

    private boolean skipModifier() {
        if (MODIFIERS.contains(word(at))) {
            at++;
            return true;
        }
        return false;
    }

    /** MySQL's {@code ALGORITHM = x} and {@code SQL SECURITY x} before {@code VIEW}. */
    private boolean skipViewOption() {
        if (word(at).equals("ALGORITHM") && isSymbol(at + 1, "=")) {
            at += 3;
            return true;
        }
        if (accept("SQL", "SECURITY")) {
            at++;
            return true;
        }
        return false;
    }

    /** {@code DEFINER = user@host} or {@code DEFINER = CURRENT_USER[()]}. */
    private boolean skipDefiner() {
        if (!word(at).equals("DEFINER") || !isSymbol(at + 1, "=")) {
            return false;
        }
        at += 3;
        while (at < tokens.size() && (isSymbol(at, "@") || isSymbol(at, "(") || isSymbol(at, ")") || isSymbol(at - 1, "@"))) {
            at++;
        }
        return true;
    }

    // ---- RENAME TABLE a TO b, c TO d ----------------------------------------------------------

    private Change renameTables() {
        List<Change.TableRename> renames = new ArrayList<>();
        for (SqlName from = name(); from != null; from = skipped(",") ? name() : null) {
            SqlName to = accept("TO") ? name() : null;
            renames.add(new Change.TableRename(from, to));
            if (to == null) {
                break;
            }
        }
        return new Change.RenameTables(renames);
    }

    // ---- ALTER TABLE ---------------------------------------------------------------------------

    private Change alter() {
        while (accept("ONLINE") || accept("IGNORE")) {
            // MySQL modifiers
        }
        if (!word(at).equals("TABLE")) {
            return new Change.Other("ALTER", word(at));
        }
        at++;
        boolean ifExists = accept("IF", "EXISTS");
        accept("ONLY");
        SqlName table = name();
        if (table == null) {
            return new Change.Other("ALTER", "TABLE");
        }
        skipped("*");
        List<AlterTable.Action> actions = new ArrayList<>();
        int start = at;
        int depth = 0;
        for (int t = at; t < tokens.size(); t++) {
            if (isSymbol(t, "(")) {
                depth++;
            } else if (isSymbol(t, ")")) {
                depth--;
            } else if (depth == 0 && isSymbol(t, ",")) {
                actions.add(action(start, t));
                start = t + 1;
            }
        }
        if (start < tokens.size()) {
            actions.add(action(start, tokens.size()));
        }
        return new AlterTable(table, ifExists, actions);
    }

    private AlterTable.Action action(int start, int end) {
        at = start;
        String verb = word(at);
        at++;
        return switch (verb) {
            case "ADD" -> add(start, end);
            case "DROP" -> dropFromTable(start, end);
            case "RENAME" -> rename(start, end);
            case "CHANGE" -> {
                accept("COLUMN");
                accept("IF", "EXISTS");
                SqlName from = name();
                yield new AlterTable.ChangeColumn(from, from == null ? null : name(), start, end);
            }
            case "ALTER" -> {
                accept("COLUMN");
                SqlName column = name();
                int verbAt = column == null ? -1 : at;
                yield new AlterTable.AlterColumn(column, columnChange(verbAt), verbAt, start, end);
            }
            default -> new AlterTable.OtherAction(tokens.upper(start), start, end);
        };
    }

    private AlterTable.ColumnChange columnChange(int verbAt) {
        if (verbAt < 0) {
            return AlterTable.ColumnChange.OTHER;
        }
        if (is(verbAt, "TYPE") || tokens.isSequence(verbAt, "SET", "DATA", "TYPE")) {
            return AlterTable.ColumnChange.TYPE;
        }
        if (tokens.isSequence(verbAt, "SET", "NOT", "NULL")) {
            return AlterTable.ColumnChange.SET_NOT_NULL;
        }
        if (tokens.isSequence(verbAt, "SET", "DEFAULT") || tokens.isSequence(verbAt, "DROP", "DEFAULT")) {
            return AlterTable.ColumnChange.DEFAULT;
        }
        return AlterTable.ColumnChange.OTHER;
    }

    private AlterTable.Action add(int start, int end) {
        if (accept("CONSTRAINT")) {
            boolean ifNotExists = accept("IF", "NOT", "EXISTS");
            SqlName name = CONSTRAINT_KINDS.contains(word(at)) ? null : name();
            return new AlterTable.AddConstraint(name, word(at), at, ifNotExists, start, end);
        }
        if (is(at, "PRIMARY") && is(at + 1, "KEY") || is(at, "FOREIGN") || is(at, "CHECK") || is(at, "EXCLUDE")
                || is(at, "UNIQUE") && isSymbol(at + 1, "(")) {
            return new AlterTable.AddConstraint(null, word(at), at, false, start, end);
        }
        String modifier = accept("UNIQUE") ? "UNIQUE" : accept("FULLTEXT") ? "FULLTEXT" : accept("SPATIAL") ? "SPATIAL" : null;
        if (accept("INDEX") || accept("KEY") || modifier != null) {
            boolean ifNotExists = accept("IF", "NOT", "EXISTS");
            SqlName name = word(at).equals("USING") || isSymbol(at, "(") ? null : name();
            return new AlterTable.AddIndex(modifier, name, ifNotExists, start, end);
        }
        if (UNREAD_ADDS.contains(word(at)) || isSymbol(at, "(")) {
            return new AlterTable.Unread("ADD " + tokens.upper(at), start, end);
        }
        accept("COLUMN");
        boolean ifNotExists = accept("IF", "NOT", "EXISTS");
        return new AlterTable.AddColumn(name(), ifNotExists, start, end);
    }

    private AlterTable.Action dropFromTable(int start, int end) {
        if (accept("INDEX") || accept("KEY")) {
            boolean ifExists = accept("IF", "EXISTS");
            return new AlterTable.DropIndex(name(), ifExists, start, end);
        }
        if (accept("FOREIGN", "KEY") || accept("CONSTRAINT") || accept("CHECK")) {
            boolean ifExists = accept("IF", "EXISTS");
            return new AlterTable.DropConstraint(name(), ifExists, start, end);
        }
        if (accept("PRIMARY", "KEY")) {
            return new AlterTable.DropPrimaryKey(start, end);
        }
        if (UNREAD_DROPS.contains(word(at))) {
            return new AlterTable.Unread("DROP " + word(at), start, end);
        }
        accept("COLUMN");
        boolean ifExists = accept("IF", "EXISTS");
        return new AlterTable.DropColumn(name(), ifExists, start, end);
    }

    private AlterTable.Action rename(int start, int end) {
        if (accept("INDEX") || accept("KEY")) {
            SqlName from = name();
            return new AlterTable.RenameIndex(from, renamedTo(from), start, end);
        }
        if (accept("CONSTRAINT")) {
            SqlName from = name();
            return new AlterTable.RenameConstraint(from, renamedTo(from), start, end);
        }
        if (accept("COLUMN")) {
            SqlName from = name();
            return new AlterTable.RenameColumn(from, renamedTo(from), start, end);
        }
        if (accept("TO") || accept("AS")) {
            return new AlterTable.RenameTable(name(), start, end);
        }
        SqlName name = name();
        if (name != null && word(at).equals("TO")) {
            // PostgreSQL's RENAME old_column TO new_column, without the COLUMN keyword.
            return new AlterTable.RenameColumn(name, renamedTo(name), start, end);
        }
        return new AlterTable.RenameTable(name, start, end);
    }

    /** The name after {@code TO}, when {@code from} was read and {@code TO} follows; else {@code null}. */
    private SqlName renamedTo(SqlName from) {
        return from != null && accept("TO") ? name() : null;
    }

    // ---- tokens --------------------------------------------------------------------------------

    /** The name at the cursor, moving past it; {@code null} (the cursor stays) when none starts there. */
    private SqlName name() {
        SqlName name = SqlName.at(tokens.list(), at, dialect);
        if (name != null) {
            at = name.next();
        }
        return name;
    }

    /** The index of the word {@code keyword} at or after the cursor, outside parentheses; -1 if none. */
    private int find(String keyword) {
        return tokens.find(at, tokens.size(), keyword);
    }

    /** The i-th token upper-cased if it is a word; "" otherwise or outside the statement. */
    private String word(int i) {
        return i >= 0 && i < tokens.size() && tokens.list().get(i).type() == SqlToken.Type.WORD ? tokens.upper(i) : "";
    }

    private boolean is(int i, String keyword) {
        return tokens.is(i, keyword);
    }

    private boolean isSymbol(int i, String symbol) {
        return tokens.isSymbol(i, symbol);
    }

    private boolean skipped(String symbol) {
        if (isSymbol(at, symbol)) {
            at++;
            return true;
        }
        return false;
    }

    /** Moves past {@code keywords} when they stand at the cursor, in order. */
    private boolean accept(String... keywords) {
        if (!tokens.isSequence(at, keywords)) {
            return false;
        }
        at += keywords.length;
        return true;
    }
}
