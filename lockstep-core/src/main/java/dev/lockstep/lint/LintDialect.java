package dev.lockstep.lint;

import dev.lockstep.sql.SqlDialect;
import java.util.Locale;
import java.util.Optional;

/**
 * The database a migration is written for. MySQL and MariaDB share a grammar for splitting but not
 * every statement: MariaDB has {@code ADD COLUMN IF NOT EXISTS}, {@code CREATE INDEX IF NOT EXISTS}
 * and sequences, MySQL does not, and a rule only asks for a form the database has.
 */
public enum LintDialect {
    POSTGRESQL(SqlDialect.POSTGRESQL),
    MYSQL(SqlDialect.MYSQL),
    MARIADB(SqlDialect.MYSQL),
    SQLITE(SqlDialect.SQLITE);

    private final SqlDialect grammar;

    LintDialect(SqlDialect grammar) {
        this.grammar = grammar;
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
