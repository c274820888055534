//! Small builders for the unit tests of this crate: a round from a few literals.

use rust_decimal::Decimal;

use crate::*;

/// Criteria as `(id, weight, allows ikke relevant)`; recusals as `(member, application)`.
pub fn round_with(
    criteria: &[(&str, i64, bool)],
    members: &[&str],
    applications: &[&str],
    scores: Vec<Score>,
    recusals: &[(&str, &str)],
) -> Round {
    Round {
        info: RoundInfo {
            round_id: "test".into(),
            title: "Testrunde".into(),
            helsefellesskap: "Testfellesskapet".into(),
            budget_frame: Money::from_kroner(10_000_000),
            deadline: None,
            scale: Scale::default(),
            aggregation: Aggregation::Mean,
            template_id: "standard".into(),
        },
        criteria: criteria
            .iter()
            .map(|(id, weight, allow_not_applicable)| Criterion {
                id: CriterionId::from(*id),
                name: id.to_uppercase(),
                guidance: String::new(),
                weight: Decimal::from(*weight),
                allow_not_applicable: *allow_not_applicable,
            })
            .collect(),
        gates: Vec::new(),
        members: members
            .iter()
            .map(|id| Member {
                id: MemberId::from(*id),
                name: id.to_uppercase(),
                organisation: "Org".into(),
                role: Role::Annet,
            })
            .collect(),
        applications: applications
            .iter()
            .map(|reference| Application {
                reference: ApplicationRef::from(*reference),
                title: format!("Prosjekt {reference}"),
                applicant: "Drammen kommune".into(),
                applicant_side: ApplicantSide::Kommune,
                partners: String::new(),
                priority_area: String::new(),
                period_start: None,
                period_end: None,
                amount_requested: Money::from_kroner(100_000),
                own_contribution_kommune: Money::ZERO,
                own_contribution_hf: Money::ZERO,
                summary: String::new(),
                kind: ApplicationKind::New,
            })
            .collect(),
        scores,
        recusals: recusals
            .iter()
            .map(|(member, application)| Recusal {
                member: MemberId::from(*member),
                application: ApplicationRef::from(*application),
                reason: "Inhabil".into(),
            })
            .collect(),
        options: RoundOptions::default(),
        gate_answers: Vec::new(),
        recommendations: Vec::new(),
    }
}

/// `None` is *ikke relevant*.
pub fn score(member: &str, application: &str, criterion: &str, value: Option<i32>) -> Score {
    Score {
        member: MemberId::from(member),
        application: ApplicationRef::from(application),
        criterion: CriterionId::from(criterion),
        value: value.map_or(ScoreValue::NotApplicable, ScoreValue::Value),
        justification: String::new(),
    }
}

pub fn gate(id: &str) -> Gate {
    Gate { id: GateId::from(id), question: format!("Krav {id}?"), guidance: String::new() }
}

pub fn gate_answer(application: &str, gate: &str, passed: bool, note: &str) -> GateAnswer {
    GateAnswer {
        application: ApplicationRef::from(application),
        gate: GateId::from(gate),
        passed,
        note: note.to_owned(),
    }
}
