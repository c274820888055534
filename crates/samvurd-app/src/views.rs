//! The transport DTOs of the desktop app: what crosses IPC, typed for the UI by specta.
//!
//! They are views made for screens, not the domain types: money travels as a canonical decimal
//! string plus the Norwegian display text, dates as ISO strings plus `23.11.2026`, and every
//! list is in the order the screen shows it. Inputs are plain strings the UI got from its
//! fields, parsed here with the same rules as everywhere else.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};
use specta::Type;

use samvurd_core::continuation::{ContinuedGrant, MatchedBy};
use samvurd_core::{Application, Criterion, Gate, Member, Money};

use crate::kinds::{MemberRole, ProjectKind, Side};

/// A date as shown to people: `23.11.2026`.
pub fn show_date(date: chrono::NaiveDate) -> String {
    samvurd_core::format::date(date)
}

/// A project period as shown to people: `01.01.2027–31.12.2027`, `fra …`, `til …` or empty.
pub(crate) fn period_display(
    start: Option<chrono::NaiveDate>,
    end: Option<chrono::NaiveDate>,
) -> String {
    match (start, end) {
        (Some(start), Some(end)) => format!("{}–{}", show_date(start), show_date(end)),
        (Some(start), None) => format!("fra {}", show_date(start)),
        (None, Some(end)) => format!("til {}", show_date(end)),
        (None, None) => String::new(),
    }
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct LockView {
    /// `23.11.2026 kl. 14:05`.
    pub at: String,
    pub by: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ScaleStep {
    pub value: i32,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct CriterionView {
    pub id: String,
    pub name: String,
    pub guidance: String,
    /// The weight as written (`2`, `1.5`).
    pub weight: String,
    /// Its share of all weights, e.g. `28,6 %`.
    pub weight_percent: String,
    pub allow_not_applicable: bool,
}

impl CriterionView {
    pub(crate) fn new(criterion: &Criterion, total_weight: Decimal) -> CriterionView {
        CriterionView {
            id: criterion.id.0.clone(),
            name: criterion.name.clone(),
            guidance: criterion.guidance.clone(),
            weight: criterion.weight.normalize().to_string(),
            weight_percent: samvurd_core::format::weight_share(criterion.weight, total_weight),
            allow_not_applicable: criterion.allow_not_applicable,
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct GateView {
    pub id: String,
    pub question: String,
    pub guidance: String,
}

impl GateView {
    pub(crate) fn new(gate: &Gate) -> GateView {
        GateView {
            id: gate.id.0.clone(),
            question: gate.question.clone(),
            guidance: gate.guidance.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct MemberView {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub role: MemberRole,
    pub role_label: String,
    pub scores_given: u32,
    pub scores_expected: u32,
}

impl MemberView {
    pub(crate) fn new(member: &Member, scores_given: usize, scores_expected: usize) -> MemberView {
        MemberView {
            id: member.id.0.clone(),
            name: member.name.clone(),
            organisation: member.organisation.clone(),
            role: MemberRole::from(member.role),
            role_label: member.role.label().to_owned(),
            scores_given: u32::try_from(scores_given).unwrap_or(u32::MAX),
            scores_expected: u32::try_from(scores_expected).unwrap_or(u32::MAX),
        }
    }
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ApplicationView {
    pub reference: String,
    pub title: String,
    pub applicant: String,
    pub applicant_side: Side,
    /// «Kommune», «Helseforetak» or «Annet».
    pub applicant_side_label: String,
    pub partners: String,
    pub priority_area: String,
    /// ISO dates, or empty.
    pub period_start: String,
    pub period_end: String,
    /// `01.01.2027–31.12.2027`, or empty.
    pub period_display: String,
    pub amount_requested: String,
    pub amount_requested_display: String,
    pub own_contribution_kommune: String,
    pub own_contribution_hf: String,
    pub summary: String,
    pub kind: ProjectKind,
    /// The application's own document: a path (relative to the round's folder) or a link, or
    /// empty when the chair has not added one.
    pub document: String,
    /// The applicant's kommune as the register found it, `Stavanger (1103)`, or empty.
    pub kommune: String,
    /// The import file's columns Samvurd does not know, kept as text, in the file's order.
    pub extra: Vec<ExtraFieldView>,
    /// Last year's grant this application continues («Videreføring»), when the round was made
    /// from the previous one and the application matches one of its grants.
    pub continuation: Option<ContinuationNote>,
}

/// «Videreføring»: last year's grant an application continues, shown beside it in scoring.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ContinuationNote {
    /// The grant's reference in the previous round.
    pub previous_reference: String,
    pub previous_title: String,
    /// What it was matched by: `reference` or `title`.
    pub matched_by: String,
    /// «innvilget» or «delvis innvilget».
    pub last_year_outcome: String,
    pub last_year_granted: MoneyFigure,
    /// «1 av 3 rapporter mottatt, 1 forfalt (per 02.12.2026)», or that the follow-up was not
    /// opened.
    pub report_status: String,
    /// The whole note in one line, as the scoring screen shows it.
    pub text: String,
}

impl ContinuationNote {
    pub(crate) fn new(grant: &ContinuedGrant, matched_by: MatchedBy) -> ContinuationNote {
        let report_status = grant.report_status_label();
        ContinuationNote {
            previous_reference: grant.reference.0.clone(),
            previous_title: grant.title.clone(),
            matched_by: matched_by.as_str().to_owned(),
            last_year_outcome: grant.outcome.label().to_owned(),
            last_year_granted: MoneyFigure::new(grant.granted),
            text: format!(
                "Videreføring av {} (funnet på {}): {} {} i fjor; {}.",
                grant.reference,
                matched_by.label(),
                grant.outcome.label(),
                grant.granted.format(),
                report_status
            ),
            report_status,
        }
    }
}

/// One unknown column of the import file: its header and this application's text.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ExtraFieldView {
    pub header: String,
    pub value: String,
}

impl ApplicationView {
    pub(crate) fn with_document(mut self, document: Option<&String>) -> ApplicationView {
        self.document = document.cloned().unwrap_or_default();
        self
    }

    /// The «Videreføring» note: the grant this application continues, if any.
    pub(crate) fn with_continuation(
        mut self,
        continuation: Option<(&ContinuedGrant, MatchedBy)>,
    ) -> ApplicationView {
        self.continuation =
            continuation.map(|(grant, matched_by)| ContinuationNote::new(grant, matched_by));
        self
    }

    pub(crate) fn new(application: &Application) -> ApplicationView {
        let iso =
            |date: Option<chrono::NaiveDate>| date.map(|date| date.to_string()).unwrap_or_default();
        let period_display = period_display(application.period_start, application.period_end);
        ApplicationView {
            reference: application.reference.0.clone(),
            title: application.title.clone(),
            applicant: application.applicant.clone(),
            applicant_side: Side::from(application.applicant_side),
            applicant_side_label: samvurd_core::format::side_label(application.applicant_side)
                .to_owned(),
            partners: application.partners.clone(),
            priority_area: application.priority_area.clone(),
            period_start: iso(application.period_start),
            period_end: iso(application.period_end),
            period_display,
            amount_requested: application.amount_requested.to_canonical_string(),
            amount_requested_display: application.amount_requested.format(),
            own_contribution_kommune: application.own_contribution_kommune.format_number(),
            own_contribution_hf: application.own_contribution_hf.format_number(),
            summary: application.summary.clone(),
            kind: ProjectKind::from(application.kind),
            document: String::new(),
            kommune: application.kommune.clone().unwrap_or_default(),
            extra: application
                .extra
                .iter()
                .map(|field| ExtraFieldView {
                    header: field.header.clone(),
                    value: field.value.clone(),
                })
                .collect(),
            continuation: None,
        }
    }
}

/// Everything the set-up screens and the window title need about the open round.
#[derive(Debug, Clone, Serialize, Type)]
pub struct RoundView {
    pub path: String,
    pub file_name: String,
    pub read_only: bool,
    /// Set when the chair has locked the round after the decision: nothing can be changed.
    pub locked: Option<LockView>,
    pub title: String,
    pub helsefellesskap: String,
    pub budget_frame: String,
    pub budget_frame_display: String,
    /// ISO date or empty.
    pub deadline: String,
    pub deadline_display: String,
    pub scale_min: i32,
    pub scale_max: i32,
    pub scale: Vec<ScaleStep>,
    pub template_id: String,
    pub criteria: Vec<CriterionView>,
    pub gates: Vec<GateView>,
    /// Weights and scale are locked once the first score exists; this says why, or is empty.
    pub weights_locked_reason: String,
    pub members: Vec<MemberView>,
    pub applications: Vec<ApplicationView>,
    pub total_requested_display: String,
    /// Who the person at this machine is in this round («Hvem er du?»), if chosen. Kept on the
    /// machine, never in the file.
    pub identity: Option<MemberView>,
    /// The short fingerprint of that person's signing key on this machine, to read out to the
    /// chair; empty when nobody is chosen.
    pub key_fingerprint: String,
    /// This file is a member's copy (not the chair's master): it opens on «Hvem er du?» and its
    /// set-up is read-only.
    pub member_copy: bool,
    /// Why set-up cannot be changed here, or empty in the master.
    pub setup_note: String,
    /// The SSU's vedtak is recorded: the chair's «Oppfølging» opens after it.
    pub vedtak_recorded: bool,
}

/// A template to choose from when creating a round.
#[derive(Debug, Clone, Serialize, Type)]
pub struct TemplateView {
    pub id: String,
    pub name: String,
    pub helsefellesskap: String,
    pub description: String,
    pub scale_min: i32,
    pub scale_max: i32,
    pub criteria: Vec<CriterionView>,
    pub gates: Vec<GateView>,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct NewRoundInput {
    /// Where the round file goes (from the save dialog).
    pub path: String,
    pub template_id: String,
    pub title: String,
    pub helsefellesskap: String,
    /// As typed, e.g. `20 500 000`.
    pub budget_frame: String,
    /// As typed (`01.09.2026`) or empty.
    pub deadline: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct RoundInfoInput {
    pub title: String,
    pub helsefellesskap: String,
    pub budget_frame: String,
    pub deadline: String,
    pub scale_min: i32,
    pub scale_max: i32,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct CriterionInput {
    pub id: String,
    pub name: String,
    pub guidance: String,
    /// As typed: `2`, `1,5`.
    pub weight: String,
    pub allow_not_applicable: bool,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct MemberInput {
    pub name: String,
    pub organisation: String,
    pub role: String,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ApplicationInput {
    pub reference: String,
    pub title: String,
    pub applicant: String,
    pub applicant_side: String,
    pub partners: String,
    pub priority_area: String,
    pub period_start: String,
    pub period_end: String,
    pub amount_requested: String,
    pub own_contribution_kommune: String,
    pub own_contribution_hf: String,
    pub summary: String,
    pub kind: String,
    /// The application's document: a path or an `https://` link; empty for none.
    #[serde(default)]
    pub document: String,
}

/// What an import file holds, checked but not saved.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ImportPreview {
    pub file_name: String,
    pub applications: Vec<ApplicationView>,
    /// The whole file's error (with every bad row) when it cannot be imported; then nothing can be
    /// saved.
    pub error: Option<crate::AppError>,
    /// The columns chosen for the file: the person's, or those saved with the round for the
    /// file's form; empty when the headers were enough.
    pub mapping: crate::setup::import::ColumnMapping,
    /// Whether `mapping` is the one saved with the round for this form.
    pub saved_mapping: bool,
}

/// One criterion of one application in the scoring screen.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ScoreCell {
    pub criterion: String,
    pub value: Option<i32>,
    pub not_applicable: bool,
    pub justification: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct ScoringApplication {
    pub application: ApplicationView,
    /// The reason, when this member has declared a conflict of interest for it.
    pub recusal: Option<String>,
    pub cells: Vec<ScoreCell>,
    /// Every criterion has a value or *ikke relevant*.
    pub complete: bool,
}

/// The member's whole scoring job.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ScoringSheet {
    pub member: MemberView,
    pub round_title: String,
    pub criteria: Vec<CriterionView>,
    pub scale: Vec<ScaleStep>,
    pub scale_min: i32,
    pub scale_max: i32,
    pub applications: Vec<ScoringApplication>,
    /// Applications fully scored, out of those the member is not recused from.
    pub done: u32,
    pub total: u32,
}

/// What one saved score changes on the scoring screen: its application as the round file now
/// holds it, and the progress. Small on purpose: the whole sheet of 200 applications, sent back
/// and drawn again after every key press, was most of a keystroke's time.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ScoreSaved {
    /// `None` when the application is no longer in the member's list (recused meanwhile).
    pub application: Option<ScoringApplication>,
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Deserialize, Type)]
pub struct ScoreCellInput {
    pub application: String,
    pub criterion: String,
    /// A number on the scale, `IR` for *ikke relevant*, or empty to clear.
    pub value: String,
    pub justification: String,
}

/// What an export wrote.
#[derive(Debug, Clone, Serialize, Type)]
pub struct ExportSummary {
    pub path: String,
    /// The folder the file is in, for «Vis fila i mappen».
    pub folder: String,
    pub member_name: String,
    /// Scores that count: on applications the member is not recused from. The same count as
    /// the member's progress («Du har gitt 12 skårer av 155»).
    pub scores: u32,
    /// Scores given before a recusal: in the file, never counted.
    pub scores_on_recused: u32,
    pub recusals: u32,
    /// The short fingerprint of the key the file is signed with.
    pub fingerprint: String,
}

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

/// A count for a view (they are small; a count past `u32::MAX` shows as that).
pub(crate) fn count(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Points with two decimals and a decimal comma: `5,33`.
pub fn points(value: Decimal) -> String {
    samvurd_core::format::points(value)
}
