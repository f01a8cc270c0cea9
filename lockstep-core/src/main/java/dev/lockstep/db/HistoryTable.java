package dev.lockstep.db;

import dev.lockstep.model.HistoryRow;
import dev.lockstep.model.Migration;
import dev.lockstep.result.MigrationStatus;
import dev.lockstep.result.MigrationType;
import dev.lockstep.result.Version;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the history table through one connection. Every statement names the table with
 * its schema. Writers must hold the migration lock: ranks are assigned as the highest seen plus one.
 */
public final class HistoryTable {
    /** Errors longer than this are cut: the row is for people, the full text went to the log. */
    private static final int MAX_ERROR_LENGTH = 4000;
    private static final String COLUMNS = LockstepTables.HISTORY.columnList();

    private final Connection connection;
    private final Dialect dialect;
    private final String qualifiedName;

    public HistoryTable(Connection connection, Dialect dialect, String schema, String table) {
        this.connection = connection;
        this.dialect = dialect;
        this.qualifiedName = dialect.qualify(schema, table);
        this.insertRunningSql = "INSERT INTO " + qualifiedName + RUNNING_COLUMNS + " VALUES (" + RUNNING_VALUES + ")";
        this.recordProgressSql = "UPDATE " + qualifiedName + " SET statements_done = ? WHERE installed_rank = ?";
        this.finishSql = "UPDATE " + qualifiedName + " SET status = ?, statements_done = ?, finished_at = ?,"
                + " execution_ms = ?, error = ? WHERE installed_rank = ?";
        this.finishRunningSql = finishSql + " AND status = '" + MigrationStatus.RUNNING.dbValue() + "'";
    }

    public String qualifiedName() {
        return qualifiedName;
    }

