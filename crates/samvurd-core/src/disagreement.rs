//! Flags that put an application on the agenda for discussion, each with its reason in Norwegian.
//!
//! Two things raise a flag:
//!
//! - **Spread on a criterion**: the range (highest minus lowest counted numeric score) reaches the
//!   round's threshold, by default 3 on a 1–7 scale and the same share (3/6) of the span on any
//!   other scale (2.5 on 0–5, so in practice a range of 3).
//! - **A member far from the rest**: a member's own total `T_m(a)` differs from the total of the
//!   rest of the panel by at least the round's threshold, by default 2 on a 1–7 scale (2/6 of the
//!   span). Both totals are taken over the same criteria: those the member gave a number on and at
//!   least one other counted member did too, with the round's weights and the round's mean or
//!   median for the rest. "The rest" must be at least two other members with a number on those
//!   criteria; with one other member, the disagreement is a pair and the range flag covers it.
//!
//! Recused members are outside both checks, as they are outside every aggregate.

use serde::Serialize;

use crate::aggregate::{ApplicationAggregate, combine, exact_f64};
use crate::agreement::decimal_f64;
use crate::exact::Exact;
use crate::grid::ScoreGrid;
use crate::{Aggregation, CriterionId, MemberId, Round, wording};

/// The thresholds in force for the round, after the defaults are scaled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DisagreementThresholds {
    pub criterion_range: Exact,
    pub member_deviation: Exact,
}

/// The round's thresholds: its own, or the defaults scaled from 1–7 to its scale.
pub fn thresholds(round: &Round) -> DisagreementThresholds {
    let span = i64::from(round.info.scale.max) - i64::from(round.info.scale.min);
    // Exact: 2/6 of the span 0–5 is 5/3, not 1.666…67.
    let scaled = |points: i64| Exact::ratio(points * span, 6);
    DisagreementThresholds {
        criterion_range: round.options.disagreement_range.map_or_else(|| scaled(3), Exact::from),
        member_deviation: round.options.member_deviation.map_or_else(|| scaled(2), Exact::from),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// The range of one criterion's scores reached the threshold.
    CriterionRange,
    /// One member's total is far from the rest of the panel's.
    MemberDeviation,
    /// The tie-break ladder could not separate this application from another.
    UnresolvedTie,
    /// Fewer members' scores count on it than the round's quorum («for få vurderinger»).
    BelowQuorum,
}

impl FlagKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::CriterionRange => "criterion_range",
            FlagKind::MemberDeviation => "member_deviation",
            FlagKind::UnresolvedTie => "unresolved_tie",
            FlagKind::BelowQuorum => "below_quorum",
        }
    }
}

/// A reason to discuss an application.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    pub kind: FlagKind,
    pub criterion: Option<CriterionId>,
    pub member: Option<MemberId>,
    /// The range, or the member's signed deviation from the rest; `None` for a tie.
    pub value: Option<Exact>,
    pub reason: String,
}

