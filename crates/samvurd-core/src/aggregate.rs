//! The reference total `T(a)` of an application, as PRODUCT.md defines it, and the descriptive
//! statistics beside it.
//!
//! For application *a*, `S(a, c)` is the mean (or, if the round says so, the median) of the
//! numeric scores on criterion *c* by members not recused from *a*; *ikke relevant* and missing
//! scores are left out. `C(a)` is the set of criteria with at least one numeric score, and
//! `T(a) = Σ_{c∈C(a)} w_c·S(a,c) / Σ_{c∈C(a)} w_c`, on the scale itself.
//!
//! Everything that can decide money is [`Exact`], a rational with no rounding at all: a total
//! is compared as the fraction it is (11/3, not 3.666…67) and only rounded for display, so two
//! applications are tied exactly when their totals are equal. The standard deviation is the one
//! float here; it describes spread and decides nothing.
//!
//! A member's own total `T_m(a)` is the same formula over that member's numeric scores alone
//! (the criteria they gave a number on). The disagreement flags, the agreement coefficient for
//! the totals and the calibration are all built on it.

use serde::Serialize;

use crate::exact::Exact;

use crate::grid::{Answer, ScoreGrid};
use crate::{Aggregation, ApplicationRef, CriterionId, MemberId, Round};

/// What the panel said about one application on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionAggregate {
    pub criterion: CriterionId,
    /// `S(a, c)` (mean or median as the round says), or `None` when no counted member gave a
    /// number.
    pub value: Option<Exact>,
    /// Numeric scores that went into `value` (`n`).
    pub scores_counted: usize,
    /// Deliberate *ikke relevant* answers from counted members.
    pub not_applicable: usize,
    /// Scores left out because their member is recused from the application.
    pub recused_scores_excluded: usize,
    /// Members not recused from the application who gave no answer at all on this criterion
    /// (an unfinished member is counted here, never as a low score).
    pub missing: usize,
    /// The mean of the counted numeric scores, whatever the round's aggregation.
    pub mean: Option<Exact>,
    /// The median of the counted numeric scores, whatever the round's aggregation.
    pub median: Option<Exact>,
    pub min: Option<i32>,
    pub max: Option<i32>,
    /// The sample standard deviation (divisor `n − 1`) of the counted numeric scores; `None`
    /// below two scores.
    pub standard_deviation: Option<f64>,
}

/// One member's own total for one application.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberTotal {
    pub member: MemberId,
    /// `T_m(a)`: the weighted mean of the member's numeric scores over the criteria they scored.
    pub total: Exact,
    /// How many criteria the member gave a number on.
    pub criteria_scored: usize,
}

/// One application's aggregate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationAggregate {
    pub application: ApplicationRef,
    /// One entry per criterion of the round, in the round's order.
    pub criteria: Vec<CriterionAggregate>,
    /// `T(a)`, or `None` when no criterion has a numeric score.
    pub total: Option<Exact>,
    /// The members who gave at least one number, in the round's member order.
    pub member_totals: Vec<MemberTotal>,
    /// Members recused from the application, in the round's member order.
    pub recused_members: Vec<MemberId>,
}

/// Aggregates every application of the round, in the round's application order.
pub fn aggregate(round: &Round) -> Vec<ApplicationAggregate> {
    aggregate_grid(round, &ScoreGrid::new(round))
}

pub(crate) fn aggregate_grid(round: &Round, grid: &ScoreGrid) -> Vec<ApplicationAggregate> {
    let weights = integer_weights(round);
    let mut values = Vec::with_capacity(grid.member_count());
    round
        .applications
        .iter()
        .enumerate()
        .map(|(application_index, application)| {
            let criteria: Vec<CriterionAggregate> = round
                .criteria
                .iter()
                .enumerate()
                .map(|(criterion_index, criterion)| {
                    let cell = grid.cell(application_index, criterion_index);
                    values.clear();
                    values.extend(cell.iter().filter_map(|answer| answer.value()));
                    let count =
                        |wanted: Answer| cell.iter().filter(|&&answer| answer == wanted).count();
                    let mean = combine(&values, Aggregation::Mean);
                    let median = combine(&values, Aggregation::Median);
                    CriterionAggregate {
                        criterion: criterion.id.clone(),
                        value: match round.info.aggregation {
                            Aggregation::Mean => mean.clone(),
                            Aggregation::Median => median.clone(),
                        },
                        scores_counted: values.len(),
                        not_applicable: count(Answer::NotApplicable),
                        recused_scores_excluded: grid
                            .recused_answers(application_index, criterion_index),
                        missing: count(Answer::Missing),
                        mean,
                        median,
                        min: values.iter().copied().min(),
                        max: values.iter().copied().max(),
                        standard_deviation: sample_standard_deviation(&values),
                    }
                })
                .collect();
            let total = weighted_total(round, weights.as_deref(), &criteria);
            let member_totals = (0..grid.member_count())
                .filter_map(|member| {
                    member_total_with(round, weights.as_deref(), grid, application_index, member)
                        .map(|(total, criteria_scored)| MemberTotal {
                            member: grid.members[member].clone(),
                            total,
                            criteria_scored,
                        })
                })
                .collect();
            let recused_members = (0..grid.member_count())
                .filter(|&member| grid.is_recused(application_index, member))
                .map(|member| grid.members[member].clone())
                .collect();
            ApplicationAggregate {
                application: application.reference.clone(),
                criteria,
                total,
                member_totals,
                recused_members,
            }
        })
        .collect()
}

