//! The chair's use cases in the desktop session: merging score files, the status overview, the
//! dashboard and its options, the meeting (gates, recommendations, undo), the documents and the
//! lock. Each is one method returning the view the screen shows next.
//!
//! Undo: every meeting change (an option, a gate answer, a recommendation) pushes the change
//! that restores what was there before; «Angre» applies it through the same audited write path,
//! so the log shows both the change and its undoing. The stack lives as long as the round is
//! open in the window.

use std::path::Path;

use rust_decimal::Decimal;
use samvurd_core::{ApplicationRef, GateId, RoundOptions};
use samvurd_store::Change;
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::chair_views::{
    DashboardView, MergeView, OptionsInput, StatusView, dashboard_view, merge_view, status_view,
};
use crate::report::{InnstillingOptions, LetterOptions};
use crate::session::{actor, round_view};
use crate::views::{RoundView, money_input};
use crate::{AppError, AppResult, OpenRound, Session};

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

fn percent_share(text: &str) -> AppResult<Decimal> {
    let cleaned = text.trim().trim_end_matches('%').trim().replace(',', ".");
    let percent: Decimal = cleaned.parse().map_err(|_| {
        AppError::invalid(format!(
            "«{}» er ingen prosent. Skriv et tall mellom 1 og 100, f.eks. 50.",
            text.trim()
        ))
    })?;
    if percent <= Decimal::ZERO || percent > Decimal::from(100) {
        return Err(AppError::invalid(
            "Minste andel ved delvis finansiering må være mellom 1 og 100 prosent.",
        ));
    }
    Ok(percent / Decimal::from(100))
}

