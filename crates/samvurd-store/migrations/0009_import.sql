-- Imports as they arrive (issue 19).
--
-- The columns a person chose for an application import, saved with the round per form: `form`
-- is the file's headers, normalised and joined with « | », so the next export of the same form
-- finds it. `columns` is JSON: [{"field": "beløp", "header": "Søkt beløp (kr)"}, …].
CREATE TABLE import_mapping (
    form     TEXT PRIMARY KEY,
    columns  TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    saved_by TEXT NOT NULL
) STRICT;
