//! The layout engine on its own: line breaks by measured widths, page breaks, repeated table
//! headers, keep-together and keep-with-next, with text snapshots of the result.

use expect_test::{Expect, expect};
use samvurd_report::fonts::{Face, Fonts};
use samvurd_report::layout::{
    Align, Block, Cell, Color, Column, Figure, Frame, Mark, Paragraph, Row, Table, TextStyle,
    pages_as_text, paginate, wrap,
};

const STYLE: TextStyle =
    TextStyle { face: Face::Regular, size: 10.0, color: Color(0, 0, 0), line_height: 14.0 };
const BOLD: TextStyle = TextStyle { face: Face::Bold, ..STYLE };

/// Wraps `text` at `width` points and shows one line per line, with its measured width.
fn check_wrap(text: &str, width: f32, expect: Expect) {
    let lines = wrap(text, Face::Regular, 10.0, width);
    let metrics = Fonts::get().face(Face::Regular);
    let shown: Vec<String> = lines
        .iter()
        .map(|line| {
            let measured = metrics.width(line, 10.0);
            assert!(measured <= width + 0.01 || !line.contains(' '), "{line:?} is {measured} wide");
            format!("{line:?} {measured:.1}")
        })
        .collect();
    expect.assert_eq(&(shown.join("\n") + "\n"));
}

