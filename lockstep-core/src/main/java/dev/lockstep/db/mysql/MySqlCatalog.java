package dev.lockstep.db.mysql;

import dev.lockstep.db.CatalogProbe;
import dev.lockstep.sql.CatalogFact;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** MySQL and MariaDB: {@code information_schema}, in the statement's schema or the connected database. */
final class MySqlCatalog implements CatalogProbe {
    private static final String SCHEMA = "COALESCE(?, DATABASE())";

    private final Connection connection;

    MySqlCatalog(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Optional<Boolean> exists(CatalogFact fact) throws SQLException {
        String schema = fact.schema();
        String name = fact.name();
        String table = fact.table();
        boolean found = switch (fact.object()) {
            case DATABASE, SCHEMA -> CatalogProbe.found(connection,
                    "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?", name);
            case TABLE -> CatalogProbe.found(connection, "SELECT 1 FROM information_schema.tables WHERE table_schema = "
                    + SCHEMA + " AND table_name = ? AND table_type <> 'VIEW'", schema, name);
            case VIEW -> CatalogProbe.found(connection, "SELECT 1 FROM information_schema.tables WHERE table_schema = "
                    + SCHEMA + " AND table_name = ? AND table_type = 'VIEW'", schema, name);
            case COLUMN -> CatalogProbe.found(connection, "SELECT 1 FROM information_schema.columns WHERE table_schema = "
                    + SCHEMA + " AND table_name = ? AND column_name = ?", schema, table, name);
            case INDEX -> table == null
                    ? CatalogProbe.found(connection, "SELECT 1 FROM information_schema.statistics WHERE table_schema = "
                    + SCHEMA + " AND index_name = ?", schema, name)
                    : CatalogProbe.found(connection, "SELECT 1 FROM information_schema.statistics WHERE table_schema = "
                    + SCHEMA + " AND table_name = ? AND index_name = ?", schema, table, name);
            case CONSTRAINT -> CatalogProbe.found(connection, "SELECT 1 FROM information_schema.table_constraints"
                    + " WHERE constraint_schema = " + SCHEMA + " AND table_name = ? AND constraint_name = ?", schema, table, name);
            case TRIGGER -> CatalogProbe.found(connection, "SELECT 1 FROM information_schema.triggers WHERE trigger_schema = "
                    + SCHEMA + " AND trigger_name = ?", schema, name);
            case ROUTINE -> CatalogProbe.found(connection, "SELECT 1 FROM information_schema.routines WHERE routine_schema = "
                    + SCHEMA + " AND routine_name = ?", schema, name);
        };
        return Optional.of(found);
    }

    @Override
    public List<KeyColumn> primaryKey(String schema, String table) throws SQLException {
        return CatalogProbe.keyColumns(connection, "SELECT s.column_name, c.column_type FROM information_schema.statistics s"
                + " JOIN information_schema.columns c ON c.table_schema = s.table_schema AND c.table_name = s.table_name"
                + " AND c.column_name = s.column_name WHERE s.table_schema = " + SCHEMA + " AND s.table_name = ?"
                + " AND s.index_name = 'PRIMARY' ORDER BY s.seq_in_index",
                type -> type.matches("(tiny|small|medium|big)?int(\\(\\d+\\))?( signed)?|(tiny|small|medium)?int(\\(\\d+\\))? unsigned"),
                schema, table);
    }

    /** {@code TABLE_ROWS}: InnoDB's estimate from sampled pages, within tens of percent. */
    @Override
    public OptionalLong estimatedRows(String schema, String table) throws SQLException {
        return CatalogProbe.count(connection, "SELECT table_rows FROM information_schema.tables WHERE table_schema = "
                + SCHEMA + " AND table_name = ?", schema, table);
    }
}
