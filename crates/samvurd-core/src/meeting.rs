//! What the meeting records beside the scores, and the rules for it: who chairs the round and
//! who chairs an item the chair is recused from, the group's consensus record per application,
//! the discussion queue that sends recused members out of the room as few times as possible,
//! quorum, and the lottery in the grey zone.
//!
//! Everything here is pure: the store runs the checks inside its write transaction, and the
//! engine applies a recorded lottery when it evaluates the round.

use serde::{Deserialize, Serialize};

use crate::allocation::{Award, AwardReason, Funding};
use crate::bootstrap::{FundingLabel, SplitMix64};
use crate::evaluate::Evaluation;
use crate::{ApplicationRef, MemberId, Money, Round, RuleViolation, wording};

/// What the meeting has recorded for the round. Empty in a round that has not used it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRecord {
    /// The working group's leader (leder), who chairs the meeting.
    pub chair: Option<MemberId>,
    /// The deputy (nestleder), who chairs the items the leader is recused from.
    pub deputy: Option<MemberId>,
    /// Who chairs an item when neither the leader nor the deputy can (both recused, or no deputy).
    pub item_chairs: Vec<ItemChair>,
    /// The group's consensus record per application, in the order recorded.
    pub consensus: Vec<Consensus>,
    /// The grey-zone lottery, when the group decided to draw lots.
    pub lottery: Option<Lottery>,
}

/// Who chairs the discussion of one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemChair {
    pub application: ApplicationRef,
    pub member: MemberId,
}

/// The group's assessment of one application, as agreed in the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Consensus {
    pub application: ApplicationRef,
    /// The group's consensus assessment, in a few sentences.
    pub assessment: String,
    /// Where the group did not agree: the majority's view. Empty when the group agreed.
    pub majority: String,
    /// The minority's view. Empty when the group agreed.
    pub minority: String,
    /// The members who hold the minority view, in the round's member order.
    pub minority_members: Vec<MemberId>,
}

/// The chair's decision to draw lots among grey-zone applications the group finds equally
/// worthy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lottery {
    /// What the seed was read from, as typed: dice digits, or the numbers of a public draw.
    pub seed: String,
    /// Where the seed comes from, so anyone can check it later: who rolled the dice, or which
    /// public draw (e.g. «Lotto trekning lørdag 28.11.2026»).
    pub source: String,
    /// The applications put in the draw.
    pub applications: Vec<ApplicationRef>,
}

// ---------------------------------------------------------------------------------------------
// Who chairs an item.

/// Who chairs the discussion of `application`, and why it is not the leader; `None` when the
/// leader chairs it (or no leader is recorded), `Some(None)` when the leader is recused and no one
/// who may chair it is chosen yet.
pub fn stand_in_chair(round: &Round, application: &ApplicationRef) -> Option<Option<MemberId>> {
    let chair = round.meeting.chair.as_ref()?;
    if !round.is_recused(chair, application) {
        return None;
    }
    if let Some(item) =
        round.meeting.item_chairs.iter().find(|item| &item.application == application)
    {
        return Some(Some(item.member.clone()));
    }
    Some(
        round
            .meeting
            .deputy
            .as_ref()
            .filter(|deputy| !round.is_recused(deputy, application))
            .cloned(),
    )
}

/// Checks a leader and deputy: known members, two different people.
pub fn check_chairs(
    round: &Round,
    chair: Option<&MemberId>,
    deputy: Option<&MemberId>,
) -> Result<(), RuleViolation> {
    for member in chair.into_iter().chain(deputy) {
        known_member(round, member)?;
    }
    if chair.is_some() && chair == deputy {
        return Err(RuleViolation(
            "Leder og nestleder må være to ulike personer. Velg en annen nestleder.".to_owned(),
        ));
    }
    Ok(())
}

