package dev.lockstep.sql;

/** The SQL grammars lockstep splits: each decides quoting, comments and statement delimiters. */
public enum SqlDialect {
    /** PostgreSQL: dollar quoting, {@code E''} strings, nested block comments. */
    POSTGRESQL,
    /** MySQL and MariaDB: backticks, {@code #} comments, {@code DELIMITER} blocks. */
    MYSQL,
    /** SQLite: {@code CREATE TRIGGER ... BEGIN ... END;} bodies. */
    SQLITE
}
