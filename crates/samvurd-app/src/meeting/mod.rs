//! The chair's inputs to the recommendation engine — round options, gate answers and the
//! recommendation per application — as typed changes that both doors build.
//!
//! The CLI builds an [`OptionsChange`], a [`GateAnswerChange`] or a [`RecommendationChange`]
//! from its arguments, the desktop `Session` from a screen's fields, both through [`crate::parse`],
//! and both hand it to the same `OpenRound` method. Whether it is allowed is decided by the rules
//! in samvurd-core (`RoundOptions::validate`, `check_recommendation`), which the store runs inside
//! its write transaction: a refused change writes nothing, whoever asked.

mod desktop;
mod record;

pub use desktop::{ConsensusInput, LotteryInput, RecommendationInput};
pub use record::{ConsensusChange, LotteryChange, member_ids};
mod follow_up;
mod vedtak;

pub use desktop::VedtakStep;
pub use follow_up::{
    FollowUpGrant, FollowUpInputs, FollowUpRow, FollowUpSort, FollowUpView, GrantForm, GrantInput,
    ReceiptForm, ReceiptInput, ReportStatus, half_year_status_of, reminders_of, report_kind,
    write_half_year_status_of, write_reminders_of,
};
pub use vedtak::{DecisionChange, VedtakInput, VedtakRow, VedtakView};

use rust_decimal::Decimal;
use samvurd_core::{
    Aggregation, ApplicationRef, ChairRecommendation, CriterionId, FrameOverride, GateAnswer,
    GateId, RoundOptions, TieBreak,
};
use samvurd_store::Change;

use crate::{AppError, AppResult, OpenRound, parse};

/// A change to how the round is computed. `None` leaves a setting as it is; for the settings
/// that can be off, `Some(None)` turns it off (or back to the default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OptionsChange {
    pub aggregation: Option<Aggregation>,
    pub calibration: Option<bool>,
    pub calibration_min_applications: Option<u32>,
    pub partial_funding_min_share: Option<Option<Decimal>>,
    pub total_threshold: Option<Option<Decimal>>,
    /// Replaces every per-criterion minimum; an empty list removes them.
    pub criterion_thresholds: Option<Vec<(CriterionId, Decimal)>>,
    pub disagreement_range: Option<Option<Decimal>>,
    pub member_deviation: Option<Option<Decimal>>,
    pub tie_ladder: Option<Vec<TieBreak>>,
    pub bootstrap_draws: Option<u32>,
    pub bootstrap_seed: Option<u64>,
    pub frame_override: Option<Option<FrameOverride>>,
    /// The least number of counted members per application; `Some(None)` is the default.
    pub quorum: Option<Option<u32>>,
}

impl OptionsChange {
    /// The options with this change made.
    pub fn applied_to(&self, options: &RoundOptions) -> RoundOptions {
        let mut changed = options.clone();
        if let Some(calibration) = self.calibration {
            changed.calibration = calibration;
        }
        if let Some(minimum) = self.calibration_min_applications {
            changed.calibration_min_applications = minimum;
        }
        if let Some(share) = self.partial_funding_min_share {
            changed.partial_funding_min_share = share;
        }
        if let Some(threshold) = self.total_threshold {
            changed.total_threshold = threshold;
        }
        if let Some(thresholds) = &self.criterion_thresholds {
            changed.criterion_thresholds = thresholds.clone();
        }
        if let Some(range) = self.disagreement_range {
            changed.disagreement_range = range;
        }
        if let Some(deviation) = self.member_deviation {
            changed.member_deviation = deviation;
        }
        if let Some(ladder) = &self.tie_ladder {
            changed.tie_ladder = ladder.clone();
        }
        if let Some(draws) = self.bootstrap_draws {
            changed.bootstrap_draws = draws;
        }
        if let Some(seed) = self.bootstrap_seed {
            changed.bootstrap_seed = seed;
        }
        if let Some(frame_override) = &self.frame_override {
            changed.frame_override = frame_override.clone();
        }
        if let Some(quorum) = self.quorum {
            changed.quorum = quorum;
        }
        changed
    }
}

/// The chair's answer to one gate: passed, failed (needs a note), or `None` to take it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateAnswerChange {
    pub application: ApplicationRef,
    pub gate: GateId,
    pub answer: Option<bool>,
    pub note: String,
}

impl GateAnswerChange {
    /// From what was typed: the answer is `ja`/`nei` (or `passed`/`failed`), empty for none.
    pub fn from_text(application: &str, gate: &str, answer: &str, note: &str) -> AppResult<Self> {
        Ok(GateAnswerChange {
            application: ApplicationRef(application.trim().to_owned()),
            gate: GateId(gate.trim().to_owned()),
            answer: parse::gate_answer(answer)?,
            note: note.trim().to_owned(),
        })
    }
}

/// The chair's recommendation for one application, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecommendationChange(pub ChairRecommendation);

impl RecommendationChange {
    /// From what was typed. An empty amount is 0 kr, which is what *avslått* needs.
    pub fn from_text(
        application: &str,
        outcome: &str,
        amount: &str,
        justification: &str,
    ) -> AppResult<Self> {
        Ok(RecommendationChange(ChairRecommendation {
            application: ApplicationRef(application.trim().to_owned()),
            outcome: parse::outcome(outcome)?,
            amount: parse::money_or_zero(amount, "Beløpet")?,
            justification: justification.trim().to_owned(),
        }))
    }
}

/// What a change did, and the changes that restore the state before it (for «Angre»).
#[derive(Debug, Clone)]
pub struct Recorded<T> {
    pub value: T,
    pub restore: Vec<Change>,
}

