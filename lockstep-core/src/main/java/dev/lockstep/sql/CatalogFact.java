package dev.lockstep.sql;

import java.util.Objects;

/**
 * Something a DDL statement leaves in the database's catalog, which a probe can check afterwards:
 * "table {@code orders} exists", "column {@code customers.email} is absent".
 *
 * @param object  what kind of object
 * @param schema  the schema named in the statement, or {@code null} for the session's own
 * @param table   the table the object belongs to (a column's, an index's, a constraint's,
 *                a trigger's table), or {@code null} when it stands alone
 * @param name    the object's name, unquoted; folded to lower case where the database folds
 *                unquoted names (PostgreSQL)
 * @param present whether the statement, once it took effect, leaves the object present or absent
 */
public record CatalogFact(ObjectType object, String schema, String table, String name, boolean present) {

    /** The kinds of catalog objects a probe can look up. */
    public enum ObjectType { DATABASE, SCHEMA, TABLE, VIEW, COLUMN, INDEX, CONSTRAINT, TRIGGER, ROUTINE }

    public CatalogFact {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(name, "name");
    }

    /** {@code column customers.email present}, for messages. */
    public String describe() {
        String owner = table == null ? "" : table + ".";
        String where = schema == null ? "" : schema + ".";
        return object.name().toLowerCase(java.util.Locale.ROOT) + " " + where + owner + name + (present ? " present" : " absent");
    }
}
