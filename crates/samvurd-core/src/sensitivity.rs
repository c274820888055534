//! Weight sensitivity: for each criterion, the smallest change of its weight that changes which
//! applications get money, or the assurance that none within ±10 percentage points does.
//!
//! A criterion's weight is taken as its share `p_c` of the total weight. Its share is moved by
//! `δ` in steps of 0.1 percentage points, up and down, while the other criteria keep their
//! proportions among themselves (each `p_j` is multiplied by `(1 − p_c − δ)/(1 − p_c)`, so the
//! shares still add up to 100 %). At each step the totals are recomputed from the unchanged
//! `S(a, c)`, the applications ranked, and the proposal's allocation replayed (gates, thresholds,
//! frame, partial funding). The first step at which the set of applications that get money (in
//! full or in part) differs from the proposal's is reported, with who comes in and who drops out.
//! The search goes at most 10 percentage points each way, and never to a share of 0 or 100 %.
//!
//! As in the bootstrap, totals are compared after rounding to 10⁻⁹ points and equal ones keep the
//! proposal's order. An exact tie settled by the ladder is therefore sensitive by nature: moving a
//! weight by 0.1 point usually separates the two, and the report says so.
//!
//! Floats: the sensitivity describes the proposal and decides no money.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::aggregate::ApplicationAggregate;
use crate::agreement::decimal_f64;
use crate::bootstrap::{Proposal, quantize};
use crate::{ApplicationRef, CriterionId, Round, wording};

/// Steps per percentage point, and the most percentage points searched each way.
const STEPS_PER_POINT: i64 = 10;
const MAX_POINTS: i64 = 10;

/// A change of one criterion's weight that changes who gets money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeightChange {
    /// The change in percentage points of the total weight (positive up, negative down).
    pub points: Decimal,
    /// Applications that get money after the change and did not before, in reference order.
    pub enters: Vec<ApplicationRef>,
    /// Applications that got money before and do not after, in reference order.
    pub leaves: Vec<ApplicationRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeightSensitivity {
    pub criterion: CriterionId,
    /// The criterion's share of the total weight, in percent.
    pub share: Decimal,
    /// The smallest increase that changes who gets money, if any within the search.
    pub increase: Option<WeightChange>,
    /// The smallest decrease that changes who gets money, if any within the search.
    pub decrease: Option<WeightChange>,
    /// How many percentage points up the search went (without a change, the weight is robust
    /// that far).
    pub searched_up: Decimal,
    /// How many percentage points down the search went.
    pub searched_down: Decimal,
    /// The finding in a sentence, in Norwegian.
    pub text: String,
}

/// The sensitivity of every criterion's weight, in the round's order. `funded` is the proposal's
/// set (per application in the round's order); `aggregates` are in the round's order.
pub(crate) fn sensitivity(
    round: &Round,
    aggregates: &[ApplicationAggregate],
    proposal: &Proposal<'_>,
    criterion_thresholds_passed: &[bool],
    funded: &[bool],
) -> Vec<WeightSensitivity> {
    let weight_sum: Decimal = round.criteria.iter().map(|criterion| criterion.weight).sum();
    let ranked: Vec<usize> =
        proposal.order.iter().copied().filter(|&index| proposal.ranked[index]).collect();
    // S(a, c) as floats, per ranked application (compact, ranking order) and criterion.
    let values: Vec<Vec<Option<f64>>> = ranked
        .iter()
        .map(|&application| {
            aggregates[application]
                .criteria
                .iter()
                .map(|criterion| criterion.value.map(decimal_f64))
                .collect()
        })
        .collect();
    let mut search = Search {
        round,
        proposal,
        ranked: &ranked,
        eligible_before_total: ranked
            .iter()
            .map(|&index| proposal.gates_passed[index] && criterion_thresholds_passed[index])
            .collect(),
        total_threshold: proposal.total_threshold,
        funded,
        order: Vec::with_capacity(ranked.len()),
        keys: vec![0; ranked.len()],
        eligible: vec![false; funded.len()],
        grants: vec![None; funded.len()],
    };

    round
        .criteria
        .iter()
        .enumerate()
        .map(|(criterion_index, criterion)| {
            let share =
                if weight_sum.is_zero() { Decimal::ZERO } else { criterion.weight / weight_sum };
            // Steps that keep the share strictly between 0 and 1.
            let thousandths = Decimal::from(STEPS_PER_POINT * 100);
            let limit = Decimal::from(STEPS_PER_POINT * MAX_POINTS);
            let steps_up = ((Decimal::ONE - share) * thousandths).ceil() - Decimal::ONE;
            let steps_down = (share * thousandths).ceil() - Decimal::ONE;
            let steps_up = steps_up.clamp(Decimal::ZERO, limit);
            let steps_down = steps_down.clamp(Decimal::ZERO, limit);
            // With a single criterion there is nothing to shift weight to or from.
            let single = round.criteria.len() < 2;
            let steps_up = if single { 0 } else { i64::try_from(steps_up).unwrap_or(0) };
            let steps_down = if single { 0 } else { i64::try_from(steps_down).unwrap_or(0) };

            // Per ranked application: S on this criterion, and the others' weighted sums.
            let share_f64 = decimal_f64(share);
            let shares: Vec<f64> = round
                .criteria
                .iter()
                .map(|other| {
                    if weight_sum.is_zero() { 0.0 } else { decimal_f64(other.weight / weight_sum) }
                })
                .collect();
            let parts: Vec<Parts> = values
                .iter()
                .map(|row| {
                    let mut rest_weighted = 0.0;
                    let mut rest_weight = 0.0;
                    for (other, value) in row.iter().enumerate() {
                        if other != criterion_index
                            && let Some(value) = value
                        {
                            rest_weighted += shares[other] * value;
                            rest_weight += shares[other];
                        }
                    }
                    Parts { own: row[criterion_index], rest_weighted, rest_weight }
                })
                .collect();

            let mut first_change = |direction: i64, steps: i64| {
                search.reset();
                (1..=steps).find_map(|step| {
                    let delta = exact_step(direction * step);
                    let own_weight = share_f64 + delta;
                    let rest_scale = (1.0 - own_weight) / (1.0 - share_f64);
                    search.changes_at(&parts, own_weight, rest_scale).map(|(enters, leaves)| {
                        WeightChange { points: Decimal::new(direction * step, 1), enters, leaves }
                    })
                })
            };
            let increase = first_change(1, steps_up);
            let decrease = first_change(-1, steps_down);
            let searched_up = Decimal::new(steps_up, 1);
            let searched_down = Decimal::new(steps_down, 1);
            let share_percent = (share * Decimal::ONE_HUNDRED).normalize();
            let text = describe(
                round,
                &criterion.name,
                share_percent,
                increase.as_ref(),
                decrease.as_ref(),
                searched_up,
                searched_down,
            );
            WeightSensitivity {
                criterion: criterion.id.clone(),
                share: share_percent,
                increase,
                decrease,
                searched_up,
                searched_down,
                text,
            }
        })
        .collect()
}

