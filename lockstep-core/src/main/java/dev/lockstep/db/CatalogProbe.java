package dev.lockstep.db;

import dev.lockstep.sql.CatalogFact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Looks a table's facts up in the catalog: whether an object named in a {@link CatalogFact} exists now (used under the
 * lock, on the migrating connection, by the replica that takes over an interrupted migration), and for a backfill
 * ({@code -- lockstep:batch}) the table's primary key and the catalog's estimate of its rows.
 */
public interface CatalogProbe {

    /**
     * One column of a primary key.
     *
     * @param name    as the catalog stores it
     * @param type    its type as the catalog names it ({@code bigint}, {@code int}, {@code INTEGER})
     * @param integer whether that type holds whole numbers that fit a {@code long}
     */
    record KeyColumn(String name, String type, boolean integer) {
    }

    /**
     * Whether the object exists; empty when this database's catalog cannot tell (a kind of object
     * it does not have).
     */
    Optional<Boolean> exists(CatalogFact fact) throws SQLException;

    /**
     * The columns of a table's primary key, in key order; empty when it has none or there is no such table.
     *
     * @param schema unquoted (and folded where the database folds), or {@code null} for the session's
     * @param table  unquoted (and folded where the database folds)
     */
    List<KeyColumn> primaryKey(String schema, String table) throws SQLException;

    /**
     * The catalog's estimate of a table's rows, as the database keeps it for its planner (PostgreSQL's
     * {@code reltuples}, MySQL's {@code TABLE_ROWS}, SQLite's {@code sqlite_stat1} once analysed): no count is run.
     * Empty where it keeps none, or has never looked at the table.
     */
    OptionalLong estimatedRows(String schema, String table) throws SQLException;

    /** Runs a query with string parameters and the first column of each row it gives: the primary key's rows. */
    static List<KeyColumn> keyColumns(Connection connection, String sql, java.util.function.Predicate<String> integer,
                                      String... parameters) throws SQLException {
        List<KeyColumn> columns = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(2) == null ? "" : rows.getString(2);
                    columns.add(new KeyColumn(rows.getString(1), type, integer.test(type.toLowerCase(java.util.Locale.ROOT))));
                }
            }
        }
        return columns;
    }

    /** Runs a query with string parameters whose one row's first column is a count; empty for no row, NULL or below 0. */
    static OptionalLong count(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) {
                    return OptionalLong.empty();
                }
                double n = rows.getDouble(1);
                return rows.wasNull() || n < 0 ? OptionalLong.empty() : OptionalLong.of(Math.round(n));
            }
        }
    }

    /** Runs a query with string parameters and says whether it found a row. */
    static boolean found(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = s.executeQuery()) {
                return rows.next();
            }
        }
    }
}
