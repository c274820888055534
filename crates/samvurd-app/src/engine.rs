//! The chair's inputs to the recommendation engine: round options, gate answers and the
//! recommendation per application. Every one goes through the store's single write path and is
//! audit-logged; a recommendation is checked against the engine before it is written.

use samvurd_core::evaluate::evaluate;
use samvurd_core::recommendation::IssueKind;
use samvurd_core::{
    Aggregation, ApplicationRef, ChairRecommendation, GateAnswer, GateId, Money, Outcome,
    RoundOptions,
};
use samvurd_store::Change;

use crate::{AppError, AppResult, OpenRound};

/// `innvilget`, `delvis` / `delvis innvilget`, `avslått` (or the English keys).
pub fn parse_outcome(text: &str) -> AppResult<Outcome> {
    match text.trim().to_lowercase().as_str() {
        "innvilget" | "innvilge" | "granted" => Ok(Outcome::Granted),
        "delvis" | "delvis innvilget" | "partly_granted" | "partly" => Ok(Outcome::PartlyGranted),
        "avslått" | "avslatt" | "avslag" | "rejected" => Ok(Outcome::Rejected),
        other => Err(AppError::invalid(format!(
            "«{other}» er ikke et utfall. Bruk innvilget, delvis eller avslått."
        ))),
    }
}

impl OpenRound {
    pub fn options(&self) -> AppResult<RoundOptions> {
        Ok(self.file().options()?)
    }

    pub fn set_aggregation(&mut self, actor: &str, aggregation: Aggregation) -> AppResult<()> {
        self.apply(actor, Change::SetAggregation(aggregation))?;
        Ok(())
    }

    /// Changes the round's options; the whole new set is logged.
    pub fn set_options(&mut self, actor: &str, options: RoundOptions) -> AppResult<()> {
        if let Some(share) = options.partial_funding_min_share
            && (share <= rust_decimal::Decimal::ZERO || share > rust_decimal::Decimal::ONE)
        {
            return Err(AppError::invalid(
                "Minste andel ved delvis finansiering må være mellom 0 og 1 (f.eks. 0,5 for halvparten).",
            ));
        }
        if let Some(frame_override) = &options.frame_override
            && frame_override.justification.trim().is_empty()
        {
            return Err(AppError::invalid(
                "Å gå over rammen krever en skriftlig begrunnelse; den står i innstillingen.",
            ));
        }
        self.apply(actor, Change::SetOptions(options))?;
        Ok(())
    }

    pub fn answer_gate(
        &mut self,
        actor: &str,
        application: &str,
        gate: &str,
        passed: bool,
        note: &str,
    ) -> AppResult<()> {
        let answer = GateAnswer {
            application: ApplicationRef(application.trim().to_owned()),
            gate: GateId(gate.trim().to_owned()),
            passed,
            note: note.trim().to_owned(),
        };
        self.apply(actor, Change::AnswerGate(answer))?;
        Ok(())
    }

    /// Records the chair's recommendation for one application after checking it with the
    /// engine: a deviation from the proposal needs a justification, the amount must fit the
    /// outcome, and the total may not exceed the frame without a recorded override.
    pub fn record_recommendation(
        &mut self,
        actor: &str,
        application: &str,
        outcome: Outcome,
        amount: Money,
        justification: &str,
    ) -> AppResult<ChairRecommendation> {
        let recommendation = ChairRecommendation {
            application: ApplicationRef(application.trim().to_owned()),
            outcome,
            amount,
            justification: justification.trim().to_owned(),
        };
        let mut round = self.load()?;
        if round.application(&recommendation.application).is_none() {
            return Err(AppError::invalid(format!(
                "Søknad «{}» finnes ikke i runden.",
                recommendation.application
            )));
        }
        let over_before = evaluate(&round)
            .recommendation
            .issues
            .iter()
            .any(|issue| issue.kind == IssueKind::OverFrame);
        round.recommendations.retain(|existing| existing.application != recommendation.application);
        round.recommendations.push(recommendation.clone());
        let problems: Vec<String> = evaluate(&round)
            .recommendation
            .issues
            .into_iter()
            .filter(|issue| match issue.kind {
                IssueKind::OverFrame => !over_before,
                _ => issue.application.as_ref() == Some(&recommendation.application),
            })
            .map(|issue| issue.message)
            .collect();
        if !problems.is_empty() {
            return Err(AppError::invalid(problems.join(" ")));
        }
        self.apply(actor, Change::SetRecommendation(recommendation.clone()))?;
        Ok(recommendation)
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

    /// Takes back the chair's recommendation for one application: the proposal applies again.
    pub fn clear_recommendation(&mut self, actor: &str, application: &str) -> AppResult<()> {
        self.apply(
            actor,
            Change::ClearRecommendation(ApplicationRef(application.trim().to_owned())),
        )?;
        Ok(())
    }
}
