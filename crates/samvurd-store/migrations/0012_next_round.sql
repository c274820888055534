-- «Ny runde fra denne» (issue 18): the round this one was made from, last year's grants that
-- continue into it, and which applications of this round continue them (videreføring).
--
-- `previous_round`: the previous round's id, title and file name (a link, never its scores), the
-- year this round is for, and the reporting rules the previous round followed up with (JSON of
-- samvurd-core's `ReportingRules`; NULL when they were not known), for this round's follow-up.
CREATE TABLE previous_round (
    singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
    round_id        TEXT NOT NULL,
    title           TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    year            INTEGER NOT NULL,
    reporting_rules TEXT,
    linked_at       TEXT NOT NULL
) STRICT;

-- Last year's grants whose project period runs into this round's year, as the vedtak granted
-- them, with the follow-up register's report tally on the day this round was made (NULL when the
-- register was not opened).
CREATE TABLE continuation_candidate (
    reference        TEXT PRIMARY KEY,
    position         INTEGER NOT NULL UNIQUE,
    title            TEXT NOT NULL,
    applicant        TEXT NOT NULL,
    outcome          TEXT NOT NULL CHECK (outcome IN ('granted', 'partly_granted')),
    granted          TEXT NOT NULL,
    period_start     TEXT,
    period_end       TEXT,
    reports_as_of    TEXT,
    reports_owed     INTEGER,
    reports_received INTEGER,
    reports_overdue  INTEGER,
    CHECK ((reports_as_of IS NULL) = (reports_owed IS NULL))
) STRICT;

-- An application of this round that continues one of last year's grants, matched by reference
-- or by title (normalised: case and whitespace) when it was added.
CREATE TABLE application_continuation (
    application TEXT PRIMARY KEY REFERENCES application (reference),
    continues   TEXT NOT NULL REFERENCES continuation_candidate (reference),
    matched_by  TEXT NOT NULL CHECK (matched_by IN ('reference', 'title'))
) STRICT;
