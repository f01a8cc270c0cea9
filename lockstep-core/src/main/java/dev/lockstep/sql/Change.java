package dev.lockstep.sql;

import java.util.List;
import java.util.Objects;

/**
 * What one statement changes in the schema, read once from its code tokens into typed records with their names
 * resolved as the database resolves them ({@link SqlName}): the one reading of DDL that the in-flight judge
 * ({@link StatementEffect}) and the lint rules share, as Atlas's analyzers share one parsed file. Each record keeps
 * the token indexes of its parts, so a rule can place a finding at the word it is about and read the details (a
 * default, {@code NOT VALID}) inside an action's tokens.
 *
 * <p>This is a reader of the forms that matter for recovery and linting, not a SQL parser: a statement it does not
 * read is {@link Other}, an action it does not read is {@link AlterTable.OtherAction}, a part it cannot name is
 * {@code null}; nothing is guessed. See {@code docs/decisions/0057-one-statement-model.md}.
 */
public sealed interface Change {

    /** Reads one statement's code tokens (from {@link SqlTokenizer}) as {@code dialect} would run it. */
    static Change of(List<SqlToken> tokens, SqlDialect dialect) {
        return new ChangeReader(tokens, dialect).read();
    }

    /** The objects of {@code CREATE} and {@code DROP} that lockstep reads. */
    enum ObjectKind { TABLE, INDEX, VIEW, SEQUENCE, SCHEMA, DATABASE, FUNCTION, PROCEDURE, TRIGGER, TYPE, EXTENSION, EVENT }

    /**
     * {@code CREATE [OR REPLACE] [modifiers] <object> [CONCURRENTLY] [IF NOT EXISTS] name [... ON table]}.
     *
     * @param object       the kind of object, or {@code null} for one lockstep does not read ({@code USER}, {@code ROLE})
     * @param word         the object's word upper-cased ({@code TABLE}, {@code USER}; "" when none)
     * @param objectAt     the token index of that word
     * @param unread       the first word before the object that is none of the modifiers lockstep knows
     *                     ({@code VIRTUAL} of {@code CREATE VIRTUAL TABLE}), or {@code null}
     * @param orReplace    {@code OR REPLACE}
     * @param ifNotExists  {@code IF NOT EXISTS}
     * @param concurrently {@code CONCURRENTLY} (PostgreSQL indexes)
     * @param unique       {@code UNIQUE} before the object word
     * @param materialized {@code MATERIALIZED VIEW}
     * @param name         the object's name, or {@code null} (PostgreSQL's unnamed {@code CREATE INDEX ON t})
     * @param on           the table of an index or a trigger, or {@code null}
     */
    record Create(ObjectKind object, String word, int objectAt, String unread, boolean orReplace, boolean ifNotExists,
                  boolean concurrently, boolean unique, boolean materialized, SqlName name, SqlName on) implements Change {
        public Create {
            Objects.requireNonNull(word, "word");
        }
    }

    /**
     * {@code DROP [TEMPORARY] [MATERIALIZED] <object> [CONCURRENTLY] [IF EXISTS] name[, name ...] [ON table]}.
     *
     * @param names the objects named, in order; empty when the first cannot be read
     * @param on    the table of MySQL's {@code DROP INDEX i ON t}, or {@code null}
     * @see Create for the other parameters
     */
    record Drop(ObjectKind object, String word, int objectAt, String unread, boolean ifExists, boolean concurrently,
                boolean materialized, List<SqlName> names, SqlName on) implements Change {
        public Drop {
            Objects.requireNonNull(word, "word");
            names = List.copyOf(names);
        }
    }

    /** MySQL's {@code RENAME TABLE a TO b[, c TO d ...]}; empty when the first name cannot be read. */
    record RenameTables(List<TableRename> renames) implements Change {
        public RenameTables {
            renames = List.copyOf(renames);
        }
    }

    /** One pair of {@link RenameTables}; {@code to} is {@code null} when it cannot be read. */
    record TableRename(SqlName from, SqlName to) {
        public TableRename {
            Objects.requireNonNull(from, "from");
        }
    }

    /**
     * {@code ALTER [ONLINE] [IGNORE] TABLE [IF EXISTS] [ONLY] name [*] action[, action ...]}. MySQL's
     * {@code ALGORITHM=...} and {@code LOCK=...} are actions too, as the server's grammar has them.
     *
     * @param table    the table altered
     * @param ifExists {@code IF EXISTS} after {@code TABLE}
     * @param actions  its comma-separated actions, in order
     */
    record AlterTable(SqlName table, boolean ifExists, List<Action> actions) implements Change {
        public AlterTable {
            Objects.requireNonNull(table, "table");
            actions = List.copyOf(actions);
        }

        /** One action of an {@code ALTER TABLE}: tokens [{@code start}, {@code end}) of the statement. */
        public sealed interface Action {
            int start();

            int end();
        }

