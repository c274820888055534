//! The chair's use cases in the desktop session: merging score files, the status overview, the
//! dashboard and its options, the meeting (gates, recommendations, undo), the documents and the
//! lock. Each is one method returning the view the screen shows next.
//!
//! Undo: every meeting change (an option, a gate answer, a recommendation) pushes the change
//! that restores what was there before; «Angre» applies it through the same audited write path,
//! so the log shows both the change and its undoing. The stack lives as long as the round is
//! open in the window.

use std::path::Path;

use samvurd_store::Change;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::chair_views::{
    DashboardView, MergeView, OptionsInput, StatusView, dashboard_view, merge_view, status_view,
};
use crate::report::{InnstillingOptions, LetterOptions};
use crate::session::{actor, round_view};
use crate::views::RoundView;
use crate::{
    AppError, AppResult, GateAnswerChange, OpenRound, OptionsChange, RecommendationChange, Session,
    parse,
};

/// One undoable step: what it did, and the changes that restore the state before it.
#[derive(Debug, Clone)]
pub struct UndoStep {
    label: String,
    restore: Vec<Change>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct RecommendationInput {
    pub application: String,
    /// `granted`, `partly_granted` or `rejected`.
    pub outcome: String,
    pub amount: String,
    pub justification: String,
}

/// A document written to disk.
#[derive(Debug, Clone, Serialize, Type)]
pub struct WrittenFile {
    pub path: String,
    pub file_name: String,
    /// E.g. «Innstillingen er lagret (212 kB).»
    pub message: String,
}

fn written(path: &Path, what: &str) -> WrittenFile {
    let size = std::fs::metadata(path).map(|metadata| metadata.len()).unwrap_or(0);
    WrittenFile {
        path: path.display().to_string(),
        file_name: path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
        message: format!("{what} er lagret i {} ({} kB).", path.display(), size.div_ceil(1024)),
    }
}

impl OptionsInput {
    /// The dashboard's fields as a typed change, through the same parse functions as the CLI's
    /// `samvurd options`. The desktop's share field is in percent (`50` is half the request).
    pub fn to_change(&self) -> AppResult<OptionsChange> {
        Ok(OptionsChange {
            aggregation: Some(parse::aggregation(&self.aggregation)?),
            calibration: Some(self.calibration),
            partial_funding_min_share: Some(if self.partial_funding {
                Some(parse::percent_share(&self.partial_min_percent)?)
            } else {
                None
            }),
            total_threshold: Some(parse::off_or(&self.total_threshold, |text| {
                parse::decimal(text, "Minste totalskår")
            })?),
            ..OptionsChange::default()
        })
    }
}

impl Session {
    fn dashboard_of(&self, open: &OpenRound) -> AppResult<DashboardView> {
        let round = open.load()?;
        let results = crate::results::compute(&round);
        Ok(dashboard_view(&round, &results, self.undo_label(), open.lock()?.is_some()))
    }

    fn undo_label(&self) -> Option<String> {
        self.undo.lock().ok().and_then(|stack| stack.last().map(|step| step.label.clone()))
    }

    fn push_undo(&self, label: String, restore: Vec<Change>) {
        if let Ok(mut stack) = self.undo.lock() {
            stack.push(UndoStep { label, restore });
        }
    }

    pub(crate) fn forget_undo(&self) {
        if let Ok(mut stack) = self.undo.lock() {
            stack.clear();
        }
    }

    // ---- merge and status --------------------------------------------------------------------

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

    // ---- dashboard and meeting ---------------------------------------------------------------

    pub fn dashboard(&self) -> AppResult<DashboardView> {
        self.with(|open| self.dashboard_of(open))
    }

    /// Changes how the round is computed; the dashboard is recomputed at once.
    pub fn set_round_options(&self, input: OptionsInput) -> AppResult<DashboardView> {
        let change = input.to_change()?;
        self.with(|open| {
            let recorded = open.change_options(&actor(open), &change)?;
            if !recorded.restore.is_empty() {
                self.push_undo("endringen av beregningsvalgene".to_owned(), recorded.restore);
            }
            self.dashboard_of(open)
        })
    }