#[test]
fn lines_break_at_spaces_by_measured_width() {
    check_wrap(
        "Arbeidsgruppen innstiller på at søknaden innvilges delvis.",
        150.0,
        expect![[r#"
            "Arbeidsgruppen innstiller på at" 146.0
            "søknaden innvilges delvis." 122.4
        "#]],
    );
}

#[test]
fn amounts_with_no_break_spaces_never_split_across_lines() {
    check_wrap(
        "Tilskudd på 1\u{a0}200\u{a0}000\u{a0}kr til Kárášjoga gielda",
        90.0,
        expect![[r#"
            "Tilskudd på" 53.7
            "1\u{a0}200\u{a0}000\u{a0}kr til" 68.7
            "Kárášjoga gielda" 78.0
        "#]],
    );
}

#[test]
fn hyphens_break_between_letters_but_not_inside_references_or_numbers() {
    check_wrap(
        "Samarbeid kommune-helseforetak HN-2026-009 for 2026-2027",
        70.0,
        expect![[r#"
            "Samarbeid" 50.7
            "kommune-" 51.3
            "helseforetak" 58.7
            "HN-2026-009" 61.5
            "for 2026-2027" 65.2
        "#]],
    );
}

#[test]
fn a_word_wider_than_the_line_is_broken_between_characters() {
    check_wrap(
        "https://helse-nord.no/samhandling/tilskudd/2026",
        80.0,
        expect![[r#"
            "https://helse-" 62.5
            "nord.no/" 41.1
            "samhandling/" 65.1
            "tilskudd/2026" 64.0
        "#]],
    );
}

#[test]
fn blank_lines_stay_and_tabs_and_carriage_returns_become_spaces() {
    check_wrap(
        "Første avsnitt.\r\n\r\nAndre\tavsnitt.",
        200.0,
        expect![[r#"
            "Første avsnitt." 66.2
            "" 0.0
            "Andre avsnitt." 65.2
        "#]],
    );
}

#[test]
fn a_three_hundred_character_title_wraps_to_the_ranked_tables_title_column() {
    let title = "Sammen om de skrøpelige eldre i Salten og Lofoten: et felles, tverrfaglig akutteam \
                 med kommunale sykepleiere, fastleger og geriatere fra Nordlandssykehuset som rykker \
                 ut til hjemmet, sykehjemmet og den kommunale akutte døgnenheten, slik at færre eldre \
                 må reise den lange veien til sykehuset i Bodø, også om vinteren";
    assert!(title.chars().count() >= 300);
    check_wrap(
        title,
        168.0,
        expect![[r#"
            "Sammen om de skrøpelige eldre i" 157.6
            "Salten og Lofoten: et felles," 127.2
            "tverrfaglig akutteam med" 120.4
            "kommunale sykepleiere, fastleger" 159.0
            "og geriatere fra" 73.7
            "Nordlandssykehuset som rykker ut" 164.0
            "til hjemmet, sykehjemmet og den" 157.6
            "kommunale akutte døgnenheten," 157.8
            "slik at færre eldre må reise den" 145.9
            "lange veien til sykehuset i Bodø," 150.3
            "også om vinteren" 82.2
        "#]],
    );
}

#[test]
fn bold_text_measures_wider_and_so_wraps_earlier() {
    let text = "Lokale løsninger ved de minste sykehusene";
    let regular_width = Fonts::get().face(Face::Regular).width(text, 10.0);
    let regular = wrap(text, Face::Regular, 10.0, regular_width + 1.0);
    let bold = wrap(text, Face::Bold, 10.0, regular_width + 1.0);
    assert_eq!(regular.len(), 1, "{regular:?}");
    assert_eq!(bold.len(), 2, "{bold:?}");
}

/// A small frame, so that page breaks happen after a few lines.
const FRAME: Frame = Frame { left: 0.0, top: 0.0, width: 200.0, bottom: 100.0 };

fn paragraph(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        space_after: 0.0,
        ..Paragraph::new(text, STYLE, FRAME.width, None)
    })
}

fn lines(count: usize, name: &str) -> Block {
    let text: Vec<String> = (1..=count).map(|line| format!("{name} {line}")).collect();
    Block::Paragraph(Paragraph {
        space_after: 0.0,
        ..Paragraph::new(&text.join("\n"), STYLE, FRAME.width, None)
    })
}

fn heading(text: &str) -> Block {
    Block::Paragraph(Paragraph {
        keep_with_next: true,
        space_after: 0.0,
        ..Paragraph::new(text, BOLD, FRAME.width, None)
    })
}

fn cell(text: &str) -> Cell {
    Cell::text(text, STYLE, 90.0, None)
}

fn table(rows: usize) -> Table {
    Table {
        columns: vec![
            Column { width: 100.0, align: Align::Left },
            Column { width: 100.0, align: Align::Right },
        ],
        header: Some(Row {
            cells: vec![cell("Søknad"), cell("Beløp")],
            fill: None,
            rule_above: false,
            keep_with_previous: false,
            element: None,
        }),
        rows: (1..=rows)
            .map(|row| Row {
                cells: vec![cell(&format!("HN-{row:03}")), cell(&format!("{row}00\u{a0}000"))],
                fill: None,
                rule_above: false,
                keep_with_previous: false,
                element: None,
            })
            .collect(),
        padding_x: 5.0,
        padding_y: 0.0,
        rule_color: Color(0, 0, 0),
        header_fill: None,
        row_rules: false,
        space_before: 0.0,
        space_after: 0.0,
        keep_with_next: false,
    }
}

fn check_pages(blocks: &[Block], expect: Expect) {
    let pages = paginate(blocks, FRAME);
    for page in &pages {
        for mark in &page.marks {
            if let Mark::Text { baseline, .. } = mark {
                assert!(*baseline <= FRAME.bottom, "text below the frame: {mark:?}");
            }
        }
    }
    expect.assert_eq(&pages_as_text(&pages));
}

#[test]
fn a_table_that_spans_pages_repeats_its_header_on_every_page() {
    check_pages(
        &[Block::Table(table(15))],
        expect![[r#"
            === side 1 ===
            Søknad | Beløp
            HN-001 | 100 000
            HN-002 | 200 000
            HN-003 | 300 000
            HN-004 | 400 000
            HN-005 | 500 000
            HN-006 | 600 000
            === side 2 ===
            Søknad | Beløp
            HN-007 | 700 000
            HN-008 | 800 000
            HN-009 | 900 000
            HN-010 | 1000 000
            HN-011 | 1100 000
            HN-012 | 1200 000
            === side 3 ===
            Søknad | Beløp
            HN-013 | 1300 000
            HN-014 | 1400 000
            HN-015 | 1500 000
        "#]],
    );
}

#[test]
fn sixty_rows_give_ten_pages_each_with_the_header_and_six_rows() {
    let pages = paginate(&[Block::Table(table(60))], FRAME);
    assert_eq!(pages.len(), 10);
    for page in &pages {
        let text = pages_as_text(std::slice::from_ref(page));
        assert!(text.lines().nth(1) == Some("Søknad | Beløp"), "{text}");
        assert_eq!(text.lines().count(), 1 + 1 + 6, "{text}");
    }
}

#[test]
fn the_repeated_header_is_page_furniture_and_only_the_first_is_content() {
    let mut table = table(15);
    table.header.as_mut().unwrap().cells[0].element = Some(7);
    let pages = paginate(&[Block::Table(table)], FRAME);
    let tagged = |page: &samvurd_report::layout::Page| {
        page.marks.iter().filter(|mark| mark.element() == Some(7)).count()
    };
    assert_eq!(tagged(&pages[0]), 1);
    assert_eq!(tagged(&pages[1]), 0);
}

#[test]
fn a_totals_row_kept_with_its_predecessor_moves_to_the_next_page_with_it() {
    let mut table = table(6);
    table.rows.push(Row {
        cells: vec![cell("Sum"), cell("2100 000")],
        fill: None,
        rule_above: true,
        keep_with_previous: true,
        element: None,
    });
    check_pages(
        &[Block::Table(table)],
        expect![[r#"
            === side 1 ===
            Søknad | Beløp
            HN-001 | 100 000
            HN-002 | 200 000
            HN-003 | 300 000
            HN-004 | 400 000
            HN-005 | 500 000
            === side 2 ===
            Søknad | Beløp
            HN-006 | 600 000
            Sum | 2100 000
        "#]],
    );
}

#[test]
fn a_heading_is_never_left_alone_at_the_foot_of_a_page() {
    check_pages(
        &[lines(5, "Innledning"), heading("Begrunnelse"), lines(3, "Tekst")],
        expect![[r#"
            === side 1 ===
            Innledning 1
            Innledning 2
            Innledning 3
            Innledning 4
            Innledning 5
            === side 2 ===
            Begrunnelse
            Tekst 1
            Tekst 2
            Tekst 3
        "#]],
    );
}

#[test]
fn a_chain_of_headings_moves_together_with_the_start_of_the_text() {
    check_pages(
        &[lines(4, "Før"), heading("3 Søknadene"), heading("3.1 HN-001"), lines(3, "Tekst")],
        expect![[r#"
            === side 1 ===
            Før 1
            Før 2
            Før 3
            Før 4
            === side 2 ===
            3 Søknadene
            3.1 HN-001
            Tekst 1
            Tekst 2
            Tekst 3
        "#]],
    );
}

#[test]
fn a_paragraph_split_across_pages_leaves_no_single_line_behind_or_ahead() {
    // Seven lines fit on a page. After five lines of text, two remain: a four-line paragraph
    // may put two there (no orphan) and two on the next page (no widow).
    check_pages(
        &[lines(5, "A"), lines(4, "B")],
        expect![[r#"
            === side 1 ===
            A 1
            A 2
            A 3
            A 4
            A 5
            B 1
            B 2
            === side 2 ===
            B 3
            B 4
        "#]],
    );
    // With six lines before it, one line of room would orphan the paragraph's first line.
    check_pages(
        &[lines(6, "A"), lines(4, "B")],
        expect![[r#"
            === side 1 ===
            A 1
            A 2
            A 3
            A 4
            A 5
            A 6
            === side 2 ===
            B 1
            B 2
            B 3
            B 4
        "#]],
    );
    // Three lines of room for a four-line paragraph would leave a widow: two and two instead.
    check_pages(
        &[lines(4, "A"), lines(4, "B")],
        expect![[r#"
            === side 1 ===
            A 1
            A 2
            A 3
            A 4
            B 1
            B 2
            === side 2 ===
            B 3
            B 4
        "#]],
    );
}

#[test]
fn a_long_justification_flows_over_several_pages_without_losing_a_line() {
    let text = crate::sample::long_text(3_000);
    let expected = wrap(&text, Face::Regular, 10.0, FRAME.width);
    let pages = paginate(&[paragraph(&text)], FRAME);
    assert!(pages.len() >= 5, "{} pages", pages.len());
    let placed: Vec<String> = pages
        .iter()
        .flat_map(|page| &page.marks)
        .filter_map(|mark| match mark {
            Mark::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    let expected: Vec<String> = expected.into_iter().filter(|line| !line.is_empty()).collect();
    assert_eq!(placed, expected);
}

#[test]
fn a_figure_that_does_not_fit_moves_whole_to_the_next_page() {
    let figure = Block::Figure(Figure {
        height: 50.0,
        marks: vec![samvurd_report::layout::text_mark(0.0, 10.0, "Figur", STYLE, None)],
        space_before: 0.0,
        space_after: 0.0,
        keep_with_next: false,
    });
    check_pages(
        &[lines(4, "Tekst"), figure],
        expect![[r#"
            === side 1 ===
            Tekst 1
            Tekst 2
            Tekst 3
            Tekst 4
            === side 2 ===
            Figur
        "#]],
    );
}

#[test]
fn blocks_kept_together_share_a_page_when_they_fit_on_one() {
    check_pages(
        &[lines(3, "Før"), Block::KeepTogether(vec![lines(3, "Fakta"), lines(2, "Merknad")])],
        expect![[r#"
            === side 1 ===
            Før 1
            Før 2
            Før 3
            === side 2 ===
            Fakta 1
            Fakta 2
            Fakta 3
            Merknad 1
            Merknad 2
        "#]],
    );
}

#[test]
fn right_aligned_cells_end_at_the_column_edge() {
    let pages = paginate(&[Block::Table(table(1))], FRAME);
    let amount = pages[0]
        .marks
        .iter()
        .find_map(|mark| match mark {
            Mark::Text { x, text, face, size, .. } if text == "100\u{a0}000" => {
                Some(x + Fonts::get().face(*face).width(text, *size))
            }
            _ => None,
        })
        .unwrap();
    assert!((amount - (200.0 - 5.0)).abs() < 0.01, "{amount}");
}
