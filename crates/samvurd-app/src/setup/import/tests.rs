//! Tests for the importers: small inline files checked against snapshots, and the committed
//! fixtures under `tests/data/import/` (written by `make_import_fixtures.py` there).

use std::path::Path;

use chrono::NaiveDate;
use expect_test::{Expect, expect};
use rust_decimal::Decimal;
use samvurd_core::testing;
use samvurd_core::{
    ApplicantSide, Application, ApplicationKind, ApplicationRef, Criterion, Member, MemberId,
    Money, Recusal, Role, Round, RoundInfo, Scale, Score,
};

use super::applications::COLUMNS;
use super::scores::{RECUSAL_COLUMNS, SCORE_COLUMNS};
use super::*;

// ----------------------------------------------------------------------------------------------
// Helpers

fn application(reference: &str, title: &str) -> Application {
    Application {
        kommune: None,
        extra: Vec::new(),
        title: title.to_owned(),
        amount_requested: Money::from_kroner(500_000),
        ..testing::application(reference)
    }
}

fn criterion(id: &str, name: &str, allow_not_applicable: bool) -> Criterion {
    Criterion { name: name.to_owned(), ..testing::criterion(id, 1, allow_not_applicable) }
}

fn member(id: &str, name: &str, role: Role) -> Member {
    Member { name: name.to_owned(), organisation: String::new(), role, ..testing::member(id) }
}

/// A round with two applications already in it, three criteria (only `samisk` allows
/// *ikke relevant*), two members, and Ola recused from VV-2026-091.
fn round() -> Round {
    let mut round = testing::round(
        vec![
            criterion("baerekraft", "Bærekraft", false),
            criterion("beon", "BEON", false),
            criterion("samisk", "Samiske pasienter", true),
        ],
        vec![member("kari", "Kari Nordmann", Role::Kommune), member("ola", "Ola Hansen", Role::Hf)],
        vec![
            application("VV-2026-090", "Eksisterende prosjekt"),
            application("VV-2026-091", "Annet eksisterende prosjekt"),
        ],
        Vec::new(),
    );
    round.info = RoundInfo {
        round_id: "test-round".to_owned(),
        title: "Rekrutterings- og samhandlingstilskudd 2027".to_owned(),
        helsefellesskap: "Vestre Viken".to_owned(),
        budget_frame: Money::from_kroner(20_500_000),
        deadline: NaiveDate::from_ymd_opt(2026, 9, 1),
        template_id: "vestre-viken".to_owned(),
        ..testing::round_info()
    };
    round.recusals = vec![Recusal {
        member: MemberId::new("ola"),
        application: ApplicationRef::new("VV-2026-091"),
        reason: "Leder prosjektet".to_owned(),
    }];
    round
}

/// Inline test files are indented like the code around them; this takes the indentation and
/// the first line break away, so that the first line of the literal is row 1.
fn dedent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    let indent = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines().map(|line| line.get(indent..).unwrap_or("")).collect::<Vec<_>>().join("\n")
}

fn render_application(application: &Application) -> String {
    let date = |date: Option<NaiveDate>| date.map(|date| date.to_string()).unwrap_or_default();
    format!(
        "{} | {} | {} | {} | {} | {}..{} | egen {}/{} | {} | {} | {} | {}",
        application.reference,
        application.title,
        application.applicant,
        application.applicant_side.as_str(),
        application.amount_requested.to_canonical_string(),
        date(application.period_start),
        date(application.period_end),
        application.own_contribution_kommune.to_canonical_string(),
        application.own_contribution_hf.to_canonical_string(),
        application.kind.as_str(),
        application.partners,
        application.priority_area,
        application.summary,
    )
}

fn render<T>(result: Result<Vec<T>, ImportError>, item: impl Fn(&T) -> String) -> String {
    match result {
        // Trimmed, so that empty trailing fields leave no trailing spaces in the snapshots.
        Ok(items) => items.iter().map(|value| item(value).trim_end().to_owned() + "\n").collect(),
        Err(error) => format!("{error}\n"),
    }
}

fn check(input: &str, expect: Expect) {
    let input = dedent(input);
    let result = parse_applications_csv(input.as_bytes(), "søknader.csv", &round());
    expect.assert_eq(&render(result, render_application));
}

fn check_scores(input: &str, expect: Expect) {
    let input = dedent(input);
    let result = parse_scores_csv(input.as_bytes(), "skårer.csv", &round());
    let render_score = |score: &Score| {
        format!(
            "{} {} {} {} «{}»",
            score.member, score.application, score.criterion, score.value, score.justification
        )
    };
    expect.assert_eq(&render(result, render_score));
}

fn check_recusals(input: &str, expect: Expect) {
    let input = dedent(input);
    let result = parse_recusals_csv(input.as_bytes(), "inhabilitet.csv", &round());
    let render_recusal = |recusal: &Recusal| {
        format!("{} {} «{}»", recusal.member, recusal.application, recusal.reason)
    };
    expect.assert_eq(&render(result, render_recusal));
}

fn problems(result: Result<Vec<Application>, ImportError>) -> Vec<RowProblem> {
    match result {
        Err(ImportError { kind: ImportErrorKind::BadRows { problems }, .. }) => problems,
        other => panic!("expected row problems, got {other:?}"),
    }
}

/// Row, column and cell of every problem, leaving out the message where it is Money's.
fn render_positions(problems: &[RowProblem]) -> String {
    problems
        .iter()
        .map(|problem| format!("{} «{}» «{}»\n", problem.row, problem.column, problem.text))
        .collect()
}