/// Checks who chairs one item: a known application, a known member who is not recused from it.
pub fn check_item_chair(round: &Round, item: &ItemChair) -> Result<(), RuleViolation> {
    known_application(round, &item.application)?;
    let member = known_member(round, &item.member)?;
    if round.is_recused(&item.member, &item.application) {
        return Err(RuleViolation(format!(
            "{} er inhabil i {} og kan ikke lede behandlingen av den. Velg et medlem som kan delta.",
            member.name, item.application
        )));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The consensus record.

/// Checks a consensus record: a known application, an assessment, and where the group did not
/// agree, both views and at least one named member of the minority, none of them recused.
pub fn check_consensus(round: &Round, consensus: &Consensus) -> Result<(), RuleViolation> {
    known_application(round, &consensus.application)?;
    if consensus.assessment.trim().is_empty() {
        return Err(RuleViolation(
            "Skriv gruppens samlede vurdering av søknaden, med noen få setninger.".to_owned(),
        ));
    }
    let split = !consensus.majority.trim().is_empty()
        || !consensus.minority.trim().is_empty()
        || !consensus.minority_members.is_empty();
    if split {
        if consensus.majority.trim().is_empty() || consensus.minority.trim().is_empty() {
            return Err(RuleViolation(
                "Der gruppen er uenig, skriv både flertallets og mindretallets syn. Er gruppen enig, la begge stå tomme."
                    .to_owned(),
            ));
        }
        if consensus.minority_members.is_empty() {
            return Err(RuleViolation(
                "Velg hvilke medlemmer som står bak mindretallets syn.".to_owned(),
            ));
        }
    }
    let mut seen = Vec::new();
    for member_id in &consensus.minority_members {
        let member = known_member(round, member_id)?;
        if round.is_recused(member_id, &consensus.application) {
            return Err(RuleViolation(format!(
                "{} er inhabil i {} og deltar ikke i vurderingen. Fjern navnet fra mindretallet.",
                member.name, consensus.application
            )));
        }
        if seen.contains(&member_id) {
            return Err(RuleViolation(format!("{} står to ganger i mindretallet.", member.name)));
        }
        seen.push(member_id);
    }
    Ok(())
}

/// The consensus record of an application, if one is recorded.
pub fn consensus_of<'a>(round: &'a Round, application: &ApplicationRef) -> Option<&'a Consensus> {
    round.meeting.consensus.iter().find(|consensus| &consensus.application == application)
}

/// What the meeting must still record before the round can be finished, one sentence each:
/// a consensus record for every flagged or grey-zone application, and who chairs each item the
/// leader is recused from.
pub fn missing_records(round: &Round, evaluation: &Evaluation) -> Vec<String> {
    let mut missing = Vec::new();
    for application in &evaluation.applications {
        let reference = &application.aggregate.application;
        let grey = application
            .uncertainty
            .as_ref()
            .is_some_and(|uncertainty| uncertainty.label == FundingLabel::GreyZone);
        let flagged = !application.flags.is_empty();
        if (grey || flagged) && consensus_of(round, reference).is_none() {
            let why = match (flagged, grey) {
                (true, true) => "flagget og i gråsonen",
                (true, false) => "flagget",
                _ => "i gråsonen",
            };
            missing.push(format!(
                "{reference}: mangler gruppens vurdering (søknaden er {why}). Skriv den i møtet."
            ));
        }
        if stand_in_chair(round, reference) == Some(None) {
            missing.push(format!(
                "{reference}: lederen er inhabil, og ingen er valgt til å lede behandlingen. Velg hvem som leder den i møtet."
            ));
        }
    }
    missing
}

// ---------------------------------------------------------------------------------------------
// The discussion queue.

/// How many times members leave or come back into the room when the meeting takes the
/// applications in `queue` order: everyone is in the room before the first and after the last,
/// and a member recused from the next application but not this one leaves (one change), one
/// recused from this but not the next comes back (one change).
pub fn leave_return_changes(round: &Round, queue: &[ApplicationRef]) -> usize {
    let outside = |reference: &ApplicationRef| -> Vec<&MemberId> {
        round
            .members
            .iter()
            .map(|member| &member.id)
            .filter(|member| round.is_recused(member, reference))
            .collect()
    };
    let mut previous: Vec<&MemberId> = Vec::new();
    let mut changes = 0;
    for reference in queue {
        let now = outside(reference);
        changes += symmetric_difference(&previous, &now);
        previous = now;
    }
    changes + previous.len()
}

fn symmetric_difference(left: &[&MemberId], right: &[&MemberId]) -> usize {
    left.iter().filter(|member| !right.contains(member)).count()
        + right.iter().filter(|member| !left.contains(member)).count()
}

/// The queue reordered so that recused members leave and come back as few times as a greedy
/// walk finds, keeping the first `first` applications (those to discuss) ahead of the rest.
///
/// Within each part the walk starts from a full room and repeatedly takes the application whose
/// set of recused members differs least from the room as it is (ties: the earlier in `queue`,
/// i.e. rank order); the second part continues from the room the first part left.
pub fn fewest_moves(round: &Round, queue: &[ApplicationRef], first: usize) -> Vec<ApplicationRef> {
    let outside: Vec<Vec<&MemberId>> = queue
        .iter()
        .map(|reference| {
            round
                .members
                .iter()
                .map(|member| &member.id)
                .filter(|member| round.is_recused(member, reference))
                .collect()
        })
        .collect();
    let first = first.min(queue.len());
    let mut ordered = Vec::with_capacity(queue.len());
    let mut room: Vec<&MemberId> = Vec::new();
    for part in [0..first, first..queue.len()] {
        let mut left: Vec<usize> = part.collect();
        while !left.is_empty() {
            let (position, _) = left
                .iter()
                .enumerate()
                .min_by_key(|(position, index)| {
                    (symmetric_difference(&room, &outside[**index]), *position)
                })
                .expect("a non-empty list has a least element");
            let index = left.remove(position);
            room.clone_from(&outside[index]);
            ordered.push(queue[index].clone());
        }
    }
    ordered
}

