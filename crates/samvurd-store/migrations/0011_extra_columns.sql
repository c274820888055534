-- Imports as they arrive (issue 19), the rest.
--
-- `kommune`: the applicant's kommune as the register of kommuner found it, «Stavanger (1103)»;
-- NULL when the applicant is not a kommune or the register does not know the name.
-- `extra`: the import file's columns that Samvurd does not know, kept as text so the scorers can
-- read them. JSON, in the file's order: [{"header": "Antall brukere", "value": "40"}, …].
ALTER TABLE application ADD COLUMN kommune TEXT;
ALTER TABLE application ADD COLUMN extra TEXT NOT NULL DEFAULT '[]';
