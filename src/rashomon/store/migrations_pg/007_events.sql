-- PostgreSQL twin of migrations/007_events.sql.
CREATE TABLE events (
    id BIGSERIAL PRIMARY KEY,
    story_id BIGINT REFERENCES stories(id),
    title TEXT NOT NULL DEFAULT '',
    start_time TEXT,
    end_time TEXT,
    places TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX events_story ON events(story_id);
ALTER TABLE articles ADD COLUMN event_id BIGINT REFERENCES events(id);
CREATE INDEX articles_event ON articles(event_id);
