//! The «Oppfølging» screen in the desktop session: the register as of today, its forms, and
//! the two documents. Every change goes through the same `OpenRound` method as the CLI's, and
//! only in the chair's master: the register is the chair's, never a member's copy's.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;
use specta::Type;

use super::{FollowUpSort, FollowUpView, GrantInput, ReceiptInput};
use crate::documents::desktop::{WrittenFile, written, written_folder};
use crate::session::actor;
use crate::{AppResult, Session};

/// «Marker som mottatt» for one report, as the form has it.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct ReceiptForm {
    pub application: String,
    /// The report's kind code and number, e.g. `periodic:2`.
    pub report: String,
    /// The date it came, e.g. `10.12.2026`.
    pub received_on: String,
    pub note: String,
    /// The report file chosen, for its name and SHA-256; the file itself is not stored.
    pub file: Option<String>,
}

/// The money and use of one grant, as the form has it.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct GrantForm {
    pub application: String,
    /// E.g. `600 000`; empty is 0.
    pub paid_out: String,
    /// Used as planned; otherwise `deviation` describes how not.
    pub as_planned: bool,
    pub deviation: String,
    /// The SSU's written consent to a changed use: both empty for none.
    pub consent_date: String,
    pub consent_case_number: String,
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl Session {
    /// The register as of today, sorted as asked (`forfall`, `forsinkelse`, `soknad`); `None`
    /// before it is opened.
    pub fn follow_up(&self, sort: String) -> AppResult<Option<FollowUpView>> {
        let sort = FollowUpSort::from_text(&sort)?;
        self.with(|open| {
            if open.file().follow_up()?.is_none() {
                return Ok(None);
            }
            open.follow_up_view(today(), sort).map(Some)
        })
    }

    /// «Åpne oppfølgingen»: with the reporting rules of the round's template (logged).
    pub fn open_follow_up(&self) -> AppResult<FollowUpView> {
        self.with(|open| {
            open.require_master()?;
            let actor = actor(open);
            open.open_follow_up(&actor, None)?;
            open.follow_up_view(today(), FollowUpSort::Due)
        })
    }

    /// Marks one report received (logged); a chosen file is read for its SHA-256.
    pub fn mark_report_received(&self, form: ReceiptForm, sort: String) -> AppResult<FollowUpView> {
        let sort = FollowUpSort::from_text(&sort)?;
        let input = ReceiptInput {
            application: form.application,
            report: form.report,
            received_on: form.received_on,
            note: form.note,
            file: form.file.filter(|path| !path.trim().is_empty()).map(Into::into),
        };
        self.with(|open| {
            open.require_master()?;
            let actor = actor(open);
            open.mark_report_received(&actor, &input)?;
            open.follow_up_view(today(), sort)
        })
    }

    /// The amount paid out, the use of the money and the SSU's consent for one grant (logged).
    pub fn set_grant_follow_up(&self, form: GrantForm, sort: String) -> AppResult<FollowUpView> {
        let sort = FollowUpSort::from_text(&sort)?;
        let consent =
            if form.consent_date.trim().is_empty() && form.consent_case_number.trim().is_empty() {
                None
            } else {
                Some((form.consent_date, form.consent_case_number))
            };
        let input = GrantInput {
            application: form.application,
            paid_out: Some(form.paid_out),
            deviation: Some((!form.as_planned).then_some(form.deviation)),
            consent: Some(if form.as_planned { None } else { consent }),
        };
        self.with(|open| {
            open.require_master()?;
            let actor = actor(open);
            open.set_grant_follow_up(&actor, &input)?;
            open.follow_up_view(today(), sort)
        })
    }

    /// «Skriv purrebrev for alle forfalte»: one letter per applicant with overdue reports.
    pub fn write_reminders(&self, folder: String) -> AppResult<WrittenFile> {
        let inputs = self.with(|open| open.follow_up_inputs())?;
        let folder = Path::new(&folder);
        let day = today();
        let letters = super::documents::write_reminders_of(&inputs, folder, day, None)?;
        let message = if letters.is_empty() {
            format!(
                "Ingen rapporter er forfalt per {}. Ingen purrebrev er skrevet.",
                samvurd_core::format::date(day)
            )
        } else {
            format!("{} purrebrev er lagret i {}.", letters.len(), folder.display())
        };
        Ok(written_folder(folder, message))
    }

    /// «Halvårsstatus til SSU (PDF)».
    pub fn write_half_year_status(&self, path: String) -> AppResult<WrittenFile> {
        let inputs = self.with(|open| open.follow_up_inputs())?;
        let path = Path::new(&path);
        super::documents::write_half_year_status_of(&inputs, path, today(), None)?;
        Ok(written(path, "Halvårsstatusen"))
    }
}
