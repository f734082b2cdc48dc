-- One row counting completed ingest runs (any process). An engine that finds a value
-- other than the one its own last run left knows another process wrote, and rebuilds its
-- clustering state from the store before placing anything (issue 12: a web upload and a
-- CLI ingest of the same story must agree).
CREATE TABLE IF NOT EXISTS store_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL
);
INSERT OR IGNORE INTO store_generation (id, value) VALUES (1, 0);
