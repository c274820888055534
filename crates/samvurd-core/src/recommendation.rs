//! The chair's recommendation merged with the computed proposal, and its validation.
//!
//! The chair's recommendation is stored beside the proposal, never over it. Per application the
//! merged view takes the chair's recorded outcome and amount, or, where the chair has recorded
//! nothing, the proposal's: funded in full is *innvilget*, partly funded *delvis innvilget*,
//! everything else *avslått* with 0 kr.
//!
//! The rules checked here (storing and logging the recommendation is the store's job):
//!
//! - a recorded outcome or amount that differs from the proposal is a deviation and needs a
//!   written justification;
//! - the amount fits the outcome: *avslått* is 0 kr, *innvilget* is the requested amount,
//!   *delvis innvilget* is more than 0 and less than requested; never negative, never more than
//!   requested;
//! - one recommendation per application, and only for applications of the round (a later
//!   duplicate replaces an earlier one, and is reported);
//! - the recommended total does not exceed the frame, unless the chair has recorded an explicit
//!   override ([`crate::FrameOverride`]) with a justification and the total is within its
//!   maximum. An override in use is reported as a note for the innstilling.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::allocation::{Allocation, AwardReason};
use crate::{
    ApplicationRef, ChairRecommendation, FrameOverride, Money, Outcome, Round, RuleViolation,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecommendationSource {
    /// Nothing recorded: the proposal's outcome and amount.
    Proposal,
    /// Recorded by the chair.
    Chair,
}

/// The recommendation for one application, as it goes to the SSU.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecommendedAward {
    pub application: ApplicationRef,
    pub outcome: Outcome,
    pub amount: Money,
    pub justification: String,
    pub source: RecommendationSource,
    /// What the computed proposal says, for comparison.
    pub proposal_outcome: Outcome,
    pub proposal_amount: Money,
    /// Another outcome or another amount than the proposal.
    pub deviates: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    MissingJustification,
    AmountDoesNotFitOutcome,
    UnknownApplication,
    DuplicateRecommendation,
    OverFrame,
}

impl IssueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            IssueKind::MissingJustification => "missing_justification",
            IssueKind::AmountDoesNotFitOutcome => "amount_does_not_fit_outcome",
            IssueKind::UnknownApplication => "unknown_application",
            IssueKind::DuplicateRecommendation => "duplicate_recommendation",
            IssueKind::OverFrame => "over_frame",
        }
    }
}

/// Something that must be put right before the recommendation can go to the SSU.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecommendationIssue {
    pub kind: IssueKind,
    pub application: Option<ApplicationRef>,
    /// What is wrong and what to do, in Norwegian.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    /// In the ranking order of the allocation.
    pub awards: Vec<RecommendedAward>,
    pub total: Money,
    pub frame: Money,
    /// How much the total exceeds the frame; `None` within the frame.
    pub over_frame_by: Option<Money>,
    /// The chair's override, when the total exceeds the frame and the override allows it.
    pub frame_override_used: Option<FrameOverride>,
    pub deviations: usize,
    pub issues: Vec<RecommendationIssue>,
    /// No issues: the recommendation can go to the SSU as it stands.
    pub valid: bool,
}

/// The proposal's outcome for an award: granted in full, in part, or rejected. An application
/// drawn in the lottery is granted in full or in part by what the draw gave it.
pub fn proposal_outcome(award: &crate::allocation::Award) -> Outcome {
    match award.reason {
        AwardReason::Funded => Outcome::Granted,
        AwardReason::PartlyFunded => Outcome::PartlyGranted,
        AwardReason::DrawnByLot if award.proposed == award.requested => Outcome::Granted,
        AwardReason::DrawnByLot => Outcome::PartlyGranted,
        _ => Outcome::Rejected,
    }
}