/// `Σ w_c·S(a,c) / Σ w_c` over the criteria that have a value.
fn weighted_total(
    round: &Round,
    weights: Option<&[i128]>,
    criteria: &[CriterionAggregate],
) -> Option<Exact> {
    if let Some(weights) = weights {
        return Exact::weighted_mean(weights.iter().zip(criteria).filter_map(
            |(&weight, aggregate)| aggregate.value.as_ref().map(|value| (weight, value)),
        ));
    }
    weighted_mean(round.criteria.iter().zip(criteria).filter_map(|(criterion, aggregate)| {
        aggregate.value.as_ref().map(|value| (Exact::from(criterion.weight), value.clone()))
    }))
}

/// `Σ w·v / Σ w` over (weight, value) pairs, exactly; `None` when the weights add up to zero.
pub(crate) fn weighted_mean(pairs: impl Iterator<Item = (Exact, Exact)>) -> Option<Exact> {
    let mut weighted_sum = Exact::ZERO;
    let mut weight_sum = Exact::ZERO;
    for (weight, value) in pairs {
        weighted_sum = weighted_sum + &weight * &value;
        weight_sum = weight_sum + weight;
    }
    (!weight_sum.is_zero()).then(|| weighted_sum / weight_sum)
}

/// The round's weights as integers of one unit (each times 10 to the largest scale among them),
/// or `None` if that does not fit: weighted means are then sums of integers.
pub(crate) fn integer_weights(round: &Round) -> Option<Vec<i128>> {
    let scale = round.criteria.iter().map(|criterion| criterion.weight.scale()).max()?;
    round
        .criteria
        .iter()
        .map(|criterion| {
            10i128
                .checked_pow(scale - criterion.weight.scale())?
                .checked_mul(criterion.weight.mantissa())
        })
        .collect()
}

/// `T_m(a)` and the number of criteria it rests on, or `None` if the member gave no number.
fn member_total_with(
    round: &Round,
    weights: Option<&[i128]>,
    grid: &ScoreGrid,
    application: usize,
    member: usize,
) -> Option<(Exact, usize)> {
    let mut criteria_scored = 0;
    if let Some(weights) = weights {
        let (mut numerator, mut weight_sum) = (0i128, 0i128);
        for (criterion_index, &weight) in weights.iter().enumerate() {
            if let Some(value) = grid.answer(application, criterion_index, member).value() {
                criteria_scored += 1;
                numerator = numerator.checked_add(weight.checked_mul(i128::from(value))?)?;
                weight_sum = weight_sum.checked_add(weight)?;
            }
        }
        return (weight_sum != 0).then(|| (Exact::ratio(numerator, weight_sum), criteria_scored));
    }
    let total = weighted_mean(round.criteria.iter().enumerate().filter_map(
        |(criterion_index, criterion)| {
            let value = grid.answer(application, criterion_index, member).value()?;
            criteria_scored += 1;
            Some((Exact::from(criterion.weight), Exact::from(value)))
        },
    ))?;
    Some((total, criteria_scored))
}

/// Mean or median of integer scores, exact.
pub fn combine(scores: &[i32], aggregation: Aggregation) -> Option<Exact> {
    if scores.is_empty() {
        return None;
    }
    Some(match aggregation {
        Aggregation::Mean => {
            let sum: i64 = scores.iter().map(|&score| i64::from(score)).sum();
            Exact::ratio(sum, i64::try_from(scores.len()).unwrap_or(i64::MAX))
        }
        Aggregation::Median => {
            let mut sorted = scores.to_vec();
            sorted.sort_unstable();
            let middle = sorted.len() / 2;
            if sorted.len() % 2 == 1 {
                Exact::from(sorted[middle])
            } else {
                Exact::ratio(i64::from(sorted[middle - 1]) + i64::from(sorted[middle]), 2)
            }
        }
    })
}

/// `sqrt((n·Σx² − (Σx)²) / (n·(n − 1)))`: the numerator and denominator are exact integers, so
/// the only roundings are one division and one square root, both exactly specified by IEEE 754
/// and therefore the same on every machine.
fn sample_standard_deviation(scores: &[i32]) -> Option<f64> {
    if scores.len() < 2 {
        return None;
    }
    let count = i64::try_from(scores.len()).ok()?;
    let sum: i64 = scores.iter().map(|&score| i64::from(score)).sum();
    let sum_of_squares: i64 = scores.iter().map(|&score| i64::from(score) * i64::from(score)).sum();
    let numerator = count * sum_of_squares - sum * sum;
    let denominator = count * (count - 1);
    Some((exact_f64(numerator) / exact_f64(denominator)).sqrt())
}

