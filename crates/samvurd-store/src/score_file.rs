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
//!
//! Version 2 adds the member's public key to the body and an Ed25519 signature over the
//! checksum of those canonical bytes. The checksum still catches damage on the way (anyone can recompute it); the
//! signature says the file was made by the holder of that key and not changed since. Whether the
//! key is the member's own is the master's question (trust on first merge, in `merge`).
//! Version-1 files parse as unsigned; the chair must confirm before they are merged.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::StoreError;
use crate::signing::{MemberKey, PublicKey};

pub const SCORE_FILE_FORMAT: &str = "samvurd-score-file";
/// The version this program writes when it signs, and the newest it reads.
pub const SCORE_FILE_VERSION: u32 = 2;
/// The version of an unsigned file (no public key, no signature).
pub const UNSIGNED_SCORE_FILE_VERSION: u32 = 1;

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
    /// The hybrid logical clock of this version (see `clock`); absent in version-1 files, where
    /// it is read from `updated_at`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<i64>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<i64>,
}

impl ScoreRecord {
    /// This version's clock: its own, or for a version-1 record the clock of `updated_at`.
    pub fn clock(&self) -> Option<i64> {
        self.clock.or_else(|| crate::clock::clock_of_time(&self.updated_at))
    }
}

impl RecusalRecord {
    pub fn clock(&self) -> Option<i64> {
        self.clock.or_else(|| crate::clock::clock_of_time(&self.updated_at))
    }
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
    /// Version 2: the member's public key (`ed25519:` and 64 hex digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub public_key: Option<String>,
    pub scores: Vec<ScoreRecord>,
    pub recusals: Vec<RecusalRecord>,
}

/// The file as written: the body, its checksum and (version 2) its signature.
///
/// It is read through [`ScoreFileWire`], the same fields side by side: serde's `flatten` would
/// buffer the whole half-megabyte file into an intermediate tree first, which made reading it
/// the slowest step of a merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "ScoreFileWire")]
pub struct ScoreFile {
    #[serde(flatten)]
    pub body: ScoreFileBody,
    /// `sha256:` and the hex digest of the body's canonical JSON.
    pub checksum: String,
    /// Version 2: the Ed25519 signature over the checksum of the body's canonical JSON (see
    /// `signed_message`), as hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<String>,
}

/// A score file's fields as they stand in the file, read without `flatten`.
#[derive(Deserialize)]
struct ScoreFileWire {
    format: String,
    version: u32,
    round_id: String,
    round_title: String,
    rubric: Rubric,
    member: ScoreFileMember,
    created_at: String,
    created_by: String,
    #[serde(default)]
    public_key: Option<String>,
    scores: Vec<ScoreRecord>,
    recusals: Vec<RecusalRecord>,
    checksum: String,
    #[serde(default)]
    signature: Option<String>,
}

impl From<ScoreFileWire> for ScoreFile {
    fn from(wire: ScoreFileWire) -> ScoreFile {
        ScoreFile {
            body: ScoreFileBody {
                format: wire.format,
                version: wire.version,
                round_id: wire.round_id,
                round_title: wire.round_title,
                rubric: wire.rubric,
                member: wire.member,
                created_at: wire.created_at,
                created_by: wire.created_by,
                public_key: wire.public_key,
                scores: wire.scores,
                recusals: wire.recusals,
            },
            checksum: wire.checksum,
            signature: wire.signature,
        }
    }
}

/// Only the two fields needed to decide whether this program can read the rest.
#[derive(Deserialize)]
struct Envelope {
    format: Option<String>,
    version: Option<u32>,
}

impl ScoreFile {
    /// Seals a body with its checksum only: an unsigned file (version 1 on disk).
    pub fn seal(body: ScoreFileBody) -> ScoreFile {
        let checksum = body_checksum(&body);
        ScoreFile { body, checksum, signature: None }
    }

