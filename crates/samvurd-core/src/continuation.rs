//! «Ny runde fra denne»: the grants of one round that continue into the next, and the
//! applications of the next round that continue them (*videreføring*).
//!
//! The rules, pure and in one place (the store keeps what they give, the app gathers their
//! inputs):
//!
//! - a **continuation candidate** is an application the SSU's vedtak granted (*innvilget* or
//!   *delvis innvilget*) whose project period runs into the new round's year: its last day is
//!   on or after 1 January of that year. A grant without a project period cannot be placed in
//!   a year and is not carried over;
//! - it carries last year's reference, title, applicant, outcome, granted amount (the vedtak's,
//!   not the request), project period and, when the follow-up register was opened, a tally of
//!   its reports on the day the new round was made;
//! - an application of the new round **continues** a candidate when its reference is the
//!   candidate's, or else when its title is the candidate's, both compared after
//!   [`normalise`] (case and whitespace). A reference match wins over a title match.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::vedtak::Vedtak;
use crate::{Application, ApplicationRef, Money, Outcome};

/// The round a round was made from («Ny runde fra denne»), kept in the new round as a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviousRound {
    /// The previous round's `round_id`.
    pub round_id: String,
    pub title: String,
    /// The previous round's file name (without folder), as it was when the new round was made.
    pub file_name: String,
    /// The year the new round is for: a grant continues when its period runs into it.
    pub year: i32,
}

/// How many reports a grant owed on the day the new round was made, from the follow-up
/// register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportTally {
    pub as_of: NaiveDate,
    /// Reports owed in all (due any time).
    pub owed: u32,
    pub received: u32,
    /// Not received, and due before `as_of`.
    pub overdue: u32,
}

impl ReportTally {
    /// Counts reports given as (due date, received) on the day `as_of`.
    pub fn count(as_of: NaiveDate, reports: impl IntoIterator<Item = (NaiveDate, bool)>) -> Self {
        let mut tally = ReportTally { as_of, owed: 0, received: 0, overdue: 0 };
        for (due, received) in reports {
            tally.owed += 1;
            if received {
                tally.received += 1;
            } else if due < as_of {
                tally.overdue += 1;
            }
        }
        tally
    }

    /// «1 av 3 rapporter mottatt, 1 forfalt (per 02.12.2026)».
    pub fn label(&self) -> String {
        let as_of = crate::format::date(self.as_of);
        if self.owed == 0 {
            return format!("ingen rapporter skyldt (per {as_of})");
        }
        let noun = if self.owed == 1 { "rapport" } else { "rapporter" };
        let overdue =
            if self.overdue == 0 { String::new() } else { format!(", {} forfalt", self.overdue) };
        format!("{} av {} {noun} mottatt{overdue} (per {as_of})", self.received, self.owed)
    }
}

/// Last year's grant, carried into the new round as a continuation candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContinuedGrant {
    /// The application's reference in the previous round.
    pub reference: ApplicationRef,
    pub title: String,
    pub applicant: String,
    /// The vedtak's outcome: granted or partly granted.
    pub outcome: Outcome,
    /// The vedtak's amount.
    pub granted: Money,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    /// `None` when the previous round's follow-up register was not opened.
    pub reports: Option<ReportTally>,
}

impl ContinuedGrant {
    /// «ingen oppfølging registrert» or the tally's label.
    pub fn report_status_label(&self) -> String {
        self.reports
            .as_ref()
            .map_or_else(|| "oppfølging ikke åpnet i forrige runde".to_owned(), ReportTally::label)
    }
}

/// What an application was matched to last year's grant by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    Reference,
    Title,
}

impl MatchedBy {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchedBy::Reference => "reference",
            MatchedBy::Title => "title",
        }
    }

    pub fn from_code(code: &str) -> Option<MatchedBy> {
        [MatchedBy::Reference, MatchedBy::Title].into_iter().find(|kind| kind.as_str() == code)
    }

    /// «søknadsnummer» or «tittel».
    pub fn label(self) -> &'static str {
        match self {
            MatchedBy::Reference => "søknadsnummer",
            MatchedBy::Title => "tittel",
        }
    }
}

/// An application of this round that continues last year's grant `continues`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContinuationLink {
    pub application: ApplicationRef,
    pub continues: ApplicationRef,
    pub matched_by: MatchedBy,
}

/// A round's link to the round it was made from: empty for a round made from a template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Continuations {
    pub previous: Option<PreviousRound>,
    /// In the previous round's order of applications.
    pub candidates: Vec<ContinuedGrant>,
    /// In this round's order of applications.
    pub links: Vec<ContinuationLink>,
}

impl Continuations {
    /// The grant an application of this round continues, and how it was matched.
    pub fn of(&self, application: &ApplicationRef) -> Option<(&ContinuedGrant, MatchedBy)> {
        let link = self.links.iter().find(|link| &link.application == application)?;
        let grant = self.candidates.iter().find(|grant| grant.reference == link.continues)?;
        Some((grant, link.matched_by))
    }
}

