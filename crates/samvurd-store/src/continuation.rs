//! «Ny runde fra denne» in the file: the link to the round this one was made from, last year's
//! grants that continue (migration 0012), and which applications continue them.
//!
//! The link is written once, when the new round is made ([`crate::Change::LinkPreviousRound`],
//! before the round has applications). Every application added afterwards — imported or typed
//! in — is matched against the candidates by the core's rule (`continuation::find`) inside the
//! same transaction that adds it, so no door can add a *videreføring* without its mark.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};
use samvurd_core::continuation::{
    ContinuationLink, Continuations, ContinuedGrant, MatchedBy, PreviousRound, ReportTally,
};
use samvurd_core::reporting::ReportingRules;
use samvurd_core::{Application, ApplicationRef, Money, Outcome};
use serde_json::json;

use crate::StoreError;
use crate::follow_up::ChangeFailure;
use crate::read::Reader;

/// Writes the link to the previous round and its continuing grants. Only in a round without a
/// link and without applications: it is part of making the round.
pub(crate) fn link(
    transaction: &Transaction<'_>,
    previous: &PreviousRound,
    rules: Option<&ReportingRules>,
    candidates: &[ContinuedGrant],
) -> Result<serde_json::Value, ChangeFailure> {
    let linked: bool =
        transaction
            .query_row("SELECT EXISTS (SELECT 1 FROM previous_round)", [], |row| row.get(0))?;
    if linked {
        return Err(ChangeFailure::Refused(
            "Runden er allerede laget fra en tidligere runde; koblingen kan ikke endres.".into(),
        ));
    }
    let applications: i64 =
        transaction.query_row("SELECT count(*) FROM application", [], |row| row.get(0))?;
    if applications > 0 {
        return Err(ChangeFailure::Refused(
            "Koblingen til forrige runde settes når runden lages, før den har søknader.".into(),
        ));
    }
    if previous.round_id.trim().is_empty() || previous.file_name.trim().is_empty() {
        return Err(ChangeFailure::Refused("Forrige rundes id og filnavn mangler.".into()));
    }
    transaction.execute(
        "INSERT INTO previous_round (singleton, round_id, title, file_name, year, reporting_rules,
             linked_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            previous.round_id,
            previous.title,
            previous.file_name,
            previous.year,
            rules.map(|rules| serde_json::to_string(rules).expect("rules serialise")),
            crate::round_file::now(),
        ],
    )?;
    for (position, grant) in (0_i64..).zip(candidates) {
        if grant.outcome == Outcome::Rejected {
            return Err(ChangeFailure::Refused(format!(
                "Søknad «{}» ble avslått og kan ikke videreføres.",
                grant.reference
            )));
        }
        let tally = grant.reports.as_ref();
        transaction.execute(
            "INSERT INTO continuation_candidate (reference, position, title, applicant, outcome,
                 granted, period_start, period_end, reports_as_of, reports_owed,
                 reports_received, reports_overdue)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            params![
                grant.reference.as_str(),
                position,
                grant.title,
                grant.applicant,
                grant.outcome.as_str(),
                grant.granted.to_canonical_string(),
                grant.period_start.map(|date| date.to_string()),
                grant.period_end.map(|date| date.to_string()),
                tally.map(|tally| tally.as_of.to_string()),
                tally.map(|tally| tally.owed),
                tally.map(|tally| tally.received),
                tally.map(|tally| tally.overdue),
            ],
        )?;
    }
    let references: Vec<&str> = candidates.iter().map(|grant| grant.reference.as_str()).collect();
    Ok(json!({
        "previous_round": previous.round_id,
        "title": previous.title,
        "file_name": previous.file_name,
        "year": previous.year,
        "candidates": references,
    }))
}

/// Marks the applications just added that continue one of last year's grants, and sets their
/// kind to *videreføring*. Returns the links made, for the audit entry.
pub(crate) fn mark_added(
    transaction: &Transaction<'_>,
    path: &std::path::Path,
    applications: &[Application],
) -> Result<Vec<ContinuationLink>, StoreError> {
    let candidates = Reader { connection: transaction, path }.candidates()?;
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    let sqlite = crate::round_file::sqlite(path);
    let mut links = Vec::new();
    for application in applications {
        let Some((grant, matched_by)) = samvurd_core::continuation::find(&candidates, application)
        else {
            continue;
        };
        transaction
            .execute(
                "INSERT INTO application_continuation (application, continues, matched_by)
                 VALUES (?1, ?2, ?3)",
                params![
                    application.reference.as_str(),
                    grant.reference.as_str(),
                    matched_by.as_str()
                ],
            )
            .map_err(&sqlite)?;
        transaction
            .execute(
                "UPDATE application SET kind = ?2 WHERE reference = ?1",
                params![
                    application.reference.as_str(),
                    samvurd_core::ApplicationKind::Continuation.as_str()
                ],
            )
            .map_err(&sqlite)?;
        links.push(ContinuationLink {
            application: application.reference.clone(),
            continues: grant.reference.clone(),
            matched_by,
        });
    }
    Ok(links)
}

