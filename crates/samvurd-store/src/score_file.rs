//! The member's score file: what a member sends the chair after scoring offline.
//!
//! It is JSON, not SQLite: it is a few kilobytes that survive any e-mail system, a person (or a
//! support desk) can open it and see what is in it, and reading it never runs SQLite on a file
//! from outside. It names the round it belongs to, fingerprints the rubric it was scored
//! against, says whose records it holds, and ends in a SHA-256 checksum of its content, so a
//! file that was edited, cut short or damaged on the way is refused before it can touch the
//! master.
//!
//! The checksum covers the canonical serialisation of everything but the checksum itself (the
//! struct's own field order, compact), so it is checked by parsing, re-serialising and hashing.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::StoreError;

pub const SCORE_FILE_FORMAT: &str = "samvurd-score-file";
pub const SCORE_FILE_VERSION: u32 = 1;

/// The rubric a file was scored against: what must match the master for its scores to mean the
/// same thing. Weights are not part of it: a chair may reweigh without invalidating scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rubric {
    pub scale_min: i32,
    pub scale_max: i32,
    /// Sorted by id.
    pub criteria: Vec<RubricCriterion>,
    /// SHA-256 over the scale and criteria, for a quick comparison and for people to quote.
    pub fingerprint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RubricCriterion {
    pub id: String,
    pub allow_not_applicable: bool,
}

impl Rubric {
    pub fn new(scale_min: i32, scale_max: i32, mut criteria: Vec<RubricCriterion>) -> Rubric {
        criteria.sort_by(|left, right| left.id.cmp(&right.id));
        let mut canonical = format!("scale:{scale_min}..{scale_max}");
        for criterion in &criteria {
            canonical.push_str(&format!(
                "|{}:{}",
                criterion.id,
                u8::from(criterion.allow_not_applicable)
            ));
        }
        Rubric { scale_min, scale_max, criteria, fingerprint: sha256_hex(canonical.as_bytes()) }
    }
}

/// Who the records belong to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreFileMember {
    pub id: String,
    pub name: String,
}

/// One version of one score record. A cleared score travels as a tombstone (`cleared: true`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreRecord {
    pub member: String,
    pub application: String,
    pub criterion: String,
    /// A value on the scale, or `null` for *ikke relevant* or a cleared score.
    pub value: Option<i32>,
    pub not_applicable: bool,
    pub cleared: bool,
    pub justification: String,
    pub revision: i64,
    pub updated_at: String,
}

/// One version of one recusal record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecusalRecord {
    pub member: String,
    pub application: String,
    pub reason: String,
    pub cleared: bool,
    pub revision: i64,
    pub updated_at: String,
}

/// Everything in the file except its checksum, in the order it is hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreFileBody {
    pub format: String,
    pub version: u32,
    pub round_id: String,
    pub round_title: String,
    pub rubric: Rubric,
    pub member: ScoreFileMember,
    pub created_at: String,
    pub created_by: String,
    pub scores: Vec<ScoreRecord>,
    pub recusals: Vec<RecusalRecord>,
}

/// The file as written: the body and its checksum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreFile {
    #[serde(flatten)]
    pub body: ScoreFileBody,
    /// `sha256:` and the hex digest of the body's canonical JSON.
    pub checksum: String,
}

/// Only the two fields needed to decide whether this program can read the rest.
#[derive(Deserialize)]
struct Envelope {
    format: Option<String>,
    version: Option<u32>,
}

impl ScoreFile {
    /// Seals a body with its checksum.
    pub fn seal(body: ScoreFileBody) -> ScoreFile {
        let checksum = body_checksum(&body);
        ScoreFile { body, checksum }
    }

    /// The bytes to write: pretty JSON, so a person can read it.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("a score file always serialises");
        bytes.push(b'\n');
        bytes
    }

    /// Reads and checks a score file: format, version, and checksum. `name` is for messages.
    pub fn parse(bytes: &[u8], name: &str) -> Result<ScoreFile, StoreError> {
        let refuse = |message: String| StoreError::Refused(message);
        let envelope: Envelope = serde_json::from_slice(bytes).map_err(|error| {
            if error.is_eof() {
                refuse(format!(
                    "Skårfila «{name}» er avkortet (den slutter midt i). Be medlemmet sende den på nytt."
                ))
            } else {
                refuse(format!(
                    "«{name}» er ikke en lesbar skårfil ({error}). Be medlemmet eksportere skårene på nytt fra Samvurd."
                ))
            }
        })?;
        if envelope.format.as_deref() != Some(SCORE_FILE_FORMAT) {
            return Err(refuse(format!(
                "«{name}» er ikke en skårfil fra Samvurd. Be medlemmet eksportere skårene fra Samvurd."
            )));
        }
        let version = envelope.version.unwrap_or(0);
        if version > SCORE_FILE_VERSION {
            return Err(refuse(format!(
                "Skårfila «{name}» er laget med en nyere versjon av Samvurd (skårfilversjon {version}, denne versjonen leser til og med {SCORE_FILE_VERSION}). Oppdater Samvurd og prøv igjen."
            )));
        }
        let file: ScoreFile = serde_json::from_slice(bytes).map_err(|error| {
            refuse(format!(
                "Skårfila «{name}» har feil innhold ({error}). Be medlemmet eksportere skårene på nytt."
            ))
        })?;
        if body_checksum(&file.body) != file.checksum {
            return Err(refuse(format!(
                "Kontrollsummen i skårfila «{name}» stemmer ikke med innholdet: fila er endret eller skadet etter at den ble laget. Be medlemmet eksportere skårene på nytt og sende den nye fila."
            )));
        }
        Ok(file)
    }
}

fn body_checksum(body: &ScoreFileBody) -> String {
    let canonical = serde_json::to_vec(body).expect("a score file body always serialises");
    format!("sha256:{}", sha256_hex(&canonical))
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}