    /// Signs a body with the member's key: puts the public key in, then checksums and signs the
    /// canonical bytes. The result is a version-2 file.
    pub fn sign(mut body: ScoreFileBody, key: &MemberKey) -> ScoreFile {
        body.version = SCORE_FILE_VERSION;
        body.public_key = Some(key.public_key().to_text());
        let canonical = serde_json::to_vec(&body).expect("a score file body always serialises");
        let checksum = format!("sha256:{}", sha256_hex(&canonical));
        let signature = Some(key.sign_hex(&signed_message(&checksum)));
        ScoreFile { body, checksum, signature }
    }

    /// The key that signed the file; `None` for an unsigned one. Only a parsed (and so
    /// verified) file or one this program signed carries a key.
    pub fn signer(&self) -> Option<PublicKey> {
        self.signature.as_ref()?;
        PublicKey::parse(self.body.public_key.as_deref()?)
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
        // One parse in the usual case; only a file that does not parse as a whole is looked at
        // again, for its format and version, to say what is wrong with it.
        let file: ScoreFile = match serde_json::from_slice(bytes) {
            Ok(file) => file,
            Err(full_error) => {
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
                check_envelope(envelope.format.as_deref(), envelope.version.unwrap_or(0), name)?;
                return Err(refuse(format!(
                    "Skårfila «{name}» har feil innhold ({full_error}). Be medlemmet eksportere skårene på nytt."
                )));
            }
        };
        let version = file.body.version;
        check_envelope(Some(file.body.format.as_str()), version, name)?;
        let canonical =
            serde_json::to_vec(&file.body).expect("a score file body always serialises");
        if format!("sha256:{}", sha256_hex(&canonical)) != file.checksum {
            return Err(refuse(format!(
                "Kontrollsummen i skårfila «{name}» stemmer ikke med innholdet: fila er endret eller skadet etter at den ble laget. Be medlemmet eksportere skårene på nytt og sende den nye fila."
            )));
        }
        if version < SCORE_FILE_VERSION {
            // An old, unsigned file: whatever key or signature it claims counts for nothing.
            return Ok(ScoreFile { signature: None, ..file });
        }
        let key = file.body.public_key.as_deref().and_then(PublicKey::parse);
        let (Some(key), Some(signature)) = (key, file.signature.as_deref()) else {
            return Err(refuse(format!(
                "Skårfila «{name}» er versjon {version}, men mangler medlemmets nøkkel eller signatur. Den er ikke laget av Samvurd slik den er nå; be medlemmet eksportere skårene på nytt."
            )));
        };
        if !key.verifies(&signed_message(&file.checksum), signature) {
            return Err(refuse(format!(
                "Signaturen i skårfila «{name}» stemmer ikke med innholdet: fila er endret etter at den ble signert, eller signert av noen andre enn den sier. Fila er ikke slått sammen. Be medlemmet eksportere skårene på nytt og sende fila selv."
            )));
        }
        Ok(file)
    }
}

/// What the signature covers: the SHA-256 checksum of the canonical body, behind a label that
/// keeps a score file's signature from meaning anything elsewhere. Signing the digest rather
/// than the whole body saves a second pass (SHA-512) over a file of half a megabyte, and is as
/// strong as SHA-256's collision resistance.
fn signed_message(checksum: &str) -> Vec<u8> {
    format!("samvurd-score-file v2\n{checksum}").into_bytes()
}

/// Refuses a file that is not a score file, or one from a newer Samvurd.
fn check_envelope(format: Option<&str>, version: u32, name: &str) -> Result<(), StoreError> {
    if format != Some(SCORE_FILE_FORMAT) {
        return Err(StoreError::Refused(format!(
            "«{name}» er ikke en skårfil fra Samvurd. Be medlemmet eksportere skårene fra Samvurd."
        )));
    }
    if version > SCORE_FILE_VERSION {
        return Err(StoreError::Refused(format!(
            "Skårfila «{name}» er laget med en nyere versjon av Samvurd (skårfilversjon {version}, denne versjonen leser til og med {SCORE_FILE_VERSION}). Oppdater Samvurd og prøv igjen."
        )));
    }
    Ok(())
}

fn body_checksum(body: &ScoreFileBody) -> String {
    let canonical = serde_json::to_vec(body).expect("a score file body always serialises");
    format!("sha256:{}", sha256_hex(&canonical))
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}
