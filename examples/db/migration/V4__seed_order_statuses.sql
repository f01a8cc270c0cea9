-- Reference data lives in a migration so every environment has the same codes.
-- lockstep:ignore LS403 every statement here is safe to run twice, so a retry after a partial failure converges
CREATE TABLE IF NOT EXISTS order_statuses (
    code  VARCHAR(20) NOT NULL PRIMARY KEY,
    label VARCHAR(100) NOT NULL
);

-- INSERT ... SELECT ... WHERE NOT EXISTS is the idempotent insert all three databases accept
-- (ON CONFLICT DO NOTHING and INSERT IGNORE are each one dialect only).
INSERT INTO order_statuses (code, label)
SELECT 'new', 'New' WHERE NOT EXISTS (SELECT 1 FROM order_statuses WHERE code = 'new');
INSERT INTO order_statuses (code, label)
SELECT 'paid', 'Paid' WHERE NOT EXISTS (SELECT 1 FROM order_statuses WHERE code = 'paid');
INSERT INTO order_statuses (code, label)
SELECT 'shipped', 'Shipped' WHERE NOT EXISTS (SELECT 1 FROM order_statuses WHERE code = 'shipped');
INSERT INTO order_statuses (code, label)
SELECT 'cancelled', 'Cancelled' WHERE NOT EXISTS (SELECT 1 FROM order_statuses WHERE code = 'cancelled');
