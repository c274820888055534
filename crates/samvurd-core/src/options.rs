//! The round's options for the recommendation engine, and the chair's own inputs to it: gate
//! answers and the recommendation per application.
//!
//! Options are set per round and stored in the round file; every default here is the one a
//! round starts with, chosen so that a chair who changes nothing gets the reference behaviour of
//! PRODUCT.md.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{ApplicationRef, CriterionId, GateId, Money};

/// One rung of the tie-break ladder, tried in order when totals are exactly equal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule", content = "criterion")]
pub enum TieBreak {
    /// Higher `S(a, c)` on the criteria in descending weight order (equal weights: round order).
    HighestWeightedCriteria,
    /// Higher `S(a, c)` on one named criterion.
    Criterion(CriterionId),
    /// The lower requested amount first (more projects within the frame).
    LowerRequestedAmount,
}

/// How the engine treats a round. Stored in the round file; changed only as a logged action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundOptions {
    /// A criterion is flagged for discussion when the range of its counted scores reaches this.
    /// `None` means the default: 3 on a 1–7 scale, scaled to the round's scale.
    pub disagreement_range: Option<Decimal>,
    /// Show per-member calibrated totals (z-scores mapped back to the scale) beside the raw ones.
    pub calibration: bool,
    /// A member must have scored at least this many applications to be calibrated.
    pub calibration_min_applications: u32,
    pub tie_ladder: Vec<TieBreak>,
    pub bootstrap_draws: u32,
    pub bootstrap_seed: u64,
    /// Partial funding at the margin: the least share of the request (0–1) that may be granted.
    /// `None` means no partial funding (skip and continue).
    pub partial_funding_min_share: Option<Decimal>,
    /// Applications with a total below this are not funded (reason: below threshold).
    pub total_threshold: Option<Decimal>,
    /// Per-criterion minimums on `S(a, c)`.
    pub criterion_thresholds: Vec<(CriterionId, Decimal)>,
}

impl Default for RoundOptions {
    fn default() -> Self {
        RoundOptions {
            disagreement_range: None,
            calibration: false,
            calibration_min_applications: 5,
            tie_ladder: vec![TieBreak::HighestWeightedCriteria, TieBreak::LowerRequestedAmount],
            bootstrap_draws: 2_000,
            bootstrap_seed: 20_260_901,
            partial_funding_min_share: None,
            total_threshold: None,
            criterion_thresholds: Vec::new(),
        }
    }
}

/// The chair's answer to one gate (knock-out requirement) for one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateAnswer {
    pub application: ApplicationRef,
    pub gate: GateId,
    pub passed: bool,
    pub note: String,
}

/// The working group's outcome for an application, as the chair records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// innvilget
    Granted,
    /// delvis innvilget
    PartlyGranted,
    /// avslått
    Rejected,
}

/// The chair's recommendation for one application, stored beside (never over) the computed
/// proposal. A deviation from the proposal needs a written justification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChairRecommendation {
    pub application: ApplicationRef,
    pub outcome: Outcome,
    pub amount: Money,
    pub justification: String,
}
