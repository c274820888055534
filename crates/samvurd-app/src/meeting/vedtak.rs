//! The SSU's decision (*vedtak*), recorded after the meeting.
//!
//! The chair records it in one of two ways: «Vedta som innstilt» copies the innstilling's
//! outcome and amount for every application in one logged action
//! ([`OpenRound::adopt_as_recommended`]), or [`OpenRound::record_vedtak`] takes the
//! innstilling and the SSU's changes to it (each with the SSU's note) plus any conditions. The
//! store checks the vedtak with the core's `check_vedtak`, keeps it beside the innstilling (the
//! recommendation is never changed) and locks the round in the same transaction. The answer
//! letters are written from it.

use chrono::NaiveDate;
use samvurd_core::vedtak::{Decision, Vedtak, as_recommended, recommended};
use samvurd_core::{ApplicationRef, Outcome};
use samvurd_store::Change;
use serde::Serialize;
use specta::Type;

use crate::kinds::RecommendedOutcome;
use crate::views::MoneyFigure;
use crate::{AppError, AppResult, OpenRound, parse};

/// The SSU's decision on one application as typed: the outcome (`innvilget`, `delvis`,
/// `avslått`), the amount (empty is 0 kr) and the SSU's note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionChange {
    pub application: ApplicationRef,
    pub outcome: Outcome,
    pub amount: samvurd_core::Money,
    pub note: String,
}

impl DecisionChange {
    pub fn from_text(
        application: &str,
        outcome: &str,
        amount: &str,
        note: &str,
    ) -> AppResult<Self> {
        Ok(DecisionChange {
            application: ApplicationRef(application.trim().to_owned()),
            outcome: parse::outcome(outcome)?,
            amount: parse::money_or_zero(amount, "Beløpet")?,
            note: note.trim().to_owned(),
        })
    }

    /// From the command line's `REF;utfall;beløp;merknad`.
    pub fn from_line(line: &str) -> AppResult<Self> {
        let parts: Vec<&str> = line.splitn(4, ';').collect();
        let [application, outcome, amount, note] = parts.as_slice() else {
            return Err(AppError::invalid(format!(
                "«{}» er ikke en endring. Skriv den som SØKNAD;utfall;beløp;merknad, f.eks. \
                 «VV-2026-007;avslått;0;SSU prioriterte tiltak i kommunene».",
                line.trim()
            )));
        };
        Self::from_text(application, outcome, amount, note)
    }
}

/// What the chair records as the SSU's vedtak.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VedtakInput {
    pub meeting_date: NaiveDate,
    pub case_number: String,
    /// Decisions that differ from the innstilling; every other application is decided as
    /// recommended.
    pub changes: Vec<DecisionChange>,
    /// Conditions (*vilkår*) per application.
    pub conditions: Vec<(ApplicationRef, String)>,
}

impl VedtakInput {
    /// From the meeting date as typed (`10.12.2026`) and the case number.
    pub fn from_text(meeting_date: &str, case_number: &str) -> AppResult<Self> {
        Ok(VedtakInput {
            meeting_date: parse::date(meeting_date)?,
            case_number: case_number.trim().to_owned(),
            changes: Vec::new(),
            conditions: Vec::new(),
        })
    }

    /// Adds conditions from the command line's `REF;vilkår`.
    pub fn add_conditions_line(&mut self, line: &str) -> AppResult<()> {
        let Some((application, text)) = line.split_once(';') else {
            return Err(AppError::invalid(format!(
                "«{}» er ikke et vilkår. Skriv det som SØKNAD;vilkår, f.eks. «VV-2026-007;Tilskuddet \
                 utbetales når samarbeidsavtalen er signert».",
                line.trim()
            )));
        };
        self.conditions
            .push((ApplicationRef(application.trim().to_owned()), text.trim().to_owned()));
        Ok(())
    }
}

/// One application in the «Vedtak» step: what the innstilling recommended beside what the SSU
/// decided.
#[derive(Debug, Clone, Serialize, Type)]
pub struct VedtakRow {
    pub reference: String,
    pub title: String,
    pub applicant: String,
    pub recommended_outcome: RecommendedOutcome,
    pub recommended_amount: MoneyFigure,
    /// `None` until the vedtak is recorded.
    pub decided_outcome: Option<RecommendedOutcome>,
    pub decided_amount: Option<MoneyFigure>,
    /// The SSU decided otherwise than the innstilling.
    pub differs: bool,
    pub note: String,
    pub conditions: String,
}

