-- The first schema of a round file. Migrations are append-only: never edit a released file,
-- add 0002_*.sql instead. Money is stored as canonical decimal text, never REAL.

CREATE TABLE round (
    singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
    round_id        TEXT NOT NULL,
    title           TEXT NOT NULL,
    helsefellesskap TEXT NOT NULL,
    budget_frame    TEXT NOT NULL,
    deadline        TEXT,
    scale_min       INTEGER NOT NULL,
    scale_max       INTEGER NOT NULL CHECK (scale_max > scale_min),
    aggregation     TEXT NOT NULL CHECK (aggregation IN ('mean', 'median')),
    template_id     TEXT NOT NULL,
    created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE scale_descriptor (
    value INTEGER PRIMARY KEY,
    label TEXT NOT NULL
) STRICT;

CREATE TABLE criterion (
    id                   TEXT PRIMARY KEY,
    position             INTEGER NOT NULL UNIQUE,
    name                 TEXT NOT NULL,
    guidance             TEXT NOT NULL,
    weight               TEXT NOT NULL,
    allow_not_applicable INTEGER NOT NULL CHECK (allow_not_applicable IN (0, 1))
) STRICT;

CREATE TABLE gate (
    id       TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    question TEXT NOT NULL,
    guidance TEXT NOT NULL
) STRICT;

CREATE TABLE member (
    id           TEXT PRIMARY KEY,
    position     INTEGER NOT NULL UNIQUE,
    name         TEXT NOT NULL,
    organisation TEXT NOT NULL,
    role         TEXT NOT NULL
) STRICT;

CREATE TABLE application (
    reference                TEXT PRIMARY KEY,
    position                 INTEGER NOT NULL UNIQUE,
    title                    TEXT NOT NULL,
    applicant                TEXT NOT NULL,
    applicant_side           TEXT NOT NULL,
    partners                 TEXT NOT NULL,
    priority_area            TEXT NOT NULL,
    period_start             TEXT,
    period_end               TEXT,
    amount_requested         TEXT NOT NULL,
    own_contribution_kommune TEXT NOT NULL,
    own_contribution_hf      TEXT NOT NULL,
    summary                  TEXT NOT NULL,
    kind                     TEXT NOT NULL
) STRICT;

-- One record per (member, application, criterion). `revision` and `updated_at` order the
-- versions of a record for the chair's merge; a cleared score is kept as a tombstone
-- (`cleared = 1`) so that an older copy cannot bring it back.
CREATE TABLE score (
    member         TEXT NOT NULL REFERENCES member (id),
    application    TEXT NOT NULL REFERENCES application (reference),
    criterion      TEXT NOT NULL REFERENCES criterion (id),
    value          INTEGER,
    not_applicable INTEGER NOT NULL CHECK (not_applicable IN (0, 1)),
    justification  TEXT NOT NULL,
    revision       INTEGER NOT NULL,
    updated_at     TEXT NOT NULL,
    cleared        INTEGER NOT NULL DEFAULT 0 CHECK (cleared IN (0, 1)),
    PRIMARY KEY (member, application, criterion),
    CHECK (cleared = 1 OR (not_applicable = 1) = (value IS NULL))
) STRICT;

CREATE TABLE recusal (
    member      TEXT NOT NULL REFERENCES member (id),
    application TEXT NOT NULL REFERENCES application (reference),
    reason      TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    updated_at  TEXT NOT NULL,
    cleared     INTEGER NOT NULL DEFAULT 0 CHECK (cleared IN (0, 1)),
    PRIMARY KEY (member, application)
) STRICT;

CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
