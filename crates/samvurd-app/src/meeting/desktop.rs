//! The meeting in the desktop session: gates, recommendations and the lock, each undoable.

use serde::Deserialize;
use specta::Type;

use crate::results::DashboardView;
use crate::session::actor;
use crate::session::round_view;
use crate::views::RoundView;
use crate::{AppResult, GateAnswerChange, RecommendationChange, Session};

#[derive(Debug, Clone, Deserialize, Type)]
pub struct RecommendationInput {
    pub application: String,
    /// `granted`, `partly_granted` or `rejected`.
    pub outcome: String,
    pub amount: String,
    pub justification: String,
}

impl Session {
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

/// The «Vedtak» step after a change: the vedtak beside the innstilling, and the round (locked
/// by the vedtak).
#[derive(Debug, Clone, serde::Serialize, Type)]
pub struct VedtakStep {
    pub vedtak: super::VedtakView,
    pub round: RoundView,
}

impl Session {
    /// The innstilling beside the SSU's vedtak, for the «Vedtak» step of «Avslutt».
    pub fn vedtak_view(&self) -> AppResult<super::VedtakView> {
        self.with(|open| open.vedtak_view())
    }

    /// «Vedta som innstilt»: one logged action; the round is locked and undo is forgotten.
    pub fn adopt_as_recommended(
        &self,
        meeting_date: String,
        case_number: String,
    ) -> AppResult<VedtakStep> {
        let input = super::VedtakInput::from_text(&meeting_date, &case_number)?;
        self.with(|open| {
            let actor = actor(open);
            open.adopt_as_recommended(&actor, input.meeting_date, &input.case_number)?;
            self.forget_undo();
            Ok(VedtakStep { vedtak: open.vedtak_view()?, round: round_view(open)? })
        })
    }
}
