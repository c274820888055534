//! The round file (`.samvurd`): one SQLite file per søknadsrunde.
//!
//! Every open goes through [`RoundFile::open`], which looks at the file's bytes before SQLite
//! does, so that a file that is not ours is named for what it is and left untouched. The file
//! stays a single file on disk (rollback journal, never WAL) because people copy it and send it
//! by e-mail. Every change goes through [`RoundFile::apply`], the one write path, which writes the
//! change and its audit-log entry in the same transaction.

mod backup;
mod change;
pub mod clock;
mod continuation;
mod error;
mod follow_up;
mod merge;
mod migrations;
mod probe;
mod read;
mod round_file;
pub mod score_file;
pub mod signing;

pub use backup::{BACKUPS_KEPT, backups, newest_backup};
pub use change::{Applied, Change, CopyKind, RoundInfoUpdate};
pub use error::StoreError;
pub use follow_up::{Consent, FollowUp, GrantRecord, Received, ReportRecord};
pub use merge::{KeyTrust, MergeCounts, MergePlan};
pub use read::{AuditEntry, CopyRole, LockInfo, MemberRecords, VedtakRecord};
pub use round_file::{APPLICATION_ID, Access, NewRound, RoundFile};
