-- Portable across SQLite, PostgreSQL and MariaDB, so the same files serve the quickstart
-- and production. Ids come from the application: auto-increment is spelled differently in
-- each database (INTEGER PRIMARY KEY, SERIAL or IDENTITY, AUTO_INCREMENT).
CREATE TABLE IF NOT EXISTS customers (
    id         BIGINT       NOT NULL PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    created_at TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
