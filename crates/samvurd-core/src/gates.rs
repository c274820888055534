//! Gates: the round's knock-out requirements, answered yes/no per application by the chair.
//!
//! A failed gate keeps the application out of the proposal, with the gate named as the reason.
//! A gate nobody has answered is reported as unanswered and is *not* taken as failed: the
//! engine cannot know whether the requirement is met, and silently dropping an application for
//! a missing tick would be a decision nobody made. The results list unanswered gates so the
//! chair answers them before the innstilling is written.
//!
//! Should the round hold two answers to the same gate for the same application, the later one in
//! the list counts. Answers to gates the round does not have are ignored.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::{ApplicationRef, GateAnswer, GateId, Round};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GateStatus {
    Passed,
    Failed,
    Unanswered,
}

impl GateStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            GateStatus::Passed => "passed",
            GateStatus::Failed => "failed",
            GateStatus::Unanswered => "unanswered",
        }
    }
}

/// One gate for one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GateResult {
    pub gate: GateId,
    pub status: GateStatus,
    /// The chair's note with the answer; empty when unanswered.
    pub note: String,
}

/// Every gate of the round for every application: one list per application in the round's
/// order, each in the round's gate order.
pub fn assess(round: &Round) -> Vec<Vec<GateResult>> {
    // Inserting in list order lets a later answer replace an earlier one.
    let mut answers: BTreeMap<(&ApplicationRef, &GateId), &GateAnswer> = BTreeMap::new();
    for answer in &round.gate_answers {
        answers.insert((&answer.application, &answer.gate), answer);
    }
    round
        .applications
        .iter()
        .map(|application| {
            round
                .gates
                .iter()
                .map(|gate| match answers.get(&(&application.reference, &gate.id)) {
                    Some(answer) => GateResult {
                        gate: gate.id.clone(),
                        status: if answer.passed { GateStatus::Passed } else { GateStatus::Failed },
                        note: answer.note.clone(),
                    },
                    None => GateResult {
                        gate: gate.id.clone(),
                        status: GateStatus::Unanswered,
                        note: String::new(),
                    },
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{gate, gate_answer, round_with};

    #[test]
    fn an_unanswered_gate_is_reported_as_unanswered_and_the_last_answer_counts() {
        let mut round = round_with(&[("a", 1, false)], &[], &["R1", "R2"], vec![], &[]);
        round.gates = vec![gate("avtale"), gate("egeninnsats")];
        round.gate_answers = vec![
            gate_answer("R1", "avtale", false, "Mangler signatur"),
            gate_answer("R1", "avtale", true, "Signert avtale ettersendt"),
            gate_answer("R2", "egeninnsats", false, "Ikke beskrevet"),
            gate_answer("R2", "ukjent", false, ""),
        ];
        let summary: Vec<Vec<&str>> = assess(&round)
            .iter()
            .map(|gates| gates.iter().map(|result| result.status.as_str()).collect())
            .collect();
        assert_eq!(summary, [["passed", "unanswered"], ["unanswered", "failed"]]);
    }
}
