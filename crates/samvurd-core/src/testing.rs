//! The one round builder of the tests: a round, an application, a member and a score from a
//! few literals, with every other field at a plain default.
//!
//! Unit tests here use it directly; the other crates' tests and `tests/support` use it through
//! the `testing` feature (a dev-dependency only), so no test spells out a `Round`, an
//! `Application` or a `Member` field by field: a new field is added here, once.

use rust_decimal::Decimal;

use crate::*;

/// The round's facts: «Testrunde», a 10 000 000 kr frame, the default 1–7 scale, the mean.
pub fn round_info() -> RoundInfo {
    RoundInfo {
        round_id: "test".into(),
        title: "Testrunde".into(),
        helsefellesskap: "Testfellesskapet".into(),
        budget_frame: Money::from_kroner(10_000_000),
        deadline: None,
        scale: Scale::default(),
        aggregation: Aggregation::Mean,
        template_id: "standard".into(),
    }
}

/// A criterion with the id as its name in capitals.
pub fn criterion(id: &str, weight: i64, allow_not_applicable: bool) -> Criterion {
    Criterion {
        id: CriterionId::from(id),
        name: id.to_uppercase(),
        guidance: String::new(),
        weight: Decimal::from(weight),
        allow_not_applicable,
    }
}

/// A member with the id as their name in capitals; change fields with `..member(id)`.
pub fn member(id: &str) -> Member {
    Member {
        id: MemberId::from(id),
        name: id.to_uppercase(),
        organisation: "Org".into(),
        role: Role::Annet,
    }
}

/// A new project from Drammen kommune asking 100 000 kr; change fields with
/// `..application(reference)`.
pub fn application(reference: &str) -> Application {
    Application {
        kommune: None,
        extra: Vec::new(),
        reference: ApplicationRef::from(reference),
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
    }
}

/// A round of these parts, with default options and no gates, answers or recommendations.
pub fn round(
    criteria: Vec<Criterion>,
    members: Vec<Member>,
    applications: Vec<Application>,
    scores: Vec<Score>,
) -> Round {
    Round {
        info: round_info(),
        criteria,
        gates: Vec::new(),
        members,
        applications,
        scores,
        recusals: Vec::new(),
        options: RoundOptions::default(),
        gate_answers: Vec::new(),
        recommendations: Vec::new(),
        method_changes: Vec::new(),
        meeting: MeetingRecord::default(),
        continuations: continuation::Continuations::default(),
    }
}

/// Criteria as `(id, weight, allows ikke relevant)`; recusals as `(member, application)`.
pub fn round_with(
    criteria: &[(&str, i64, bool)],
    members: &[&str],
    applications: &[&str],
    scores: Vec<Score>,
    recusals: &[(&str, &str)],
) -> Round {
    let mut built = round(
        criteria.iter().map(|(id, weight, allow)| criterion(id, *weight, *allow)).collect(),
        members.iter().map(|id| member(id)).collect(),
        applications.iter().map(|reference| application(reference)).collect(),
        scores,
    );
    built.recusals = recusals
        .iter()
        .map(|(member, application)| Recusal {
            member: MemberId::from(*member),
            application: ApplicationRef::from(*application),
            reason: "Inhabil".into(),
        })
        .collect();
    built
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
