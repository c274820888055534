//! The round's results as one plain value: what `samvurd results --json` prints and the desktop
//! dashboard shows. Its JSON shape is a stable interface, documented field by field in
//! `docs/engine.md` ("results --json"); add fields, never rename or remove them without raising
//! [`RESULTS_FORMAT_VERSION`].
//!
//! Decimals the engine computes are exact rationals ([`Exact`]), written as strings by one stated
//! rule: rounded half away from zero to 28 decimal places, trailing zeros dropped, so a value
//! whose decimals end within 28 places is written exactly (`"4.25"`) and 16/3 is
//! `"5.3333333333333333333333333333"`. Options are written as entered. Money is a
//! canonical decimal string in NOK (`"1200000"`), so no consumer ever meets a float. The few
//! statistics that are floats in the engine (standard deviations, alpha, calibrated totals) are
//! strings too, in the shortest form that reads back to the same float.
//!
//! Everything comes from one call to [`samvurd_core::evaluate`], which is deterministic, and the
//! JSON keeps the engine's order everywhere, so the same round gives byte-identical output.

mod dashboard;
pub mod export;

pub use dashboard::*;

use rust_decimal::Decimal;
use samvurd_core::Exact;
use samvurd_core::agreement::Alpha;
use samvurd_core::allocation::AwardReason;
use samvurd_core::bootstrap::FundingLabel;
use samvurd_core::bootstrap::RankUncertainty;
use samvurd_core::calibration::MemberCalibration;
use samvurd_core::disagreement::{Flag, FlagKind};
use samvurd_core::evaluate::{ApplicationEvaluation, GroupTotal};
use samvurd_core::gates::GateStatus;
use samvurd_core::ranking::TieStep;
use samvurd_core::recommendation::{IssueKind, RecommendationSource};
use samvurd_core::{
    Aggregation, ApplicantSide, Evaluation, FrameOverride, Money, Outcome, Role, Round, evaluate,
};
use serde::{Serialize, Serializer};

pub const RESULTS_FORMAT_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Results {
    pub format: &'static str,
    pub version: u32,
    pub round: RoundHeader,
    /// In rank order; unranked applications last.
    pub applications: Vec<ApplicationResult>,
    pub budget: BudgetResult,
    pub agreement: AgreementResult,
    /// `null` when the round has calibration switched off.
    pub calibration: Option<CalibrationResult>,
    /// Per criterion, in the round's order.
    pub sensitivity: Vec<SensitivityResult>,
    pub recommendation: RecommendationResult,
    /// The working group's leader and deputy; left out when the meeting has named neither.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chairs: Option<ChairsResult>,
    /// The grey-zone lottery; left out when the round has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lottery: Option<LotteryResultDto>,
    /// The round this one was made from («Ny runde fra denne»); left out for a round made from a
    /// template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_round: Option<PreviousRoundResult>,
    /// Last year's grants whose project period runs into this round's year, in last year's
    /// order; left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub continuation_candidates: Vec<ContinuedGrantResult>,
    /// What the meeting must still record before the round can be finished (the core's
    /// `missing_records`); for the screens, not in the JSON.
    #[serde(skip)]
    pub missing_records: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviousRoundResult {
    pub round_id: String,
    pub title: String,
    pub file_name: String,
    /// The year this round is for.
    pub year: i32,
}

/// Last year's grant, as the previous round's vedtak and follow-up register left it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContinuedGrantResult {
    /// Its reference in the previous round.
    pub reference: String,
    pub title: String,
    pub applicant: String,
    pub outcome: Outcome,
    /// The amount the vedtak granted.
    pub granted: Money,
    /// ISO dates.
    pub period_start: Option<String>,
    pub period_end: Option<String>,
    /// The follow-up register's tally the day the new round was made; `null` when the previous
    /// round's register was not opened.
    pub reports: Option<ReportTallyResult>,
    /// The same in words: «1 av 3 rapporter mottatt, 1 forfalt (per 02.12.2026)».
    pub report_status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportTallyResult {
    /// ISO date.
    pub as_of: String,
    pub owed: u32,
    pub received: u32,
    pub overdue: u32,
}

/// What an application continues («videreføring»).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContinuationResult {
    /// `reference` or `title`.
    pub matched_by: samvurd_core::continuation::MatchedBy,
    pub last_year: ContinuedGrantResult,
}

