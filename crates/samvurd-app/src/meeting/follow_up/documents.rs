//! The follow-up's documents: one reminder letter (*purrebrev*) per applicant with overdue
//! reports, and the half-year status to the SSU. Both are written as of one day, in the round's
//! document language (bokmål or nynorsk), with the chair's own wording laid over the built-in
//! texts when a file lies beside the round (`documents::letter_texts`).
//!
//! This module decides what is overdue and by how many days (`report_status`, the same rule as
//! the list); samvurd-report only lays the figures out.

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate};
use samvurd_core::Round;
use samvurd_report::{HalfYearStatus, ReminderLetter, ReportLine, ReportState, StatusProject};
use samvurd_store::{FollowUp, ReportRecord};

use super::{ReportStatus, report_status};
use crate::documents::{letter_texts, now, refuse_round_file, write_atomically};
use crate::{AppError, AppResult, OpenRound};

/// What the follow-up's documents are written from: the round, its register, the vedtak's case
/// number and the document language.
#[derive(Debug, Clone)]
pub struct FollowUpInputs {
    pub round: Round,
    pub register: FollowUp,
    pub case_number: String,
    pub language: samvurd_core::language::Language,
    /// The round file, for the chair's own wording beside it.
    pub round_path: PathBuf,
}

fn line(report: &ReportRecord, today: NaiveDate) -> ReportLine {
    let state = match (report_status(report, today), &report.received) {
        (_, Some(received)) => ReportState::Received(received.on),
        ((ReportStatus::Overdue, Some(days)), None) => ReportState::Overdue(days),
        _ => ReportState::Due,
    };
    ReportLine { kind: report.kind, number: report.number, due: report.due, state }
}

impl OpenRound {
    /// What the follow-up's documents need, read under one look at the file.
    pub fn follow_up_inputs(&self) -> AppResult<FollowUpInputs> {
        let Some(register) = self.file().follow_up()? else {
            return Err(AppError::invalid(
                "Oppfølgingen er ikke åpnet. Åpne den etter SSUs vedtak med «samvurd oppfolging \
                 apne RUNDE» (eller «Åpne oppfølgingen» i appen).",
            ));
        };
        let case_number = self.vedtak()?.map(|vedtak| vedtak.case_number).unwrap_or_default();
        Ok(FollowUpInputs {
            round: self.load()?,
            register,
            case_number,
            language: self.file().languages()?.document,
            round_path: self.path().to_path_buf(),
        })
    }

    /// Writes one reminder letter per applicant with overdue reports on `today` into `folder`.
    pub fn write_reminders(
        &self,
        folder: &Path,
        today: NaiveDate,
        generated_at: Option<DateTime<FixedOffset>>,
    ) -> AppResult<Vec<PathBuf>> {
        write_reminders_of(&self.follow_up_inputs()?, folder, today, generated_at)
    }

    /// Writes the half-year status to the SSU as of `today` to `path`.
    pub fn write_half_year_status(
        &self,
        path: &Path,
        today: NaiveDate,
        generated_at: Option<DateTime<FixedOffset>>,
    ) -> AppResult<()> {
        write_half_year_status_of(&self.follow_up_inputs()?, path, today, generated_at)
    }
}

/// The names of the working group and the decision body in the document's language.
fn bodies(texts: &samvurd_report::Texts) -> (String, String) {
    (texts.text("default-working-group"), texts.text("default-decision-body"))
}

/// One reminder per applicant with a report overdue on `today`, in the order of the oldest
/// overdue report; none when nothing is overdue.
pub fn reminders_of(inputs: &FollowUpInputs, today: NaiveDate) -> AppResult<Vec<ReminderLetter>> {
    let texts = letter_texts(Some(inputs.round_path.as_path()))?;
    let texts = &texts[&inputs.language];
    let (working_group, decision_body) = bodies(texts);
    let mut letters: Vec<ReminderLetter> = Vec::new();
    // The register lists reports by due date, so the first overdue report of an application
    // places its letter.
    for report in &inputs.register.reports {
        let line = line(report, today);
        if !matches!(line.state, ReportState::Overdue(_)) {
            continue;
        }
        if let Some(letter) = letters
            .iter_mut()
            .find(|letter| letter.reference.eq_ignore_ascii_case(report.application.as_str()))
        {
            letter.overdue.push(line);
            continue;
        }
        let application = inputs.round.application(&report.application);
        let granted = inputs
            .register
            .grants
            .iter()
            .find(|grant| grant.application == report.application)
            .map(|grant| grant.granted)
            .unwrap_or_default();
        letters.push(ReminderLetter {
            helsefellesskap: inputs.round.info.helsefellesskap.clone(),
            working_group: working_group.clone(),
            decision_body: decision_body.clone(),
            round_title: inputs.round.info.title.clone(),
            case_number: Some(inputs.case_number.clone()).filter(|case| !case.trim().is_empty()),
            vedtak_date: inputs.register.vedtak_date,
            date: today,
            applicant: application.map(|a| a.applicant.clone()).unwrap_or_default(),
            reference: report.application.to_string(),
            title: application.map(|a| a.title.clone()).unwrap_or_default(),
            granted,
            overdue: vec![line],
            language: inputs.language,
        });
    }
    Ok(letters)
}

