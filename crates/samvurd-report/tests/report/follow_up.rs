//! The follow-up's documents: a reminder letter for overdue reports and the half-year status to
//! the SSU, each a valid PDF/A-1b (PDFBox Preflight) that pdfua finds nothing wrong with, in
//! the round's language, with the figures and dates pdftotext gives back.

use chrono::NaiveDate;
use samvurd_core::Money;
use samvurd_core::language::Language;
use samvurd_core::reporting::ReportKind;
use samvurd_report::{
    HalfYearStatus, ReminderLetter, ReportLine, ReportState, StatusProject, Texts,
};

use crate::sample;
use crate::tools::{pdfbox_classpath, run, run_ok, scratch};

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn path_text(path: &std::path::Path) -> &str {
    path.to_str().expect("scratch paths are UTF-8")
}

/// The text pdftotext reads in drawing order (`-raw`, which keeps a table cell together),
/// no-break spaces as spaces and lines joined.
fn text_of(path: &std::path::Path) -> String {
    run_ok("pdftotext", &["-raw", path_text(path), "-"], "poppler-utils")
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn preflight(path: &std::path::Path) {
    let classpath = pdfbox_classpath();
    let output = run_ok(
        "java",
        &["-cp", &classpath, "org.apache.pdfbox.preflight.Validator_A1b", path_text(path)],
        "default-jre-headless",
    );
    assert!(output.contains("is a valid PDF/A-1b file"), "{}: {output}", path.display());
}

fn pdfua(path: &std::path::Path) {
    let output = run("pdfua", &["check", path_text(path)], "pdfua (pip)");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("errors=0 warnings=0"), "{}:\n{report}", path.display());
}

fn reminder(language: Language) -> ReminderLetter {
    let texts = Texts::builtin(language);
    ReminderLetter {
        helsefellesskap: "Helsefellesskapet i Sør-Rogaland".to_owned(),
        working_group: texts.text("default-working-group"),
        decision_body: texts.text("default-decision-body"),
        round_title: "Samhandlingsmidler 2026".to_owned(),
        case_number: Some("26/01234".to_owned()),
        vedtak_date: date(2026, 6, 15),
        date: date(2027, 2, 1),
        applicant: "Kárášjoga gielda – Karasjok kommune".to_owned(),
        reference: "SR-2026-004".to_owned(),
        title: "Felles ambulant team".to_owned(),
        granted: Money::from_kroner(850_000),
        overdue: vec![
            ReportLine {
                kind: ReportKind::Status,
                number: 1,
                due: date(2026, 12, 15),
                state: ReportState::Overdue(48),
            },
            ReportLine {
                kind: ReportKind::Periodic,
                number: 1,
                due: date(2027, 1, 31),
                state: ReportState::Overdue(1),
            },
        ],
        language,
    }
}

#[test]
fn a_reminder_is_a_pdf_a_1b_in_the_rounds_language_naming_each_overdue_report_and_its_due_date() {
    for (language, words) in [
        (Language::Bokmal, ["Purring på rapport", "Vi har ikke mottatt rapportene", "48 dager"]),
        (Language::Nynorsk, ["Purring på rapport", "Vi har ikkje motteke rapportane", "48 dagar"]),
    ] {
        let texts = Texts::builtin(language);
        let bytes =
            samvurd_report::render_reminder(&reminder(language), &texts, sample::generated_at())
                .unwrap();
        let lang = format!("/Lang({})", language.tag());
        assert!(bytes.windows(lang.len()).any(|window| window == lang.as_bytes()), "{lang}");
        let path = scratch(&format!("purring-{}.pdf", language.code()));
        std::fs::write(&path, &bytes).unwrap();
        preflight(&path);
        let text = text_of(&path);
        for word in words {
            assert!(text.contains(word), "{}: «{word}» in {text}", language.code());
        }
        for needle in [
            "Statusrapport",
            "15.12.2026",
            "Periodisk rapport nr. 1",
            "31.01.2027",
            "1 dag",
            "850 000 kr",
            "Vår ref.: 26/01234 – SR-2026-004",
            "Kárášjoga gielda",
        ] {
            assert!(text.contains(needle), "{}: «{needle}» in {text}", language.code());
        }
    }
    pdfua(&scratch("purring-nb.pdf"));
}

