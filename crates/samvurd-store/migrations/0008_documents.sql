-- The application's own document (issue 15): a path or a link, never the file itself. A path
-- inside the round's folder is kept relative to it, so the folder can be moved or sent as a
-- whole; the app resolves it when a member presses «Åpne søknaden».
CREATE TABLE application_document (
    application TEXT PRIMARY KEY REFERENCES application (reference),
    location    TEXT NOT NULL
) STRICT;

-- Justified changes of method after scoring has begun are read with every load of the round
-- (the innstilling's method appendix lists them); the index keeps that a lookup, not a scan
-- of a log that grows with every score.
CREATE INDEX audit_log_action ON audit_log (action);
