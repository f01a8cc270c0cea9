package dev.lockstep.db.sqlite;

import dev.lockstep.db.CatalogProbe;
import dev.lockstep.sql.CatalogFact;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

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

    private boolean object(String type, String name) throws SQLException {
        return CatalogProbe.found(connection, "SELECT 1 FROM sqlite_master WHERE type = ? AND name = ? COLLATE NOCASE", type, name);
    }
}
