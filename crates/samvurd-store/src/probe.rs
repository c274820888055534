//! Looking at a file's bytes before SQLite opens it.
//!
//! SQLite will happily open random bytes and only fail at the first query, and it may touch a
//! file it opens (rolling back a hot journal, for one). Reading the 100-byte database header
//! ourselves lets us say precisely what a file is — empty, not SQLite, another program's
//! database, cut short, from a newer Samvurd — without SQLite ever seeing it.

use std::fs;
use std::io::Read;
use std::path::Path;

use crate::StoreError;
use crate::migrations::LATEST_VERSION;
use crate::round_file::APPLICATION_ID;

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the header says about a file that passed every check.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Probe {
    pub(crate) read_only: bool,
}

pub(crate) fn probe(path: &Path) -> Result<Probe, StoreError> {
    let io = |source| StoreError::Io { path: path.to_owned(), source };
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::NotFound { path: path.to_owned() });
        }
        Err(error) => return Err(io(error)),
    };
    if metadata.is_dir() {
        return Err(StoreError::IsDirectory { path: path.to_owned() });
    }
    if metadata.len() == 0 {
        return Err(StoreError::Empty { path: path.to_owned() });
    }

    let mut header = [0u8; 100];
    let mut file = fs::File::open(path).map_err(io)?;
    let read = read_up_to(&mut file, &mut header).map_err(io)?;
    if read < header.len() || &header[..16] != SQLITE_MAGIC {
        return Err(StoreError::NotSqlite { path: path.to_owned() });
    }

    let be_u32 = |offset: usize| {
        u32::from_be_bytes([
            header[offset],
            header[offset + 1],
            header[offset + 2],
            header[offset + 3],
        ])
    };
    if be_u32(68) != APPLICATION_ID {
        return Err(StoreError::ForeignDatabase { path: path.to_owned() });
    }

    // The in-header page count is valid when the change counter matches "version-valid-for"
    // (both written by every SQLite since 3.7.0). A shorter file was cut off in transit.
    let page_size = match u32::from(u16::from_be_bytes([header[16], header[17]])) {
        1 => 65_536,
        size => size,
    };
    let page_count = be_u32(28);
    // A crash in the middle of a commit leaves a hot journal beside the file, and page 1 may
    // already carry the new page count; SQLite restores the file from the journal when it opens
    // it, so the length check only applies to a file without one.
    let has_hot_journal = journal_path(path).metadata().is_ok_and(|journal| journal.len() > 0);
    if !has_hot_journal && be_u32(24) == be_u32(92) && page_count > 0 {
        let expected = u64::from(page_size) * u64::from(page_count);
        if metadata.len() < expected {
            return Err(StoreError::Truncated {
                path: path.to_owned(),
                actual: metadata.len(),
                expected,
            });
        }
    }

    let file_version =
        i64::from(i32::from_be_bytes([header[60], header[61], header[62], header[63]]));
    if file_version > LATEST_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            file_version,
            supported: LATEST_VERSION,
        });
    }

    Ok(Probe { read_only: metadata.permissions().readonly() })
}

fn read_up_to(file: &mut fs::File, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..])? {
            0 => break,
            read => filled += read,
        }
    }
    Ok(filled)
}

/// The rollback journal SQLite keeps beside a database during a write.
fn journal_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push("-journal");
    name.into()
}
