package dev.lockstep.engine;

import dev.lockstep.db.CatalogProbe;
import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.model.Migration;
import dev.lockstep.sql.CatalogFact;
import dev.lockstep.sql.KeyRange;
import dev.lockstep.sql.Statement;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * The table of a backfill bounded by key ranges ({@code -- lockstep:batch key=id}), once its key is known to be the
 * table's primary key of one integer column: finds each batch's range by walking the key's index past the last key
 * done ({@link KeyRange#walk}), and runs the statement over it. The walk reads {@code size} keys of the index, so a
 * range spans that many rows however sparse the keys are, and no batch scans the rows already done.
 */
final class KeyedTable {

    /** {@code key=} does not name the table's primary key of one integer column: the file must change. */
    static final class Refused extends SQLException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** Runs a batch's statement with its key bounds as parameters; the rows it changed. */
    @FunctionalInterface
    interface Runner {
        long run(String sql, List<Long> bounds) throws SQLException;
    }

    private final Session session;
    private final KeyRange range;

    private KeyedTable(Session session, KeyRange range) {
        this.session = session;
        this.range = range;
    }

    /**
     * The keyed table of a backfill statement, its key checked against the catalog.
     *
     * @throws Refused when the table has no primary key, or one of several columns, of another column or of a type
     *                 that is not an integer
     */
    static KeyedTable check(Session session, Migration migration, Statement statement) throws SQLException {
        KeyRange range = KeyRange.of(statement, session.dialect().sqlDialect());
        String problem = problem(session.dialect().catalog(session.connection()), range);
        if (problem != null) {
            throw new Refused(refusal(migration, statement, range, problem));
        }
        return new KeyedTable(session, range);
    }

    /**
     * Before a migration starts: refuses, naming the file and line, a keyed backfill of a table that exists already and
     * whose primary key is not {@code key=}, so that nothing of the file runs. A table the file itself creates is
     * checked when its backfill starts.
     */
    static void checkBeforeStart(Session session, Migration migration, List<Statement> statements) throws SQLException {
        CatalogProbe catalog = session.dialect().catalog(session.connection());
        for (Statement statement : statements) {
            if (!statement.isBatch() || !statement.batch().keyed()) {
                continue;
            }
            KeyRange range = KeyRange.of(statement, session.dialect().sqlDialect());
            CatalogFact table = new CatalogFact(CatalogFact.ObjectType.TABLE, range.schema(), null, range.name(), true);
            if (!catalog.exists(table).orElse(false)) {
                continue;
            }
            String problem = problem(catalog, range);
            if (problem != null) {
                throw new LockstepException(Reason.INVALID_MIGRATIONS, refusal(migration, statement, range, problem)
                        + " Nothing was applied from it.");
            }
        }
    }

    /** What is wrong with the key, or {@code null}. */
    private static String problem(CatalogProbe catalog, KeyRange range) throws SQLException {
        List<CatalogProbe.KeyColumn> key = catalog.primaryKey(range.schema(), range.name());
        if (key.isEmpty()) {
            return range.table() + " has no primary key (or lockstep finds no such table)";
        }
        if (key.size() > 1) {
            return "the primary key of " + range.table() + " has " + key.size() + " columns ("
                    + key.stream().map(CatalogProbe.KeyColumn::name).collect(Collectors.joining(", ")) + ")";
        }
        CatalogProbe.KeyColumn column = key.get(0);
        if (!column.name().equalsIgnoreCase(range.key())) {
            return "the primary key of " + range.table() + " is " + column.name() + ", not " + range.key();
        }
        if (!column.integer()) {
            return "its primary key " + column.name() + " is of type " + column.type() + ", not an integer";
        }
        return null;
    }

    private static String refusal(Migration migration, Statement statement, KeyRange range, String problem) {
        return migration.path() + ":" + statement.line() + ": " + statement.batch().comment() + " bounds each batch by"
                + " a range of the table's primary key, but " + problem + ". Key ranges need a primary key of one integer"
                + " column: name it in key=, or drop key= and make the statement bound itself (WHERE " + range.key()
                + " IN (SELECT " + range.key() + " FROM " + range.table() + " WHERE ... LIMIT 5000)).";
    }

    /** How many keys are past {@code after} ({@code null}: all of them): the exact rows left when the backfill starts. */
    long keysLeft(Long after) throws SQLException {
        try (PreparedStatement s = session.connection().prepareStatement(range.keysLeft(after == null))) {
            if (after != null) {
                s.setLong(1, after);
            }
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /**
     * One batch, in the caller's transaction: the range of the next {@code size} keys past {@code after} ({@code null}:
     * from the first key), and the statement run over it; {@link Backfill.Batch#LAST} when no key is left.
     */
    Backfill.Batch batch(Long after, Runner runner) throws SQLException {
        long upTo;
        long keys;
        try (PreparedStatement s = session.connection().prepareStatement(range.walk(after == null))) {
            if (after != null) {
                s.setLong(1, after);
            }
            try (ResultSet row = s.executeQuery()) {
                if (!row.next()) {
                    return Backfill.Batch.LAST;
                }
                upTo = row.getLong(1);
                if (row.wasNull()) {
                    return Backfill.Batch.LAST;
                }
                keys = row.getLong(2);
            }
        }
        long changed = after == null ? runner.run(range.firstStatement(), List.of(upTo))
                : runner.run(range.statement(), List.of(after, upTo));
        return new Backfill.Batch(changed, upTo, keys, false);
    }

    /**
     * The catalog's estimate of the rows of the table a self-bounded backfill changes, without counting them; -1 where
     * the catalog keeps none or the statement's table cannot be read. A failed look-up costs only the estimate.
     */
    static long estimatedRows(Session session, Statement statement) {
        var table = KeyRange.tableOf(statement.sql(), session.dialect().sqlDialect());
        if (table.isEmpty()) {
            return -1;
        }
        try {
            OptionalLong rows = session.dialect().catalog(session.connection())
                    .estimatedRows(table.get().schema(), table.get().name());
            return rows.orElse(-1);
        } catch (SQLException e) {
            return -1;
        }
    }
}
