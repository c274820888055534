//! What the meeting recorded, mapped into the innstilling's model: per application the stand-in
//! chair, quorum, the group's consensus record and the lottery's result; the lottery's method and
//! draw for the appendix. Figures are the engine's; nothing is computed here.

use samvurd_core::disagreement::FlagKind;
use samvurd_core::evaluate::ApplicationEvaluation;
use samvurd_core::{Evaluation, Round, meeting};
use samvurd_report::{LotteryAppendix, MeetingEntry};

use super::member_name;

pub(crate) fn meeting_entry(
    round: &Round,
    evaluation: &Evaluation,
    application: &ApplicationEvaluation,
) -> MeetingEntry {
    let reference = &application.aggregate.application;
    let chaired_by = match meeting::stand_in_chair(round, reference) {
        None => None,
        Some(stand_in) => {
            let leader = round.meeting.chair.as_ref().map(|id| member_name(round, id));
            let leader = leader.unwrap_or_default();
            Some(match stand_in {
                Some(member) => {
                    let title = if round.meeting.deputy.as_ref() == Some(&member) {
                        "nestleder "
                    } else {
                        ""
                    };
                    format!(
                        "Leder {leader} var inhabil, og {title}{} ledet behandlingen av søknaden.",
                        member_name(round, &member)
                    )
                }
                None => format!(
                    "Leder {leader} var inhabil. Det er ikke ført hvem som ledet behandlingen av søknaden."
                ),
            })
        }
    };
    let consensus = meeting::consensus_of(round, reference);
    let non_empty = |text: &str| (!text.trim().is_empty()).then(|| text.trim().to_owned());
    MeetingEntry {
        chaired_by,
        consensus: consensus.and_then(|record| non_empty(&record.assessment)),
        majority: consensus.and_then(|record| non_empty(&record.majority)),
        minority: consensus.and_then(|record| {
            non_empty(&record.minority).map(|minority| {
                let names =
                    record.minority_members.iter().map(|id| member_name(round, id)).collect();
                (minority, names)
            })
        }),
        lottery: evaluation.lottery.as_ref().and_then(|lottery| {
            lottery.entries.iter().find(|entry| &entry.application == reference).map(|entry| {
                if entry.drawn {
                    format!(
                        "Trukket ut ved loddtrekning (nr. {} i trekningen), {}.",
                        entry.position,
                        entry.amount.format()
                    )
                } else {
                    format!(
                        "Ikke trukket ut ved loddtrekningen (nr. {} i trekningen).",
                        entry.position
                    )
                }
            })
        }),
        below_quorum: application
            .flags
            .iter()
            .find(|flag| flag.kind == FlagKind::BelowQuorum)
            .map(|flag| flag.reason.clone()),
    }
}

pub(crate) fn lottery_appendix(round: &Round, evaluation: &Evaluation) -> Option<LotteryAppendix> {
    let lottery = evaluation.lottery.as_ref()?;
    Some(LotteryAppendix {
        seed_text: lottery.seed_text.clone(),
        source: lottery.source.clone(),
        seed: lottery.seed,
        candidates: lottery.candidates.iter().map(ToString::to_string).collect(),
        draw: lottery
            .entries
            .iter()
            .map(|entry| {
                let title = round
                    .application(&entry.application)
                    .map(|application| application.title.clone())
                    .unwrap_or_default();
                (entry.application.to_string(), title, entry.amount, entry.drawn)
            })
            .collect(),
        available: lottery.available,
        allocated: lottery.allocated,
    })
}
