-- SQLite: notes with an audit log kept by triggers.
PRAGMA foreign_keys = ON;

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    [body text] TEXT NOT NULL,     -- bracket identifier; legal in SQLite
    `state` TEXT NOT NULL DEFAULT 'draft'
);

CREATE TABLE note_log (note_id INTEGER, action TEXT, at TEXT DEFAULT (datetime('now')));

/* Triggers: the bodies contain semicolons; they end at END; */
CREATE TRIGGER notes_after_insert AFTER INSERT ON notes
BEGIN
    INSERT INTO note_log (note_id, action) VALUES (NEW.id, 'insert; new');
END;

CREATE TRIGGER IF NOT EXISTS notes_after_update AFTER UPDATE OF state ON notes
WHEN OLD.state <> NEW.state
BEGIN
    INSERT INTO note_log (note_id, action)
    VALUES (NEW.id, CASE NEW.state WHEN 'published' THEN 'publish' ELSE 'edit' END);
    UPDATE notes SET [body text] = trim([body text]) WHERE id = NEW.id;
END;

INSERT INTO notes ([body text]) VALUES ('it''s; the first');
CREATE INDEX notes_state ON notes (state)
