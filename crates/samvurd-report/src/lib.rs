//! The innstilling — the working group's recommendation to the SSU — as a PDF/A-1b document.
//!
//! The crate takes a plain [`Innstilling`] (built by samvurd-app from the engine's results)
//! and renders it: [`render_pdf`] gives the archivable PDF, [`render_text`] the same pages as
//! text for snapshot tests and quick reading. It depends on samvurd-core for money and the
//! domain's small enums only; it never computes a figure of its own, so the PDF shows exactly
//! what the engine computed.
//!
//! [`render_answer_letter`] writes the answer letter to one applicant after the decision, with
//! the same fonts, layout and PDF/A finishing. [`render_reminder`] and
//! [`render_half_year_status`] write the follow-up's documents after the grant: a reminder for
//! overdue reports, and the half-year status to the SSU.
//!
//! Inside, [`layout`] breaks lines by measured glyph widths and paginates a flow of blocks;
//! `innstilling` decides what goes on the pages; `charts` draws the vector charts; `pdf`
//! writes the PDF/A-1b file itself, content streams, fonts and structure tree.

mod charts;
mod follow_up;
pub mod fonts;
mod icc;
mod innstilling;
pub mod language;
pub mod layout;
mod letter;
mod model;
pub mod norsk;
mod pdf;
mod theme;

use chrono::{DateTime, FixedOffset};

pub use follow_up::{
    HalfYearStatus, ReminderLetter, ReportLine, ReportState, StatusProject, report_label,
    status_line,
};
pub use language::{Texts, TextsError};
pub use letter::{AnswerLetter, default_conditions};
pub use model::{
    Agreement, ApplicationEntry, Bootstrap, ContinuationRow, ContinuationTable,
    CriterionDescription, CriterionResult, DEFAULT_WITHHELD_GROUND, Flag, GateCheck,
    GateDescription, GroupTotal, GroupTotals, Innstilling, LotteryAppendix, MeetingEntry, Member,
    Method, PublicVersion, RoundFacts, ScaleStep, Side, TieRule,
};

/// Why a report could not be made. Messages are for the person who asked for the report.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReportError {
    #[error(
        "Tegnet «{character}» (U+{code:04X}) finnes ikke i skriften rapporten bruker, i teksten «{text}». \
         Bytt ut tegnet i runden og lag rapporten på nytt.",
        code = u32::from(*character)
    )]
    MissingGlyph { character: char, text: String },
    #[error("Skriften {face} kunne ikke bygges inn i PDF-filen: {reason}")]
    Font { face: &'static str, reason: String },
    #[error("PDF-filen kunne ikke skrives: {0}")]
    Pdf(String),
}

/// The innstilling as a PDF/A-1b file in the model's language (bokmål or nynorsk, `/Lang`
/// `nb-NO` or `nn-NO`). The same model and `generated_at` always give the same bytes;
/// `generated_at` is the only time the file contains.
pub fn render_pdf(
    model: &Innstilling,
    generated_at: DateTime<FixedOffset>,
) -> Result<Vec<u8>, ReportError> {
    let laid_out = lay_out(model, generated_at)?;
    let texts = Texts::builtin(model.language);
    let title = if model.public.is_some() { "pdf-title-public" } else { "pdf-title" };
    let info = pdf::DocumentInfo {
        title: texts.get(title, &[("title", &model.round.title)]),
        author: model.round.helsefellesskap.clone(),
        subject: texts.get(
            "pdf-subject",
            &[
                ("group", &model.round.working_group),
                ("body", &model.round.decision_body),
                ("title", &model.round.title),
            ],
        ),
        language: model.language.tag().to_owned(),
    };
    pdf::write(&laid_out.pages, &laid_out.structure, &info, generated_at)
}

/// The pages of the innstilling as text, line by line, with `=== side N ===` between pages.
pub fn render_text(
    model: &Innstilling,
    generated_at: DateTime<FixedOffset>,
) -> Result<String, ReportError> {
    Ok(layout::pages_as_text(&render_pages(model, generated_at)?))
}

/// The laid-out pages, every mark with its position: for tests that check the layout itself.
pub fn render_pages(
    model: &Innstilling,
    generated_at: DateTime<FixedOffset>,
) -> Result<Vec<layout::Page>, ReportError> {
    Ok(lay_out(model, generated_at)?.pages)
}

fn lay_out(
    model: &Innstilling,
    generated_at: DateTime<FixedOffset>,
) -> Result<innstilling::LaidOut, ReportError> {
    let laid_out = innstilling::lay_out(model, generated_at);
    check_glyphs(&laid_out.pages)?;
    Ok(laid_out)
}

