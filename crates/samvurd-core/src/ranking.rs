//! Ranking applications by their total, with the round's tie-break ladder.
//!
//! Totals are compared exactly ([`Exact`] rationals). Applications whose totals are exactly equal go down
//! the ladder of `round.options.tie_ladder`, one rung at a time, as a refinement: a rung sorts
//! the tied group and splits it where its key differs; each part goes on to the next rung alone.
//! The default ladder is "higher `S(a, c)` on the highest-weighted criterion, then the next
//! (equal weights in the round's order), then the lower requested amount".
//!
//! A criterion rung only separates a tied group when every application in it has a value on
//! that criterion: *ikke relevant* is neither a good nor a bad answer, so it cannot win or lose a
//! tie. Applications the whole ladder cannot separate share the rank (competition style:
//! 1, 2, 2, 4) and are flagged; within a shared rank the list is ordered by reference, so that
//! everything downstream, the allocation in particular, is deterministic. Applications without a
//! total are not ranked and come last.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::aggregate::ApplicationAggregate;
use crate::exact::Exact;
use crate::{ApplicationRef, CriterionId, Money, Round, TieBreak};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub application: ApplicationRef,
    pub total: Option<Exact>,
    /// 1 is best; `None` for an application with no numeric score at all.
    pub rank: Option<u32>,
    /// One entry per other application with exactly the same total, in ranking order: how the
    /// ladder separated the two, or that it could not.
    pub ties: Vec<TieDecision>,
}

impl Ranked {
    /// Whether the ladder left this application tied with another (they share the rank).
    pub fn is_unresolved_tie(&self) -> bool {
        self.ties.iter().any(|tie| tie.decided_by.is_none())
    }
}

/// How one exact tie between two applications was settled.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TieDecision {
    pub other: ApplicationRef,
    /// The rung that separated them; `None` when no rung could, and they share the rank.
    pub decided_by: Option<TieStep>,
}

/// One concrete rung of the ladder, with the ladder's `HighestWeightedCriteria` spelled out into
/// one criterion at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "rule", content = "criterion")]
pub enum TieStep {
    /// Higher `S(a, c)` on this criterion.
    Criterion(CriterionId),
    LowerRequestedAmount,
}

/// The ladder as concrete steps: `HighestWeightedCriteria` becomes the criteria in descending
/// weight order (a stable sort keeps the round's order among equal weights). Criteria the round
/// does not have, and steps already taken, are left out.
pub fn tie_steps(round: &Round) -> Vec<TieStep> {
    let mut steps: Vec<TieStep> = Vec::new();
    let mut push = |step: TieStep| {
        if !steps.contains(&step) {
            steps.push(step);
        }
    };
    for rung in &round.options.tie_ladder {
        match rung {
            TieBreak::HighestWeightedCriteria => {
                let mut by_weight: Vec<_> = round.criteria.iter().collect();
                by_weight.sort_by_key(|criterion| std::cmp::Reverse(criterion.weight));
                for criterion in by_weight {
                    push(TieStep::Criterion(criterion.id.clone()));
                }
            }
            TieBreak::Criterion(id) => {
                if round.criterion(id).is_some() {
                    push(TieStep::Criterion(id.clone()));
                }
            }
            TieBreak::LowerRequestedAmount => push(TieStep::LowerRequestedAmount),
        }
    }
    steps
}

/// Ranks by total, highest first, breaking exact ties with the round's ladder.
/// `aggregates` are those of [`crate::aggregate::aggregate`] (criteria in the round's order).
pub fn rank(round: &Round, aggregates: &[ApplicationAggregate]) -> Vec<Ranked> {
    let steps = tie_steps(round);
    let criterion_index: BTreeMap<&CriterionId, usize> = round
        .criteria
        .iter()
        .enumerate()
        .map(|(index, criterion)| (&criterion.id, index))
        .collect();
    let requested: BTreeMap<&ApplicationRef, Money> = round
        .applications
        .iter()
        .map(|application| (&application.reference, application.amount_requested))
        .collect();

    let mut order: Vec<usize> = (0..aggregates.len()).collect();
    order.sort_by(|&left, &right| {
        // `None` sorts after every total; among equals, by reference for now.
        aggregates[right]
            .total
            .cmp(&aggregates[left].total)
            .then_with(|| aggregates[left].application.cmp(&aggregates[right].application))
    });

    let ladder = Ladder { aggregates, steps: &steps, criterion_index, requested };
    let mut ties: Vec<Vec<TieDecision>> = vec![Vec::new(); aggregates.len()];
    // Final order as groups: one group per rank, more than one member only for unresolved ties.
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let total = &aggregates[order[start]].total;
        let mut end = start + 1;
        while total.is_some() && end < order.len() && aggregates[order[end]].total == *total {
            end += 1;
        }
        let group = order[start..end].to_vec();
        if group.len() == 1 || total.is_none() {
            groups.extend(group.into_iter().map(|index| vec![index]));
        } else {
            let mut decided: BTreeMap<(usize, usize), TieStep> = BTreeMap::new();
            let mut parts = Vec::new();
            ladder.refine(group.clone(), 0, &mut decided, &mut parts);
            let final_order: Vec<usize> = parts.iter().flatten().copied().collect();
            for &index in &final_order {
                for &other in &final_order {
                    if other != index {
                        let key = (index.min(other), index.max(other));
                        ties[index].push(TieDecision {
                            other: aggregates[other].application.clone(),
                            decided_by: decided.get(&key).cloned(),
                        });
                    }
                }
            }
            groups.extend(parts);
        }
        start = end;
    }

    let mut ranked = Vec::with_capacity(order.len());
    let mut position = 0usize;
    for group in groups {
        let rank = u32::try_from(position + 1).unwrap_or(u32::MAX);
        for &index in &group {
            let aggregate = &aggregates[index];
            ranked.push(Ranked {
                application: aggregate.application.clone(),
                total: aggregate.total.clone(),
                rank: aggregate.total.as_ref().map(|_| rank),
                ties: std::mem::take(&mut ties[index]),
            });
        }
        position += group.len();
    }
    ranked
}

