-- Events: one incident (one attack, one vote, one quake) inside a story. An article
-- belongs to one event; an event to one story. Span and places are what the clusterer
-- last computed from the event's articles (rashomon.cluster.online).
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    story_id INTEGER REFERENCES stories(id),
    title TEXT NOT NULL DEFAULT '',
    start_time TEXT,
    end_time TEXT,
    places TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX events_story ON events(story_id);
ALTER TABLE articles ADD COLUMN event_id INTEGER REFERENCES events(id);
CREATE INDEX articles_event ON articles(event_id);
