package dev.lockstep.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a {@code CREATE} or {@code DROP} statement makes or removes, read from its leading words:
 * {@code CREATE [OR REPLACE] [modifiers] <object> [CONCURRENTLY] [IF NOT EXISTS] name [ON table]},
 * {@code DROP <object> [CONCURRENTLY] [IF EXISTS] name[, name...] [ON table]}.
 *
 * @param create       CREATE (true) or DROP (false)
 * @param object       TABLE, INDEX, VIEW, SEQUENCE, SCHEMA, DATABASE, FUNCTION, PROCEDURE, TRIGGER, TYPE ...
 * @param objectIndex  the token index of the object word
 * @param materialized {@code MATERIALIZED VIEW}
 * @param orReplace    {@code CREATE OR REPLACE}
 * @param guarded      {@code IF NOT EXISTS} (create) or {@code IF EXISTS} (drop)
 * @param concurrently {@code CONCURRENTLY} (PostgreSQL indexes)
 * @param names        the objects named, possibly none (PostgreSQL allows an unnamed index)
 * @param onTable      the table of {@code CREATE INDEX ... ON t} or MySQL's {@code DROP INDEX i ON t}; null otherwise
 * @param onIndex      the token index of that {@code ON}, or -1
 */
record Definition(boolean create, String object, int objectIndex, boolean materialized, boolean orReplace, boolean guarded,
                  boolean concurrently, List<ObjectName> names, ObjectName onTable, int onIndex) {

    private static final Set<String> OBJECTS = Set.of("TABLE", "INDEX", "VIEW", "SEQUENCE", "SCHEMA", "DATABASE",
            "FUNCTION", "PROCEDURE", "TRIGGER", "TYPE", "EXTENSION", "EVENT");
    private static final int MODIFIERS = 12;

    /** The definition in {@code statement}, or null when it is not a CREATE or DROP of a known object. */
    static Definition of(ParsedStatement statement) {
        boolean create = statement.is(0, "CREATE");
        if (!create && !statement.is(0, "DROP")) {
            return null;
        }
        int i = 1;
        while (i < MODIFIERS && i < statement.size() && !OBJECTS.contains(statement.word(i)) && !statement.isSymbol(i, "(")) {
            i++;
        }
        if (!OBJECTS.contains(statement.word(i))) {
            return null;
        }
        int objectIndex = i;
        boolean orReplace = create && statement.find(1, objectIndex, "OR", "REPLACE") >= 0;
        boolean materialized = statement.is(objectIndex - 1, "MATERIALIZED");
        i++;
        boolean concurrently = statement.is(i, "CONCURRENTLY");
        if (concurrently) {
            i++;
        }
        String[] guard = create ? new String[] {"IF", "NOT", "EXISTS"} : new String[] {"IF", "EXISTS"};
        boolean guarded = statement.isSequence(i, guard);
        if (guarded) {
            i += guard.length;
        }
        List<ObjectName> names = new ArrayList<>();
        ObjectName name = statement.is(i, "ON") ? null : ObjectName.at(statement, i);
        while (name != null) {
            names.add(name);
            i = name.next();
            name = !create && statement.isSymbol(i, ",") ? ObjectName.at(statement, i + 1) : null;
        }
        int onIndex = statement.word(objectIndex).equals("INDEX") && statement.is(i, "ON") ? i : -1;
        ObjectName onTable = onIndex < 0 ? null
                : ObjectName.at(statement, statement.is(onIndex + 1, "ONLY") ? onIndex + 2 : onIndex + 1);
        return new Definition(create, statement.word(objectIndex), objectIndex, materialized, orReplace, guarded,
                concurrently, List.copyOf(names), onTable, onIndex);
    }

    boolean isTable() {
        return object.equals("TABLE");
    }

    boolean isIndex() {
        return object.equals("INDEX");
    }
}
