//! The meeting in the desktop session: gates, recommendations and the lock, each undoable.

use serde::Deserialize;
use specta::Type;

use crate::results::DashboardView;
use crate::session::actor;
use crate::session::round_view;
use crate::views::RoundView;
use crate::{
    AppResult, ConsensusChange, GateAnswerChange, LotteryChange, RecommendationChange, Session,
};

/// The group's consensus record for one application, as the meeting screen sends it.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct ConsensusInput {
    pub application: String,
    pub assessment: String,
    /// Empty when the group agreed.
    pub majority: String,
    pub minority: String,
    /// Member ids of the minority.
    pub minority_members: Vec<String>,
}

/// The chair's lottery, as the meeting screen sends it.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct LotteryInput {
    /// The digits everyone in the room can see (dice, or a named public draw's numbers).
    pub seed: String,
    /// Where they come from.
    pub source: String,
    pub applications: Vec<String>,
}

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

    /// Names the leader and deputy (empty: none).
    pub fn set_chairs(&self, chair: String, deputy: String) -> AppResult<DashboardView> {
        self.with(|open| {
            let recorded = open.set_chairs(&actor(open), &chair, &deputy)?;
            self.push_undo("valget av leder og nestleder".to_owned(), recorded.restore);
            self.dashboard_of(open)
        })
    }

    /// Chooses who chairs an item the leader is recused from (empty: the deputy again).
    pub fn set_item_chair(&self, application: String, member: String) -> AppResult<DashboardView> {
        self.with(|open| {
            let recorded = open.set_item_chair(&actor(open), &application, &member)?;
            self.push_undo(format!("møtelederen for søknad {application}"), recorded.restore);
            self.dashboard_of(open)
        })
    }

    /// Records the group's consensus for one application.
    pub fn record_consensus(&self, input: ConsensusInput) -> AppResult<DashboardView> {
        let change = ConsensusChange::from_text(
            &input.application,
            &input.assessment,
            &input.majority,
            &input.minority,
            &input.minority_members,
        );
        self.with(|open| {
            let recorded = open.record_consensus(&actor(open), &change)?;
            self.push_undo(
                format!("gruppens vurdering av søknad {}", change.0.application),
                recorded.restore,
            );
            self.dashboard_of(open)
        })
    }

    /// Draws lots among grey-zone applications.
    pub fn draw_lots(&self, input: LotteryInput) -> AppResult<DashboardView> {
        let change = LotteryChange::from_text(&input.seed, &input.source, &input.applications);
        self.with(|open| {
            let recorded = open.draw_lots(&actor(open), &change)?;
            self.push_undo("loddtrekningen".to_owned(), recorded.restore);
            self.dashboard_of(open)
        })
    }

    /// Takes the lottery back.
    pub fn clear_lottery(&self) -> AppResult<DashboardView> {
        self.with(|open| {
            let recorded = open.clear_lottery(&actor(open))?;
            self.push_undo("fjerningen av loddtrekningen".to_owned(), recorded.restore);
            self.dashboard_of(open)
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
    /// The innstilling beside the SSU's vedtak, for the «Vedtak» step of «Innstilling og brev».
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
