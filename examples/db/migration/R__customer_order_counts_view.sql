-- Repeatable: re-applied after the versioned migrations whenever this file changes, so the
-- view always matches the tables it reads. Drop and create, because CREATE OR REPLACE VIEW
-- does not exist in SQLite and PostgreSQL refuses it when a column is renamed or dropped.
DROP VIEW IF EXISTS customer_order_counts;

CREATE VIEW customer_order_counts AS
SELECT c.id        AS customer_id,
       c.name      AS customer_name,
       COUNT(o.id) AS order_count
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.id, c.name;
