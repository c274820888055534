//! The results dashboard: its view (from the one `results::compute`, the same as
//! `samvurd results --json`), its options and the export.

use std::path::Path;

use rust_decimal::Decimal;
use samvurd_core::{Exact, Round, ScoreValue};
use serde::Serialize;
use specta::Type;

use crate::documents::written;
use crate::kinds::{AggregationMethod, FlagKind, GateAnswerStatus, RecommendedOutcome, Side, Zone};
use crate::results::{ApplicationResult, Results};
use crate::session::actor;
use crate::views::{MoneyFigure, count, points};
use crate::{AppResult, OpenRound, OptionsChange, Session, WrittenFile, parse};

fn float(value: Option<&Exact>) -> Option<f64> {
    value.map(Exact::to_f64)
}

/// An exact value as points: rounded half away from zero from the exact value.
fn exact_points(value: &Exact) -> String {
    points(value.round_dp(2))
}

impl OptionsInput {
    /// The dashboard's fields as a typed change, through the same parse functions as the CLI's
    /// `samvurd options`. The desktop's share field is in percent (`50` is half the request).
    pub fn to_change(&self) -> AppResult<OptionsChange> {
        Ok(OptionsChange {
            aggregation: Some(parse::aggregation(&self.aggregation)?),
            calibration: Some(self.calibration),
            partial_funding_min_share: Some(if self.partial_funding {
                Some(parse::percent_share(&self.partial_min_percent)?)
            } else {
                None
            }),
            total_threshold: Some(parse::off_or(&self.total_threshold, |text| {
                parse::decimal(text, "Minste totalskår")
            })?),
            ..OptionsChange::default()
        })
    }
}

impl Session {
    pub(crate) fn dashboard_of(&self, open: &OpenRound) -> AppResult<DashboardView> {
        let round = open.load()?;
        let results = crate::results::compute(&round);
        Ok(dashboard_view(&round, &results, self.undo_label(), open.lock()?.is_some()))
    }

    pub fn dashboard(&self) -> AppResult<DashboardView> {
        self.with(|open| self.dashboard_of(open))
    }

    /// Changes how the round is computed; the dashboard is recomputed at once.
    pub fn set_round_options(&self, input: OptionsInput) -> AppResult<DashboardView> {
        let change = input.to_change()?;
        self.with(|open| {
            let justification = input.justification.as_deref();
            let recorded = open.change_options(&actor(open), &change, justification)?;
            if !recorded.restore.is_empty() {
                self.push_undo("endringen av beregningsvalgene".to_owned(), recorded.restore);
            }
            self.dashboard_of(open)
        })
    }

