//! The follow-up's documents after the grant: the reminder letter (*purrebrev*) to an applicant
//! whose reports are overdue, and the half-year status to the SSU that lists every granted
//! project with its money, its reports and whether the money is used as planned.
//!
//! Both are written in the round's document language from `oppfolging.ftl`; the reminder is a
//! letter like the answer letter (same letterhead, closing and footer), the status a short
//! report with one tagged table. Like the rest of the crate they compute nothing: samvurd-app
//! works out which reports are overdue, by how many days, and each project's status.

use chrono::{DateTime, FixedOffset, NaiveDate};
use samvurd_core::Money;
use samvurd_core::reporting::ReportKind;

use crate::innstilling::{CELL_PADDING_X, TableBuilder, plain_table};
use crate::language::{Language, Texts};
use crate::layout::{Align, Block, Cell, Role, Row, Structure, TextStyle};
use crate::letter::{LaidOut, Letterhead, Writer, short_body};
use crate::norsk;
use crate::theme::{
    ACCENT, BODY, FRAME, H1, H2, MUTED, SUBTITLE, TABLE, TABLE_BOLD, TABLE_HEADER, TABLE_MUTED,
};

/// One report in a document: which, when it was due, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLine {
    pub kind: ReportKind,
    /// Its number among the reports of its kind (1, 2, …).
    pub number: u32,
    pub due: NaiveDate,
    pub state: ReportState,
}

/// Where a report stands on the day the document is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportState {
    Received(NaiveDate),
    /// Not received, due on or after the day.
    Due,
    /// Not received, this many days past its due date.
    Overdue(u32),
}

/// The letter to one applicant whose reports are overdue.
#[derive(Debug, Clone, PartialEq)]
pub struct ReminderLetter {
    pub helsefellesskap: String,
    pub working_group: String,
    pub decision_body: String,
    pub round_title: String,
    /// The vedtak's case number, printed before the reference in «Vår ref.».
    pub case_number: Option<String>,
    pub vedtak_date: NaiveDate,
    /// The letter's date: the day the reports were found overdue.
    pub date: NaiveDate,
    pub applicant: String,
    pub reference: String,
    pub title: String,
    pub granted: Money,
    /// The overdue reports, by due date.
    pub overdue: Vec<ReportLine>,
    pub language: Language,
}

/// One granted project in the half-year status.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusProject {
    pub reference: String,
    pub title: String,
    pub applicant: String,
    pub granted: Money,
    pub paid_out: Money,
    /// Every report it owes, by due date.
    pub reports: Vec<ReportLine>,
    /// `None`: the money is used as planned.
    pub deviation: Option<String>,
    /// The SSU's written consent to the changed use: date and case number.
    pub consent: Option<(NaiveDate, String)>,
}

impl StatusProject {
    fn overdue(&self) -> impl Iterator<Item = (&ReportLine, u32)> {
        self.reports.iter().filter_map(|report| match report.state {
            ReportState::Overdue(days) => Some((report, days)),
            _ => None,
        })
    }
}

/// The half-year status to the SSU.
#[derive(Debug, Clone, PartialEq)]
pub struct HalfYearStatus {
    pub helsefellesskap: String,
    pub working_group: String,
    pub decision_body: String,
    pub round_title: String,
    pub case_number: String,
    pub vedtak_date: NaiveDate,
    /// The day the statuses are worked out for.
    pub as_of: NaiveDate,
    /// In the round's order.
    pub projects: Vec<StatusProject>,
    pub language: Language,
}

/// «Statusrapport», «Periodisk rapport nr. 2», «Bekreftelse av beløpet for prosjektår 2».
pub fn report_label(texts: &Texts, kind: ReportKind, number: u32) -> String {
    let number_text = number.to_string();
    // The first confirmation is for the project's second year.
    let year = (number + 1).to_string();
    match kind {
        ReportKind::Status => texts.text("report-status"),
        ReportKind::Periodic => texts.get("report-periodic", &[("number", &number_text)]),
        ReportKind::Final => texts.text("report-final"),
        ReportKind::Confirmation => texts.get("report-confirmation", &[("year", &year)]),
    }
}

/// «1 dag», «15 dager».
fn days_text(texts: &Texts, days: u32) -> String {
    if days == 1 {
        texts.text("days-one")
    } else {
        texts.get("days-many", &[("days", &days.to_string())])
    }
}