/// Merges the chair's recorded recommendations with the proposal and checks them.
pub fn recommend(round: &Round, allocation: &Allocation) -> Recommendation {
    let mut issues = Vec::new();
    let mut recorded: BTreeMap<&ApplicationRef, &ChairRecommendation> = BTreeMap::new();
    for recommendation in &round.recommendations {
        if round.application(&recommendation.application).is_none() {
            issues.push(RecommendationIssue {
                kind: IssueKind::UnknownApplication,
                application: Some(recommendation.application.clone()),
                message: format!(
                    "Det finnes en anbefaling for søknad {}, som ikke er med i runden. Slett anbefalingen.",
                    recommendation.application
                ),
            });
            continue;
        }
        if recorded.insert(&recommendation.application, recommendation).is_some() {
            issues.push(RecommendationIssue {
                kind: IssueKind::DuplicateRecommendation,
                application: Some(recommendation.application.clone()),
                message: format!(
                    "Søknad {} har flere anbefalinger; den siste gjelder. Slett de andre.",
                    recommendation.application
                ),
            });
        }
    }

    let awards: Vec<RecommendedAward> = allocation
        .awards
        .iter()
        .map(|award| {
            let proposal_outcome = proposal_outcome(award);
            let Some(chair) = recorded.get(&award.application) else {
                return RecommendedAward {
                    application: award.application.clone(),
                    outcome: proposal_outcome,
                    amount: award.proposed,
                    justification: String::new(),
                    source: RecommendationSource::Proposal,
                    proposal_outcome,
                    proposal_amount: award.proposed,
                    deviates: false,
                };
            };
            let deviates = chair.outcome != proposal_outcome || chair.amount != award.proposed;
            if deviates && chair.justification.trim().is_empty() {
                issues.push(RecommendationIssue {
                    kind: IssueKind::MissingJustification,
                    application: Some(award.application.clone()),
                    message: format!(
                        "Anbefalingen for {} ({}, {}) avviker fra forslaget ({}, {}) og må begrunnes skriftlig.",
                        award.application,
                        chair.outcome.label(),
                        chair.amount.format(),
                        proposal_outcome.label(),
                        award.proposed.format()
                    ),
                });
            }
            if let Some(problem) = amount_problem(chair.outcome, chair.amount, award.requested) {
                issues.push(RecommendationIssue {
                    kind: IssueKind::AmountDoesNotFitOutcome,
                    application: Some(award.application.clone()),
                    message: format!("Anbefalingen for {}: {problem}", award.application),
                });
            }
            RecommendedAward {
                application: award.application.clone(),
                outcome: chair.outcome,
                amount: chair.amount,
                justification: chair.justification.clone(),
                source: RecommendationSource::Chair,
                proposal_outcome,
                proposal_amount: award.proposed,
                deviates,
            }
        })
        .collect();

    let total: Money = awards.iter().map(|award| award.amount).sum();
    let frame = round.info.budget_frame;
    let over_frame_by = (total > frame).then(|| total - frame);
    let mut frame_override_used = None;
    if let Some(excess) = over_frame_by {
        match &round.options.frame_override {
            Some(allowed)
                if total <= allowed.max_total && !allowed.justification.trim().is_empty() =>
            {
                frame_override_used = Some(allowed.clone());
            }
            Some(allowed) if total > allowed.max_total => issues.push(RecommendationIssue {
                kind: IssueKind::OverFrame,
                application: None,
                message: format!(
                    "Anbefalt sum {} overstiger også den vedtatte overskridelsen (inntil {}). Reduser beløpene eller endre vedtaket.",
                    total.format(),
                    allowed.max_total.format()
                ),
            }),
            _ => issues.push(RecommendationIssue {
                kind: IssueKind::OverFrame,
                application: None,
                message: format!(
                    "Anbefalt sum {} overstiger rammen på {} med {}. Reduser beløpene, eller registrer et begrunnet vedtak om å overskride rammen.",
                    total.format(),
                    frame.format(),
                    excess.format()
                ),
            }),
        }
    }
    let deviations = awards.iter().filter(|award| award.deviates).count();
    let valid = issues.is_empty();
    Recommendation {
        awards,
        total,
        frame,
        over_frame_by,
        frame_override_used,
        deviations,
        issues,
        valid,
    }
}

/// Checks one recommendation before it is recorded: the application is the round's, and with it
/// in place there is no issue about that application, and no new excess over the frame (an
/// excess that was already there is reported by the innstilling, not blamed on this change).
///
/// The store calls this inside its write transaction, for a new recommendation and for undo
/// alike. The proposal does not depend on the bootstrap, so the engine runs once, without draws.
pub fn check_recommendation(
    round: &Round,
    recommendation: &ChairRecommendation,
) -> Result<(), RuleViolation> {
    if recommendation.amount.is_negative() {
        return Err(RuleViolation::new("Beløpet kan ikke være negativt."));
    }
    if round.application(&recommendation.application).is_none() {
        return Err(RuleViolation(format!(
            "Søknad «{}» finnes ikke i runden.",
            recommendation.application
        )));
    }
    let mut after = round.clone();
    after.options.bootstrap_draws = 0;
    after.recommendations.retain(|existing| existing.application != recommendation.application);
    after.recommendations.push(recommendation.clone());
    let evaluation = crate::evaluate::evaluate(&after);
    // The computed proposal is the same with or without the chair's recommendations, so the
    // state before is the same proposal merged with the recommendations as they were.
    let allocation = Allocation {
        awards: evaluation
            .applications
            .iter()
            .map(|application| application.award.clone())
            .collect(),
        frame: evaluation.budget.frame,
        total_proposed: evaluation.budget.proposed,
        remaining: evaluation.budget.remaining,
    };
    let over_before =
        recommend(round, &allocation).issues.iter().any(|issue| issue.kind == IssueKind::OverFrame);
    let problems: Vec<String> = evaluation
        .recommendation
        .issues
        .into_iter()
        .filter(|issue| match issue.kind {
            IssueKind::OverFrame => !over_before,
            _ => issue.application.as_ref() == Some(&recommendation.application),
        })
        .map(|issue| issue.message)
        .collect();
    if problems.is_empty() { Ok(()) } else { Err(RuleViolation(problems.join(" "))) }
}