    pub fn export_results(&self, path: String) -> AppResult<WrittenFile> {
        let round = self.snapshot()?;
        let path = Path::new(&path);
        crate::results::export::export_results_of(&round, path)?;
        Ok(written(path, "Regnearket"))
    }
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct OptionsView {
    pub aggregation: AggregationMethod,
    pub calibration: bool,
    pub calibration_min_applications: u32,
    pub partial_funding: bool,
    /// The least share of a request that may be granted at the margin, in percent (`50`).
    pub partial_min_percent: String,
    /// The least total to be funded, e.g. `4` or `4,5`; empty for none.
    pub total_threshold: String,
}

/// What the chair changes on the dashboard; the other options are kept as they are.
#[derive(Debug, Clone, serde::Deserialize, Type)]
pub struct OptionsInput {
    pub aggregation: String,
    pub calibration: bool,
    pub partial_funding: bool,
    pub partial_min_percent: String,
    pub total_threshold: String,
    /// Why the method changes after scoring has begun; required then, ignored before.
    #[serde(default)]
    pub justification: Option<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct SideFigure {
    pub key: Side,
    pub label: String,
    pub applications: u32,
    pub requested: MoneyFigure,
    pub recommended_count: u32,
    pub recommended: MoneyFigure,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct BudgetView {
    pub frame: MoneyFigure,
    pub total_requested: MoneyFigure,
    pub proposed: MoneyFigure,
    pub recommended: MoneyFigure,
    /// Frame minus recommended; negative when over.
    pub remaining: MoneyFigure,
    pub over_frame_by: Option<MoneyFigure>,
    pub by_side: Vec<SideFigure>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct MemberScoreView {
    pub member: String,
    pub member_name: String,
    pub value: Option<i32>,
    /// `""` for a number, else `ikke relevant`, `inhabil` or `mangler`.
    pub mark: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct CriterionProfile {
    pub id: String,
    pub name: String,
    pub weight_percent: String,
    /// `S(a, c)` as used in the total (mean or median), for the chart and as text.
    pub value: Option<f64>,
    pub value_display: String,
    pub spread_display: String,
    pub flagged: bool,
    pub scores: Vec<MemberScoreView>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct FlagView {
    pub kind: FlagKind,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct GateStatusView {
    pub id: String,
    pub question: String,
    pub status: GateAnswerStatus,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct DashboardApplication {
    pub reference: String,
    pub title: String,
    pub applicant: String,
    pub side_label: String,
    pub priority_area: String,
    pub requested: MoneyFigure,
    pub total: Option<f64>,
    pub total_display: String,
    pub rank: Option<u32>,
    pub rank_low: Option<u32>,
    pub rank_high: Option<u32>,
    /// `None` without a bootstrap.
    pub zone: Option<Zone>,
    pub zone_label: String,
    pub funded_percent: Option<u32>,
    pub calibrated_total: Option<f64>,
    pub calibrated_display: String,
    pub calibrated_rank: Option<u32>,
    pub proposed: MoneyFigure,
    pub reason_text: String,
    /// `granted`, `partly_granted` or `rejected`.
    pub outcome: RecommendedOutcome,
    pub outcome_label: String,
    pub recommended: MoneyFigure,
    pub justification: String,
    pub from_chair: bool,
    pub deviates: bool,
    pub remaining_before: Option<MoneyFigure>,
    pub flags: Vec<FlagView>,
    pub gates: Vec<GateStatusView>,
    pub criteria: Vec<CriterionProfile>,
    pub recused: Vec<String>,
    /// Why the meeting should talk about it (disagreement flags, the grey zone); empty if not.
    /// Unanswered gates are not a reason: every application has them until the meeting.
    pub discuss: Vec<String>,
    /// Problems with the chair's recommendation for this application.
    pub issues: Vec<String>,
    /// The members who may take part in the discussion (not recused), by name.
    pub present: Vec<String>,
    /// Who chairs the item because the leader is recused (name); `None` when the leader chairs.
    pub chaired_by: Option<String>,
    /// The leader is recused and nobody is chosen to chair the item yet.
    pub needs_item_chair: bool,
    /// Flagged or in the grey zone: the round cannot be finished without a consensus record.
    pub needs_consensus: bool,
    pub consensus: Option<ConsensusView>,
    /// «Trukket ut ved loddtrekning …» or «Ikke trukket ut …», when it was in the draw.
    pub lottery_text: Option<String>,
}

/// The group's consensus record for one application.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ConsensusView {
    pub assessment: String,
    pub majority: String,
    pub minority: String,
    /// Member ids, in the round's member order.
    pub minority_members: Vec<String>,
    pub minority_names: Vec<String>,
}

/// A member to choose in the meeting's lists.
#[derive(Debug, Clone, Serialize, Type)]
pub struct MemberChoice {
    pub id: String,
    pub name: String,
}

/// The grey-zone lottery as drawn.
#[derive(Debug, Clone, Serialize, Type)]
pub struct LotteryView {
    pub seed_text: String,
    pub source: String,
    /// The seed the digits give, as text (64 bits do not survive a JavaScript number).
    pub seed: String,
    pub available: MoneyFigure,
    pub allocated: MoneyFigure,
    /// In drawn order, one sentence each.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct AlphaView {
    pub name: String,
    pub alpha: Option<f64>,
    pub alpha_display: String,
    pub reading: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct SensitivityView {
    pub criterion: String,
    pub share: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct CalibrationNote {
    pub member_name: String,
    pub calibrated: bool,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct DashboardView {
    pub title: String,
    pub scale_min: i32,
    pub scale_max: i32,
    pub options: OptionsView,
    pub budget: BudgetView,
    /// In rank order; unranked last.
    pub applications: Vec<DashboardApplication>,
    /// How many applications (from the top of `applications`) the recommendation funds in
    /// rank order before the first that it does not: where the funding line is drawn.
    pub funded_above_line: u32,
    pub agreement: Vec<AlphaView>,
    pub agreement_total: AlphaView,
    pub sensitivity: Vec<SensitivityView>,
    pub calibration: Vec<CalibrationNote>,
    /// References in the order the meeting should take them: to discuss first, then the rest
    /// in rank order.
    pub meeting_order: Vec<String>,
    /// The same two parts, each ordered so recused members leave and come back as few times as
    /// possible («Rekkefølge: færrest ut og inn»).
    pub meeting_order_fewest_moves: Vec<String>,
    /// How many times members leave or come back in each order.
    pub moves_in_rank_order: u32,
    pub moves_in_fewest_order: u32,
    /// The leader's and the deputy's member ids, when chosen.
    pub chair: Option<String>,
    pub deputy: Option<String>,
    pub members: Vec<MemberChoice>,
    pub lottery: Option<LotteryView>,
    /// What the meeting must still record before the round can be finished.
    pub missing_records: Vec<String>,
    pub valid: bool,
    pub issues: Vec<String>,
    /// What «Angre» would take back, if anything.
    pub undo: Option<String>,
    pub locked: bool,
    /// Scoring has begun: the method (aggregation, calibration, partial funding, thresholds)
    /// changes only with a justification, after «Se virkningen».
    pub method_locked: bool,
}

/// «Se virkningen»: the computed proposal as it is and as it would be with other options, side
/// by side, without changing the round.
#[derive(Debug, Clone, Serialize, Type)]
pub struct WhatIfView {
    pub now: ProposalSummary,
    pub then: ProposalSummary,
    /// Applications whose proposed amount or rank would change, in today's rank order.
    pub changes: Vec<WhatIfChange>,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ProposalSummary {
    /// «Medianen» or «Gjennomsnittet», and the other options in words.
    pub method: String,
    /// The first application: `VV-2026-001 Felles legevakt`.
    pub first: String,
    pub proposed: MoneyFigure,
    pub funded: u32,
    /// «17 kommune, 8 helseforetak».
    pub by_side: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct WhatIfChange {
    pub reference: String,
    pub title: String,
    pub rank_now: String,
    pub rank_then: String,
    /// `1 200 000 kr` or «ikke innstilt».
    pub amount_now: String,
    pub amount_then: String,
}

fn proposal_summary(round: &Round, results: &Results) -> ProposalSummary {
    let first = results
        .applications
        .iter()
        .find(|application| application.rank == Some(1))
        .map(|application| format!("{} {}", application.reference, application.title))
        .unwrap_or_else(|| "–".to_owned());
    let funded = results
        .applications
        .iter()
        .filter(|application| application.proposed_amount != samvurd_core::Money::ZERO)
        .count();
    let by_side = results
        .budget
        .by_side
        .iter()
        .map(|side| {
            format!(
                "{} {}",
                side.proposed_count,
                samvurd_core::format::side_label_of_key(&side.key).to_lowercase()
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut method = vec![match round.info.aggregation {
        samvurd_core::Aggregation::Mean => "gjennomsnitt".to_owned(),
        samvurd_core::Aggregation::Median => "median".to_owned(),
    }];
    if round.options.calibration {
        method.push("kalibrering".to_owned());
    }
    if let Some(share) = round.options.partial_funding_min_share {
        method.push(format!(
            "delvis finansiering ned til {} %",
            samvurd_core::format::number(share * Decimal::from(100))
        ));
    }
    if let Some(threshold) = round.options.total_threshold {
        method.push(format!("minste totalskår {}", samvurd_core::format::number(threshold)));
    }
    ProposalSummary {
        method: method.join(", "),
        first,
        proposed: MoneyFigure::new(results.budget.proposed),
        funded: count(funded),
        by_side,
    }
}

fn amount_text(amount: samvurd_core::Money) -> String {
    if amount == samvurd_core::Money::ZERO { "ikke innstilt".to_owned() } else { amount.format() }
}

fn rank_text(rank: Option<u32>) -> String {
    rank.map(|rank| rank.to_string()).unwrap_or_else(|| "–".to_owned())
}

impl Session {
    /// «Se virkningen»: what the dashboard's options would give, beside what the round gives
    /// now. Nothing is written.
    pub fn what_if(&self, input: OptionsInput) -> AppResult<WhatIfView> {
        let change = input.to_change()?;
        let round = self.snapshot()?;
        let mut changed = round.clone();
        changed.options = change.applied_to(&round.options);
        if let Some(aggregation) = change.aggregation {
            changed.info.aggregation = aggregation;
        }
        changed
            .options
            .validate(&changed.info.scale)
            .map_err(|problem| crate::AppError::invalid(problem.to_string()))?;
        let now = crate::results::compute(&round);
        let then = crate::results::compute(&changed);
        let changes = now
            .applications
            .iter()
            .filter_map(|before| {
                let after =
                    then.applications.iter().find(|after| after.reference == before.reference)?;
                (before.proposed_amount != after.proposed_amount || before.rank != after.rank).then(
                    || WhatIfChange {
                        reference: before.reference.clone(),
                        title: before.title.clone(),
                        rank_now: rank_text(before.rank),
                        rank_then: rank_text(after.rank),
                        amount_now: amount_text(before.proposed_amount),
                        amount_then: amount_text(after.proposed_amount),
                    },
                )
            })
            .collect();
        Ok(WhatIfView {
            now: proposal_summary(&round, &now),
            then: proposal_summary(&changed, &then),
            changes,
        })
    }
}

fn alpha_view(name: String, alpha: Option<f64>) -> AlphaView {
    let decimal = alpha.and_then(|alpha| Decimal::try_from(alpha).ok());
    AlphaView {
        name,
        alpha,
        alpha_display: decimal.map(samvurd_core::format::points).unwrap_or_else(|| "–".to_owned()),
        reading: decimal.map_or_else(
            || "For få skårer til å måle enigheten.".to_owned(),
            |alpha| {
                samvurd_report::Texts::builtin(samvurd_core::language::Language::Bokmal)
                    .text(crate::documents::interpretation(alpha))
            },
        ),
    }
}

fn member_scores(
    round: &Round,
    application: &ApplicationResult,
    criterion: &str,
) -> Vec<MemberScoreView> {
    round
        .members
        .iter()
        .map(|member| {
            let recused = application.recused_members.contains(&member.id.0);
            let score = round.scores.iter().find(|score| {
                score.member == member.id
                    && score.application.0 == application.reference
                    && score.criterion.0 == criterion
            });
            let (value, mark) = match (recused, score.map(|score| score.value)) {
                (true, _) => (None, "inhabil"),
                (false, Some(ScoreValue::Value(value))) => (Some(value), ""),
                (false, Some(ScoreValue::NotApplicable)) => (None, "ikke relevant"),
                (false, None) => (None, "mangler"),
            };
            MemberScoreView {
                member: member.id.0.clone(),
                member_name: member.name.clone(),
                value,
                mark: mark.to_owned(),
            }
        })
        .collect()
}

fn dashboard_application(
    round: &Round,
    results: &Results,
    application: &ApplicationResult,
) -> DashboardApplication {
    let total_weight: Decimal = round.criteria.iter().map(|criterion| criterion.weight).sum();
    let criteria = round
        .criteria
        .iter()
        .map(|criterion| {
            let result = application.criteria.iter().find(|result| result.id == criterion.id.0);
            let value = result.and_then(|result| result.value.as_ref());
            let spread_display = match result.and_then(|result| result.min.zip(result.max)) {
                Some((low, high)) if low == high => format!("alle {low}"),
                Some((low, high)) => format!("{low}–{high}"),
                None => "–".to_owned(),
            };
            CriterionProfile {
                id: criterion.id.0.clone(),
                name: criterion.name.clone(),
                weight_percent: samvurd_core::format::weight_share(criterion.weight, total_weight),
                value: float(value),
                value_display: value.map_or_else(|| "–".to_owned(), exact_points),
                spread_display,
                flagged: application
                    .flags
                    .iter()
                    .any(|flag| flag.criterion.as_deref() == Some(criterion.id.0.as_str())),
                scores: member_scores(round, application, &criterion.id.0),
            }
        })
        .collect();
    let gates: Vec<GateStatusView> = application
        .gates
        .iter()
        .map(|gate| GateStatusView {
            id: gate.gate.clone(),
            question: round
                .gates
                .iter()
                .find(|candidate| candidate.id.0 == gate.gate)
                .map(|gate| gate.question.clone())
                .unwrap_or_default(),
            status: GateAnswerStatus::from(gate.status),
            note: gate.note.clone(),
        })
        .collect();
    let zone = application.uncertainty.as_ref().map(|uncertainty| Zone::from(uncertainty.label));
    let stand_in = samvurd_core::meeting::stand_in_chair(
        round,
        &samvurd_core::ApplicationRef(application.reference.clone()),
    );
    let mut discuss: Vec<String> =
        application.flags.iter().map(|flag| flag.reason.clone()).collect();
    if zone == Some(Zone::GreyZone) {
        discuss.push(
            "I gråsonen: usikkerheten i skårene gjør at den kan havne på begge sider av streken."
                .to_owned(),
        );
    }
    let recommendation = &application.recommendation;
    DashboardApplication {
        reference: application.reference.clone(),
        title: application.title.clone(),
        applicant: application.applicant.clone(),
        side_label: samvurd_core::format::side_label(application.applicant_side).to_owned(),
        priority_area: application.priority_area.clone(),
        requested: MoneyFigure::new(application.amount_requested),
        total: float(application.total.as_ref()),
        total_display: application.total.as_ref().map_or_else(|| "–".to_owned(), exact_points),
        rank: application.rank,
        rank_low: application.uncertainty.as_ref().map(|uncertainty| uncertainty.rank_low),
        rank_high: application.uncertainty.as_ref().map(|uncertainty| uncertainty.rank_high),
        zone,
        zone_label: zone.map(Zone::label).unwrap_or_default().to_owned(),
        funded_percent: application.uncertainty.as_ref().and_then(|uncertainty| {
            (uncertainty.draws > 0).then(|| uncertainty.funded_draws * 100 / uncertainty.draws)
        }),
        calibrated_total: application.calibrated_total,
        calibrated_display: application
            .calibrated_total
            .and_then(|total| Decimal::try_from(total).ok())
            .map(points)
            .unwrap_or_default(),
        calibrated_rank: application.calibrated_rank,
        proposed: MoneyFigure::new(application.proposed_amount),
        reason_text: application.reason_text.clone(),
        outcome: recommendation.outcome.into(),
        outcome_label: recommendation.outcome.label().to_owned(),
        recommended: MoneyFigure::new(recommendation.amount),
        justification: recommendation.justification.clone(),
        from_chair: recommendation.source
            == samvurd_core::recommendation::RecommendationSource::Chair,
        deviates: recommendation.deviates,
        remaining_before: application.remaining_before.map(MoneyFigure::new),
        flags: application
            .flags
            .iter()
            .map(|flag| FlagView { kind: FlagKind::from(flag.kind), reason: flag.reason.clone() })
            .collect(),
        gates,
        criteria,
        recused: application
            .recused_members
            .iter()
            .map(|id| {
                round
                    .members
                    .iter()
                    .find(|member| &member.id.0 == id)
                    .map_or_else(|| id.clone(), |member| member.name.clone())
            })
            .collect(),
        discuss,
        issues: results
            .recommendation
            .issues
            .iter()
            .filter(|issue| issue.application.as_deref() == Some(application.reference.as_str()))
            .map(|issue| issue.message.clone())
            .collect(),
        present: round
            .members
            .iter()
            .filter(|member| !application.recused_members.contains(&member.id.0))
            .map(|member| member.name.clone())
            .collect(),
        chaired_by: stand_in.clone().flatten().map(|member| name_of_member(round, &member.0)),
        needs_item_chair: stand_in == Some(None),
        needs_consensus: zone == Some(Zone::GreyZone) || !application.flags.is_empty(),
        consensus: application.consensus.as_ref().map(|consensus| ConsensusView {
            assessment: consensus.assessment.clone(),
            majority: consensus.majority.clone(),
            minority: consensus.minority.clone(),
            minority_members: consensus.minority_members.clone(),
            minority_names: consensus
                .minority_members
                .iter()
                .map(|id| name_of_member(round, id))
                .collect(),
        }),
        lottery_text: application.lottery.as_ref().map(|entry| {
            if entry.drawn {
                format!("Trukket ut ved loddtrekning (nr. {} i trekningen).", entry.position)
            } else {
                format!("Ikke trukket ut ved loddtrekningen (nr. {} i trekningen).", entry.position)
            }
        }),
    }
}

fn name_of_member(round: &Round, id: &str) -> String {
    round
        .members
        .iter()
        .find(|member| member.id.0 == id)
        .map_or_else(|| id.to_owned(), |member| member.name.clone())
}

pub(crate) fn dashboard_view(
    round: &Round,
    results: &Results,
    undo: Option<String>,
    locked: bool,
) -> DashboardView {
    let applications: Vec<DashboardApplication> = results
        .applications
        .iter()
        .map(|application| dashboard_application(round, results, application))
        .collect();
    let funded_above_line = applications
        .iter()
        .take_while(|application| application.rank.is_some() && application.recommended.value > 0.0)
        .count();
    let mut meeting_order: Vec<String> = applications
        .iter()
        .filter(|application| !application.discuss.is_empty())
        .map(|application| application.reference.clone())
        .collect();
    meeting_order.extend(
        applications
            .iter()
            .filter(|application| application.discuss.is_empty())
            .map(|application| application.reference.clone()),
    );
    let to_discuss =
        applications.iter().filter(|application| !application.discuss.is_empty()).count();
    let queue: Vec<samvurd_core::ApplicationRef> = meeting_order
        .iter()
        .map(|reference| samvurd_core::ApplicationRef(reference.clone()))
        .collect();
    let fewest = samvurd_core::meeting::fewest_moves(round, &queue, to_discuss);
    let moves_in_rank_order = count(samvurd_core::meeting::leave_return_changes(round, &queue));
    let moves_in_fewest_order = count(samvurd_core::meeting::leave_return_changes(round, &fewest));
    let options = &results.round.options;
    let budget = &results.budget;
    let name_of = |id: &str| {
        round
            .criteria
            .iter()
            .find(|criterion| criterion.id.0 == id)
            .map_or_else(|| id.to_owned(), |criterion| criterion.name.clone())
    };
    let member_name = |id: &str| {
        round
            .members
            .iter()
            .find(|member| member.id.0 == id)
            .map_or_else(|| id.to_owned(), |member| member.name.clone())
    };
    DashboardView {
        title: round.info.title.clone(),
        scale_min: round.info.scale.min,
        scale_max: round.info.scale.max,
        options: OptionsView {
            aggregation: AggregationMethod::from(round.info.aggregation),
            calibration: options.calibration,
            calibration_min_applications: options.calibration_min_applications,
            partial_funding: options.partial_funding_min_share.is_some(),
            partial_min_percent: options.partial_funding_min_share.map_or_else(
                || "50".to_owned(),
                |share| samvurd_core::format::number(share * Decimal::ONE_HUNDRED),
            ),
            total_threshold: options
                .total_threshold
                .map(samvurd_core::format::number)
                .unwrap_or_default(),
        },
        budget: BudgetView {
            frame: MoneyFigure::new(budget.frame),
            total_requested: MoneyFigure::new(budget.total_requested),
            proposed: MoneyFigure::new(budget.proposed),
            recommended: MoneyFigure::new(budget.recommended),
            remaining: MoneyFigure::new(budget.frame - budget.recommended),
            over_frame_by: results.recommendation.over_frame_by.map(MoneyFigure::new),
            by_side: budget
                .by_side
                .iter()
                .map(|side| SideFigure {
                    key: Side::of_key(&side.key),
                    label: samvurd_core::format::side_label_of_key(&side.key).to_owned(),
                    applications: count(side.applications),
                    requested: MoneyFigure::new(side.requested),
                    recommended_count: count(side.recommended_count),
                    recommended: MoneyFigure::new(side.recommended),
                })
                .collect(),
        },
        funded_above_line: count(funded_above_line),
        meeting_order,
        meeting_order_fewest_moves: fewest.into_iter().map(|reference| reference.0).collect(),
        moves_in_rank_order,
        moves_in_fewest_order,
        chair: round.meeting.chair.as_ref().map(|member| member.0.clone()),
        deputy: round.meeting.deputy.as_ref().map(|member| member.0.clone()),
        members: round
            .members
            .iter()
            .map(|member| MemberChoice { id: member.id.0.clone(), name: member.name.clone() })
            .collect(),
        lottery: results.lottery.as_ref().map(|lottery| LotteryView {
            seed_text: lottery.seed_text.clone(),
            source: lottery.source.clone(),
            seed: lottery.seed.clone(),
            available: MoneyFigure::new(lottery.available),
            allocated: MoneyFigure::new(lottery.allocated),
            lines: lottery
                .sequence
                .iter()
                .enumerate()
                .map(|(index, reference)| {
                    let entry = results
                        .applications
                        .iter()
                        .find(|application| &application.reference == reference);
                    let amount = entry.map(|entry| entry.proposed_amount).unwrap_or_default();
                    if entry
                        .and_then(|entry| entry.lottery.as_ref())
                        .is_some_and(|entry| entry.drawn)
                    {
                        format!(
                            "{}. {reference}: trukket ut ved loddtrekning, {}.",
                            index + 1,
                            amount.format()
                        )
                    } else {
                        format!("{}. {reference}: ikke trukket ut.", index + 1)
                    }
                })
                .collect(),
        }),
        missing_records: results.missing_records.clone(),
        agreement: results
            .agreement
            .criteria
            .iter()
            .map(|alpha| {
                alpha_view(alpha.criterion.as_deref().map(name_of).unwrap_or_default(), alpha.alpha)
            })
            .collect(),
        agreement_total: alpha_view("Totalskår".to_owned(), results.agreement.totals.alpha),
        sensitivity: results
            .sensitivity
            .iter()
            .map(|sensitivity| SensitivityView {
                criterion: name_of(&sensitivity.criterion),
                share: samvurd_core::format::percent_of(sensitivity.share_percent.to_decimal()),
                text: sensitivity.text.clone(),
            })
            .collect(),
        calibration: results
            .calibration
            .iter()
            .flat_map(|calibration| &calibration.members)
            .map(|member| CalibrationNote {
                member_name: member_name(&member.member),
                calibrated: member.calibrated,
                note: member.note.clone(),
            })
            .collect(),
        valid: results.recommendation.valid,
        issues: results.recommendation.issues.iter().map(|issue| issue.message.clone()).collect(),
        applications,
        undo,
        locked,
        method_locked: !round.scores.is_empty(),
    }
}
