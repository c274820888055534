//! The chair's screens as DTOs: the merge (dry run and result), the status before the meeting,
//! the results dashboard and the meeting's queue.
//!
//! Like `views`, these are made for screens: every figure arrives both as a number the charts
//! can place (`value`, kroner or points as a float, used only for drawing) and as the Norwegian
//! text to show (`display`), formatted here so the UI never formats money or rounds a total.
//! Everything comes from one `results::compute`, the same as `samvurd results --json`.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use samvurd_core::{Exact, Money, Round, ScoreValue};
use serde::Serialize;
use specta::Type;

use crate::kinds::{AggregationMethod, FlagKind, GateAnswerStatus, RecommendedOutcome, Side, Zone};
use crate::merge::{MergeReport, MergeStatus};
use crate::results::{ApplicationResult, Results};

/// An amount of money: the number as a form field shows it, kroner as a float for drawing, and
/// the text.
#[derive(Debug, Clone, Serialize, Type)]
pub struct MoneyFigure {
    /// `500 000` (no «kr»), ready for an input the chair edits.
    pub amount: String,
    pub value: f64,
    pub display: String,
}

impl MoneyFigure {
    pub(crate) fn new(money: Money) -> MoneyFigure {
        MoneyFigure {
            amount: money.format_number(),
            value: money.amount().to_f64().unwrap_or_default(),
            display: money.format(),
        }
    }
}

fn count(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Points with two decimals and a decimal comma: `5,33`.
pub fn points(value: Decimal) -> String {
    samvurd_core::format::points(value)
}

fn float(value: Option<&Exact>) -> Option<f64> {
    value.map(Exact::to_f64)
}

/// An exact value as points: rounded half away from zero from the exact value.
fn exact_points(value: &Exact) -> String {
    points(value.round_dp(2))
}

// ---- merge ---------------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize, Type)]
pub struct MergeFileView {
    /// The path as chosen, so the screen can merge exactly these files after the dry run.
    pub path: String,
    pub file: String,
    /// SHA-256 of the bytes the preview read; the merge after it takes only these bytes.
    pub content_hash: String,
    /// `would_merge`, `merged`, `unchanged` or `refused`.
    pub status: MergeStatus,
    pub status_label: String,
    pub member_name: String,
    pub scores_new: u32,
    pub scores_updated: u32,
    pub scores_unchanged: u32,
    pub recusals_new: u32,
    pub recusals_updated: u32,
    /// Scores on applications the member is recused from: kept, never counted.
    pub scores_on_recused: u32,
    /// Records older than the round's version of them: not applied.
    pub older: u32,
    /// «usignert», «ny nøkkel» (the first signed file for this member) or «kjent nøkkel»; empty
    /// for a refused file.
    pub signature: String,
    /// The signing key's short fingerprint, to compare with the member on the phone.
    pub fingerprint: String,
    /// Refused because the master trusts another key for this member: «Godta ny nøkkel».
    pub key_conflict: bool,
    /// Why the file was refused; empty otherwise.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct MergeView {
    pub dry_run: bool,
    /// The backup made before the first change, if anything changed.
    pub backup: Option<String>,
    pub files: Vec<MergeFileView>,
    /// One sentence: what was (or would be) done.
    pub summary: String,
    /// How many files can be merged (dry run) or were merged.
    pub mergeable: u32,
    pub refused: u32,
}

pub(crate) fn merge_view(report: &MergeReport, paths: &[String]) -> MergeView {
    let files: Vec<MergeFileView> = report
        .files
        .iter()
        .zip(paths)
        .map(|(file, path)| {
            let counts = file.counts.clone().unwrap_or_default();
            let (status, status_label) = match file.status {
                MergeStatus::WouldMerge if counts.changes() == 0 => {
                    (file.status, "Ingenting nytt".to_owned())
                }
                MergeStatus::WouldMerge => (file.status, "Klar til å slås sammen".to_owned()),
                MergeStatus::Merged => (file.status, "Slått sammen".to_owned()),
                MergeStatus::Unchanged => (file.status, "Ingenting nytt".to_owned()),
                MergeStatus::Refused => (file.status, "Avvist".to_owned()),
            };
            MergeFileView {
                path: path.clone(),
                file: file.file.clone(),
                content_hash: file.content_hash.clone().unwrap_or_default(),
                status,
                status_label,
                member_name: file.member_name.clone().unwrap_or_default(),
                scores_new: count(counts.scores_new),
                scores_updated: count(counts.scores_updated),
                scores_unchanged: count(counts.scores_unchanged),
                recusals_new: count(counts.recusals_new),
                recusals_updated: count(counts.recusals_updated),
                scores_on_recused: count(counts.scores_on_recused_applications),
                older: count(counts.scores_older + counts.recusals_older),
                signature: match file.signature {
                    Some(samvurd_store::KeyTrust::Unsigned) => "usignert",
                    Some(samvurd_store::KeyTrust::FirstKey) => "ny nøkkel",
                    Some(samvurd_store::KeyTrust::Trusted) => "kjent nøkkel",
                    None => "",
                }
                .to_owned(),
                fingerprint: file.fingerprint.clone().unwrap_or_default(),
                key_conflict: file.key_conflict,
                reason: file.reason.clone().unwrap_or_default(),
            }
        })
        .collect();
    let refused = files.iter().filter(|file| file.status == MergeStatus::Refused).count();
    let mergeable = files.len() - refused;
    let summary = match (report.dry_run, mergeable, refused) {
        (_, 0, 0) => "Ingen filer valgt.".to_owned(),
        (true, 0, _) => "Ingen av filene kan slås sammen. Se grunnen ved hver fil.".to_owned(),
        (true, ok, 0) => {
            format!("{ok} {} kan slås sammen. Ingenting er skrevet ennå.", files_word(ok))
        }
        (true, ok, bad) => format!(
            "{ok} {} kan slås sammen, {bad} blir avvist. Ingenting er skrevet ennå.",
            files_word(ok)
        ),
        (false, ok, bad) => {
            let backup = report
                .backup
                .as_deref()
                .map(|backup| format!(" Sikkerhetskopi før sammenslåingen: {backup}."))
                .unwrap_or_default();
            let refused = if bad > 0 { format!(" {bad} avvist.") } else { String::new() };
            format!("{ok} {} behandlet.{refused}{backup}", files_word(ok))
        }
    };
    MergeView {
        dry_run: report.dry_run,
        backup: report.backup.clone(),
        files,
        summary,
        mergeable: count(mergeable),
        refused: count(refused),
    }
}

fn files_word(count: usize) -> &'static str {
    if count == 1 { "fil" } else { "filer" }
}

