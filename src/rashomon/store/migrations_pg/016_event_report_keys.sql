-- The event comparisons of one story are deleted by a range of their keys, "<id>:" to
-- "<id>;" (a story merge, a pruned report: store/sql.py STORY_EVENT_KEYS). With the
-- key in the database's default collation, LIKE '<id>:%' (the statement before) cannot
-- be served by the key's index on PostgreSQL 15 unless that collation is "C" (C.UTF-8
-- is not): every merge read the whole table; and under a linguistic collation
-- (en_US.UTF-8: punctuation weighs nothing at first) the range itself would miss keys.
-- The keys are ASCII, so byte order ("C") is the order they need; the primary key's
-- index is rebuilt in it.
ALTER TABLE event_reports ALTER COLUMN event_key TYPE TEXT COLLATE "C";