/// The answer letter to one applicant as a PDF/A-1b file; deterministic like [`render_pdf`].
/// `texts` are the letter's language's messages (`letter.language`).
pub fn render_answer_letter(
    letter: &AnswerLetter,
    texts: &Texts,
    generated_at: DateTime<FixedOffset>,
) -> Result<Vec<u8>, ReportError> {
    let laid_out = letter::lay_out(letter, texts, generated_at);
    check_glyphs(&laid_out.pages)?;
    let subject = texts.get("letter-subject", &[("title", &letter.title)]);
    let info = pdf::DocumentInfo {
        title: format!("{} ({})", subject, letter.reference),
        author: letter.helsefellesskap.clone(),
        subject: format!("{subject} – {}", letter.round_title),
        language: letter.language.tag().to_owned(),
    };
    pdf::write(&laid_out.pages, &laid_out.structure, &info, generated_at)
}

/// The answer letter's pages as text, for tests and quick reading.
pub fn render_answer_letter_text(
    letter: &AnswerLetter,
    texts: &Texts,
    generated_at: DateTime<FixedOffset>,
) -> Result<String, ReportError> {
    let laid_out = letter::lay_out(letter, texts, generated_at);
    check_glyphs(&laid_out.pages)?;
    Ok(layout::pages_as_text(&laid_out.pages))
}

/// The reminder letter for one applicant's overdue reports as a PDF/A-1b file; deterministic
/// like [`render_pdf`]. `texts` are the round's document language's messages.
pub fn render_reminder(
    letter: &ReminderLetter,
    texts: &Texts,
    generated_at: DateTime<FixedOffset>,
) -> Result<Vec<u8>, ReportError> {
    let laid_out = follow_up::lay_out_reminder(letter, texts, generated_at);
    check_glyphs(&laid_out.pages)?;
    let subject = texts.get("reminder-subject", &[("title", &letter.title)]);
    let info = pdf::DocumentInfo {
        title: format!("{subject} ({})", letter.reference),
        author: letter.helsefellesskap.clone(),
        subject: format!("{subject} – {}", letter.round_title),
        language: letter.language.tag().to_owned(),
    };
    pdf::write(&laid_out.pages, &laid_out.structure, &info, generated_at)
}

/// The reminder letter's pages as text, for tests and quick reading.
pub fn render_reminder_text(
    letter: &ReminderLetter,
    texts: &Texts,
    generated_at: DateTime<FixedOffset>,
) -> Result<String, ReportError> {
    let laid_out = follow_up::lay_out_reminder(letter, texts, generated_at);
    check_glyphs(&laid_out.pages)?;
    Ok(layout::pages_as_text(&laid_out.pages))
}

/// The half-year status to the SSU as a PDF/A-1b file; deterministic like [`render_pdf`].
pub fn render_half_year_status(
    status: &HalfYearStatus,
    texts: &Texts,
    generated_at: DateTime<FixedOffset>,
) -> Result<Vec<u8>, ReportError> {
    let laid_out = follow_up::lay_out_status(status, texts, generated_at);
    check_glyphs(&laid_out.pages)?;
    let title = texts.get("status-title", &[("body", letter::short_body(&status.decision_body))]);
    let info = pdf::DocumentInfo {
        title: format!("{title} – {}", status.round_title),
        author: status.helsefellesskap.clone(),
        subject: format!(
            "{title} – {}",
            texts.get("status-as-of", &[("date", &norsk::date(status.as_of))])
        ),
        language: status.language.tag().to_owned(),
    };
    pdf::write(&laid_out.pages, &laid_out.structure, &info, generated_at)
}

/// The half-year status's pages as text, for tests and quick reading.
pub fn render_half_year_status_text(
    status: &HalfYearStatus,
    texts: &Texts,
    generated_at: DateTime<FixedOffset>,
) -> Result<String, ReportError> {
    let laid_out = follow_up::lay_out_status(status, texts, generated_at);
    check_glyphs(&laid_out.pages)?;
    Ok(layout::pages_as_text(&laid_out.pages))
}

fn check_glyphs(pages: &[layout::Page]) -> Result<(), ReportError> {
    let fonts = fonts::Fonts::get();
    for mark in pages.iter().flat_map(|page| &page.marks) {
        if let layout::Mark::Text { text, face, .. } = mark {
            fonts.check_text(*face, text)?;
        }
    }
    Ok(())
}
