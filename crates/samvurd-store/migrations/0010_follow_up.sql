-- The follow-up register after the grant (issue 18). It opens after the SSU's vedtak and stays
-- writable in a locked round through its own audited changes; scores and recommendations stay
-- locked.
--
-- `follow_up` holds the reporting rules the due dates were computed from (JSON of samvurd-core's
-- `ReportingRules`), so the dates stay explainable when the template changes later.
CREATE TABLE follow_up (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    rules     TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    opened_by TEXT NOT NULL
) STRICT;

-- Every report a granted application owes: kind, its number among reports of that kind, the
-- due date, and once received the date, a note, and the report file's name and SHA-256 (the
-- file itself is not stored, only referenced).
CREATE TABLE follow_up_report (
    application TEXT NOT NULL REFERENCES application (reference),
    kind        TEXT NOT NULL CHECK (kind IN ('status', 'periodic', 'final', 'confirmation')),
    number      INTEGER NOT NULL CHECK (number >= 1),
    due         TEXT NOT NULL,
    received_on TEXT,
    note        TEXT NOT NULL,
    file_name   TEXT,
    file_sha256 TEXT CHECK (file_sha256 IS NULL OR length(file_sha256) = 64),
    PRIMARY KEY (application, kind, number)
) STRICT;

-- Per granted application: the amount paid out, whether the money is used as planned (NULL
-- deviation) or not (the deviation's text), and the SSU's written consent to a changed use.
CREATE TABLE follow_up_grant (
    application  TEXT PRIMARY KEY REFERENCES application (reference),
    paid_out     TEXT NOT NULL,
    deviation    TEXT,
    consent_date TEXT,
    consent_case TEXT,
    CHECK ((consent_date IS NULL) = (consent_case IS NULL))
) STRICT;
