package dev.lockstep.lint;

import static dev.lockstep.lint.LintDialect.Form.IF_NOT_EXISTS;
import static dev.lockstep.lint.LintDialect.Form.OR_REPLACE;
import static dev.lockstep.sql.Change.ObjectKind.DATABASE;
import static dev.lockstep.sql.Change.ObjectKind.EVENT;
import static dev.lockstep.sql.Change.ObjectKind.EXTENSION;
import static dev.lockstep.sql.Change.ObjectKind.FUNCTION;
import static dev.lockstep.sql.Change.ObjectKind.INDEX;
import static dev.lockstep.sql.Change.ObjectKind.PROCEDURE;
import static dev.lockstep.sql.Change.ObjectKind.SCHEMA;
import static dev.lockstep.sql.Change.ObjectKind.SEQUENCE;
import static dev.lockstep.sql.Change.ObjectKind.TABLE;
import static dev.lockstep.sql.Change.ObjectKind.TRIGGER;
import static dev.lockstep.sql.Change.ObjectKind.TYPE;
import static dev.lockstep.sql.Change.ObjectKind.VIEW;

import dev.lockstep.sql.Change;
import dev.lockstep.sql.SqlDialect;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The database a migration is written for. MySQL and MariaDB share a grammar for splitting but not
 * every statement: MariaDB has {@code ADD COLUMN IF NOT EXISTS}, {@code CREATE INDEX IF NOT EXISTS}
 * and sequences, MySQL does not, and a rule only asks for a form the database has.
 */
public enum LintDialect {
    POSTGRESQL(SqlDialect.POSTGRESQL, new Guards(
            Map.of(TABLE, IF_NOT_EXISTS, INDEX, IF_NOT_EXISTS, VIEW, OR_REPLACE, SEQUENCE, IF_NOT_EXISTS,
                    SCHEMA, IF_NOT_EXISTS, FUNCTION, OR_REPLACE, PROCEDURE, OR_REPLACE),
            EnumSet.of(TABLE, VIEW, TRIGGER, INDEX, SEQUENCE, SCHEMA, FUNCTION, PROCEDURE, TYPE, EXTENSION), true, true)),
    MYSQL(SqlDialect.MYSQL, new Guards(
            Map.of(TABLE, IF_NOT_EXISTS, VIEW, OR_REPLACE, SCHEMA, IF_NOT_EXISTS, DATABASE, IF_NOT_EXISTS),
            EnumSet.of(TABLE, VIEW, TRIGGER, SCHEMA, FUNCTION, PROCEDURE, DATABASE, EVENT), false, false)),
    MARIADB(SqlDialect.MYSQL, new Guards(
            Map.of(TABLE, IF_NOT_EXISTS, INDEX, IF_NOT_EXISTS, VIEW, OR_REPLACE, SEQUENCE, IF_NOT_EXISTS,
                    SCHEMA, IF_NOT_EXISTS, DATABASE, IF_NOT_EXISTS, FUNCTION, OR_REPLACE, PROCEDURE, OR_REPLACE),
            EnumSet.of(TABLE, VIEW, TRIGGER, INDEX, SEQUENCE, SCHEMA, FUNCTION, PROCEDURE, DATABASE, EVENT), true, false)),
    SQLITE(SqlDialect.SQLITE, new Guards(
            Map.of(TABLE, IF_NOT_EXISTS, INDEX, IF_NOT_EXISTS, VIEW, IF_NOT_EXISTS),
            EnumSet.of(TABLE, VIEW, TRIGGER, INDEX), false, false));

    /**
     * The guards this database's DDL has, which let a retried statement step over what an earlier attempt did: lint
     * asks only for a form the database has.
     *
     * @param create         per kind of object, how its {@code CREATE} is guarded ({@code IF NOT EXISTS} or
     *                       {@code OR REPLACE}); a kind not listed has no guard
     * @param dropIfExists   the kinds of object whose {@code DROP} takes {@code IF EXISTS}
     * @param columnGuards   whether {@code ADD COLUMN IF NOT EXISTS} and {@code DROP COLUMN IF EXISTS} exist
     * @param materializedIfNotExists whether {@code CREATE MATERIALIZED VIEW IF NOT EXISTS} exists
     */
    /** How a {@code CREATE} is guarded. */
    static final class Form {
        static final String IF_NOT_EXISTS = "IF NOT EXISTS";
        static final String OR_REPLACE = "OR REPLACE";

        private Form() {
        }
    }

    record Guards(Map<Change.ObjectKind, String> create, Set<Change.ObjectKind> dropIfExists, boolean columnGuards,
                  boolean materializedIfNotExists) {
    }

    private final SqlDialect grammar;
    private final Guards guards;

    LintDialect(SqlDialect grammar, Guards guards) {
        this.grammar = grammar;
        this.guards = guards;
    }

    /** The guards of this database's DDL. */
    Guards guards() {
        return guards;
    }

    /** The grammar the file is split and tokenized with. */
    SqlDialect grammar() {
        return grammar;
    }

    public boolean isMySqlFamily() {
        return grammar == SqlDialect.MYSQL;
    }

    /** {@code postgresql}, {@code mysql}, {@code mariadb} or {@code sqlite}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A dialect by its name ({@code postgres} and {@code pg} also mean PostgreSQL), in any case. */
    public static Optional<LintDialect> named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "postgresql", "postgres", "pg" -> Optional.of(POSTGRESQL);
            case "mysql" -> Optional.of(MYSQL);
            case "mariadb" -> Optional.of(MARIADB);
            case "sqlite" -> Optional.of(SQLITE);
            default -> Optional.empty();
        };
    }
}
