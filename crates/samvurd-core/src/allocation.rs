//! The proposal within the budget frame.
//!
//! Applications are taken in rank order (the order of [`crate::ranking::rank`]). One that failed a
//! gate, has no total, or falls below a minimum threshold of the round gets nothing and says why.
//! Every other one is granted its request in full if that fits in what is left of the frame.
//! If it does not fit and the round allows partial funding, it gets what is left, provided that is
//! at least the round's minimum share of its request; otherwise it gets 0 and the next one is
//! tried (skip and continue). Skipping rather than stopping at the first application that does not
//! fit is what a working group does by hand: a smaller application further down can still be
//! funded from what is left.
//!
//! The money arithmetic is exact integers in the smallest unit any amount of the round uses
//! (øre in practice): the same routine, [`Funding::fund`], makes the proposal and replays it in
//! every bootstrap draw and every step of the weight sensitivity, so they cannot disagree.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::aggregate::ApplicationAggregate;
use crate::exact::Exact;
use crate::gates::{GateResult, GateStatus};
use crate::ranking::Ranked;
use crate::{ApplicationRef, CriterionId, GateId, Money, Round, wording};

/// Why an application got what it got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AwardReason {
    /// Granted in full.
    Funded,
    /// Granted what was left of the frame, at least the round's minimum share of the request.
    PartlyFunded,
    /// Its request did not fit in what was left of the frame when its turn came.
    OverFrame,
    /// It failed a gate (knock-out requirement); the gate is named in the award.
    FailedGate,
    /// Its total or a criterion value is below the round's minimum threshold.
    BelowThreshold,
    /// It has no total (nobody gave it a numeric score), so it is not ranked.
    NotRanked,
    /// In the grey-zone lottery, drawn and given money from what was left.
    DrawnByLot,
    /// In the grey-zone lottery, not drawn: the money ran out before its turn.
    NotDrawnByLot,
}

impl AwardReason {
    pub fn as_str(self) -> &'static str {
        match self {
            AwardReason::Funded => "funded",
            AwardReason::PartlyFunded => "partly_funded",
            AwardReason::OverFrame => "over_frame",
            AwardReason::FailedGate => "failed_gate",
            AwardReason::BelowThreshold => "below_threshold",
            AwardReason::NotRanked => "not_ranked",
            AwardReason::DrawnByLot => "drawn_by_lot",
            AwardReason::NotDrawnByLot => "not_drawn_by_lot",
        }
    }

    /// Whether the application gets money (in full or in part).
    pub fn is_funded(self) -> bool {
        matches!(self, AwardReason::Funded | AwardReason::PartlyFunded | AwardReason::DrawnByLot)
    }
}

