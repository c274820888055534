//! What can go wrong with a round file, in words a chair can act on.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Finner ikke fila «{}». Sjekk navnet og mappa, eller lag en ny runde.", path.display())]
    NotFound { path: PathBuf },
    #[error("«{}» er en mappe, ikke en rundefil. Velg selve .samvurd-fila.", path.display())]
    IsDirectory { path: PathBuf },
    #[error(
        "Fila «{}» er tom (0 byte), så den er ingen søknadsrunde. Kanskje kopieringen ble avbrutt? Be om en ny kopi.",
        path.display()
    )]
    Empty { path: PathBuf },
    #[error(
        "Fila «{}» er ikke en Samvurd-rundefil (den er ikke en SQLite-database i det hele tatt). Velg en .samvurd-fil.",
        path.display()
    )]
    NotSqlite { path: PathBuf },
    #[error(
        "Fila «{}» er en SQLite-database fra et annet program, ikke en Samvurd-rundefil. Velg en .samvurd-fil.",
        path.display()
    )]
    ForeignDatabase { path: PathBuf },
    #[error(
        "Fila «{}» er avkortet: den er {actual} byte, men skulle vært {expected} byte. Den ble trolig ikke kopiert eller sendt ferdig. Be om en ny kopi; fila er ikke endret.",
        path.display()
    )]
    Truncated { path: PathBuf, actual: u64, expected: u64 },
    #[error(
        "Fila «{}» er skadet ({detail}). {} Fila er ikke endret.",
        path.display(), what_to_do_with_a_damaged_round(backup.as_deref())
    )]
    Corrupt { path: PathBuf, detail: String, backup: Option<PathBuf> },
    /// The file holds tables, views, triggers or indexes that no version of Samvurd made: it may
    /// have been crafted to do harm when we read or write it, so SQLite never runs any of it.
    #[error(
        "Fila «{}» ser ut som en Samvurd-rundefil, men inneholder noe Samvurd ikke har laget ({objects}). Den kan være laget for å skade, så den er ikke åpnet og ikke endret. Be om en ny kopi fra lederen av runden.",
        path.display()
    )]
    UnexpectedSchema { path: PathBuf, objects: String },
    /// A read took longer than a round file ever needs, and was stopped.
    #[error(
        "Lesingen av «{}» tok over {seconds} sekunder og ble stoppet. En rundefil leses på et øyeblikk, så fila er trolig skadet eller laget for å henge programmet. Be om en ny kopi; fila er ikke endret.",
        path.display()
    )]
    TooSlow { path: PathBuf, seconds: u64 },
    #[error(
        "Fila «{}» er laget med en nyere versjon av Samvurd (filversjon {file_version}, denne versjonen kan lese til og med {supported}). Oppdater Samvurd for å åpne den.",
        path.display()
    )]
    TooNew { path: PathBuf, file_version: i64, supported: i64 },
    #[error(
        "Fila «{}» er i bruk av et annet program akkurat nå. Lukk det andre programmet (eller vent litt) og prøv igjen.",
        path.display()
    )]
    Locked { path: PathBuf },
    #[error(
        "Fila «{}» er skrivebeskyttet, så den er åpnet bare for lesing og kan ikke endres. Lagre en kopi et sted du kan skrive, eller fjern skrivebeskyttelsen.",
        path.display()
    )]
    ReadOnly { path: PathBuf },
    #[error("Fila «{}» finnes allerede. Velg et annet navn; den eksisterende fila er ikke endret.", path.display())]
    AlreadyExists { path: PathBuf },
    #[error(
        "Runden er låst ({} av {}: «{}»), så den kan ikke endres. Lederen kan låse den opp under «Innstilling og brev» hvis noe må rettes; det føres i loggen.",
        lock.locked_at_display(), lock.locked_by, lock.reason
    )]
    RoundLocked { lock: crate::LockInfo },
    /// A change that breaks a rule of the round (unknown member, score off the scale, ...).
    #[error("{0}")]
    Refused(String),
    #[error("Kunne ikke lese eller skrive «{}»: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("Uventet databasefeil i «{}»: {source}. Fila er ikke endret.", path.display())]
    Sqlite { path: PathBuf, source: rusqlite::Error },
}

impl StoreError {
    pub(crate) fn refused(message: impl Into<String>) -> Self {
        StoreError::Refused(message.into())
    }
}

/// The advice for a damaged round: the newest backup beside it, when there is one.
fn what_to_do_with_a_damaged_round(backup: Option<&std::path::Path>) -> String {
    match backup {
        Some(backup) => format!(
            "Den nyeste sikkerhetskopien ved siden av er «{}»: åpne den i stedet, eller be om en ny kopi.",
            backup.display()
        ),
        None => "Det finnes ingen sikkerhetskopi ved siden av den; be om en ny kopi.".to_owned(),
    }
}