/// An integer as a float, for statistics. Exact for the counts and sums of scores it is used on,
/// which stay far below 2⁵³.
pub(crate) fn exact_f64(value: i64) -> f64 {
    // Below 2^53 every integer is an f64, so nothing is lost here.
    #[allow(clippy::cast_precision_loss)]
    let converted = value as f64;
    converted
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::testing::{round_with, score};

    /// Shows each application's total and per-criterion statistics, one line per criterion.
    fn check(round: &Round, expected: Expect) {
        let mut text = String::new();
        for application in aggregate(round) {
            text.push_str(&format!(
                "{} T={}\n",
                application.application,
                application
                    .total
                    .as_ref()
                    .map_or("-".to_owned(), |total| total.round_dp(4).normalize().to_string())
            ));
            for criterion in &application.criteria {
                text.push_str(&format!(
                    "  {} S={} n={} ir={} recused={} missing={} mean={} median={} min={} max={} sd={}\n",
                    criterion.criterion,
                    show(criterion.value.as_ref()),
                    criterion.scores_counted,
                    criterion.not_applicable,
                    criterion.recused_scores_excluded,
                    criterion.missing,
                    show(criterion.mean.as_ref()),
                    show(criterion.median.as_ref()),
                    criterion.min.map_or("-".to_owned(), |value| value.to_string()),
                    criterion.max.map_or("-".to_owned(), |value| value.to_string()),
                    criterion.standard_deviation.map_or("-".to_owned(), |sd| format!("{sd:.4}")),
                ));
            }
            for member in &application.member_totals {
                text.push_str(&format!(
                    "  T_{}={} over {}\n",
                    member.member,
                    member.total.round_dp(4).normalize(),
                    member.criteria_scored
                ));
            }
        }
        expected.assert_eq(&text);
    }

    fn show(value: Option<&Exact>) -> String {
        value.map_or("-".to_owned(), |value| value.round_dp(4).normalize().to_string())
    }

    #[test]
    fn mean_and_median_are_exact() {
        assert_eq!(combine(&[4, 5, 5], Aggregation::Mean), Some(Exact::ratio(14, 3)));
        assert_eq!(combine(&[4, 5, 7], Aggregation::Median), Some(Exact::integer(5)));
        assert_eq!(combine(&[4, 5, 6, 7], Aggregation::Median), Some(Exact::ratio(11, 2)));
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
        check(
            &round,
            expect![[r#"
                R1 T=5.5
                  a S=5.5 n=2 ir=0 recused=0 missing=0 mean=5.5 median=5.5 min=4 max=7 sd=2.1213
                  b S=- n=0 ir=2 recused=0 missing=0 mean=- median=- min=- max=- sd=-
                  T_m1=4 over 1
                  T_m2=7 over 1
            "#]],
        );
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
        // Only m1 counts: (3·2 + 1·6) / 4 = 3, and m2 has no member total.
        check(
            &round,
            expect![[r#"
                R1 T=3
                  a S=2 n=1 ir=0 recused=1 missing=0 mean=2 median=2 min=2 max=2 sd=-
                  b S=6 n=1 ir=0 recused=1 missing=0 mean=6 median=6 min=6 max=6 sd=-
                  T_m1=3 over 2
            "#]],
        );
    }

    #[test]
    fn an_unfinished_member_is_counted_as_missing_and_the_median_is_available_beside_the_mean() {
        let mut round = round_with(
            &[("a", 1, false)],
            &["m1", "m2", "m3"],
            &["R1", "R2"],
            vec![
                score("m1", "R1", "a", Some(2)),
                score("m2", "R1", "a", Some(3)),
                score("m3", "R1", "a", Some(7)),
                score("m1", "R2", "a", Some(5)),
            ],
            &[],
        );
        round.info.aggregation = Aggregation::Median;
        check(
            &round,
            expect![[r#"
                R1 T=3
                  a S=3 n=3 ir=0 recused=0 missing=0 mean=4 median=3 min=2 max=7 sd=2.6458
                  T_m1=2 over 1
                  T_m2=3 over 1
                  T_m3=7 over 1
                R2 T=5
                  a S=5 n=1 ir=0 recused=0 missing=2 mean=5 median=5 min=5 max=5 sd=-
                  T_m1=5 over 1
            "#]],
        );
    }

    #[test]
    fn an_application_without_scores_has_no_total() {
        let round = round_with(&[("a", 1, false)], &["m1"], &["R1"], vec![], &[]);
        assert_eq!(aggregate(&round)[0].total, None);
    }
}
