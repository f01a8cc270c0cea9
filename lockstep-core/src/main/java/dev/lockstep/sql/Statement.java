package dev.lockstep.sql;

import java.util.Objects;

/**
 * One statement of a migration file, as the database will receive it.
 *
 * @param sql              the statement text without its trailing delimiter
 * @param line             1-based line in the file where the statement's first token stands
 * @param kind             what the statement does
 * @param nonTransactional whether the database refuses to run it inside a transaction
 *                         ({@code CREATE INDEX CONCURRENTLY}, {@code VACUUM}, {@code CREATE DATABASE} ...)
 * @param dropsSessionState whether it would drop the session's locks or settings that lockstep relies on
 *                         ({@code DISCARD ALL}, {@code RESET ALL}, {@code pg_advisory_unlock_all()},
 *                         {@code RELEASE_ALL_LOCKS()})
 * @param batch            the {@code -- lockstep:batch} directive on the line before it, or {@code null}: a
 *                         backfill runs again and again, a batch per transaction, until it changes no row
 */
public record Statement(String sql, int line, StatementKind kind, boolean nonTransactional, boolean dropsSessionState,
                        BatchDirective batch) {

    public Statement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(kind, "kind");
        if (line < 1) {
            throw new IllegalArgumentException("line must be 1 or more: " + line);
        }
    }

    public Statement(String sql, int line, StatementKind kind, boolean nonTransactional, boolean dropsSessionState) {
        this(sql, line, kind, nonTransactional, dropsSessionState, null);
    }

    /** Whether it is a backfill, run in batches until it changes no row. */
    public boolean isBatch() {
        return batch != null;
    }

    Statement withBatch(BatchDirective directive) {
        return new Statement(sql, line, kind, nonTransactional, dropsSessionState, directive);
    }
}
