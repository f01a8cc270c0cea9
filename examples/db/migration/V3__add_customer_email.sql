-- Nullable: existing customers have no address, and a NOT NULL column without a default
-- would fail on a table that already has rows.
-- ADD COLUMN IF NOT EXISTS is not portable (SQLite has no such form), so this statement
-- relies on the history table alone to run once. The lock-friendly forms (a lock_timeout,
-- ALGORITHM=INSTANT) are each one dialect's too, and a quickstart table is small.
-- lockstep:ignore LS103,LS207,LS301 portable across SQLite, PostgreSQL and MariaDB; a small table
ALTER TABLE customers ADD COLUMN email VARCHAR(320);

-- Unique, yet many customers may still have no address: all three databases let NULLs repeat
-- in a unique index. CONCURRENTLY (PostgreSQL) and ALGORITHM=INPLACE (MariaDB) are not portable.
-- lockstep:ignore LS201,LS303 portable across SQLite, PostgreSQL and MariaDB; a small table
CREATE UNIQUE INDEX IF NOT EXISTS customers_email_uq ON customers (email);
