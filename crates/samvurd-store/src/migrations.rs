//! Append-only schema migrations, applied in one transaction and recorded in `user_version`.

/// Index `i` holds the SQL that takes a file from version `i` to version `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_local_settings.sql"),
    include_str!("../migrations/0003_engine.sql"),
    include_str!("../migrations/0004_lock.sql"),
    include_str!("../migrations/0005_copies.sql"),
    include_str!("../migrations/0006_meeting.sql"),
    include_str!("../migrations/0007_vedtak.sql"),
    include_str!("../migrations/0008_documents.sql"),
    include_str!("../migrations/0009_import.sql"),
    include_str!("../migrations/0010_follow_up.sql"),
    include_str!("../migrations/0011_extra_columns.sql"),
    include_str!("../migrations/0012_next_round.sql"),
];

/// The schema version this build writes, and the newest it can read.
pub(crate) const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;