// ---------------------------------------------------------------------------------------------
// Quorum.

/// The quorum in force: the round's own, or 3, or half the group (rounded up) if that is smaller;
/// never below 1.
pub fn quorum(round: &Round) -> u32 {
    round.options.quorum.unwrap_or_else(|| {
        let members = u32::try_from(round.members.len()).unwrap_or(u32::MAX);
        3.min(members.div_ceil(2)).max(1)
    })
}

// ---------------------------------------------------------------------------------------------
// The lottery.

/// The lottery's seed: the decimal digits of `text`, in the order they stand, read as one whole
/// number modulo 2⁶⁴ (`seed = seed · 10 + digit`, wrapping). Everything else in the text
/// (spaces, commas, words) is ignored. At least six digits are required, so that the seed cannot
/// be chosen by a person in the room.
pub fn lottery_seed(text: &str) -> Result<u64, RuleViolation> {
    let digits: Vec<u64> =
        text.chars().filter_map(|character| character.to_digit(10)).map(u64::from).collect();
    if digits.len() < 6 {
        return Err(RuleViolation(format!(
            "Loddtrekningen trenger minst 6 sifre som alle i rommet kan se, f.eks. terningkast fra to medlemmer («3 5 1 6 2 4») eller tallene fra en navngitt Lotto-trekning. «{}» har {} sifre.",
            text.trim(),
            digits.len()
        )));
    }
    Ok(digits.into_iter().fold(0u64, |seed, digit| seed.wrapping_mul(10).wrapping_add(digit)))
}

/// The drawn order of the `candidates`: a Fisher–Yates shuffle with SplitMix64 seeded by `seed`.
/// For `i` from the last position down to 1, `j = below(i + 1)` (Lemire's multiply-shift,
/// `⌊x · (i + 1) / 2⁶⁴⌋` of the next output `x`) and positions `i` and `j` swap.
pub fn shuffle<T: Clone>(candidates: &[T], seed: u64) -> Vec<T> {
    let mut drawn = candidates.to_vec();
    let mut generator = SplitMix64::new(seed);
    for position in (1..drawn.len()).rev() {
        let other = generator.below(position + 1);
        drawn.swap(position, other);
    }
    drawn
}

/// The result of a lottery, as the engine applies it to the proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LotteryResult {
    pub seed_text: String,
    pub source: String,
    /// The seed the digits give ([`lottery_seed`]).
    pub seed: u64,
    /// The applications in the draw, in rank order: the order the shuffle starts from.
    pub candidates: Vec<ApplicationRef>,
    /// The drawn order.
    pub sequence: Vec<ApplicationRef>,
    /// What was left of the frame for the draw: the frame minus what the proposal gives every
    /// application outside it.
    pub available: Money,
    /// What the draw gave out; never more than `available`.
    pub allocated: Money,
    /// Per application in the draw, in drawn order.
    pub entries: Vec<LotteryEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LotteryEntry {
    pub application: ApplicationRef,
    /// Its place in the drawn order, from 1.
    pub position: u32,
    /// Whether it got money in the draw («trukket ut ved loddtrekning»).
    pub drawn: bool,
    pub amount: Money,
}

