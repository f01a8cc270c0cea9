INSERT INTO notes (id, text) VALUES (1, 'migrated');