const WIDTH: f32 = FRAME.width;

/// A data cell of `parts` (text and style, one under the other), tagged as the row's `role`.
fn cell(
    structure: &mut Structure,
    row: usize,
    role: Role,
    width: f32,
    parts: &[(&str, TextStyle)],
) -> Cell {
    let element = structure.add(role, row);
    let inner = width - 2.0 * CELL_PADDING_X;
    let mut parts = parts.iter().filter(|(text, _)| !text.trim().is_empty());
    let Some((first, style)) = parts.next() else {
        return Cell::text("", TABLE, inner, Some(element));
    };
    parts.fold(Cell::text(first, *style, inner, Some(element)), |cell, (text, style)| {
        cell.with_part(text, *style, inner)
    })
}

pub fn lay_out_reminder(
    letter: &ReminderLetter,
    texts: &Texts,
    generated_at: DateTime<FixedOffset>,
) -> LaidOut {
    let mut writer = Writer::new();
    writer.letterhead(
        &Letterhead {
            helsefellesskap: &letter.helsefellesskap,
            working_group: &letter.working_group,
            addressee: &letter.applicant,
            reference: &letter.reference,
            case_number: letter.case_number.as_deref(),
            date: letter.date,
        },
        texts,
    );
    writer.subject(&texts.get("reminder-subject", &[("title", &letter.title)]));
    writer.paragraphs(&texts.get(
        "reminder-intro",
        &[
            ("body", &letter.decision_body),
            ("amount", &letter.granted.format()),
            ("title", &letter.title),
            ("date", &norsk::date(letter.vedtak_date)),
        ],
    ));
    writer.paragraphs(&texts.text(if letter.overdue.len() == 1 {
        "reminder-overdue-one"
    } else {
        "reminder-overdue-many"
    }));

    // The overdue reports: which, the due date, and how far past it.
    let columns = [(WIDTH - 190.0, Align::Left), (90.0, Align::Left), (100.0, Align::Right)];
    let titles = ["reminder-column-report", "reminder-column-due", "reminder-column-days"]
        .map(|id| texts.text(id));
    let table_element = writer.structure.add(Role::Table, Structure::ROOT);
    let mut rows = Vec::new();
    for report in &letter.overdue {
        let row = writer.structure.add(Role::TR, table_element);
        let days = match report.state {
            ReportState::Overdue(days) => days_text(texts, days),
            _ => String::new(),
        };
        rows.push((
            row,
            vec![
                cell(
                    &mut writer.structure,
                    row,
                    Role::TH,
                    columns[0].0,
                    &[(&report_label(texts, report.kind, report.number), TABLE_BOLD)],
                ),
                cell(
                    &mut writer.structure,
                    row,
                    Role::TD,
                    columns[1].0,
                    &[(&norsk::date(report.due), TABLE)],
                ),
                cell(&mut writer.structure, row, Role::TD, columns[2].0, &[(&days, TABLE)]),
            ],
        ));
    }
    let block = table_with_rows(&mut writer.structure, &columns, &titles, rows, table_element);
    writer.blocks.push(block);

    writer.paragraphs(&texts.text("reminder-request"));
    writer.paragraphs(&texts.text("reminder-consequence"));
    writer.heading(&texts.text("letter-contact-heading"));
    writer.paragraphs(&texts.get(
        "reminder-contact",
        &[("group", &samvurd_core::format::lowercase_first(&letter.working_group))],
    ));
    writer.closing(&letter.working_group, &letter.helsefellesskap, texts);
    let generated = texts.get("reminder-generated", &[("at", &norsk::date_time(generated_at))]);
    writer.finish(&[&letter.helsefellesskap, &letter.round_title, &generated], texts)
}

/// Like [`table`], for rows whose `TR` elements are already made.
fn table_with_rows(
    structure: &mut Structure,
    columns: &[(f32, Align)],
    titles: &[String],
    rows: Vec<(usize, Vec<Cell>)>,
    table_element: usize,
) -> Block {
    let mut builder = TableBuilder { structure, table_element, columns };
    let header = builder.row(titles, TABLE_HEADER, Role::TH);
    let rows = rows
        .into_iter()
        .map(|(element, cells)| Row {
            cells,
            fill: None,
            rule_above: false,
            keep_with_previous: false,
            element: Some(element),
        })
        .collect();
    let mut table = plain_table(columns, Some(header), rows);
    table.space_before = 2.0;
    Block::Table(table)
}

