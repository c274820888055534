//! The sample round that ships in `assets/sample/`: 32 applications from a Vest-Viken-like round,
//! ten members, their scores and nine recusals (two members on VV-2026-005, and three members recused from two or three applications each). `cargo xtask run` and the start screen's
//! "prøv en eksempelrunde" open it.

use std::path::Path;

use samvurd_core::Money;
use samvurd_store::Change;

use crate::{AppError, AppResult, CreateRound, CriteriaSource, create_round};

const APPLICATIONS: &[u8] = include_bytes!("../../../assets/sample/soknader.csv");
const MEMBERS: &str = include_str!("../../../assets/sample/medlemmer.csv");
const SCORES: &[u8] = include_bytes!("../../../assets/sample/skarer.csv");
const RECUSALS: &[u8] = include_bytes!("../../../assets/sample/inhabilitet.csv");

/// Creates the sample round at `path` (which must not exist).
pub fn create_sample_round(path: &Path) -> AppResult<()> {
    let request = CreateRound {
        path: path.to_owned(),
        title: "Rekrutterings- og samhandlingstilskudd 2026 (eksempel)".to_owned(),
        helsefellesskap: Some("Helsefellesskapet Vest-Viken".to_owned()),
        budget_frame: Money::from_kroner(20_500_000),
        deadline: chrono::NaiveDate::from_ymd_opt(2026, 9, 1),
        criteria: CriteriaSource::Template("standard".to_owned()),
        scale: None,
        aggregation: samvurd_core::Aggregation::Mean,
    };
    let actor = "eksempel";
    let mut open = create_round(&request, actor)?;
    for line in MEMBERS.lines().skip(1).filter(|line| !line.trim().is_empty()) {
        let fields: Vec<&str> = line.split(';').collect();
        let [id, name, organisation, role] = fields.as_slice() else {
            return Err(AppError::invalid(format!(
                "Eksempelrunden har en ugyldig medlemslinje: «{line}»"
            )));
        };
        open.add_member(actor, Some(id), name, organisation, role)?;
    }
    let round = open.load()?;
    let applications =
        crate::setup::import::parse_applications_csv(APPLICATIONS, "soknader.csv", &round)?;
    open.apply(actor, Change::AddApplications(applications))?;
    let round = open.load()?;
    let scores = crate::setup::import::parse_scores_csv(SCORES, "skarer.csv", &round)?;
    open.apply(actor, Change::SetScores(scores))?;
    let round = open.load()?;
    let recusals = crate::setup::import::parse_recusals_csv(RECUSALS, "inhabilitet.csv", &round)?;
    open.apply(actor, Change::DeclareRecusals(recusals))?;
    Ok(())
}
