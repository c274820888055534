//! The follow-up register after the grant: the reports each granted application owes and
//! whether they have come, the money paid out, and whether it is used as planned.
//!
//! It opens after the SSU's vedtak ([`crate::Change::OpenFollowUp`]) with the template's
//! reporting rules, which date the reports from the vedtak date and each project period. Its
//! changes are allowed in a locked round: they write only the `follow_up*` tables and their
//! audit entries, never a score, recommendation or the vedtak.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};
use samvurd_core::reporting::{ReportKind, ReportingRules};
use samvurd_core::{ApplicationRef, Money, format};
use serde::Serialize;
use serde_json::json;

use crate::StoreError;
use crate::read::Reader;

/// A received report: when it came, a note, and the file it came as (referenced, not stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Received {
    pub on: NaiveDate,
    pub note: String,
    pub file_name: Option<String>,
    /// SHA-256 of the file, 64 lowercase hex digits.
    pub file_sha256: Option<String>,
}

/// One report an application owes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportRecord {
    pub application: ApplicationRef,
    pub kind: ReportKind,
    pub number: u32,
    pub due: NaiveDate,
    pub received: Option<Received>,
}

/// The SSU's written consent to a changed use of the money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Consent {
    pub date: NaiveDate,
    pub case_number: String,
}

/// The money side of one grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GrantRecord {
    pub application: ApplicationRef,
    /// What the SSU granted.
    pub granted: Money,
    pub paid_out: Money,
    /// `None`: used as planned.
    pub deviation: Option<String>,
    pub consent: Option<Consent>,
}

/// The whole register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FollowUp {
    pub rules: ReportingRules,
    pub vedtak_date: NaiveDate,
    pub opened_at: String,
    pub opened_by: String,
    /// By due date, then application.
    pub reports: Vec<ReportRecord>,
    /// In the round's order of applications.
    pub grants: Vec<GrantRecord>,
}

type Refusal = String;

fn is_open(transaction: &Transaction<'_>) -> rusqlite::Result<bool> {
    transaction.query_row("SELECT EXISTS (SELECT 1 FROM follow_up)", [], |row| row.get(0))
}

fn require_open(transaction: &Transaction<'_>) -> Result<NaiveDate, ChangeFailure> {
    if !is_open(transaction)? {
        return Err(ChangeFailure::Refused(
            "Oppfølgingen er ikke åpnet. Åpne den etter SSUs vedtak (samvurd oppfolging apne)."
                .to_owned(),
        ));
    }
    vedtak_date(transaction)?.ok_or_else(|| {
        ChangeFailure::Refused("Runden har ikke noe vedtak. Registrer SSUs vedtak først.".into())
    })
}

fn vedtak_date(transaction: &Transaction<'_>) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = transaction
        .query_row("SELECT meeting_date FROM vedtak", [], |row| row.get(0))
        .optional()?;
    Ok(text.and_then(|text| text.parse().ok()))
}

pub(crate) enum ChangeFailure {
    Refused(Refusal),
    Sqlite(rusqlite::Error),
}

impl From<rusqlite::Error> for ChangeFailure {
    fn from(error: rusqlite::Error) -> Self {
        ChangeFailure::Sqlite(error)
    }
}

fn refuse<T>(message: impl Into<String>) -> Result<T, ChangeFailure> {
    Err(ChangeFailure::Refused(message.into()))
}

