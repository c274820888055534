//! Members' score files: exporting one from a member's copy, and the chair's merge of many into
//! the master round, with a dry run and a per-file report.

use std::path::Path;

use samvurd_store::score_file::ScoreFile;
use samvurd_store::signing::{MemberKey, short_fingerprint};
use samvurd_store::{KeyTrust, MergeCounts, RoundFile};
use serde::Serialize;

use crate::{AppError, AppResult, OpenRound};

/// What happened to one file of a merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
    let name = file_name(path);
    let bytes = std::fs::read(path)
        .map_err(|error| AppError::io(format!("Kunne ikke lese «{}»: {error}", path.display())))?;
    if !bytes.starts_with(b"SQLite format 3\0") {
        return Ok(ScoreFile::parse(&bytes, &name)?);
    }
    let round = RoundFile::open_read_only(path)?;
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
        let round = self.load()?;
        let member_id = crate::round::resolve_member(&round, member)?;
        let file = self.file().export_score_file(member_id.as_str(), &created_by(), key)?;
        let temporary = output.with_extension("samvurd-skar-tmp");
        std::fs::write(&temporary, file.to_bytes())
            .and_then(|()| std::fs::rename(&temporary, output))
            .map_err(|error| {
                let _ = std::fs::remove_file(&temporary);
                AppError::io(format!("Kunne ikke skrive «{}»: {error}", output.display()))
            })?;
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
        if self.is_read_only() && !dry_run {
            return Err(AppError::from(samvurd_store::StoreError::ReadOnly {
                path: self.path().to_owned(),
            }));
        }
        let mut report = MergeReport { dry_run, backup: None, files: Vec::new() };
        for path in paths {
            let name = file_name(path);
            let planned = read_score_source(path)
                .and_then(|file| Ok(self.file().plan_merge(file, &name, accept_unsigned)?));
            let plan = match planned {
                Ok(plan) => plan,
                Err(error) => {
                    let conflict = self.key_conflict(path);
                    report.files.push(MergeFileReport {
                        file: name,
                        status: MergeStatus::Refused,
                        member: conflict.as_ref().map(|(id, _, _)| id.clone()),
                        member_name: conflict.as_ref().map(|(_, name, _)| name.clone()),
                        checksum: None,
                        counts: None,
                        signature: None,
                        fingerprint: conflict
                            .as_ref()
                            .map(|(_, _, fingerprint)| fingerprint.clone()),
                        key_conflict: conflict.is_some(),
                        reason: Some(error.message),
                    });
                    continue;
                }
            };
            let status = if dry_run {
                MergeStatus::WouldMerge
            } else if plan.counts.changes() == 0 {
                MergeStatus::Unchanged
            } else {
                if report.backup.is_none() {
                    report.backup = Some(self.file().backup_beside()?.display().to_string());
                }
                self.file_mut().apply_merge(actor, &plan, &name)?;
                MergeStatus::Merged
            };
            report.files.push(MergeFileReport {
                file: name,
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