/// [`OpenRound::write_reminders`] from inputs already read: `purring-REF.pdf` per letter, each
/// written atomically. Returns the files; none when nothing is overdue.
pub fn write_reminders_of(
    inputs: &FollowUpInputs,
    folder: &Path,
    today: NaiveDate,
    generated_at: Option<DateTime<FixedOffset>>,
) -> AppResult<Vec<PathBuf>> {
    let generated_at = generated_at.unwrap_or_else(now);
    refuse_round_file(folder)?;
    let letters = reminders_of(inputs, today)?;
    if letters.is_empty() {
        return Ok(Vec::new());
    }
    let texts = letter_texts(Some(inputs.round_path.as_path()))?;
    let texts = &texts[&inputs.language];
    std::fs::create_dir_all(folder).map_err(|error| {
        AppError::io(format!("Kunne ikke lage mappen «{}»: {error}", folder.display()))
    })?;
    let mut taken = std::collections::BTreeSet::new();
    let mut written = Vec::with_capacity(letters.len());
    for letter in &letters {
        let bytes = samvurd_report::render_reminder(letter, texts, generated_at)?;
        let name = crate::documents::letter_file_name(
            &format!("purring-{}", letter.reference),
            &mut taken,
        );
        let path = folder.join(name);
        write_atomically(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// The half-year status as of `today`: every granted project with its money, reports,
/// deviation and consent.
pub fn half_year_status_of(inputs: &FollowUpInputs, today: NaiveDate) -> AppResult<HalfYearStatus> {
    let texts = letter_texts(Some(inputs.round_path.as_path()))?;
    let texts = &texts[&inputs.language];
    let (working_group, decision_body) = bodies(texts);
    let projects = inputs
        .register
        .grants
        .iter()
        .map(|grant| {
            let application = inputs.round.application(&grant.application);
            StatusProject {
                reference: grant.application.to_string(),
                title: application.map(|a| a.title.clone()).unwrap_or_default(),
                applicant: application.map(|a| a.applicant.clone()).unwrap_or_default(),
                granted: grant.granted,
                paid_out: grant.paid_out,
                reports: inputs
                    .register
                    .reports
                    .iter()
                    .filter(|report| report.application == grant.application)
                    .map(|report| line(report, today))
                    .collect(),
                deviation: grant.deviation.clone(),
                consent: grant
                    .consent
                    .as_ref()
                    .map(|consent| (consent.date, consent.case_number.clone())),
            }
        })
        .collect();
    Ok(HalfYearStatus {
        helsefellesskap: inputs.round.info.helsefellesskap.clone(),
        working_group,
        decision_body,
        round_title: inputs.round.info.title.clone(),
        case_number: inputs.case_number.clone(),
        vedtak_date: inputs.register.vedtak_date,
        as_of: today,
        projects,
        language: inputs.language,
    })
}

/// [`OpenRound::write_half_year_status`] from inputs already read; written atomically.
pub fn write_half_year_status_of(
    inputs: &FollowUpInputs,
    path: &Path,
    today: NaiveDate,
    generated_at: Option<DateTime<FixedOffset>>,
) -> AppResult<()> {
    let generated_at = generated_at.unwrap_or_else(now);
    refuse_round_file(path)?;
    let status = half_year_status_of(inputs, today)?;
    let texts = letter_texts(Some(inputs.round_path.as_path()))?;
    let bytes =
        samvurd_report::render_half_year_status(&status, &texts[&inputs.language], generated_at)?;
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|error| {
            AppError::io(format!("Kunne ikke lage mappen «{}»: {error}", folder.display()))
        })?;
    }
    write_atomically(path, &bytes)
}
