//! Members' score files: exporting one from a member's copy, and the chair's merge of many into
//! the master round, with a dry run and a per-file report.

use std::path::Path;

use samvurd_store::score_file::ScoreFile;
use samvurd_store::{MergeCounts, RoundFile};
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
    pub status: MergeStatus,
    pub member: Option<String>,
    pub member_name: Option<String>,
    pub checksum: Option<String>,
    pub counts: Option<MergeCounts>,
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
        [member] => Ok(round.export_score_file(member, &created_by())?),
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
    /// Writes the score file of one member (id or name) to `output`, replacing it atomically.
    pub fn export_scores(&self, member: &str, output: &Path) -> AppResult<ScoreFile> {
        let round = self.load()?;
        let member_id = crate::round::resolve_member(&round, member)?;
        let file = self.file().export_score_file(member_id.as_str(), &created_by())?;
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
    /// round is backed up beside itself. With `dry_run`, nothing is written.
    pub fn merge_files(
        &mut self,
        actor: &str,
        paths: &[&Path],
        dry_run: bool,
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
                .and_then(|file| Ok(self.file().plan_merge(&file, &name)?));
            let plan = match planned {
                Ok(plan) => plan,
                Err(error) => {
                    report.files.push(MergeFileReport {
                        file: name,
                        status: MergeStatus::Refused,
                        member: None,
                        member_name: None,
                        checksum: None,
                        counts: None,
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
                reason: None,
            });
        }
        Ok(report)
    }
}