fn continued_grant(grant: &samvurd_core::continuation::ContinuedGrant) -> ContinuedGrantResult {
    ContinuedGrantResult {
        reference: grant.reference.0.clone(),
        title: grant.title.clone(),
        applicant: grant.applicant.clone(),
        outcome: grant.outcome,
        granted: grant.granted,
        period_start: grant.period_start.map(|date| date.to_string()),
        period_end: grant.period_end.map(|date| date.to_string()),
        reports: grant.reports.map(|tally| ReportTallyResult {
            as_of: tally.as_of.to_string(),
            owed: tally.owed,
            received: tally.received,
            overdue: tally.overdue,
        }),
        report_status: grant.report_status_label(),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChairsResult {
    pub chair: Option<String>,
    pub deputy: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LotteryResultDto {
    /// The seed text as typed, and where it comes from.
    pub seed_text: String,
    pub source: String,
    /// The seed the digits give, as a string (a 64-bit number does not survive a JavaScript
    /// number).
    pub seed: String,
    /// The applications in the draw, in rank order.
    pub candidates: Vec<String>,
    /// The drawn order.
    pub sequence: Vec<String>,
    pub available: Money,
    pub allocated: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConsensusResult {
    pub assessment: String,
    pub majority: String,
    pub minority: String,
    pub minority_members: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LotteryEntryResult {
    /// Its place in the drawn order, from 1.
    pub position: u32,
    /// Given money in the draw («trukket ut ved loddtrekning»).
    pub drawn: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoundHeader {
    pub title: String,
    pub helsefellesskap: String,
    pub aggregation: Aggregation,
    pub scale_min: i32,
    pub scale_max: i32,
    pub criteria: Vec<CriterionHeader>,
    pub gates: Vec<GateHeader>,
    pub members: Vec<MemberHeader>,
    pub options: OptionsResult,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionHeader {
    pub id: String,
    pub name: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub weight: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateHeader {
    pub id: String,
    pub question: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberHeader {
    pub id: String,
    pub name: String,
    pub role: Role,
}

/// The options the engine ran with, defaults filled in.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OptionsResult {
    pub disagreement_range: Exact,
    pub member_deviation: Exact,
    pub calibration: bool,
    pub calibration_min_applications: u32,
    /// The ladder as concrete steps, in order.
    pub tie_ladder: Vec<TieStep>,
    pub bootstrap_draws: u32,
    /// A string, since a 64-bit seed does not survive a JavaScript number.
    pub bootstrap_seed: String,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub partial_funding_min_share: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub total_threshold: Option<Decimal>,
    pub criterion_thresholds: Vec<CriterionThreshold>,
    pub frame_override: Option<FrameOverrideResult>,
    /// The quorum in force (the round's, or the default).
    pub quorum: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionThreshold {
    pub criterion: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub threshold: Decimal,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrameOverrideResult {
    pub max_total: Money,
    pub justification: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationResult {
    pub reference: String,
    pub title: String,
    pub applicant: String,
    pub applicant_side: ApplicantSide,
    pub priority_area: String,
    pub amount_requested: Money,
    pub criteria: Vec<CriterionResult>,
    /// Numeric scores counted over all criteria (recused members and *ikke relevant* left out).
    pub scores_counted: usize,
    /// `T(a)` at full precision, or null when nobody gave a numeric score.
    pub total: Option<Exact>,
    pub rank: Option<u32>,
    /// Exact ties and how the ladder settled each.
    pub ties: Vec<TieResult>,
    pub tie_text: Option<String>,
    pub member_totals: Vec<MemberTotalResult>,
    pub recused_members: Vec<String>,
    pub flags: Vec<FlagResult>,
    pub uncertainty: Option<UncertaintyResult>,
    #[serde(serialize_with = "float_text")]
    pub calibrated_total: Option<f64>,
    pub calibrated_rank: Option<u32>,
    pub gates: Vec<GateResultDto>,
    pub proposed_amount: Money,
    pub reason: AwardReason,
    pub reason_text: String,
    pub failed_gates: Vec<String>,
    pub thresholds_missed: Vec<ThresholdMissResult>,
    pub remaining_before: Option<Money>,
    pub recommendation: RecommendedResult,
    /// The group's consensus record; left out when none is recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consensus: Option<ConsensusResult>,
    /// Who chaired the item because the leader was recused (member id); left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chaired_by: Option<String>,
    /// Its place in the lottery; left out when it was not in the draw.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lottery: Option<LotteryEntryResult>,
    /// Last year's grant it continues («videreføring»); left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continuation: Option<ContinuationResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionResult {
    pub id: String,
    /// `S(a, c)`: the mean (or median, as the round says) of counted numeric scores.
    pub value: Option<Exact>,
    pub scores_counted: usize,
    pub not_applicable: usize,
    pub recused_excluded: usize,
    pub missing: usize,
    pub mean: Option<Exact>,
    pub median: Option<Exact>,
    pub min: Option<i32>,
    pub max: Option<i32>,
    #[serde(serialize_with = "float_text")]
    pub standard_deviation: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TieResult {
    pub other: String,
    /// `null` when the ladder could not separate the two.
    pub decided_by: Option<TieStep>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberTotalResult {
    pub member: String,
    pub total: Exact,
    pub criteria_scored: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlagResult {
    pub kind: FlagKind,
    pub criterion: Option<String>,
    pub member: Option<String>,
    pub value: Option<Exact>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UncertaintyResult {
    pub rank_low: u32,
    pub rank_high: u32,
    pub funded_draws: u32,
    pub draws: u32,
    pub label: FundingLabel,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GateResultDto {
    pub gate: String,
    pub status: GateStatus,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThresholdMissResult {
    /// `null` for the total.
    pub criterion: Option<String>,
    #[serde(with = "rust_decimal::serde::str")]
    pub threshold: Decimal,
    pub value: Exact,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecommendedResult {
    pub outcome: Outcome,
    pub amount: Money,
    pub justification: String,
    pub source: RecommendationSource,
    pub deviates: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BudgetResult {
    pub frame: Money,
    pub total_requested: Money,
    pub proposed: Money,
    pub remaining: Money,
    pub requested_not_gated_out: Money,
    pub recommended: Money,
    pub by_side: Vec<GroupTotalResult>,
    pub by_priority_area: Vec<GroupTotalResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupTotalResult {
    pub key: String,
    pub applications: usize,
    pub requested: Money,
    pub proposed_count: usize,
    pub proposed: Money,
    pub recommended_count: usize,
    pub recommended: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementResult {
    pub criteria: Vec<AlphaResult>,
    pub totals: AlphaResult,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlphaResult {
    /// The criterion's id; `null` for the totals.
    pub criterion: Option<String>,
    #[serde(serialize_with = "float_text")]
    pub alpha: Option<f64>,
    pub units: usize,
    pub pairable_values: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalibrationResult {
    pub min_applications: u32,
    #[serde(serialize_with = "float_text")]
    pub panel_mean: Option<f64>,
    #[serde(serialize_with = "float_text")]
    pub panel_standard_deviation: Option<f64>,
    pub members: Vec<MemberCalibrationResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberCalibrationResult {
    pub member: String,
    pub applications: usize,
    #[serde(serialize_with = "float_text")]
    pub mean: Option<f64>,
    #[serde(serialize_with = "float_text")]
    pub standard_deviation: Option<f64>,
    pub calibrated: bool,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SensitivityResult {
    pub criterion: String,
    pub share_percent: Exact,
    pub increase: Option<WeightChangeResult>,
    pub decrease: Option<WeightChangeResult>,
    #[serde(with = "rust_decimal::serde::str")]
    pub searched_up: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub searched_down: Decimal,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightChangeResult {
    #[serde(with = "rust_decimal::serde::str")]
    pub points: Decimal,
    pub enters: Vec<String>,
    pub leaves: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecommendationResult {
    pub total: Money,
    pub frame: Money,
    pub over_frame_by: Option<Money>,
    pub frame_override_used: Option<FrameOverrideResult>,
    pub deviations: usize,
    pub valid: bool,
    pub issues: Vec<IssueResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueResult {
    pub kind: IssueKind,
    pub application: Option<String>,
    pub message: String,
}

/// A float statistic as the shortest decimal text that reads back to the same float (Rust's
/// `Display` for `f64`, which never uses an exponent); `null` when absent or not finite.
fn float_text<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) if value.is_finite() => serializer.serialize_str(&value.to_string()),
        _ => serializer.serialize_none(),
    }
}

pub(crate) fn compute(round: &Round) -> Results {
    let evaluation = evaluate(round);
    from_evaluation(round, &evaluation)
}

fn from_evaluation(round: &Round, evaluation: &Evaluation) -> Results {
    let options = &round.options;
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
            gates: round
                .gates
                .iter()
                .map(|gate| GateHeader { id: gate.id.0.clone(), question: gate.question.clone() })
                .collect(),
            members: round
                .members
                .iter()
                .map(|member| MemberHeader {
                    id: member.id.0.clone(),
                    name: member.name.clone(),
                    role: member.role,
                })
                .collect(),
            options: OptionsResult {
                disagreement_range: evaluation.thresholds.criterion_range.clone(),
                member_deviation: evaluation.thresholds.member_deviation.clone(),
                calibration: options.calibration,
                calibration_min_applications: options.calibration_min_applications,
                tie_ladder: evaluation.tie_steps.clone(),
                bootstrap_draws: options.bootstrap_draws,
                bootstrap_seed: options.bootstrap_seed.to_string(),
                partial_funding_min_share: options.partial_funding_min_share,
                total_threshold: options.total_threshold,
                criterion_thresholds: options
                    .criterion_thresholds
                    .iter()
                    .map(|(criterion, threshold)| CriterionThreshold {
                        criterion: criterion.0.clone(),
                        threshold: *threshold,
                    })
                    .collect(),
                frame_override: options.frame_override.as_ref().map(frame_override),
                quorum: evaluation.quorum,
            },
        },
        applications: evaluation
            .applications
            .iter()
            .map(|application| application_result(round, evaluation, application))
            .collect(),
        chairs: (round.meeting.chair.is_some() || round.meeting.deputy.is_some()).then(|| {
            ChairsResult {
                chair: round.meeting.chair.as_ref().map(|member| member.0.clone()),
                deputy: round.meeting.deputy.as_ref().map(|member| member.0.clone()),
            }
        }),
        missing_records: samvurd_core::meeting::missing_records(round, evaluation),
        previous_round: round.continuations.previous.as_ref().map(|previous| PreviousRoundResult {
            round_id: previous.round_id.clone(),
            title: previous.title.clone(),
            file_name: previous.file_name.clone(),
            year: previous.year,
        }),
        continuation_candidates: round
            .continuations
            .candidates
            .iter()
            .map(continued_grant)
            .collect(),
        lottery: evaluation.lottery.as_ref().map(|lottery| LotteryResultDto {
            seed_text: lottery.seed_text.clone(),
            source: lottery.source.clone(),
            seed: lottery.seed.to_string(),
            candidates: lottery.candidates.iter().map(|reference| reference.0.clone()).collect(),
            sequence: lottery.sequence.iter().map(|reference| reference.0.clone()).collect(),
            available: lottery.available,
            allocated: lottery.allocated,
        }),
        budget: BudgetResult {
            frame: evaluation.budget.frame,
            total_requested: evaluation.budget.total_requested,
            proposed: evaluation.budget.proposed,
            remaining: evaluation.budget.remaining,
            requested_not_gated_out: evaluation.budget.requested_not_gated_out,
            recommended: evaluation.budget.recommended,
            by_side: evaluation.budget.by_side.iter().map(group_total).collect(),
            by_priority_area: evaluation.budget.by_priority_area.iter().map(group_total).collect(),
        },
        agreement: AgreementResult {
            criteria: evaluation
                .agreement
                .criteria
                .iter()
                .map(|criterion| alpha(Some(criterion.criterion.0.clone()), &criterion.alpha))
                .collect(),
            totals: alpha(None, &evaluation.agreement.totals),
        },
        calibration: evaluation.calibration.as_ref().map(|calibration| CalibrationResult {
            min_applications: calibration.min_applications,
            panel_mean: calibration.panel_mean,
            panel_standard_deviation: calibration.panel_standard_deviation,
            members: calibration.members.iter().map(member_calibration).collect(),
        }),
        sensitivity: evaluation
            .sensitivity
            .iter()
            .map(|sensitivity| SensitivityResult {
                criterion: sensitivity.criterion.0.clone(),
                share_percent: sensitivity.share.clone(),
                increase: sensitivity.increase.as_ref().map(weight_change),
                decrease: sensitivity.decrease.as_ref().map(weight_change),
                searched_up: sensitivity.searched_up,
                searched_down: sensitivity.searched_down,
                text: sensitivity.text.clone(),
            })
            .collect(),
        recommendation: RecommendationResult {
            total: evaluation.recommendation.total,
            frame: evaluation.recommendation.frame,
            over_frame_by: evaluation.recommendation.over_frame_by,
            frame_override_used: evaluation
                .recommendation
                .frame_override_used
                .as_ref()
                .map(frame_override),
            deviations: evaluation.recommendation.deviations,
            valid: evaluation.recommendation.valid,
            issues: evaluation
                .recommendation
                .issues
                .iter()
                .map(|issue| IssueResult {
                    kind: issue.kind,
                    application: issue.application.as_ref().map(|reference| reference.0.clone()),
                    message: issue.message.clone(),
                })
                .collect(),
        },
    }
}

fn application_result(
    round: &Round,
    whole: &Evaluation,
    evaluation: &ApplicationEvaluation,
) -> ApplicationResult {
    let aggregate = &evaluation.aggregate;
    let application = round
        .application(&aggregate.application)
        .expect("the evaluation only holds applications of the round");
    let award = &evaluation.award;
    ApplicationResult {
        reference: application.reference.0.clone(),
        title: application.title.clone(),
        applicant: application.applicant.clone(),
        applicant_side: application.applicant_side,
        priority_area: application.priority_area.clone(),
        amount_requested: application.amount_requested,
        criteria: aggregate
            .criteria
            .iter()
            .map(|criterion| CriterionResult {
                id: criterion.criterion.0.clone(),
                value: criterion.value.clone(),
                scores_counted: criterion.scores_counted,
                not_applicable: criterion.not_applicable,
                recused_excluded: criterion.recused_scores_excluded,
                missing: criterion.missing,
                mean: criterion.mean.clone(),
                median: criterion.median.clone(),
                min: criterion.min,
                max: criterion.max,
                standard_deviation: criterion.standard_deviation,
            })
            .collect(),
        scores_counted: aggregate.criteria.iter().map(|criterion| criterion.scores_counted).sum(),
        total: evaluation.ranked.total.clone(),
        rank: evaluation.ranked.rank,
        ties: evaluation
            .ranked
            .ties
            .iter()
            .map(|tie| TieResult { other: tie.other.0.clone(), decided_by: tie.decided_by.clone() })
            .collect(),
        tie_text: evaluation.tie_text.clone(),
        member_totals: aggregate
            .member_totals
            .iter()
            .map(|member| MemberTotalResult {
                member: member.member.0.clone(),
                total: member.total.clone(),
                criteria_scored: member.criteria_scored,
            })
            .collect(),
        recused_members: aggregate.recused_members.iter().map(|member| member.0.clone()).collect(),
        flags: evaluation.flags.iter().map(flag).collect(),
        uncertainty: evaluation.uncertainty.as_ref().map(uncertainty),
        calibrated_total: evaluation.calibrated.map(|calibrated| calibrated.total),
        calibrated_rank: evaluation.calibrated.map(|calibrated| calibrated.rank),
        gates: evaluation
            .gates
            .iter()
            .map(|gate| GateResultDto {
                gate: gate.gate.0.clone(),
                status: gate.status,
                note: gate.note.clone(),
            })
            .collect(),
        proposed_amount: award.proposed,
        reason: award.reason,
        reason_text: award.reason_text.clone(),
        failed_gates: award.failed_gates.iter().map(|gate| gate.0.clone()).collect(),
        thresholds_missed: award
            .thresholds_missed
            .iter()
            .map(|miss| ThresholdMissResult {
                criterion: miss.criterion.as_ref().map(|criterion| criterion.0.clone()),
                threshold: miss.threshold,
                value: miss.value.clone(),
            })
            .collect(),
        remaining_before: award.remaining_before,
        recommendation: RecommendedResult {
            outcome: evaluation.recommendation.outcome,
            amount: evaluation.recommendation.amount,
            justification: evaluation.recommendation.justification.clone(),
            source: evaluation.recommendation.source,
            deviates: evaluation.recommendation.deviates,
        },
        consensus: samvurd_core::meeting::consensus_of(round, &application.reference).map(
            |consensus| ConsensusResult {
                assessment: consensus.assessment.clone(),
                majority: consensus.majority.clone(),
                minority: consensus.minority.clone(),
                minority_members: consensus
                    .minority_members
                    .iter()
                    .map(|member| member.0.clone())
                    .collect(),
            },
        ),
        chaired_by: samvurd_core::meeting::stand_in_chair(round, &application.reference)
            .flatten()
            .map(|member| member.0),
        lottery: whole.lottery.as_ref().and_then(|lottery| {
            lottery
                .entries
                .iter()
                .find(|entry| entry.application == application.reference)
                .map(|entry| LotteryEntryResult { position: entry.position, drawn: entry.drawn })
        }),
        continuation: round.continuations.of(&application.reference).map(|(grant, matched_by)| {
            ContinuationResult { matched_by, last_year: continued_grant(grant) }
        }),
    }
}

fn frame_override(allowed: &FrameOverride) -> FrameOverrideResult {
    FrameOverrideResult {
        max_total: allowed.max_total,
        justification: allowed.justification.clone(),
    }
}

fn group_total(group: &GroupTotal) -> GroupTotalResult {
    GroupTotalResult {
        key: group.key.clone(),
        applications: group.applications,
        requested: group.requested,
        proposed_count: group.proposed_count,
        proposed: group.proposed,
        recommended_count: group.recommended_count,
        recommended: group.recommended,
    }
}

fn alpha(criterion: Option<String>, alpha: &Alpha) -> AlphaResult {
    AlphaResult {
        criterion,
        alpha: alpha.alpha,
        units: alpha.units,
        pairable_values: alpha.pairable_values,
    }
}

fn member_calibration(member: &MemberCalibration) -> MemberCalibrationResult {
    MemberCalibrationResult {
        member: member.member.0.clone(),
        applications: member.applications,
        mean: member.mean,
        standard_deviation: member.standard_deviation,
        calibrated: member.calibrated,
        note: member.note.clone(),
    }
}

fn weight_change(change: &samvurd_core::sensitivity::WeightChange) -> WeightChangeResult {
    WeightChangeResult {
        points: change.points,
        enters: change.enters.iter().map(|reference| reference.0.clone()).collect(),
        leaves: change.leaves.iter().map(|reference| reference.0.clone()).collect(),
    }
}

fn flag(flag: &Flag) -> FlagResult {
    FlagResult {
        kind: flag.kind,
        criterion: flag.criterion.as_ref().map(|criterion| criterion.0.clone()),
        member: flag.member.as_ref().map(|member| member.0.clone()),
        value: flag.value.clone(),
        reason: flag.reason.clone(),
    }
}

fn uncertainty(uncertainty: &RankUncertainty) -> UncertaintyResult {
    UncertaintyResult {
        rank_low: uncertainty.rank_low,
        rank_high: uncertainty.rank_high,
        funded_draws: uncertainty.funded_draws,
        draws: uncertainty.draws,
        label: uncertainty.label,
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};
    use rust_decimal::Decimal;
    use samvurd_core::testing;
    use samvurd_core::{
        ApplicantSide, Application, ApplicationRef, Gate, Member, MemberId, Money, Recusal, Role,
        Round, RoundInfo, RoundOptions,
    };

    use super::*;

    /// Two criteria, three members, three applications; m3 is recused from S-2, S-3 fails the
    /// gate, and the bootstrap and calibration are on.
    fn small_round() -> Round {
        let application = |reference: &str, requested: i64, side: ApplicantSide| Application {
            kommune: None,
            extra: Vec::new(),
            applicant_side: side,
            priority_area: "Eldre".to_owned(),
            amount_requested: Money::from_kroner(requested),
            ..testing::application(reference)
        };
        let rows = [
            ("m1", "S-1", [Some(6), Some(5)]),
            ("m2", "S-1", [Some(7), None]),
            ("m3", "S-1", [Some(5), Some(6)]),
            ("m1", "S-2", [Some(4), Some(4)]),
            ("m2", "S-2", [Some(5), Some(3)]),
            ("m3", "S-2", [Some(1), Some(1)]),
            ("m1", "S-3", [Some(7), Some(7)]),
            ("m2", "S-3", [Some(6), Some(7)]),
            ("m3", "S-3", [Some(7), Some(6)]),
        ];
        let scores = rows
            .iter()
            .flat_map(|(member, application, values)| {
                ["a", "b"].iter().zip(values).map(move |(criterion, value)| {
                    testing::score(member, application, criterion, *value)
                })
            })
            .collect();
        let mut round = testing::round(
            vec![testing::criterion("a", 2, true), testing::criterion("b", 1, true)],
            ["m1", "m2", "m3"]
                .iter()
                .map(|id| Member { role: Role::Kommune, ..testing::member(id) })
                .collect(),
            vec![
                application("S-1", 300_000, ApplicantSide::Kommune),
                application("S-2", 250_000, ApplicantSide::Hf),
                application("S-3", 100_000, ApplicantSide::Hf),
            ],
            scores,
        );
        round.info = RoundInfo {
            title: "Liten runde".to_owned(),
            budget_frame: Money::from_kroner(500_000),
            ..testing::round_info()
        };
        round.gates = vec![Gate {
            question: "Er avtalen mellom kommune og HF dokumentert?".to_owned(),
            ..testing::gate("avtale")
        }];
        round.recusals = vec![Recusal {
            member: MemberId::new("m3"),
            application: ApplicationRef::new("S-2"),
            reason: "Leder prosjektet".to_owned(),
        }];
        round.options = RoundOptions {
            bootstrap_draws: 200,
            calibration: true,
            calibration_min_applications: 2,
            partial_funding_min_share: Some(Decimal::new(5, 1)),
            ..RoundOptions::default()
        };
        round.gate_answers =
            vec![testing::gate_answer("S-3", "avtale", false, "Ingen signert avtale")];
        round
    }

    fn check(round: &Round, expected: Expect) {
        let json = serde_json::to_string_pretty(&compute(round)).expect("results serialise");
        expected.assert_eq(&json.replace('\u{a0}', " "));
    }

    #[test]
    fn the_same_round_gives_byte_identical_json_every_time() {
        let round = small_round();
        let first = serde_json::to_string(&compute(&round)).unwrap();
        for _ in 0..3 {
            assert_eq!(serde_json::to_string(&compute(&round.clone())).unwrap(), first);
        }
    }

    #[test]
    fn the_json_of_a_small_round_carries_every_field_of_the_engine() {
        // A snapshot: it changes only when the format or an engine rule changes, and the diff
        // then says which. The float statistics are strings, the same on every machine.
        check(
            &small_round(),
            expect![[r#"
            {
              "format": "samvurd-results",
              "version": 2,
              "round": {
                "title": "Liten runde",
                "helsefellesskap": "Testfellesskapet",
                "aggregation": "mean",
                "scale_min": 1,
                "scale_max": 7,
                "criteria": [
                  {
                    "id": "a",
                    "name": "A",
                    "weight": "2"
                  },
                  {
                    "id": "b",
                    "name": "B",
                    "weight": "1"
                  }
                ],
                "gates": [
                  {
                    "id": "avtale",
                    "question": "Er avtalen mellom kommune og HF dokumentert?"
                  }
                ],
                "members": [
                  {
                    "id": "m1",
                    "name": "M1",
                    "role": "kommune"
                  },
                  {
                    "id": "m2",
                    "name": "M2",
                    "role": "kommune"
                  },
                  {
                    "id": "m3",
                    "name": "M3",
                    "role": "kommune"
                  }
                ],
                "options": {
                  "disagreement_range": "3",
                  "member_deviation": "2",
                  "calibration": true,
                  "calibration_min_applications": 2,
                  "tie_ladder": [
                    {
                      "rule": "criterion",
                      "criterion": "a"
                    },
                    {
                      "rule": "criterion",
                      "criterion": "b"
                    },
                    {
                      "rule": "lower_requested_amount"
                    }
                  ],
                  "bootstrap_draws": 200,
                  "bootstrap_seed": "20260901",
                  "partial_funding_min_share": "0.5",
                  "total_threshold": null,
                  "criterion_thresholds": [],
                  "frame_override": null,
                  "quorum": 2
                }
              },
              "applications": [
                {
                  "reference": "S-3",
                  "title": "Prosjekt S-3",
                  "applicant": "Drammen kommune",
                  "applicant_side": "hf",
                  "priority_area": "Eldre",
                  "amount_requested": "100000",
                  "criteria": [
                    {
                      "id": "a",
                      "value": "6.6666666666666666666666666667",
                      "scores_counted": 3,
                      "not_applicable": 0,
                      "recused_excluded": 0,
                      "missing": 0,
                      "mean": "6.6666666666666666666666666667",
                      "median": "7",
                      "min": 6,
                      "max": 7,
                      "standard_deviation": "0.5773502691896257"
                    },
                    {
                      "id": "b",
                      "value": "6.6666666666666666666666666667",
                      "scores_counted": 3,
                      "not_applicable": 0,
                      "recused_excluded": 0,
                      "missing": 0,
                      "mean": "6.6666666666666666666666666667",
                      "median": "7",
                      "min": 6,
                      "max": 7,
                      "standard_deviation": "0.5773502691896257"
                    }
                  ],
                  "scores_counted": 6,
                  "total": "6.6666666666666666666666666667",
                  "rank": 1,
                  "ties": [],
                  "tie_text": null,
                  "member_totals": [
                    {
                      "member": "m1",
                      "total": "7",
                      "criteria_scored": 2
                    },
                    {
                      "member": "m2",
                      "total": "6.3333333333333333333333333333",
                      "criteria_scored": 2
                    },
                    {
                      "member": "m3",
                      "total": "6.6666666666666666666666666667",
                      "criteria_scored": 2
                    }
                  ],
                  "recused_members": [],
                  "flags": [],
                  "uncertainty": {
                    "rank_low": 1,
                    "rank_high": 1,
                    "funded_draws": 0,
                    "draws": 200,
                    "label": "clearly_not_funded"
                  },
                  "calibrated_total": "6.678934084130883",
                  "calibrated_rank": 1,
                  "gates": [
                    {
                      "gate": "avtale",
                      "status": "failed",
                      "note": "Ingen signert avtale"
                    }
                  ],
                  "proposed_amount": "0",
                  "reason": "failed_gate",
                  "reason_text": "Holdes utenfor forslaget: oppfyller ikke krav «Er avtalen mellom kommune og HF dokumentert?» (avtale).",
                  "failed_gates": [
                    "avtale"
                  ],
                  "thresholds_missed": [],
                  "remaining_before": null,
                  "recommendation": {
                    "outcome": "rejected",
                    "amount": "0",
                    "justification": "",
                    "source": "proposal",
                    "deviates": false
                  }
                },
                {
                  "reference": "S-1",
                  "title": "Prosjekt S-1",
                  "applicant": "Drammen kommune",
                  "applicant_side": "kommune",
                  "priority_area": "Eldre",
                  "amount_requested": "300000",
                  "criteria": [
                    {
                      "id": "a",
                      "value": "6",
                      "scores_counted": 3,
                      "not_applicable": 0,
                      "recused_excluded": 0,
                      "missing": 0,
                      "mean": "6",
                      "median": "6",
                      "min": 5,
                      "max": 7,
                      "standard_deviation": "1"
                    },
                    {
                      "id": "b",
                      "value": "5.5",
                      "scores_counted": 2,
                      "not_applicable": 1,
                      "recused_excluded": 0,
                      "missing": 0,
                      "mean": "5.5",
                      "median": "5.5",
                      "min": 5,
                      "max": 6,
                      "standard_deviation": "0.7071067811865476"
                    }
                  ],
                  "scores_counted": 5,
                  "total": "5.8333333333333333333333333333",
                  "rank": 2,
                  "ties": [],
                  "tie_text": null,
                  "member_totals": [
                    {
                      "member": "m1",
                      "total": "5.6666666666666666666666666667",
                      "criteria_scored": 2
                    },
                    {
                      "member": "m2",
                      "total": "7",
                      "criteria_scored": 1
                    },
                    {
                      "member": "m3",
                      "total": "5.3333333333333333333333333333",
                      "criteria_scored": 2
                    }
                  ],
                  "recused_members": [],
                  "flags": [],
                  "uncertainty": {
                    "rank_low": 2,
                    "rank_high": 2,
                    "funded_draws": 200,
                    "draws": 200,
                    "label": "clearly_funded"
                  },
                  "calibrated_total": "5.838733989222324",
                  "calibrated_rank": 2,
                  "gates": [
                    {
                      "gate": "avtale",
                      "status": "unanswered",
                      "note": ""
                    }
                  ],
                  "proposed_amount": "300000",
                  "reason": "funded",
                  "reason_text": "Foreslått innvilget med omsøkt beløp.",
                  "failed_gates": [],
                  "thresholds_missed": [],
                  "remaining_before": "500000",
                  "recommendation": {
                    "outcome": "granted",
                    "amount": "300000",
                    "justification": "",
                    "source": "proposal",
                    "deviates": false
                  }
                },
                {
                  "reference": "S-2",
                  "title": "Prosjekt S-2",
                  "applicant": "Drammen kommune",
                  "applicant_side": "hf",
                  "priority_area": "Eldre",
                  "amount_requested": "250000",
                  "criteria": [
                    {
                      "id": "a",
                      "value": "4.5",
                      "scores_counted": 2,
                      "not_applicable": 0,
                      "recused_excluded": 1,
                      "missing": 0,
                      "mean": "4.5",
                      "median": "4.5",
                      "min": 4,
                      "max": 5,
                      "standard_deviation": "0.7071067811865476"
                    },
                    {
                      "id": "b",
                      "value": "3.5",
                      "scores_counted": 2,
                      "not_applicable": 0,
                      "recused_excluded": 1,
                      "missing": 0,
                      "mean": "3.5",
                      "median": "3.5",
                      "min": 3,
                      "max": 4,
                      "standard_deviation": "0.7071067811865476"
                    }
                  ],
                  "scores_counted": 4,
                  "total": "4.1666666666666666666666666667",
                  "rank": 3,
                  "ties": [],
                  "tie_text": null,
                  "member_totals": [
                    {
                      "member": "m1",
                      "total": "4",
                      "criteria_scored": 2
                    },
                    {
                      "member": "m2",
                      "total": "4.3333333333333333333333333333",
                      "criteria_scored": 2
                    }
                  ],
                  "recused_members": [
                    "m3"
                  ],
                  "flags": [],
                  "uncertainty": {
                    "rank_low": 3,
                    "rank_high": 3,
                    "funded_draws": 192,
                    "draws": 200,
                    "label": "clearly_funded"
                  },
                  "calibrated_total": "4.482757149229445",
                  "calibrated_rank": 3,
                  "gates": [
                    {
                      "gate": "avtale",
                      "status": "unanswered",
                      "note": ""
                    }
                  ],
                  "proposed_amount": "200000",
                  "reason": "partly_funded",
                  "reason_text": "Foreslått delvis innvilget med 200 000 kr av omsøkte 250 000 kr: det som var igjen av rammen.",
                  "failed_gates": [],
                  "thresholds_missed": [],
                  "remaining_before": "200000",
                  "recommendation": {
                    "outcome": "partly_granted",
                    "amount": "200000",
                    "justification": "",
                    "source": "proposal",
                    "deviates": false
                  }
                }
              ],
              "budget": {
                "frame": "500000",
                "total_requested": "650000",
                "proposed": "500000",
                "remaining": "0",
                "requested_not_gated_out": "550000",
                "recommended": "500000",
                "by_side": [
                  {
                    "key": "kommune",
                    "applications": 1,
                    "requested": "300000",
                    "proposed_count": 1,
                    "proposed": "300000",
                    "recommended_count": 1,
                    "recommended": "300000"
                  },
                  {
                    "key": "hf",
                    "applications": 2,
                    "requested": "350000",
                    "proposed_count": 1,
                    "proposed": "200000",
                    "recommended_count": 1,
                    "recommended": "200000"
                  }
                ],
                "by_priority_area": [
                  {
                    "key": "Eldre",
                    "applications": 3,
                    "requested": "650000",
                    "proposed_count": 2,
                    "proposed": "500000",
                    "recommended_count": 2,
                    "recommended": "500000"
                  }
                ]
              },
              "agreement": {
                "criteria": [
                  {
                    "criterion": "a",
                    "alpha": "0.5070422535211268",
                    "units": 3,
                    "pairable_values": 8
                  },
                  {
                    "criterion": "b",
                    "alpha": "0.8125",
                    "units": 3,
                    "pairable_values": 7
                  }
                ],
                "totals": {
                  "criterion": null,
                  "alpha": "0.745269286754003",
                  "units": 3,
                  "pairable_values": 8
                }
              },
              "calibration": {
                "min_applications": 2,
                "panel_mean": "5.814814814814814",
                "panel_standard_deviation": "1.009014816458253",
                "members": [
                  {
                    "member": "m1",
                    "applications": 3,
                    "mean": "5.555555555555556",
                    "standard_deviation": "1.227262335243029",
                    "calibrated": true,
                    "note": ""
                  },
                  {
                    "member": "m2",
                    "applications": 3,
                    "mean": "5.888888888888888",
                    "standard_deviation": "1.1331154474650633",
                    "calibrated": true,
                    "note": ""
                  },
                  {
                    "member": "m3",
                    "applications": 2,
                    "mean": "6",
                    "standard_deviation": "0.666666666666667",
                    "calibrated": true,
                    "note": ""
                  }
                ]
              },
              "sensitivity": [
                {
                  "criterion": "a",
                  "share_percent": "66.6666666666666666666666666667",
                  "increase": null,
                  "decrease": null,
                  "searched_up": "10.0",
                  "searched_down": "10.0",
                  "text": "«A» (66,7 %): robust; ingen endring i hvem som får midler når vekten endres med inntil ±10,0 prosentpoeng."
                },
                {
                  "criterion": "b",
                  "share_percent": "33.3333333333333333333333333333",
                  "increase": null,
                  "decrease": null,
                  "searched_up": "10.0",
                  "searched_down": "10.0",
                  "text": "«B» (33,3 %): robust; ingen endring i hvem som får midler når vekten endres med inntil ±10,0 prosentpoeng."
                }
              ],
              "recommendation": {
                "total": "500000",
                "frame": "500000",
                "over_frame_by": null,
                "frame_override_used": null,
                "deviations": 0,
                "valid": true,
                "issues": []
              }
            }"#]],
        );
    }
}
