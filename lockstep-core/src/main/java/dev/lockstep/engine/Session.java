package dev.lockstep.engine;

import dev.lockstep.db.Dialect;
import dev.lockstep.db.HistoryTable;
import dev.lockstep.model.HistoryRow;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The one connection of a run, with what was learnt when it opened. Lock, history and migrations
 * all go through it, so a replica that loses its connection cannot go on: a session lock is lost with it,
 * and a lease ({@link Engine#takesLease}), renewed on a connection of its own, lapses once renewals stop.
 *
 * @param database display name without secrets: {@code PostgreSQL 16.2 at jdbc:postgresql://db/app}
 * @param user     the database user, for {@code installed_by}
 */
record Session(Connection connection, Dialect dialect, String schema, String table, HistoryTable history,
               String database, String user, BusyReads busy) implements AutoCloseable {

    /** A session whose busy reads fail at once. */
    Session(Connection connection, Dialect dialect, String schema, String table, HistoryTable history, String database,
            String user) {
        this(connection, dialect, schema, table, history, database, user, BusyReads.none());
    }

    /** Every history row, or none when the table does not exist yet: one query, retried while the database is busy. */
    List<HistoryRow> readHistory() throws SQLException {
        return read(() -> history.readIfExists().orElse(List.of()));
    }

    /** One read, retried while the database is busy (see {@link BusyReads}). */
    <T> T read(BusyReads.Read<T> read) throws SQLException {
        return busy.read(this, read);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
