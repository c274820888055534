//! A first proposal within the budget frame: in rank order, grant the requested amount if it
//! fits in what is left of the frame, otherwise give 0 and go on to the next (skip and continue).
//!
//! Skipping rather than stopping at the first application that does not fit is what a working
//! group does by hand: a smaller application further down can still be funded from what is left.

use serde::Serialize;

use crate::ranking::Ranked;
use crate::{ApplicationRef, Money, Round};

/// Why an application got what it got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardReason {
    /// Granted in full.
    Funded,
    /// Its request did not fit in what was left of the frame when its turn came.
    OverFrame,
    /// It has no total (nobody gave it a numeric score), so it is not ranked.
    NotRanked,
}

impl AwardReason {
    pub fn as_str(self) -> &'static str {
        match self {
            AwardReason::Funded => "funded",
            AwardReason::OverFrame => "over_frame",
            AwardReason::NotRanked => "not_ranked",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Award {
    pub application: ApplicationRef,
    pub requested: Money,
    pub proposed: Money,
    pub reason: AwardReason,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Allocation {
    /// In rank order, the same order as the ranking it was made from.
    pub awards: Vec<Award>,
    pub frame: Money,
    pub total_proposed: Money,
    pub remaining: Money,
}

/// Allocates the round's frame over the ranking.
pub fn allocate(round: &Round, ranking: &[Ranked]) -> Allocation {
    let frame = round.info.budget_frame;
    let mut remaining = frame;
    let awards = ranking
        .iter()
        .map(|ranked| {
            let requested = round
                .application(&ranked.application)
                .map(|application| application.amount_requested)
                .unwrap_or(Money::ZERO);
            let (proposed, reason) = if ranked.rank.is_none() {
                (Money::ZERO, AwardReason::NotRanked)
            } else if requested <= remaining {
                remaining = remaining - requested;
                (requested, AwardReason::Funded)
            } else {
                (Money::ZERO, AwardReason::OverFrame)
            };
            Award { application: ranked.application.clone(), requested, proposed, reason }
        })
        .collect::<Vec<_>>();
    let total_proposed = awards.iter().map(|award| award.proposed).sum();
    Allocation { awards, frame, total_proposed, remaining }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{round_with, score};
    use crate::{aggregate::aggregate, ranking::rank};

    #[test]
    fn an_application_that_does_not_fit_is_skipped_and_smaller_ones_below_are_funded() {
        let mut round = round_with(
            &[("a", 1, false)],
            &["m1"],
            &["R1", "R2", "R3", "R4"],
            vec![
                score("m1", "R1", "a", Some(7)),
                score("m1", "R2", "a", Some(6)),
                score("m1", "R3", "a", Some(5)),
            ],
            &[],
        );
        round.info.budget_frame = Money::from_kroner(1_000_000);
        let requests = [600_000, 500_000, 400_000, 100];
        for (application, request) in round.applications.iter_mut().zip(requests) {
            application.amount_requested = Money::from_kroner(request);
        }
        let allocation = allocate(&round, &rank(&aggregate(&round)));
        let summary: Vec<(&str, Money, AwardReason)> = allocation
            .awards
            .iter()
            .map(|award| (award.application.as_str(), award.proposed, award.reason))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("R1", Money::from_kroner(600_000), AwardReason::Funded),
                ("R2", Money::ZERO, AwardReason::OverFrame),
                ("R3", Money::from_kroner(400_000), AwardReason::Funded),
                ("R4", Money::ZERO, AwardReason::NotRanked),
            ]
        );
        assert_eq!(allocation.total_proposed, Money::from_kroner(1_000_000));
        assert_eq!(allocation.remaining, Money::ZERO);
    }
}