/// The one-line status of a project: overdue reports first, then a deviation without the SSU's
/// consent, then the next report due, or that everything has come.
pub fn status_line(project: &StatusProject, texts: &Texts) -> String {
    let overdue: Vec<u32> = project.overdue().map(|(_, days)| days).collect();
    let mut line = match overdue.iter().max() {
        Some(&days) if overdue.len() == 1 => {
            texts.get("status-line-overdue-one", &[("days", &days_text(texts, days))])
        }
        Some(&days) => texts.get(
            "status-line-overdue-many",
            &[("count", &overdue.len().to_string()), ("days", &days_text(texts, days))],
        ),
        None => match project.reports.iter().find(|report| report.state == ReportState::Due) {
            Some(next) => texts.get(
                "status-line-next",
                &[
                    (
                        "report",
                        &samvurd_core::format::lowercase_first(&report_label(
                            texts,
                            next.kind,
                            next.number,
                        )),
                    ),
                    ("date", &norsk::date(next.due)),
                ],
            ),
            None if project.reports.is_empty() => texts.text("status-line-nothing-owed"),
            None => texts.text("status-line-completed"),
        },
    };
    if project.deviation.is_some() {
        let id = if project.consent.is_some() {
            "status-line-consented"
        } else {
            "status-line-deviation"
        };
        line = format!("{line}; {}", texts.text(id));
    }
    line
}

fn is_serious(project: &StatusProject) -> bool {
    project.overdue().next().is_some() || (project.deviation.is_some() && project.consent.is_none())
}

