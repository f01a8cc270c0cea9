package dev.lockstep.db.sqlite;

import dev.lockstep.db.CatalogProbe;
import dev.lockstep.sql.CatalogFact;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * SQLite: {@code sqlite_master} of the main database. SQLite's DDL is transactional, so lockstep
 * needs this only for a file that manages its own transactions; constraints, routines and
 * databases are not in its catalog, and it cannot tell.
 */
final class SqliteCatalog implements CatalogProbe {
    private final Connection connection;

    SqliteCatalog(Connection connection) {
        this.connection = connection;
    }

    @Override
    public Optional<Boolean> exists(CatalogFact fact) throws SQLException {
        return switch (fact.object()) {
            case TABLE -> Optional.of(object("table", fact.name()));
            case VIEW -> Optional.of(object("view", fact.name()));
            case INDEX -> Optional.of(object("index", fact.name()));
            case TRIGGER -> Optional.of(object("trigger", fact.name()));
            case COLUMN -> Optional.of(CatalogProbe.found(connection,
                    "SELECT 1 FROM pragma_table_info(?) WHERE name = ? COLLATE NOCASE", fact.table(), fact.name()));
            case DATABASE, SCHEMA, CONSTRAINT, ROUTINE -> Optional.empty();
        };
    }

    /** The declared key; an integer type is one SQLite gives integer affinity (its name contains INT). */
    @Override
    public List<KeyColumn> primaryKey(String schema, String table) throws SQLException {
        return CatalogProbe.keyColumns(connection, "SELECT name, type FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk",
                type -> type.contains("int"), table);
    }

    /** The row count {@code ANALYZE} wrote into {@code sqlite_stat1}; empty before the file was ever analysed. */
    @Override
    public OptionalLong estimatedRows(String schema, String table) throws SQLException {
        if (!object("table", "sqlite_stat1")) {
            return OptionalLong.empty();
        }
        return CatalogProbe.count(connection, "SELECT max(CAST(stat AS INTEGER)) FROM sqlite_stat1 WHERE tbl = ?"
                + " COLLATE NOCASE", table);
    }

    private boolean object(String type, String name) throws SQLException {
        return CatalogProbe.found(connection, "SELECT 1 FROM sqlite_master WHERE type = ? AND name = ? COLLATE NOCASE", type, name);
    }
}
