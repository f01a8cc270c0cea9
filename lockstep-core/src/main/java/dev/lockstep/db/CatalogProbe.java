package dev.lockstep.db;

import dev.lockstep.sql.CatalogFact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells whether an object named in a {@link CatalogFact} exists now. Used under the lock, on the
 * migrating connection, by the replica that takes over an interrupted migration.
 */
public interface CatalogProbe {

    /**
     * Whether the object exists; empty when this database's catalog cannot tell (a kind of object
     * it does not have).
     */
    Optional<Boolean> exists(CatalogFact fact) throws SQLException;

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