/// `step` tenths of a percentage point as a share (0.001 per step).
fn exact_step(step: i64) -> f64 {
    crate::aggregate::exact_f64(step) / 1000.0
}

/// One application's total as a function of the criterion's weight.
struct Parts {
    own: Option<f64>,
    rest_weighted: f64,
    rest_weight: f64,
}

struct Search<'a> {
    round: &'a Round,
    proposal: &'a Proposal<'a>,
    /// Ranked applications (indices into the round) in the proposal's order.
    ranked: &'a [usize],
    /// Per ranked application: gates passed and criterion minimums met (these do not move with
    /// the weights).
    eligible_before_total: Vec<bool>,
    total_threshold: Option<i64>,
    funded: &'a [bool],
    /// Compact indices in the current order; kept between steps, since one small step reorders
    /// little and insertion sort then costs next to nothing.
    order: Vec<usize>,
    keys: Vec<i64>,
    eligible: Vec<bool>,
    grants: Vec<Option<i128>>,
}

impl Search<'_> {
    fn reset(&mut self) {
        self.order.clear();
        self.order.extend(0..self.ranked.len());
    }

    /// Who enters and who leaves at these weights, or `None` if the funded set is unchanged.
    fn changes_at(
        &mut self,
        parts: &[Parts],
        own_weight: f64,
        rest_scale: f64,
    ) -> Option<(Vec<ApplicationRef>, Vec<ApplicationRef>)> {
        for (compact, part) in parts.iter().enumerate() {
            let (own_value, own_share) = match part.own {
                Some(value) => (own_weight * value, own_weight),
                None => (0.0, 0.0),
            };
            let weight = own_share + rest_scale * part.rest_weight;
            let application = self.ranked[compact];
            if weight > 0.0 {
                let key = quantize((own_value + rest_scale * part.rest_weighted) / weight);
                self.keys[compact] = -key;
                self.eligible[application] = self.eligible_before_total[compact]
                    && self.total_threshold.is_none_or(|threshold| key >= threshold);
            } else {
                self.keys[compact] = i64::MAX;
                self.eligible[application] = false;
            }
        }
        // Insertion sort by (key, proposal position): stable and exact, and near-linear here.
        for next in 1..self.order.len() {
            let mut position = next;
            while position > 0 {
                let (left, right) = (self.order[position - 1], self.order[position]);
                if (self.keys[left], left) > (self.keys[right], right) {
                    self.order.swap(position - 1, position);
                    position -= 1;
                } else {
                    break;
                }
            }
        }
        let order: Vec<usize> = self.order.iter().map(|&compact| self.ranked[compact]).collect();
        self.proposal.funding.fund(&order, &self.eligible, &mut self.grants, None);
        let mut enters = Vec::new();
        let mut leaves = Vec::new();
        for &application in self.ranked {
            let now = self.grants[application].is_some();
            if now && !self.funded[application] {
                enters.push(application);
            } else if !now && self.funded[application] {
                leaves.push(application);
            }
        }
        if enters.is_empty() && leaves.is_empty() {
            return None;
        }
        let references = |indices: Vec<usize>| {
            let mut references: Vec<ApplicationRef> = indices
                .into_iter()
                .map(|index| self.round.applications[index].reference.clone())
                .collect();
            references.sort();
            references
        };
        Some((references(enters), references(leaves)))
    }
}

