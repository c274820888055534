//! After the grant: the follow-up register of each granted application — the reports it owes,
//! when they are due and whether they have come, and the money paid out.
//!
//! The register opens after the SSU's vedtak with the reporting rules of the round's template
//! (or of a criteria file), and the store keeps it writable in a locked round through its own
//! audited changes. The list is worked out for a given day: a report not received is
//! *forfalt* from the day after its due date, with the days it is overdue.

mod desktop;
mod documents;

pub use desktop::{GrantForm, ReceiptForm};
pub use documents::{
    FollowUpInputs, half_year_status_of, reminders_of, write_half_year_status_of,
    write_reminders_of,
};

use std::path::Path;

use chrono::NaiveDate;
use samvurd_core::reporting::{ReportKind, ReportingRules};
use samvurd_core::template::Template;
use samvurd_core::{ApplicationRef, format};
use samvurd_store::{Change, Consent, Received};
use serde::Serialize;
use specta::Type;

use crate::round::load_template;
use crate::views::MoneyFigure;
use crate::{AppError, AppResult, CriteriaSource, OpenRound, parse};

/// Where a report stands on the day the list is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    /// Not received, and the due date has passed.
    Overdue,
    /// Not received, due today or later.
    Due,
    Received,
}

impl ReportStatus {
    pub fn label(self) -> &'static str {
        match self {
            ReportStatus::Overdue => "forfalt",
            ReportStatus::Due => "ikke forfalt",
            ReportStatus::Received => "mottatt",
        }
    }
}

/// One report in the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct FollowUpRow {
    pub reference: String,
    pub title: String,
    pub applicant: String,
    /// `status`, `periodic`, `final` or `confirmation`.
    pub kind: String,
    /// `statusrapport`, `periodisk rapport`, …
    pub kind_label: String,
    pub number: u32,
    /// ISO date, `2026-12-15`.
    pub due: String,
    /// `15.12.2026`.
    pub due_display: String,
    pub status: ReportStatus,
    /// Days past the due date, for an overdue report.
    pub days_overdue: Option<u32>,
    pub received_on: Option<String>,
    /// `10.12.2026`.
    pub received_on_display: Option<String>,
    pub note: String,
    pub file_name: Option<String>,
    pub file_sha256: Option<String>,
}

/// The money side of one grant.
#[derive(Debug, Clone, Serialize, Type)]
pub struct FollowUpGrant {
    pub reference: String,
    pub title: String,
    pub granted: MoneyFigure,
    pub paid_out: MoneyFigure,
    /// `None`: used as planned.
    pub deviation: Option<String>,
    /// ISO date.
    pub consent_date: Option<String>,
    /// `01.02.2027`.
    pub consent_date_display: Option<String>,
    pub consent_case_number: Option<String>,
}

/// The register as of one day.
#[derive(Debug, Clone, Serialize, Type)]
pub struct FollowUpView {
    /// The day the statuses are worked out for, ISO.
    pub as_of: String,
    /// The same day, `01.02.2027`.
    pub as_of_display: String,
    pub vedtak_date: String,
    /// The rules' own words, from the template.
    pub rules_source: String,
    pub overdue: u32,
    pub due: u32,
    pub received: u32,
    pub reports: Vec<FollowUpRow>,
    pub grants: Vec<FollowUpGrant>,
}

/// How the list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpSort {
    /// By due date (the default), then application.
    Due,
    /// Most days overdue first, then by due date.
    Overdue,
    /// By application, then due date.
    Application,
}

impl FollowUpSort {
    /// From `forfall`, `forsinkelse` or `soknad`.
    pub fn from_text(text: &str) -> AppResult<FollowUpSort> {
        match text.trim().to_lowercase().as_str() {
            "forfall" | "" => Ok(FollowUpSort::Due),
            "forsinkelse" | "dager" => Ok(FollowUpSort::Overdue),
            "soknad" | "søknad" => Ok(FollowUpSort::Application),
            other => Err(AppError::invalid(format!(
                "«{other}» er ingen sortering. Velg forfall, forsinkelse eller soknad."
            ))),
        }
    }
}

/// Where `report` stands on `today`, with the days past its due date when overdue: *forfalt*
/// from the day after the due date.
pub(crate) fn report_status(
    report: &samvurd_store::ReportRecord,
    today: NaiveDate,
) -> (ReportStatus, Option<u32>) {
    match &report.received {
        Some(_) => (ReportStatus::Received, None),
        None if today > report.due => {
            let days = (today - report.due).num_days();
            (ReportStatus::Overdue, u32::try_from(days).ok())
        }
        None => (ReportStatus::Due, None),
    }
}