/// Why an amount does not fit its outcome, in Norwegian; `None` when it does.
fn amount_problem(outcome: Outcome, amount: Money, requested: Money) -> Option<String> {
    if amount.is_negative() {
        return Some(format!("beløpet {} er negativt.", amount.format()));
    }
    if amount > requested {
        return Some(format!(
            "beløpet {} er mer enn omsøkt ({}).",
            amount.format(),
            requested.format()
        ));
    }
    match outcome {
        Outcome::Rejected if amount != Money::ZERO => {
            Some(format!("avslått, men med beløp {}; et avslag er 0 kr.", amount.format()))
        }
        Outcome::Granted if amount != requested => Some(format!(
            "innvilget med {}, men omsøkt er {}; velg delvis innvilget eller omsøkt beløp.",
            amount.format(),
            requested.format()
        )),
        Outcome::PartlyGranted if amount == Money::ZERO || amount == requested => Some(format!(
            "delvis innvilget må være mer enn 0 kr og mindre enn omsøkt ({}).",
            requested.format()
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::evaluate::evaluate;
    use crate::testing::{round_with, score};

    /// The merged view per application, then every issue with its message.
    fn check(round: &Round, expected: Expect) {
        let recommendation = evaluate(round).recommendation;
        let mut text = format!(
            "total {} valid {} deviations {}\n",
            recommendation.total.format(),
            recommendation.valid,
            recommendation.deviations
        );
        for issue in &recommendation.issues {
            text.push_str(&format!("{}: {}\n", issue.kind.as_str(), issue.message));
        }
        expected.assert_eq(&text.replace('\u{a0}', " "));
    }

    fn recorded(
        application: &str,
        outcome: Outcome,
        kroner: i64,
        why: &str,
    ) -> ChairRecommendation {
        ChairRecommendation {
            application: ApplicationRef::from(application),
            outcome,
            amount: Money::from_kroner(kroner),
            justification: why.to_owned(),
        }
    }

    #[test]
    fn every_breach_is_reported_with_what_to_do_and_the_frame_holds_without_an_override() {
        // Frame 200 000, three applications of 100 000: R1 and R2 are proposed, R3 is not.
        let mut round = round_with(
            &[("a", 1, false)],
            &["m1"],
            &["R1", "R2", "R3"],
            vec![
                score("m1", "R1", "a", Some(7)),
                score("m1", "R2", "a", Some(6)),
                score("m1", "R3", "a", Some(5)),
            ],
            &[],
        );
        round.info.budget_frame = Money::from_kroner(200_000);
        round.recommendations = vec![
            recorded("R3", Outcome::Granted, 100_000, ""),
            recorded("R2", Outcome::PartlyGranted, 100_000, "Avkortet budsjett"),
            recorded("R9", Outcome::Granted, 1, "Feil"),
            recorded("R1", Outcome::Granted, 100_000, ""),
            recorded("R1", Outcome::Granted, 100_000, ""),
        ];
        check(
            &round,
            expect![[r#"
            total 300 000 kr valid false deviations 2
            unknown_application: Det finnes en anbefaling for søknad R9, som ikke er med i runden. Slett anbefalingen.
            duplicate_recommendation: Søknad R1 har flere anbefalinger; den siste gjelder. Slett de andre.
            amount_does_not_fit_outcome: Anbefalingen for R2: delvis innvilget må være mer enn 0 kr og mindre enn omsøkt (100 000 kr).
            missing_justification: Anbefalingen for R3 (innvilget, 100 000 kr) avviker fra forslaget (avslått, 0 kr) og må begrunnes skriftlig.
            over_frame: Anbefalt sum 300 000 kr overstiger rammen på 200 000 kr med 100 000 kr. Reduser beløpene, eller registrer et begrunnet vedtak om å overskride rammen.
        "#]],
        );

        round.recommendations =
            vec![recorded("R3", Outcome::Granted, 100_000, "Viktig for samiske pasienter")];
        round.options.frame_override = Some(FrameOverride {
            max_total: Money::from_kroner(300_000),
            justification: "Ubrukte midler fra i fjor".to_owned(),
        });
        check(
            &round,
            expect![[r#"
            total 300 000 kr valid true deviations 1
        "#]],
        );
    }
}
