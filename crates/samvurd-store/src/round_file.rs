//! Creating and opening round files.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior, params};
use samvurd_core::{Aggregation, Criterion, Gate, Money, Scale};

use crate::migrations::{LATEST_VERSION, MIGRATIONS};
use crate::{StoreError, probe};

/// `PRAGMA application_id` of every round file: "Samv" in ASCII.
pub const APPLICATION_ID: u32 = 0x5361_6D76;

/// How long a statement waits for another process's lock before we tell the user.
const BUSY_TIMEOUT: Duration = Duration::from_millis(2_000);

/// Whether this handle may change the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// The file is write-protected; it was opened for reading only and every change is refused.
    ReadOnly,
}

/// What a chair decides when creating a round.
#[derive(Debug, Clone)]
pub struct NewRound {
    pub title: String,
    pub helsefellesskap: String,
    pub budget_frame: Money,
    pub deadline: Option<NaiveDate>,
    pub scale: Scale,
    pub aggregation: Aggregation,
    pub template_id: String,
    pub criteria: Vec<Criterion>,
    pub gates: Vec<Gate>,
}

/// An open round file.
#[derive(Debug)]
pub struct RoundFile {
    pub(crate) connection: Connection,
    pub(crate) path: PathBuf,
    pub(crate) access: Access,
}

impl RoundFile {
    /// Creates a new round file at `path`, which must not exist yet.
    ///
    /// The file is built under a temporary name beside the target and renamed into place, so a
    /// failure half-way never leaves a half-made round where the user expects one.
    pub fn create(path: &Path, new_round: &NewRound, actor: &str) -> Result<RoundFile, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists { path: path.to_owned() });
        }
        validate_new_round(new_round)?;
        let temporary = path.with_extension("samvurd-ny");
        let _ = std::fs::remove_file(&temporary);
        let result = (|| {
            let mut connection = Connection::open(&temporary).map_err(sqlite(path))?;
            configure(&connection, path)?;
            migrate(&mut connection, path)?;
            let transaction = connection.transaction().map_err(sqlite(path))?;
            insert_round(&transaction, new_round).map_err(sqlite(path))?;
            crate::change::append_audit(
                &transaction,
                actor,
                "create_round",
                &serde_json::json!({
                    "title": new_round.title,
                    "template": new_round.template_id,
                    "budget_frame": new_round.budget_frame,
                    "criteria": new_round.criteria.len(),
                    "gates": new_round.gates.len(),
                }),
            )
            .map_err(sqlite(path))?;
            transaction.commit().map_err(sqlite(path))?;
            drop(connection);
            std::fs::rename(&temporary, path)
                .map_err(|source| StoreError::Io { path: path.to_owned(), source })
        })();
        if let Err(error) = result {
            let _ = std::fs::remove_file(&temporary);
            return Err(error);
        }
        RoundFile::open(path)
    }

    /// Opens an existing round file. Anything that is not a round file of ours is refused with
    /// a message saying what it is, and is left exactly as it was.
    pub fn open(path: &Path) -> Result<RoundFile, StoreError> {
        RoundFile::open_with(path, false)
    }

    /// Opens a round file for reading only, whatever its permissions: for reading a member's
    /// copy during a merge without changing it.
    pub fn open_read_only(path: &Path) -> Result<RoundFile, StoreError> {
        RoundFile::open_with(path, true)
    }

    fn open_with(path: &Path, read_only: bool) -> Result<RoundFile, StoreError> {
        let probe = probe::probe(path)?;
        let access =
            if probe.read_only || read_only { Access::ReadOnly } else { Access::ReadWrite };
        let flags = match access {
            Access::ReadWrite => OpenFlags::SQLITE_OPEN_READ_WRITE,
            Access::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut connection =
            Connection::open_with_flags(path, flags).map_err(|error| classify(path, error))?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(sqlite(path))?;

        // A quick structural check before anything else reads or writes the file.
        let check: String = connection
            .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
            .map_err(|error| classify(path, error))?;
        if check != "ok" {
            return Err(StoreError::Corrupt { path: path.to_owned(), detail: check });
        }
        if access == Access::ReadWrite {
            configure(&connection, path)?;
            migrate(&mut connection, path)?;
        } else {
            connection.pragma_update(None, "foreign_keys", true).map_err(sqlite(path))?;
            let version: i64 = connection
                .query_row("PRAGMA user_version", [], |row| row.get(0))
                .map_err(sqlite(path))?;
            if version < LATEST_VERSION {
                return Err(StoreError::refused(format!(
                    "Fila «{}» er laget med en eldre versjon av Samvurd og må oppgraderes, men den er skrivebeskyttet. Fjern skrivebeskyttelsen og åpne den igjen.",
                    path.display()
                )));
            }
        }
        Ok(RoundFile { connection, path: path.to_owned(), access })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn access(&self) -> Access {
        self.access
    }

    pub fn is_read_only(&self) -> bool {
        self.access == Access::ReadOnly
    }

    /// `PRAGMA integrity_check`, for tests and for a chair who wants to be sure.
    pub fn integrity_check(&self) -> Result<String, StoreError> {
        self.connection
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .map_err(sqlite(&self.path))
    }
}

/// Settings every writable handle needs: one file on disk, durable commits, real foreign keys.
fn configure(connection: &Connection, path: &Path) -> Result<(), StoreError> {
    let journal: String = connection
        .query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))
        .map_err(|error| classify(path, error))?;
    if !journal.eq_ignore_ascii_case("delete") {
        return Err(StoreError::refused(format!(
            "Kunne ikke slå av WAL-modus for «{}» (fikk «{journal}»). Lukk andre programmer som har fila åpen og prøv igjen.",
            path.display()
        )));
    }
    connection.pragma_update(None, "synchronous", "FULL").map_err(sqlite(path))?;
    connection.pragma_update(None, "foreign_keys", true).map_err(sqlite(path))?;
    Ok(())
}

