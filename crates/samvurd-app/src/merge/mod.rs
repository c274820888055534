//! Members' score files: exporting one from a member's copy, and the chair's merge of many into
//! the master round, with a dry run and a per-file report.

mod desktop;
pub use desktop::{MemberCopies, MemberCopyFile};
mod view;

pub use view::{
    MemberStatus, MergeFileView, MergeHistoryEntry, MergeView, RecusalView, StatusView,
};
pub(crate) use view::{merge_view, status_view};

use std::path::Path;

use samvurd_store::score_file::ScoreFile;
use samvurd_store::signing::{MemberKey, short_fingerprint};
use samvurd_store::{KeyTrust, MergeCounts, RoundFile};
use serde::Serialize;

use crate::{AppError, AppResult, OpenRound};

/// What happened to one file of a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum MergeStatus {
    /// Its winning records are now in the master.
    Merged,
    /// Nothing in it was newer than the master.
    Unchanged,
    /// A dry run: this is what merging it would do.
    WouldMerge,
    /// Refused as a whole; `reason` says why. The master was not changed by it.
    Refused,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergeFileReport {
    pub file: String,
    /// SHA-256 of the file's bytes as read: what a preview showed, so that the merge after it
    /// takes exactly that content.
    pub content_hash: Option<String>,
    pub status: MergeStatus,
    pub member: Option<String>,
    /// The round's own name for the member, never the name written in the file.
    pub member_name: Option<String>,
    pub checksum: Option<String>,
    pub counts: Option<MergeCounts>,
    /// Signed with a key the master trusts, signed with a first key, or unsigned.
    pub signature: Option<KeyTrust>,
    /// The short fingerprint of the signing key, to read out on the phone.
    pub fingerprint: Option<String>,
    /// Refused because it is signed with another key than the one the master trusts for the
    /// member: the chair may accept the new key (`trust_key_from_file`).
    pub key_conflict: bool,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MergeReport {
    pub dry_run: bool,
    /// The backup made before the first change, if anything changed.
    pub backup: Option<String>,
    pub files: Vec<MergeFileReport>,
}

impl MergeReport {
    pub fn refused(&self) -> usize {
        self.files.iter().filter(|file| file.status == MergeStatus::Refused).count()
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

/// The score file for `path`: a score file as it is, or a member's whole round file, from which
/// only the records of the one member who has any are taken.
pub fn read_score_source(path: &Path) -> AppResult<ScoreFile> {
    let bytes = std::fs::read(path)
        .map_err(|error| AppError::io(format!("Kunne ikke lese «{}»: {error}", path.display())))?;
    score_source_from_bytes(path, &bytes)
}

/// SHA-256 of a file's bytes, in hex.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Like [`read_score_source`], from bytes already read. A round file is read from a private
/// copy of exactly these bytes, so what is merged is what was hashed, whatever happens to the
/// file at `path` meanwhile.
fn score_source_from_bytes(path: &Path, bytes: &[u8]) -> AppResult<ScoreFile> {
    let name = file_name(path);
    if !bytes.starts_with(b"SQLite format 3\0") {
        return Ok(ScoreFile::parse(bytes, &name)?);
    }
    let copy_failed = |error: std::io::Error| {
        AppError::io(format!("Kunne ikke lese «{}»: {error}", path.display()))
    };
    let folder = tempfile::tempdir().map_err(copy_failed)?;
    let copy = folder.path().join(&name);
    std::fs::write(&copy, bytes).map_err(copy_failed)?;
    let round = RoundFile::open_read_only(&copy).map_err(|error| {
        // Messages name the member's file, not the private copy.
        let mut error = AppError::from(error);
        error.message =
            error.message.replace(&copy.display().to_string(), &path.display().to_string());
        error
    })?;
    let members = round.members_with_records()?;
    match members.as_slice() {
        [member] => Ok(round.export_score_file(member, &created_by(), None)?),
        [] => Err(AppError::invalid(format!(
            "Rundefila «{name}» har ingen skårer eller inhabilitetserklæringer å slå sammen."
        ))),
        several => Err(AppError::invalid(format!(
            "Rundefila «{name}» har skårer fra flere medlemmer ({}), så det er uklart hvem sine som skal tas. Eksporter én skårfil per medlem med «samvurd export-scores».",
            several.join(", ")
        ))),
    }
}

fn created_by() -> String {
    format!("Samvurd {}", env!("CARGO_PKG_VERSION"))
}

impl OpenRound {
    /// Writes the score file of one member (id or name) to `output`, replacing it atomically,
    /// signed with `key` (the member's key on this machine; see `Machine::member_key`).
    pub fn export_scores(
        &self,
        member: &str,
        output: &Path,
        key: Option<&MemberKey>,
    ) -> AppResult<ScoreFile> {
        crate::documents::refuse_round_file(output)?;
        let round = self.load()?;
        let member_id = crate::round::resolve_member(&round, member)?;
        let file = self.file().export_score_file(member_id.as_str(), &created_by(), key)?;
        // Flushed to disk before it is renamed into place, and never over a round file.
        crate::documents::write_atomically(output, &file.to_bytes())?;
        Ok(file)
    }

    /// Merges score files (or members' round files) into this round. Each file is all or
    /// nothing; a refused file is reported and the others go on. Before the first change the
    /// round is backed up beside itself. With `dry_run`, nothing is written. Unsigned files are
    /// refused unless `accept_unsigned`, the chair's explicit confirmation.
    pub fn merge_files(
        &mut self,
        actor: &str,
        paths: &[&Path],
        dry_run: bool,
        accept_unsigned: bool,
    ) -> AppResult<MergeReport> {
        let sources: Vec<MergeSource<'_>> =
            paths.iter().map(|path| MergeSource { path, previewed_hash: None }).collect();
        self.merge_sources(actor, &sources, dry_run, accept_unsigned)
    }

    /// Like [`OpenRound::merge_files`], but a file with a `previewed_hash` is merged only if its
    /// bytes still have that hash: the merge takes exactly what the preview showed. The report
    /// always has one entry per file, whatever fails on the way: a file that cannot be merged
    /// (its backup or its transaction failed) is reported as refused with the reason, and the
    /// files before it stay merged and say so.
    pub fn merge_sources(
        &mut self,
        actor: &str,
        sources: &[MergeSource<'_>],
        dry_run: bool,
        accept_unsigned: bool,
    ) -> AppResult<MergeReport> {
        if self.is_read_only() && !dry_run {
            return Err(AppError::from(samvurd_store::StoreError::ReadOnly {
                path: self.path().to_owned(),
            }));
        }
        let mut report = MergeReport { dry_run, backup: None, files: Vec::new() };
        let mut backup_failed: Option<String> = None;
        // Reading, hashing and checking a file's signature need nothing from the round, so the
        // files are read on every core, a window at a time; planning and applying them stay in
        // order, one file after the other.
        for (source, (content_hash, file)) in sources
            .chunks(READ_WINDOW)
            .flat_map(|window| window.iter().zip(read_in_parallel(window)))
        {
            let path = source.path;
            let name = file_name(path);
            let planned =
                file.and_then(|file| Ok(self.file().plan_merge(file, &name, accept_unsigned)?));
            let plan = match planned {
                Ok(plan) => plan,
                Err(error) => {
                    let conflict = self.key_conflict(path);
                    report.files.push(MergeFileReport {
                        member: conflict.as_ref().map(|(id, _, _)| id.clone()),
                        member_name: conflict.as_ref().map(|(_, name, _)| name.clone()),
                        fingerprint: conflict
                            .as_ref()
                            .map(|(_, _, fingerprint)| fingerprint.clone()),
                        key_conflict: conflict.is_some(),
                        ..refused_file(name, content_hash, error.message)
                    });
                    continue;
                }
            };
            let status = if dry_run {
                MergeStatus::WouldMerge
            } else if plan.counts.changes() == 0 {
                MergeStatus::Unchanged
            } else {
                // No change without a backup first: once a backup has failed, no later file is
                // merged either.
                if report.backup.is_none() && backup_failed.is_none() {
                    match self.file().backup_beside() {
                        Ok(backup) => report.backup = Some(backup.display().to_string()),
                        Err(error) => backup_failed = Some(AppError::from(error).message),
                    }
                }
                if let Some(reason) = &backup_failed {
                    report.files.push(refused_file(
                        name,
                        content_hash,
                        format!("Ikke slått sammen fordi sikkerhetskopien av runden ikke kunne lages: {reason}"),
                    ));
                    continue;
                }
                if let Err(error) = self.file_mut().apply_merge(actor, &plan, &name) {
                    let reason = AppError::from(error).message;
                    report.files.push(refused_file(
                        name,
                        content_hash,
                        format!("Ikke slått sammen: {reason} Ingenting fra denne fila er skrevet."),
                    ));
                    continue;
                }
                MergeStatus::Merged
            };
            report.files.push(MergeFileReport {
                file: name,
                content_hash,
                status,
                member: Some(plan.member_id.clone()),
                member_name: Some(plan.member_name.clone()),
                checksum: Some(plan.checksum.clone()),
                counts: Some(plan.counts.clone()),
                signature: Some(plan.trust),
                fingerprint: plan.short_fingerprint(),
                key_conflict: false,
                reason: None,
            });
        }
        Ok(report)
    }
}

/// How many files are read ahead of the one being merged.
const READ_WINDOW: usize = 16;

/// One file read: its content hash (when it could be read) and the checked score file.
type ReadSource = (Option<String>, AppResult<ScoreFile>);

/// Reads, hashes and checks every source, in order, on as many threads as the machine has
/// cores (at most 8).
fn read_in_parallel(sources: &[MergeSource<'_>]) -> Vec<ReadSource> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get).min(8);
    if threads < 2 || sources.len() < 2 {
        return sources.iter().map(read_source).collect();
    }
    let chunk = sources.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = sources
            .chunks(chunk)
            .map(|part| {
                (part.len(), scope.spawn(move || part.iter().map(read_source).collect::<Vec<_>>()))
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|(count, worker)| {
                // A reader that panicked answers for each of its files, so none is taken for
                // another.
                worker.join().unwrap_or_else(|_| {
                    (0..count)
                        .map(|_| {
                            (None, Err(AppError::invalid("Intern feil under lesing av fila.")))
                        })
                        .collect()
                })
            })
            .collect()
    })
}

/// Reads one source: its bytes, their hash (compared with the preview's), and the score file.
fn read_source(source: &MergeSource<'_>) -> ReadSource {
    let path = source.path;
    let name = file_name(path);
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) => {
            return (
                None,
                Err(AppError::io(format!("Kunne ikke lese «{}»: {error}", path.display()))),
            );
        }
    };
    let hash = content_hash(&bytes);
    if source.previewed_hash.is_some_and(|previewed| previewed != hash) {
        return (
            Some(hash),
            Err(AppError::invalid(format!(
                "«{name}» er endret siden forhåndsvisningen, så den er ikke slått sammen. Fjern den og legg den til igjen for å se hva den nå inneholder."
            ))),
        );
    }
    (Some(hash), score_source_from_bytes(path, &bytes))
}

/// One file to merge, with the hash its preview showed, if there was one.
#[derive(Debug, Clone, Copy)]
pub struct MergeSource<'a> {
    pub path: &'a Path,
    pub previewed_hash: Option<&'a str>,
}

fn refused_file(file: String, content_hash: Option<String>, reason: String) -> MergeFileReport {
    MergeFileReport {
        file,
        content_hash,
        status: MergeStatus::Refused,
        member: None,
        member_name: None,
        checksum: None,
        counts: None,
        signature: None,
        fingerprint: None,
        key_conflict: false,
        reason: Some(reason),
    }
}

/// A key the chair has accepted for a member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrustedKey {
    pub member: String,
    /// The round's own name for the member.
    pub member_name: String,
    /// The short fingerprint of the key trusted before, if any.
    pub previous: Option<String>,
    pub fingerprint: String,
    /// What was done, in words.
    pub message: String,
}

