-- Settings that belong to one copy of the round rather than to the round itself, such as which
-- member this copy belongs to ("who are you" on a member's laptop).
CREATE TABLE local_setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
