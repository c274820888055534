//! What the meeting recorded, mapped into the innstilling's model: per application the stand-in
//! chair, quorum, the group's consensus record and the lottery's result; the lottery's method and
//! draw for the appendix. Figures are the engine's; nothing is computed here. Every sentence is a
//! message of `innstilling.ftl` in the document's language.

use samvurd_core::disagreement::FlagKind;
use samvurd_core::evaluate::ApplicationEvaluation;
use samvurd_core::{Evaluation, Round, meeting};
use samvurd_report::{LotteryAppendix, MeetingEntry, Texts};

use super::member_name;

pub(crate) fn meeting_entry(
    round: &Round,
    evaluation: &Evaluation,
    application: &ApplicationEvaluation,
    texts: &Texts,
) -> MeetingEntry {
    let reference = &application.aggregate.application;
    let chaired_by = match meeting::stand_in_chair(round, reference) {
        None => None,
        Some(stand_in) => {
            let leader = round.meeting.chair.as_ref().map(|id| member_name(round, id));
            let leader = leader.unwrap_or_default();
            Some(match stand_in {
                Some(member) => {
                    let id = if round.meeting.deputy.as_ref() == Some(&member) {
                        "chaired-by-deputy"
                    } else {
                        "chaired-by"
                    };
                    texts.get(id, &[("leader", &leader), ("member", &member_name(round, &member))])
                }
                None => texts.get("chaired-by-unknown", &[("leader", &leader)]),
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
                let position = entry.position.to_string();
                if entry.drawn {
                    texts.get(
                        "lottery-entry-drawn",
                        &[("position", &position), ("amount", &entry.amount.format())],
                    )
                } else {
                    texts.get("lottery-entry-not-drawn", &[("position", &position)])
                }
            })
        }),
        below_quorum: application.flags.iter().find(|flag| flag.kind == FlagKind::BelowQuorum).map(
            |_| {
                // The engine's own reason is bokmål, for the dashboard; the document phrases
                // the same figures (the members counted, the quorum in force) in its language.
                let counted = application.aggregate.member_totals.len();
                texts.get(
                    "below-quorum",
                    &[
                        ("counted", &counted.to_string()),
                        ("quorum", &evaluation.quorum.to_string()),
                    ],
                )
            },
        ),
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