impl OpenRound {
    /// For a refused file: the member (id, the round's name) and the file's short fingerprint
    /// when the file is validly signed, for a member of this round, with another key than the
    /// one the master trusts for them.
    fn key_conflict(&self, path: &Path) -> Option<(String, String, String)> {
        let file = read_score_source(path).ok()?;
        let key = file.signer()?;
        let round = self.load().ok()?;
        if file.body.round_id != round.info.round_id {
            return None;
        }
        let member = round.member(&samvurd_core::MemberId(file.body.member.id.clone()))?;
        let trusted = self.file().trusted_fingerprint(member.id.as_str()).ok()??;
        (trusted != key.fingerprint())
            .then(|| (member.id.0.clone(), member.name.clone(), key.short_fingerprint()))
    }

    /// The signing key of a member (id or name) on this machine, made the first time.
    pub fn member_key(&self, machine: &crate::Machine, member: &str) -> AppResult<MemberKey> {
        let round = self.load()?;
        let member_id = crate::round::resolve_member(&round, member)?;
        machine.member_key(&round.info.round_id, &member_id)
    }

    /// The chair accepts the key a member's score file is signed with as that member's key
    /// from now on (a new laptop, a reinstalled app): an audited chair action. The file must be
    /// a signed score file of this round for a member of it, under the round's name for them.
    pub fn trust_key_from_file(&mut self, actor: &str, path: &Path) -> AppResult<TrustedKey> {
        let name = file_name(path);
        let file = read_score_source(path)?;
        let Some(key) = file.signer() else {
            return Err(AppError::invalid(format!(
                "«{name}» er ikke signert, så den har ingen nøkkel å godta. Be medlemmet eksportere skårene fra en ny versjon av Samvurd."
            )));
        };
        let round = self.load()?;
        if file.body.round_id != round.info.round_id {
            return Err(AppError::invalid(format!(
                "«{name}» hører til en annen søknadsrunde («{}»). Nøkkelen er ikke godtatt.",
                file.body.round_title
            )));
        }
        let member_id = samvurd_core::MemberId(file.body.member.id.clone());
        let member = round.member(&member_id).ok_or_else(|| {
            AppError::invalid(format!(
                "«{name}» er fila til «{member_id}», som ikke er medlem i runden. Nøkkelen er ikke godtatt."
            ))
        })?;
        if member.name != file.body.member.name {
            return Err(AppError::invalid(format!(
                "«{name}» sier at den er fila til «{}», men i runden heter «{member_id}» «{}». Nøkkelen er ikke godtatt.",
                file.body.member.name, member.name
            )));
        }
        let previous = self
            .file()
            .trusted_fingerprint(member_id.as_str())?
            .map(|full| short_fingerprint(&full));
        let fingerprint = key.short_fingerprint();
        self.apply(
            actor,
            samvurd_store::Change::TrustMemberKey {
                member: member_id.clone(),
                public_key: key.to_text(),
            },
        )?;
        let message = match &previous {
            Some(previous) if *previous == fingerprint => format!(
                "Runden stolte allerede på nøkkelen {fingerprint} for {}. Ingenting er endret, men handlingen er ført i loggen.",
                member.name
            ),
            Some(previous) => format!(
                "Runden stoler nå på nøkkelen {fingerprint} for {} i stedet for {previous}. Slå sammen skårfila på nytt.",
                member.name
            ),
            None => format!("Runden stoler nå på nøkkelen {fingerprint} for {}.", member.name),
        };
        Ok(TrustedKey {
            member: member_id.0,
            member_name: member.name.clone(),
            previous,
            fingerprint,
            message,
        })
    }
}
