//! The SSU's decision (*vedtak*), recorded after the meeting, and its rules.
//!
//! The working group's innstilling recommends; the strategic cooperation committee (SSU)
//! decides. The vedtak is stored beside the innstilling, never over it: per application the
//! SSU's outcome and amount, its own note where it decided otherwise, and any conditions
//! (*vilkår*). The answer letters are written from the vedtak.
//!
//! The rules checked here (storing, logging and locking is the store's job):
//!
//! - one decision for every application of the round, and only for those;
//! - the amount fits the outcome as for the recommendation: *avslått* is 0 kr, *innvilget* the
//!   requested amount, *delvis innvilget* more than 0 and less than requested;
//! - a decision that differs from the innstilling (another outcome or amount) carries the SSU's
//!   note, so the letter can say why;
//! - the case number is written, and the meeting date is given.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{ApplicationRef, Money, Outcome, Round, RuleViolation};

/// The SSU's decision for the whole round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vedtak {
    /// The date of the SSU meeting that decided.
    pub meeting_date: NaiveDate,
    /// The archive's case number for the SSU's case, e.g. `26/01234`.
    pub case_number: String,
    /// One per application of the round.
    pub decisions: Vec<Decision>,
}

/// The SSU's decision on one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub application: ApplicationRef,
    pub outcome: Outcome,
    pub amount: Money,
    /// The SSU's own note; required where the decision differs from the innstilling.
    pub note: String,
    /// Conditions (*vilkår*) the SSU sets on this grant, beyond the round's usual ones.
    pub conditions: String,
}

impl Vedtak {
    pub fn decision(&self, application: &ApplicationRef) -> Option<&Decision> {
        self.decisions.iter().find(|decision| &decision.application == application)
    }
}

/// What the innstilling recommended for one application, for comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recommended {
    pub outcome: Outcome,
    pub amount: Money,
}

impl Decision {
    /// Another outcome or another amount than the innstilling.
    pub fn differs_from(&self, recommended: Recommended) -> bool {
        self.outcome != recommended.outcome || self.amount != recommended.amount
    }
}

/// The innstilling's outcome and amount per application, as the engine merges the chair's
/// recommendation over the proposal.
pub fn recommended(round: &Round) -> BTreeMap<ApplicationRef, Recommended> {
    let mut plain = round.clone();
    plain.options.bootstrap_draws = 0;
    crate::evaluate::evaluate(&plain)
        .applications
        .into_iter()
        .map(|application| {
            let recommendation = application.recommendation;
            (
                application.aggregate.application,
                Recommended { outcome: recommendation.outcome, amount: recommendation.amount },
            )
        })
        .collect()
}

/// The vedtak that adopts the innstilling as it stands («Vedta som innstilt»).
pub fn as_recommended(round: &Round, meeting_date: NaiveDate, case_number: &str) -> Vedtak {
    let recommended = recommended(round);
    Vedtak {
        meeting_date,
        case_number: case_number.trim().to_owned(),
        decisions: round
            .applications
            .iter()
            .filter_map(|application| {
                let recommended = recommended.get(&application.reference)?;
                Some(Decision {
                    application: application.reference.clone(),
                    outcome: recommended.outcome,
                    amount: recommended.amount,
                    note: String::new(),
                    conditions: String::new(),
                })
            })
            .collect(),
    }
}

/// Checks a vedtak against the round and its innstilling.
pub fn check_vedtak(round: &Round, vedtak: &Vedtak) -> Result<(), RuleViolation> {
    if vedtak.case_number.trim().is_empty() {
        return Err(RuleViolation::new(
            "Skriv saksnummeret SSU behandlet saken under, f.eks. «26/01234».",
        ));
    }
    let recommended = recommended(round);
    let mut seen: BTreeMap<&ApplicationRef, ()> = BTreeMap::new();
    for decision in &vedtak.decisions {
        let Some(application) = round.application(&decision.application) else {
            return Err(RuleViolation(format!(
                "Søknad «{}» finnes ikke i runden. Rett søknadsnummeret i vedtaket.",
                decision.application
            )));
        };
        if seen.insert(&decision.application, ()).is_some() {
            return Err(RuleViolation(format!(
                "Søknad «{}» står to ganger i vedtaket. Ta med hver søknad én gang.",
                decision.application
            )));
        }
        check_amount(decision, application.amount_requested)?;
        if let Some(recommended) = recommended.get(&decision.application)
            && decision.differs_from(*recommended)
            && decision.note.trim().is_empty()
        {
            return Err(RuleViolation(format!(
                "SSU vedtok noe annet enn innstillingen for søknad {} ({} {} mot innstilt {} {}). \
                 Skriv SSUs merknad, så brevet kan forklare vedtaket.",
                decision.application,
                decision.outcome.label(),
                decision.amount.format(),
                recommended.outcome.label(),
                recommended.amount.format(),
            )));
        }
    }
    let missing: Vec<&str> = round
        .applications
        .iter()
        .filter(|application| !seen.contains_key(&application.reference))
        .map(|application| application.reference.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(RuleViolation(format!(
            "Vedtaket mangler søknad {}. Alle søkere skal ha svar: ta med hver søknad i vedtaket.",
            missing.join(", ")
        )));
    }
    Ok(())
}

