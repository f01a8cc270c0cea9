package dev.lockstep.db;

/**
 * The kinds of value lockstep keeps in its own tables; each dialect names the SQL type of each ({@link
 * Dialect#columnType}), so one {@link TableSpec} is the DDL of every database.
 */
public enum ColumnType {
    /** A 32-bit integer: ranks, counts of statements. */
    INTEGER,
    /** A 64-bit integer: milliseconds, counts of rows. */
    BIGINT,
    /** Text of at most the column's length: names, checksums, versions. */
    VARCHAR,
    /** Text without a bound: error messages. */
    TEXT,
    /** A point in time, kept in UTC. */
    TIMESTAMP
}
