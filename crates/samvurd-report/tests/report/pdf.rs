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
    letter_pdf_as(false, "svarbrev.pdf")
}

fn letter_pdf_as(preliminary: bool, name: &str) -> std::path::PathBuf {
    let texts = samvurd_report::Texts::builtin(samvurd_core::language::Language::Bokmal);
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
        conditions: samvurd_report::default_conditions(&texts),
        special_conditions: Some(
            "Tilskuddet utbetales når avtalen med Kárášjohka er signert.".to_owned(),
        ),
        preliminary,
        language: samvurd_core::language::Language::Bokmal,
        copy_note: None,
        norwegian_copy: false,
        contact: "Spørsmål om vedtaket kan rettes til sekretariatet.".to_owned(),
    };
    let bytes =
        samvurd_report::render_answer_letter(&letter, &texts, sample::generated_at()).unwrap();
    let path = scratch(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_preliminary_letter_says_so_and_is_a_valid_pdf_a_1b_with_the_ssus_conditions_only_when_final() {
    let path = letter_pdf_as(true, "svarbrev-forelopig.pdf");
    let classpath = pdfbox_classpath();
    let output = run_ok(
        "java",
        &["-cp", &classpath, "org.apache.pdfbox.preflight.Validator_A1b", path_text(&path)],
        "default-jre-headless",
    );
    assert!(output.contains("is a valid PDF/A-1b file"), "{output}");
    let text =
        flattened(&poppler_form(&run_ok("pdftotext", &[path_text(&path), "-"], "poppler-utils")));
    assert!(text.contains("FORELØPIG SVAR"), "{text}");
    assert!(text.contains("Foreløpig · generert"), "{text}");
    assert!(text.contains("har ennå ikke behandlet søknaden"), "{text}");
    assert!(!text.contains("har behandlet søknaden"), "{text}");
    // The round's title keeps its capital letter inside the sentence.
    assert!(text.contains("i runden «Rekrutterings- og samhandlingstilskudd 2026»"), "{text}");

    let text = flattened(&poppler_form(&run_ok(
        "pdftotext",
        &[path_text(&letter_pdf_as(false, "svarbrev-endelig.pdf")), "-"],
        "poppler-utils",
    )));
    assert!(!text.contains("FORELØPIG") && !text.contains("Foreløpig"), "{text}");
    assert!(text.contains("utbetales når avtalen med Kárášjohka er signert"), "{text}");
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

#[test]
fn the_public_version_leaves_out_every_members_score_and_keeps_every_total_rank_and_amount() {
    let full = sample::innstilling(Options::default());
    let mut public = full.clone();
    public.public = Some(samvurd_report::PublicVersion {
        ground: samvurd_report::DEFAULT_WITHHELD_GROUND.to_owned(),
    });
    let dots = |model: &samvurd_report::Innstilling| {
        samvurd_report::render_pages(model, sample::generated_at())
            .unwrap()
            .iter()
            .flat_map(|page| &page.marks)
            .filter(|mark| matches!(mark, samvurd_report::layout::Mark::Dot { .. }))
            .count()
    };
    let scores: usize = full
        .applications
        .iter()
        .flat_map(|entry| &entry.criteria)
        .map(|criterion| criterion.scores.len())
        .sum();
    assert!(scores > 0);
    // Every member's score is a dot in the full version only, and so is each profile's legend
    // dot for them.
    assert_eq!(dots(&full) - dots(&public), scores + full.applications.len());

    let bytes = render_pdf(&public, sample::generated_at()).unwrap();
    let path = scratch("innstilling-offentlig.pdf");
    std::fs::write(&path, bytes).unwrap();
    let classpath = pdfbox_classpath();
    let output = run_ok(
        "java",
        &["-cp", &classpath, "org.apache.pdfbox.preflight.Validator_A1b", path_text(&path)],
        "default-jre-headless",
    );
    assert!(output.contains("is a valid PDF/A-1b file"), "{output}");

    let text_of = |path: &std::path::Path| {
        flattened(&poppler_form(&run_ok("pdftotext", &[path_text(path), "-"], "poppler-utils")))
    };
    let public_text = text_of(&path);
    let full_text = text_of(sample_pdf());
    let withheld = "Unntatt offentlighet, offl. § 13 jf. fvl. § 13 første ledd nr. 1";
    assert!(!full_text.contains(withheld));
    // The cover says so, and so does every application's profile, where the scores were.
    assert_eq!(public_text.matches(withheld).count(), full.applications.len() + 1);
    assert!(public_text.contains("Offentlig versjon."), "{public_text}");
    for (index, entry) in full.applications.iter().enumerate() {
        let section = |text: &str| -> String {
            let heading = format!("3.{} {}", index + 1, entry.reference);
            let start = text.find(&heading).unwrap_or_else(|| panic!("{heading} in {text}"));
            text[start..].chars().take(1500).collect()
        };
        let (full_section, public_section) = (section(&full_text), section(&public_text));
        if let Some(total) = entry.total {
            let total = samvurd_report::norsk::decimal(total, 2);
            assert!(public_section.contains(&total), "{}: total {total}", entry.reference);
        }
        if let Some(rank) = entry.rank {
            assert!(public_section.contains(&format!("{rank} av ")), "{}: rank", entry.reference);
        }
        let amount = poppler_form(&entry.recommended.format());
        assert!(public_section.contains(&amount), "{}: amount {amount}", entry.reference);
        // The spread of the members' scores is in the full profile only.
        for criterion in &entry.criteria {
            let (Some(low), Some(high)) =
                (criterion.scores.iter().min(), criterion.scores.iter().max())
            else {
                continue;
            };
            let spread = if low == high { low.to_string() } else { format!("{low}–{high}") };
            assert!(
                full_section.contains(&spread),
                "{}: spread {spread} in the full version",
                entry.reference
            );
        }
    }
    // The method stays.
    assert!(public_text.contains("Vedlegg A"), "the method appendix stays");
}

/// The Sámi letters the font and the text layer must carry through.
const SAMI: [char; 7] = ['á', 'č', 'đ', 'ŋ', 'š', 'ŧ', 'ž'];

#[test]
fn letters_in_nynorsk_and_north_sami_are_pdf_a_1b_with_their_lang_and_the_sami_letters_come_back() {
    use samvurd_core::language::Language;
    let classpath = pdfbox_classpath();
    for (language, heading) in [
        (Language::Nynorsk, "Grunngiving"),
        (Language::NorthSami, "Vuođustus"),
        (Language::Bokmal, "Begrunnelse"),
    ] {
        let texts = samvurd_report::Texts::builtin(language);
        let letter = samvurd_report::AnswerLetter {
            helsefellesskap: "Helsefellesskapet Nordland".to_owned(),
            working_group: texts.text("default-working-group"),
            decision_body: texts.text("default-decision-body"),
            meeting_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 8),
            round_title: "Samhandlingstilskudd 2026".to_owned(),
            case_number: Some("26/01234".to_owned()),
            date: chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap(),
            applicant: "Kárášjoga gielda – Karasjok kommune".to_owned(),
            reference: "HN-2026-015".to_owned(),
            title: "Giellabargu: č, đ, ŋ, š, ŧ ja ž dearvvašvuođabálvalusas".to_owned(),
            requested: Money::from_kroner(1_100_000),
            outcome: samvurd_core::Outcome::PartlyGranted,
            amount: Money::from_kroner(700_000),
            justification: Some("Tiltaket er godt forankra.".to_owned()),
            conditions: samvurd_report::default_conditions(&texts),
            special_conditions: None,
            preliminary: false,
            language,
            copy_note: None,
            norwegian_copy: false,
            contact: texts.get("letter-default-contact", &[("group", "sekretariatet")]),
        };
        let bytes =
            samvurd_report::render_answer_letter(&letter, &texts, sample::generated_at()).unwrap();
        let lang = format!("/Lang({})", language.tag());
        assert!(
            bytes.windows(lang.len()).any(|window| window == lang.as_bytes()),
            "{}: {lang}",
            language.code()
        );
        let path = scratch(&format!("svarbrev-{}.pdf", language.code()));
        std::fs::write(&path, bytes).unwrap();
        let output = run_ok(
            "java",
            &["-cp", &classpath, "org.apache.pdfbox.preflight.Validator_A1b", path_text(&path)],
            "default-jre-headless",
        );
        assert!(output.contains("is a valid PDF/A-1b file"), "{}: {output}", language.code());
        let text = flattened(&poppler_form(&run_ok(
            "pdftotext",
            &[path_text(&path), "-"],
            "poppler-utils",
        )));
        assert!(text.contains(heading), "{}: {text}", language.code());
        for letter in SAMI {
            assert!(text.contains(letter), "{}: {letter} in {text}", language.code());
        }
    }
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

#[test]
fn the_nynorsk_innstilling_and_its_public_version_are_pdf_a_1b_with_lang_nn_no_and_nynorsk_headings()
 {
    let mut full = sample::innstilling(Options { applications: 6, ..Options::default() });
    full.language = samvurd_core::language::Language::Nynorsk;
    let mut public = full.clone();
    public.public = Some(samvurd_report::PublicVersion {
        ground: samvurd_report::DEFAULT_WITHHELD_GROUND.to_owned(),
    });
    let classpath = pdfbox_classpath();
    for (model, name) in [(&full, "innstilling-nn.pdf"), (&public, "innstilling-nn-offentleg.pdf")]
    {
        let bytes = render_pdf(model, sample::generated_at()).unwrap();
        let lang = b"/Lang(nn-NO)";
        assert!(bytes.windows(lang.len()).any(|window| window == lang), "{name}: /Lang nn-NO");
        let path = scratch(name);
        std::fs::write(&path, bytes).unwrap();
        let output = run_ok(
            "java",
            &["-cp", &classpath, "org.apache.pdfbox.preflight.Validator_A1b", path_text(&path)],
            "default-jre-headless",
        );
        assert!(output.contains("is a valid PDF/A-1b file"), "{name}: {output}");
        let text = flattened(&poppler_form(&run_ok(
            "pdftotext",
            &[path_text(&path), "-"],
            "poppler-utils",
        )));
        for heading in [
            "1 Rangert oversikt",
            "2 Samla skår og usikkerheit",
            "3 Vurdering av søknadene",
            "Vedlegg A: Metode",
            "Vedlegg B: Arbeidsgruppa",
            "Samla tilrådd",
        ] {
            assert!(text.contains(heading), "{name}: «{heading}» in {text}");
        }
        assert_eq!(
            text.contains("Unnateke frå innsyn, offl. § 13 jf. fvl. § 13 første ledd nr. 1"),
            model.public.is_some(),
            "{name}: {text}"
        );
    }
}
