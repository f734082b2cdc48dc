-- The change journal: several ingest processes share one store (pipeline/sharing.py).
-- Every INSERT of an article, and every UPDATE of what clustering holds of it (its story,
-- event, original, content), stamps the row with the next number of one counter; a
-- deleted article leaves a tombstone numbered the same way. Articles are only written
-- under the store's writer lock (Store.writer), so numbering order is commit order: a
-- process that takes the lock reads the rows numbered past what it saw at its last hold,
-- and nothing else. Rows written before this migration keep 0 (a restore reads them).
ALTER TABLE articles ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS change_counter (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT OR IGNORE INTO change_counter (id, value) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS article_tombstones (
    change_seq INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_change_seq ON articles (change_seq);
CREATE TRIGGER articles_journal_insert AFTER INSERT ON articles BEGIN
    UPDATE change_counter SET value = value + 1 WHERE id = 1;
    UPDATE articles SET change_seq = (SELECT value FROM change_counter WHERE id = 1)
        WHERE id = new.id;
END;
CREATE TRIGGER articles_journal_update
AFTER UPDATE OF story_id, event_id, duplicate_of, content_hash ON articles BEGIN
    UPDATE change_counter SET value = value + 1 WHERE id = 1;
    UPDATE articles SET change_seq = (SELECT value FROM change_counter WHERE id = 1)
        WHERE id = new.id;
END;
CREATE TRIGGER articles_journal_delete AFTER DELETE ON articles BEGIN
    UPDATE change_counter SET value = value + 1 WHERE id = 1;
    INSERT INTO article_tombstones (change_seq, article_id)
        SELECT value, old.id FROM change_counter WHERE id = 1;
END;