fn describe(
    round: &Round,
    name: &str,
    share: Decimal,
    increase: Option<&WeightChange>,
    decrease: Option<&WeightChange>,
    searched_up: Decimal,
    searched_down: Decimal,
) -> String {
    if round.criteria.len() < 2 {
        return format!(
            "«{name}» er eneste kriterium; vekten har ingen betydning for rekkefølgen."
        );
    }
    let percent = |value: Decimal| format!("{}\u{a0}%", wording::points(value));
    let change = |change: &WeightChange, verb: &str| {
        let mut who = Vec::new();
        if !change.enters.is_empty() {
            let enters: Vec<String> = change.enters.iter().map(ToString::to_string).collect();
            who.push(format!("{} får midler", wording::list(&enters)));
        }
        if !change.leaves.is_empty() {
            let leaves: Vec<String> = change.leaves.iter().map(ToString::to_string).collect();
            who.push(format!("{} faller ut", wording::list(&leaves)));
        }
        format!(
            "{verb} vekten med {} prosentpoeng (fra {} til {}), endres forslaget: {}.",
            wording::points(change.points.abs()),
            percent(share),
            percent(share + change.points),
            wording::list(&who)
        )
    };
    match (increase, decrease) {
        (None, None) if searched_up == searched_down => format!(
            "«{name}» ({}): robust; ingen endring i hvem som får midler når vekten endres med inntil ±{} prosentpoeng.",
            percent(share),
            wording::points(searched_up)
        ),
        (None, None) => format!(
            "«{name}» ({}): robust; ingen endring i hvem som får midler når vekten økes med inntil {} eller reduseres med inntil {} prosentpoeng.",
            percent(share),
            wording::points(searched_up),
            wording::points(searched_down)
        ),
        (Some(up), None) => format!(
            "«{name}»: {} Reduseres vekten med inntil {} prosentpoeng, endres ingenting.",
            change(up, "Økes"),
            wording::points(searched_down)
        ),
        (None, Some(down)) => format!(
            "«{name}»: {} Økes vekten med inntil {} prosentpoeng, endres ingenting.",
            change(down, "Reduseres"),
            wording::points(searched_up)
        ),
        (Some(up), Some(down)) => {
            format!("«{name}»: {} {}", change(up, "Økes"), change(down, "Reduseres"))
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::evaluate::evaluate;
    use crate::test_support::{round_with, score};
    use crate::{Money, Score};

    /// The sentence per criterion, as the innstilling would quote it.
    fn check(round: &Round, expected: Expect) {
        let text: String =
            evaluate(round).sensitivity.iter().map(|entry| format!("{}\n", entry.text)).collect();
        expected.assert_eq(&text.replace('\u{a0}', " "));
    }

    fn scored(application: &str, a: i32, b: i32) -> Vec<Score> {
        vec![score("m1", application, "a", Some(a)), score("m1", application, "b", Some(b))]
    }

    #[test]
    fn the_first_change_that_moves_money_is_named_with_who_comes_in_and_who_drops_out() {
        // Shares 55 % and 45 %; R1 (7, 1) beats R2 (1, 7) until a's share falls below 50 %.
        let mut round = round_with(
            &[("a", 11, false), ("b", 9, false)],
            &["m1"],
            &["R1", "R2", "R3"],
            [scored("R1", 7, 1), scored("R2", 1, 7), scored("R3", 2, 2)].concat(),
            &[],
        );
        round.info.budget_frame = Money::from_kroner(100_000);
        check(
            &round,
            expect![[r#"
            «A»: Reduseres vekten med 5,1 prosentpoeng (fra 55,0 % til 49,9 %), endres forslaget: R2 får midler og R1 faller ut. Økes vekten med inntil 10,0 prosentpoeng, endres ingenting.
            «B»: Økes vekten med 5,1 prosentpoeng (fra 45,0 % til 50,1 %), endres forslaget: R2 får midler og R1 faller ut. Reduseres vekten med inntil 10,0 prosentpoeng, endres ingenting.
        "#]],
        );
    }

    #[test]
    fn a_weight_that_cannot_move_the_proposal_is_robust_within_the_search() {
        let round = round_with(
            &[("a", 1, false), ("b", 1, false)],
            &["m1"],
            &["R1", "R2"],
            [scored("R1", 7, 7), scored("R2", 1, 1)].concat(),
            &[],
        );
        check(
            &round,
            expect![[r#"
            «A» (50,0 %): robust; ingen endring i hvem som får midler når vekten endres med inntil ±10,0 prosentpoeng.
            «B» (50,0 %): robust; ingen endring i hvem som får midler når vekten endres med inntil ±10,0 prosentpoeng.
        "#]],
        );
    }
}
