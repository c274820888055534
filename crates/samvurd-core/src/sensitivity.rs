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
//! As in the bootstrap, totals are compared exactly and exactly equal ones keep the proposal's
//! order; they are computed as floats first and the exact rationals decide wherever two floats
//! are near (`crate::near`). An exact tie settled by the ladder is therefore sensitive by nature:
//! moving a weight by 0.1 point usually separates the two, and the report says so.
//!

use std::cell::OnceCell;
use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::aggregate::ApplicationAggregate;
use crate::bootstrap::{Proposal, Threshold};
use crate::exact::Exact;
use crate::near::{by_approx_then_position, closeness, reaches, settle_near_ties};
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
    /// The criterion's share of the total weight, in percent, exactly.
    pub share: Exact,
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
    let weight_sum: Exact =
        round.criteria.iter().map(|criterion| Exact::from(criterion.weight)).sum();
    let ranked: Vec<usize> =
        proposal.order.iter().copied().filter(|&index| proposal.ranked[index]).collect();
    // S(a, c) per ranked application (compact, ranking order) and criterion.
    let values: Vec<Vec<Option<Exact>>> = ranked
        .iter()
        .map(|&application| {
            aggregates[application]
                .criteria
                .iter()
                .map(|criterion| criterion.value.clone())
                .collect()
        })
        .collect();
    let approx_values: Vec<Vec<Option<f64>>> = values
        .iter()
        .map(|row| row.iter().map(|value| value.as_ref().map(Exact::to_f64)).collect())
        .collect();
    let shares: Vec<Exact> = round
        .criteria
        .iter()
        .map(|criterion| {
            if weight_sum.is_zero() {
                Exact::ZERO
            } else {
                Exact::from(criterion.weight) / &weight_sum
            }
        })
        .collect();
    let approx_shares: Vec<f64> = shares.iter().map(Exact::to_f64).collect();
    let mut search = Search {
        round,
        proposal,
        ranked: &ranked,
        eligible_before_total: ranked
            .iter()
            .map(|&index| proposal.gates_passed[index] && criterion_thresholds_passed[index])
            .collect(),
        total_threshold: proposal.total_threshold.as_ref().map(Threshold::new),
        close: closeness(&round.info.scale),
        funded,
        order: Vec::with_capacity(ranked.len()),
        keys: vec![0.0; ranked.len()],
        eligible: vec![false; funded.len()],
        grants: vec![None; funded.len()],
        classes: 0,
    };

    round
        .criteria
        .iter()
        .enumerate()
        .map(|(criterion_index, criterion)| {
            let share = &shares[criterion_index];
            // Steps that keep the share strictly between 0 and 1.
            let thousandths = Exact::integer(STEPS_PER_POINT * 100);
            let steps = |part: Exact| {
                let steps = (part * &thousandths).ceil() - 1;
                i64::try_from(steps).unwrap_or(0).clamp(0, STEPS_PER_POINT * MAX_POINTS)
            };
            // With a single criterion there is nothing to shift weight to or from.
            let single = round.criteria.len() < 2;
            let steps_up = if single { 0 } else { steps(Exact::ONE - share) };
            let steps_down = if single { 0 } else { steps(share.clone()) };

            // Per ranked application: S on this criterion, and the others' weighted sums.
            let mut parts: Vec<Parts<'_>> = values
                .iter()
                .zip(&approx_values)
                .map(|(row, approx_row)| {
                    let mut rest_weighted = 0.0;
                    let mut rest_weight = 0.0;
                    for (other, value) in approx_row.iter().enumerate() {
                        if other != criterion_index
                            && let Some(value) = value
                        {
                            rest_weighted += approx_shares[other] * value;
                            rest_weight += approx_shares[other];
                        }
                    }
                    Parts {
                        own_approx: approx_row[criterion_index],
                        rest_weighted_approx: rest_weighted,
                        rest_weight_approx: rest_weight,
                        row,
                        shares: &shares,
                        criterion: criterion_index,
                        exact: OnceCell::new(),
                        class: 0,
                    }
                })
                .collect();
            // Applications whose exact parts are equal have equal exact totals at every weight:
            // each step works a total out once per class. Rounds with many equal totals (where
            // the exact comparisons are needed most) have few classes.
            let mut classes: HashMap<(Option<Exact>, Exact, Exact), usize> = HashMap::new();
            for part in &mut parts {
                let next = classes.len();
                part.class = *classes.entry(part.exact_parts().clone()).or_insert(next);
            }
            search.classes = classes.len();

            let mut first_change = |direction: i64, steps: i64| {
                search.reset();
                (1..=steps).find_map(|step| {
                    let own_weight = share + &Exact::ratio(direction * step, 1000);
                    let rest_scale = (Exact::ONE - &own_weight) / (Exact::ONE - share);
                    search.changes_at(&parts, &own_weight, &rest_scale).map(|(enters, leaves)| {
                        WeightChange { points: Decimal::new(direction * step, 1), enters, leaves }
                    })
                })
            };
            let increase = first_change(1, steps_up);
            let decrease = first_change(-1, steps_down);
            let searched_up = Decimal::new(steps_up, 1);
            let searched_down = Decimal::new(steps_down, 1);
            let share_percent = share * &Exact::integer(100);
            let text = describe(
                round,
                &criterion.name,
                &share_percent,
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

/// One application's total as a function of the criterion's weight: as floats, and exactly
/// when a near tie needs it (worked out once, on first use).
struct Parts<'a> {
    own_approx: Option<f64>,
    rest_weighted_approx: f64,
    rest_weight_approx: f64,
    /// `S(a, c)` on every criterion, and the criteria's shares.
    row: &'a [Option<Exact>],
    shares: &'a [Exact],
    criterion: usize,
    /// `(S on the criterion, Σ p_j·S_j over the others, Σ p_j over the others)`.
    exact: OnceCell<(Option<Exact>, Exact, Exact)>,
    /// Applications with equal exact parts share a class, and so their exact totals.
    class: usize,
}

impl Parts<'_> {
    /// The float total at these weights, or `None` without weight.
    fn approx(&self, own_weight: f64, rest_scale: f64) -> Option<f64> {
        let (own_value, own_share) = match self.own_approx {
            Some(value) => (own_weight * value, own_weight),
            None => (0.0, 0.0),
        };
        let weight = own_share + rest_scale * self.rest_weight_approx;
        (weight > 0.0).then(|| (own_value + rest_scale * self.rest_weighted_approx) / weight)
    }

    /// The exact total at these weights (zero without weight, which `approx` already excluded).
    fn exact(&self, own_weight: &Exact, rest_scale: &Exact) -> Exact {
        let (own, rest_weighted, rest_weight) = self.exact_parts();
        let (own_value, own_share) = match own {
            Some(value) => (own_weight * value, own_weight.clone()),
            None => (Exact::ZERO, Exact::ZERO),
        };
        let weight = own_share + rest_scale * rest_weight;
        if weight.is_zero() {
            return Exact::ZERO;
        }
        (own_value + rest_scale * rest_weighted) / weight
    }

    fn exact_parts(&self) -> &(Option<Exact>, Exact, Exact) {
        self.exact.get_or_init(|| {
            let mut rest_weighted = Exact::ZERO;
            let mut rest_weight = Exact::ZERO;
            for (other, value) in self.row.iter().enumerate() {
                if other != self.criterion
                    && let Some(value) = value
                {
                    rest_weighted = rest_weighted + &self.shares[other] * value;
                    rest_weight = rest_weight + &self.shares[other];
                }
            }
            (self.row[self.criterion].clone(), rest_weighted, rest_weight)
        })
    }
}

struct Search<'a> {
    round: &'a Round,
    proposal: &'a Proposal<'a>,
    /// Ranked applications (indices into the round) in the proposal's order.
    ranked: &'a [usize],
    /// Per ranked application: gates passed and criterion minimums met (these do not move with
    /// the weights).
    eligible_before_total: Vec<bool>,
    total_threshold: Option<Threshold>,
    close: f64,
    funded: &'a [bool],
    /// Compact indices in the current order; kept between steps, since one small step reorders
    /// little and insertion sort then costs next to nothing.
    order: Vec<usize>,
    /// Float totals per compact index; `-∞` without weight (last).
    keys: Vec<f64>,
    eligible: Vec<bool>,
    grants: Vec<Option<i128>>,
    /// How many classes of equal exact parts the criterion's applications fall into.
    classes: usize,
}

