package dev.lockstep.adopt;

import dev.lockstep.OtherTool;
import dev.lockstep.db.Dialect;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads another tool's history table, by its schema-qualified name, without changing it. */
public final class OtherToolReader {
    private final Connection connection;
    private final Dialect dialect;
    private final String schema;

    public OtherToolReader(Connection connection, Dialect dialect, String schema) {
        this.connection = connection;
        this.dialect = dialect;
        this.schema = schema;
    }

    /** @throws LockstepException {@link Reason#CONFIGURATION} when the table does not exist */
    public List<FlywayRow> flyway(String table) throws SQLException {
        String sql = "SELECT installed_rank, version, description, type, script, installed_by, success FROM "
                + dialect.qualify(schema, table) + " ORDER BY installed_rank";
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            List<FlywayRow> history = new ArrayList<>();
            while (rows.next()) {
                history.add(new FlywayRow(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getString(6), rows.getBoolean(7)));
            }
            return history;
        } catch (SQLException e) {
            throw missingOr(e, OtherTool.FLYWAY, table);
        }
    }

    /** @return golang-migrate's one row, or empty when the table holds none */
    public Optional<GolangMigrateState> golangMigrate(String table) throws SQLException {
        String sql = "SELECT version, dirty FROM " + dialect.qualify(schema, table);
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            Optional<GolangMigrateState> state = Optional.empty();
            while (rows.next()) {
                if (state.isPresent()) {
                    throw new LockstepException(Reason.CONFIGURATION, table + " in schema " + schema + " holds more than"
                            + " one row; golang-migrate keeps exactly one (the current version). Check that it is"
                            + " golang-migrate's table, or give the right one with --from-table.");
                }
                state = Optional.of(new GolangMigrateState(rows.getLong(1), rows.getBoolean(2)));
            }
            return state;
        } catch (SQLException e) {
            throw missingOr(e, OtherTool.GOLANG_MIGRATE, table);
        }
    }

    private SQLException missingOr(SQLException e, OtherTool tool, String table) {
        if (dialect.isUndefinedTable(e)) {
            throw new LockstepException(Reason.CONFIGURATION, "There is no table " + table + " in schema " + schema
                    + " to adopt " + tool.label() + "'s history from. If " + tool.label() + " kept it under another name"
                    + " or schema, give --from-table or --schema.", e);
        }
        return e;
    }
}
