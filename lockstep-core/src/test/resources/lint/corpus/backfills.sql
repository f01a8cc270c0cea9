UPDATE orders SET total = 0;
UPDATE orders SET total = 0 WHERE total IS NULL;
UPDATE ONLY orders SET total = 0 WHERE total IS NULL;
UPDATE LOW_PRIORITY IGNORE orders SET total = 0;
UPDATE OR REPLACE orders SET total = 0;
DELETE FROM orders WHERE id = 7;
DELETE FROM orders WHERE id IN (1, 2, 3);
DELETE FROM orders WHERE id IN (1, 2) AND x = 1;
DELETE FROM orders WHERE id = ?;
DELETE FROM orders WHERE id = $1;
DELETE FROM orders WHERE name = 'x';
DELETE QUICK FROM shop.orders WHERE id > 7;
UPDATE orders SET total = 0 WHERE total IS NULL LIMIT 5000;
UPDATE orders SET total = 0 WHERE id IN (SELECT id FROM orders WHERE total IS NULL LIMIT 5000);
UPDATE orders SET total = 0 WHERE id IN (SELECT id FROM orders FETCH FIRST 10 ROWS ONLY);
-- lockstep:batch
UPDATE orders SET total = 0 WHERE id IN (SELECT id FROM orders WHERE total IS NULL LIMIT 5000);
UPDATE "Orders" SET total = 0;
UPDATE `Orders` SET total = 0;