/// A minimum the application did not reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThresholdMiss {
    /// The criterion, or `None` for the total.
    pub criterion: Option<CriterionId>,
    pub threshold: Decimal,
    /// The exact value that fell short.
    pub value: Exact,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Award {
    pub application: ApplicationRef,
    pub requested: Money,
    pub proposed: Money,
    pub reason: AwardReason,
    /// Every gate it failed, in the round's gate order; the first is the one the reason names.
    pub failed_gates: Vec<GateId>,
    /// Every minimum it missed (the total first, then criteria in the round's order).
    pub thresholds_missed: Vec<ThresholdMiss>,
    /// What was left of the frame when its turn came; `None` when it never competed.
    pub remaining_before: Option<Money>,
    /// The reason in a sentence, in Norwegian.
    pub reason_text: String,
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
///
/// `aggregates` and `gates` are in the round's application order, as [`crate::aggregate::aggregate`]
/// and [`crate::gates::assess`] return them.
pub fn allocate(
    round: &Round,
    ranking: &[Ranked],
    aggregates: &[ApplicationAggregate],
    gates: &[Vec<GateResult>],
) -> Allocation {
    let funding = Funding::new(round);
    let index_of = application_indices(round, ranking);

    // Why each application cannot compete, decided before any money moves.
    let failed_gates: Vec<Vec<GateId>> = gates
        .iter()
        .map(|results| {
            results
                .iter()
                .filter(|result| result.status == GateStatus::Failed)
                .map(|result| result.gate.clone())
                .collect()
        })
        .collect();
    let thresholds_missed: Vec<Vec<ThresholdMiss>> =
        aggregates.iter().map(|aggregate| thresholds_missed(round, aggregate)).collect();
    let mut eligible = vec![false; round.applications.len()];
    for (ranked, &index) in ranking.iter().zip(&index_of) {
        eligible[index] = failed_gates[index].is_empty()
            && ranked.rank.is_some()
            && thresholds_missed[index].is_empty();
    }

    let mut grants = vec![None; round.applications.len()];
    let mut remaining_before = vec![0; round.applications.len()];
    let remaining = funding.fund(&index_of, &eligible, &mut grants, Some(&mut remaining_before));

    let awards: Vec<Award> = ranking
        .iter()
        .zip(&index_of)
        .map(|(ranked, &index)| {
            let application = &round.applications[index];
            let requested = application.amount_requested;
            let (reason, proposed) = if !failed_gates[index].is_empty() {
                (AwardReason::FailedGate, Money::ZERO)
            } else if ranked.rank.is_none() {
                (AwardReason::NotRanked, Money::ZERO)
            } else if !thresholds_missed[index].is_empty() {
                (AwardReason::BelowThreshold, Money::ZERO)
            } else {
                match grants[index] {
                    Some(units) if units == funding.requested[index] => {
                        (AwardReason::Funded, funding.money(units))
                    }
                    Some(units) => (AwardReason::PartlyFunded, funding.money(units)),
                    None => (AwardReason::OverFrame, Money::ZERO),
                }
            };
            let remaining_before = eligible[index].then(|| funding.money(remaining_before[index]));
            let mut award = Award {
                application: application.reference.clone(),
                requested,
                proposed,
                reason,
                failed_gates: failed_gates[index].clone(),
                thresholds_missed: thresholds_missed[index].clone(),
                remaining_before,
                reason_text: String::new(),
            };
            award.reason_text = reason_text(round, &award);
            award
        })
        .collect();
    let total_proposed = awards.iter().map(|award| award.proposed).sum();
    Allocation {
        awards,
        frame: round.info.budget_frame,
        total_proposed,
        remaining: funding.money(remaining),
    }
}

/// The index in `round.applications` of each ranked application, in ranking order.
pub(crate) fn application_indices(round: &Round, ranking: &[Ranked]) -> Vec<usize> {
    let by_reference: std::collections::BTreeMap<&ApplicationRef, usize> = round
        .applications
        .iter()
        .enumerate()
        .map(|(index, application)| (&application.reference, index))
        .collect();
    ranking
        .iter()
        .map(|ranked| {
            *by_reference
                .get(&ranked.application)
                .expect("the ranking only holds applications of the round")
        })
        .collect()
}

/// The round's minimums the application misses, at full precision.
fn thresholds_missed(round: &Round, aggregate: &ApplicationAggregate) -> Vec<ThresholdMiss> {
    let mut missed = Vec::new();
    if let (Some(threshold), Some(total)) = (round.options.total_threshold, &aggregate.total)
        && *total < Exact::from(threshold)
    {
        missed.push(ThresholdMiss { criterion: None, threshold, value: total.clone() });
    }
    for (criterion, value) in round.criteria.iter().zip(&aggregate.criteria) {
        let threshold = round
            .options
            .criterion_thresholds
            .iter()
            .filter(|(id, _)| *id == criterion.id)
            .map(|(_, threshold)| *threshold)
            .max();
        if let (Some(threshold), Some(value)) = (threshold, &value.value)
            && *value < Exact::from(threshold)
        {
            missed.push(ThresholdMiss {
                criterion: Some(criterion.id.clone()),
                threshold,
                value: value.clone(),
            });
        }
    }
    missed
}

fn reason_text(round: &Round, award: &Award) -> String {
    match award.reason {
        AwardReason::Funded => "Foreslått innvilget med omsøkt beløp.".to_owned(),
        AwardReason::PartlyFunded => format!(
            "Foreslått delvis innvilget med {} av omsøkte {}: det som var igjen av rammen.",
            award.proposed.format(),
            award.requested.format()
        ),
        AwardReason::OverFrame => format!(
            "Ikke plass innenfor rammen: omsøkt {}, igjen av rammen da søknaden ble vurdert {}.",
            award.requested.format(),
            award.remaining_before.unwrap_or(Money::ZERO).format()
        ),
        AwardReason::FailedGate => {
            let gates: Vec<String> = award
                .failed_gates
                .iter()
                .map(|id| match round.gates.iter().find(|gate| gate.id == *id) {
                    Some(gate) => format!("«{}» ({id})", gate.question),
                    None => id.to_string(),
                })
                .collect();
            format!("Holdes utenfor forslaget: oppfyller ikke krav {}.", wording::list(&gates))
        }
        AwardReason::BelowThreshold => {
            let misses: Vec<String> = award
                .thresholds_missed
                .iter()
                .map(|miss| {
                    let what = match &miss.criterion {
                        None => "totalskåren".to_owned(),
                        Some(id) => format!(
                            "«{}»",
                            round.criterion(id).map_or(id.as_str(), |criterion| &criterion.name)
                        ),
                    };
                    format!(
                        "{what} er {}, under minstekravet {}",
                        wording::score(miss.value.to_decimal()),
                        wording::score(miss.threshold)
                    )
                })
                .collect();
            format!("Under minstekravet: {}.", wording::list(&misses))
        }
        AwardReason::NotRanked => {
            "Ikke rangert: ingen medlemmer har gitt søknaden en tallskår.".to_owned()
        }
        // Written by the lottery, which knows the place in the draw.
        AwardReason::DrawnByLot | AwardReason::NotDrawnByLot => award.reason_text.clone(),
    }
}

/// The frame, the requests and the partial-funding floors as exact integers of one unit, and
/// the one routine that hands out the frame.
#[derive(Debug, Clone)]
pub(crate) struct Funding {
    /// Amounts are counted in units of 10^-scale kroner (2, i.e. øre, unless an amount has more
    /// decimals).
    scale: u32,
    frame: i128,
    /// Per application in the round's order.
    pub(crate) requested: Vec<i128>,
    /// The least a partial grant may be, per application; `None` without partial funding.
    partial_floor: Vec<Option<i128>>,
}

impl Funding {
    pub(crate) fn new(round: &Round) -> Funding {
        let amounts = std::iter::once(round.info.budget_frame)
            .chain(round.applications.iter().map(|application| application.amount_requested));
        let scale = amounts.map(|money| money.amount().scale()).max().unwrap_or(0).clamp(2, 28);
        let units = |amount: Decimal| {
            let mut rescaled = amount;
            rescaled.rescale(scale);
            rescaled.mantissa()
        };
        let partial_floor = round
            .applications
            .iter()
            .map(|application| {
                round.options.partial_funding_min_share.map(|share| {
                    // The floor is rounded up to a whole unit: a grant of `remaining` units meets
                    // `remaining ≥ share · request` exactly when it meets the rounded-up floor.
                    let floor = (share * application.amount_requested.amount())
                        .round_dp_with_strategy(scale, RoundingStrategy::ToPositiveInfinity);
                    units(floor)
                })
            })
            .collect();
        Funding {
            scale,
            frame: units(round.info.budget_frame.amount()),
            requested: round
                .applications
                .iter()
                .map(|application| units(application.amount_requested.amount()))
                .collect(),
            partial_floor,
        }
    }

    /// An amount of the round in this routine's units.
    pub(crate) fn units(&self, money: Money) -> i128 {
        let mut rescaled = money.amount();
        rescaled.rescale(self.scale);
        rescaled.mantissa()
    }

    pub(crate) fn money(&self, units: i128) -> Money {
        Money::new(
            Decimal::try_from_i128_with_scale(units, self.scale)
                .expect("an amount that came from a Decimal fits in one"),
        )
    }

    /// Goes through `order` (indices into the round's applications) and writes each eligible
    /// application's grant (`Some(units)`, full or partial) into `grants`; returns what is left.
    /// `remaining_before`, when given, receives what was left when each one's turn came.
    pub(crate) fn fund(
        &self,
        order: &[usize],
        eligible: &[bool],
        grants: &mut [Option<i128>],
        remaining_before: Option<&mut [i128]>,
    ) -> i128 {
        self.fund_from(self.frame, order, eligible, grants, remaining_before)
    }

    /// [`Funding::fund`] starting from `remaining` units instead of the whole frame.
    pub(crate) fn fund_from(
        &self,
        mut remaining: i128,
        order: &[usize],
        eligible: &[bool],
        grants: &mut [Option<i128>],
        mut remaining_before: Option<&mut [i128]>,
    ) -> i128 {
        for &index in order {
            grants[index] = None;
            if !eligible[index] {
                continue;
            }
            if let Some(before) = remaining_before.as_deref_mut() {
                before[index] = remaining;
            }
            let requested = self.requested[index];
            if requested <= remaining {
                grants[index] = Some(requested);
                remaining -= requested;
            } else if let Some(floor) = self.partial_floor[index]
                && remaining > 0
                && remaining >= floor
            {
                grants[index] = Some(remaining);
                remaining = 0;
            }
        }
        remaining
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::testing::{gate, gate_answer, round_with, score};
    use crate::{aggregate::aggregate, gates::assess, ranking::rank};

    /// One line per award: reference, proposed amount, reason code and reason text.
    fn check(round: &Round, expected: Expect) {
        let aggregates = aggregate(round);
        let allocation = allocate(round, &rank(round, &aggregates), &aggregates, &assess(round));
        let mut text: String = allocation
            .awards
            .iter()
            .map(|award| {
                format!(
                    "{} {} {} | {}\n",
                    award.application,
                    award.proposed.format(),
                    award.reason.as_str(),
                    award.reason_text
                )
            })
            .collect();
        text.push_str(&format!(
            "proposed {} remaining {}\n",
            allocation.total_proposed.format(),
            allocation.remaining.format()
        ));
        // No-break spaces read as plain spaces in the snapshot.
        expected.assert_eq(&text.replace('\u{a0}', " "));
    }

    /// Four applications R1..R4 scored 7, 6, 5 and 4 by one member on one criterion, asking
    /// for the given amounts; R5 (if asked for) is not scored.
    fn four_in_a_row(requests: &[i64]) -> Round {
        let references: Vec<String> =
            (1..=requests.len()).map(|index| format!("R{index}")).collect();
        let reference_texts: Vec<&str> = references.iter().map(String::as_str).collect();
        let scores = reference_texts
            .iter()
            .take(4)
            .zip([7, 6, 5, 4])
            .map(|(reference, value)| score("m1", reference, "a", Some(value)))
            .collect();
        let mut round = round_with(&[("a", 1, false)], &["m1"], &reference_texts, scores, &[]);
        round.info.budget_frame = Money::from_kroner(1_000_000);
        for (application, request) in round.applications.iter_mut().zip(requests) {
            application.amount_requested = Money::from_kroner(*request);
        }
        round
    }

    #[test]
    fn an_application_that_does_not_fit_is_skipped_and_smaller_ones_below_are_funded() {
        check(
            &four_in_a_row(&[600_000, 500_000, 400_000, 300_000, 100]),
            expect![[r#"
                R1 600 000 kr funded | Foreslått innvilget med omsøkt beløp.
                R2 0 kr over_frame | Ikke plass innenfor rammen: omsøkt 500 000 kr, igjen av rammen da søknaden ble vurdert 400 000 kr.
                R3 400 000 kr funded | Foreslått innvilget med omsøkt beløp.
                R4 0 kr over_frame | Ikke plass innenfor rammen: omsøkt 300 000 kr, igjen av rammen da søknaden ble vurdert 0 kr.
                R5 0 kr not_ranked | Ikke rangert: ingen medlemmer har gitt søknaden en tallskår.
                proposed 1 000 000 kr remaining 0 kr
            "#]],
        );
    }

    #[test]
    fn with_partial_funding_the_margin_gets_what_is_left_if_it_reaches_the_minimum_share() {
        // 1 000 000 − 600 000 = 400 000 left for R2's 500 000: 80 % ≥ 75 %, so R2 gets 400 000.
        let mut round = four_in_a_row(&[600_000, 500_000, 400_000]);
        round.options.partial_funding_min_share = Some(Decimal::new(75, 2));
        check(
            &round,
            expect![[r#"
                R1 600 000 kr funded | Foreslått innvilget med omsøkt beløp.
                R2 400 000 kr partly_funded | Foreslått delvis innvilget med 400 000 kr av omsøkte 500 000 kr: det som var igjen av rammen.
                R3 0 kr over_frame | Ikke plass innenfor rammen: omsøkt 400 000 kr, igjen av rammen da søknaden ble vurdert 0 kr.
                proposed 1 000 000 kr remaining 0 kr
            "#]],
        );
        // At 85 % the 400 000 left is too little for R2 (80 %), which is skipped; R3 fits.
        round.options.partial_funding_min_share = Some(Decimal::new(85, 2));
        check(
            &round,
            expect![[r#"
                R1 600 000 kr funded | Foreslått innvilget med omsøkt beløp.
                R2 0 kr over_frame | Ikke plass innenfor rammen: omsøkt 500 000 kr, igjen av rammen da søknaden ble vurdert 400 000 kr.
                R3 400 000 kr funded | Foreslått innvilget med omsøkt beløp.
                proposed 1 000 000 kr remaining 0 kr
            "#]],
        );
    }

    #[test]
    fn a_failed_gate_and_a_missed_threshold_keep_an_application_out_and_say_which() {
        let mut round = four_in_a_row(&[100_000, 100_000, 100_000, 100_000]);
        round.gates = vec![gate("avtale"), gate("utstyr")];
        round.gate_answers = vec![
            gate_answer("R1", "utstyr", false, "Rent utstyrskjøp"),
            gate_answer("R1", "avtale", false, "Ingen avtale"),
            gate_answer("R2", "avtale", true, ""),
        ];
        round.options.total_threshold = Some(Decimal::new(45, 1));
        round.options.criterion_thresholds = vec![(CriterionId::from("a"), Decimal::new(55, 1))];
        check(
            &round,
            expect![[r#"
                R1 0 kr failed_gate | Holdes utenfor forslaget: oppfyller ikke krav «Krav avtale?» (avtale) og «Krav utstyr?» (utstyr).
                R2 100 000 kr funded | Foreslått innvilget med omsøkt beløp.
                R3 0 kr below_threshold | Under minstekravet: «A» er 5,00, under minstekravet 5,50.
                R4 0 kr below_threshold | Under minstekravet: totalskåren er 4,00, under minstekravet 4,50 og «A» er 4,00, under minstekravet 5,50.
                proposed 100 000 kr remaining 900 000 kr
            "#]],
        );
    }

    #[test]
    fn amounts_with_ore_are_counted_exactly() {
        let mut round = four_in_a_row(&[0, 0, 0]);
        round.info.budget_frame = Money::parse("1 000,50").unwrap();
        round.applications[0].amount_requested = Money::parse("500,25").unwrap();
        round.applications[1].amount_requested = Money::parse("500,26").unwrap();
        round.applications[2].amount_requested = Money::parse("500,25").unwrap();
        check(
            &round,
            expect![[r#"
                R1 500,25 kr funded | Foreslått innvilget med omsøkt beløp.
                R2 0 kr over_frame | Ikke plass innenfor rammen: omsøkt 500,26 kr, igjen av rammen da søknaden ble vurdert 500,25 kr.
                R3 500,25 kr funded | Foreslått innvilget med omsøkt beløp.
                proposed 1 000,50 kr remaining 0 kr
            "#]],
        );
    }
}
