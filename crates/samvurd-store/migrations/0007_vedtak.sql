-- The SSU's decision (vedtak), recorded after the meeting, beside the innstilling and never over
-- it: the meeting date and case number once, and per application the SSU's outcome, amount, its
-- own note where it decided otherwise, and any conditions (vilkår). Recording it locks the round.

CREATE TABLE vedtak (
    singleton      INTEGER PRIMARY KEY CHECK (singleton = 1),
    meeting_date   TEXT NOT NULL,
    case_number    TEXT NOT NULL,
    as_recommended INTEGER NOT NULL CHECK (as_recommended IN (0, 1)),
    recorded_at    TEXT NOT NULL,
    recorded_by    TEXT NOT NULL
) STRICT;

CREATE TABLE vedtak_decision (
    application TEXT PRIMARY KEY REFERENCES application (reference),
    outcome     TEXT NOT NULL CHECK (outcome IN ('granted', 'partly_granted', 'rejected')),
    amount      TEXT NOT NULL,
    note        TEXT NOT NULL,
    conditions  TEXT NOT NULL
) STRICT;

-- The languages of the documents: the round's Norwegian (bokmål or nynorsk) for the innstilling
-- and letters, and the chair's choice of letter language per application (bokmål, nynorsk or
-- North Sámi); an application without a row gets the default (North Sámi with a Norwegian copy
-- for applicants in the Sámi language administrative area, otherwise the round's language).

CREATE TABLE document_language (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    language  TEXT NOT NULL CHECK (language IN ('nb', 'nn'))
) STRICT;

CREATE TABLE letter_language (
    application TEXT PRIMARY KEY REFERENCES application (reference),
    language    TEXT NOT NULL CHECK (language IN ('nb', 'nn', 'se'))
) STRICT;
