INSERT INTO greetings (id, text) VALUES (1, 'Hello from a schema lockstep migrated');
