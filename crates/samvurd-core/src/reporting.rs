//! After the grant: which reports a granted project owes, and when.
//!
//! A template's `[reporting]` section (`docs/criteria-format.md`) holds the scheme's rules, and
//! [`ReportingRules::due_reports`] turns them into due dates for one grant from the vedtak date
//! and the project period. The arithmetic is calendar months (`chrono`'s `checked_add_months`:
//! 31 January + 1 month is the last day of February), so a date is never a guess:
//!
//! - *statusrapport*: `status_report_months` after the vedtak date;
//! - *periodiske rapporter*: at the end of each whole half year (or year) of the project period,
//!   counted from its first day, that ends before the period's last day (the final report covers
//!   the last stretch);
//! - *sluttrapport*: `final_report_months` after the period's last day (0: due that day);
//! - *årlig bekreftelse av beløpet* (multi-year grants): one for each further project year
//!   (the period's first day + 12, 24, … months, while that is within the period), due on the
//!   vedtak date's anniversary, when next year's round decides.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// How often periodic reports are due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Periodic {
    /// Twice a year.
    HalfYearly,
    Yearly,
}

impl Periodic {
    pub fn months(self) -> u32 {
        match self {
            Periodic::HalfYearly => 6,
            Periodic::Yearly => 12,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Periodic::HalfYearly => "halvårlig",
            Periodic::Yearly => "årlig",
        }
    }
}

/// A scheme's reporting rules. The default owes nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportingRules {
    /// A status report this many months after the vedtak date.
    pub status_report_months: Option<u32>,
    pub periodic: Option<Periodic>,
    /// A final report this many months after the project period ends.
    pub final_report_months: Option<u32>,
    /// A multi-year grant confirms its amount every year.
    pub yearly_confirmation: bool,
    /// The scheme's own words, quoted from its document.
    pub source: String,
}

/// The kinds of report a grant can owe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    Status,
    Periodic,
    Final,
    Confirmation,
}

impl ReportKind {
    pub fn code(self) -> &'static str {
        match self {
            ReportKind::Status => "status",
            ReportKind::Periodic => "periodic",
            ReportKind::Final => "final",
            ReportKind::Confirmation => "confirmation",
        }
    }

    pub fn from_code(code: &str) -> Option<ReportKind> {
        [ReportKind::Status, ReportKind::Periodic, ReportKind::Final, ReportKind::Confirmation]
            .into_iter()
            .find(|kind| kind.code() == code)
    }

    /// The Norwegian name, as in the register and the CLI.
    pub fn label(self) -> &'static str {
        match self {
            ReportKind::Status => "statusrapport",
            ReportKind::Periodic => "periodisk rapport",
            ReportKind::Final => "sluttrapport",
            ReportKind::Confirmation => "bekreftelse av beløp",
        }
    }
}

/// One report a grant owes: its kind, its number among reports of that kind (1, 2, …) and when
/// it is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueReport {
    pub kind: ReportKind,
    pub number: u32,
    pub due: NaiveDate,
}

/// The longest period or offset the rules accept: ten years. Anything longer is a typing error.
pub const MAX_MONTHS: u32 = 120;

