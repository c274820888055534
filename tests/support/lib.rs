//! Shared pieces for the cross-crate tests, the crash test's child process and the benchmarks:
//! where the fixtures are, and how to build a realistic round of any size quickly.

use std::path::{Path, PathBuf};

use samvurd_core::template::Template;
pub use samvurd_core::testing;
use samvurd_core::{Aggregation, ApplicantSide, Application, Member, Money, Role};
use samvurd_store::{Change, NewRound, RoundFile};

/// `tests/data/` in the source tree.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data")
}

/// `assets/` in the source tree.
pub fn assets_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("assets")
}

/// `count` applications with references `A-0001`…, requests between 100 000 and 2 000 000 kr.
pub fn applications(count: usize) -> Vec<Application> {
    (1..=count)
        .map(|index| {
            let municipal = index % 3 != 0;
            Application {
                kommune: None,
                extra: Vec::new(),
                title: format!("Samhandlingstiltak nr. {index} for eldre med skrøpelighet"),
                applicant: if municipal {
                    format!("Kommune {index}")
                } else {
                    "Vestre Viken HF".to_owned()
                },
                applicant_side: if municipal { ApplicantSide::Kommune } else { ApplicantSide::Hf },
                partners: "Vestre Viken HF; Drammen kommune".to_owned(),
                priority_area: "Eldre med skrøpelighet".to_owned(),
                amount_requested: Money::from_kroner(
                    100_000 + i64::try_from(index * 37_000 % 1_900_000).unwrap_or(0),
                ),
                own_contribution_kommune: Money::from_kroner(50_000),
                own_contribution_hf: Money::from_kroner(25_000),
                summary: "Et felles team mellom kommune og sykehus.".to_owned(),
                ..testing::application(&format!("A-{index:04}"))
            }
        })
        .collect()
}

/// Members `m01`, `m02`, ….
pub fn members(count: usize) -> Vec<Member> {
    (1..=count)
        .map(|index| Member {
            name: format!("Medlem {index}"),
            organisation: "Helsefellesskapet".to_owned(),
            role: Role::ALL[index % Role::ALL.len()],
            ..testing::member(&format!("m{index:02}"))
        })
        .collect()
}

/// Creates a round from the standard template with the given members and applications.
pub fn create_round(path: &Path, member_count: usize, application_count: usize) -> RoundFile {
    let template = Template::builtin("standard").expect("the standard template ships");
    let new_round = NewRound {
        title: "Testrunde".to_owned(),
        helsefellesskap: "Helsefellesskapet Vest-Viken".to_owned(),
        budget_frame: Money::from_kroner(20_500_000),
        deadline: None,
        scale: template.scale.clone(),
        aggregation: Aggregation::Mean,
        template_id: template.id.clone(),
        criteria: template.criteria.clone(),
        gates: template.gates.clone(),
    };
    let mut round = RoundFile::create(path, &new_round, "test").expect("create the round");
    for member in members(member_count) {
        round.apply("test", Change::AddMember(member)).expect("add member");
    }
    round
        .apply("test", Change::AddApplications(applications(application_count)))
        .expect("add applications");
    round
}

/// A round with `criterion_count` equally weighted criteria `k1`, `k2`, … (none allows *ikke
/// relevant*), for benchmarks that need a rubric of a given size.
pub fn create_round_with_criteria(
    path: &Path,
    member_count: usize,
    application_count: usize,
    criterion_count: usize,
) -> RoundFile {
    let criteria = (1..=criterion_count)
        .map(|index| samvurd_core::Criterion {
            id: samvurd_core::CriterionId(format!("k{index}")),
            name: format!("Kriterium {index}"),
            guidance: String::new(),
            weight: rust_decimal::Decimal::ONE,
            allow_not_applicable: false,
        })
        .collect();
    let new_round = NewRound {
        title: "Målerunde".to_owned(),
        helsefellesskap: "Helsefellesskapet".to_owned(),
        budget_frame: Money::from_kroner(50_000_000),
        deadline: None,
        scale: samvurd_core::Scale::default(),
        aggregation: Aggregation::Mean,
        template_id: "bench".to_owned(),
        criteria,
        gates: Vec::new(),
    };
    let mut round = RoundFile::create(path, &new_round, "bench").expect("create the round");
    for member in members(member_count) {
        round.apply("bench", Change::AddMember(member)).expect("add member");
    }
    round
        .apply("bench", Change::AddApplications(applications(application_count)))
        .expect("add applications");
    round
}
