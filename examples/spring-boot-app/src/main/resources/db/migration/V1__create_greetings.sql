-- The app's own table, in SQL that runs unchanged on PostgreSQL, MariaDB and SQLite (ids come from the app:
-- each database spells auto-increment differently).
CREATE TABLE IF NOT EXISTS greetings (
    id   BIGINT       NOT NULL PRIMARY KEY,
    text VARCHAR(200) NOT NULL
);
