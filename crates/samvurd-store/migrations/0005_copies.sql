-- Member copies you can trust (issue 13).
--
-- 1. Who you are belongs to the machine, not to the file: the identity a copy carried in
--    `local_setting` is removed; the app keeps it in its own data directory, keyed by round id.
DELETE FROM local_setting WHERE key = 'identity';

-- 2. The versions of a record are ordered by a hybrid logical clock (milliseconds since 1970
--    times 65 536, plus a counter), then revision, then a hash of the content. Existing rows get
--    the clock of their `updated_at` (always written with milliseconds), counter 0: exactly what
--    a version-1 score file's record gets when it is read.
ALTER TABLE score ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
UPDATE score SET clock = (CAST(strftime('%s', updated_at) AS INTEGER) * 1000
    + CAST(substr(updated_at, 21, 3) AS INTEGER)) * 65536;
ALTER TABLE recusal ADD COLUMN clock INTEGER NOT NULL DEFAULT 0;
UPDATE recusal SET clock = (CAST(strftime('%s', updated_at) AS INTEGER) * 1000
    + CAST(substr(updated_at, 21, 3) AS INTEGER)) * 65536;

-- 3. Trust on first merge: the key the master has accepted for each member's score files.
CREATE TABLE member_key (
    member      TEXT PRIMARY KEY REFERENCES member (id),
    public_key  TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    trusted_at  TEXT NOT NULL,
    trusted_by  TEXT NOT NULL
) STRICT;

-- 4. Whether this file is the chair's master or a member's copy. The master names the app
--    installation and the path it was made at; «Lag kopi til medlemmene» writes `member` into
--    the copy. No row: a file from before this migration (the app decides, see samvurd-app).
CREATE TABLE copy_role (
    singleton    INTEGER PRIMARY KEY CHECK (singleton = 1),
    kind         TEXT NOT NULL CHECK (kind IN ('master', 'member')),
    installation TEXT NOT NULL,
    path         TEXT NOT NULL
) STRICT;
