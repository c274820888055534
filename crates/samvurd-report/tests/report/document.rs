//! The innstilling as laid out: a text snapshot of a small round, and a large, hostile round
//! (60 applications, a 300-character title, a 3 000-character justification) checked for
//! text that leaves the page.

use expect_test::expect_file;
use samvurd_report::fonts::Fonts;
use samvurd_report::layout::{Mark, PAGE_HEIGHT, PAGE_WIDTH};
use samvurd_report::{ReportError, render_pages, render_text};

use crate::sample::{self, Options};

#[test]
fn a_small_round_reads_as_expected_page_by_page() {
    let model = sample::innstilling(Options {
        applications: 3,
        long_title: false,
        long_justification: false,
    });
    let text = render_text(&model, sample::generated_at()).unwrap();
    expect_file!["../data/innstilling-3-soknader.txt"].assert_eq(&text);
}

#[test]
fn a_round_made_to_stress_the_layout_keeps_every_mark_on_the_page() {
    let model = sample::innstilling(Options {
        applications: 60,
        long_title: true,
        long_justification: true,
    });
    let pages = render_pages(&model, sample::generated_at()).unwrap();
    let text = render_text(&model, sample::generated_at()).unwrap();
    // The 300-character title and the 3 000-character justification both arrive whole.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("til sykehuset i Bodø"));
    let ending = sample::long_text(3_000);
    let last_words: String = ending
        .split_whitespace()
        .rev()
        .take(6)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(flat.contains(&last_words), "{last_words}");
    // Every application has its own section.
    for entry in &model.applications {
        assert!(flat.contains(&format!("{} ", entry.reference)), "{}", entry.reference);
    }
    // Nothing is drawn outside the 20 mm margins, and the footer numbers every page.
    let count = pages.len();
    for (index, page) in pages.iter().enumerate() {
        let footer = format!("Side {} av {count}", index + 1);
        assert!(
            page.marks
                .iter()
                .any(|mark| matches!(mark, Mark::Text { text, .. } if *text == footer)),
            "{footer}"
        );
        for mark in &page.marks {
            if let Mark::Text { x, baseline, text, face, size, .. } = mark {
                let right = x + Fonts::get().face(*face).width(text, *size);
                assert!(
                    *x >= 56.0 && right <= PAGE_WIDTH - 56.0,
                    "page {}: {text:?} runs from {x} to {right}",
                    index + 1
                );
                assert!(
                    *baseline > 30.0 && *baseline < PAGE_HEIGHT - 30.0,
                    "page {}: {text:?} at {baseline}",
                    index + 1
                );
            }
        }
    }
}

#[test]
fn a_letter_the_font_cannot_show_is_refused_and_named() {
    let mut model = sample::innstilling(Options { applications: 3, ..Options::default() });
    model.applications[1].applicant = "Gjøvik kommune 😀".to_owned();
    let error = render_text(&model, sample::generated_at()).unwrap_err();
    assert!(matches!(error, ReportError::MissingGlyph { character: '😀', .. }), "{error:?}");
    assert!(error.to_string().contains("Gjøvik kommune"), "{error}");
}

#[test]
#[ignore = "writes the stress round to the scratch directory for looking at with pdftoppm"]
fn write_the_stress_round_for_inspection() {
    let model = sample::innstilling(Options {
        applications: 60,
        long_title: true,
        long_justification: true,
    });
    let bytes = samvurd_report::render_pdf(&model, sample::generated_at()).unwrap();
    std::fs::write(crate::tools::scratch("innstilling-60.pdf"), bytes).unwrap();
}
