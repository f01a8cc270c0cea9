package dev.lockstep.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An {@code ALTER TABLE} cut into its comma-separated actions:
 * {@code ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] [ONLY] name [*] action [, action ...]}. On MySQL
 * {@code ALGORITHM=...} and {@code LOCK=...} are actions too, as the server's grammar has them.
 *
 * @param table   the table altered
 * @param actions token ranges of the actions, in order
 */
record AlterTable(ObjectName table, List<Action> actions) {

    /** Words after {@code ADD} that add something other than a column. */
    private static final Set<String> NOT_A_COLUMN = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "INDEX",
            "KEY", "FULLTEXT", "SPATIAL", "PARTITION", "EXCLUDE", "PERIOD", "SYSTEM", "(");
    /** Words after {@code DROP} that drop something other than a column. */
    private static final Set<String> NOT_A_DROPPED_COLUMN = Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN",
            "INDEX", "KEY", "PARTITION", "DEFAULT", "EXPRESSION", "IDENTITY", "NOT", "SYSTEM", "PERIOD");

    /** One action: tokens [start, end) of its statement. */
    record Action(int start, int end) {
    }

    /** The ALTER TABLE in {@code statement}, or null when it is none. */
    static AlterTable of(ParsedStatement statement) {
        if (!statement.is(0, "ALTER")) {
            return null;
        }
        int i = 1;
        while (statement.is(i, "ONLINE") || statement.is(i, "IGNORE")) {
            i++;
        }
        if (!statement.is(i, "TABLE")) {
            return null;
        }
        i++;
        if (statement.isSequence(i, "IF", "EXISTS")) {
            i += 2;
        }
        if (statement.is(i, "ONLY")) {
            i++;
        }
        ObjectName table = ObjectName.at(statement, i);
        if (table == null) {
            return null;
        }
        i = table.next();
        if (statement.isSymbol(i, "*")) {
            i++;
        }
        List<Action> actions = new ArrayList<>();
        int depth = 0;
        int start = i;
        for (int t = i; t < statement.size(); t++) {
            if (statement.isSymbol(t, "(")) {
                depth++;
            } else if (statement.isSymbol(t, ")")) {
                depth--;
            } else if (depth == 0 && statement.isSymbol(t, ",")) {
                actions.add(new Action(start, t));
                start = t + 1;
            }
        }
        if (start < statement.size()) {
            actions.add(new Action(start, statement.size()));
        }
        return new AlterTable(table, List.copyOf(actions));
    }

    /** The token index of the column's name when {@code action} adds a column, else -1. */
    static int addedColumn(ParsedStatement s, Action action) {
        int i = action.start();
        if (!s.is(i, "ADD")) {
            return -1;
        }
        i++;
        if (s.is(i, "COLUMN")) {
            i++;
        } else if (NOT_A_COLUMN.contains(s.word(i))) {
            return -1;
        }
        if (s.isSequence(i, "IF", "NOT", "EXISTS")) {
            i += 3;
        }
        return i < action.end() ? i : -1;
    }

    /** Whether an ADD COLUMN action says IF NOT EXISTS. */
    static boolean addsIfNotExists(ParsedStatement s, Action action) {
        return s.find(action.start(), action.end(), "IF", "NOT", "EXISTS") >= 0;
    }

    /** The token index of the column's name when {@code action} drops a column, else -1. */
    static int droppedColumn(ParsedStatement s, Action action) {
        int i = action.start();
        if (!s.is(i, "DROP")) {
            return -1;
        }
        i++;
        if (s.is(i, "COLUMN")) {
            i++;
        } else if (NOT_A_DROPPED_COLUMN.contains(s.word(i))) {
            return -1;
        }
        if (s.isSequence(i, "IF", "EXISTS")) {
            i += 2;
        }
        return i < action.end() ? i : -1;
    }

    /**
     * The token index just past {@code ALTER [COLUMN] name} (PostgreSQL, MySQL {@code ALTER COLUMN}),
     * where {@code TYPE}, {@code SET NOT NULL} or {@code SET DEFAULT} follows; -1 for other actions.
     */
    static int alteredColumnVerb(ParsedStatement s, Action action) {
        int i = action.start();
        if (!s.is(i, "ALTER")) {
            return -1;
        }
        i++;
        if (s.is(i, "COLUMN")) {
            i++;
        }
        ObjectName column = ObjectName.at(s, i);
        return column == null ? -1 : column.next();
    }
}
