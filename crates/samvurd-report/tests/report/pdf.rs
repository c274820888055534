//! The PDF itself, checked with real tools: what text comes back out of it, that its fonts are
//! embedded, that it is structurally sound, that it is a valid PDF/A-1b, and that it is the
//! same file every time.

use samvurd_core::Money;
use samvurd_report::render_pdf;

use crate::sample::{self, Options};
use crate::tools::{pdfbox_classpath, run_ok, sample_pdf, scratch};

fn path_text(path: &std::path::Path) -> &str {
    path.to_str().expect("scratch paths are UTF-8")
}

/// Poppler turns no-break spaces into plain spaces, so compare with those.
fn poppler_form(text: &str) -> String {
    text.replace('\u{a0}', " ")
}

/// Lines joined with spaces, so that a name wrapped over two lines is still found.
fn flattened(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn pdftotext_gives_back_every_amount_name_and_sami_letter() {
    let text =
        run_ok("pdftotext", &["-enc", "UTF-8", path_text(sample_pdf()), "-"], "poppler-utils");
    let flat = flattened(&text);
    let model = sample::innstilling(Options::default());
    let round = &model.round;
    let mut expected: Vec<String> = vec![
        round.frame.format(),
        round.total_requested.format(),
        round.total_recommended.format(),
        round.remaining.format(),
        round.helsefellesskap.clone(),
        "23.11.2026".to_owned(),
        "26/01234".to_owned(),
    ];
    for entry in &model.applications {
        expected.push(entry.reference.clone());
        expected.push(entry.applicant.clone());
        expected.push(entry.requested.format());
        expected.push(entry.recommended.format());
        expected.push(entry.requested.format_number());
        expected.push(samvurd_report::norsk::decimal(entry.total.unwrap(), 2));
        for name in &entry.recusals {
            expected
                .push(format!("{name} deltok ikke i vurderingen av søknad {}.", entry.reference));
        }
    }
    for group in &model.group_totals {
        for row in &group.rows {
            expected.push(row.recommended.format());
        }
    }
    for member in &model.members {
        expected.push(member.name.clone());
    }
    let missing: Vec<&String> = expected
        .iter()
        .filter(|wanted| !flat.contains(&flattened(&poppler_form(wanted))))
        .collect();
    assert!(missing.is_empty(), "not in the PDF's text: {missing:?}");
    for letter in sample::SAMI_LETTERS.chars().chain("æøåØÅ".chars()) {
        assert!(text.contains(letter), "{letter} is not in the PDF's text");
    }
    assert!(Money::from_kroner(1).format().contains('\u{a0}'));
}

#[test]
fn amounts_keep_their_no_break_spaces_in_the_text_layer() {
    // PDFBox, unlike poppler, passes U+00A0 through, so this shows what the file itself says.
    let out = scratch("innstilling-pdfbox.txt");
    let classpath = pdfbox_classpath();
    run_ok(
        "java",
        &[
            "-cp",
            &classpath,
            "org.apache.pdfbox.tools.ExtractText",
            path_text(sample_pdf()),
            path_text(&out),
        ],
        "default-jre-headless",
    );
    let text = std::fs::read_to_string(&out).unwrap();
    let model = sample::innstilling(Options::default());
    for amount in [model.round.frame, model.round.total_requested, model.round.remaining] {
        assert!(text.contains(&amount.format()), "{:?} is not in the text layer", amount.format());
    }
}

#[test]
fn pdffonts_shows_every_font_embedded_subset_and_with_unicode_mapping() {
    let listing = run_ok("pdffonts", &[path_text(sample_pdf())], "poppler-utils");
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert_eq!(fonts.len(), 2, "{listing}");
    for font in fonts {
        let columns: Vec<&str> = font.split_whitespace().collect();
        assert!(
            columns[0].ends_with("+NotoSans-Regular") || columns[0].ends_with("+NotoSans-Bold"),
            "{font}"
        );
        assert_eq!(
            &columns[columns.len() - 5..columns.len() - 2],
            ["yes", "yes", "yes"],
            "emb sub uni: {font}"
        );
    }
}

#[test]
fn qpdf_finds_no_structural_errors() {
    let output = run_ok("qpdf", &["--check", path_text(sample_pdf())], "qpdf");
    assert!(output.contains("No syntax or stream encoding errors found"), "{output}");
}

#[test]
fn pdfbox_preflight_accepts_the_file_as_pdf_a_1b() {
    let classpath = pdfbox_classpath();
    let output = run_ok(
        "java",
        &["-cp", &classpath, "org.apache.pdfbox.preflight.Validator_A1b", path_text(sample_pdf())],
        "default-jre-headless",
    );
    assert!(output.contains("is a valid PDF/A-1b file"), "{output}");
}

#[test]
fn the_same_model_and_time_give_byte_identical_files() {
    let model = sample::innstilling(Options { applications: 8, ..Options::default() });
    let first = render_pdf(&model, sample::generated_at()).unwrap();
    let second = render_pdf(&model, sample::generated_at()).unwrap();
    assert!(first == second, "two renders differ");
    let later = render_pdf(&model, sample::generated_at() + chrono::Duration::minutes(1)).unwrap();
    assert!(first != later, "the generation time is part of the file");
}

#[test]
fn the_file_declares_pdf_a_language_title_and_tagging() {
    let bytes = std::fs::read(sample_pdf()).unwrap();
    let info = run_ok("pdfinfo", &[path_text(sample_pdf())], "poppler-utils");
    let field = |name: &str| {
        info.lines()
            .find_map(|line| line.strip_prefix(name).map(str::trim))
            .unwrap_or_else(|| panic!("no {name} in\n{info}"))
            .to_owned()
    };
    assert_eq!(field("Title:"), "Innstilling – Rekrutterings- og samhandlingstilskudd 2026");
    assert_eq!(field("Author:"), "Helsefellesskapet Nordland");
    assert_eq!(field("Tagged:"), "yes");
    assert!(bytes.starts_with(b"%PDF-1.4"));
    let text = String::from_utf8_lossy(&bytes);
    for needle in
        ["/Lang(nb-NO)", "/GTS_PDFA1", "<pdfaid:part>1</pdfaid:part>", "/StructTreeRoot", "/CIDSet"]
    {
        assert!(text.contains(needle), "{needle} is missing");
    }
}

/// An answer letter with Sámi letters in the addressee, a justification and conditions.
fn letter_pdf() -> std::path::PathBuf {
    let letter = samvurd_report::AnswerLetter {
        helsefellesskap: "Helsefellesskapet Nordland".to_owned(),
        working_group: "Arbeidsgruppen for samhandlingstilskudd".to_owned(),
        decision_body: "Strategisk samarbeidsutvalg (SSU)".to_owned(),
        meeting_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 8),
        round_title: "Rekrutterings- og samhandlingstilskudd 2026".to_owned(),
        case_number: Some("26/01234".to_owned()),
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(),
        applicant: "Kárášjoga gielda – Karasjok kommune".to_owned(),
        reference: "HN-2026-015".to_owned(),
        title: "Samisktalende helsefagarbeidere i hjemmetjenesten".to_owned(),
        requested: Money::from_kroner(1_100_000),
        outcome: samvurd_core::Outcome::PartlyGranted,
        amount: Money::from_kroner(700_000),
        justification: Some(
            "Tiltaket er godt forankret; rammen gir rom for 700 000 kr i år.".to_owned(),
        ),
        conditions: samvurd_report::DEFAULT_CONDITIONS.to_owned(),
        contact: "Spørsmål om vedtaket kan rettes til sekretariatet.".to_owned(),
    };
    let bytes = samvurd_report::render_answer_letter(&letter, sample::generated_at()).unwrap();
    let path = scratch("svarbrev.pdf");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn an_answer_letter_is_a_valid_pdf_a_1b_that_qpdf_accepts() {
    let path = letter_pdf();
    let output = run_ok("qpdf", &["--check", path_text(&path)], "qpdf");
    assert!(output.contains("No syntax or stream encoding errors found"), "{output}");
    let classpath = pdfbox_classpath();
    let output = run_ok(
        "java",
        &["-cp", &classpath, "org.apache.pdfbox.preflight.Validator_A1b", path_text(&path)],
        "default-jre-headless",
    );
    assert!(output.contains("is a valid PDF/A-1b file"), "{output}");
    let text =
        poppler_form(&run_ok("pdftotext", &["-layout", path_text(&path), "-"], "poppler-utils"));
    assert!(text.contains("700 000 kr") && text.contains("Kárášjoga gielda"), "{text}");
}

/// `pdfua check FILE`: the machine-checkable part of PDF/UA-1 (PyPI package `pdfua`, which
/// `cargo xtask test` installs). Returns the summary and every finding.
fn pdfua(path: &std::path::Path) -> String {
    let output = match std::process::Command::new("pdfua").args(["check", path_text(path)]).output()
    {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => panic!(
            "`pdfua` is not installed; these tests need it. Install it with \
             `python3 -m pip install pdfua==0.1.3` (cargo xtask test does)"
        ),
        Err(error) => panic!("could not run pdfua: {error}"),
    };
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn pdfua_finds_no_error_and_no_warning_in_the_innstilling_or_an_answer_letter() {
    for path in [sample_pdf().to_path_buf(), letter_pdf()] {
        let report = pdfua(&path);
        assert!(report.contains("errors=0 warnings=0"), "{}:\n{report}", path.display());
    }
    // Header cells say what they head; the file claims PDF/UA-1 in a way PDF/A-1 accepts.
    let text = String::from_utf8_lossy(&std::fs::read(sample_pdf()).unwrap()).into_owned();
    for needle in
        ["/Scope /Column", "/Scope /Row", "<pdfuaid:part>1</pdfuaid:part>", "pdfaExtension"]
    {
        assert!(text.contains(needle), "{needle} is missing");
    }
}
