//! The recommendation engine's one entry point: [`evaluate`] turns a round into everything the
//! working group and the SSU see: statistics, flags, agreement, calibration, ranking with its
//! uncertainty, weight sensitivity, gates, the proposal within the frame, and the chair's
//! recommendation merged with it.
//!
//! The evaluation is a pure function of the round: no clock, no randomness but the seeded
//! bootstrap, no iteration over hash maps. The same round gives the same `Evaluation`, bit for
//! bit, on every machine.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::aggregate::{ApplicationAggregate, aggregate_grid};
use crate::agreement::{Agreement, agreement};
use crate::allocation::{Award, Funding, allocate, application_indices};
use crate::bootstrap::{FundingLabel, Proposal, RankUncertainty, bootstrap_on};
use crate::calibration::{CalibratedTotal, Calibration, calibrate};
use crate::disagreement::{DisagreementThresholds, Flag, FlagKind, flags, thresholds};
use crate::exact::Exact;
use crate::gates::{GateResult, GateStatus, assess};
use crate::grid::ScoreGrid;
use crate::meeting::{self, LotteryResult};
use crate::ranking::{Ranked, TieStep, rank, tie_steps};
use crate::recommendation::{Recommendation, RecommendedAward, recommend};
use crate::sensitivity::{WeightSensitivity, sensitivity};
use crate::{ApplicantSide, Money, Round, wording};

/// Everything the engine computes for a round.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    /// The disagreement thresholds in force (the round's, or the scaled defaults).
    pub thresholds: DisagreementThresholds,
    /// The tie-break ladder as concrete steps.
    pub tie_steps: Vec<TieStep>,
    /// In rank order; unranked applications last.
    pub applications: Vec<ApplicationEvaluation>,
    pub agreement: Agreement,
    /// `None` when the round has calibration switched off.
    pub calibration: Option<Calibration>,
    /// Per criterion, in the round's order.
    pub sensitivity: Vec<WeightSensitivity>,
    pub budget: Budget,
    /// The chair's recommendation as a whole (the per-application part is in `applications`).
    pub recommendation: Recommendation,
    /// The quorum in force: the least number of members whose scores count per application.
    pub quorum: u32,
    /// The grey-zone lottery as drawn; `None` when the round has none.
    pub lottery: Option<LotteryResult>,
}

/// Everything about one application.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationEvaluation {
    pub aggregate: ApplicationAggregate,
    /// Rank and how exact ties were settled.
    pub ranked: Ranked,
    /// How exact ties were settled, in a sentence; `None` without a tie.
    pub tie_text: Option<String>,
    /// Reasons to discuss the application.
    pub flags: Vec<Flag>,
    /// The bootstrap's rank interval and funding label; `None` when unranked or without draws.
    pub uncertainty: Option<RankUncertainty>,
    /// Beside the raw total, never instead of it; `None` without calibration.
    pub calibrated: Option<CalibratedTotal>,
    /// Every gate of the round, in the round's order.
    pub gates: Vec<GateResult>,
    pub award: Award,
    pub recommendation: RecommendedAward,
}

/// The money, in total and split the way the SSU must see it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Budget {
    pub frame: Money,
    pub total_requested: Money,
    /// Requested by the applications that failed no gate: what competes for the frame.
    pub requested_not_gated_out: Money,
    pub proposed: Money,
    pub remaining: Money,
    pub recommended: Money,
    /// Per lead applicant's side (kommune, hf, annet), in that order, sides with applications.
    pub by_side: Vec<GroupTotal>,
    /// Per priority area, in Norwegian alphabetical order (`wording::norwegian_order`); an empty
    /// name is "not given" and comes first.
    pub by_priority_area: Vec<GroupTotal>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupTotal {
    pub key: String,
    pub applications: usize,
    pub requested: Money,
    /// Applications the proposal gives money (in full or in part).
    pub proposed_count: usize,
    pub proposed: Money,
    /// Applications the recommendation gives money.
    pub recommended_count: usize,
    pub recommended: Money,
}

/// Evaluates the round. Deterministic: the same round gives the same evaluation.
pub fn evaluate(round: &Round) -> Evaluation {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    evaluate_on(round, cores.min(4))
}

