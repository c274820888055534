//! The merge and the status in the desktop session.

use std::path::Path;

use crate::merge::{MergeView, StatusView, merge_view, status_view};
use crate::session::actor;
use crate::{AppResult, Session};

/// What «Lag kopier til medlemmene» wrote.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct MemberCopies {
    pub folder: String,
    pub files: Vec<MemberCopyFile>,
    /// What to do with the files, in a sentence or two.
    pub message: String,
}

/// One member's copy.
#[derive(Debug, Clone, serde::Serialize, specta::Type)]
pub struct MemberCopyFile {
    pub member_name: String,
    pub file_name: String,
    pub path: String,
}

impl Session {
    /// Checks score files against the round without writing anything.
    /// `accept_unsigned` is the chair's «Godta usignerte filer»: without it an unsigned file
    /// (an older score file, a whole round file) is refused.
    pub fn merge_preview(&self, paths: Vec<String>, accept_unsigned: bool) -> AppResult<MergeView> {
        self.merge(paths, Vec::new(), true, accept_unsigned)
    }

    /// Merges score files; each is all or nothing, a refused one changes nothing.
    /// `previewed_hashes` (one per path, as the preview gave them; empty for none) make the
    /// merge take exactly the bytes the preview showed: a file changed since is refused.
    pub fn merge_files(
        &self,
        paths: Vec<String>,
        previewed_hashes: Vec<String>,
        accept_unsigned: bool,
    ) -> AppResult<MergeView> {
        self.merge(paths, previewed_hashes, false, accept_unsigned)
    }

    fn merge(
        &self,
        paths: Vec<String>,
        previewed_hashes: Vec<String>,
        dry_run: bool,
        accept_unsigned: bool,
    ) -> AppResult<MergeView> {
        self.with(|open| {
            if let Some(lock) = open.lock()? {
                return Err(samvurd_store::StoreError::RoundLocked { lock }.into());
            }
            open.require_master()?;
            let actor = actor(open);
            let sources: Vec<crate::MergeSource<'_>> = paths
                .iter()
                .enumerate()
                .map(|(index, path)| crate::MergeSource {
                    path: Path::new(path),
                    previewed_hash: previewed_hashes
                        .get(index)
                        .map(String::as_str)
                        .filter(|hash| !hash.is_empty()),
                })
                .collect();
            let report = open.merge_sources(&actor, &sources, dry_run, accept_unsigned)?;
            Ok(merge_view(&report, &paths))
        })
    }

    /// «Lag kopi til medlemmene»: writes a copy of the master at `path`, marked as a member's
    /// copy, and says what to do with it.
    pub fn make_member_copy(&self, path: String) -> AppResult<String> {
        self.with(|open| {
            let actor = actor(open);
            open.copy_for_members(&actor, Path::new(&path))?;
            Ok(format!(
                "Kopien til medlemmene er lagret i {path}. Send den til hvert medlem: den spør hvem de er når den åpnes, og oppsettet kan ikke endres i den."
            ))
        })
    }

    /// «Lag kopier til medlemmene»: one copy per member in `folder`, named by member, and what
    /// to do with them.
    pub fn make_member_copies(&self, folder: String) -> AppResult<MemberCopies> {
        self.with(|open| {
            let actor = actor(open);
            let written = open.copies_for_members(&actor, Path::new(&folder))?;
            let documents = open.copy_documents_beside(Path::new(&folder))?;
            let files: Vec<MemberCopyFile> = written
                .into_iter()
                .map(|(member, path)| MemberCopyFile {
                    member_name: member.name,
                    file_name: path
                        .file_name()
                        .map(|name| name.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    path: path.display().to_string(),
                })
                .collect();
            let copies =
                if files.len() == 1 { "Én kopi".to_owned() } else { format!("{} kopier", files.len()) };
            let message = if documents == 0 {
                format!(
                    "{copies} er lagret i {folder}. Send hver fil til medlemmet den har navnet etter, for eksempel på e-post. Medlemmet åpner fila i Samvurd, velger seg selv og skårer; oppsettet kan ikke endres i kopiene."
                )
            } else {
                format!(
                    "{copies} er lagret i {folder}, sammen med {documents} søknadsdokument{}. Send hvert medlem kopien med navnet sitt og søknadsdokumentene, for eksempel som én zip-fil; dokumentene må ligge i samme mappe som kopien. Medlemmet åpner kopien i Samvurd, velger seg selv og skårer; oppsettet kan ikke endres i kopiene.",
                    if documents == 1 { "" } else { "er" }
                )
            };
            Ok(MemberCopies { folder, files, message })
        })
    }

    /// «Godta ny nøkkel»: the chair accepts the key a member's score file is signed with (a new
    /// laptop), after comparing its fingerprint with the member on the phone. Audited.
    pub fn trust_key(&self, path: String) -> AppResult<String> {
        self.with(|open| {
            open.require_master()?;
            let actor = actor(open);
            Ok(open.trust_key_from_file(&actor, Path::new(&path))?.message)
        })
    }

    pub fn chair_status(&self) -> AppResult<StatusView> {
        self.with(|open| Ok(status_view(&open.load()?, &open.audit_log()?)))
    }
}
