INSERT INTO settings (k, v) VALUES ('a', 'b');
ALTER TABLE settings ADD COLUMN note TEXT;
DELETE FROM settings WHERE k = 'a';