fn threshold(text: &str, open: &OpenRound) -> AppResult<Option<Decimal>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let value: Decimal = text.trim().replace(',', ".").parse().map_err(|_| {
        AppError::invalid(format!(
            "«{}» er ingen terskel. Skriv en totalskår, f.eks. 4 eller 4,5, eller la feltet stå tomt.",
            text.trim()
        ))
    })?;
    let scale = open.load()?.info.scale;
    if value < Decimal::from(scale.min) || value > Decimal::from(scale.max) {
        return Err(AppError::invalid(format!(
            "Terskelen må ligge på skalaen, fra {} til {}.",
            scale.min, scale.max
        )));
    }
    Ok(Some(value))
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
        self.merge(paths, true, accept_unsigned)
    }

    /// Merges score files; each is all or nothing, a refused one changes nothing.
    pub fn merge_files(&self, paths: Vec<String>, accept_unsigned: bool) -> AppResult<MergeView> {
        self.merge(paths, false, accept_unsigned)
    }

    fn merge(
        &self,
        paths: Vec<String>,
        dry_run: bool,
        accept_unsigned: bool,
    ) -> AppResult<MergeView> {
        self.with(|open| {
            if let Some(lock) = open.lock()? {
                return Err(samvurd_store::StoreError::RoundLocked { lock }.into());
            }
            open.require_master()?;
            let actor = actor(open);
            let files: Vec<&Path> = paths.iter().map(Path::new).collect();
            let report = open.merge_files(&actor, &files, dry_run, accept_unsigned)?;
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
        self.with(|open| {
            let round = open.load()?;
            let aggregation = match input.aggregation.as_str() {
                "median" => samvurd_core::Aggregation::Median,
                _ => samvurd_core::Aggregation::Mean,
            };
            let before: RoundOptions = round.options.clone();
            let options = RoundOptions {
                calibration: input.calibration,
                partial_funding_min_share: if input.partial_funding {
                    Some(percent_share(&input.partial_min_percent)?)
                } else {
                    None
                },
                total_threshold: threshold(&input.total_threshold, open)?,
                ..before.clone()
            };
            let actor = actor(open);
            let mut restore = Vec::new();
            if aggregation != round.info.aggregation {
                open.set_aggregation(&actor, aggregation)?;
                restore.push(Change::SetAggregation(round.info.aggregation));
            }
            if options != before {
                open.set_options(&actor, options)?;
                restore.push(Change::SetOptions(before));
            }
            if !restore.is_empty() {
                self.push_undo("endringen av beregningsvalgene".to_owned(), restore);
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
        self.with(|open| {
            let round = open.load()?;
            let previous = round
                .gate_answers
                .iter()
                .find(|existing| existing.application.0 == application && existing.gate.0 == gate)
                .cloned();
            let actor = actor(open);
            match answer.as_str() {
                "passed" | "failed" => {
                    open.answer_gate(&actor, &application, &gate, answer == "passed", &note)?;
                }
                "" => {
                    open.apply(
                        &actor,
                        Change::ClearGateAnswer {
                            application: ApplicationRef(application.clone()),
                            gate: GateId(gate.clone()),
                        },
                    )?;
                }
                other => {
                    return Err(AppError::invalid(format!(
                        "«{other}» er ikke et svar. Velg oppfylt, ikke oppfylt eller ikke besvart."
                    )));
                }
            }
            let restore = match previous {
                Some(previous) => Change::AnswerGate(previous),
                None => Change::ClearGateAnswer {
                    application: ApplicationRef(application.clone()),
                    gate: GateId(gate),
                },
            };
            self.push_undo(format!("svaret på kravet for søknad {application}"), vec![restore]);
            self.dashboard_of(open)
        })
    }

    /// Records the chair's recommendation, checked by the engine (a deviation needs a
    /// justification; the frame holds unless an override is recorded).
    pub fn record_recommendation(&self, input: RecommendationInput) -> AppResult<DashboardView> {
        self.with(|open| {
            let outcome = crate::parse_outcome(&input.outcome)?;
            let amount =
                if outcome == samvurd_core::Outcome::Rejected && input.amount.trim().is_empty() {
                    samvurd_core::Money::ZERO
                } else {
                    money_input(&input.amount, "Beløpet")?
                };
            let previous = self.previous_recommendation(open, &input.application)?;
            let actor = actor(open);
            open.record_recommendation(
                &actor,
                &input.application,
                outcome,
                amount,
                &input.justification,
            )?;
            self.push_undo(
                format!("innstillingen for søknad {}", input.application),
                vec![previous],
            );
            self.dashboard_of(open)
        })
    }

    /// Back to the computed proposal for one application.
    pub fn clear_recommendation(&self, application: String) -> AppResult<DashboardView> {
        self.with(|open| {
            let previous = self.previous_recommendation(open, &application)?;
            let actor = actor(open);
            open.clear_recommendation(&actor, &application)?;
            self.push_undo(format!("tilbakestillingen av søknad {application}"), vec![previous]);
            self.dashboard_of(open)
        })
    }

    fn previous_recommendation(&self, open: &OpenRound, application: &str) -> AppResult<Change> {
        let round = open.load()?;
        Ok(round
            .recommendations
            .iter()
            .find(|existing| existing.application.0 == application)
            .cloned()
            .map_or_else(
                || Change::ClearRecommendation(ApplicationRef(application.to_owned())),
                Change::SetRecommendation,
            ))
    }

    /// Takes back the last meeting change (through the audited write path).
    pub fn undo(&self) -> AppResult<DashboardView> {
        self.with(|open| {
            let step = self
                .undo
                .lock()
                .ok()
                .and_then(|mut stack| stack.pop())
                .ok_or_else(|| AppError::invalid("Det er ingen endring å angre."))?;
            let actor = actor(open);
            for change in step.restore.iter().rev() {
                if let Err(error) = open.apply(&actor, change.clone()) {
                    self.push_undo(step.label.clone(), step.restore.clone());
                    return Err(error);
                }
            }
            self.dashboard_of(open)
        })
    }

    // ---- documents and lock ------------------------------------------------------------------

    pub fn write_innstilling(&self, path: String) -> AppResult<WrittenFile> {
        self.with(|open| {
            let path = Path::new(&path);
            open.write_innstilling(path, &InnstillingOptions::default(), None)?;
            Ok(written(path, "Innstillingen"))
        })
    }

    pub fn write_letters(&self, folder: String) -> AppResult<WrittenFile> {
        self.with(|open| {
            let folder = Path::new(&folder);
            let letters = open.write_answer_letters(folder, &LetterOptions::default(), None)?;
            Ok(WrittenFile {
                path: folder.display().to_string(),
                file_name: folder
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                message: format!("{} svarbrev er lagret i {}.", letters.len(), folder.display()),
            })
        })
    }

    pub fn export_results(&self, path: String) -> AppResult<WrittenFile> {
        self.with(|open| {
            let path = Path::new(&path);
            open.export_results(path)?;
            Ok(written(path, "Regnearket"))
        })
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
