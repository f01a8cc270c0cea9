package dev.lockstep.db;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One of lockstep's own tables, as columns in order and a primary key: the one place its shape is written. The
 * dialect names each column's SQL type and the table's options; {@link #createSql} writes the
 * {@code CREATE TABLE IF NOT EXISTS} every database runs.
 *
 * <p>Hazard: a table already created by a released lockstep is read as it is and never altered, so a column's name,
 * type or order here changes nothing in existing databases. Change the spec only together with a migration of
 * lockstep's own tables (there is none yet: a new column goes into a new table, as a key-range backfill's
 * {@code last_key} went into {@link LockstepTables#BATCH_KEY}), and keep {@code LockstepTablesTest}'s pinned DDL in step.
 */
public record TableSpec(List<Column> columns, List<String> primaryKey) {

    /**
     * @param length the longest value of a {@link ColumnType#VARCHAR}; 0 for the other types
     */
    public record Column(String name, ColumnType type, int length, boolean notNull) {
    }

    public TableSpec {
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
    }

    /** The column names in order, as a {@code SELECT} or {@code INSERT} lists them. */
    public String columnList() {
        return columns.stream().map(Column::name).collect(Collectors.joining(", "));
    }

    /**
     * {@code CREATE TABLE IF NOT EXISTS} in this dialect. A one-column key is written on its column ({@code NOT NULL
     * PRIMARY KEY}), a longer one after the columns, as lockstep has always written them.
     */
    public String createSql(Dialect dialect, String qualifiedName) {
        boolean inline = primaryKey.size() == 1;
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualifiedName).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            sql.append(i == 0 ? "" : ", ").append(column.name()).append(' ')
                    .append(dialect.columnType(column.type(), column.length()));
            if (column.notNull()) {
                sql.append(" NOT NULL");
            }
            if (inline && primaryKey.get(0).equals(column.name())) {
                sql.append(" PRIMARY KEY");
            }
        }
        if (!inline) {
            sql.append(", PRIMARY KEY (").append(String.join(", ", primaryKey)).append(')');
        }
        return sql.append(')').append(dialect.tableOptions()).toString();
    }
}
