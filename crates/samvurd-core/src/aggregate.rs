//! The reference total `T(a)` of an application, as PRODUCT.md defines it.
//!
//! For application *a*, `S(a, c)` is the mean (or, if the round says so, the median) of the
//! numeric scores on criterion *c* by members not recused from *a*; *ikke relevant* and missing
//! scores are left out. `C(a)` is the set of criteria with at least one numeric score, and
//! `T(a) = Σ_{c∈C(a)} w_c·S(a,c) / Σ_{c∈C(a)} w_c`, on the scale itself.
//!
//! Everything is `Decimal`: a total is compared at full precision and only rounded for display,
//! so two applications are tied only when their totals are exactly equal.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::{Aggregation, ApplicationRef, CriterionId, MemberId, Round, ScoreValue};

/// What the panel said about one application on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionAggregate {
    pub criterion: CriterionId,
    /// `S(a, c)`, or `None` when no counted member gave a number.
    pub value: Option<Decimal>,
    /// Numeric scores that went into `value`.
    pub scores_counted: usize,
    /// Deliberate *ikke relevant* answers from counted members.
    pub not_applicable: usize,
    /// Scores left out because their member is recused from the application.
    pub recused_scores_excluded: usize,
}

/// One application's aggregate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationAggregate {
    pub application: ApplicationRef,
    /// One entry per criterion of the round, in the round's order.
    pub criteria: Vec<CriterionAggregate>,
    /// `T(a)`, or `None` when no criterion has a numeric score.
    pub total: Option<Decimal>,
}

/// Aggregates every application of the round, in the round's application order.
pub fn aggregate(round: &Round) -> Vec<ApplicationAggregate> {
    // Numeric values per (application, criterion), recused members already left out.
    let mut values: BTreeMap<(&ApplicationRef, &CriterionId), Vec<i32>> = BTreeMap::new();
    let mut not_applicable: BTreeMap<(&ApplicationRef, &CriterionId), usize> = BTreeMap::new();
    let mut recused: BTreeMap<(&ApplicationRef, &CriterionId), usize> = BTreeMap::new();
    let recusals: std::collections::BTreeSet<(&MemberId, &ApplicationRef)> =
        round.recusals.iter().map(|recusal| (&recusal.member, &recusal.application)).collect();

    for score in &round.scores {
        let key = (&score.application, &score.criterion);
        if recusals.contains(&(&score.member, &score.application)) {
            *recused.entry(key).or_default() += 1;
            continue;
        }
        match score.value {
            ScoreValue::Value(value) => values.entry(key).or_default().push(value),
            ScoreValue::NotApplicable => *not_applicable.entry(key).or_default() += 1,
        }
    }

    round
        .applications
        .iter()
        .map(|application| {
            let reference = &application.reference;
            let criteria: Vec<CriterionAggregate> = round
                .criteria
                .iter()
                .map(|criterion| {
                    let key = (reference, &criterion.id);
                    let scores = values.get(&key).map(Vec::as_slice).unwrap_or(&[]);
                    CriterionAggregate {
                        criterion: criterion.id.clone(),
                        value: combine(scores, round.info.aggregation),
                        scores_counted: scores.len(),
                        not_applicable: not_applicable.get(&key).copied().unwrap_or(0),
                        recused_scores_excluded: recused.get(&key).copied().unwrap_or(0),
                    }
                })
                .collect();
            let total = weighted_total(round, &criteria);
            ApplicationAggregate { application: reference.clone(), criteria, total }
        })
        .collect()
}

/// `Σ w_c·S(a,c) / Σ w_c` over the criteria that have a value.
fn weighted_total(round: &Round, criteria: &[CriterionAggregate]) -> Option<Decimal> {
    let mut weighted_sum = Decimal::ZERO;
    let mut weight_sum = Decimal::ZERO;
    for (criterion, aggregate) in round.criteria.iter().zip(criteria) {
        if let Some(value) = aggregate.value {
            weighted_sum += criterion.weight * value;
            weight_sum += criterion.weight;
        }
    }
    (!weight_sum.is_zero()).then(|| (weighted_sum / weight_sum).normalize())
}

/// Mean or median of integer scores, exact.
pub fn combine(scores: &[i32], aggregation: Aggregation) -> Option<Decimal> {
    if scores.is_empty() {
        return None;
    }
    let value = match aggregation {
        Aggregation::Mean => {
            let sum: i64 = scores.iter().map(|&score| i64::from(score)).sum();
            Decimal::from(sum) / Decimal::from(scores.len())
        }
        Aggregation::Median => {
            let mut sorted = scores.to_vec();
            sorted.sort_unstable();
            let middle = sorted.len() / 2;
            if sorted.len() % 2 == 1 {
                Decimal::from(sorted[middle])
            } else {
                (Decimal::from(sorted[middle - 1]) + Decimal::from(sorted[middle])) / Decimal::TWO
            }
        }
    };
    Some(value.normalize())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{round_with, score};

    #[test]
    fn mean_and_median_are_exact() {
        assert_eq!(
            combine(&[4, 5, 5], Aggregation::Mean),
            Some(Decimal::new(14, 0) / Decimal::new(3, 0))
        );
        assert_eq!(combine(&[4, 5, 7], Aggregation::Median), Some(Decimal::from(5)));
        assert_eq!(combine(&[4, 5, 6, 7], Aggregation::Median), Some(Decimal::new(55, 1)));
        assert_eq!(combine(&[], Aggregation::Mean), None);
    }

    #[test]
    fn total_weights_only_criteria_with_a_numeric_score() {
        // Weights 2 and 1; criterion b is ikke relevant for everyone, so T = S(a, a-crit).
        let round = round_with(
            &[("a", 2, false), ("b", 1, true)],
            &["m1", "m2"],
            &["R1"],
            vec![
                score("m1", "R1", "a", Some(4)),
                score("m2", "R1", "a", Some(7)),
                score("m1", "R1", "b", None),
                score("m2", "R1", "b", None),
            ],
            &[],
        );
        let aggregates = aggregate(&round);
        assert_eq!(aggregates[0].total, Some(Decimal::new(55, 1)));
        assert_eq!(aggregates[0].criteria[1].not_applicable, 2);
        assert_eq!(aggregates[0].criteria[1].value, None);
    }

    #[test]
    fn recused_members_scores_are_left_out_and_counted_as_excluded() {
        let round = round_with(
            &[("a", 3, false), ("b", 1, false)],
            &["m1", "m2"],
            &["R1"],
            vec![
                score("m1", "R1", "a", Some(2)),
                score("m1", "R1", "b", Some(6)),
                score("m2", "R1", "a", Some(7)),
                score("m2", "R1", "b", Some(1)),
            ],
            &[("m2", "R1")],
        );
        let aggregates = aggregate(&round);
        // Only m1 counts: (3·2 + 1·6) / 4 = 3.
        assert_eq!(aggregates[0].total, Some(Decimal::from(3)));
        assert_eq!(aggregates[0].criteria[0].recused_scores_excluded, 1);
        assert_eq!(aggregates[0].criteria[0].scores_counted, 1);
    }

    #[test]
    fn an_application_without_scores_has_no_total() {
        let round = round_with(&[("a", 1, false)], &["m1"], &["R1"], vec![], &[]);
        assert_eq!(aggregate(&round)[0].total, None);
    }
}
