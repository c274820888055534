-- The round's lock: set by the chair after the SSU's decision. While a row is here the file
-- takes no change except unlocking (itself a logged chair action with a reason).

CREATE TABLE round_lock (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    locked_at TEXT NOT NULL,
    locked_by TEXT NOT NULL,
    reason    TEXT NOT NULL
) STRICT;