impl Search<'_> {
    fn reset(&mut self) {
        self.order.clear();
        self.order.extend(0..self.ranked.len());
    }

    /// Who enters and who leaves at these weights, or `None` if the funded set is unchanged.
    fn changes_at(
        &mut self,
        parts: &[Parts<'_>],
        own_weight: &Exact,
        rest_scale: &Exact,
    ) -> Option<(Vec<ApplicationRef>, Vec<ApplicationRef>)> {
        let (own_approx, scale_approx) = (own_weight.to_f64(), rest_scale.to_f64());
        // The exact total of each class at these weights, worked out when first needed.
        let class_totals: Vec<OnceCell<Exact>> =
            (0..self.classes).map(|_| OnceCell::new()).collect();
        let exact = |compact: usize| {
            let part = &parts[compact];
            class_totals[part.class].get_or_init(|| part.exact(own_weight, rest_scale)).clone()
        };
        for (compact, part) in parts.iter().enumerate() {
            let application = self.ranked[compact];
            match part.approx(own_approx, scale_approx) {
                Some(total) => {
                    self.keys[compact] = total;
                    self.eligible[application] = self.eligible_before_total[compact]
                        && self.total_threshold.as_ref().is_none_or(|threshold| {
                            reaches(total, threshold.approx, self.close, &threshold.exact, || {
                                exact(compact)
                            })
                        });
                }
                None => {
                    self.keys[compact] = f64::NEG_INFINITY;
                    self.eligible[application] = false;
                }
            }
        }
        // Insertion sort by (descending float, proposal position): stable, and near-linear
        // here; then the near ties are settled exactly.
        let keys = &self.keys;
        let before = by_approx_then_position(|compact| keys[compact]);
        for next in 1..self.order.len() {
            let mut position = next;
            while position > 0 && before(&self.order[position], &self.order[position - 1]).is_lt() {
                self.order.swap(position - 1, position);
                position -= 1;
            }
        }
        settle_near_ties(&mut self.order, |compact| keys[compact], self.close, exact);
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
    share: &Exact,
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
    let percent = |value: Exact| format!("{}\u{a0}%", wording::points(value.to_decimal()));
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
            percent(share.clone()),
            percent(share + &Exact::from(change.points)),
            wording::list(&who)
        )
    };
    match (increase, decrease) {
        (None, None) if searched_up == searched_down => format!(
            "«{name}» ({}): robust; ingen endring i hvem som får midler når vekten endres med inntil ±{} prosentpoeng.",
            percent(share.clone()),
            wording::points(searched_up)
        ),
        (None, None) => format!(
            "«{name}» ({}): robust; ingen endring i hvem som får midler når vekten økes med inntil {} eller reduseres med inntil {} prosentpoeng.",
            percent(share.clone()),
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
    use crate::testing::{round_with, score};
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
