-- What the recommendation engine needs from the chair: the round's options (as JSON, so options
-- added later load with their defaults), the answers to the gates, and the chair's
-- recommendation per application, stored beside (never over) the computed proposal.

CREATE TABLE round_options (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    options   TEXT NOT NULL
) STRICT;

CREATE TABLE gate_answer (
    application TEXT NOT NULL REFERENCES application (reference),
    gate        TEXT NOT NULL REFERENCES gate (id),
    passed      INTEGER NOT NULL CHECK (passed IN (0, 1)),
    note        TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (application, gate)
) STRICT;

CREATE TABLE recommendation (
    application   TEXT PRIMARY KEY REFERENCES application (reference),
    outcome       TEXT NOT NULL CHECK (outcome IN ('granted', 'partly_granted', 'rejected')),
    amount        TEXT NOT NULL,
    justification TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
