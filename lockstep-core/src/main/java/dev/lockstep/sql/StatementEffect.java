package dev.lockstep.sql;

import dev.lockstep.sql.Change.AlterTable;
import dev.lockstep.sql.CatalogFact.ObjectType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What a DDL statement that was cut off by a crash may have left behind, judged from its {@link Change}, so that
 * the replica taking over can tell whether it took effect:
 * <ul>
 *   <li>{@link Repeatable}: running it again is harmless whether or not it took effect
 *       ({@code IF NOT EXISTS}, {@code OR REPLACE}, {@code MODIFY COLUMN}, {@code TRUNCATE}, grants);</li>
 *   <li>{@link Observable}: the statement is atomic and, once it took effect, every one of these
 *       catalog facts holds; before, none of them does;</li>
 *   <li>{@link Undecidable}: nothing in the catalog tells (an unnamed constraint, a partition
 *       change, a statement lockstep does not read).</li>
 * </ul>
 * Anything the statement model does not read is undecidable, never guessed.
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
        return of(Change.of(tokens, dialect), dialect);
    }

    /** What {@code change}, read as {@code dialect} would run it, leaves in the catalog. */
    static StatementEffect of(Change change, SqlDialect dialect) {
        return new Judge(dialect).judge(change);
    }

    /** Turns a change into the catalog facts it leaves. */
    final class Judge {
        private static final Set<String> REPEATABLE_VERBS = Set.of("TRUNCATE", "GRANT", "REVOKE", "COMMENT", "ANALYZE",
                "OPTIMIZE", "REPAIR", "FLUSH");
        private static final Set<String> REPEATABLE_ALTER_ACTIONS = Set.of("MODIFY", "ALGORITHM", "LOCK",
                "ENGINE", "COMMENT", "DEFAULT", "CHARACTER", "CHARSET", "COLLATE", "CONVERT", "FORCE", "AUTO_INCREMENT",
                "ROW_FORMAT", "KEY_BLOCK_SIZE", "STATS_PERSISTENT", "STATS_AUTO_RECALC", "PACK_KEYS", "CHECKSUM");

        private final SqlDialect dialect;

        private Judge(SqlDialect dialect) {
            this.dialect = dialect;
        }

        StatementEffect judge(Change change) {
            if (change instanceof Change.Create c) {
                return create(c);
            }
            if (change instanceof Change.Drop d) {
                return drop(d);
            }
            if (change instanceof Change.RenameTables r) {
                return renameTables(r);
            }
            if (change instanceof AlterTable a) {
                return alter(a);
            }
            return other((Change.Other) change);
        }

        private static StatementEffect other(Change.Other o) {
            if (REPEATABLE_VERBS.contains(o.verb())) {
                return new Repeatable(o.verb() + " gives the same result when run again");
            }
            if (o.verb().equals("ALTER") && o.object().equals("VIEW")) {
                return new Repeatable("ALTER VIEW replaces the view's definition");
            }
            if (o.verb().equals("DROP") || o.verb().equals("ALTER") && o.object().equals("TABLE")) {
                return undecidableName();
            }
            if (o.verb().equals("ALTER") || o.verb().equals("RENAME")) {
                return new Undecidable("lockstep does not read " + o.verb() + " " + o.object());
            }
            return new Undecidable("lockstep does not read " + (o.verb().isEmpty() ? "this statement" : o.verb() + " statements"));
        }

        // ---- CREATE and DROP -----------------------------------------------------------------

        private static StatementEffect create(Change.Create c) {
            if (c.orReplace()) {
                return new Repeatable("OR REPLACE makes it safe to run again");
            }
            if (c.unread() != null) {
                return new Undecidable("lockstep does not read CREATE " + c.unread());
            }
            if (c.ifNotExists()) {
                return new Repeatable("IF NOT EXISTS makes it safe to run again");
            }
            ObjectType type = type(c.object());
            if (type == null) {
                return new Undecidable("lockstep does not read CREATE " + c.word());
            }
            if (type == ObjectType.INDEX && c.name() == null) {
                return new Undecidable("the index has no name to look for");
            }
            if (c.name() == null || (type == ObjectType.INDEX || type == ObjectType.TRIGGER) && c.on() == null) {
                return undecidableName();
            }
            SqlName on = c.on();
            return type == ObjectType.INDEX || type == ObjectType.TRIGGER
                    ? observable(new CatalogFact(type, on.schema(), on.name(), c.name().name(), true))
                    : observable(new CatalogFact(type, c.name().schema(), null, c.name().name(), true));
        }

        private static StatementEffect drop(Change.Drop d) {
            if (d.unread() != null) {
                return new Undecidable("lockstep does not read DROP " + d.unread());
            }
            if (d.ifExists()) {
                return new Repeatable("IF EXISTS makes it safe to run again");
            }
            ObjectType type = type(d.object());
            if (type == null) {
                return new Undecidable("lockstep does not read DROP " + d.word());
            }
            if (d.names().isEmpty()) {
                return undecidableName();
            }
            if (type == ObjectType.INDEX && d.on() != null) {
                return observable(new CatalogFact(type, d.on().schema(), d.on().name(), d.names().get(0).name(), false));
            }
            return new Observable(d.names().stream().map(n -> new CatalogFact(type, n.schema(), null, n.name(), false)).toList());
        }

        /** The catalog's kind of a created or dropped object; {@code null} for one no probe looks up. */
        private static ObjectType type(Change.ObjectKind object) {
            return object == null ? null : switch (object) {
                case TABLE -> ObjectType.TABLE;
                case VIEW -> ObjectType.VIEW;
                case DATABASE -> ObjectType.DATABASE;
                case SCHEMA -> ObjectType.SCHEMA;
                case PROCEDURE, FUNCTION -> ObjectType.ROUTINE;
                case TRIGGER -> ObjectType.TRIGGER;
                case INDEX -> ObjectType.INDEX;
                case SEQUENCE, TYPE, EXTENSION, EVENT -> null;
            };
        }

        private static StatementEffect renameTables(Change.RenameTables r) {
            List<CatalogFact> facts = new ArrayList<>();
            for (Change.TableRename rename : r.renames()) {
                if (rename.to() == null) {
                    return undecidableName();
                }
                facts.add(new CatalogFact(ObjectType.TABLE, rename.from().schema(), null, rename.from().name(), false));
                facts.add(new CatalogFact(ObjectType.TABLE, rename.to().schema(), null, rename.to().name(), true));
            }
            return facts.isEmpty() ? undecidableName() : new Observable(facts);
        }

        // ---- ALTER TABLE -----------------------------------------------------------------------

        private StatementEffect alter(AlterTable alter) {
            if (alter.ifExists()) {
                return new Repeatable("IF EXISTS makes it safe to run again");
            }
            List<CatalogFact> facts = new ArrayList<>();
            String undecidable = null;
            for (AlterTable.Action action : alter.actions()) {
                String problem = action(alter.table(), action, facts);
                if (problem != null && undecidable == null) {
                    undecidable = problem;
                }
            }
            if (!facts.isEmpty()) {
                // ALTER TABLE is atomic: the actions lockstep can see decide for the whole statement.
                return new Observable(facts);
            }
            return undecidable == null ? new Repeatable("each of its actions gives the same result when run again")
                    : new Undecidable(undecidable);
        }

        /** Adds what one action leaves behind to {@code facts}; returns why it cannot be seen, or null. */
        private String action(SqlName table, AlterTable.Action action, List<CatalogFact> facts) {
            if (action instanceof AlterTable.AddColumn a) {
                if (a.ifNotExists()) {
                    return null;
                }
                return a.column() == null ? "the column it adds has no name lockstep can read"
                        : add(facts, fact(ObjectType.COLUMN, table, a.column(), true));
            }
            if (action instanceof AlterTable.DropColumn d) {
                return dropped(facts, ObjectType.COLUMN, table, d.column(), d.ifExists());
            }
            if (action instanceof AlterTable.AddIndex a) {
                if (a.name() == null) {
                    return "the index it adds has no name to look for";
                }
                return a.ifNotExists() ? null : add(facts, fact(ObjectType.INDEX, table, a.name(), true));
            }
            if (action instanceof AlterTable.DropIndex d) {
                return dropped(facts, ObjectType.INDEX, table, d.name(), d.ifExists());
            }
            if (action instanceof AlterTable.AddConstraint a) {
                return addConstraint(table, a, facts);
            }
            if (action instanceof AlterTable.DropConstraint d) {
                return dropped(facts, ObjectType.CONSTRAINT, table, d.name(), d.ifExists());
            }
            if (action instanceof AlterTable.DropPrimaryKey) {
                String primary = CatalogNames.primaryKeyName(dialect);
                return primary == null ? "lockstep cannot see whether DROP PRIMARY KEY took effect"
                        : add(facts, new CatalogFact(ObjectType.CONSTRAINT, table.schema(), table.name(), primary, false));
            }
            if (action instanceof AlterTable.RenameColumn r) {
                return renamed(facts, ObjectType.COLUMN, table, r.from(), r.to());
            }
            if (action instanceof AlterTable.RenameIndex r) {
                return renamed(facts, ObjectType.INDEX, table, r.from(), r.to());
            }
            if (action instanceof AlterTable.RenameConstraint r) {
                return renamed(facts, ObjectType.CONSTRAINT, table, r.from(), r.to());
            }
            if (action instanceof AlterTable.RenameTable r) {
                if (r.to() == null) {
                    return "the new name is not one lockstep can read";
                }
                facts.add(new CatalogFact(ObjectType.TABLE, table.schema(), null, table.name(), false));
                return add(facts, new CatalogFact(ObjectType.TABLE, r.to().schema(), null, r.to().name(), true));
            }
            if (action instanceof AlterTable.ChangeColumn c) {
                if (c.from() == null || c.to() == null) {
                    return "a column it changes has no name lockstep can read";
                }
                if (!c.from().name().equalsIgnoreCase(c.to().name())) {
                    facts.add(fact(ObjectType.COLUMN, table, c.from(), false));
                    facts.add(fact(ObjectType.COLUMN, table, c.to(), true));
                }
                return null;
            }
            if (action instanceof AlterTable.Unread u) {
                return "lockstep cannot see whether " + u.what() + " took effect";
            }
            if (action instanceof AlterTable.OtherAction o) {
                return REPEATABLE_ALTER_ACTIONS.contains(o.verb()) ? null
                        : "lockstep does not read the ALTER TABLE action " + o.verb();
            }
            // AlterColumn: a new type, a default, NOT NULL give the same result when run again.
            return null;
        }

        private String addConstraint(SqlName table, AlterTable.AddConstraint a, List<CatalogFact> facts) {
            String primary = CatalogNames.primaryKeyName(dialect);
            if (a.kind().equals("PRIMARY") && primary != null) {
                // MySQL and MariaDB call every primary key PRIMARY, whatever name the statement gives it.
                return a.ifNotExists() ? null
                        : add(facts, new CatalogFact(ObjectType.CONSTRAINT, table.schema(), table.name(), primary, true));
            }
            if (a.name() != null) {
                return a.ifNotExists() ? null : add(facts, fact(ObjectType.CONSTRAINT, table, a.name(), true));
            }
            return a.kind().equals("PRIMARY") ? "lockstep cannot see whether an unnamed ADD PRIMARY KEY took effect"
                    : "the constraint it adds has no name to look for";
        }

        private static String dropped(List<CatalogFact> facts, ObjectType type, SqlName table, SqlName name, boolean ifExists) {
            if (ifExists) {
                return null;
            }
            return name == null ? "what it drops has no name lockstep can read" : add(facts, fact(type, table, name, false));
        }

        private static String renamed(List<CatalogFact> facts, ObjectType type, SqlName table, SqlName from, SqlName to) {
            if (from == null || to == null) {
                return "what it renames has no name lockstep can read";
            }
            facts.add(fact(type, table, from, false));
            facts.add(fact(type, table, to, true));
            return null;
        }

        /** Adds {@code fact}; no problem. */
        private static String add(List<CatalogFact> facts, CatalogFact fact) {
            facts.add(fact);
            return null;
        }

        private static CatalogFact fact(ObjectType type, SqlName table, SqlName name, boolean present) {
            return new CatalogFact(type, table.schema(), table.name(), name.name(), present);
        }

        private static StatementEffect observable(CatalogFact fact) {
            return new Observable(List.of(fact));
        }

        private static StatementEffect undecidableName() {
            return new Undecidable("it names its object in a form lockstep does not read");
        }
    }
}
