-- The application's own document (issue 15): a path or a link, never the file itself. A path
-- inside the round's folder is kept relative to it, so the folder can be moved or sent as a
-- whole; the app resolves it when a member presses «Åpne søknaden».
CREATE TABLE application_document (
    application TEXT PRIMARY KEY REFERENCES application (reference),
    location    TEXT NOT NULL
) STRICT;
