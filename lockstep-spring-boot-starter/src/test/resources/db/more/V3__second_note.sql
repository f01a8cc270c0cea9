INSERT INTO notes (id, text) VALUES (2, 'later');