    /// Answers a gate: `passed`, `failed` (needs a note), or empty to take the answer back.
    pub fn answer_gate(
        &self,
        application: String,
        gate: String,
        answer: String,
        note: String,
    ) -> AppResult<DashboardView> {
        let change = GateAnswerChange::from_text(&application, &gate, &answer, &note)?;
        self.with(|open| {
            let recorded = open.answer_gate(&actor(open), &change)?;
            self.push_undo(
                format!("svaret på kravet for søknad {}", change.application),
                recorded.restore,
            );
            self.dashboard_of(open)
        })
    }

    /// Records the chair's recommendation (checked by the core's rules in the store: a
    /// deviation needs a justification; the frame holds unless an override is recorded).
    pub fn record_recommendation(&self, input: RecommendationInput) -> AppResult<DashboardView> {
        let change = RecommendationChange::from_text(
            &input.application,
            &input.outcome,
            &input.amount,
            &input.justification,
        )?;
        self.with(|open| {
            let recorded = open.record_recommendation(&actor(open), &change)?;
            self.push_undo(
                format!("innstillingen for søknad {}", recorded.value.application),
                recorded.restore,
            );
            self.dashboard_of(open)
        })
    }

    /// Back to the computed proposal for one application.
    pub fn clear_recommendation(&self, application: String) -> AppResult<DashboardView> {
        self.with(|open| {
            let recorded = open.clear_recommendation(&actor(open), &application)?;
            self.push_undo(format!("tilbakestillingen av søknad {application}"), recorded.restore);
            self.dashboard_of(open)
        })
    }

    /// Takes back the last meeting change, through the store's write path and its checks.
    pub fn undo(&self) -> AppResult<DashboardView> {
        self.with(|open| {
            let step = self
                .undo
                .lock()
                .ok()
                .and_then(|mut stack| stack.pop())
                .ok_or_else(|| AppError::invalid("Det er ingen endring å angre."))?;
            if let Err(error) = open.restore(&actor(open), &step.restore) {
                self.push_undo(step.label, step.restore);
                return Err(error);
            }
            self.dashboard_of(open)
        })
    }

    // ---- documents and lock ------------------------------------------------------------------

    /// The open round as it is now, read under the lock; the slow work that follows (the engine,
    /// a PDF, a spreadsheet) runs on this copy without holding the session, so the window can
    /// go on asking for other things meanwhile.
    fn snapshot(&self) -> AppResult<samvurd_core::Round> {
        self.with(|open| open.load())
    }

    pub fn write_innstilling(&self, path: String) -> AppResult<WrittenFile> {
        let round = self.snapshot()?;
        let path = Path::new(&path);
        crate::report::write_innstilling_of(&round, path, &InnstillingOptions::default(), None)?;
        Ok(written(path, "Innstillingen"))
    }

    pub fn write_letters(&self, folder: String) -> AppResult<WrittenFile> {
        let round = self.snapshot()?;
        let folder = Path::new(&folder);
        let letters = crate::report::write_answer_letters_of(
            &round,
            folder,
            &LetterOptions::default(),
            None,
        )?;
        Ok(WrittenFile {
            path: folder.display().to_string(),
            file_name: folder
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default(),
            message: format!("{} svarbrev er lagret i {}.", letters.len(), folder.display()),
        })
    }

    pub fn export_results(&self, path: String) -> AppResult<WrittenFile> {
        let round = self.snapshot()?;
        let path = Path::new(&path);
        crate::export::export_results_of(&round, path)?;
        Ok(written(path, "Regnearket"))
    }

    /// Locks the round after the SSU's decision: read-only until the chair unlocks it.
    pub fn lock_round(&self, reason: String) -> AppResult<RoundView> {
        self.with(|open| {
            let actor = actor(open);
            open.lock_round(&actor, &reason)?;
            self.forget_undo();
            round_view(open)
        })
    }

    pub fn unlock_round(&self, reason: String) -> AppResult<RoundView> {
        self.with(|open| {
            let actor = actor(open);
            open.unlock_round(&actor, &reason)?;
            round_view(open)
        })
    }
}
