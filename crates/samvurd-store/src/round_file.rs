//! Creating and opening round files.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, SecondsFormat, Utc};
use rusqlite::config::DbConfig;
use rusqlite::limits::Limit;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior, params};
use samvurd_core::{Aggregation, Criterion, Gate, Money, Scale};

use crate::migrations::{LATEST_VERSION, MIGRATIONS};
use crate::{StoreError, probe};

/// `PRAGMA application_id` of every round file: "Samv" in ASCII.
pub const APPLICATION_ID: u32 = 0x5361_6D76;

/// How long a statement waits for another process's lock before we tell the user.
const BUSY_TIMEOUT: Duration = Duration::from_millis(2_000);

/// How long checking a file on open, or reading another person's file, may take. A real round
/// reads in milliseconds; a crafted one (an endless recursive view, say) would run for ever.
pub(crate) const READ_LIMIT: Duration = Duration::from_secs(5);

/// The longest string or blob SQLite will hold for us, in bytes. The longest text a round keeps
/// is a summary of 20 000 characters (at most 80 000 bytes); the audit entry of an import holds
/// only counts. A file with a longer value is not one we wrote.
const MAX_VALUE_BYTES: i32 = 4 * 1024 * 1024;

/// The longest SQL statement we prepare; ours are a few hundred bytes.
const MAX_SQL_BYTES: i32 = 100_000;

/// How many SQLite virtual-machine steps pass between two looks at the watchdog.
const PROGRESS_STEPS: i32 = 1_000;

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

/// A deadline that the connection's progress handler looks at: past it, SQLite interrupts the
/// statement that is running (`SQLITE_INTERRUPT`), which we report as [`StoreError::TooSlow`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Watchdog {
    deadline: Arc<Mutex<Option<Instant>>>,
}

impl Watchdog {
    pub(crate) fn arm(&self, limit: Duration) {
        *self.deadline.lock().unwrap_or_else(PoisonError::into_inner) =
            Some(Instant::now() + limit);
    }

    pub(crate) fn disarm(&self) {
        *self.deadline.lock().unwrap_or_else(PoisonError::into_inner) = None;
    }

    fn expired(&self) -> bool {
        self.deadline
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_some_and(|deadline| Instant::now() >= deadline)
    }
}

impl RoundFile {
    /// Creates a new round file at `path`, which must not exist yet.
    ///
    /// The file is built under a temporary name beside the target and renamed into place, so a
    /// failure half-way never leaves a half-made round where the user expects one.
    pub fn create(path: &Path, new_round: &NewRound, actor: &str) -> Result<RoundFile, StoreError> {
        RoundFile::create_with(path, new_round, actor, Vec::new())
    }