/// Case and whitespace made alike: «  Felles  Inntaksteam » and «felles inntaksteam» match.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The grants of a round that continue into `year`: granted or partly granted by the vedtak,
/// with a project period whose last day is in `year` or later. `reports` gives the follow-up
/// tally of one grant, when there is a register.
pub fn candidates(
    applications: &[Application],
    vedtak: &Vedtak,
    year: i32,
    reports: impl Fn(&ApplicationRef) -> Option<ReportTally>,
) -> Vec<ContinuedGrant> {
    applications
        .iter()
        .filter_map(|application| {
            let decision = vedtak.decision(&application.reference)?;
            if decision.outcome == Outcome::Rejected {
                return None;
            }
            let end = application.period_end?;
            if end.year() < year {
                return None;
            }
            Some(ContinuedGrant {
                reference: application.reference.clone(),
                title: application.title.clone(),
                applicant: application.applicant.clone(),
                outcome: decision.outcome,
                granted: decision.amount,
                period_start: application.period_start,
                period_end: Some(end),
                reports: reports(&application.reference),
            })
        })
        .collect()
}

/// The candidate an application continues: the one with its reference, or else the one with
/// its title (both normalised).
pub fn find<'a>(
    candidates: &'a [ContinuedGrant],
    application: &Application,
) -> Option<(&'a ContinuedGrant, MatchedBy)> {
    let reference = normalise(application.reference.as_str());
    if let Some(grant) =
        candidates.iter().find(|grant| normalise(grant.reference.as_str()) == reference)
    {
        return Some((grant, MatchedBy::Reference));
    }
    let title = normalise(&application.title);
    if title.is_empty() {
        return None;
    }
    candidates
        .iter()
        .find(|grant| normalise(&grant.title) == title)
        .map(|grant| (grant, MatchedBy::Title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::application;
    use crate::vedtak::Decision;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%d.%m.%Y").unwrap()
    }

    fn decision(reference: &str, outcome: Outcome, kroner: i64) -> Decision {
        Decision {
            application: ApplicationRef::from(reference),
            outcome,
            amount: Money::from_kroner(kroner),
            note: String::new(),
            conditions: String::new(),
        }
    }

    #[test]
    fn only_grants_whose_period_runs_into_the_year_are_candidates() {
        let ending = |reference: &str, end: Option<&str>| Application {
            period_start: Some(date("01.01.2027")),
            period_end: end.map(date),
            ..application(reference)
        };
        let applications = vec![
            ending("a", Some("31.12.2027")),
            ending("b", Some("01.01.2028")),
            ending("c", Some("31.07.2028")),
            ending("d", Some("31.07.2028")),
            ending("e", None),
        ];
        let vedtak = Vedtak {
            meeting_date: date("10.12.2026"),
            case_number: "26/1".into(),
            decisions: vec![
                decision("a", Outcome::Granted, 100_000),
                decision("b", Outcome::PartlyGranted, 60_000),
                decision("c", Outcome::Granted, 100_000),
                decision("d", Outcome::Rejected, 0),
                decision("e", Outcome::Granted, 100_000),
            ],
        };
        let found = candidates(&applications, &vedtak, 2028, |_| None);
        let references: Vec<&str> = found.iter().map(|grant| grant.reference.as_str()).collect();
        assert_eq!(references, ["b", "c"]);
        assert_eq!(found[0].granted, Money::from_kroner(60_000));
        assert_eq!(found[0].outcome, Outcome::PartlyGranted);
        assert_eq!(candidates(&applications, &vedtak, 2027, |_| None).len(), 3);
    }

    #[test]
    fn an_application_is_matched_by_reference_first_then_by_title_ignoring_case_and_spaces() {
        let grant = |reference: &str, title: &str| ContinuedGrant {
            reference: ApplicationRef::from(reference),
            title: title.into(),
            applicant: String::new(),
            outcome: Outcome::Granted,
            granted: Money::ZERO,
            period_start: None,
            period_end: None,
            reports: None,
        };
        let grants = [grant("VV-1", "Felles inntaksteam"), grant("VV-2", "Digitalt tilsyn")];
        let new = |reference: &str, title: &str| Application {
            title: title.into(),
            ..application(reference)
        };
        let (found, by) = find(&grants, &new(" vv-1 ", "Noe helt annet")).unwrap();
        assert_eq!((found.reference.as_str(), by), ("VV-1", MatchedBy::Reference));
        let (found, by) = find(&grants, &new("VV-2027-9", "  DIGITALT   tilsyn ")).unwrap();
        assert_eq!((found.reference.as_str(), by), ("VV-2", MatchedBy::Title));
        assert!(find(&grants, &new("VV-2027-10", "Digitalt tilsyn i Hallingdal")).is_none());
    }

    #[test]
    fn the_report_tally_counts_received_and_overdue_on_its_day() {
        let tally = ReportTally::count(
            date("02.12.2027"),
            [(date("01.06.2027"), true), (date("01.12.2027"), false), (date("31.03.2028"), false)],
        );
        assert_eq!((tally.owed, tally.received, tally.overdue), (3, 1, 1));
        assert_eq!(tally.label(), "1 av 3 rapporter mottatt, 1 forfalt (per 02.12.2027)");
        let none = ReportTally::count(date("02.12.2027"), []);
        assert_eq!(none.label(), "ingen rapporter skyldt (per 02.12.2027)");
    }
}