impl Reader<'_> {
    /// The link to the previous round, its continuing grants and this round's applications that
    /// continue them.
    pub fn continuations(&self) -> Result<Continuations, StoreError> {
        let previous = self
            .query("SELECT round_id, title, file_name, year FROM previous_round", |row| {
                Ok(PreviousRound {
                    round_id: row.get(0)?,
                    title: row.get(1)?,
                    file_name: row.get(2)?,
                    year: row.get(3)?,
                })
            })?
            .into_iter()
            .next();
        let links = self.query(
            "SELECT c.application, c.continues, c.matched_by FROM application_continuation c
             JOIN application a ON a.reference = c.application ORDER BY a.position",
            |row| {
                let code: String = row.get(2)?;
                Ok(ContinuationLink {
                    application: ApplicationRef(row.get(0)?),
                    continues: ApplicationRef(row.get(1)?),
                    matched_by: MatchedBy::from_code(&code)
                        .ok_or_else(|| crate::read::bad_value("matched_by", &code))?,
                })
            },
        )?;
        Ok(Continuations { previous, candidates: self.candidates()?, links })
    }

    /// Last year's grants that continue into this round, in last year's order.
    pub(crate) fn candidates(&self) -> Result<Vec<ContinuedGrant>, StoreError> {
        self.query(
            "SELECT reference, title, applicant, outcome, granted, period_start, period_end,
                    reports_as_of, reports_owed, reports_received, reports_overdue
             FROM continuation_candidate ORDER BY position",
            |row| {
                let outcome: String = row.get(3)?;
                let granted: String = row.get(4)?;
                let date = |index: usize, column: &str| -> rusqlite::Result<Option<NaiveDate>> {
                    let text: Option<String> = row.get(index)?;
                    text.map(|text| {
                        text.parse::<NaiveDate>().map_err(|_| crate::read::bad_value(column, &text))
                    })
                    .transpose()
                };
                let reports = match (date(7, "reports_as_of")?, row.get::<_, Option<u32>>(8)?) {
                    (Some(as_of), Some(owed)) => Some(ReportTally {
                        as_of,
                        owed,
                        received: row.get::<_, Option<u32>>(9)?.unwrap_or(0),
                        overdue: row.get::<_, Option<u32>>(10)?.unwrap_or(0),
                    }),
                    _ => None,
                };
                Ok(ContinuedGrant {
                    reference: ApplicationRef(row.get(0)?),
                    title: row.get(1)?,
                    applicant: row.get(2)?,
                    outcome: crate::read::outcome_of(&outcome)?,
                    granted: Money::from_canonical_str(&granted)
                        .map_err(|_| crate::read::bad_value("granted", &granted))?,
                    period_start: date(5, "period_start")?,
                    period_end: date(6, "period_end")?,
                    reports,
                })
            },
        )
    }

    /// The reporting rules the previous round followed up with, carried into this one.
    pub fn previous_reporting_rules(&self) -> Result<Option<ReportingRules>, StoreError> {
        let text: Option<Option<String>> = self
            .connection
            .query_row("SELECT reporting_rules FROM previous_round", [], |row| row.get(0))
            .optional()
            .map_err(crate::round_file::sqlite(self.path))?;
        let Some(Some(text)) = text else { return Ok(None) };
        serde_json::from_str(&text).map(Some).map_err(|_| {
            StoreError::Refused(format!(
                "Rapporteringsreglene fra forrige runde i «{}» kan ikke leses. Åpne den nyeste \
                 sikkerhetskopien.",
                self.path.display()
            ))
        })
    }
}

impl crate::RoundFile {
    /// The link to the previous round and the continuing grants (empty for a round made from a
    /// template).
    pub fn continuations(&self) -> Result<Continuations, StoreError> {
        self.reader().continuations()
    }

    /// The reporting rules carried over from the previous round, if this round was made from one.
    pub fn previous_reporting_rules(&self) -> Result<Option<ReportingRules>, StoreError> {
        self.reader().previous_reporting_rules()
    }
}
