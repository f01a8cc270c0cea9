SET lock_timeout = 0;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS y int;
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_y ON orders (y);
SET LOCAL lock_timeout = '2s';
ALTER TABLE orders ADD COLUMN IF NOT EXISTS z int;
SET SESSION lock_timeout = DEFAULT;
CREATE INDEX IF NOT EXISTS orders_z ON orders (z);