/// Checks a lottery against the round as evaluated without it: a named source, a seed of at
/// least six digits, at least two applications, each in the round once and in the grey zone.
pub fn check_lottery(
    round: &Round,
    evaluation: &Evaluation,
    lottery: &Lottery,
) -> Result<(), RuleViolation> {
    lottery_seed(&lottery.seed)?;
    if lottery.source.trim().is_empty() {
        return Err(RuleViolation(
            "Skriv hvor tallene kommer fra, slik at alle kan sjekke dem senere: hvem som kastet terningene, eller hvilken Lotto-trekning (dato)."
                .to_owned(),
        ));
    }
    if lottery.applications.len() < 2 {
        return Err(RuleViolation(
            "En loddtrekning trenger minst to søknader i gråsonen. Velg søknadene gruppen finner like verdige.".to_owned(),
        ));
    }
    let mut seen: Vec<&ApplicationRef> = Vec::new();
    for reference in &lottery.applications {
        known_application(round, reference)?;
        if seen.contains(&reference) {
            return Err(RuleViolation(format!("{reference} står to ganger i loddtrekningen.")));
        }
        seen.push(reference);
        let grey = evaluation
            .applications
            .iter()
            .find(|application| &application.aggregate.application == reference)
            .and_then(|application| application.uncertainty.as_ref())
            .is_some_and(|uncertainty| uncertainty.label == FundingLabel::GreyZone);
        if !grey {
            return Err(RuleViolation(format!(
                "{reference} er ikke i gråsonen (rangintervallet på 90 % krysser ikke streken), og kan ikke være med i loddtrekningen."
            )));
        }
    }
    Ok(())
}

/// Applies a recorded lottery to the proposal's awards (in rank order; `order` holds each one's
/// index in the round): the applications in the draw that can compete (no failed gate, ranked, no
/// missed minimum) are shuffled, and the money left once every application outside the draw has
/// its proposal is handed out in drawn order by the round's own allocation rules (the request in
/// full if it fits, a partial grant when the round allows it, otherwise nothing and the next one).
/// Returns `None` when no lottery is recorded or its seed is unreadable.
pub(crate) fn apply_lottery(
    round: &Round,
    awards: &mut [Award],
    order: &[usize],
    funding: &Funding,
) -> Option<LotteryResult> {
    let lottery = round.meeting.lottery.as_ref()?;
    let seed = lottery_seed(&lottery.seed).ok()?;
    let competes = |award: &Award| {
        !matches!(
            award.reason,
            AwardReason::FailedGate | AwardReason::NotRanked | AwardReason::BelowThreshold
        )
    };
    let candidates: Vec<usize> = awards
        .iter()
        .enumerate()
        .filter(|(_, award)| lottery.applications.contains(&award.application) && competes(award))
        .map(|(position, _)| position)
        .collect();
    let outside: i128 = awards
        .iter()
        .enumerate()
        .filter(|(position, _)| !candidates.contains(position))
        .map(|(_, award)| funding.units(award.proposed))
        .sum();
    let available = (funding.units(round.info.budget_frame) - outside).max(0);
    let sequence = shuffle(&candidates, seed);
    let indices: Vec<usize> = sequence.iter().map(|&position| order[position]).collect();
    let mut eligible = vec![false; round.applications.len()];
    for &index in &indices {
        eligible[index] = true;
    }
    let mut grants = vec![None; round.applications.len()];
    let left = funding.fund_from(available, &indices, &eligible, &mut grants, None);
    let mut entries = Vec::with_capacity(sequence.len());
    for (place, (&position, &index)) in sequence.iter().zip(&indices).enumerate() {
        let award = &mut awards[position];
        let amount = funding.money(grants[index].unwrap_or(0));
        let drawn = grants[index].is_some_and(|units| units > 0);
        award.proposed = amount;
        award.remaining_before = None;
        award.reason = if drawn { AwardReason::DrawnByLot } else { AwardReason::NotDrawnByLot };
        award.reason_text = if drawn {
            format!(
                "Trukket ut ved loddtrekning (nr. {} i trekningen): foreslått {} av omsøkte {}.",
                place + 1,
                amount.format(),
                award.requested.format()
            )
        } else {
            format!(
                "Ikke trukket ut ved loddtrekningen (nr. {} i trekningen): det som var igjen av rammen, gikk til søknader trukket før den.",
                place + 1
            )
        };
        entries.push(LotteryEntry {
            application: award.application.clone(),
            position: u32::try_from(place + 1).unwrap_or(u32::MAX),
            drawn,
            amount,
        });
    }
    Some(LotteryResult {
        seed_text: lottery.seed.clone(),
        source: lottery.source.clone(),
        seed,
        candidates: candidates
            .iter()
            .map(|&position| awards[position].application.clone())
            .collect(),
        sequence: sequence.iter().map(|&position| awards[position].application.clone()).collect(),
        available: funding.money(available),
        allocated: funding.money(available - left),
        entries,
    })
}

fn known_application(round: &Round, reference: &ApplicationRef) -> Result<(), RuleViolation> {
    if round.application(reference).is_none() {
        return Err(RuleViolation(format!("Søknaden {reference} finnes ikke i runden.")));
    }
    Ok(())
}