/// A report kind as typed: `status`, `periodisk`, `slutt` or `bekreftelse` (or the codes).
pub fn report_kind(text: &str) -> AppResult<ReportKind> {
    match text.trim().to_lowercase().as_str() {
        "status" | "statusrapport" => Ok(ReportKind::Status),
        "periodisk" | "periodic" | "periodisk rapport" => Ok(ReportKind::Periodic),
        "slutt" | "sluttrapport" | "final" => Ok(ReportKind::Final),
        "bekreftelse" | "confirmation" => Ok(ReportKind::Confirmation),
        other => Err(AppError::invalid(format!(
            "«{other}» er ingen rapportart. Velg status, periodisk, slutt eller bekreftelse."
        ))),
    }
}

/// A receipt as typed: which report (`status`, or `periodisk:2` for the second), the date it
/// came, a note, and the report file to reference (its name and SHA-256 are kept, not the file).
#[derive(Debug, Clone)]
pub struct ReceiptInput {
    pub application: String,
    pub report: String,
    pub received_on: String,
    pub note: String,
    pub file: Option<std::path::PathBuf>,
}

/// The money side of one grant as typed. `None` keeps what the register holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GrantInput {
    pub application: String,
    /// The amount paid out so far, e.g. `600 000`.
    pub paid_out: Option<String>,
    /// `Some(None)`: the money is used as planned; `Some(Some(text))`: a deviation, described.
    /// Going back to «as planned» also drops a recorded consent.
    pub deviation: Option<Option<String>>,
    /// `Some(None)` removes the consent; `Some(Some((date, case number)))` records the SSU's
    /// written consent to the changed use.
    pub consent: Option<Option<(String, String)>>,
}

impl OpenRound {
    /// Records the amount paid out, whether the money is used as planned, and the SSU's written
    /// consent to a changed use, for one grant (logged; allowed in a locked round). Fields not
    /// given keep their values.
    pub fn set_grant_follow_up(&mut self, actor: &str, input: &GrantInput) -> AppResult<()> {
        let Some(register) = self.file().follow_up()? else {
            return Err(AppError::invalid(
                "Oppfølgingen er ikke åpnet. Åpne den etter SSUs vedtak med «samvurd oppfolging \
                 apne RUNDE».",
            ));
        };
        let wanted = input.application.trim();
        let Some(grant) = register
            .grants
            .iter()
            .find(|grant| grant.application.as_str().eq_ignore_ascii_case(wanted))
        else {
            return Err(AppError::invalid(format!(
                "Søknad «{wanted}» fikk ikke tilskudd i vedtaket og har ingen oppfølging. Se \
                 listen med samvurd oppfolging vis."
            )));
        };
        let paid_out = match &input.paid_out {
            Some(text) => parse::money_or_zero(text, "Utbetalt beløp")?,
            None => grant.paid_out,
        };
        let deviation = match &input.deviation {
            Some(deviation) => deviation.clone(),
            None => grant.deviation.clone(),
        };
        let consent = match &input.consent {
            Some(Some((date, case_number))) => Some(Consent {
                date: parse::date(date)?,
                case_number: case_number.trim().to_owned(),
            }),
            Some(None) => None,
            // Used as planned again: a consent to a changed use no longer applies.
            None if deviation.is_none() => None,
            None => grant.consent.clone(),
        };
        self.apply(
            actor,
            Change::SetGrantFollowUp {
                application: grant.application.clone(),
                paid_out,
                deviation,
                consent,
            },
        )?;
        Ok(())
    }

    /// Opens the register after the vedtak, with the reporting rules of `criteria` or, without
    /// it, those carried over from the previous round («Ny runde fra denne») or else those of the
    /// built-in template the round was made from.
    pub fn open_follow_up(
        &mut self,
        actor: &str,
        criteria: Option<&Path>,
    ) -> AppResult<ReportingRules> {
        // A round made with «Ny runde fra denne» follows up as the round before it did.
        let carried = self.file().previous_reporting_rules()?;
        let rules = match (criteria, carried) {
            (Some(path), _) => load_template(&CriteriaSource::File(path.to_path_buf()))?.reporting,
            (None, Some(rules)) => rules,
            (None, None) => {
                let template_id = self.file().info()?.template_id;
                Template::builtin(&template_id)
                    .ok_or_else(|| {
                        AppError::invalid(format!(
                            "Runden er laget fra malen «{template_id}», som ikke følger med \
                             programmet. Oppgi kriteriefila med reglene for rapportering \
                             ([reporting], se docs/criteria-format.md)."
                        ))
                    })?
                    .reporting
            }
        };
        self.apply(actor, Change::OpenFollowUp { rules: rules.clone() })?;
        Ok(rules)
    }

