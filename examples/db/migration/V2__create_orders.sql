-- IF NOT EXISTS everywhere: MySQL and MariaDB commit each DDL statement at once, so a
-- replica killed between these two statements leaves the table behind, and the retry
-- must step over it instead of failing.
CREATE TABLE IF NOT EXISTS orders (
    id          BIGINT      NOT NULL PRIMARY KEY,
    customer_id BIGINT      NOT NULL,
    status      VARCHAR(20) NOT NULL,
    total_cents BIGINT      NOT NULL,
    placed_at   TIMESTAMP   NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- Table-level form: some MySQL versions parse a REFERENCES clause on the column and ignore it.
    CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id)
);

-- Serves "latest orders of one customer", the page every support request starts from.
-- MySQL 8 has no IF NOT EXISTS for indexes (MariaDB, PostgreSQL and SQLite do).
CREATE INDEX IF NOT EXISTS orders_customer_placed_idx ON orders (customer_id, placed_at);
