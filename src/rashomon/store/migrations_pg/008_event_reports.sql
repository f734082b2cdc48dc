-- The comparison of each event (one incident of a story), cached on its own so that an
-- article joining one event of a story recompares that event only (rashomon.compare.story).
-- Key: "<story id>:<event id>" (or ":a<lowest article id>" for an event without an id);
-- version: compare/extractor versions, model and the event's article texts.
CREATE TABLE event_reports (
    event_key TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    body TEXT NOT NULL,
    built_at TEXT NOT NULL
);
