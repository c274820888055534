//! The round's results as one plain value: what `samvurd results --json` prints and the desktop
//! dashboard shows. Its JSON shape is a stable interface, documented in `docs/cli.md`; add fields,
//! never rename or remove them without raising [`RESULTS_FORMAT_VERSION`].
//!
//! Decimals are strings at full precision (`"5.3333333333333333333333333333"`), money is a
//! canonical decimal string in NOK (`"1200000"`), so no consumer ever meets a float.

use rust_decimal::Decimal;
use samvurd_core::aggregate::aggregate;
use samvurd_core::allocation::{AwardReason, allocate};
use samvurd_core::ranking::rank;
use samvurd_core::{Aggregation, Money, Round};
use serde::Serialize;

pub const RESULTS_FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    pub format: &'static str,
    pub version: u32,
    pub round: RoundHeader,
    /// In rank order; unranked applications last.
    pub applications: Vec<ApplicationResult>,
    pub budget: BudgetResult,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundHeader {
    pub title: String,
    pub helsefellesskap: String,
    pub aggregation: Aggregation,
    pub scale_min: i32,
    pub scale_max: i32,
    pub criteria: Vec<CriterionHeader>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionHeader {
    pub id: String,
    pub name: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub weight: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationResult {
    pub reference: String,
    pub title: String,
    pub applicant: String,
    pub amount_requested: Money,
    pub criteria: Vec<CriterionResult>,
    /// Numeric scores counted over all criteria (recused members and *ikke relevant* left out).
    pub scores_counted: usize,
    /// `T(a)` at full precision, or null when nobody gave a numeric score.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub total: Option<Decimal>,
    pub rank: Option<u32>,
    pub proposed_amount: Money,
    pub reason: AwardReason,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    pub id: String,
    /// `S(a, c)`: the mean (or median, as the round says) of counted numeric scores.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub value: Option<Decimal>,
    pub scores_counted: usize,
    pub not_applicable: usize,
    pub recused_excluded: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetResult {
    pub frame: Money,
    pub total_requested: Money,
    pub proposed: Money,
    pub remaining: Money,
}

pub(crate) fn compute(round: &Round) -> Results {
    let aggregates = aggregate(round);
    let ranking = rank(&aggregates);
    let allocation = allocate(round, &ranking);

    let applications = ranking
        .iter()
        .zip(&allocation.awards)
        .map(|(ranked, award)| {
            let application = round
                .application(&ranked.application)
                .expect("the ranking only holds applications of the round");
            let aggregate = aggregates
                .iter()
                .find(|aggregate| aggregate.application == ranked.application)
                .expect("every ranked application has an aggregate");
            ApplicationResult {
                reference: application.reference.0.clone(),
                title: application.title.clone(),
                applicant: application.applicant.clone(),
                amount_requested: application.amount_requested,
                criteria: aggregate
                    .criteria
                    .iter()
                    .map(|criterion| CriterionResult {
                        id: criterion.criterion.0.clone(),
                        value: criterion.value,
                        scores_counted: criterion.scores_counted,
                        not_applicable: criterion.not_applicable,
                        recused_excluded: criterion.recused_scores_excluded,
                    })
                    .collect(),
                scores_counted: aggregate
                    .criteria
                    .iter()
                    .map(|criterion| criterion.scores_counted)
                    .sum(),
                total: ranked.total,
                rank: ranked.rank,
                proposed_amount: award.proposed,
                reason: award.reason,
            }
        })
        .collect();

    Results {
        format: "samvurd-results",
        version: RESULTS_FORMAT_VERSION,
        round: RoundHeader {
            title: round.info.title.clone(),
            helsefellesskap: round.info.helsefellesskap.clone(),
            aggregation: round.info.aggregation,
            scale_min: round.info.scale.min,
            scale_max: round.info.scale.max,
            criteria: round
                .criteria
                .iter()
                .map(|criterion| CriterionHeader {
                    id: criterion.id.0.clone(),
                    name: criterion.name.clone(),
                    weight: criterion.weight,
                })
                .collect(),
        },
        applications,
        budget: BudgetResult {
            frame: allocation.frame,
            total_requested: round
                .applications
                .iter()
                .map(|application| application.amount_requested)
                .sum(),
            proposed: allocation.total_proposed,
            remaining: allocation.remaining,
        },
    }
}