/// The disagreement flags of one application (index into the round's applications).
pub(crate) fn flags(
    round: &Round,
    grid: &ScoreGrid,
    thresholds: &DisagreementThresholds,
    application: usize,
    aggregate: &ApplicationAggregate,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    for (criterion, statistics) in round.criteria.iter().zip(&aggregate.criteria) {
        if let (Some(low), Some(high)) = (statistics.min, statistics.max) {
            let range = i64::from(high) - i64::from(low);
            if Exact::from(range) >= thresholds.criterion_range {
                flags.push(Flag {
                    kind: FlagKind::CriterionRange,
                    criterion: Some(criterion.id.clone()),
                    member: None,
                    value: Some(Exact::from(range)),
                    reason: format!(
                        "Stor uenighet om «{}»: skårene går fra {low} til {high}, {range} poeng fra hverandre. Gruppa drøfter kriterier der skårene ligger {} poeng eller mer fra hverandre.",
                        criterion.name,
                        wording::number(thresholds.criterion_range.to_decimal())
                    ),
                });
            }
        }
    }

    // For the mean, a float estimate of each member's deviation rules out, cheaply, everyone
    // clearly inside the threshold; the exact computation below decides the rest. The
    // float's error is below 10⁻¹², far inside the 10⁻⁶ margin.
    let cell_sums: Vec<(i64, i64)> = (0..round.criteria.len())
        .map(|criterion| {
            grid.cell(application, criterion)
                .iter()
                .filter_map(|answer| answer.value())
                .fold((0, 0), |(sum, count), value| (sum + i64::from(value), count + 1))
        })
        .collect();
    let weights: Vec<f64> =
        round.criteria.iter().map(|criterion| decimal_f64(criterion.weight)).collect();
    let margin = thresholds.member_deviation.to_f64() - 1e-6;

    let mut others = Vec::with_capacity(grid.member_count());
    for member in 0..grid.member_count() {
        if round.info.aggregation == Aggregation::Mean {
            let (mut member_sum, mut rest_sum, mut weight_sum) = (0.0, 0.0, 0.0);
            for (criterion, (&(sum, count), &weight)) in cell_sums.iter().zip(&weights).enumerate()
            {
                if let Some(own) = grid.answer(application, criterion, member).value()
                    && count > 1
                {
                    member_sum += weight * f64::from(own);
                    rest_sum += weight * exact_f64(sum - i64::from(own)) / exact_f64(count - 1);
                    weight_sum += weight;
                }
            }
            if weight_sum == 0.0 || ((member_sum - rest_sum) / weight_sum).abs() < margin {
                continue;
            }
        }
        let mut member_sum = Exact::ZERO;
        let mut rest_sum = Exact::ZERO;
        let mut weight_sum = Exact::ZERO;
        let mut rest_members = vec![false; grid.member_count()];
        for (criterion_index, criterion) in round.criteria.iter().enumerate() {
            let Some(own) = grid.answer(application, criterion_index, member).value() else {
                continue;
            };
            others.clear();
            for (other, answer) in grid.cell(application, criterion_index).iter().enumerate() {
                if other != member
                    && let Some(value) = answer.value()
                {
                    others.push(value);
                    rest_members[other] = true;
                }
            }
            let Some(rest) = combine(&others, round.info.aggregation) else {
                continue;
            };
            let weight = Exact::from(criterion.weight);
            member_sum = member_sum + &weight * &Exact::from(own);
            rest_sum = rest_sum + &weight * &rest;
            weight_sum = weight_sum + weight;
        }
        if weight_sum.is_zero() || rest_members.iter().filter(|&&counted| counted).count() < 2 {
            continue;
        }
        let member_total = member_sum / &weight_sum;
        let rest_total = rest_sum / &weight_sum;
        let deviation = &member_total - &rest_total;
        if deviation.abs() >= thresholds.member_deviation {
            let id = &grid.members[member];
            let name = round.member(id).map_or(id.as_str(), |member| member.name.as_str());
            let direction = if deviation.is_negative() { "under" } else { "over" };
            flags.push(Flag {
                kind: FlagKind::MemberDeviation,
                criterion: None,
                member: Some(id.clone()),
                value: Some(deviation.clone()),
                reason: format!(
                    "{name} gir totalskår {}, {} poeng {direction} resten av gruppen ({}); grensen er {}.",
                    wording::score(member_total.to_decimal()),
                    wording::score(deviation.abs().to_decimal()),
                    wording::score(rest_total.to_decimal()),
                    wording::score(thresholds.member_deviation.to_decimal())
                ),
            });
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::aggregate::aggregate_grid;
    use crate::testing::{round_with, score};
    use crate::{Scale, Score};

    fn check(round: &Round, expected: Expect) {
        let grid = ScoreGrid::new(round);
        let aggregates = aggregate_grid(round, &grid);
        let thresholds = thresholds(round);
        let mut text = format!(
            "range ≥ {}, member ≥ {}\n",
            thresholds.criterion_range,
            thresholds.member_deviation.round_dp(4).normalize()
        );
        for (index, aggregate) in aggregates.iter().enumerate() {
            for flag in flags(round, &grid, &thresholds, index, aggregate) {
                text.push_str(&format!(
                    "{} {} {}\n",
                    aggregate.application,
                    flag.kind.as_str(),
                    flag.reason
                ));
            }
        }
        expected.assert_eq(&text);
    }

    fn row(member: &str, application: &str, values: &[i32]) -> Vec<Score> {
        ["a", "b"]
            .iter()
            .zip(values)
            .map(|(criterion, value)| score(member, application, criterion, Some(*value)))
            .collect()
    }

    #[test]
    fn a_wide_range_and_a_member_far_from_the_rest_are_flagged_with_their_reasons() {
        // R1: a = 2, 5, 5, 5 (range 3: flagged); b = 5 for all.
        // m1's total (2·2 + 5)/3 = 3; the rest's (2·5 + 5)/3 = 5: 2 under, flagged.
        // R2: ranges of 2, nobody 2 points from the rest.
        let scores = [
            row("m1", "R1", &[2, 5]),
            row("m2", "R1", &[5, 5]),
            row("m3", "R1", &[5, 5]),
            row("m4", "R1", &[5, 5]),
            row("m1", "R2", &[4, 4]),
            row("m2", "R2", &[6, 6]),
            row("m3", "R2", &[5, 5]),
            row("m4", "R2", &[5, 5]),
        ]
        .concat();
        let round = round_with(
            &[("a", 2, false), ("b", 1, false)],
            &["m1", "m2", "m3", "m4"],
            &["R1", "R2"],
            scores,
            &[],
        );
        check(
            &round,
            expect![[r#"
                range ≥ 3, member ≥ 2
                R1 criterion_range Stor uenighet om «A»: skårene går fra 2 til 5, 3 poeng fra hverandre. Gruppa drøfter kriterier der skårene ligger 3 poeng eller mer fra hverandre.
                R1 member_deviation M1 gir totalskår 3,00, 2,00 poeng under resten av gruppen (5,00); grensen er 2,00.
            "#]],
        );
    }

    #[test]
    fn the_default_thresholds_are_scaled_to_the_rounds_scale_and_a_pair_is_not_a_rest() {
        // On 0–5 the thresholds are 2.5 and 5/3. m1 and m2 differ by 3 on a: the range flag
        // fires, but with only one other member there is no "rest" to deviate from.
        let mut round = round_with(
            &[("a", 1, false), ("b", 1, false)],
            &["m1", "m2"],
            &["R1"],
            [row("m1", "R1", &[1, 3]), row("m2", "R1", &[4, 3])].concat(),
            &[],
        );
        round.info.scale = Scale::range(0, 5).unwrap();
        check(
            &round,
            expect![[r#"
                range ≥ 2.5, member ≥ 1.6667
                R1 criterion_range Stor uenighet om «A»: skårene går fra 1 til 4, 3 poeng fra hverandre. Gruppa drøfter kriterier der skårene ligger 2,5 poeng eller mer fra hverandre.
            "#]],
        );
    }
}
