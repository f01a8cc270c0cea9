package dev.lockstep.lint;

/**
 * The text {@code lockstep new} writes: comments that show the safe form of common changes for the
 * dialect, so copying an example gives an idempotent statement that locks as little as possible. The
 * examples are commented out: an untouched new file applies nothing, and lints clean.
 */
public final class MigrationTemplate {

    private MigrationTemplate() {
    }

    /** The up (versioned) migration. */
    public static String up(LintDialect dialect, String description) {
        String header = "-- " + description + "\n"
                + "-- Write statements that can run twice (lockstep retries an interrupted migration), and remember\n"
                + "-- that replicas of the previous release keep running until the rollout ends: add, never rename\n"
                + "-- or drop in the same release. Check the file with: lockstep lint --dialect " + dialect.label() + "\n\n";
        return header + switch (dialect) {
            case POSTGRESQL -> """
                    -- lockstep bounds every lock wait (--ddl-lock-timeout) and retries a migration that meets a
                    -- busy table, so DDL never queues the application's queries behind it for long.

                    -- CREATE TABLE IF NOT EXISTS example (
                    --     id         BIGINT      NOT NULL PRIMARY KEY,
                    --     created_at TIMESTAMPTZ NOT NULL DEFAULT now()
                    -- );
                    -- ALTER TABLE example ADD COLUMN IF NOT EXISTS note TEXT;
                    -- ALTER TABLE example ADD CONSTRAINT example_note_len CHECK (length(note) < 1000) NOT VALID;
                    -- On a table that has rows, index in a migration of its own (it runs outside a transaction):
                    -- CREATE INDEX CONCURRENTLY IF NOT EXISTS example_created_idx ON example (created_at);
                    """;
            case MYSQL -> """
                    -- MySQL commits each DDL statement at once: keep DDL and row changes in separate migrations.
                    -- CREATE TABLE IF NOT EXISTS example (
                    --     id         BIGINT    NOT NULL PRIMARY KEY,
                    --     created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
                    -- );
                    -- ALTER TABLE example ADD COLUMN note TEXT, ALGORITHM=INSTANT;
                    -- ALTER TABLE example ADD INDEX example_created_idx (created_at), ALGORITHM=INPLACE, LOCK=NONE;
                    """;
            case MARIADB -> """
                    -- MariaDB commits each DDL statement at once: keep DDL and row changes in separate migrations.
                    -- CREATE TABLE IF NOT EXISTS example (
                    --     id         BIGINT    NOT NULL PRIMARY KEY,
                    --     created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
                    -- );
                    -- ALTER TABLE example ADD COLUMN IF NOT EXISTS note TEXT, ALGORITHM=INSTANT;
                    -- ALTER TABLE example ADD INDEX IF NOT EXISTS example_created_idx (created_at), ALGORITHM=INPLACE, LOCK=NONE;
                    """;
            case SQLITE -> """
                    -- CREATE TABLE IF NOT EXISTS example (
                    --     id         INTEGER   NOT NULL PRIMARY KEY,
                    --     created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
                    -- );
                    -- CREATE INDEX IF NOT EXISTS example_created_idx ON example (created_at);
                    -- SQLite has no ADD COLUMN IF NOT EXISTS: the history table alone makes this run once.
                    -- ALTER TABLE example ADD COLUMN note TEXT;
                    """;
        };
    }

    /** The undo (down) migration. */
    public static String down(LintDialect dialect, String description) {
        return "-- Undo: " + description + "\n"
                + "-- Reverse the up migration with statements that can run twice.\n\n"
                + "-- DROP INDEX IF EXISTS example_created_idx;\n"
                + "-- DROP TABLE IF EXISTS example;\n";
    }
}