    /**
     * Every row in rank order, in one query; empty when the table does not exist yet. This is all a
     * replica reads when nothing is pending.
     */
    public Optional<List<HistoryRow>> readIfExists() throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rows = s.executeQuery("SELECT " + COLUMNS + " FROM " + qualifiedName + " ORDER BY installed_rank")) {
            List<HistoryRow> history = new ArrayList<>();
            while (rows.next()) {
                history.add(read(rows));
            }
            return Optional.of(history);
        } catch (SQLException e) {
            if (dialect.isUndefinedTable(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates the table if it is missing. Called under the lock. */
    public void create() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(LockstepTables.HISTORY.createSql(dialect, qualifiedName));
        }
    }

    /**
     * A {@code running} row as it is written before its migration's first statement.
     *
     * @param done statements that took effect in an earlier attempt this one resumes; 0 for a fresh start
     */
    public record Running(int rank, Migration migration, int statements, int done, String installedBy, String replica,
                          Instant startedAt) {
    }

    /**
     * Writes the {@code running} row that a crash leaves as evidence; in autocommit it commits at once.
     * Where the dialect has a {@link Dialect#lazyCommitQuery() lazy commit}, the row's statement turns
     * it on for its own transaction (one round trip): the row need not wait for its own flush.
     *
     * @param done statements that took effect in an earlier attempt this one resumes; 0 for a fresh start
     */
    public void insertRunning(int rank, Migration migration, int statements, int done, String installedBy, String replica,
                              Instant startedAt) throws SQLException {
        // Inside a caller's transaction the setting would reach that transaction's commit: never then.
        String lazy = connection.getAutoCommit() ? dialect.lazyCommitQuery() : null;
        try (PreparedStatement s = connection.prepareStatement(lazy == null ? insertRunningSql : lazyInsertRunningSql(lazy))) {
            bindRunning(s, 1, new Running(rank, migration, statements, done, installedBy, replica, startedAt));
            s.executeUpdate();
        }
    }

    /**
     * Inside the transaction of the migration whose row is {@code rank}: ends that row as {@code applied} (only while
     * it is still running) and writes the {@code running} row of the migration that comes next, so both commit with
     * the migration: the next row is there before its first statement, at the cost of no commit of its own. Where
     * the dialect {@link Dialect#writesInWith writes in WITH} this is one statement, which also restores the
     * session's settings ({@code settings}, may be {@code null}); elsewhere two, and {@code settings} is not used.
     *
     * @return false when the row was no longer running: another replica ended it, which only happens when two
     *     replicas held locks that did not exclude each other
     */
    public boolean finishAndWriteNext(int rank, int done, Instant finishedAt, long executionMs, Running next,
                                      Dialect.Query settings) throws SQLException {
        if (!dialect.writesInWith()) {
            if (!finishRunning(rank, MigrationStatus.APPLIED, done, finishedAt, executionMs, null)) {
                return false;
            }
            insertRunning(next.rank(), next.migration(), next.statements(), next.done(), next.installedBy(),
                    next.replica(), next.startedAt());
            return true;
        }
        try (PreparedStatement s = connection.prepareStatement(finishAndWriteNextSql(settings == null ? null : settings.sql()))) {
            int index = 1;
            if (settings != null) {
                for (String parameter : settings.parameters()) {
                    s.setString(index++, parameter);
                }
            }
            s.setString(index++, MigrationStatus.APPLIED.dbValue());
            s.setInt(index++, done);
            dialect.bindInstant(s, index++, finishedAt);
            s.setLong(index++, executionMs);
            s.setInt(index++, rank);
            bindRunning(s, index, next);
            return s.executeUpdate() == 1;
        }
    }

    private static final String RUNNING_COLUMNS = " (installed_rank, version, description, type, script, checksum,"
            + " status, statements_total, statements_done, installed_by, replica, started_at)";
    private static final String RUNNING_VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    /** The statements a run writes once a migration whose text depends only on the table, made once for it. */
    private final String insertRunningSql;
    private final String recordProgressSql;
    private final String finishSql;
    private final String finishRunningSql;

    private String lazyInsertRunningSql(String lazy) {
        return "WITH lazy_commit AS (" + lazy + ") INSERT INTO " + qualifiedName + RUNNING_COLUMNS
                + " SELECT " + RUNNING_VALUES + " FROM lazy_commit";
    }

    /** The INSERT reads the UPDATE's one returned row: no row inserted means the row was no longer running. */
    private String finishAndWriteNextSql(String settings) {
        return "WITH " + (settings == null ? "" : "settings AS (" + settings + "), ")
                + "ended AS (UPDATE " + qualifiedName + " SET status = ?, statements_done = ?, finished_at = ?,"
                + " execution_ms = ?, error = NULL WHERE installed_rank = ? AND status = '" + MigrationStatus.RUNNING.dbValue()
                + "' RETURNING installed_rank) INSERT INTO " + qualifiedName + RUNNING_COLUMNS + " SELECT " + RUNNING_VALUES
                + " FROM ended" + (settings == null ? "" : ", settings");
    }

    private void bindRunning(PreparedStatement s, int first, Running row) throws SQLException {
        Migration migration = row.migration();
        s.setInt(first, row.rank());
        s.setString(first + 1, migration.version() == null ? null : migration.version().toString());
        s.setString(first + 2, migration.description());
        s.setString(first + 3, migration.type().name());
        s.setString(first + 4, migration.script());
        s.setString(first + 5, migration.checksum());
        s.setString(first + 6, MigrationStatus.RUNNING.dbValue());
        s.setInt(first + 7, row.statements());
        s.setInt(first + 8, row.done());
        s.setString(first + 9, row.installedBy());
        s.setString(first + 10, row.replica());
        dialect.bindInstant(s, first + 11, row.startedAt());
    }

    /** Deletes a {@code running} row written ahead for a migration that then did not start (a stop came first). */
    public void deleteRunning(int rank) throws SQLException {
        update("DELETE FROM " + qualifiedName + " WHERE installed_rank = ? AND status = ?", rank, MigrationStatus.RUNNING.dbValue());
    }

    /** The statement journal: statements 1..done took effect. */
    public void recordProgress(int rank, int done) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(recordProgressSql)) {
            s.setInt(1, done);
            s.setInt(2, rank);
            s.executeUpdate();
        }
    }

    /** Ends a row as applied or failed. */
    public void finish(int rank, MigrationStatus status, int done, Instant finishedAt, long executionMs, String error)
            throws SQLException {
        finish(rank, status, done, finishedAt, executionMs, error, finishSql);
    }

    /**
     * Ends a row only while it is still {@code running}.
     *
     * @return false when the row was no longer running: another replica ended it, which only happens when two
     *     replicas held locks that did not exclude each other
     */
    public boolean finishRunning(int rank, MigrationStatus status, int done, Instant finishedAt, long executionMs,
                                 String error) throws SQLException {
        return finish(rank, status, done, finishedAt, executionMs, error, finishRunningSql) == 1;
    }

    private int finish(int rank, MigrationStatus status, int done, Instant finishedAt, long executionMs, String error,
                       String sql) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, status.dbValue());
            s.setInt(2, done);
            dialect.bindInstant(s, 3, finishedAt);
            s.setLong(4, executionMs);
            s.setString(5, cut(error, MAX_ERROR_LENGTH));
            s.setInt(6, rank);
            return s.executeUpdate();
        }
    }

    /** Appends a whole row: a migration that {@code repair} records as applied, or an audit row. */
    public void insert(HistoryRow row) throws SQLException {
        String sql = "INSERT INTO " + qualifiedName + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setInt(1, row.installedRank());
            s.setString(2, row.version() == null ? null : row.version().toString());
            s.setString(3, cut(row.description(), 1000));
            s.setString(4, row.type().name());
            s.setString(5, row.script());
            s.setString(6, row.checksum());
            s.setString(7, row.status().dbValue());
            s.setInt(8, row.statementsTotal());
            s.setInt(9, row.statementsDone());
            s.setString(10, row.installedBy());
            s.setString(11, row.replica());
            dialect.bindInstant(s, 12, row.startedAt());
            dialect.bindInstant(s, 13, row.finishedAt());
            s.setLong(14, row.executionMs() == null ? 0 : row.executionMs());
            s.setString(15, cut(row.error(), MAX_ERROR_LENGTH));
            s.executeUpdate();
        }
    }

    /** Turns a version's row to {@code undone}; its UNDO audit row is written beside it. */
    public void markUndone(int rank) throws SQLException {
        update("UPDATE " + qualifiedName + " SET status = ? WHERE installed_rank = ?", MigrationStatus.UNDONE.dbValue(), rank);
    }

    /** Rewrites a failed row's journal and error, as {@code repair} does when it records a statement as done. */
    public void rewriteFailed(int rank, int done, String error) throws SQLException {
        update("UPDATE " + qualifiedName + " SET statements_done = ?, error = ? WHERE installed_rank = ?", done, cut(error, MAX_ERROR_LENGTH), rank);
    }

    /** Records the checksum of an applied file that was edited on purpose. */
    public void realignChecksum(int rank, String checksum) throws SQLException {
        update("UPDATE " + qualifiedName + " SET checksum = ? WHERE installed_rank = ?", checksum, rank);
    }

    /** Deletes one row: {@code repair --remove-failed}. */
    public void delete(int rank) throws SQLException {
        update("DELETE FROM " + qualifiedName + " WHERE installed_rank = ?", rank);
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }

    private static String cut(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }

    private HistoryRow read(ResultSet rows) throws SQLException {
        String version = rows.getString("version");
        long executionMs = rows.getLong("execution_ms");
        Long execution = rows.wasNull() ? null : executionMs;
        return new HistoryRow(
                rows.getInt("installed_rank"),
                version == null ? null : Version.parse(version),
                rows.getString("description"),
                MigrationType.valueOf(rows.getString("type")),
                rows.getString("script"),
                rows.getString("checksum"),
                MigrationStatus.fromDbValue(rows.getString("status")),
                rows.getInt("statements_total"),
                rows.getInt("statements_done"),
                rows.getString("installed_by"),
                rows.getString("replica"),
                dialect.readInstant(rows, "started_at"),
                dialect.readInstant(rows, "finished_at"),
                execution,
                rows.getString("error"));
    }
}
