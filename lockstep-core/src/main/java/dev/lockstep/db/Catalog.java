package dev.lockstep.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads lists of names from a database's catalog, for the dialects. */
public final class Catalog {
    private Catalog() {
    }

    /** The first column of every row of {@code sql}, which takes the schema as its one parameter. */
    public static List<String> names(Connection connection, String sql, String schema) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, schema);
            try (ResultSet rows = s.executeQuery()) {
                List<String> names = new ArrayList<>();
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
                return names;
            }
        }
    }
}