/// [`evaluate`] with the bootstrap's draws shared among at most `threads` threads; the result is
/// the same for any number (a test holds it to that).
pub(crate) fn evaluate_on(round: &Round, threads: usize) -> Evaluation {
    let grid = ScoreGrid::new(round);
    let aggregates = aggregate_grid(round, &grid);
    let ranking = rank(round, &aggregates);
    let gates = assess(round);
    let mut allocation = allocate(round, &ranking, &aggregates, &gates);
    let disagreement = thresholds(round);
    let agreement = agreement(round, &grid, &aggregates);
    let calibration = calibrate(round, &grid.members, &aggregates);

    // Per application in the round's order, what the draws and the sensitivity replay.
    let order = application_indices(round, &ranking);
    let count = round.applications.len();
    let mut ranked = vec![false; count];
    let mut criterion_thresholds_passed = vec![true; count];
    let mut funded = vec![false; count];
    for ((entry, award), &index) in ranking.iter().zip(&allocation.awards).zip(&order) {
        ranked[index] = entry.rank.is_some();
        criterion_thresholds_passed[index] =
            award.thresholds_missed.iter().all(|miss| miss.criterion.is_none());
        funded[index] = award.reason.is_funded();
    }
    let gates_passed: Vec<bool> = gates
        .iter()
        .map(|results| results.iter().all(|result| result.status != GateStatus::Failed))
        .collect();
    let criterion_thresholds: Vec<Option<Exact>> = round
        .criteria
        .iter()
        .map(|criterion| {
            round
                .options
                .criterion_thresholds
                .iter()
                .filter(|(id, _)| *id == criterion.id)
                .map(|(_, threshold)| Exact::from(*threshold))
                .max()
        })
        .collect();
    let funding = Funding::new(round);
    let proposal = Proposal {
        order: &order,
        ranked: &ranked,
        gates_passed: &gates_passed,
        criterion_thresholds: &criterion_thresholds,
        total_threshold: round.options.total_threshold.map(Exact::from),
        funding: &funding,
    };
    let mut uncertainty = bootstrap_on(round, &grid, &proposal, threads);
    let quorum = meeting::quorum(round);
    let counted: Vec<usize> =
        aggregates.iter().map(|aggregate| aggregate.member_totals.len()).collect();
    for (index, uncertainty) in uncertainty.iter_mut().enumerate() {
        // Below quorum, the draws rest on too few members to call the application clear.
        if counted[index] < quorum as usize
            && let Some(uncertainty) = uncertainty
        {
            uncertainty.label = FundingLabel::GreyZone;
        }
    }
    let sensitivity =
        sensitivity(round, &aggregates, &proposal, &criterion_thresholds_passed, &funded);

    // The lottery hands out what the applications outside it leave, after the draws and the
    // sensitivity have replayed the proposal without it.
    let lottery = meeting::apply_lottery(round, &mut allocation.awards, &order, &funding);
    if lottery.is_some() {
        allocation.total_proposed = allocation.awards.iter().map(|award| award.proposed).sum();
        allocation.remaining = allocation.frame - allocation.total_proposed;
    }
    let mut recommendation = recommend(round, &allocation);

    let budget = budget(
        round,
        &allocation.awards,
        &recommendation.awards,
        &order,
        &gates_passed,
        &allocation,
    );
    let (calibration, calibrated_totals) = match calibration {
        Some((calibration, totals)) => (Some(calibration), totals),
        None => (None, vec![None; count]),
    };
    let mut aggregates: Vec<Option<ApplicationAggregate>> =
        aggregates.into_iter().map(Some).collect();
    let mut gates: Vec<Vec<GateResult>> = gates;
    let recommended = std::mem::take(&mut recommendation.awards);
    let applications = ranking
        .into_iter()
        .zip(allocation.awards)
        .zip(recommended)
        .zip(&order)
        .map(|(((ranked, award), recommendation), &index)| {
            let aggregate = aggregates[index].take().expect("each application once");
            let mut application_flags = flags(round, &grid, &disagreement, index, &aggregate);
            if counted[index] < quorum as usize {
                application_flags.push(Flag {
                    kind: FlagKind::BelowQuorum,
                    criterion: None,
                    member: None,
                    value: Some(Exact::from(i64::try_from(counted[index]).unwrap_or(i64::MAX))),
                    reason: format!(
                        "For få vurderinger: {} av medlemmene har skåret søknaden, og runden krever minst {quorum}. Den kan derfor ikke regnes som klart innenfor eller klart utenfor.",
                        counted[index]
                    ),
                });
            }
            let unresolved: Vec<String> = ranked
                .ties
                .iter()
                .filter(|tie| tie.decided_by.is_none())
                .map(|tie| tie.other.to_string())
                .collect();
            if !unresolved.is_empty() {
                application_flags.push(Flag {
                    kind: FlagKind::UnresolvedTie,
                    criterion: None,
                    member: None,
                    value: None,
                    reason: format!(
                        "Nøyaktig lik totalskår med {}, og rangeringsreglene skiller dem ikke: de deler plass {}. I forslaget står de etter søknadsnummer.",
                        wording::list(&unresolved),
                        ranked.rank.unwrap_or(0)
                    ),
                });
            }
            ApplicationEvaluation {
                tie_text: tie_text(round, &ranked),
                aggregate,
                ranked,
                flags: application_flags,
                uncertainty: uncertainty[index].clone(),
                calibrated: calibrated_totals[index],
                gates: std::mem::take(&mut gates[index]),
                award,
                recommendation,
            }
        })
        .collect();

    Evaluation {
        thresholds: disagreement,
        tie_steps: tie_steps(round),
        applications,
        agreement,
        calibration,
        sensitivity,
        budget,
        recommendation,
        quorum,
        lottery,
    }
}

