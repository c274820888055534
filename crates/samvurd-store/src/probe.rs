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

/// Refuses a file whose schema is not exactly what this version's migrations make for its
/// `user_version`: an extra table, view, trigger or index, a missing one, or one whose SQL
/// differs. Such a file was made or changed by something else, perhaps to do harm: a view
/// named like one of our tables could run an endless query, and a trigger would run its own
/// SQL on our writes. Only the schema table is read; nothing in it is run.
pub(crate) fn check_schema(
    connection: &rusqlite::Connection,
    path: &Path,
) -> Result<(), StoreError> {
    let sqlite = crate::round_file::sqlite(path);
    let version: i64 =
        connection.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(&sqlite)?;
    if version > LATEST_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            file_version: version,
            supported: LATEST_VERSION,
        });
    }
    let found = schema_of(connection).map_err(&sqlite)?;
    let expected = expected_schema(version).map_err(&sqlite)?;
    let mut differences: Vec<String> = found
        .iter()
        .filter(|(key, sql)| expected.get(*key) != Some(*sql))
        .map(|((kind, name), _)| format!("{} «{name}»", kind_in_norwegian(kind)))
        .collect();
    differences.extend(
        expected
            .keys()
            .filter(|key| !found.contains_key(*key))
            .map(|(kind, name)| format!("{} «{name}» mangler", kind_in_norwegian(kind))),
    );
    if differences.is_empty() {
        return Ok(());
    }
    let shown = differences.len().min(5);
    let mut objects = differences[..shown].join(", ");
    if differences.len() > shown {
        objects.push_str(&format!(" og {} til", differences.len() - shown));
    }
    Err(StoreError::UnexpectedSchema { path: path.to_owned(), objects })
}

type Schema = std::collections::BTreeMap<(String, String), Option<String>>;

fn schema_of(connection: &rusqlite::Connection) -> rusqlite::Result<Schema> {
    let mut statement = connection.prepare("SELECT type, name, sql FROM main.sqlite_schema")?;
    statement.query_map([], |row| Ok(((row.get(0)?, row.get(1)?), row.get(2)?)))?.collect()
}

/// The schema our migrations make for `version`, built in memory.
fn expected_schema(version: i64) -> rusqlite::Result<Schema> {
    let connection = rusqlite::Connection::open_in_memory()?;
    let applied = usize::try_from(version).unwrap_or(0);
    for sql in &crate::migrations::MIGRATIONS[..applied] {
        connection.execute_batch(sql)?;
    }
    schema_of(&connection)
}

fn kind_in_norwegian(kind: &str) -> &str {
    match kind {
        "table" => "tabell",
        "view" => "visning",
        "trigger" => "utløser",
        "index" => "indeks",
        other => other,
    }
}