    /// Marks one report received. The file, if given, is read to compute its SHA-256; only
    /// its name and checksum are kept.
    pub fn mark_report_received(&mut self, actor: &str, input: &ReceiptInput) -> AppResult<()> {
        let (kind, number) = match input.report.split_once(':') {
            None => (report_kind(&input.report)?, 1),
            Some((kind, number)) => {
                let number =
                    number.trim().parse::<u32>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                        AppError::invalid(format!(
                            "«{}» er ikke et rapportnummer. Skriv f.eks. periodisk:2 for den \
                             andre periodiske rapporten.",
                            number.trim()
                        ))
                    })?;
                (report_kind(kind)?, number)
            }
        };
        let (file_name, file_sha256) = match &input.file {
            None => (None, None),
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|error| {
                    AppError::io(format!(
                        "Kunne ikke lese rapportfila «{}»: {error}. Sjekk stien; ingenting er \
                         registrert.",
                        path.display()
                    ))
                })?;
                let name = path.file_name().map(|name| name.to_string_lossy().into_owned());
                (name, Some(crate::merge::content_hash(&bytes)))
            }
        };
        let received = Received {
            on: parse::date(&input.received_on)?,
            note: input.note.trim().to_owned(),
            file_name,
            file_sha256,
        };
        self.apply(
            actor,
            Change::MarkReportReceived {
                application: ApplicationRef(input.application.trim().to_owned()),
                kind,
                number,
                received,
            },
        )?;
        Ok(())
    }

    /// The register as of `today`, sorted as asked.
    pub fn follow_up_view(&self, today: NaiveDate, sort: FollowUpSort) -> AppResult<FollowUpView> {
        let Some(register) = self.file().follow_up()? else {
            return Err(AppError::invalid(
                "Oppfølgingen er ikke åpnet. Åpne den etter SSUs vedtak med «samvurd oppfolging \
                 apne RUNDE».",
            ));
        };
        let round = self.load()?;
        let title_of = |reference: &ApplicationRef| {
            round.application(reference).map_or_else(
                || (String::new(), String::new()),
                |application| (application.title.clone(), application.applicant.clone()),
            )
        };
        let mut reports: Vec<FollowUpRow> = register
            .reports
            .iter()
            .map(|report| {
                let (title, applicant) = title_of(&report.application);
                let (status, days_overdue) = report_status(report, today);
                FollowUpRow {
                    reference: report.application.to_string(),
                    title,
                    applicant,
                    kind: report.kind.code().to_owned(),
                    kind_label: report.kind.label().to_owned(),
                    number: report.number,
                    due: report.due.to_string(),
                    due_display: format::date(report.due),
                    status,
                    days_overdue,
                    received_on: report.received.as_ref().map(|r| r.on.to_string()),
                    received_on_display: report.received.as_ref().map(|r| format::date(r.on)),
                    note: report.received.as_ref().map(|r| r.note.clone()).unwrap_or_default(),
                    file_name: report.received.as_ref().and_then(|r| r.file_name.clone()),
                    file_sha256: report.received.as_ref().and_then(|r| r.file_sha256.clone()),
                }
            })
            .collect();
        match sort {
            FollowUpSort::Due => {}
            FollowUpSort::Overdue => reports.sort_by(|a, b| {
                b.days_overdue
                    .unwrap_or(0)
                    .cmp(&a.days_overdue.unwrap_or(0))
                    .then(a.due.cmp(&b.due))
            }),
            FollowUpSort::Application => reports.sort_by(|a, b| {
                a.reference.to_lowercase().cmp(&b.reference.to_lowercase()).then(a.due.cmp(&b.due))
            }),
        }
        let count = |status: ReportStatus| {
            u32::try_from(reports.iter().filter(|row| row.status == status).count())
                .unwrap_or(u32::MAX)
        };
        let grants = register
            .grants
            .iter()
            .map(|grant| FollowUpGrant {
                reference: grant.application.to_string(),
                title: title_of(&grant.application).0,
                granted: MoneyFigure::new(grant.granted),
                paid_out: MoneyFigure::new(grant.paid_out),
                deviation: grant.deviation.clone(),
                consent_date: grant.consent.as_ref().map(|c| c.date.to_string()),
                consent_date_display: grant.consent.as_ref().map(|c| format::date(c.date)),
                consent_case_number: grant.consent.as_ref().map(|c| c.case_number.clone()),
            })
            .collect();
        Ok(FollowUpView {
            as_of: today.to_string(),
            as_of_display: format::date(today),
            vedtak_date: register.vedtak_date.to_string(),
            rules_source: register.rules.source.clone(),
            overdue: count(ReportStatus::Overdue),
            due: count(ReportStatus::Due),
            received: count(ReportStatus::Received),
            reports,
            grants,
        })
    }
}