    /// Creates a new round file and applies `changes` to it through the one write path (each
    /// with its audit entry) before it gets its name: «Ny runde fra denne» adds the members, the
    /// options and the link to the previous round this way. A refused change leaves nothing at
    /// `path`.
    pub fn create_with(
        path: &Path,
        new_round: &NewRound,
        actor: &str,
        changes: Vec<crate::Change>,
    ) -> Result<RoundFile, StoreError> {
        if path.exists() {
            return Err(StoreError::AlreadyExists { path: path.to_owned() });
        }
        validate_new_round(new_round)?;
        let temporary = path.with_extension("samvurd-ny");
        let _ = std::fs::remove_file(&temporary);
        let result = (|| {
            let mut connection = Connection::open(&temporary).map_err(sqlite(path))?;
            defend(&mut connection, &Watchdog::default(), path)?;
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
            // The changes see the file under its temporary name but report the name it gets.
            let mut round =
                RoundFile { connection, path: path.to_owned(), access: Access::ReadWrite };
            for change in changes {
                round.apply(actor, change)?;
            }
            drop(round);
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
        let watchdog = Watchdog::default();
        defend(&mut connection, &watchdog, path)?;
        connection.busy_timeout(BUSY_TIMEOUT).map_err(sqlite(path))?;

        // Before anything else reads or writes the file: a quick structural check, so a page
        // of noise is found now rather than when some later query happens to read it, and a
        // look at the schema, so that nothing this version did not create (a view, a trigger)
        // is ever run. Both only read, under the watchdog.
        watchdog.arm(READ_LIMIT);
        let check: String = connection
            .query_row("PRAGMA quick_check(1)", [], |row| row.get(0))
            .map_err(|error| classify(path, error))?;
        if check != "ok" {
            return Err(StoreError::Corrupt {
                path: path.to_owned(),
                detail: check,
                backup: crate::backup::newest_backup(path),
            });
        }
        probe::check_schema(&connection, path)?;
        if !read_only {
            // Our own round: long merges and big imports are the chair's to wait for. Another
            // person's file (read during a merge) stays under the deadline for as long as it is
            // open; the connection's progress handler holds the watchdog.
            watchdog.disarm();
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

/// Defences every connection gets before it reads anything, whoever made the file:
///
/// - `SQLITE_DBCONFIG_DEFENSIVE`: no writing to the schema or to shadow tables, whatever SQL
///   a file carries;
/// - `trusted_schema=OFF`: views and triggers in a file may not call functions with side
///   effects;
/// - limits on the length of a value and of a statement;
/// - a progress handler that stops a statement once the watchdog's deadline has passed.
pub(crate) fn defend(
    connection: &mut Connection,
    watchdog: &Watchdog,
    path: &Path,
) -> Result<(), StoreError> {
    connection.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true).map_err(sqlite(path))?;
    connection
        .set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)
        .map_err(sqlite(path))?;
    connection.pragma_update(None, "trusted_schema", false).map_err(sqlite(path))?;
    connection.set_limit(Limit::SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES).map_err(sqlite(path))?;
    connection.set_limit(Limit::SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES).map_err(sqlite(path))?;
    let watchdog = watchdog.clone();
    connection
        .progress_handler(PROGRESS_STEPS, Some(move || watchdog.expired()))
        .map_err(sqlite(path))?;
    Ok(())
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
    let check = |what: &str, field, text: &str| {
        samvurd_core::check_text(field, text)
            .map_err(|problem| StoreError::refused(format!("{what}: {problem}")))
    };
    check("Rundens tittel", samvurd_core::TextField::Title, &new_round.title)?;
    check("Helsefellesskapet", samvurd_core::TextField::Line, &new_round.helsefellesskap)?;
    for criterion in &new_round.criteria {
        check("Kriteriets navn", samvurd_core::TextField::Line, &criterion.name)?;
        check("Veiledningen til kriteriet", samvurd_core::TextField::Summary, &criterion.guidance)?;
    }
    for gate in &new_round.gates {
        check("Vilkåret", samvurd_core::TextField::Justification, &gate.question)?;
        check("Veiledningen til vilkåret", samvurd_core::TextField::Summary, &gate.guidance)?;
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
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
            backup: crate::backup::newest_backup(&path),
            path,
            detail: "SQLite melder at databasen er skadet".into(),
        },
        Some(ErrorCode::OperationInterrupted) => {
            StoreError::TooSlow { path, seconds: READ_LIMIT.as_secs() }
        }
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly { path },
        _ => StoreError::Sqlite { path, source: error },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_watchdog_stops_an_endless_query_soon_after_its_deadline() {
        let mut connection = Connection::open_in_memory().unwrap();
        let watchdog = Watchdog::default();
        defend(&mut connection, &watchdog, Path::new("minne")).unwrap();
        watchdog.arm(Duration::from_millis(200));
        let started = Instant::now();
        let error = connection
            .query_row(
                "WITH RECURSIVE forever(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM forever)
                 SELECT count(*) FROM forever",
                [],
                |row| row.get::<_, i64>(0),
            )
            .unwrap_err();
        assert!(started.elapsed() < Duration::from_secs(2), "took {:?}", started.elapsed());
        let error = classify(Path::new("x.samvurd"), error);
        assert!(matches!(error, StoreError::TooSlow { .. }), "{error:?}");
        assert!(error.to_string().contains("ble stoppet"), "{error}");
    }

    #[test]
    fn every_connection_is_defensive_and_trusts_no_schema() {
        let mut connection = Connection::open_in_memory().unwrap();
        defend(&mut connection, &Watchdog::default(), Path::new("minne")).unwrap();
        assert!(connection.db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE).unwrap());
        assert!(!connection.db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA).unwrap());
        // Defensive mode refuses to let SQL write the schema directly.
        connection.execute_batch("CREATE TABLE t (x)").unwrap();
        assert!(
            connection
                .execute_batch("PRAGMA writable_schema = ON; DELETE FROM sqlite_schema")
                .is_err()
                || connection
                    .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get::<_, i64>(0))
                    .unwrap()
                    == 1
        );
        let long = "x".repeat(usize::try_from(MAX_VALUE_BYTES).unwrap() + 1);
        assert!(
            connection.query_row("SELECT length(?1)", [long], |row| row.get::<_, i64>(0)).is_err()
        );
    }
}