struct Ladder<'a> {
    aggregates: &'a [ApplicationAggregate],
    steps: &'a [TieStep],
    criterion_index: BTreeMap<&'a CriterionId, usize>,
    requested: BTreeMap<&'a ApplicationRef, Money>,
}

impl Ladder<'_> {
    /// Splits `group` (already tied on everything before `step`) into ordered parts, recording for
    /// every pair it separates the step that did it.
    fn refine(
        &self,
        mut group: Vec<usize>,
        step: usize,
        decided: &mut BTreeMap<(usize, usize), TieStep>,
        parts: &mut Vec<Vec<usize>>,
    ) {
        if group.len() == 1 {
            parts.push(group);
            return;
        }
        let Some(current) = self.steps.get(step) else {
            // The ladder is exhausted: an unresolved tie, kept in reference order.
            group.sort_by(|&left, &right| {
                self.aggregates[left].application.cmp(&self.aggregates[right].application)
            });
            parts.push(group);
            return;
        };
        // Smaller key is better: the negated criterion value, or the requested amount.
        let keys: Option<Vec<Exact>> = group
            .iter()
            .map(|&index| {
                let aggregate = &self.aggregates[index];
                match current {
                    TieStep::Criterion(id) => self
                        .criterion_index
                        .get(id)
                        .and_then(|&criterion| aggregate.criteria.get(criterion))
                        .and_then(|criterion| criterion.value.as_ref())
                        .map(|value| -value),
                    TieStep::LowerRequestedAmount => Some(
                        self.requested
                            .get(&aggregate.application)
                            .map_or(Exact::ZERO, |money| Exact::from(money.amount())),
                    ),
                }
            })
            .collect();
        let Some(keys) = keys else {
            // Someone in the group has no value on this criterion: the rung does not apply.
            self.refine(group, step + 1, decided, parts);
            return;
        };
        let mut keyed: Vec<(Exact, usize)> = keys.into_iter().zip(group).collect();
        keyed.sort_by(|left, right| {
            left.0.cmp(&right.0).then_with(|| {
                self.aggregates[left.1].application.cmp(&self.aggregates[right.1].application)
            })
        });
        let mut subgroups: Vec<Vec<usize>> = Vec::new();
        for (index, (key, member)) in keyed.iter().enumerate() {
            let member = *member;
            if index > 0 && keyed[index - 1].0 == *key {
                subgroups.last_mut().expect("a previous subgroup").push(member);
            } else {
                subgroups.push(vec![member]);
            }
        }
        for (position, subgroup) in subgroups.iter().enumerate() {
            for later in &subgroups[position + 1..] {
                for &left in subgroup {
                    for &right in later {
                        decided.insert((left.min(right), left.max(right)), current.clone());
                    }
                }
            }
        }
        for subgroup in subgroups {
            self.refine(subgroup, step + 1, decided, parts);
        }
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::aggregate::aggregate;
    use crate::testing::{round_with, score};

    /// One line per application: rank, reference, total and its tie decisions.
    fn check(round: &Round, expected: Expect) {
        let text: String = rank(round, &aggregate(round))
            .iter()
            .map(|ranked| {
                let ties: Vec<String> = ranked
                    .ties
                    .iter()
                    .map(|tie| {
                        let how = match &tie.decided_by {
                            Some(TieStep::Criterion(criterion)) => format!("by {criterion}"),
                            Some(TieStep::LowerRequestedAmount) => "by amount".to_owned(),
                            None => "unresolved".to_owned(),
                        };
                        format!(" vs {} {how}", tie.other)
                    })
                    .collect();
                format!(
                    "{} {} {}{}\n",
                    ranked.rank.map_or("-".to_owned(), |rank| rank.to_string()),
                    ranked.application,
                    ranked
                        .total
                        .as_ref()
                        .map_or("-".to_owned(), |total| total.round_dp(4).normalize().to_string()),
                    ties.concat()
                )
            })
            .collect();
        expected.assert_eq(&text);
    }

    #[test]
    fn equal_totals_are_separated_by_the_highest_weighted_criterion_first() {
        // Weights a=2, b=1. R1: a=4, b=7 -> 15/3 = 5; R2: a=5, b=5 -> 5; R3: a=6 b=3 -> 5.
        // All three total 5; on a (the heaviest) R3 > R2 > R1.
        let round = round_with(
            &[("a", 2, false), ("b", 1, false)],
            &["m1"],
            &["R1", "R2", "R3", "R4"],
            vec![
                score("m1", "R1", "a", Some(4)),
                score("m1", "R1", "b", Some(7)),
                score("m1", "R2", "a", Some(5)),
                score("m1", "R2", "b", Some(5)),
                score("m1", "R3", "a", Some(6)),
                score("m1", "R3", "b", Some(3)),
            ],
            &[],
        );
        check(
            &round,
            expect![[r#"
                1 R3 5 vs R2 by a vs R1 by a
                2 R2 5 vs R3 by a vs R1 by a
                3 R1 5 vs R3 by a vs R2 by a
                - R4 -
            "#]],
        );
    }

    #[test]
    fn a_criterion_that_is_ikke_relevant_for_one_of_them_is_skipped_and_the_amount_decides() {
        // R1 has no value on b (ikke relevant); b cannot break the tie, a is equal, so the lower
        // requested amount decides: R2 asks for less.
        let mut round = round_with(
            &[("a", 1, true), ("b", 3, true)],
            &["m1"],
            &["R1", "R2"],
            vec![
                score("m1", "R1", "a", Some(4)),
                score("m1", "R1", "b", None),
                score("m1", "R2", "a", Some(4)),
                score("m1", "R2", "b", Some(4)),
            ],
            &[],
        );
        round.applications[1].amount_requested = Money::from_kroner(50_000);
        check(
            &round,
            expect![[r#"
                1 R2 4 vs R1 by amount
                2 R1 4 vs R2 by amount
            "#]],
        );
    }

    #[test]
    fn what_the_ladder_cannot_separate_shares_the_rank_and_the_next_rank_skips() {
        let round = round_with(
            &[("a", 1, false)],
            &["m1"],
            &["C", "A", "B", "E"],
            vec![
                score("m1", "A", "a", Some(6)),
                score("m1", "B", "a", Some(5)),
                score("m1", "C", "a", Some(5)),
                score("m1", "E", "a", Some(3)),
            ],
            &[],
        );
        check(
            &round,
            expect![[r#"
                1 A 6
                2 B 5 vs C unresolved
                2 C 5 vs B unresolved
                4 E 3
            "#]],
        );
    }

    #[test]
    fn totals_that_differ_only_far_behind_the_comma_do_not_tie() {
        let round = round_with(&[("a", 1, false)], &["m1"], &["A", "B"], vec![], &[]);
        let mut aggregates = aggregate(&round);
        aggregates[0].total = Some(Exact::integer(5));
        aggregates[1].total = Some(Exact::integer(5) + Exact::ratio(1, 10i128.pow(30)));
        let ranked = rank(&round, &aggregates);
        assert_eq!(ranked[0].application.as_str(), "B");
        assert_eq!((ranked[0].rank, ranked[1].rank), (Some(1), Some(2)));
        assert!(ranked[0].ties.is_empty());
    }

    #[test]
    fn the_ladder_spells_out_criteria_by_descending_weight_and_skips_unknown_ones() {
        let mut round =
            round_with(&[("a", 1, false), ("b", 3, false), ("c", 3, false)], &[], &[], vec![], &[]);
        round.options.tie_ladder = vec![
            TieBreak::Criterion(CriterionId::from("c")),
            TieBreak::Criterion(CriterionId::from("ukjent")),
            TieBreak::HighestWeightedCriteria,
            TieBreak::LowerRequestedAmount,
        ];
        let steps: Vec<String> = tie_steps(&round)
            .iter()
            .map(|step| match step {
                TieStep::Criterion(criterion) => criterion.to_string(),
                TieStep::LowerRequestedAmount => "amount".to_owned(),
            })
            .collect();
        assert_eq!(steps, ["c", "b", "a", "amount"]);
    }
}