impl OpenRound {
    pub fn options(&self) -> AppResult<RoundOptions> {
        Ok(self.file().options()?)
    }

    /// Changes how the round is computed. The options are written first, as one checked change
    /// (refused as a whole if any rule is broken), then the aggregation. Returns the changes
    /// that restore the state before; nothing is written when nothing changes.
    pub fn change_options(
        &mut self,
        actor: &str,
        change: &OptionsChange,
        justification: Option<&str>,
    ) -> AppResult<Recorded<RoundOptions>> {
        let round = self.load()?;
        let options = change.applied_to(&round.options);
        let aggregation = change.aggregation.unwrap_or(round.info.aggregation);
        let method_changed = aggregation != round.info.aggregation
            || !round.options.method_differences(&options).is_empty();
        if method_changed && !round.scores.is_empty() {
            // What is wrong with the options themselves is said first, the same at every door.
            options
                .validate(&round.info.scale)
                .and_then(|()| options.validate_criteria(&round.criteria))
                .map_err(|problem| AppError::invalid(problem.to_string()))?;
            // After scoring has begun the method changes only as a justified, logged action.
            let justification = justification.map(str::trim).unwrap_or_default();
            if justification.is_empty() {
                return Err(AppError::invalid(
                    "Beregningsmåten er låst fordi skåringen har begynt: en endring nå kan endre hvem som får penger. Skriv hvorfor den endres; begrunnelsen føres i loggen og i innstillingens metodevedlegg.",
                ));
            }
            self.apply(
                actor,
                Change::ChangeMethod {
                    aggregation,
                    options: options.clone(),
                    justification: justification.to_owned(),
                },
            )?;
            let restore = Change::ChangeMethod {
                aggregation: round.info.aggregation,
                options: round.options.clone(),
                justification: format!("Angret endringen av beregningsmåten («{justification}»)."),
            };
            return Ok(Recorded { value: options, restore: vec![restore] });
        }
        let mut restore = Vec::new();
        if options != round.options {
            self.apply(actor, Change::SetOptions(options.clone()))?;
            restore.push(Change::SetOptions(round.options.clone()));
        }
        if let Some(aggregation) = change.aggregation
            && aggregation != round.info.aggregation
        {
            self.apply(actor, Change::SetAggregation(aggregation))?;
            restore.push(Change::SetAggregation(round.info.aggregation));
        }
        Ok(Recorded { value: options, restore })
    }

    /// Answers a gate, or takes an answer back.
    pub fn answer_gate(
        &mut self,
        actor: &str,
        change: &GateAnswerChange,
    ) -> AppResult<Recorded<()>> {
        let previous = self.file().gate_answers()?.into_iter().find(|existing| {
            existing.application == change.application && existing.gate == change.gate
        });
        match change.answer {
            Some(passed) => self.apply(
                actor,
                Change::AnswerGate(GateAnswer {
                    application: change.application.clone(),
                    gate: change.gate.clone(),
                    passed,
                    note: change.note.clone(),
                }),
            )?,
            None => self.apply(
                actor,
                Change::ClearGateAnswer {
                    application: change.application.clone(),
                    gate: change.gate.clone(),
                },
            )?,
        };
        let restore = match previous {
            Some(previous) => Change::AnswerGate(previous),
            None => Change::ClearGateAnswer {
                application: change.application.clone(),
                gate: change.gate.clone(),
            },
        };
        Ok(Recorded { value: (), restore: vec![restore] })
    }

    /// Records the chair's recommendation for one application. The store checks it with the
    /// core's rules: a deviation from the proposal needs a justification, the amount must fit
    /// the outcome and the request, and the total may not exceed the frame without a recorded
    /// override.
    pub fn record_recommendation(
        &mut self,
        actor: &str,
        change: &RecommendationChange,
    ) -> AppResult<Recorded<ChairRecommendation>> {
        let restore = self.restore_recommendation(&change.0.application)?;
        self.apply(actor, Change::SetRecommendation(change.0.clone()))?;
        Ok(Recorded { value: change.0.clone(), restore: vec![restore] })
    }

    /// Takes back the chair's recommendation for one application: the proposal applies again.
    pub fn clear_recommendation(
        &mut self,
        actor: &str,
        application: &str,
    ) -> AppResult<Recorded<()>> {
        let application = ApplicationRef(application.trim().to_owned());
        let restore = self.restore_recommendation(&application)?;
        self.apply(actor, Change::ClearRecommendation(application))?;
        Ok(Recorded { value: (), restore: vec![restore] })
    }

    fn restore_recommendation(&self, application: &ApplicationRef) -> AppResult<Change> {
        Ok(self
            .file()
            .recommendations()?
            .into_iter()
            .find(|existing| &existing.application == application)
            .map_or_else(
                || Change::ClearRecommendation(application.clone()),
                Change::SetRecommendation,
            ))
    }

    /// Applies the changes an undo step holds, newest last, each through the store's checks.
    pub(crate) fn restore(&mut self, actor: &str, restore: &[Change]) -> AppResult<()> {
        for change in restore.iter().rev() {
            self.apply(actor, change.clone())?;
        }
        Ok(())
    }

    /// Locks the round after the decision: every change is refused until it is unlocked.
    pub fn lock_round(&mut self, actor: &str, reason: &str) -> AppResult<()> {
        self.apply(actor, Change::LockRound { reason: reason.to_owned() })?;
        Ok(())
    }

    /// Opens a locked round for changes again; the reason is logged.
    pub fn unlock_round(&mut self, actor: &str, reason: &str) -> AppResult<()> {
        self.apply(actor, Change::UnlockRound { reason: reason.to_owned() })?;
        Ok(())
    }
}
