package dev.lockstep.sql;

import java.util.Locale;

/**
 * How each database names what DDL leaves in its catalog: the facts of the statement model that differ between
 * databases, read from the grammar ({@link SqlDialect}).
 */
final class CatalogNames {

    private CatalogNames() {
    }

    /** An unquoted name as the catalog stores it: PostgreSQL folds it to lower case, MySQL and SQLite keep it. */
    static String fold(String unquoted, SqlDialect dialect) {
        return dialect.has(SqlDialect.Feature.FOLDS_UNQUOTED_NAMES) ? unquoted.toLowerCase(Locale.ROOT) : unquoted;
    }

    /**
     * The name the catalog gives a primary key added without one, or {@code null} when it names none that a
     * probe can look for: MySQL and MariaDB always call it {@code PRIMARY}.
     */
    static String primaryKeyName(SqlDialect dialect) {
        return dialect.primaryKeyName();
    }
}