/// Opens the register: one row per report each granted application owes, dated by `rules`.
pub(crate) fn open(
    transaction: &Transaction<'_>,
    actor: &str,
    rules: &ReportingRules,
) -> Result<(usize, serde_json::Value), ChangeFailure> {
    let Some(vedtak_date) = vedtak_date(transaction)? else {
        return refuse(
            "Oppfølgingen åpner etter SSUs vedtak. Registrer vedtaket først (samvurd vedtak).",
        );
    };
    if is_open(transaction)? {
        return refuse("Oppfølgingen er allerede åpnet for denne runden.");
    }
    let grants: Vec<(String, String, Option<String>, Option<String>)> = {
        let mut statement = transaction.prepare(
            "SELECT d.application, d.outcome, a.period_start, a.period_end
             FROM vedtak_decision d JOIN application a ON a.reference = d.application
             ORDER BY a.rowid",
        )?;
        statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    transaction.execute(
        "INSERT INTO follow_up (singleton, rules, opened_at, opened_by) VALUES (1, ?1, ?2, ?3)",
        params![
            serde_json::to_string(rules).expect("rules serialise"),
            crate::round_file::now(),
            actor.trim()
        ],
    )?;
    let mut reports = 0;
    let mut granted = 0;
    let mut without_period = Vec::new();
    for (application, outcome, start, end) in grants {
        if outcome == "rejected" {
            continue;
        }
        granted += 1;
        let period = match (start.and_then(|s| s.parse().ok()), end.and_then(|e| e.parse().ok())) {
            (Some(start), Some(end)) => Some((start, end)),
            _ => {
                without_period.push(application.clone());
                None
            }
        };
        transaction.execute(
            "INSERT INTO follow_up_grant (application, paid_out) VALUES (?1, ?2)",
            params![application, Money::ZERO.to_canonical_string()],
        )?;
        for report in rules.due_reports(vedtak_date, period) {
            transaction.execute(
                "INSERT INTO follow_up_report (application, kind, number, due, note)
                 VALUES (?1, ?2, ?3, ?4, '')",
                params![application, report.kind.code(), report.number, report.due.to_string()],
            )?;
            reports += 1;
        }
    }
    Ok((
        reports,
        json!({
            "vedtak_date": vedtak_date.to_string(),
            "grants": granted,
            "reports": reports,
            "without_period": without_period,
            "rules": rules,
        }),
    ))
}

/// Marks one report received (or replaces an earlier receipt).
pub(crate) fn mark_received(
    transaction: &Transaction<'_>,
    application: &ApplicationRef,
    kind: ReportKind,
    number: u32,
    received: &Received,
) -> Result<serde_json::Value, ChangeFailure> {
    let vedtak_date = require_open(transaction)?;
    let earlier: Option<Option<String>> = transaction
        .query_row(
            "SELECT received_on FROM follow_up_report
             WHERE application = ?1 COLLATE NOCASE AND kind = ?2 AND number = ?3",
            params![application.as_str(), kind.code(), number],
            |row| row.get(0),
        )
        .optional()?;
    let Some(earlier) = earlier else {
        return refuse(format!(
            "Søknad «{application}» skylder ingen {} nr. {number}. Se listen med samvurd \
             oppfolging, og bruk søknadsnummer, art og nummer derfra.",
            kind.label()
        ));
    };
    if received.on < vedtak_date {
        return refuse(format!(
            "Mottatt-datoen {} er før SSUs vedtak {}. Rett datoen.",
            format::date(received.on),
            format::date(vedtak_date)
        ));
    }
    let today = chrono::Local::now().date_naive();
    if received.on > today {
        return refuse(format!(
            "Mottatt-datoen {} er etter i dag. Skriv datoen rapporten faktisk kom.",
            format::date(received.on)
        ));
    }
    if let Some(name) = &received.file_name
        && name.trim().is_empty()
    {
        return refuse("Filnavnet er tomt. Skriv navnet på rapportfilen, eller utelat det.");
    }
    if let Some(sum) = &received.file_sha256
        && (sum.len() != 64 || !sum.bytes().all(|byte| byte.is_ascii_hexdigit()))
    {
        return refuse(format!(
            "«{sum}» er ingen SHA-256-sjekksum (64 heksadesimale tegn). La programmet regne den \
             ut fra filen."
        ));
    }
    transaction.execute(
        "UPDATE follow_up_report SET received_on = ?4, note = ?5, file_name = ?6, file_sha256 = ?7
         WHERE application = ?1 COLLATE NOCASE AND kind = ?2 AND number = ?3",
        params![
            application.as_str(),
            kind.code(),
            number,
            received.on.to_string(),
            received.note.trim(),
            received.file_name.as_deref().map(str::trim),
            received.file_sha256.as_deref().map(str::to_ascii_lowercase),
        ],
    )?;
    Ok(json!({
        "application": application,
        "kind": kind.code(),
        "number": number,
        "received_on": received.on.to_string(),
        "earlier_received_on": earlier,
        "file_name": received.file_name,
        "file_sha256": received.file_sha256.as_deref().map(str::to_ascii_lowercase),
        "note": received.note.trim(),
    }))
}

/// Sets the money paid out, the use of the money and the SSU's consent to a changed use.
pub(crate) fn set_grant(
    transaction: &Transaction<'_>,
    application: &ApplicationRef,
    paid_out: Money,
    deviation: Option<&str>,
    consent: Option<&Consent>,
) -> Result<serde_json::Value, ChangeFailure> {
    let vedtak_date = require_open(transaction)?;
    let granted: Option<String> = transaction
        .query_row(
            "SELECT d.amount FROM follow_up_grant g JOIN vedtak_decision d
               ON d.application = g.application
             WHERE g.application = ?1 COLLATE NOCASE",
            [application.as_str()],
            |row| row.get(0),
        )
        .optional()?;
    let Some(granted) = granted.and_then(|text| Money::from_canonical_str(&text).ok()) else {
        return refuse(format!(
            "Søknad «{application}» fikk ikke tilskudd i vedtaket og har ingen oppfølging."
        ));
    };
    if paid_out.is_negative() {
        return refuse("Utbetalt beløp kan ikke være negativt. Skriv 0 hvis ingenting er betalt.");
    }
    if paid_out > granted {
        return refuse(format!(
            "Utbetalt {} er mer enn tildelt {} for søknad {application}. Rett beløpet.",
            paid_out.format(),
            granted.format()
        ));
    }
    let deviation = deviation.map(str::trim);
    if deviation.is_some_and(str::is_empty) {
        return refuse("Beskriv avviket fra planen, eller velg «brukt som planlagt».");
    }
    if let Some(consent) = consent {
        if deviation.is_none() {
            return refuse(
                "SSUs samtykke gjelder en endret bruk av midlene. Beskriv avviket først.",
            );
        }
        if consent.case_number.trim().is_empty() {
            return refuse("Skriv saksnummeret for SSUs samtykke, f.eks. «26/01234».");
        }
        if consent.date < vedtak_date {
            return refuse(format!(
                "Samtykket er datert {}, før SSUs vedtak {}. Rett datoen.",
                format::date(consent.date),
                format::date(vedtak_date)
            ));
        }
    }
    let former: (String, Option<String>) = transaction.query_row(
        "SELECT paid_out, deviation FROM follow_up_grant WHERE application = ?1 COLLATE NOCASE",
        [application.as_str()],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    transaction.execute(
        "UPDATE follow_up_grant SET paid_out = ?2, deviation = ?3, consent_date = ?4,
           consent_case = ?5
         WHERE application = ?1 COLLATE NOCASE",
        params![
            application.as_str(),
            paid_out.to_canonical_string(),
            deviation,
            consent.map(|consent| consent.date.to_string()),
            consent.map(|consent| consent.case_number.trim().to_owned()),
        ],
    )?;
    Ok(json!({
        "application": application,
        "paid_out": paid_out,
        "former_paid_out": former.0,
        "deviation": deviation,
        "former_deviation": former.1,
        "consent": consent,
    }))
}

impl Reader<'_> {
    /// The register, once opened.
    pub fn follow_up(&self) -> Result<Option<FollowUp>, StoreError> {
        let path = self.path;
        let sqlite = crate::round_file::sqlite(path);
        let has_table: bool = self
            .connection
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'follow_up')",
                [],
                |row| row.get(0),
            )
            .map_err(&sqlite)?;
        if !has_table {
            return Ok(None);
        }
        let head: Option<(String, String, String)> = self
            .connection
            .query_row("SELECT rules, opened_at, opened_by FROM follow_up", [], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .optional()
            .map_err(&sqlite)?;
        let Some((rules, opened_at, opened_by)) = head else { return Ok(None) };
        let damaged = |what: &str| {
            StoreError::Refused(format!(
                "Oppfølgingsregisteret i «{}» har en ugyldig verdi ({what}). Åpne den nyeste \
             sikkerhetskopien.",
                path.display()
            ))
        };
        let rules: ReportingRules = serde_json::from_str(&rules).map_err(|_| damaged("reglene"))?;
        let vedtak_date = self
            .vedtak()?
            .map(|record| record.vedtak.meeting_date)
            .ok_or_else(|| damaged("vedtaket mangler"))?;
        let date = |text: String| text.parse::<NaiveDate>().map_err(|_| damaged("en dato"));
        let rows = {
            let mut statement = self
                .connection
                .prepare_cached(
                    "SELECT application, kind, number, due, received_on, note, file_name,
                            file_sha256
                     FROM follow_up_report ORDER BY due, application, kind, number",
                )
                .map_err(&sqlite)?;
            statement
                .query_map([], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, u32>(2)?,
                        row.get::<_, String>(3)?,
                        row.get::<_, Option<String>>(4)?,
                        row.get::<_, String>(5)?,
                        row.get::<_, Option<String>>(6)?,
                        row.get::<_, Option<String>>(7)?,
                    ))
                })
                .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
                .map_err(&sqlite)?
        };
        let mut reports = Vec::with_capacity(rows.len());
        for (application, kind, number, due, received_on, note, file_name, file_sha256) in rows {
            reports.push(ReportRecord {
                application: ApplicationRef(application),
                kind: ReportKind::from_code(&kind).ok_or_else(|| damaged("rapportart"))?,
                number,
                due: date(due)?,
                received: match received_on {
                    None => None,
                    Some(on) => Some(Received { on: date(on)?, note, file_name, file_sha256 }),
                },
            });
        }
        let rows = {
            let mut statement = self
                .connection
                .prepare_cached(
                    "SELECT g.application, d.amount, d.outcome, g.paid_out, g.deviation,
                            g.consent_date, g.consent_case
                     FROM follow_up_grant g
                     JOIN vedtak_decision d ON d.application = g.application
                     JOIN application a ON a.reference = g.application
                     ORDER BY a.rowid",
                )
                .map_err(&sqlite)?;
            statement
                .query_map([], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                        row.get::<_, Option<String>>(4)?,
                        row.get::<_, Option<String>>(5)?,
                        row.get::<_, Option<String>>(6)?,
                    ))
                })
                .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
                .map_err(&sqlite)?
        };
        let money = |text: &str| Money::from_canonical_str(text).map_err(|_| damaged("et beløp"));
        let mut grants = Vec::with_capacity(rows.len());
        for (application, granted, _outcome, paid_out, deviation, consent_date, consent_case) in
            rows
        {
            grants.push(GrantRecord {
                application: ApplicationRef(application),
                granted: money(&granted)?,
                paid_out: money(&paid_out)?,
                deviation,
                consent: match (consent_date, consent_case) {
                    (Some(date_text), Some(case_number)) => {
                        Some(Consent { date: date(date_text)?, case_number })
                    }
                    _ => None,
                },
            });
        }
        Ok(Some(FollowUp { rules, vedtak_date, opened_at, opened_by, reports, grants }))
    }
}

impl crate::RoundFile {
    /// The follow-up register, once opened after the vedtak.
    pub fn follow_up(&self) -> Result<Option<FollowUp>, StoreError> {
        self.reader().follow_up()
    }
}
