package dev.lockstep.db.postgres;

import dev.lockstep.db.CatalogProbe;
import dev.lockstep.sql.CatalogFact;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * PostgreSQL: {@code pg_catalog}, resolving an unqualified name through the session's
 * {@code search_path} as the statement did. An INVALID index (a {@code CREATE INDEX CONCURRENTLY}
 * that did not finish) does not count as existing.
 */
final class PostgresCatalog implements CatalogProbe {
    /** The relation {@code ?.?} (schema may be null), exactly as named: names arrive unquoted and folded. */
    private static final String RELATION = "to_regclass(CASE WHEN ? IS NULL THEN '' ELSE quote_ident(?) || '.' END || quote_ident(?))";

    private static final java.util.Set<String> INTEGER = java.util.Set.of("smallint", "integer", "bigint");

    private final Connection connection;

    PostgresCatalog(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Optional<Boolean> exists(CatalogFact fact) throws SQLException {
        String schema = fact.schema();
        String name = fact.name();
        String table = fact.table();
        boolean found = switch (fact.object()) {
            case DATABASE -> CatalogProbe.found(connection, "SELECT 1 FROM pg_catalog.pg_database WHERE datname = ?", name);
            case SCHEMA -> CatalogProbe.found(connection, "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?", name);
            case TABLE -> relation(schema, name, "'r', 'p', 'f'");
            case VIEW -> relation(schema, name, "'v', 'm'");
            case INDEX -> CatalogProbe.found(connection, "SELECT 1 FROM pg_catalog.pg_index WHERE indexrelid = " + RELATION
                    + " AND indisvalid", schema, schema, name);
            case COLUMN -> CatalogProbe.found(connection, "SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = " + RELATION
                    + " AND attname = ? AND attnum > 0 AND NOT attisdropped", schema, schema, table, name);
            case CONSTRAINT -> CatalogProbe.found(connection, "SELECT 1 FROM pg_catalog.pg_constraint WHERE conrelid = "
                    + RELATION + " AND conname = ?", schema, schema, table, name);
            case TRIGGER -> CatalogProbe.found(connection, "SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = "
                    + RELATION + " AND tgname = ?", schema, schema, table, name);
            case ROUTINE -> CatalogProbe.found(connection, "SELECT 1 FROM pg_catalog.pg_proc WHERE proname = ?"
                    + " AND pronamespace = to_regnamespace(quote_ident(COALESCE(?, current_schema())))", name, schema);
        };
        return Optional.of(found);
    }

    @Override
    public List<KeyColumn> primaryKey(String schema, String table) throws SQLException {
        return CatalogProbe.keyColumns(connection, "SELECT a.attname, format_type(a.atttypid, NULL)"
                + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid"
                + " AND a.attnum = ANY (i.indkey) WHERE i.indrelid = " + RELATION + " AND i.indisprimary"
                + " ORDER BY array_position(i.indkey::int2[], a.attnum)", INTEGER::contains, schema, schema, table);
    }

    /** {@code reltuples}: -1 until the table was first vacuumed or analysed (PostgreSQL 14 on), then the planner's count. */
    @Override
    public OptionalLong estimatedRows(String schema, String table) throws SQLException {
        return CatalogProbe.count(connection, "SELECT reltuples FROM pg_catalog.pg_class WHERE oid = " + RELATION,
                schema, schema, table);
    }

    private boolean relation(String schema, String name, String kinds) throws SQLException {
        return CatalogProbe.found(connection, "SELECT 1 FROM pg_catalog.pg_class WHERE oid = " + RELATION
                + " AND relkind IN (" + kinds + ")", schema, schema, name);
    }
}