fn fixture(name: &str) -> Vec<u8> {
    let path =
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/import")).join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// A row made of every column's example value, under the given headers.
fn example_file(headers: &[&str]) -> String {
    // Quoted, because the partners' example has a `;` in it.
    let examples: Vec<String> =
        COLUMNS.iter().map(|spec| format!("\"{}\"", spec.example)).collect();
    format!("{}\n{}\n", headers.join(";"), examples.join(";"))
}

enum XlsxCell {
    Text(&'static str),
    Number(f64),
    Date(u16, u8, u8),
}

fn xlsx_bytes(rows: &[Vec<XlsxCell>]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    let date_format = rust_xlsxwriter::Format::new().set_num_format("dd.mm.yyyy");
    for (row, cells) in (0u32..).zip(rows) {
        for (column, cell) in (0u16..).zip(cells) {
            match cell {
                XlsxCell::Text(text) => sheet.write_string(row, column, *text).map(|_| ()),
                XlsxCell::Number(number) => sheet.write_number(row, column, *number).map(|_| ()),
                XlsxCell::Date(year, month, day) => {
                    let date =
                        rust_xlsxwriter::ExcelDateTime::from_ymd(*year, *month, *day).unwrap();
                    sheet.write_datetime_with_format(row, column, &date, &date_format).map(|_| ())
                }
            }
            .unwrap();
        }
    }
    workbook.save_to_buffer().unwrap()
}

// ----------------------------------------------------------------------------------------------
// Applications: reading what is right

#[test]
fn a_minimal_file_needs_only_reference_title_applicant_and_amount() {
    check(
        "
        Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp
        VV-2026-001;Ambulant team;Drammen kommune;1 200 000
        VV-2026-002;Kombinerte stillinger;Vestre Viken HF;kr 450 000
        ",
        expect![[r#"
            VV-2026-001 | Ambulant team | Drammen kommune | kommune | 1200000 | .. | egen 0/0 | ny |  |  |
            VV-2026-002 | Kombinerte stillinger | Vestre Viken HF | hf | 450000 | .. | egen 0/0 | ny |  |  |
        "#]],
    );
}

#[test]
fn every_column_is_read_into_its_field() {
    check(
        r#"
        Søknadsnr;Tittel;Ansvarlig søker;Søkerside;Samarbeidspartnere;Målgruppe;Periode fra;Periode til;Omsøkt beløp;Egeninnsats kommune;Egeninnsats HF;Sammendrag;Ny/videreføring
        VV-2026-001;Felles team;Universitetet i Sørøst-Norge;annet;"Vestre Viken HF; Lier kommune";Rekruttering;1.2.2027;2028-01-31;1 200 000,50;300 000;250 000,-;Kort om prosjektet.;Videreføring
        "#,
        expect![[r#"
            VV-2026-001 | Felles team | Universitetet i Sørøst-Norge | annet | 1200000.5 | 2027-02-01..2028-01-31 | egen 300000/250000 | videreforing | Vestre Viken HF; Lier kommune | Rekruttering | Kort om prosjektet.
        "#]],
    );
}

#[test]
fn every_accepted_header_is_read_as_its_column() {
    let round = round();
    let template_headers: Vec<&str> = COLUMNS.iter().map(|spec| spec.header).collect();
    let expected =
        parse_applications_csv(example_file(&template_headers).as_bytes(), "mal.csv", &round)
            .expect("the template's headers with the examples must import");
    assert_eq!(expected.len(), 1);
    for (position, spec) in COLUMNS.iter().enumerate() {
        for alias in spec.accepted {
            for written in [alias.to_string(), alias.to_uppercase(), format!("  {alias} ")] {
                let mut headers = template_headers.clone();
                headers[position] = &written;
                let file = example_file(&headers);
                let actual = parse_applications_csv(file.as_bytes(), "alias.csv", &round);
                assert_eq!(actual.as_ref(), Ok(&expected), "header «{written}»");
            }
        }
    }
}

#[test]
fn headers_forgive_underscores_spaces_and_spacing_around_the_slash() {
    check(
        "
        REFERENCE;Title;applicant;amount requested;ny / videreføring;Periode\u{a0}fra
        VV-2026-001;Ambulant team;Drammen kommune;100 000;videreføring;01.01.2027
        ",
        expect![[r#"
            VV-2026-001 | Ambulant team | Drammen kommune | kommune | 100000 | 2027-01-01.. | egen 0/0 | videreforing |  |  |
        "#]],
    );
}

#[test]
fn unknown_columns_are_ignored() {
    check(
        "
        Kontaktperson;Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp;Innsendt
        Kari;VV-2026-001;Ambulant team;Drammen kommune;100 000;01.08.2026
        ",
        expect![[r#"
            VV-2026-001 | Ambulant team | Drammen kommune | kommune | 100000 | .. | egen 0/0 | ny |  |  |
        "#]],
    );
}

#[test]
fn windows_1252_utf8_and_utf8_with_bom_give_the_same_applications() {
    let text = "Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp\r\nVV-2026-001;Kompetanseløft på Ål;Ål kommune;1\u{a0}200\u{a0}000\r\n";
    let (windows_1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&windows_1252).is_err(), "the test needs real cp1252 bytes");
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();

    let round = round();
    let from_utf8 = parse_applications_csv(text.as_bytes(), "utf8.csv", &round).unwrap();
    let from_bom = parse_applications_csv(&with_bom, "bom.csv", &round).unwrap();
    let from_windows = parse_applications_csv(&windows_1252, "ansi.csv", &round).unwrap();
    assert_eq!(from_utf8, from_bom);
    assert_eq!(from_utf8, from_windows);
    assert_eq!(from_utf8[0].title, "Kompetanseløft på Ål");
    assert_eq!(from_utf8[0].amount_requested, Money::from_kroner(1_200_000));
}

#[test]
fn utf16_files_are_refused_with_advice_on_how_to_save_them() {
    let bytes = [0xFF, 0xFE, b'S', 0, b'\n', 0];
    let error = parse_applications_csv(&bytes, "unicode.txt", &round()).unwrap_err();
    expect![[r#"«unicode.txt»: Filen er lagret som UTF-16 («Unicode-tekst»). Åpne den i Excel og lagre den som «CSV (semikolondelt)» eller «CSV UTF-8 (kommadelt)»."#]]
        .assert_eq(&error.to_string());
}

#[test]
fn a_utf8_file_with_one_bad_byte_is_refused_with_its_line_instead_of_read_as_windows_1252() {
    let mut bytes = "Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp\r\nVV-2026-001;Tromsø;Tromsø kommune;1 000\r\nVV-2026-002;Bod"
        .as_bytes()
        .to_vec();
    bytes.push(0xF8);
    bytes.extend_from_slice(b";Bodo kommune;1 000\r\n");
    let error = parse_applications_csv(&bytes, "søknader.csv", &round()).unwrap_err();
    expect![[r#"«søknader.csv»: Linje 3 i filen har et tegn som ikke er gyldig UTF-8 (byten 0xF8), mens resten av filen er UTF-8. Rett eller skriv inn teksten på nytt på den linjen, og lagre filen som «CSV UTF-8 (kommadelt)»."#]]
        .assert_eq(&error.to_string());
}

#[test]
fn a_two_million_character_title_and_a_nul_byte_are_refused_with_their_rows() {
    let long_title = "A".repeat(2_000_000);
    let text = format!(
        "Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp;Sammendrag\nVV-2026-001;{long_title};Ål kommune;1 000;\nVV-2026-002;Legevakt;Ål\0kommune;1 000;\nVV-2026-003;Legevakt;Ål kommune;1 000;\"To linjer\nær lov i sammendraget\"\nVV-2026-004;Legevakt;Ål kommune;1 000;Tabulator\tnei\n"
    );
    let problems = problems(parse_applications_csv(text.as_bytes(), "søknader.csv", &round()));
    let rendered: String = problems
        .iter()
        .map(|problem| {
            format!(
                "{} «{}» {} chars: {}\n",
                problem.row,
                problem.column,
                problem.text.chars().count(),
                problem.problem
            )
        })
        .collect();
    expect![[r#"
        2 «Tittel» 123 chars: Teksten er 2000000 tegn lang, men kan være høyst 300 tegn. Kort den ned.
        3 «Ansvarlig søker» 10 chars: Teksten inneholder kontrolltegnet U+0000 (NUL) (tegn 3), som ikke kan lagres. Fjern det og prøv igjen.
        5 «Sammendrag» 13 chars: Teksten inneholder kontrolltegnet U+0009 (tabulator) (tegn 10), som ikke kan lagres. Fjern det og prøv igjen.
    "#]]
    .assert_eq(&rendered);
}

#[test]
fn comma_separated_files_are_read_when_the_header_has_no_semicolon() {
    check(
        r#"
        Søknadsnr,Tittel,Ansvarlig søker,Omsøkt beløp,Periode fra
        VV-2026-001,"Team, felles",Drammen kommune,"1 200 000,50",01.01.2027
        VV-2026-002,Stillinger,Vestre Viken HF,450000,
        "#,
        expect![[r#"
            VV-2026-001 | Team, felles | Drammen kommune | kommune | 1200000.5 | 2027-01-01.. | egen 0/0 | ny |  |  |
            VV-2026-002 | Stillinger | Vestre Viken HF | hf | 450000 | .. | egen 0/0 | ny |  |  |
        "#]],
    );
}

#[test]
fn cells_are_trimmed_and_blank_rows_are_skipped_without_changing_row_numbers() {
    check(
        "
        Søknadsnr ; Tittel ;Ansvarlig søker;Omsøkt beløp
        ;;;

          VV-2026-001  ;  Ambulant team ; Drammen kommune ;  100 000\u{a0}
        ;;;
        VV-2026-002;;Lier kommune;100 000
        ",
        expect![[r#"
            «søknader.csv»: Fant 1 feil i 1 rad. Ingenting er importert; rett feilene i filen og importer den på nytt.
            - Rad 6, kolonne «Tittel»: Cellen er tom, men må fylles ut (f.eks. «Felles ambulant team for utskrivningsklare pasienter»).
        "#]],
    );
}

#[test]
fn a_line_break_inside_a_quoted_cell_does_not_shift_later_row_numbers() {
    check(
        "
        Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp;Sammendrag
        VV-2026-001;Team;Drammen kommune;100 000;\"Første linje\r\nandre linje\ntredje linje\"
        VV-2026-002;Team;Drammen kommune;mye
        ",
        expect![[r#"
            «søknader.csv»: Fant 1 feil i 1 rad. Ingenting er importert; rett feilene i filen og importer den på nytt.
            - Rad 3, kolonne «Omsøkt beløp»: «mye» er ikke et gyldig beløp: det står ingen sifre; skriv beløpet, for eksempel 1 200 000.
        "#]],
    );
}

#[test]
fn row_numbers_are_right_in_files_with_crlf_line_ends_as_excel_writes_them() {
    // No dedent here: the line ends themselves are what is tested.
    let text = "Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp\r\n\r\nVV-2026-001;Team;Drammen kommune;mye\r\nVV-2026-002;Team;Drammen kommune;1,200\r\n";
    let result = parse_applications_csv(text.as_bytes(), "søknader.csv", &round());
    expect![[r#"
        3 «Omsøkt beløp» «mye»
        4 «Omsøkt beløp» «1,200»
    "#]]
    .assert_eq(&render_positions(&problems(result)));
}

#[test]
fn the_applicant_side_is_derived_from_the_name_only_when_unambiguous() {
    check(
        "
        Søknadsnr;Tittel;Ansvarlig søker;Søkerside;Omsøkt beløp
        VV-2026-001;A;Nore og Uvdal kommune;;100 000
        VV-2026-002;B;Vestre Viken HF;;100 000
        VV-2026-003;C;Vestre Viken HF, Ringerike sykehus;;100 000
        VV-2026-004;D;Sunnaas sykehus;;100 000
        VV-2026-005;E;Helseforetakenes senter for pasientreiser;;100 000
        VV-2026-006;F;Universitetet i Sørøst-Norge;HF;100 000
        VV-2026-007;G;Drammen kommune og Vestre Viken HF;;100 000
        VV-2026-008;H;Frivilligsentralen;;100 000
        VV-2026-009;I;Lier kommune;fylke;100 000
        ",
        expect![[r#"
            «søknader.csv»: Fant 3 feil i 3 rader. Ingenting er importert; rett feilene i filen og importer den på nytt.
            - Rad 8, kolonne «Søkerside»: Søkerside mangler, og den kan ikke leses sikkert ut av søkerens navn «Drammen kommune og Vestre Viken HF». Fyll inn «kommune», «HF» eller «annet».
            - Rad 9, kolonne «Søkerside»: Søkerside mangler, og den kan ikke leses sikkert ut av søkerens navn «Frivilligsentralen». Fyll inn «kommune», «HF» eller «annet».
            - Rad 10, kolonne «Søkerside»: «fylke» er ikke en søkerside. Skriv «kommune», «HF» eller «annet».
        "#]],
    );
    check(
        "
        Søknadsnr;Tittel;Ansvarlig søker;Søkerside;Omsøkt beløp
        VV-2026-003;C;Vestre Viken HF, Ringerike sykehus;;100 000
        VV-2026-004;D;Sunnaas sykehus;;100 000
        VV-2026-005;E;Helseforetakenes senter for pasientreiser;;100 000
        VV-2026-006;F;Universitetet i Sørøst-Norge;HF;100 000
        ",
        expect![[r#"
            VV-2026-003 | C | Vestre Viken HF, Ringerike sykehus | hf | 100000 | .. | egen 0/0 | ny |  |  |
            VV-2026-004 | D | Sunnaas sykehus | hf | 100000 | .. | egen 0/0 | ny |  |  |
            VV-2026-005 | E | Helseforetakenes senter for pasientreiser | hf | 100000 | .. | egen 0/0 | ny |  |  |
            VV-2026-006 | F | Universitetet i Sørøst-Norge | hf | 100000 | .. | egen 0/0 | ny |  |  |
        "#]],
    );
}

#[test]
fn an_excel_csv_from_sor_rogaland_finds_every_side_in_the_register_without_a_side_column() {
    // As Norwegian Excel saves «CSV (semikolondelt)»: Windows-1252, CRLF, no Søkerside column.
    // The en dash, «á» and «š» are real Windows-1252 bytes (0x96, 0xE1, 0x9A).
    let text = "Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp\r\n\
        SR-1;Akuttsamarbeid;Helse Stavanger – Stavanger universitetssjukehus;1 200 000\r\n\
        SR-2;Felles kompetanse;Helse Bergen, Haukeland universitetssjukehus;800 000\r\n\
        SR-3;Digital oppfølging;St. Olavs hospital;650 000\r\n\
        SR-4;Samisk pasientforløp;Guovdageainnu suohkan;400 000\r\n\
        SR-5;Tospråklig hjemmetjeneste;Kárášjoga gielda;300 000\r\n\
        SR-6;Friskliv;Sola kommune;200 000\r\n";
    let (windows_1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&windows_1252).is_err(), "the test needs real cp1252 bytes");
    let result = parse_applications_csv(&windows_1252, "sør-rogaland.csv", &round());
    expect![[r#"
        SR-1 | Akuttsamarbeid | Helse Stavanger – Stavanger universitetssjukehus | hf | 1200000 | .. | egen 0/0 | ny |  |  |
        SR-2 | Felles kompetanse | Helse Bergen, Haukeland universitetssjukehus | hf | 800000 | .. | egen 0/0 | ny |  |  |
        SR-3 | Digital oppfølging | St. Olavs hospital | hf | 650000 | .. | egen 0/0 | ny |  |  |
        SR-4 | Samisk pasientforløp | Guovdageainnu suohkan | kommune | 400000 | .. | egen 0/0 | ny |  |  |
        SR-5 | Tospråklig hjemmetjeneste | Kárášjoga gielda | kommune | 300000 | .. | egen 0/0 | ny |  |  |
        SR-6 | Friskliv | Sola kommune | kommune | 200000 | .. | egen 0/0 | ny |  |  |
    "#]]
    .assert_eq(&render(result, render_application));
}

#[test]
fn a_missing_side_column_asks_for_the_column_by_its_template_name() {
    check(
        "
        Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp
        VV-2026-001;A;Frivilligsentralen;100 000
        ",
        expect![[r#"
            «søknader.csv»: Fant 1 feil i 1 rad. Ingenting er importert; rett feilene i filen og importer den på nytt.
            - Rad 2, kolonne «Søkerside»: Søkerside mangler, og den kan ikke leses sikkert ut av søkerens navn «Frivilligsentralen». Fyll inn «kommune», «HF» eller «annet».
        "#]],
    );
}

// ----------------------------------------------------------------------------------------------
// Applications: every problem, all at once

#[test]
fn every_missing_required_value_is_reported() {
    check(
        "
        Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp
        ;;;100 000
        VV-2026-002;Team;Drammen kommune;
        ",
        expect![[r#"
            «søknader.csv»: Fant 4 feil i 2 rader. Ingenting er importert; rett feilene i filen og importer den på nytt.
            - Rad 2, kolonne «Søknadsnr»: Cellen er tom, men må fylles ut (f.eks. «VV-2026-001»).
            - Rad 2, kolonne «Tittel»: Cellen er tom, men må fylles ut (f.eks. «Felles ambulant team for utskrivningsklare pasienter»).
            - Rad 2, kolonne «Ansvarlig søker»: Cellen er tom, men må fylles ut (f.eks. «Drammen kommune»).
            - Rad 3, kolonne «Omsøkt beløp»: Cellen er tom, men må fylles ut (f.eks. «1 200 000»).
        "#]],
    );
}

#[test]
fn bad_amounts_quote_the_money_parser_and_amount_rules_are_checked() {
    let input = dedent(
        "
        Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp;Egeninnsats kommune;Egeninnsats HF
        VV-2026-001;A;Drammen kommune;1,2 mill;;
        VV-2026-002;B;Drammen kommune;0;0;
        VV-2026-003;C;Drammen kommune;\u{2212}50 000;-1;
        VV-2026-004;D;Drammen kommune;100 000;;ca. 50 000
        VV-2026-005;E;Drammen kommune;20.500.000;1 000 000;2 000,-
        ",
    );
    let problems = problems(parse_applications_csv(input.as_bytes(), "belop.csv", &round()));
    expect![[r#"
        2 «Omsøkt beløp» «1,2 mill»
        3 «Omsøkt beløp» «0»
        4 «Omsøkt beløp» «−50 000»
        4 «Egeninnsats kommune» «-1»
        5 «Egeninnsats HF» «ca. 50 000»
    "#]]
    .assert_eq(&render_positions(&problems));
    let money_message = Money::parse("1,2 mill").unwrap_err().to_string();
    assert!(problems[0].problem.starts_with(&money_message), "{}", problems[0].problem);
    expect![[r#"
        «0» er null. Omsøkt beløp må være større enn 0 kr.
        «−50 000» er negativt. Skriv beløpet uten minustegn.
        «-1» er negativt. Skriv beløpet uten minustegn.
    "#]]
    .assert_eq(
        &problems[1..4].iter().map(|problem| problem.problem.clone() + "\n").collect::<String>(),
    );
}

#[test]
fn bad_dates_and_a_period_that_ends_before_it_starts_are_reported() {
    check(
        "
        Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp;Periode fra;Periode til
        VV-2026-001;A;Drammen kommune;100 000;31.02.2027;
        VV-2026-002;B;Drammen kommune;100 000;1.1.27;
        VV-2026-003;C;Drammen kommune;100 000;2027/01/01;
        VV-2026-004;D;Drammen kommune;100 000;01.07.2027;30.06.2027
        VV-2026-005;E;Drammen kommune;100 000;01.01.2027 12:00;neste år
        VV-2026-006;F;Drammen kommune;100 000;1.7.2027;2027-07-01
        ",
        expect![[r#"
            «søknader.csv»: Fant 6 feil i 5 rader. Ingenting er importert; rett feilene i filen og importer den på nytt.
            - Rad 2, kolonne «Periode fra»: «31.02.2027» er ikke en gyldig dato. Skriv datoen som dag.måned.år, f.eks. «01.01.2027», eller som «2027-01-01».
            - Rad 3, kolonne «Periode fra»: «1.1.27» har tosifret årstall. Skriv årstallet med fire sifre, f.eks. «01.01.2027».
            - Rad 4, kolonne «Periode fra»: «2027/01/01» er ikke en gyldig dato. Skriv datoen som dag.måned.år, f.eks. «01.01.2027», eller som «2027-01-01».
            - Rad 5, kolonne «Periode til»: Perioden slutter 30.06.2027 før den starter 01.07.2027. Rett «Periode fra» eller «Periode til».
            - Rad 6, kolonne «Periode fra»: «01.01.2027 12:00» er ikke en gyldig dato. Skriv datoen som dag.måned.år, f.eks. «01.01.2027», eller som «2027-01-01».
            - Rad 6, kolonne «Periode til»: «neste år» er ikke en gyldig dato. Skriv datoen som dag.måned.år, f.eks. «01.01.2027», eller som «2027-01-01».
        "#]],
    );
}

#[test]
fn duplicate_references_and_references_already_in_the_round_are_reported() {
    check(
        "
        Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp
        VV-2026-001;A;Drammen kommune;100 000
        VV-2026-002;B;Drammen kommune;100 000
        VV-2026-001;C;Drammen kommune;100 000
        vv-2026-002;D;Drammen kommune;100 000
        VV-2026-090;E;Drammen kommune;100 000
        ",
        expect![[r#"
            «søknader.csv»: Fant 3 feil i 3 rader. Ingenting er importert; rett feilene i filen og importer den på nytt.
            - Rad 4, kolonne «Søknadsnr»: Søknadsnummeret VV-2026-001 står også på rad 2. Hver søknad kan bare stå én gang; slett den ene raden eller rett nummeret.
            - Rad 5, kolonne «Søknadsnr»: Søknadsnummeret vv-2026-002 står også på rad 3. Hver søknad kan bare stå én gang; slett den ene raden eller rett nummeret.
            - Rad 6, kolonne «Søknadsnr»: Søknad VV-2026-090 («Eksisterende prosjekt») finnes allerede i runden. Fjern raden fra filen, eller slett søknaden i runden før du importerer.
        "#]],
    );
}

#[test]
fn an_unknown_kind_is_reported_and_an_empty_one_means_new() {
    check(
        "
        Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp;Type
        VV-2026-001;A;Drammen kommune;100 000;
        VV-2026-002;B;Drammen kommune;100 000;NY
        VV-2026-003;C;Drammen kommune;100 000;forlengelse
        ",
        expect![[r#"
            «søknader.csv»: Fant 1 feil i 1 rad. Ingenting er importert; rett feilene i filen og importer den på nytt.
            - Rad 4, kolonne «Type»: «forlengelse» er verken ny eller videreføring. Skriv «ny» eller «videreføring».
        "#]],
    );
}

// ----------------------------------------------------------------------------------------------
// Applications: whole-file errors

#[test]
fn missing_required_columns_are_listed_with_their_accepted_headers() {
    check(
        "
        Nummer;Søker;Beløp
        VV-2026-001;Drammen kommune;100 000
        ",
        expect![[r#"
            «søknader.csv»: Filen mangler 2 påkrevde kolonner: «Søknadsnr» (felt søknadsnr; godtatte overskrifter: Søknadsnr, Søknadsnummer, Referanse, Ref, reference, ref); «Tittel» (felt tittel; godtatte overskrifter: Tittel, Prosjektnavn, Prosjekttittel, title). Overskriftene i filen er «Nummer», «Søker» og «Beløp». Velg hvilken kolonne i filen som er hvilket felt (på kommandolinjen: --kolonne beløp="Søkt beløp (kr)"), eller gi kolonnene en av de godtatte overskriftene og importer filen på nytt.
        "#]],
    );
}

#[test]
fn two_columns_with_the_same_meaning_are_refused() {
    check(
        "
        Søknadsnr;Referanse;Tittel;Ansvarlig søker;Omsøkt beløp
        VV-2026-001;VV-2026-001;A;Drammen kommune;100 000
        ",
        expect![[r#"
            «søknader.csv»: Kolonnene «Søknadsnr» og «Referanse» betyr begge «Søknadsnr», så det er uklart hvilken som gjelder. Slett eller gi nytt navn til alle unntatt én, og importer på nytt.
        "#]],
    );
}

#[test]
fn empty_files_and_files_with_only_headers_are_refused() {
    let round = round();
    for input in
        ["", "\r\n\r\n", ";;;\r\n", "Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp\r\n;;;\r\n"]
    {
        let error = parse_applications_csv(input.as_bytes(), "tom.csv", &round).unwrap_err();
        assert_eq!(error.kind, ImportErrorKind::Empty, "{input:?}");
    }
    expect![[r#"«tom.csv»: Filen har ingen rader med data under overskriftsraden. Sjekk at du valgte riktig fil, og at overskriftene står i den første utfylte raden."#]]
        .assert_eq(&parse_applications_csv(b"", "tom.csv", &round).unwrap_err().to_string());
}

#[test]
fn read_applications_chooses_the_format_by_extension_and_refuses_others() {
    let round = round();
    let error = read_applications(Path::new("/tmp/søknader.pdf"), &round).unwrap_err();
    expect![[r#"«søknader.pdf»: Filtypen «.pdf» kan ikke importeres. Lagre filen som .xlsx, .xls eller .csv og prøv igjen."#]]
        .assert_eq(&error.to_string());
    let error = read_applications(Path::new("/finnes/ikke/søknader.csv"), &round).unwrap_err();
    expect![[r#"«søknader.csv»: Filen kunne ikke leses, fordi den eller mappen ikke finnes. Velg filen på nytt."#]]
        .assert_eq(&error.to_string());

    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("SØKNADER.CSV");
    std::fs::write(&path, "Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp\nVV-1;A;Lier kommune;1\n")
        .unwrap();
    assert_eq!(read_applications(&path, &round).unwrap().len(), 1);
}

// ----------------------------------------------------------------------------------------------
// Applications from Excel

#[test]
fn excel_number_and_date_cells_are_read_as_numbers_and_dates() {
    use XlsxCell::{Date, Number, Text};
    let bytes = xlsx_bytes(&[
        vec![
            Text("Søknadsnr"),
            Text("Tittel"),
            Text("Ansvarlig søker"),
            Text("Omsøkt beløp"),
            Text("Periode fra"),
            Text("Periode til"),
            Text("Egeninnsats HF"),
        ],
        vec![
            Number(7.0),
            Text("Team"),
            Text("Drammen kommune"),
            Number(0.1 + 0.2 + 1_200_000.0 - 0.3),
            Date(2027, 1, 1),
            Text("31.12.2027"),
            Number(250_000.5),
        ],
        vec![Text("VV-2026-002"), Text("Team"), Text("Drammen kommune"), Text("kr 450 000")],
    ]);
    let applications = parse_applications_xlsx(&bytes, "søknader.xlsx", &round()).unwrap();
    expect![[r#"
        7 | Team | Drammen kommune | kommune | 1200000 | 2027-01-01..2027-12-31 | egen 0/250000.5 | ny |  |  |
        VV-2026-002 | Team | Drammen kommune | kommune | 450000 | .. | egen 0/0 | ny |  |  |
    "#]]
    .assert_eq(&render(Ok(applications), render_application));
}

#[test]
fn excel_cells_with_the_wrong_type_or_too_many_decimals_are_reported() {
    use XlsxCell::{Date, Number, Text};
    let bytes = xlsx_bytes(&[
        vec![
            Text("Søknadsnr"),
            Text("Tittel"),
            Text("Ansvarlig søker"),
            Text("Omsøkt beløp"),
            Text("Periode fra"),
        ],
        vec![Text("VV-1"), Text("A"), Text("Lier kommune"), Number(1_200_000.125), Number(46388.0)],
        vec![Text("VV-2"), Text("B"), Text("Lier kommune"), Number(-5.0), Date(2027, 1, 1)],
        vec![Text("VV-3"), Text("C"), Text("Lier kommune"), Date(2027, 1, 1)],
    ]);
    let error = parse_applications_xlsx(&bytes, "søknader.xlsx", &round()).unwrap_err();
    expect![[r#"
        «søknader.xlsx»: Fant 4 feil i 3 rader. Ingenting er importert; rett feilene i filen og importer den på nytt.
        - Rad 2, kolonne «Periode fra»: Tallet 46388 er ikke en dato. Formater cellen som dato i Excel, eller skriv datoen som «01.01.2027».
        - Rad 2, kolonne «Omsøkt beløp»: «1200000.125» har mer enn to desimaler. Skriv beløpet i kroner og øre, f.eks. «1 200 000,50».
        - Rad 3, kolonne «Omsøkt beløp»: «-5» er negativt. Skriv beløpet uten minustegn.
        - Rad 4, kolonne «Omsøkt beløp»: Cellen er en dato, ikke et beløp. Skriv beløpet i kroner, f.eks. «1 200 000».
    "#]]
    .assert_eq(&format!("{error}\n"));
}

#[test]
fn a_file_that_is_not_a_workbook_is_unreadable() {
    let error = parse_applications_xlsx("Søknadsnr;Tittel\n".as_bytes(), "søknader.xlsx", &round())
        .unwrap_err();
    assert!(matches!(error.kind, ImportErrorKind::Unreadable { .. }), "{error:?}");
    assert!(error.to_string().contains("Sjekk at den er lagret som .xlsx"), "{error}");
}

// ----------------------------------------------------------------------------------------------
// The committed fixtures

#[test]
fn the_excel_csv_and_the_xlsx_fixture_give_the_same_32_applications() {
    let round = round();
    let from_csv =
        parse_applications_csv(&fixture("soknader-excel.csv"), "soknader-excel.csv", &round)
            .unwrap_or_else(|error| panic!("{error}"));
    let from_xlsx = parse_applications_xlsx(&fixture("soknader.xlsx"), "soknader.xlsx", &round)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(from_csv.len(), 32);
    // Both keep the unknown «Kontaktperson» as extra text; only the CSV fills «Innsendt».
    assert!(from_csv.iter().all(|a| a.extra.iter().any(|field| field.header == "Innsendt")));
    let mut from_csv = from_csv;
    for application in &mut from_csv {
        application.extra.retain(|field| field.header != "Innsendt");
    }
    assert_eq!(from_csv, from_xlsx);
    let references: Vec<String> =
        from_csv.iter().map(|application| application.reference.to_string()).collect();
    let expected: Vec<String> = (1..=32).map(|number| format!("VV-2026-{number:03}")).collect();
    assert_eq!(references, expected);
}

#[test]
fn the_fixtures_hold_the_values_the_generator_wrote() {
    let round = round();
    let applications =
        parse_applications_csv(&fixture("soknader-excel.csv"), "soknader-excel.csv", &round)
            .unwrap_or_else(|error| panic!("{error}"));
    let find = |reference: &str| {
        applications.iter().find(|application| application.reference.as_str() == reference).unwrap()
    };

    // Written `kr 1 250 000`, own contributions `300 000` and `150 000` with NBSP, 01.02.2027 to
    // 31.01.2028, and a summary with a line break in it.
    let kongsberg = find("VV-2026-007");
    assert_eq!(kongsberg.title, "Digital hjemmeoppfølging av pasienter med KOLS i Numedal");
    assert_eq!(kongsberg.applicant, "Kongsberg kommune");
    assert_eq!(kongsberg.applicant_side, ApplicantSide::Kommune);
    assert_eq!(kongsberg.amount_requested, Money::from_kroner(1_250_000));
    assert_eq!(kongsberg.own_contribution_kommune, Money::from_kroner(300_000));
    assert_eq!(kongsberg.own_contribution_hf, Money::from_kroner(150_000));
    assert_eq!(kongsberg.period_start, NaiveDate::from_ymd_opt(2027, 2, 1));
    assert_eq!(kongsberg.period_end, NaiveDate::from_ymd_opt(2028, 1, 31));
    assert_eq!(kongsberg.kind, ApplicationKind::New);
    assert!(
        kongsberg.summary.contains("oppfølgingssentral.\nMålet er færre"),
        "{}",
        kongsberg.summary
    );

    // `487 500,50` in the CSV, 487500.5 in a number cell of the XLSX.
    let hallingdal = find("VV-2026-019");
    assert_eq!(hallingdal.amount_requested, Money::new(Decimal::new(48_750_050, 2)));
    assert_eq!(hallingdal.period_end, NaiveDate::from_ymd_opt(2028, 3, 31));

    // `20.500.000`-style dots, an empty own contribution, and the side left to the name.
    let ressursteam = find("VV-2026-021");
    assert_eq!(ressursteam.amount_requested, Money::from_kroner(2_100_000));
    assert_eq!(ressursteam.kind, ApplicationKind::Continuation);
    assert_eq!(find("VV-2026-010").own_contribution_kommune, Money::ZERO);
    assert_eq!(find("VV-2026-010").applicant_side, ApplicantSide::Annet);
    assert_eq!(find("VV-2026-006").applicant_side, ApplicantSide::Hf);
    assert_eq!(find("VV-2026-002").applicant_side, ApplicantSide::Kommune);
    assert_eq!(find("VV-2026-002").amount_requested, Money::from_kroner(480_000));
    assert_eq!(find("VV-2026-004").amount_requested, Money::from_kroner(950_000));
    assert_eq!(find("VV-2026-005").summary.matches('"').count(), 2);
}

#[test]
fn the_bad_fixtures_report_every_bad_row() {
    let round = round();
    let read = |name: &str| parse_applications_csv(&fixture(name), name, &round);

    expect![[r#"
        3 «Omsøkt beløp» «1,2 mill»
        4 «Omsøkt beløp» «−50 000»
        5 «Omsøkt beløp» «0»
        6 «Omsøkt beløp» «»
        7 «Omsøkt beløp» «se vedlegg»
    "#]]
    .assert_eq(&render_positions(&problems(read("soknader-feil-belop.csv"))));

    expect![[r#"
        2 «Periode fra» «31.02.2027»
        3 «Periode fra» «1.1.27»
        4 «Periode fra» «2027/01/01»
        5 «Periode til» «30.06.2027»
    "#]]
    .assert_eq(&render_positions(&problems(read("soknader-feil-dato.csv"))));

    expect![[r#"
        4 «Søknadsnr» «VV-2026-401»
        5 «Søknadsnr» «vv-2026-402»
    "#]]
    .assert_eq(&render_positions(&problems(read("soknader-dobbel-ref.csv"))));

    let missing = read("soknader-mangler-kolonne.csv").unwrap_err();
    let ImportErrorKind::MissingColumns { missing, .. } = missing.kind else {
        panic!("{missing:?}");
    };
    let missing: Vec<&str> = missing.iter().map(|column| column.column.as_str()).collect();
    assert_eq!(missing, ["Tittel", "Omsøkt beløp"]);

    assert_eq!(read("soknader-tom.csv").unwrap_err().kind, ImportErrorKind::Empty);
    assert_eq!(read("soknader-bare-overskrift.csv").unwrap_err().kind, ImportErrorKind::Empty);
}

// ----------------------------------------------------------------------------------------------
// Scores

#[test]
fn scores_are_matched_by_id_or_name_and_ikke_relevant_has_several_spellings() {
    // Matching by id or name, in any case, is what makes rows 3 and 5 repeat rows 2 and 4.
    check_scores(
        "
        Medlem;Søknad;Kriterium;Skår;Begrunnelse
        kari;VV-2026-090;baerekraft;5;Godt forankret
        KARI NORDMANN;vv-2026-090;bærekraft;;
        Ola Hansen;VV-2026-090;Samiske pasienter;IR;
        ola;VV-2026-090;samisk;ikke relevant;
        ola;VV-2026-090;BEON;7;
        kari;VV-2026-091;samisk;i.r.;Ikke aktuelt her
        ",
        expect![[r#"
            «skårer.csv»: Fant 3 feil i 2 rader. Ingenting er importert; rett feilene i filen og importer den på nytt.
            - Rad 3, kolonne «Skår»: Cellen er tom, men må fylles ut (f.eks. «5»).
            - Rad 3, kolonne «Skår»: Kari Nordmann har allerede en skår for søknad VV-2026-090 på kriteriet «Bærekraft» på rad 2. Slett den ene raden.
            - Rad 5, kolonne «Skår»: Ola Hansen har allerede en skår for søknad VV-2026-090 på kriteriet «Samiske pasienter» på rad 4. Slett den ene raden.
        "#]],
    );
    check_scores(
        "
        member,application,criterion,score,justification
        kari,VV-2026-090,baerekraft,5,Godt forankret
        Ola Hansen,VV-2026-090,Samiske pasienter,IR,
        ola,VV-2026-090,BEON,+7,
        kari,VV-2026-091,samisk,I.R.,Ikke aktuelt her
        ",
        expect![[r#"
            kari VV-2026-090 baerekraft 5 «Godt forankret»
            ola VV-2026-090 samisk IR «»
            ola VV-2026-090 beon 7 «»
            kari VV-2026-091 samisk IR «Ikke aktuelt her»
        "#]],
    );
}

#[test]
fn every_kind_of_bad_score_row_is_reported() {
    check_scores(
        "
        Medlem;Søknad;Kriterium;Score
        per;VV-2026-090;baerekraft;5
        kari;VV-2026-999;baerekraft;5
        kari;VV-2026-090;kvalitet;5
        kari;VV-2026-090;baerekraft;8
        kari;VV-2026-090;beon;IR
        kari;VV-2026-090;samisk;4,5
        ola;VV-2026-091;baerekraft;3
        ",
        expect![[r#"
            «skårer.csv»: Fant 7 feil i 7 rader. Ingenting er importert; rett feilene i filen og importer den på nytt.
            - Rad 2, kolonne «Medlem»: Ukjent medlem «per». Skriv medlemmets ID eller navn slik det står i runden: kari (Kari Nordmann), ola (Ola Hansen).
            - Rad 3, kolonne «Søknad»: Ukjent søknad «VV-2026-999». Søknadene i runden er VV-2026-090, VV-2026-091.
            - Rad 4, kolonne «Kriterium»: Ukjent kriterium «kvalitet». Skriv kriteriets ID eller navn: baerekraft (Bærekraft), beon (BEON), samisk (Samiske pasienter).
            - Rad 5, kolonne «Score»: Skåren 8 er utenfor skalaen 1–7. Skriv et heltall fra 1 til 7.
            - Rad 6, kolonne «Score»: Kriteriet «BEON» tillater ikke «ikke relevant». Skriv et heltall fra 1 til 7.
            - Rad 7, kolonne «Score»: «4,5» er ikke et heltall. Skriv et heltall fra 1 til 7, eller «IR» for ikke relevant.
            - Rad 8, kolonne «Søknad»: Ola Hansen har meldt seg inhabil i søknad VV-2026-091 og kan ikke gi skår på den. Slett raden, eller fjern inhabiliteten i runden hvis den er feil.
        "#]],
    );
}

#[test]
fn a_name_shared_by_two_members_asks_for_the_id() {
    let mut round = round();
    round.members.push(member("ola2", "Ola Hansen", Role::Fastlege));
    let input = "Medlem;Søknad;Kriterium;Skår\nOla Hansen;VV-2026-090;beon;4\n";
    let error = parse_scores_csv(input.as_bytes(), "skårer.csv", &round).unwrap_err();
    expect![[r#"
        «skårer.csv»: Fant 1 feil i 1 rad. Ingenting er importert; rett feilene i filen og importer den på nytt.
        - Rad 2, kolonne «Medlem»: Flere medlemmer heter «Ola Hansen». Skriv medlemmets ID i stedet: ola eller ola2.
    "#]]
    .assert_eq(&format!("{error}\n"));
}

#[test]
fn scores_follow_the_rounds_own_scale() {
    let mut round = round();
    round.info.scale = Scale::range(0, 5).unwrap();
    let input =
        "Medlem;Søknad;Kriterium;Skår\nkari;VV-2026-090;beon;0\nkari;VV-2026-090;baerekraft;6\n";
    let error = parse_scores_csv(input.as_bytes(), "skårer.csv", &round).unwrap_err();
    let ImportErrorKind::BadRows { problems } = error.kind else { panic!("{error:?}") };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].row, 3);
    assert_eq!(
        problems[0].problem,
        "Skåren 6 er utenfor skalaen 0–5. Skriv et heltall fra 0 til 5."
    );
}

#[test]
fn a_long_list_of_applications_is_shortened_in_messages() {
    let mut round = round();
    round.applications =
        (1..=30).map(|number| application(&format!("VV-{number}"), "Søknad")).collect();
    let input = "Medlem;Søknad;Kriterium;Skår\nkari;VV-31;beon;4\n";
    let error = parse_scores_csv(input.as_bytes(), "skårer.csv", &round).unwrap_err();
    let ImportErrorKind::BadRows { problems } = error.kind else { panic!("{error:?}") };
    expect![[r#"Ukjent søknad «VV-31». Søknadene i runden er VV-1, VV-2, VV-3, VV-4, VV-5, VV-6, VV-7, VV-8, VV-9, VV-10, … og 20 til."#]]
        .assert_eq(&problems[0].problem);
}

#[test]
fn score_files_without_the_required_columns_are_refused() {
    check_scores(
        "
        Medlem;Søknad;Karakter
        kari;VV-2026-090;5
        ",
        expect![[r#"
            «skårer.csv»: Filen mangler 2 påkrevde kolonner: «Kriterium» (godtatte overskrifter: Kriterium, criterion); «Skår» (godtatte overskrifter: Skår, Score). Overskriftene i filen er «Medlem», «Søknad» og «Karakter». Gi kolonnene en av de godtatte overskriftene, og importer filen på nytt.
        "#]],
    );
}

// ----------------------------------------------------------------------------------------------
// Recusals

#[test]
fn recusals_need_a_known_member_a_known_application_and_a_reason() {
    check_recusals(
        "
        Medlem;Søknad;Begrunnelse
        kari;VV-2026-090;Leder prosjektet i egen kommune
        Ola Hansen;vv-2026-090;Gift med prosjektlederen
        ",
        expect![[r#"
            kari VV-2026-090 «Leder prosjektet i egen kommune»
            ola VV-2026-090 «Gift med prosjektlederen»
        "#]],
    );
    check_recusals(
        "
        member;application;reason
        kari;VV-2026-090;
        kari;VV-2026-090;Leder prosjektet
        per;VV-2026-091;Nabo
        ola;VV-2026-999;Nabo
        ",
        expect![[r#"
            «inhabilitet.csv»: Fant 4 feil i 4 rader. Ingenting er importert; rett feilene i filen og importer den på nytt.
            - Rad 2, kolonne «reason»: Cellen er tom, men må fylles ut (f.eks. «Leder prosjektet i egen kommune»).
            - Rad 3, kolonne «application»: Kari Nordmann er allerede meldt inhabil i søknad VV-2026-090 på rad 2. Slett den ene raden.
            - Rad 4, kolonne «member»: Ukjent medlem «per». Skriv medlemmets ID eller navn slik det står i runden: kari (Kari Nordmann), ola (Ola Hansen).
            - Rad 5, kolonne «application»: Ukjent søknad «VV-2026-999». Søknadene i runden er VV-2026-090, VV-2026-091.
        "#]],
    );
}

// ----------------------------------------------------------------------------------------------
// Templates and documentation

#[test]
fn the_xlsx_template_has_every_header_and_a_help_sheet_and_reads_back_as_empty() {
    use calamine::Reader;

    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("søknadsmal.xlsx");
    write_application_template_xlsx(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();

    let error = parse_applications_xlsx(&bytes, "søknadsmal.xlsx", &round()).unwrap_err();
    assert_eq!(error.kind, ImportErrorKind::Empty);

    let mut workbook =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.as_slice())).unwrap();
    assert_eq!(workbook.sheet_names(), ["Søknader", "Hjelp"]);
    let sheet = workbook.worksheet_range("Søknader").unwrap();
    let headers: Vec<String> =
        sheet.rows().next().unwrap().iter().map(ToString::to_string).collect();
    let expected: Vec<&str> = COLUMNS.iter().map(|spec| spec.header).collect();
    assert_eq!(headers, expected);
    let help = workbook.worksheet_range("Hjelp").unwrap();
    let explained: Vec<String> = help.rows().skip(4).map(|row| row[0].to_string()).collect();
    assert_eq!(explained, expected);
}

#[test]
fn the_csv_template_is_utf8_with_bom_semicolons_and_crlf_and_reads_back_as_empty() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("søknadsmal.csv");
    write_application_template_csv(&path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    expect![[r#"\u{feff}Søknadsnr;Tittel;Ansvarlig søker;Søkerside;Samarbeidspartnere;Målgruppe;Periode fra;Periode til;Omsøkt beløp;Egeninnsats kommune;Egeninnsats HF;Sammendrag;Ny/videreføring\r\n"#]]
        .assert_eq(&String::from_utf8(bytes.clone()).unwrap().escape_debug().to_string());
    let error = read_applications(&path, &round()).unwrap_err();
    assert_eq!(error.kind, ImportErrorKind::Empty);
}

#[test]
fn a_template_in_a_missing_folder_is_reported_in_norwegian() {
    let error = write_application_template_csv(Path::new("/finnes/ikke/mal.csv")).unwrap_err();
    expect![[r#"«mal.csv»: Filen kunne ikke skrives, fordi den eller mappen ikke finnes. Velg filen på nytt."#]]
        .assert_eq(&error.to_string());
}

#[test]
fn every_accepted_header_is_documented_in_the_module_and_in_docs() {
    let docs_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/import-format.md");
    let docs = std::fs::read_to_string(docs_path).unwrap();
    let module_doc = include_str!("mod.rs");
    let all_columns = COLUMNS.iter().chain(SCORE_COLUMNS.iter()).chain(RECUSAL_COLUMNS.iter());
    for spec in all_columns {
        for alias in spec.accepted {
            let quoted = format!("`{alias}`");
            assert!(docs.contains(&quoted), "docs/import-format.md lacks {quoted}");
            assert!(module_doc.contains(&quoted), "the import module doc lacks {quoted}");
        }
    }
}

#[test]
fn a_workbook_that_makes_the_excel_reader_panic_is_refused_as_unreadable() {
    // Found by `cargo xtask fuzz`: a cell reference that overflows calamine's arithmetic.
    let bytes = fixture("skadet-cellereferanse.xlsx");
    let error = parse_applications_xlsx(&bytes, "skadet.xlsx", &round()).unwrap_err();
    expect!["«skadet.xlsx»: Filen kunne ikke leses som et Excel-regneark (den er skadet). Åpne den i Excel, lagre den på nytt som .xlsx og importer igjen."].assert_eq(&error.to_string());
}

// ----------------------------------------------------------------------------------------------
// Choosing columns

fn choice(field: &str, header: &str) -> ColumnChoice {
    ColumnChoice { field: field.to_owned(), header: header.to_owned() }
}

/// A Microsoft Forms export: its own columns, then one column per question, headed by the
/// question's text.
fn forms_export() -> Vec<u8> {
    use XlsxCell::{Number, Text};
    xlsx_bytes(&[
        vec![
            Text("ID"),
            Text("E-post"),
            Text("Navn på prosjektet"),
            Text("Hvilken organisasjon søker?"),
            Text("Søkt beløp (kr)"),
            Text("Hvem er kontaktperson?"),
        ],
        vec![
            Number(1.0),
            Text("a@example.no"),
            Text("Felles legevakt"),
            Text("Eigersund kommune"),
            Number(850_000.0),
            Text("Kari"),
        ],
        vec![
            Number(2.0),
            Text("b@example.no"),
            Text("Ambulant team"),
            Text("Helse Fonna"),
            Number(1_200_000.0),
            Text("Ola"),
        ],
    ])
}

fn read_forms(mapping: &ColumnMapping) -> Result<Vec<Application>, ImportErrorKind> {
    let table = Table::from_workbook(&forms_export(), applications::SHEET_NAME).unwrap();
    applications::read(&table, &round(), mapping)
}

#[test]
fn a_forms_export_names_the_missing_fields_and_shows_the_headers_and_first_rows() {
    let Err(ImportErrorKind::MissingColumns { missing, found, preview, fields }) =
        read_forms(&ColumnMapping::default())
    else {
        panic!("the question texts are not headers the import knows");
    };
    let keys: Vec<&str> = missing.iter().map(|column| column.key.as_str()).collect();
    assert_eq!(keys, ["søknadsnr", "tittel", "søker", "beløp"]);
    assert_eq!(found[4], "Søkt beløp (kr)");
    assert_eq!(preview.len(), 2);
    assert_eq!(preview[1], ["2", "b@example.no", "Ambulant team", "Helse Fonna", "1200000", "Ola"]);
    assert_eq!(fields.len(), COLUMNS.len());
    assert!(fields.iter().any(|field| field.key == "sammendrag" && !field.required));
}

#[test]
fn a_forms_export_reads_with_the_chosen_columns_by_key_or_by_header() {
    let mapping = ColumnMapping {
        columns: vec![
            choice("søknadsnr", "ID"),
            choice("Tittel", "navn på  prosjektet"),
            choice("søker", "Hvilken organisasjon søker?"),
            choice("Omsøkt beløp", "Søkt beløp (kr)"),
        ],
    };
    let applications = read_forms(&mapping).unwrap();
    let rendered = render(Ok(applications), render_application);
    expect![[r#"
        1 | Felles legevakt | Eigersund kommune | kommune | 850000 | .. | egen 0/0 | ny |  |  |
        2 | Ambulant team | Helse Fonna | hf | 1200000 | .. | egen 0/0 | ny |  |  |
    "#]]
    .assert_eq(&rendered);
}

#[test]
fn a_bad_column_choice_is_refused_with_what_to_do() {
    let unknown = read_forms(&ColumnMapping { columns: vec![choice("pris", "Søkt beløp (kr)")] });
    expect![[r#"«pris» er ikke et felt i importen. Bruk et av feltene «søknadsnr», «tittel», «søker», «søkerside», «partnere», «målgruppe», «fra», «til», «beløp», «egeninnsats_kommune», «egeninnsats_hf», «sammendrag» eller «type»."#]]
        .assert_eq(&unknown.unwrap_err().to_string());
    let absent = read_forms(&ColumnMapping { columns: vec![choice("beløp", "Beløp")] });
    expect![[r#"Du valgte kolonnen «Beløp» for «Omsøkt beløp», men filen har ingen kolonne med den overskriften. Overskriftene i filen er «ID», «E-post», «Navn på prosjektet», «Hvilken organisasjon søker?», «Søkt beløp (kr)» og «Hvem er kontaktperson?». Velg en av dem."#]]
        .assert_eq(&absent.unwrap_err().to_string());
    let twice = read_forms(&ColumnMapping {
        columns: vec![
            choice("tittel", "Navn på prosjektet"),
            choice("søker", "Navn på prosjektet"),
        ],
    });
    expect![[r#"Kolonnen «Navn på prosjektet» er valgt for både «Tittel» og «Ansvarlig søker». Én kolonne kan bare bety én ting; velg en annen kolonne for det ene feltet."#]]
        .assert_eq(&twice.unwrap_err().to_string());
}

#[test]
fn unknown_columns_are_kept_as_extra_text_in_the_files_order_without_blank_cells() {
    let text = "Kontaktperson;Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp;Antall brukere;;Innsendt\n\
                Kari;VV-2026-001;Ambulant team;Drammen kommune;100 000;40;x;01.08.2026\n\
                ;VV-2026-002;Hospitering;Vestre Viken HF;200 000;;;\n";
    let applications = parse_applications_csv(text.as_bytes(), "søknader.csv", &round()).unwrap();
    let extra = |index: usize| -> Vec<(String, String)> {
        applications[index]
            .extra
            .iter()
            .map(|field| (field.header.clone(), field.value.clone()))
            .collect()
    };
    // A column without a header has nothing to show it under and is left out.
    assert_eq!(
        extra(0),
        vec![
            ("Kontaktperson".to_owned(), "Kari".to_owned()),
            ("Antall brukere".to_owned(), "40".to_owned()),
            ("Innsendt".to_owned(), "01.08.2026".to_owned()),
        ]
    );
    assert_eq!(extra(1), Vec::new(), "blank cells are not kept");
    // The known columns are not repeated as extra text.
    assert!(applications[0].extra.iter().all(|field| field.header != "Tittel"));
}

#[test]
fn the_register_keeps_the_applicants_kommune_with_its_number() {
    let text = "Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp\n\
                A-1;Team;Stavanger kommune;100 000\n\
                A-2;Team;Guovdageainnu suohkan;100 000\n\
                A-3;Team;Helse Stavanger – Stavanger universitetssjukehus;100 000\n\
                A-4;Team;Drammen kommune og Vestre Viken HF;100 000\n";
    let round = round();
    let read = parse_applications_csv(text.as_bytes(), "søknader.csv", &round);
    // A-4 names both sides: the row asks for the side, as before.
    let Err(error) = read else { panic!("A-4 must ask for its side") };
    assert!(error.to_string().contains("Søkerside mangler"), "{error}");
    let text = text.replace("Drammen kommune og Vestre Viken HF", "Bærum kommune");
    let applications = parse_applications_csv(text.as_bytes(), "søknader.csv", &round).unwrap();
    let kommuner: Vec<Option<&str>> =
        applications.iter().map(|application| application.kommune.as_deref()).collect();
    assert_eq!(
        kommuner,
        vec![Some("Stavanger (1103)"), Some("Kautokeino (5612)"), None, Some("Bærum (3201)")]
    );
}