fn known_member<'a>(
    round: &'a Round,
    member: &MemberId,
) -> Result<&'a crate::Member, RuleViolation> {
    round.member(member).ok_or_else(|| {
        let known: Vec<String> = round.members.iter().map(|member| member.id.to_string()).collect();
        RuleViolation(format!(
            "Medlemmet «{member}» finnes ikke i runden. Medlemmer: {}.",
            wording::list(&known)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::round_with;

    fn references(list: &[&str]) -> Vec<ApplicationRef> {
        list.iter().map(|reference| ApplicationRef::new(*reference)).collect()
    }

    #[test]
    fn the_default_quorum_is_three_or_half_the_group_rounded_up() {
        let ids = ["a", "b", "c", "d", "e", "f", "g"];
        let quorums: Vec<u32> = (1..=ids.len())
            .map(|size| quorum(&round_with(&[("k", 1, false)], &ids[..size], &["R1"], vec![], &[])))
            .collect();
        assert_eq!(quorums, [1, 1, 2, 2, 3, 3, 3]);
        let mut round = round_with(&[("k", 1, false)], &ids, &["R1"], vec![], &[]);
        round.options.quorum = Some(5);
        assert_eq!(quorum(&round), 5);
    }

    #[test]
    fn the_documented_test_vectors_give_the_documented_draws() {
        // docs/engine.md, «Loddtrekning»; tests/data/engine/make_lottery.py prints the same.
        assert_eq!(lottery_seed("Terninger: 3 5 1 6 2 4"), Ok(351_624));
        assert_eq!(
            shuffle(&references(&["R2", "R3", "R4"]), 351_624),
            references(&["R3", "R2", "R4"])
        );
        assert_eq!(
            shuffle(&references(&["R2", "R3", "R4"]), 661_234),
            references(&["R3", "R4", "R2"])
        );
        let lotto = lottery_seed("Lotto 28.11.2026: 2 9 14 17 22 28 31").unwrap();
        assert_eq!(lotto, 9_665_282_217_707_671_215);
        assert_eq!(
            shuffle(&references(&["A", "B", "C", "D", "E"]), lotto),
            references(&["A", "D", "E", "C", "B"])
        );
        let refused = lottery_seed("5 4 3").unwrap_err().0;
        assert!(refused.contains("minst 6 sifre") && refused.contains("har 3 sifre"), "{refused}");
    }

    #[test]
    fn the_queue_keeps_the_discussed_first_and_sends_members_out_fewer_times() {
        // R1, R3, R5 have m1 outside; R2, R4 have m2 outside; R6 nobody. R1–R2 are to discuss.
        let round = round_with(
            &[("k", 1, false)],
            &["m1", "m2", "m3"],
            &["R1", "R2", "R3", "R4", "R5", "R6"],
            vec![],
            &[("m1", "R1"), ("m2", "R2"), ("m1", "R3"), ("m2", "R4"), ("m1", "R5")],
        );
        let queue = references(&["R1", "R2", "R3", "R4", "R5", "R6"]);
        // Rank order: out m1, swap, swap, swap, swap, m1 back: 1 + 2 + 2 + 2 + 2 + 1 = 10.
        assert_eq!(leave_return_changes(&round, &queue), 10);
        let reordered = fewest_moves(&round, &queue, 2);
        assert_eq!(reordered, references(&["R1", "R2", "R4", "R6", "R3", "R5"]));
        // m1 out, swap, (R4 same), m2 back, m1 out, (R5 same), m1 back: 1 + 2 + 1 + 1 + 1 = 6.
        assert_eq!(leave_return_changes(&round, &reordered), 6);
    }

    #[test]
    fn a_minority_needs_both_views_and_named_members_who_took_part() {
        let round = round_with(&[("k", 1, false)], &["m1", "m2"], &["R1"], vec![], &[("m2", "R1")]);
        let record = |majority: &str, minority: &str, members: &[&str]| Consensus {
            application: ApplicationRef::new("R1"),
            assessment: "Godt prosjekt.".into(),
            majority: majority.into(),
            minority: minority.into(),
            minority_members: members.iter().map(|id| MemberId::new(*id)).collect(),
        };
        assert!(check_consensus(&round, &record("", "", &[])).is_ok());
        assert!(
            check_consensus(&round, &record("Ja", "", &["m1"]))
                .unwrap_err()
                .0
                .contains("både flertallets")
        );
        assert!(
            check_consensus(&round, &record("Ja", "Nei", &[]))
                .unwrap_err()
                .0
                .contains("Velg hvilke")
        );
        assert!(
            check_consensus(&round, &record("Ja", "Nei", &["m2"]))
                .unwrap_err()
                .0
                .contains("inhabil")
        );
        assert!(check_consensus(&round, &record("Ja", "Nei", &["m1"])).is_ok());
    }
}