fn plus_months(date: NaiveDate, months: u32) -> NaiveDate {
    // Within MAX_MONTHS of any date a round can hold, chrono cannot overflow.
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

impl ReportingRules {
    /// Whether the rules ask for anything at all.
    pub fn is_empty(&self) -> bool {
        self.status_report_months.is_none()
            && self.periodic.is_none()
            && self.final_report_months.is_none()
            && !self.yearly_confirmation
    }

    /// The reports one grant owes, sorted by due date (then kind). Without a project period only
    /// the status report can be dated; the others need the period.
    pub fn due_reports(
        &self,
        vedtak_date: NaiveDate,
        period: Option<(NaiveDate, NaiveDate)>,
    ) -> Vec<DueReport> {
        let mut reports = Vec::new();
        if let Some(months) = self.status_report_months {
            let due = plus_months(vedtak_date, months);
            reports.push(DueReport { kind: ReportKind::Status, number: 1, due });
        }
        if let Some((start, end)) = period {
            if let Some(periodic) = self.periodic {
                let mut number = 1;
                loop {
                    let next_start = plus_months(start, periodic.months() * number);
                    let Some(due) = next_start.pred_opt() else { break };
                    if due >= end {
                        break;
                    }
                    reports.push(DueReport { kind: ReportKind::Periodic, number, due });
                    number += 1;
                }
            }
            if let Some(months) = self.final_report_months {
                let due = plus_months(end, months);
                reports.push(DueReport { kind: ReportKind::Final, number: 1, due });
            }
            if self.yearly_confirmation {
                let mut number = 1;
                // One confirmation for each further project year that starts within the period.
                while plus_months(start, 12 * number) <= end {
                    let due = plus_months(vedtak_date, 12 * number);
                    reports.push(DueReport { kind: ReportKind::Confirmation, number, due });
                    number += 1;
                }
            }
        }
        reports.sort_by_key(|report| (report.due, report.kind, report.number));
        reports
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%d.%m.%Y").unwrap()
    }

    /// The table in `tests/data/reporting/due-dates.txt`: for each built-in template, the due
    /// dates worked out by hand.
    #[test]
    fn builtin_templates_give_the_seeds_due_dates() {
        let table = include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/data/reporting/due-dates.txt"
        ));
        /// Template, vedtak date, project period, the reports worked out by hand.
        type Case = (String, NaiveDate, (NaiveDate, NaiveDate), Vec<DueReport>);
        let mut cases: Vec<Case> = Vec::new();
        for line in table.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.trim().split(';').collect();
            if line.starts_with("  ") {
                let case = cases.last_mut().expect("a report line follows a case line");
                case.3.push(DueReport {
                    kind: ReportKind::from_code(fields[0]).expect("known kind"),
                    number: fields[1].parse().unwrap(),
                    due: date(fields[2]),
                });
            } else {
                let period = (date(fields[2]), date(fields[3]));
                cases.push((fields[0].to_owned(), date(fields[1]), period, Vec::new()));
            }
        }
        let mut covered: Vec<&str> = cases.iter().map(|case| case.0.as_str()).collect();
        covered.sort_unstable();
        covered.dedup();
        let mut builtin = crate::template::BUILTIN_TEMPLATE_IDS.to_vec();
        builtin.sort_unstable();
        assert_eq!(covered, builtin, "every built-in template has a row in the table");
        for (template, vedtak, period, expected) in &cases {
            let rules = crate::template::Template::builtin(template).unwrap().reporting;
            let mut expected = expected.clone();
            expected.sort_by_key(|report| (report.due, report.kind, report.number));
            assert_eq!(
                rules.due_reports(*vedtak, Some(*period)),
                expected,
                "{template}, vedtak {vedtak}, period {period:?}"
            );
        }
        // The quoting: every template that asks for reports says where the rule comes from.
        for id in crate::template::BUILTIN_TEMPLATE_IDS {
            let rules = crate::template::Template::builtin(id).unwrap().reporting;
            assert!(rules.is_empty() || rules.source.contains('«'), "{id} quotes its seed");
        }
    }

    #[test]
    fn month_ends_are_clamped_not_guessed() {
        let rules = ReportingRules { status_report_months: Some(1), ..Default::default() };
        let reports = rules.due_reports(date("31.01.2027"), None);
        assert_eq!(reports[0].due, date("28.02.2027"));
    }

    #[test]
    fn without_a_period_only_the_status_report_is_dated() {
        let rules = ReportingRules {
            status_report_months: Some(6),
            periodic: Some(Periodic::HalfYearly),
            final_report_months: Some(3),
            yearly_confirmation: true,
            source: String::new(),
        };
        let reports = rules.due_reports(date("15.06.2026"), None);
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].kind, ReportKind::Status);
    }
}
