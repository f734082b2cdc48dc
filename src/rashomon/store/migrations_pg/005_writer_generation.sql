-- One row counting completed ingest runs (any process); see the SQLite migration.
CREATE TABLE IF NOT EXISTS store_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL
);
INSERT INTO store_generation (id, value) VALUES (1, 0) ON CONFLICT (id) DO NOTHING;