/// The «Vedtak» step of «Innstilling og brev».
#[derive(Debug, Clone, Serialize, Type)]
pub struct VedtakView {
    pub recorded: bool,
    /// `10.12.2026`, empty before the vedtak.
    pub meeting_date: String,
    pub case_number: String,
    pub as_recommended: bool,
    pub recorded_by: String,
    pub differences: u32,
    pub rows: Vec<VedtakRow>,
}

impl OpenRound {
    /// The SSU's decision, when recorded.
    pub fn vedtak(&self) -> AppResult<Option<Vedtak>> {
        Ok(self.file().vedtak()?.map(|record| record.vedtak))
    }

    /// The innstilling beside the vedtak, application by application.
    pub fn vedtak_view(&self) -> AppResult<VedtakView> {
        let round = self.load()?;
        let record = self.file().vedtak()?;
        let recommended = recommended(&round);
        let rows: Vec<VedtakRow> = round
            .applications
            .iter()
            .filter_map(|application| {
                let innstilt = recommended.get(&application.reference)?;
                let decision = record
                    .as_ref()
                    .and_then(|record| record.vedtak.decision(&application.reference));
                Some(VedtakRow {
                    reference: application.reference.to_string(),
                    title: application.title.clone(),
                    applicant: application.applicant.clone(),
                    recommended_outcome: innstilt.outcome.into(),
                    recommended_amount: MoneyFigure::new(innstilt.amount),
                    decided_outcome: decision.map(|decision| decision.outcome.into()),
                    decided_amount: decision.map(|decision| MoneyFigure::new(decision.amount)),
                    differs: decision.is_some_and(|decision| decision.differs_from(*innstilt)),
                    note: decision.map(|decision| decision.note.clone()).unwrap_or_default(),
                    conditions: decision
                        .map(|decision| decision.conditions.clone())
                        .unwrap_or_default(),
                })
            })
            .collect();
        Ok(VedtakView {
            recorded: record.is_some(),
            meeting_date: record
                .as_ref()
                .map(|record| samvurd_core::format::date(record.vedtak.meeting_date))
                .unwrap_or_default(),
            case_number: record
                .as_ref()
                .map(|record| record.vedtak.case_number.clone())
                .unwrap_or_default(),
            as_recommended: record.as_ref().is_some_and(|record| record.as_recommended),
            recorded_by: record
                .as_ref()
                .map(|record| record.recorded_by.clone())
                .unwrap_or_default(),
            differences: crate::views::count(rows.iter().filter(|row| row.differs).count()),
            rows,
        })
    }

    /// «Vedta som innstilt»: the SSU adopted the innstilling as it stands. One logged action;
    /// the round is locked.
    pub fn adopt_as_recommended(
        &mut self,
        actor: &str,
        meeting_date: NaiveDate,
        case_number: &str,
    ) -> AppResult<Vedtak> {
        let round = self.load()?;
        let vedtak = as_recommended(&round, meeting_date, case_number);
        self.apply(actor, Change::RecordVedtak { vedtak: vedtak.clone(), as_recommended: true })?;
        Ok(vedtak)
    }

    /// Records the SSU's vedtak: the innstilling with the SSU's changes and conditions. A
    /// change that differs needs the SSU's note; the store refuses it otherwise and writes
    /// nothing. The round is locked.
    pub fn record_vedtak(&mut self, actor: &str, input: &VedtakInput) -> AppResult<Vedtak> {
        let round = self.load()?;
        let mut vedtak = as_recommended(&round, input.meeting_date, &input.case_number);
        for change in &input.changes {
            let Some(decision) = vedtak
                .decisions
                .iter_mut()
                .find(|decision| decision.application == change.application)
            else {
                return Err(AppError::invalid(format!(
                    "Søknad «{}» finnes ikke i runden. Rett søknadsnummeret.",
                    change.application
                )));
            };
            *decision = Decision {
                application: change.application.clone(),
                outcome: change.outcome,
                amount: change.amount,
                note: change.note.clone(),
                conditions: std::mem::take(&mut decision.conditions),
            };
        }
        for (application, conditions) in &input.conditions {
            let Some(decision) =
                vedtak.decisions.iter_mut().find(|decision| &decision.application == application)
            else {
                return Err(AppError::invalid(format!(
                    "Søknad «{application}» finnes ikke i runden. Rett søknadsnummeret i vilkåret."
                )));
            };
            decision.conditions = conditions.clone();
        }
        self.apply(actor, Change::RecordVedtak { vedtak: vedtak.clone(), as_recommended: false })?;
        Ok(vedtak)
    }
}
