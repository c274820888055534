-- What the meeting records beside the scores (issue 16): the working group's leader and deputy,
-- who chairs an item the leader is recused from, the group's consensus record per application,
-- and the grey-zone lottery (its seed, where the seed comes from, and the applications in it;
-- the draw itself is recomputed from the seed, and is also written to the audit log).

CREATE TABLE meeting_chairs (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    chair     TEXT REFERENCES member (id),
    deputy    TEXT REFERENCES member (id)
) STRICT;

CREATE TABLE item_chair (
    application TEXT PRIMARY KEY REFERENCES application (reference),
    member      TEXT NOT NULL REFERENCES member (id),
    updated_at  TEXT NOT NULL
) STRICT;

CREATE TABLE consensus (
    application      TEXT PRIMARY KEY REFERENCES application (reference),
    assessment       TEXT NOT NULL,
    majority         TEXT NOT NULL,
    minority         TEXT NOT NULL,
    -- A JSON array of member ids, in the round's member order.
    minority_members TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;

CREATE TABLE lottery (
    singleton    INTEGER PRIMARY KEY CHECK (singleton = 1),
    seed         TEXT NOT NULL,
    source       TEXT NOT NULL,
    -- A JSON array of application references, as the chair put them in the draw.
    applications TEXT NOT NULL,
    drawn_at     TEXT NOT NULL,
    drawn_by     TEXT NOT NULL
) STRICT;