fn project(reference: &str, reports: Vec<ReportLine>) -> StatusProject {
    StatusProject {
        reference: reference.to_owned(),
        title: format!("Prosjekt {reference}"),
        applicant: "Stavanger kommune".to_owned(),
        granted: Money::from_kroner(500_000),
        paid_out: Money::from_kroner(250_000),
        reports,
        deviation: None,
        consent: None,
    }
}

fn status() -> HalfYearStatus {
    let texts = Texts::builtin(Language::Bokmal);
    let line = |kind, due, state| ReportLine { kind, number: 1, due, state };
    let mut changed = project(
        "SR-3",
        vec![line(
            ReportKind::Status,
            date(2026, 12, 15),
            ReportState::Received(date(2026, 12, 10)),
        )],
    );
    changed.deviation = Some("Stillingen ble besatt tre måneder senere.".to_owned());
    changed.consent = Some((date(2027, 1, 20), "27/00321".to_owned()));
    let mut unconsented = project("SR-4", vec![]);
    unconsented.deviation = Some("Midler flyttet til utstyr.".to_owned());
    HalfYearStatus {
        helsefellesskap: "Helsefellesskapet i Sør-Rogaland".to_owned(),
        working_group: texts.text("default-working-group"),
        decision_body: texts.text("default-decision-body"),
        round_title: "Samhandlingsmidler 2026".to_owned(),
        case_number: "26/01234".to_owned(),
        vedtak_date: date(2026, 6, 15),
        as_of: date(2027, 2, 1),
        projects: vec![
            project(
                "SR-1",
                vec![
                    line(ReportKind::Status, date(2026, 12, 15), ReportState::Overdue(48)),
                    line(ReportKind::Final, date(2027, 6, 30), ReportState::Due),
                ],
            ),
            project("SR-2", vec![line(ReportKind::Final, date(2027, 6, 30), ReportState::Due)]),
            changed,
            unconsented,
        ],
        language: Language::Bokmal,
    }
}

#[test]
fn the_half_year_status_lists_every_project_with_money_reports_deviation_consent_and_a_status_line()
{
    let texts = Texts::builtin(Language::Bokmal);
    let model = status();
    let bytes =
        samvurd_report::render_half_year_status(&model, &texts, sample::generated_at()).unwrap();
    let path = scratch("halvarsstatus.pdf");
    std::fs::write(&path, &bytes).unwrap();
    preflight(&path);
    pdfua(&path);
    let text = text_of(&path);
    for needle in [
        "Halvårsstatus til SSU",
        "Status per 01.02.2027",
        "Tildelt i alt 2 000 000 kr",
        "Utbetalt i alt 1 000 000 kr",
        "1 mottatt, 1 forfalt, 2 ikke forfalt",
        "SR-1 Prosjekt SR-1",
        "Rapport forfalt, 48 dager over fristen",
        "SR-2 Prosjekt SR-2",
        "I rute; neste er sluttrapport 30.06.2027",
        "SR-3 Prosjekt SR-3",
        "Alle rapporter er mottatt; endret bruk med SSUs samtykke",
        "SSU samtykket skriftlig 20.01.2027 (sak 27/00321)",
        "SR-4 Prosjekt SR-4",
        "avvik uten SSUs samtykke",
        "SSU har ikke gitt skriftlig samtykke",
    ] {
        assert!(text.contains(needle), "«{needle}» in {text}");
    }
    // Every project has its own status line, and it is the one status_line gives.
    for project in &model.projects {
        let line = samvurd_report::status_line(project, &texts);
        assert!(text.contains(&line), "«{line}» in {text}");
    }
}