        /** {@code ADD [COLUMN] [IF NOT EXISTS] column ...}; {@code column} is {@code null} when it cannot be read. */
        public record AddColumn(SqlName column, boolean ifNotExists, int start, int end) implements Action {
        }

        /** {@code DROP [COLUMN] [IF EXISTS] column}. */
        public record DropColumn(SqlName column, boolean ifExists, int start, int end) implements Action {
        }

        /**
         * {@code ALTER [COLUMN] column <change>}: a new type, {@code SET NOT NULL}, a default.
         *
         * @param column the column, or {@code null} when it cannot be read
         * @param verbAt the token index just past the column's name, where {@code TYPE}, {@code SET}, {@code DROP}
         *               stands; -1 without a column
         */
        public record AlterColumn(SqlName column, ColumnChange change, int verbAt, int start, int end) implements Action {
        }

        /** What an {@link AlterColumn} changes. */
        public enum ColumnChange {
            /** {@code TYPE t}, {@code SET DATA TYPE t} */
            TYPE,
            /** {@code SET NOT NULL} */
            SET_NOT_NULL,
            /** {@code SET DEFAULT ...}, {@code DROP DEFAULT} */
            DEFAULT,
            /** anything else ({@code DROP NOT NULL}, {@code SET STATISTICS} ...) */
            OTHER
        }

        /** {@code RENAME [COLUMN] from TO to}; either is {@code null} when it cannot be read. */
        public record RenameColumn(SqlName from, SqlName to, int start, int end) implements Action {
        }

        /** MySQL's {@code CHANGE [COLUMN] from to definition}, which renames when the names differ. */
        public record ChangeColumn(SqlName from, SqlName to, int start, int end) implements Action {
        }

        /**
         * {@code ADD [UNIQUE|FULLTEXT|SPATIAL] INDEX|KEY [IF NOT EXISTS] [name] (...)}, and MySQL's
         * {@code ADD UNIQUE name (...)}.
         *
         * @param modifier {@code UNIQUE}, {@code FULLTEXT}, {@code SPATIAL}, or {@code null}
         * @param name     the index's name, or {@code null} when it has none
         */
        public record AddIndex(String modifier, SqlName name, boolean ifNotExists, int start, int end) implements Action {
        }

        /** {@code DROP INDEX|KEY [IF EXISTS] name}. */
        public record DropIndex(SqlName name, boolean ifExists, int start, int end) implements Action {
        }

        /** {@code RENAME INDEX|KEY from TO to}. */
        public record RenameIndex(SqlName from, SqlName to, int start, int end) implements Action {
        }

        /**
         * {@code ADD [CONSTRAINT [IF NOT EXISTS] name] PRIMARY KEY|UNIQUE|FOREIGN KEY|CHECK|EXCLUDE ...}.
         *
         * @param name   the constraint's name, or {@code null} when it is added without one
         * @param kind   its kind's word ({@code PRIMARY}, {@code UNIQUE}, {@code FOREIGN}, {@code CHECK}, ...)
         * @param kindAt the token index of that word
         */
        public record AddConstraint(SqlName name, String kind, int kindAt, boolean ifNotExists, int start, int end)
                implements Action {
        }

        /** {@code DROP CONSTRAINT|FOREIGN KEY|CHECK [IF EXISTS] name}. */
        public record DropConstraint(SqlName name, boolean ifExists, int start, int end) implements Action {
        }

        /** {@code RENAME CONSTRAINT from TO to}. */
        public record RenameConstraint(SqlName from, SqlName to, int start, int end) implements Action {
        }

        /** MySQL's {@code DROP PRIMARY KEY}. */
        public record DropPrimaryKey(int start, int end) implements Action {
        }

        /** {@code RENAME [TO|AS] name}: the table's new name, {@code null} when it cannot be read. */
        public record RenameTable(SqlName to, int start, int end) implements Action {
        }

        /**
         * An {@code ADD} or {@code DROP} that names nothing lockstep can look for: a partition, a default, an identity,
         * system versioning, MySQL's {@code ADD (a INT, b INT)} ({@code what}: {@code ADD PARTITION}, {@code DROP DEFAULT},
         * {@code ADD (}).
         */
        public record Unread(String what, int start, int end) implements Action {
        }

        /** Any other action, by its first word ({@code MODIFY}, {@code ALGORITHM}, {@code ENGINE}, {@code OWNER} ...). */
        public record OtherAction(String verb, int start, int end) implements Action {
        }
    }

    /**
     * Any other statement, by its first two words upper-cased ("" where there is none): {@code TRUNCATE}, {@code GRANT},
     * {@code ALTER VIEW}, {@code ALTER SEQUENCE}, {@code RENAME USER}, {@code INSERT} ...; and a {@code DROP} or
     * {@code ALTER TABLE} whose names cannot be read to the end ({@code DROP TABLE a, 'b'}).
     */
    record Other(String verb, String object) implements Change {
    }
}