fn check_amount(decision: &Decision, requested: Money) -> Result<(), RuleViolation> {
    let reference = &decision.application;
    let amount = decision.amount;
    if amount.is_negative() {
        return Err(RuleViolation(format!(
            "Beløpet for søknad {reference} kan ikke være negativt."
        )));
    }
    let fits = match decision.outcome {
        Outcome::Rejected => amount.amount().is_zero(),
        Outcome::Granted => amount == requested,
        Outcome::PartlyGranted => !amount.amount().is_zero() && amount < requested,
    };
    if fits {
        return Ok(());
    }
    Err(RuleViolation(match decision.outcome {
        Outcome::Rejected => {
            format!(
                "Søknad {reference} er avslått, så beløpet må være 0 kr, ikke {}.",
                amount.format()
            )
        }
        Outcome::Granted => format!(
            "Søknad {reference} er innvilget, så beløpet må være det omsøkte {}. Velg «delvis innvilget» for et lavere beløp.",
            requested.format()
        ),
        Outcome::PartlyGranted => format!(
            "Søknad {reference} er delvis innvilget, så beløpet må være mer enn 0 kr og mindre enn omsøkte {}.",
            requested.format()
        ),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{round_with, score};

    /// Three applications of 100 000 kr in a frame of 150 000 kr: one granted, the rest not.
    fn three() -> Round {
        let scores = ["a", "b", "c"]
            .iter()
            .zip([6, 4, 2])
            .map(|(application, value)| score("m1", application, "k1", Some(value)))
            .collect();
        let mut round = round_with(&[("k1", 1, false)], &["m1"], &["a", "b", "c"], scores, &[]);
        round.info.budget_frame = Money::from_kroner(150_000);
        round
    }

    fn money(text: &str) -> Money {
        Money::parse(text).expect("a valid amount")
    }

    #[test]
    fn adopting_the_innstilling_passes_the_rules_and_differs_nowhere() {
        let round = three();
        let date = NaiveDate::from_ymd_opt(2026, 12, 10).expect("a date");
        let vedtak = as_recommended(&round, date, "26/01234");
        assert_eq!(vedtak.decisions.len(), round.applications.len());
        check_vedtak(&round, &vedtak).expect("the innstilling as it stands is a valid vedtak");
        let recommended = recommended(&round);
        assert!(vedtak.decisions.iter().all(|d| !d.differs_from(recommended[&d.application])));
    }

    #[test]
    fn a_different_decision_needs_the_ssus_note_and_every_application_an_answer() {
        let round = three();
        let date = NaiveDate::from_ymd_opt(2026, 12, 10).expect("a date");
        let mut vedtak = as_recommended(&round, date, "26/01234");
        let first = &mut vedtak.decisions[0];
        let requested = round.application(&first.application).expect("known").amount_requested;
        first.outcome =
            if first.outcome == Outcome::Rejected { Outcome::Granted } else { Outcome::Rejected };
        first.amount = if first.outcome == Outcome::Granted { requested } else { money("0") };
        let error = check_vedtak(&round, &vedtak).expect_err("no note");
        assert!(error.0.contains("Skriv SSUs merknad"), "{}", error.0);
        vedtak.decisions[0].note = "SSU prioriterte annerledes.".to_owned();
        check_vedtak(&round, &vedtak).expect("with a note");

        vedtak.decisions.pop();
        let error = check_vedtak(&round, &vedtak).expect_err("one missing");
        assert!(error.0.contains("Vedtaket mangler søknad"), "{}", error.0);
    }

    #[test]
    fn the_amount_must_fit_the_outcome_and_the_case_number_is_required() {
        let round = three();
        let date = NaiveDate::from_ymd_opt(2026, 12, 10).expect("a date");
        let mut vedtak = as_recommended(&round, date, " ");
        assert!(check_vedtak(&round, &vedtak).expect_err("blank").0.contains("saksnummeret"));
        vedtak.case_number = "26/01234".to_owned();
        vedtak.decisions[0].outcome = Outcome::Rejected;
        vedtak.decisions[0].amount = money("1000");
        vedtak.decisions[0].note = "Endret.".to_owned();
        assert!(check_vedtak(&round, &vedtak).expect_err("amount").0.contains("må være 0 kr"));
    }
}