/// Applies every migration newer than the file, all in one transaction.
fn migrate(connection: &mut Connection, path: &Path) -> Result<(), StoreError> {
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|error| classify(path, error))?;
    let version: i64 =
        transaction.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(sqlite(path))?;
    if version > LATEST_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_owned(),
            file_version: version,
            supported: LATEST_VERSION,
        });
    }
    if version == LATEST_VERSION {
        return Ok(());
    }
    for sql in &MIGRATIONS[usize::try_from(version).unwrap_or(0)..] {
        transaction.execute_batch(sql).map_err(sqlite(path))?;
    }
    transaction
        .pragma_update(None, "application_id", i64::from(APPLICATION_ID))
        .map_err(sqlite(path))?;
    transaction.pragma_update(None, "user_version", LATEST_VERSION).map_err(sqlite(path))?;
    transaction.commit().map_err(sqlite(path))
}

fn validate_new_round(new_round: &NewRound) -> Result<(), StoreError> {
    if new_round.title.trim().is_empty() {
        return Err(StoreError::refused("Runden må ha en tittel."));
    }
    if new_round.budget_frame.is_negative() {
        return Err(StoreError::refused("Rammen kan ikke være negativ."));
    }
    if new_round.criteria.is_empty() {
        return Err(StoreError::refused("Runden må ha minst ett kriterium."));
    }
    Ok(())
}

fn insert_round(
    transaction: &rusqlite::Transaction<'_>,
    new_round: &NewRound,
) -> rusqlite::Result<()> {
    transaction.execute(
        "INSERT INTO round (singleton, round_id, title, helsefellesskap, budget_frame, deadline,
             scale_min, scale_max, aggregation, template_id, created_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            uuid::Uuid::new_v4().to_string(),
            new_round.title.trim(),
            new_round.helsefellesskap.trim(),
            new_round.budget_frame.to_canonical_string(),
            new_round.deadline.map(|date| date.to_string()),
            new_round.scale.min,
            new_round.scale.max,
            new_round.aggregation.as_str(),
            new_round.template_id,
            now(),
        ],
    )?;
    for (value, label) in &new_round.scale.descriptors {
        transaction.execute(
            "INSERT INTO scale_descriptor (value, label) VALUES (?1, ?2)",
            params![value, label],
        )?;
    }
    for (position, criterion) in (0_i64..).zip(&new_round.criteria) {
        transaction.execute(
            "INSERT INTO criterion (id, position, name, guidance, weight, allow_not_applicable)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                criterion.id.as_str(),
                position,
                criterion.name,
                criterion.guidance,
                criterion.weight.normalize().to_string(),
                criterion.allow_not_applicable,
            ],
        )?;
    }
    for (position, gate) in (0_i64..).zip(&new_round.gates) {
        transaction.execute(
            "INSERT INTO gate (id, position, question, guidance) VALUES (?1, ?2, ?3, ?4)",
            params![gate.id.as_str(), position, gate.question, gate.guidance],
        )?;
    }
    Ok(())
}

/// The current time in ISO 8601, as files and logs use it.
pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn sqlite(path: &Path) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
    move |error| classify(path, error)
}

/// Turns SQLite's error codes into the errors a person can act on.
pub(crate) fn classify(path: &Path, error: rusqlite::Error) -> StoreError {
    let path = path.to_owned();
    match error.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked { path },
        Some(ErrorCode::NotADatabase) => StoreError::NotSqlite { path },
        Some(ErrorCode::DatabaseCorrupt) => {
            StoreError::Corrupt { path, detail: "SQLite melder at databasen er skadet".into() }
        }
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
        _ => StoreError::Sqlite { path, source: error },
    }
}