pub fn lay_out_status(
    status: &HalfYearStatus,
    texts: &Texts,
    generated_at: DateTime<FixedOffset>,
) -> LaidOut {
    let mut writer = Writer::new();
    if !status.helsefellesskap.trim().is_empty() {
        let sender = writer.paragraph(
            &status.helsefellesskap,
            TextStyle { color: ACCENT, ..crate::theme::BODY_BOLD },
            Role::P,
        );
        sender.space_after = 0.0;
    }
    writer
        .paragraph(&status.working_group, TextStyle { color: MUTED, ..BODY }, Role::P)
        .space_after = 20.0;
    let short = short_body(&status.decision_body);
    writer.paragraph(&texts.get("status-title", &[("body", short)]), H1, Role::H1).space_after =
        2.0;
    writer.paragraph(&status.round_title, SUBTITLE, Role::P).space_after = 4.0;
    writer
        .paragraph(
            &texts.get("status-as-of", &[("date", &norsk::date(status.as_of))]),
            TextStyle { color: MUTED, ..BODY },
            Role::P,
        )
        .space_after = 12.0;
    writer.paragraphs(&texts.get(
        "status-intro",
        &[
            ("body", &status.decision_body),
            ("date", &norsk::date(status.vedtak_date)),
            ("case", &status.case_number),
        ],
    ));

    // Key figures.
    let granted: Money = status.projects.iter().map(|project| project.granted).sum();
    let paid: Money = status.projects.iter().map(|project| project.paid_out).sum();
    let count = |wanted: fn(&ReportState) -> bool| {
        status
            .projects
            .iter()
            .flat_map(|project| &project.reports)
            .filter(|report| wanted(&report.state))
            .count()
            .to_string()
    };
    let summary = texts.get(
        "status-reports-summary",
        &[
            ("received", &count(|state| matches!(state, ReportState::Received(_)))),
            ("overdue", &count(|state| matches!(state, ReportState::Overdue(_)))),
            ("due", &count(|state| matches!(state, ReportState::Due))),
        ],
    );
    let facts = [
        (texts.text("status-fact-projects"), status.projects.len().to_string()),
        (texts.text("status-fact-granted"), granted.format()),
        (texts.text("status-fact-paid"), paid.format()),
        (texts.text("status-fact-reports"), summary),
    ];
    let columns = [(150.0, Align::Left), (WIDTH - 150.0, Align::Left)];
    let table_element = writer.structure.add(Role::Table, Structure::ROOT);
    let mut builder =
        TableBuilder { structure: &mut writer.structure, table_element, columns: &columns };
    let rows: Vec<Row> = facts
        .iter()
        .map(|(label, value)| builder.labelled_row(&[label.clone(), value.clone()], TABLE))
        .collect();
    let mut facts_table = plain_table(&columns, None, rows);
    facts_table.space_before = 4.0;
    facts_table.space_after = 6.0;
    writer.blocks.push(Block::Table(facts_table));

    // The projects.
    let heading = writer.paragraph(&texts.text("status-heading-projects"), H2, Role::H2);
    heading.space_before = 10.0;
    heading.space_after = 4.0;
    heading.keep_with_next = true;
    let columns = [
        (128.0, Align::Left),
        (58.0, Align::Right),
        (58.0, Align::Right),
        (132.0, Align::Left),
        (WIDTH - 376.0, Align::Left),
    ];
    let titles = [
        "status-column-project",
        "status-column-granted",
        "status-column-paid",
        "status-column-reports",
        "status-column-status",
    ]
    .map(|id| texts.text(id));
    let table_element = writer.structure.add(Role::Table, Structure::ROOT);
    let mut rows = Vec::new();
    for project in &status.projects {
        let row = writer.structure.add(Role::TR, table_element);
        let reports: Vec<String> = project
            .reports
            .iter()
            .map(|report| {
                let state = match report.state {
                    ReportState::Received(on) => {
                        texts.get("status-report-received", &[("date", &norsk::date(on))])
                    }
                    ReportState::Due => {
                        texts.get("status-report-due", &[("date", &norsk::date(report.due))])
                    }
                    ReportState::Overdue(days) => texts.get(
                        "status-report-overdue",
                        &[("date", &norsk::date(report.due)), ("days", &days_text(texts, days))],
                    ),
                };
                format!("{}: {state}", report_label(texts, report.kind, report.number))
            })
            .collect();
        let reports =
            if reports.is_empty() { texts.text("status-no-reports") } else { reports.join("\n") };
        let line_style = if is_serious(project) {
            TextStyle { color: WARNING_TEXT, ..TABLE_BOLD }
        } else {
            TABLE
        };
        let title = format!("{} {}", project.reference, project.title);
        let structure = &mut writer.structure;
        let mut report_cell = cell(structure, row, Role::TD, columns[3].0, &[]);
        report_cell.parts = reports
            .lines()
            .map(|line| {
                (
                    crate::layout::wrap(
                        line,
                        TABLE.face,
                        TABLE.size,
                        columns[3].0 - 2.0 * CELL_PADDING_X,
                    ),
                    TABLE,
                )
            })
            .collect();
        rows.push((
            row,
            vec![
                cell(
                    structure,
                    row,
                    Role::TH,
                    columns[0].0,
                    &[(&title, TABLE_BOLD), (&project.applicant, TABLE_MUTED)],
                ),
                cell(structure, row, Role::TD, columns[1].0, &[(&project.granted.format(), TABLE)]),
                cell(
                    structure,
                    row,
                    Role::TD,
                    columns[2].0,
                    &[(&project.paid_out.format(), TABLE)],
                ),
                report_cell,
                cell(
                    structure,
                    row,
                    Role::TD,
                    columns[4].0,
                    &[(&status_line(project, texts), line_style)],
                ),
            ],
        ));
    }
    let block = table_with_rows(&mut writer.structure, &columns, &titles, rows, table_element);
    writer.blocks.push(block);

    // Deviations from the plan, and the SSU's consent.
    writer.heading(&texts.text("status-heading-deviations"));
    let deviating: Vec<&StatusProject> =
        status.projects.iter().filter(|project| project.deviation.is_some()).collect();
    if deviating.is_empty() {
        writer.paragraphs(&texts.text("status-no-deviations"));
    }
    for project in deviating {
        let consent = match &project.consent {
            Some((date, case)) => {
                texts.get("status-consent", &[("date", &norsk::date(*date)), ("case", case)])
            }
            None => texts.text("status-no-consent"),
        };
        let text = texts.get(
            "status-deviation",
            &[
                ("reference", &project.reference),
                ("title", &project.title),
                ("deviation", project.deviation.as_deref().unwrap_or_default()),
                ("consent", &consent),
            ],
        );
        writer.paragraphs(&text);
    }

    let generated = texts.get("status-generated", &[("at", &norsk::date_time(generated_at))]);
    writer.finish(&[&status.helsefellesskap, &status.round_title, &generated], texts)
}

/// A darker shade of the warning colour, for text: 4.5:1 on white.
const WARNING_TEXT: crate::layout::Color = crate::layout::Color(0x8a, 0x4b, 0x00);
