//! Backups of a round, beside it: `NAME.sikkerhetskopi-DATO-TID.samvurd`.
//!
//! A backup is what a chair falls back on when a merge went wrong or the round is damaged, so
//! a file with a backup's name must be a whole one. It is written under a temporary name,
//! flushed to disk, and only then renamed; a failure half-way leaves no file that looks like a
//! backup. The last [`BACKUPS_KEPT`] backups of a round are kept; older ones are removed after
//! each new one.

use std::fs;
use std::path::{Path, PathBuf};

use crate::round_file::{Watchdog, defend, sqlite};
use crate::{RoundFile, StoreError};

/// How many backups of one round are kept beside it.
pub const BACKUPS_KEPT: usize = 10;

const MARKER: &str = ".sikkerhetskopi-";

impl RoundFile {
    /// Copies the whole round, with SQLite's backup API, to a dated file beside it, flushed to
    /// disk before it gets its name, removes all but the newest [`BACKUPS_KEPT`] backups, and
    /// returns the new backup's path. Used before the first change of a merge.
    pub fn backup_beside(&self) -> Result<PathBuf, StoreError> {
        let stem = stem(&self.path);
        let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
        let directory = directory(&self.path);
        // A second backup in the same second gets "-2", and so on, always after the last one
        // made in that second, even when pruning has removed earlier ones.
        let stamp = stamp.to_string();
        let last_counter = dated_backups(&self.path)
            .into_iter()
            .filter(|((existing, _), _)| *existing == stamp)
            .map(|((_, counter), _)| counter)
            .max();
        let mut candidate = match last_counter {
            None => directory.join(format!("{stem}{MARKER}{stamp}.samvurd")),
            Some(last) => directory.join(format!("{stem}{MARKER}{stamp}-{}.samvurd", last + 1)),
        };
        let mut counter = last_counter.unwrap_or(1) + 1;
        while candidate.exists() {
            counter += 1;
            candidate = directory.join(format!("{stem}{MARKER}{stamp}-{counter}.samvurd"));
        }
        let temporary = candidate.with_extension("samvurd-tmp");
        let result = (|| {
            let _ = fs::remove_file(&temporary);
            {
                let mut target =
                    rusqlite::Connection::open(&temporary).map_err(sqlite(&candidate))?;
                defend(&mut target, &Watchdog::default(), &candidate)?;
                let backup = rusqlite::backup::Backup::new(&self.connection, &mut target)
                    .map_err(sqlite(&candidate))?;
                backup
                    .run_to_completion(256, std::time::Duration::ZERO, None)
                    .map_err(sqlite(&candidate))?;
            }
            let io = |source| StoreError::Io { path: candidate.clone(), source };
            fs::File::open(&temporary).and_then(|file| file.sync_all()).map_err(io)?;
            fs::rename(&temporary, &candidate).map_err(io)?;
            sync_directory(&directory).map_err(io)
        })();
        if let Err(error) = result {
            let _ = fs::remove_file(&temporary);
            return Err(error);
        }
        prune(&self.path);
        Ok(candidate)
    }
}

/// The newest backup beside `round`, if any: what a chair with a damaged round should open.
pub fn newest_backup(round: &Path) -> Option<PathBuf> {
    backups(round).pop()
}

/// The backups of `round` beside it, oldest first.
pub fn backups(round: &Path) -> Vec<PathBuf> {
    dated_backups(round).into_iter().map(|(_, path)| path).collect()
}

/// The backups of `round`, oldest first, each with its (DATO-TID, counter).
fn dated_backups(round: &Path) -> Vec<((String, u32), PathBuf)> {
    let prefix = format!("{}{MARKER}", stem(round));
    let Ok(entries) = fs::read_dir(directory(round)) else {
        return Vec::new();
    };
    let mut found: Vec<((String, u32), PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".samvurd")?;
            // DATO-TID is 17 characters (2026-11-23-142501); a second backup in the same
            // second gets "-2", "-3", ... after it.
            let (stamp, counter) = match rest.get(17..) {
                Some("") => (rest, 1),
                Some(tail) => (rest.get(..17)?, tail.strip_prefix('-')?.parse().ok()?),
                None => return None,
            };
            Some(((stamp.to_owned(), counter), entry.path()))
        })
        .collect();
    found.sort();
    found
}

/// Removes all but the newest [`BACKUPS_KEPT`] backups of `round`. A backup that cannot be
/// removed stays; that is never a reason to fail the merge it was made for.
fn prune(round: &Path) {
    let all = backups(round);
    let excess = all.len().saturating_sub(BACKUPS_KEPT);
    for old in &all[..excess] {
        let _ = fs::remove_file(old);
    }
}

fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(|| "runde".into(), |stem| stem.to_string_lossy().into_owned())
}

fn directory(path: &Path) -> PathBuf {
    path.parent().map(PathBuf::from).unwrap_or_default()
}

/// Makes a rename in `directory` durable. Only Unix can open a directory to flush it; on other
/// systems the rename itself is what the file system offers.
pub(crate) fn sync_directory(directory: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        let directory = if directory.as_os_str().is_empty() { Path::new(".") } else { directory };
        fs::File::open(directory)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = directory;
    Ok(())
}