// ---- status --------------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize, Type)]
pub struct MergeHistoryEntry {
    pub at: String,
    /// The member's id, so the status screen finds each member's last file even when two
    /// members share a name.
    pub member: String,
    pub actor: String,
    pub file: String,
    pub member_name: String,
    pub summary: String,
    /// True for a file merged without a signature, after the chair confirmed it («usignert»).
    pub unsigned: bool,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct MemberStatus {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub role_label: String,
    pub scores_given: u32,
    pub scores_expected: u32,
    pub percent: u32,
    pub complete: bool,
    pub recusals: u32,
    /// The last score file merged from this member, and when; empty when none has come.
    pub last_file: String,
    pub last_received: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct RecusalView {
    pub member_name: String,
    pub application: String,
    pub application_title: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct StatusView {
    pub members: Vec<MemberStatus>,
    pub complete_members: u32,
    pub recusals: Vec<RecusalView>,
    /// Newest first.
    pub history: Vec<MergeHistoryEntry>,
}

/// `2026-11-23T13:05:00.000Z` as `23.11.2026 kl. 14:05` in local time.
pub(crate) fn show_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_owned(),
        |at| at.with_timezone(&chrono::Local).format("%d.%m.%Y kl. %H:%M").to_string(),
    )
}

pub(crate) fn merge_history(
    round: &Round,
    log: &[samvurd_store::AuditEntry],
) -> Vec<MergeHistoryEntry> {
    log.iter()
        .rev()
        .filter(|entry| entry.action == "merge_score_file")
        .map(|entry| {
            let detail: serde_json::Value = serde_json::from_str(&entry.detail).unwrap_or_default();
            let member = detail["member"].as_str().unwrap_or_default();
            let member_name = round
                .members
                .iter()
                .find(|candidate| candidate.id.0 == member)
                .map_or_else(|| member.to_owned(), |member| member.name.clone());
            let counts = &detail["counts"];
            let number = |key: &str| counts[key].as_u64().unwrap_or(0);
            let summary = merged_counts_text(
                number("scores_new"),
                number("scores_updated"),
                number("recusals_new"),
                number("recusals_updated"),
            );
            MergeHistoryEntry {
                at: show_time(&entry.at),
                member: member.to_owned(),
                actor: entry.actor.clone(),
                file: detail["file"].as_str().unwrap_or_default().to_owned(),
                member_name,
                summary,
                unsigned: detail["signature"].as_str() == Some("usignert"),
            }
        })
        .collect()
}

/// What one merge brought in, in Norwegian with singular and plural right and no zero counts:
/// «15 nye skårer og 1 ny inhabilitetserklæring».
fn merged_counts_text(
    scores_new: u64,
    scores_updated: u64,
    recusals_new: u64,
    recusals_updated: u64,
) -> String {
    let parts: Vec<String> = [
        (scores_new, "ny skår", "nye skårer"),
        (scores_updated, "endret skår", "endrede skårer"),
        (recusals_new, "ny inhabilitetserklæring", "nye inhabilitetserklæringer"),
        (recusals_updated, "endret inhabilitetserklæring", "endrede inhabilitetserklæringer"),
    ]
    .into_iter()
    .filter(|(count, _, _)| *count > 0)
    .map(|(count, one, many)| format!("{count} {}", if count == 1 { one } else { many }))
    .collect();
    match parts.as_slice() {
        [] => "ingenting nytt".to_owned(),
        [only] => only.clone(),
        [first @ .., last] => format!("{} og {last}", first.join(", ")),
    }
}

pub(crate) fn status_view(round: &Round, log: &[samvurd_store::AuditEntry]) -> StatusView {
    let history = merge_history(round, log);
    let members: Vec<MemberStatus> = round
        .members
        .iter()
        .map(|member| {
            let (given, expected) = crate::round::member_progress(round, &member.id);
            let percent = (given * 100).checked_div(expected).unwrap_or(100);
            let last = history.iter().find(|entry| entry.member == member.id.0);
            MemberStatus {
                id: member.id.0.clone(),
                name: member.name.clone(),
                organisation: member.organisation.clone(),
                role_label: member.role.label().to_owned(),
                scores_given: count(given),
                scores_expected: count(expected),
                percent: count(percent),
                complete: expected > 0 && given >= expected,
                recusals: count(
                    round.recusals.iter().filter(|recusal| recusal.member == member.id).count(),
                ),
                last_file: last.map(|entry| entry.file.clone()).unwrap_or_default(),
                last_received: last.map(|entry| entry.at.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let recusals = round
        .recusals
        .iter()
        .map(|recusal| RecusalView {
            member_name: round
                .member(&recusal.member)
                .map_or_else(|| recusal.member.0.clone(), |member| member.name.clone()),
            application: recusal.application.0.clone(),
            application_title: round
                .application(&recusal.application)
                .map(|application| application.title.clone())
                .unwrap_or_default(),
            reason: recusal.reason.clone(),
        })
        .collect();
    StatusView {
        complete_members: count(members.iter().filter(|member| member.complete).count()),
        members,
        recusals,
        history,
    }
}

// ---- dashboard -----------------------------------------------------------------------------

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
    pub valid: bool,
    pub issues: Vec<String>,
    /// What «Angre» would take back, if anything.
    pub undo: Option<String>,
    pub locked: bool,
}

fn alpha_view(name: String, alpha: Option<f64>) -> AlphaView {
    let decimal = alpha.and_then(|alpha| Decimal::try_from(alpha).ok());
    AlphaView {
        name,
        alpha,
        alpha_display: decimal.map(samvurd_core::format::points).unwrap_or_else(|| "–".to_owned()),
        reading: decimal.map_or_else(
            || "For få skårer til å måle enigheten.".to_owned(),
            |alpha| crate::report::interpretation(alpha).to_owned(),
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
    }
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merge_in_the_history_says_what_came_in_with_singular_and_plural_right() {
        assert_eq!(merged_counts_text(15, 0, 1, 0), "15 nye skårer og 1 ny inhabilitetserklæring");
        assert_eq!(merged_counts_text(1, 0, 0, 0), "1 ny skår");
        assert_eq!(
            merged_counts_text(2, 1, 0, 3),
            "2 nye skårer, 1 endret skår og 3 endrede inhabilitetserklæringer"
        );
        assert_eq!(merged_counts_text(0, 0, 0, 0), "ingenting nytt");
    }
}