/// How the ladder settled each exact tie, in a sentence.
fn tie_text(round: &Round, ranked: &Ranked) -> Option<String> {
    if ranked.ties.is_empty() {
        return None;
    }
    let parts: Vec<String> = ranked
        .ties
        .iter()
        .map(|tie| match &tie.decided_by {
            Some(TieStep::Criterion(id)) => format!(
                "{} (avgjort på skåren for «{}»)",
                tie.other,
                round.criterion(id).map_or(id.as_str(), |criterion| &criterion.name)
            ),
            Some(TieStep::LowerRequestedAmount) => {
                format!("{} (avgjort på lavest omsøkt beløp)", tie.other)
            }
            None => format!("{} (ikke avgjort; delt plass)", tie.other),
        })
        .collect();
    Some(format!("Lik totalskår med {}.", wording::list(&parts)))
}

fn budget(
    round: &Round,
    awards: &[Award],
    recommended: &[RecommendedAward],
    order: &[usize],
    gates_passed: &[bool],
    allocation: &crate::allocation::Allocation,
) -> Budget {
    let mut by_side: BTreeMap<usize, GroupTotal> = BTreeMap::new();
    let mut by_area: BTreeMap<String, GroupTotal> = BTreeMap::new();
    let sides = [ApplicantSide::Kommune, ApplicantSide::Hf, ApplicantSide::Annet];
    let empty = |key: String| GroupTotal {
        key,
        applications: 0,
        requested: Money::ZERO,
        proposed_count: 0,
        proposed: Money::ZERO,
        recommended_count: 0,
        recommended: Money::ZERO,
    };
    let add = |group: &mut GroupTotal, award: &Award, recommendation: &RecommendedAward| {
        group.applications += 1;
        group.requested = group.requested + award.requested;
        if award.reason.is_funded() {
            group.proposed_count += 1;
            group.proposed = group.proposed + award.proposed;
        }
        if recommendation.amount > Money::ZERO {
            group.recommended_count += 1;
            group.recommended = group.recommended + recommendation.amount;
        }
    };
    let mut requested_not_gated_out = Money::ZERO;
    for ((award, recommendation), &index) in awards.iter().zip(recommended).zip(order) {
        let application = &round.applications[index];
        let side = sides.iter().position(|side| *side == application.applicant_side).unwrap_or(2);
        add(
            by_side.entry(side).or_insert_with(|| empty(sides[side].as_str().to_owned())),
            award,
            recommendation,
        );
        let area = application.priority_area.trim().to_owned();
        add(by_area.entry(area.clone()).or_insert_with(|| empty(area)), award, recommendation);
        if gates_passed[index] {
            requested_not_gated_out = requested_not_gated_out + award.requested;
        }
    }
    Budget {
        frame: allocation.frame,
        total_requested: round
            .applications
            .iter()
            .map(|application| application.amount_requested)
            .sum(),
        requested_not_gated_out,
        proposed: allocation.total_proposed,
        remaining: allocation.remaining,
        recommended: recommended.iter().map(|award| award.amount).sum(),
        by_side: by_side.into_values().collect(),
        by_priority_area: {
            let mut areas: Vec<GroupTotal> = by_area.into_values().collect();
            areas.sort_by(|left, right| wording::norwegian_order(&left.key, &right.key));
            areas
        },
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::testing::{round_with, score};

    #[test]
    fn the_bootstrap_gives_the_same_intervals_on_one_thread_or_several() {
        let members = ["a", "b", "c", "d", "e"];
        let applications: Vec<String> = (1..=12).map(|index| format!("S-{index}")).collect();
        let references: Vec<&str> = applications.iter().map(String::as_str).collect();
        let scores = members
            .iter()
            .enumerate()
            .flat_map(|(m, member)| {
                references.iter().enumerate().map(move |(a, application)| {
                    let value = i32::try_from((a * 3 + m * 5) % 7).unwrap() + 1;
                    score(member, application, "k", Some(value))
                })
            })
            .collect();
        let mut round = round_with(&[("k", 1, false)], &members, &references, scores, &[]);
        round.options.bootstrap_draws = 1_001;
        round.info.budget_frame = Money::from_kroner(500_000);
        let one = evaluate_on(&round, 1);
        assert!(one.applications.iter().any(|application| application.uncertainty.is_some()));
        for threads in [2, 3, 4] {
            let several = evaluate_on(&round, threads);
            for (left, right) in one.applications.iter().zip(&several.applications) {
                assert_eq!(left.uncertainty, right.uncertainty, "{threads} threads");
            }
        }
    }

    /// Per application in result order: rank, tie text and flag reasons.
    fn check(round: &Round, expected: Expect) {
        let mut text = String::new();
        for application in evaluate(round).applications {
            text.push_str(&format!(
                "{} rank {}\n",
                application.aggregate.application,
                application.ranked.rank.map_or("-".to_owned(), |rank| rank.to_string())
            ));
            if let Some(tie) = &application.tie_text {
                text.push_str(&format!("  {tie}\n"));
            }
            for flag in &application.flags {
                text.push_str(&format!("  {}: {}\n", flag.kind.as_str(), flag.reason));
            }
        }
        expected.assert_eq(&text);
    }

    #[test]
    fn ties_are_explained_and_an_unresolved_one_is_flagged() {
        // R1 and R2 tie at 5 and differ on a; R3 and R4 are identical in every way.
        let round = round_with(
            &[("a", 2, false), ("b", 1, false)],
            &["m1"],
            &["R1", "R2", "R3", "R4"],
            vec![
                score("m1", "R1", "a", Some(6)),
                score("m1", "R1", "b", Some(3)),
                score("m1", "R2", "a", Some(4)),
                score("m1", "R2", "b", Some(7)),
                score("m1", "R3", "a", Some(3)),
                score("m1", "R3", "b", Some(3)),
                score("m1", "R4", "a", Some(3)),
                score("m1", "R4", "b", Some(3)),
            ],
            &[],
        );
        check(
            &round,
            expect![[r#"
                R1 rank 1
                  Lik totalskår med R2 (avgjort på skåren for «A»).
                R2 rank 2
                  Lik totalskår med R1 (avgjort på skåren for «A»).
                R3 rank 3
                  Lik totalskår med R4 (ikke avgjort; delt plass).
                  unresolved_tie: Nøyaktig lik totalskår med R4, og rangeringsreglene skiller dem ikke: de deler plass 3. I forslaget står de etter søknadsnummer.
                R4 rank 3
                  Lik totalskår med R3 (ikke avgjort; delt plass).
                  unresolved_tie: Nøyaktig lik totalskår med R3, og rangeringsreglene skiller dem ikke: de deler plass 3. I forslaget står de etter søknadsnummer.
            "#]],
        );
    }
}
