package dev.lockstep.sql;

/** What a statement does, judged by its own leading keywords (never by a word found anywhere in it). */
public enum StatementKind {
    /** Changes the schema: CREATE, ALTER, DROP, RENAME, TRUNCATE, COMMENT ON, GRANT, REVOKE ... */
    DDL,
    /** Changes rows: INSERT, UPDATE, DELETE, MERGE, REPLACE, COPY, CALL, DO. */
    DML,
    /** Reads only: SELECT (without INTO), SHOW, EXPLAIN, VALUES, WITH ... SELECT. */
    QUERY,
    /** Changes the session: SET, RESET, USE, DISCARD, PRAGMA. */
    SESSION,
    /** Opens or ends a transaction: BEGIN, START TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT. */
    TRANSACTION_CONTROL,
    /** Anything else (VACUUM, ANALYZE, LOCK, ...). */
    OTHER
}
