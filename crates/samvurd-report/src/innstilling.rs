//! The innstilling's content: the model turned into a flow of headings, paragraphs, tables,
//! charts and boxes in reading order, with the structure tree that tags them, and the running
//! header and footer («Side N av M») added once the number of pages is known.
//!
//! Every word the report adds is a Fluent message of `innstilling.ftl` in the model's language
//! (bokmål or nynorsk), looked up through [`Texts`]; what the round holds (titles, names,
//! justifications) is printed as typed. Sentences that state figures are built from the model's
//! figures, never typed separately, so the text cannot contradict the tables.
//!
//! The document is a list of sections ([`lay_out`]): each is one `Composer` method that pushes
//! its blocks, so a new section is one method and one line there.

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use samvurd_core::{Money, Outcome};

use crate::Texts;
use crate::charts;
use crate::layout::{
    Align, Block, Boxed, Cell, Column, ElementId, Mark, Page, Paragraph, Role, Row, Structure,
    Table, TextStyle, paginate, text_mark,
};
use crate::layout::{PAGE_HEIGHT, PAGE_WIDTH};
use crate::model::{ApplicationEntry, Flag, Innstilling, TieRule};
use crate::norsk;
use crate::theme::{
    ACCENT, ACCENT_LIGHT, BODY, BODY_BOLD, FRAME, H1, H2, H3, INK, MUTED, RULE, RUNNING,
    SMALL_BODY, SUBTITLE, TABLE, TABLE_BOLD, TABLE_HEADER, TABLE_MUTED, TITLE, WARNING,
    WARNING_LIGHT, ZEBRA,
};

/// The laid-out innstilling: finished pages and the structure their marks refer to.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidOut {
    pub pages: Vec<Page>,
    pub structure: Structure,
}

pub fn lay_out(model: &Innstilling, generated_at: DateTime<FixedOffset>) -> LaidOut {
    let texts = Texts::builtin(model.language);
    let mut composer =
        Composer { model, texts: &texts, structure: Structure::default(), blocks: Vec::new() };
    composer.cover();
    composer.ranked_overview();
    composer.continuations();
    composer.charts();
    composer.applications();
    composer.method();
    composer.members();
    let Composer { blocks, structure, .. } = composer;
    let mut pages = paginate(&blocks, FRAME);
    decorate(&mut pages, model, &texts, generated_at);
    LaidOut { pages, structure }
}

struct Composer<'a> {
    model: &'a Innstilling,
    /// The messages of the model's language.
    texts: &'a Texts,
    structure: Structure,
    blocks: Vec<Block>,
}

const WIDTH: f32 = FRAME.width;

impl Composer<'_> {
    fn element(&mut self, role: Role) -> ElementId {
        self.structure.add(role, Structure::ROOT)
    }

    fn push_heading(&mut self, text: &str, style: TextStyle, role: Role, space_before: f32) {
        let element = self.element(role);
        let mut paragraph = Paragraph::new(text, style, WIDTH, Some(element));
        paragraph.space_before = space_before;
        paragraph.space_after = style.line_height * 0.35;
        paragraph.keep_with_next = true;
        self.blocks.push(Block::Paragraph(paragraph));
    }

    fn h1(&mut self, text: &str) {
        self.push_heading(text, H1, Role::H1, 18.0);
    }

    fn h2(&mut self, text: &str) {
        self.push_heading(text, H2, Role::H2, 14.0);
    }

    fn h3(&mut self, text: &str) {
        self.push_heading(text, H3, Role::H3, 10.0);
    }

    /// Body text; blank lines in `text` separate paragraphs.
    fn paragraphs(&mut self, text: &str, style: TextStyle) {
        for chunk in text.split("\n\n").map(str::trim).filter(|chunk| !chunk.is_empty()) {
            let element = self.element(Role::P);
            self.blocks.push(Block::Paragraph(Paragraph::new(chunk, style, WIDTH, Some(element))));
        }
    }

    fn page_break(&mut self) {
        self.blocks.push(Block::PageBreak);
    }

    /// A table whose cells are plain text. `rows[i][j]` is wrapped to column `j`.
    fn simple_table(
        &mut self,
        columns: &[(f32, Align)],
        header: Option<&[String]>,
        rows: Vec<Vec<String>>,
    ) -> Table {
        let table_element = self.element(Role::Table);
        let mut builder = TableBuilder { structure: &mut self.structure, table_element, columns };
        let header = header.map(|titles| builder.row(titles, TABLE_HEADER, Role::TH));
        // A table without a header row (the numbered tie ladder) has its first column as row
        // headers, so that every cell has a header a screen reader can announce.
        let rows = rows
            .iter()
            .map(|cells| {
                if header.is_some() {
                    builder.row(cells, TABLE, Role::TD)
                } else {
                    builder.labelled_row(cells, TABLE)
                }
            })
            .collect();
        plain_table(columns, header, rows)
    }

    /// A label–value table without header: the cover's key figures, an application's facts.
    fn facts_table(&mut self, facts: &[(String, String)], label_width: f32) -> Table {
        let columns = [(label_width, Align::Left), (WIDTH - label_width, Align::Left)];
        let table_element = self.element(Role::Table);
        let builder =
            TableBuilder { structure: &mut self.structure, table_element, columns: &columns };
        let rows = facts
            .iter()
            .map(|(label, value)| {
                let row_element = builder.structure.add(Role::TR, table_element);
                let label_element = builder.structure.add(Role::TH, row_element);
                let value_element = builder.structure.add(Role::TD, row_element);
                let inner = |width: f32| width - 2.0 * CELL_PADDING_X;
                Row {
                    cells: vec![
                        Cell::text(
                            label,
                            TextStyle { color: MUTED, ..TABLE },
                            inner(label_width),
                            Some(label_element),
                        ),
                        Cell::text(
                            value,
                            TABLE_BOLD,
                            inner(WIDTH - label_width),
                            Some(value_element),
                        ),
                    ],
                    fill: None,
                    rule_above: false,
                    keep_with_previous: false,
                    element: Some(row_element),
                }
            })
            .collect();
        let mut table = plain_table(&columns, None, rows);
        table.row_rules = true;
        table.padding_y = 3.5;
        table
    }

    /// Label–value pairs two to a row, for an application's facts.
    fn facts_grid(&mut self, facts: &[(String, String)]) -> Table {
        let label_width = 96.0;
        let value_width = WIDTH / 2.0 - label_width;
        let columns = [
            (label_width, Align::Left),
            (value_width, Align::Left),
            (label_width, Align::Left),
            (value_width, Align::Left),
        ];
        let table_element = self.element(Role::Table);
        let inner = |width: f32| width - 2.0 * CELL_PADDING_X;
        let rows = facts
            .chunks(2)
            .map(|pair| {
                let row_element = self.structure.add(Role::TR, table_element);
                let mut cells = Vec::new();
                for (label, value) in pair {
                    let label_element = self.structure.add(Role::TH, row_element);
                    let value_element = self.structure.add(Role::TD, row_element);
                    cells.push(Cell::text(
                        label,
                        TextStyle { color: MUTED, ..TABLE },
                        inner(label_width),
                        Some(label_element),
                    ));
                    cells.push(Cell::text(
                        value,
                        TABLE_BOLD,
                        inner(value_width),
                        Some(value_element),
                    ));
                }
                Row {
                    cells,
                    fill: None,
                    rule_above: false,
                    keep_with_previous: false,
                    element: Some(row_element),
                }
            })
            .collect();
        let mut table = plain_table(&columns, None, rows);
        table.padding_y = 3.5;
        table
    }

    fn cover(&mut self) {
        let round = &self.model.round;
        let element = self.element(Role::P);
        let mut organisation = Paragraph::new(
            &round.helsefellesskap,
            TextStyle { color: ACCENT, ..H3 },
            WIDTH,
            Some(element),
        );
        organisation.space_after = 70.0;
        self.blocks.push(Block::Paragraph(organisation));

        let element = self.element(Role::H1);
        let texts = self.texts;
        let mut title =
            Paragraph::new(&texts.text("innstilling-title"), TITLE, WIDTH, Some(element));
        title.space_after = 4.0;
        self.blocks.push(Block::Paragraph(title));
        let element = self.element(Role::P);
        let mut subtitle = Paragraph::new(&round.title, SUBTITLE, WIDTH, Some(element));
        subtitle.space_after = 6.0;
        self.blocks.push(Block::Paragraph(subtitle));
        if let Some(public) = &self.model.public {
            let element = self.element(Role::P);
            let mut note = Paragraph::new(
                &texts.get("public-note", &[("withheld", &public.withheld(texts))]),
                TextStyle { color: WARNING, ..BODY_BOLD },
                WIDTH,
                Some(element),
            );
            note.space_after = 6.0;
            self.blocks.push(Block::Paragraph(note));
        }
        let element = self.element(Role::P);
        let mut addressing = Paragraph::new(
            &texts.get(
                "cover-addressing",
                &[
                    ("body", &round.decision_body),
                    ("group", &samvurd_core::format::lowercase_first(&round.working_group)),
                ],
            ),
            TextStyle { color: MUTED, ..BODY },
            WIDTH,
            Some(element),
        );
        addressing.space_after = 28.0;
        self.blocks.push(Block::Paragraph(addressing));

        let counts = OutcomeCounts::of(&self.model.applications);
        let mut facts = vec![(texts.text("fact-date"), norsk::date(round.date))];
        facts.push((
            texts.text("fact-case-number"),
            round.case_number.clone().unwrap_or_else(|| "\u{a0}".to_owned()),
        ));
        if let Some(deadline) = round.deadline {
            facts.push((texts.text("fact-deadline"), norsk::date(deadline)));
        }
        if let Some(meeting) = round.meeting_date {
            facts.push((
                texts.get("fact-meeting", &[("body", &short_body(&round.decision_body))]),
                norsk::date(meeting),
            ));
        }
        facts.extend([
            (texts.text("fact-frame"), round.frame.format()),
            (texts.text("fact-total-requested"), round.total_requested.format()),
            (texts.text("fact-total-recommended"), round.total_recommended.format()),
            (texts.text("fact-remaining"), round.remaining.format()),
            (
                texts.text("fact-applications"),
                counts.sentence(texts, self.model.applications.len()),
            ),
        ]);
        let table = self.facts_table(&facts, 130.0);
        self.blocks.push(Block::Table(table));

        self.h2(&texts.text("heading-summary"));
        let summary = generated_summary(self.model, texts, &counts);
        self.paragraphs(&summary, BODY);
        if let Some(own) = &self.model.summary {
            self.paragraphs(own, BODY);
        }

        let resolution = self
            .model
            .proposed_resolution
            .clone()
            .unwrap_or_else(|| standard_resolution(self.model, texts));
        let heading = self.element(Role::H2);
        let body = self.element(Role::P);
        let inner_width = WIDTH - 2.0 * BOX_PADDING - 4.0;
        let mut heading_paragraph = Paragraph::new(
            &texts.text("proposed-resolution"),
            TextStyle { color: ACCENT, ..BODY_BOLD },
            inner_width,
            Some(heading),
        );
        heading_paragraph.space_after = 3.0;
        let mut body_paragraph = Paragraph::new(&resolution, BODY, inner_width, Some(body));
        body_paragraph.space_after = 0.0;
        self.blocks.push(Block::Boxed(Boxed {
            blocks: vec![Block::Paragraph(heading_paragraph), Block::Paragraph(body_paragraph)],
            fill: ACCENT_LIGHT,
            border: ACCENT,
            padding: BOX_PADDING,
            width: WIDTH,
            space_before: 16.0,
            space_after: 8.0,
        }));
        self.page_break();
    }

    fn ranked_overview(&mut self) {
        let texts = self.texts;
        self.h1(&format!("1 {}", texts.text("heading-ranked")));
        self.intro(&texts.text("ranked-intro"));
        let columns: [(f32, Align); 7] = [
            (36.0, Align::Left),
            (66.0, Align::Left),
            (WIDTH - 36.0 - 66.0 - 34.0 - 62.0 - 62.0 - 52.0, Align::Left),
            (34.0, Align::Right),
            (62.0, Align::Right),
            (62.0, Align::Right),
            (52.0, Align::Left),
        ];
        let table_element = self.element(Role::Table);
        let mut builder =
            TableBuilder { structure: &mut self.structure, table_element, columns: &columns };
        let titles: Vec<String> = [
            "column-rank",
            "column-application",
            "column-title-applicant",
            "column-score",
            "column-requested",
            "column-recommended",
            "column-outcome",
        ]
        .map(|id| texts.text(id))
        .to_vec();
        let header = builder.row(&titles, TABLE_HEADER, Role::TH);
        let mut rows = Vec::new();
        for (index, entry) in self.model.applications.iter().enumerate() {
            let inner = |column: usize| columns[column].0 - 2.0 * CELL_PADDING_X;
            let row_element = builder.structure.add(Role::TR, table_element);
            let mut cell_element = || Some(builder.structure.add(Role::TD, row_element));
            let mut rank_cell = Cell::text(
                &entry.rank.map(|rank| rank.to_string()).unwrap_or_else(|| "–".to_owned()),
                TABLE_BOLD,
                inner(0),
                cell_element(),
            );
            if let Some(interval) = entry.rank_interval {
                rank_cell = rank_cell.with_part(
                    &format!("({})", rank_interval(interval)),
                    TABLE_MUTED,
                    inner(0),
                );
            }
            let mut title_cell = Cell::text(&entry.title, TABLE, inner(2), cell_element())
                .with_part(&entry.applicant, TABLE_MUTED, inner(2));
            let flags = flag_labels(entry, texts, self.model);
            if !flags.is_empty() {
                title_cell = title_cell.with_part(
                    &flags.join(" · "),
                    TextStyle { color: WARNING, ..TABLE_MUTED },
                    inner(2),
                );
            }
            let cells = vec![
                rank_cell,
                Cell::text(&entry.reference, TABLE, inner(1), cell_element()),
                title_cell,
                Cell::text(
                    &entry
                        .total
                        .map(|total| norsk::decimal(total, 2))
                        .unwrap_or_else(|| "–".to_owned()),
                    TABLE,
                    inner(3),
                    cell_element(),
                ),
                Cell::text(&entry.requested.format_number(), TABLE, inner(4), cell_element()),
                Cell::text(
                    &entry.recommended.format_number(),
                    TABLE_BOLD,
                    inner(5),
                    cell_element(),
                ),
                Cell::text(
                    &norsk::outcome_title(texts, entry.outcome),
                    TABLE,
                    inner(6),
                    cell_element(),
                ),
            ];
            rows.push(Row {
                cells,
                fill: (index % 2 == 1).then_some(ZEBRA),
                rule_above: false,
                keep_with_previous: false,
                element: Some(row_element),
            });
        }
        let round = &self.model.round;
        let remaining_label = texts.get("row-remaining", &[("frame", &round.frame.format())]);
        let sum_label = texts.text("row-sum");
        let totals: [(&str, Option<Money>, Money); 2] = [
            (&sum_label, Some(round.total_requested), round.total_recommended),
            (&remaining_label, None, round.remaining),
        ];
        for (index, (label, requested, recommended)) in totals.into_iter().enumerate() {
            let row_element = builder.structure.add(Role::TR, table_element);
            let mut cell_element = || Some(builder.structure.add(Role::TD, row_element));
            let inner = |column: usize| columns[column].0 - 2.0 * CELL_PADDING_X;
            rows.push(Row {
                cells: vec![
                    Cell::text("", TABLE_BOLD, inner(0), cell_element()),
                    Cell::text("", TABLE_BOLD, inner(1), cell_element()),
                    Cell::text(label, TABLE_BOLD, inner(2), cell_element()),
                    Cell::text("", TABLE_BOLD, inner(3), cell_element()),
                    Cell::text(
                        &requested.map(Money::format_number).unwrap_or_default(),
                        TABLE_BOLD,
                        inner(4),
                        cell_element(),
                    ),
                    Cell::text(&recommended.format_number(), TABLE_BOLD, inner(5), cell_element()),
                    Cell::text("", TABLE_BOLD, inner(6), cell_element()),
                ],
                fill: None,
                rule_above: index == 0,
                keep_with_previous: true,
                element: Some(row_element),
            });
        }
        let table = plain_table(&columns, Some(header), rows);
        self.blocks.push(Block::Table(table));

        let group_totals = self.model.group_totals.clone();
        for group in &group_totals {
            self.h2(&group.heading);
            let total_recommended = self.model.round.total_recommended.amount();
            let rows = group
                .rows
                .iter()
                .map(|row| {
                    let share = if total_recommended.is_zero() {
                        "–".to_owned()
                    } else {
                        norsk::percent(row.recommended.amount() / total_recommended)
                    };
                    vec![
                        row.label.clone(),
                        row.applications.to_string(),
                        row.requested.format(),
                        row.recommended.format(),
                        share,
                    ]
                })
                .collect();
            let columns = [
                (WIDTH - 60.0 - 100.0 - 100.0 - 60.0, Align::Left),
                (60.0, Align::Right),
                (100.0, Align::Right),
                (100.0, Align::Right),
                (60.0, Align::Right),
            ];
            let titles = [
                String::new(),
                texts.text("column-applications"),
                texts.text("column-requested"),
                texts.text("column-recommended"),
                texts.text("column-share"),
            ];
            let table = self.simple_table(&columns, Some(&titles), rows);
            self.blocks.push(Block::Table(table));
        }
        if !group_totals.is_empty() {
            self.paragraphs(&texts.text("share-note"), TextStyle { color: MUTED, ..SMALL_BODY });
        }

        self.h2(&texts.text("heading-budget"));
        self.intro(&texts.text("budget-intro"));
        let figure = charts::budget_chart(
            &self.model.applications,
            &self.model.round,
            texts,
            &mut self.structure,
            WIDTH,
        );
        self.blocks.push(figure);
    }

    fn charts(&mut self) {
        let texts = self.texts;
        self.h1(&format!("2 {}", texts.text("heading-totals")));
        let level = self.model.method.bootstrap.as_ref().map(|bootstrap| bootstrap.level_percent);
        self.intro(&texts.text("totals-intro"));
        let figures = charts::totals_charts(
            &self.model.applications,
            &self.model.round,
            texts,
            level,
            &mut self.structure,
            WIDTH,
        );
        self.blocks.extend(figures);
    }

    /// A short grey introduction kept on the page of the chart or table it introduces.
    fn intro(&mut self, text: &str) {
        let element = self.element(Role::P);
        let mut paragraph =
            Paragraph::new(text, TextStyle { color: MUTED, ..BODY }, WIDTH, Some(element));
        paragraph.keep_with_next = true;
        self.blocks.push(Block::Paragraph(paragraph));
    }

    fn applications(&mut self) {
        self.page_break();
        let texts = self.texts;
        self.h1(&format!("3 {}", texts.text("heading-applications")));
        self.paragraphs(&texts.text("applications-intro"), TextStyle { color: MUTED, ..BODY });
        for (index, entry) in self.model.applications.iter().enumerate() {
            if index > 0 {
                self.page_break();
            }
            self.application(index, entry);
        }
    }

    fn application(&mut self, index: usize, entry: &ApplicationEntry) {
        let round = &self.model.round;
        let texts = self.texts;
        self.push_heading(
            &format!("3.{} {} {}", index + 1, entry.reference, entry.title),
            H2,
            Role::H2,
            10.0,
        );

        let mut facts = vec![(texts.text("fact-applicant"), entry.applicant.clone())];
        if let Some(side) = entry.side {
            facts.push((texts.text("fact-side"), side.label(texts)));
        }
        if !entry.partners.is_empty() {
            facts.push((texts.text("fact-partners"), norsk::list(&entry.partners)));
        }
        if let Some(area) = &entry.priority_area {
            facts.push((texts.text("fact-priority-area"), area.clone()));
        }
        facts.push((texts.text("column-requested"), entry.requested.format()));
        facts.push((
            texts.text("column-recommended"),
            format!("{} ({})", entry.recommended.format(), norsk::outcome(texts, entry.outcome)),
        ));
        let max = round.scale_max.to_string();
        let total = match (entry.total, entry.total_interval) {
            (Some(total), Some((low, high))) => texts.get(
                "total-with-interval",
                &[
                    ("total", &norsk::decimal(total, 2)),
                    ("max", &max),
                    ("low", &norsk::decimal(low, 2)),
                    ("high", &norsk::decimal(high, 2)),
                ],
            ),
            (Some(total), None) => {
                texts.get("total-of", &[("total", &norsk::decimal(total, 2)), ("max", &max)])
            }
            (None, _) => texts.text("total-none"),
        };
        facts.push((texts.text("fact-total"), total));
        let ranked = self.ranked_count().to_string();
        let rank = match (entry.rank, entry.rank_interval) {
            (Some(rank), Some(interval)) => texts.get(
                "rank-with-interval",
                &[
                    ("rank", &rank.to_string()),
                    ("count", &ranked),
                    ("interval", &rank_interval(interval)),
                ],
            ),
            (Some(rank), None) => {
                texts.get("rank-of", &[("rank", &rank.to_string()), ("count", &ranked)])
            }
            (None, _) => texts.text("rank-none"),
        };
        facts.push((texts.text("fact-rank"), rank));
        if entry.deviates() {
            facts.push((texts.text("fact-computed"), entry.computed.format()));
        }
        let table = self.facts_grid(&facts);
        self.blocks.push(Block::Table(table));
        let flags = flag_labels(entry, texts, self.model);
        if !flags.is_empty() {
            let element = self.element(Role::P);
            let mut paragraph = Paragraph::new(
                &texts.get("remarks", &[("flags", &flags.join(" · "))]),
                TextStyle { color: WARNING, ..BODY_BOLD },
                WIDTH,
                Some(element),
            );
            paragraph.space_before = 2.0;
            self.blocks.push(Block::Paragraph(paragraph));
        }

        if let Some(summary) = &entry.summary {
            self.h3(&texts.text("heading-summary"));
            self.paragraphs(summary, BODY);
        }

        self.h3(&texts.text("heading-profile"));
        let withheld = self.model.public.as_ref().map(|public| public.withheld(texts));
        let figure = charts::criterion_profile(
            entry,
            round,
            texts,
            &mut self.structure,
            WIDTH,
            withheld.as_deref(),
        );
        self.blocks.push(figure);
        if let Some(withheld) = &withheld {
            self.paragraphs(
                &texts.get("profile-withheld", &[("withheld", withheld)]),
                TextStyle { color: MUTED, ..BODY },
            );
        }
        if !entry.gates.is_empty() {
            self.h3(&texts.text("heading-gates"));
            if entry.failed_gates().next().is_none() {
                let names: Vec<String> = entry
                    .gates
                    .iter()
                    .map(|gate| samvurd_core::format::lowercase_first(&gate.gate))
                    .collect();
                self.paragraphs(
                    &texts.get("gates-all-passed", &[("gates", &norsk::list(&names))]),
                    BODY,
                );
            } else {
                let rows = entry
                    .gates
                    .iter()
                    .map(|gate| {
                        vec![
                            gate.gate.clone(),
                            texts.text(if gate.passed { "yes" } else { "no" }),
                            gate.note.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                let columns =
                    [(190.0, Align::Left), (50.0, Align::Left), (WIDTH - 240.0, Align::Left)];
                let titles =
                    ["column-gate", "column-passed", "column-note"].map(|id| texts.text(id));
                let table = self.simple_table(&columns, Some(&titles), rows);
                self.blocks.push(Block::Table(table));
            }
        }

        self.h3(&texts.text("heading-recusal"));
        if entry.recusals.is_empty() {
            self.paragraphs(&texts.text("recusal-none"), BODY);
        } else {
            let sentences: Vec<String> = entry
                .recusals
                .iter()
                .map(|name| {
                    texts.get("recused", &[("name", name), ("reference", &entry.reference)])
                })
                .collect();
            self.paragraphs(&sentences.join("\n"), BODY);
        }
        self.meeting_record(entry);

        if let Some(justification) = &entry.justification {
            self.h3(&texts.text("heading-justification"));
            self.paragraphs(justification, BODY);
        }

        if entry.deviates() {
            let inner_width = WIDTH - 2.0 * BOX_PADDING - 4.0;
            let heading = self.element(Role::H3);
            let mut blocks = vec![{
                let mut paragraph = Paragraph::new(
                    &texts.get("deviation-heading", &[("reference", &entry.reference)]),
                    TextStyle { color: WARNING, ..BODY_BOLD },
                    inner_width,
                    Some(heading),
                );
                paragraph.space_after = 3.0;
                Block::Paragraph(paragraph)
            }];
            let facts = texts.get(
                "deviation-facts",
                &[
                    ("computed", &entry.computed.format()),
                    ("recommended", &entry.recommended.format()),
                    ("outcome", &norsk::outcome(texts, entry.outcome)),
                ],
            );
            let element = self.element(Role::P);
            blocks.push(Block::Paragraph(Paragraph::new(&facts, BODY, inner_width, Some(element))));
            if let Some(reason) = &entry.deviation {
                for chunk in reason.split("\n\n").map(str::trim).filter(|chunk| !chunk.is_empty()) {
                    let element = self.element(Role::P);
                    blocks.push(Block::Paragraph(Paragraph::new(
                        chunk,
                        BODY,
                        inner_width,
                        Some(element),
                    )));
                }
            }
            if let Some(Block::Paragraph(last)) = blocks.last_mut() {
                last.space_after = 0.0;
            }
            self.blocks.push(Block::Boxed(Boxed {
                blocks,
                fill: WARNING_LIGHT,
                border: WARNING,
                padding: BOX_PADDING,
                width: WIDTH,
                space_before: 12.0,
                space_after: 6.0,
            }));
        }
    }

    fn ranked_count(&self) -> usize {
        self.model.applications.iter().filter(|entry| entry.rank.is_some()).count()
    }

    fn method(&mut self) {
        let method = &self.model.method;
        let round = &self.model.round;
        let texts = self.texts;
        self.page_break();
        self.h1(&texts.text("appendix-method"));
        self.paragraphs(&texts.text("method-intro"), BODY);

        self.h2(&texts.text("heading-criteria"));
        let total_weight: Decimal = method.criteria.iter().map(|criterion| criterion.weight).sum();
        let rows = method
            .criteria
            .iter()
            .map(|criterion| {
                let share = if total_weight.is_zero() {
                    "–".to_owned()
                } else {
                    norsk::percent(criterion.weight / total_weight)
                };
                vec![
                    criterion.name.clone(),
                    norsk::decimal_short(criterion.weight),
                    share,
                    criterion.guidance.clone(),
                    texts.text(if criterion.not_applicable_allowed { "yes" } else { "no" }),
                ]
            })
            .collect();
        let columns = [
            (120.0, Align::Left),
            (36.0, Align::Right),
            (44.0, Align::Right),
            (WIDTH - 120.0 - 36.0 - 44.0 - 58.0, Align::Left),
            (58.0, Align::Left),
        ];
        let titles = [
            "column-criterion",
            "column-weight",
            "column-share",
            "column-guidance",
            "column-not-applicable-allowed",
        ]
        .map(|id| texts.text(id));
        let table = self.simple_table(&columns, Some(&titles), rows);
        self.blocks.push(Block::Table(table));

        self.h2(&texts.text("heading-scale"));
        let rows = method
            .scale
            .iter()
            .map(|step| vec![step.value.to_string(), step.descriptor.clone()])
            .collect();
        let table = self.simple_table(
            &[(50.0, Align::Right), (WIDTH - 50.0, Align::Left)],
            Some(&["column-score", "column-meaning"].map(|id| texts.text(id))),
            rows,
        );
        self.blocks.push(Block::Table(table));

        self.h2(&texts.text("heading-total-score"));
        self.paragraphs(
            &texts.get(
                "method-total-score",
                &[
                    ("noun", &norsk::aggregation_noun(texts, method.aggregation)),
                    ("min", &round.scale_min.to_string()),
                    ("max", &round.scale_max.to_string()),
                ],
            ),
            BODY,
        );

        self.h2(&texts.text("heading-not-applicable"));
        self.paragraphs(&texts.text("method-not-applicable"), BODY);

        if let Some(range) = method.disagreement_range {
            self.h2(&texts.text("heading-disagreement"));
            self.paragraphs(
                &texts.get("method-disagreement", &[("range", &norsk::decimal_short(range))]),
                BODY,
            );
        }

        self.h2(&texts.text("heading-gates"));
        if method.gates.is_empty() {
            self.paragraphs(&texts.text("method-no-gates"), BODY);
        } else {
            self.paragraphs(&texts.text("method-gates"), BODY);
            let rows = method
                .gates
                .iter()
                .map(|gate| vec![gate.name.clone(), gate.description.clone()])
                .collect();
            let table = self.simple_table(
                &[(170.0, Align::Left), (WIDTH - 170.0, Align::Left)],
                Some(&["column-gate", "column-description"].map(|id| texts.text(id))),
                rows,
            );
            self.blocks.push(Block::Table(table));
        }

        self.h2(&texts.text("heading-ties"));
        if method.tie_ladder.is_empty() {
            self.paragraphs(&texts.text("method-ties-shared"), BODY);
        } else {
            self.paragraphs(&texts.text("method-ties-ladder"), BODY);
            let rows = method
                .tie_ladder
                .iter()
                .enumerate()
                .map(|(index, step)| vec![format!("{}.", index + 1), step.clone()])
                .collect();
            let mut table =
                self.simple_table(&[(22.0, Align::Right), (WIDTH - 22.0, Align::Left)], None, rows);
            table.row_rules = false;
            table.padding_y = 1.5;
            self.blocks.push(Block::Table(table));
        }

        self.h2(&texts.text("heading-allocation"));
        self.paragraphs(&texts.text("method-allocation"), BODY);

        if let Some(bootstrap) = &method.bootstrap {
            self.h2(&texts.text("heading-uncertainty"));
            self.paragraphs(
                &texts.get(
                    "method-bootstrap",
                    &[
                        ("resamples", &norsk::integer(u64::from(bootstrap.resamples))),
                        ("level", &bootstrap.level_percent.to_string()),
                        ("seed", &bootstrap.seed.to_string()),
                    ],
                ),
                BODY,
            );
        }
        if let Some(calibration) = &method.calibration {
            self.h2(&texts.text("heading-calibration"));
            self.paragraphs(calibration, BODY);
        }
        if let Some(agreement) = &method.agreement {
            self.h2(&texts.text("heading-agreement"));
            self.paragraphs(
                &texts.get(
                    "method-agreement",
                    &[
                        ("alpha", &norsk::decimal(agreement.alpha, 2)),
                        ("interpretation", &agreement.interpretation),
                    ],
                ),
                BODY,
            );
        }
        if !method.weight_changes.is_empty() {
            self.h2(&texts.text("heading-weight-changes"));
            let text = method.weight_changes.join("\n\n");
            self.paragraphs(&text, BODY);
        }
        if !method.method_changes.is_empty() {
            self.h2(&texts.text("heading-method-changes"));
            self.paragraphs(&texts.text("method-changes-intro"), BODY);
            let text = method.method_changes.join("\n\n");
            self.paragraphs(&text, BODY);
        }
        self.lottery_method();
    }

    fn members(&mut self) {
        let texts = self.texts;
        self.page_break();
        self.h1(&texts.text("appendix-members"));
        let rows = self
            .model
            .members
            .iter()
            .map(|member| {
                let role = if member.chair {
                    texts.get("role-chair", &[("role", &member.role)])
                } else {
                    member.role.clone()
                };
                vec![member.name.clone(), member.organisation.clone(), role]
            })
            .collect();
        let columns =
            [(150.0, Align::Left), (WIDTH - 150.0 - 130.0, Align::Left), (130.0, Align::Left)];
        let titles = ["column-name", "column-organisation", "column-role"].map(|id| texts.text(id));
        let table = self.simple_table(&columns, Some(&titles), rows);
        self.blocks.push(Block::Table(table));

        self.h2(&texts.text("heading-recusals"));
        let sentences: Vec<String> = self
            .model
            .applications
            .iter()
            .flat_map(|entry| {
                entry.recusals.iter().map(move |name| {
                    texts.get("recused", &[("name", name), ("reference", &entry.reference)])
                })
            })
            .collect();
        if sentences.is_empty() {
            self.paragraphs(&texts.text("recusals-none"), BODY);
        } else {
            self.paragraphs(&texts.text("recusals-intro"), BODY);
            let text = sentences.join("\n");
            self.paragraphs(&text, BODY);
        }
    }
}

/// What the meeting recorded (issue 16): the stand-in chair, the group's consensus record,
/// quorum and the lottery, per application and in the method appendix.
impl Composer<'_> {
    fn meeting_record(&mut self, entry: &ApplicationEntry) {
        let meeting = &entry.meeting;
        let texts = self.texts;
        if let Some(chaired_by) = &meeting.chaired_by {
            self.paragraphs(chaired_by, BODY);
        }
        if let Some(below_quorum) = &meeting.below_quorum {
            self.paragraphs(below_quorum, TextStyle { color: WARNING, ..BODY });
        }
        if meeting.consensus.is_some() || meeting.lottery.is_some() {
            self.h3(&texts.text("heading-meeting"));
        }
        if let Some(consensus) = &meeting.consensus {
            self.paragraphs(consensus, BODY);
        }
        if let Some(majority) = &meeting.majority {
            self.paragraphs(&texts.get("majority", &[("view", majority)]), BODY);
        }
        if let Some((minority, names)) = &meeting.minority {
            self.paragraphs(
                &texts.get("minority", &[("names", &norsk::list(names)), ("view", minority)]),
                BODY,
            );
        }
        if let Some(lottery) = &meeting.lottery {
            self.paragraphs(lottery, BODY_BOLD);
        }
    }

    fn lottery_method(&mut self) {
        let Some(lottery) = &self.model.lottery else {
            return;
        };
        let texts = self.texts;
        self.h2(&texts.text("heading-lottery"));
        self.paragraphs(
            &texts.get(
                "lottery-method",
                &[
                    ("candidates", &norsk::list(&lottery.candidates)),
                    ("available", &lottery.available.format()),
                ],
            ),
            BODY,
        );
        self.paragraphs(
            &texts.get(
                "lottery-seed",
                &[
                    ("seed-text", &lottery.seed_text),
                    ("source", &lottery.source),
                    ("seed", &lottery.seed.to_string()),
                ],
            ),
            BODY,
        );
        let rows = lottery
            .draw
            .iter()
            .enumerate()
            .map(|(index, (reference, title, amount, drawn))| {
                vec![
                    format!("{}.", index + 1),
                    format!("{reference} {title}"),
                    texts.text(if *drawn { "lottery-drawn" } else { "lottery-not-drawn" }),
                    amount.format(),
                ]
            })
            .collect();
        let columns = [
            (30.0, Align::Right),
            (WIDTH - 30.0 - 150.0 - 90.0, Align::Left),
            (150.0, Align::Left),
            (90.0, Align::Right),
        ];
        let titles = ["column-number", "column-application", "column-result", "column-amount"]
            .map(|id| texts.text(id));
        let table = self.simple_table(&columns, Some(&titles), rows);
        self.blocks.push(Block::Table(table));
        self.paragraphs(
            &texts.get(
                "lottery-allocated",
                &[
                    ("allocated", &lottery.allocated.format()),
                    ("available", &lottery.available.format()),
                ],
            ),
            BODY,
        );
    }
}

/// «Videreføring» (issue 18): the applications that continue last year's grants, with last
/// year's figures beside this year's recommendation.
impl Composer<'_> {
    fn continuations(&mut self) {
        let Some(table) = &self.model.continuations else {
            return;
        };
        let texts = self.texts;
        self.h2(&texts.text("continuation-heading"));
        let count = table.rows.len();
        let continued = match count {
            0 => texts.text("continuation-count-none"),
            1 => texts.text("continuation-count-one"),
            count => texts.get("continuation-count-many", &[("count", &count.to_string())]),
        };
        self.intro(&texts.get(
            "continuation-intro",
            &[
                ("previous", &table.previous_title),
                ("file", &table.previous_file_name),
                ("year", &table.year.to_string()),
                ("continued", &continued),
            ],
        ));
        if count > 0 {
            let rows = table
                .rows
                .iter()
                .map(|row| {
                    let matched_by = texts.text(match row.matched_by {
                        samvurd_core::continuation::MatchedBy::Reference => {
                            "continuation-by-reference"
                        }
                        samvurd_core::continuation::MatchedBy::Title => "continuation-by-title",
                    });
                    vec![
                        format!("{} {}", row.reference, row.title),
                        texts.get(
                            "continuation-continues",
                            &[("reference", &row.continues), ("by", &matched_by)],
                        ),
                        format!(
                            "{} {}",
                            norsk::outcome(texts, row.last_year_outcome),
                            row.last_year_granted.format()
                        ),
                        row.recommended.format(),
                        report_tally(texts, row.reports.as_ref()),
                    ]
                })
                .collect();
            let columns = [
                (WIDTH - 96.0 - 104.0 - 62.0 - 110.0, Align::Left),
                (96.0, Align::Left),
                (104.0, Align::Right),
                (62.0, Align::Right),
                (110.0, Align::Left),
            ];
            let headings = [
                texts.text("continuation-column-application"),
                texts.text("continuation-column-continues"),
                texts.text("continuation-column-last-year"),
                texts.text("continuation-column-recommended"),
                texts.text("continuation-column-reports"),
            ];
            let table = self.simple_table(&columns, Some(&headings), rows);
            self.blocks.push(Block::Table(table));
        }
        if !table.without_application.is_empty() {
            let grants: Vec<String> = table
                .without_application
                .iter()
                .map(|(reference, title)| format!("{reference} {title}"))
                .collect();
            self.paragraphs(
                &texts.get(
                    "continuation-without-application",
                    &[("year", &table.year.to_string()), ("grants", &norsk::list(&grants))],
                ),
                TextStyle { color: MUTED, ..SMALL_BODY },
            );
        }
    }
}

/// «1 av 3 rapportar mottekne, 1 forfalt (per 02.12.2026)», in the document's language.
fn report_tally(texts: &Texts, tally: Option<&samvurd_core::continuation::ReportTally>) -> String {
    let Some(tally) = tally else { return texts.text("continuation-reports-not-opened") };
    let as_of = norsk::date(tally.as_of);
    if tally.owed == 0 {
        return texts.get("continuation-reports-none", &[("date", &as_of)]);
    }
    // Counts choose the message here, as everywhere in these files: every argument is text.
    let overdue = match tally.overdue {
        0 => String::new(),
        count => texts.get("continuation-reports-overdue", &[("count", &count.to_string())]),
    };
    let received = tally.received.to_string();
    match tally.owed {
        1 => texts.get(
            "continuation-reports-one",
            &[("received", &received), ("overdue", &overdue), ("date", &as_of)],
        ),
        owed => texts.get(
            "continuation-reports-many",
            &[
                ("received", &received),
                ("owed", &owed.to_string()),
                ("overdue", &overdue),
                ("date", &as_of),
            ],
        ),
    }
}

pub(crate) const CELL_PADDING_X: f32 = 4.0;
const BOX_PADDING: f32 = 10.0;

/// Makes rows of tagged cells for one table.
pub(crate) struct TableBuilder<'a> {
    pub(crate) structure: &'a mut Structure,
    pub(crate) table_element: ElementId,
    pub(crate) columns: &'a [(f32, Align)],
}

impl TableBuilder<'_> {
    pub(crate) fn row(&mut self, cells: &[String], style: TextStyle, role: Role) -> Row {
        self.row_of(cells, style, |_| role)
    }

    /// A row whose first cell is its header (`TH`, scope row) and the rest data.
    pub(crate) fn labelled_row(&mut self, cells: &[String], style: TextStyle) -> Row {
        self.row_of(cells, style, |index| if index == 0 { Role::TH } else { Role::TD })
    }

    fn row_of(&mut self, cells: &[String], style: TextStyle, role: impl Fn(usize) -> Role) -> Row {
        let row_element = self.structure.add(Role::TR, self.table_element);
        let cells = cells
            .iter()
            .zip(self.columns)
            .enumerate()
            .map(|(index, (text, (width, _)))| {
                let element = self.structure.add(role(index), row_element);
                Cell::text(text, style, width - 2.0 * CELL_PADDING_X, Some(element))
            })
            .collect();
        Row {
            cells,
            fill: None,
            rule_above: false,
            keep_with_previous: false,
            element: Some(row_element),
        }
    }
}

pub(crate) fn plain_table(columns: &[(f32, Align)], header: Option<Row>, rows: Vec<Row>) -> Table {
    Table {
        columns: columns.iter().map(|&(width, align)| Column { width, align }).collect(),
        header,
        rows,
        padding_x: CELL_PADDING_X,
        padding_y: 3.0,
        rule_color: RULE,
        header_fill: None,
        row_rules: true,
        space_before: 4.0,
        space_after: 10.0,
        keep_with_next: false,
    }
}

fn rank_interval((best, worst): (u32, u32)) -> String {
    if best == worst { best.to_string() } else { format!("{best}–{worst}") }
}

/// Short labels of what the SSU should notice about an application. The public version names
/// no member.
fn flag_labels(entry: &ApplicationEntry, texts: &Texts, model: &Innstilling) -> Vec<String> {
    let mut labels = Vec::new();
    if entry.deviates() {
        labels.push(texts.text("flag-deviates"));
    }
    for gate in entry.failed_gates() {
        labels.push(texts.get("flag-gate", &[("gate", &gate.gate)]));
    }
    if !entry.recusals.is_empty() {
        labels.push(texts.text("flag-recusal"));
    }
    for flag in &entry.flags {
        labels.push(match flag {
            Flag::Disagreement { criteria } if criteria.is_empty() => {
                texts.text("flag-disagreement")
            }
            Flag::Disagreement { criteria } => texts.get(
                "flag-disagreement-about",
                &[(
                    "criteria",
                    &norsk::list(
                        &criteria
                            .iter()
                            .map(|c| samvurd_core::format::lowercase_first(c))
                            .collect::<Vec<_>>(),
                    ),
                )],
            ),
            Flag::TieBroken { rule } => {
                let rule = match rule {
                    TieRule::Criterion(criterion) => {
                        texts.get("tie-rule-criterion", &[("criterion", criterion)])
                    }
                    TieRule::LowerRequestedAmount => texts.text("tie-rule-lower-amount"),
                };
                texts.get("flag-tie-broken", &[("rule", &rule)])
            }
            Flag::FewScores => texts.text("flag-few-scores"),
            Flag::MemberDeviation { member } => match &model.public {
                Some(public) => texts.get(
                    "flag-member-deviation-withheld",
                    &[("withheld", &public.withheld(texts))],
                ),
                None => texts.get("flag-member-deviation", &[("member", member)]),
            },
            Flag::SharedPlace => texts.text("flag-shared-place"),
            Flag::BelowQuorum => texts.text("flag-below-quorum"),
            Flag::Other(text) => text.clone(),
        });
    }
    labels
}

#[derive(Debug, Default)]
struct OutcomeCounts {
    granted: usize,
    partly: usize,
    rejected: usize,
}

impl OutcomeCounts {
    fn of(entries: &[ApplicationEntry]) -> OutcomeCounts {
        let mut counts = OutcomeCounts::default();
        for entry in entries {
            match entry.outcome {
                Outcome::Granted => counts.granted += 1,
                Outcome::PartlyGranted => counts.partly += 1,
                Outcome::Rejected => counts.rejected += 1,
            }
        }
        counts
    }

    /// `30 (12 innvilget, 3 delvis innvilget, 15 avslått)`.
    fn sentence(&self, texts: &Texts, total: usize) -> String {
        texts.get(
            "outcome-counts",
            &[
                ("total", &total.to_string()),
                ("granted", &self.granted.to_string()),
                ("partly", &self.partly.to_string()),
                ("rejected", &self.rejected.to_string()),
            ],
        )
    }
}

fn generated_summary(model: &Innstilling, texts: &Texts, counts: &OutcomeCounts) -> String {
    let round = &model.round;
    let supported = counts.granted + counts.partly;
    let mut text = texts.get(
        "summary",
        &[
            ("group", &round.working_group),
            ("applications", &norsk::applications(texts, model.applications.len())),
            ("requested", &round.total_requested.format()),
            ("frame", &round.frame.format()),
            ("supported", &norsk::applications(texts, supported)),
            ("recommended", &round.total_recommended.format()),
        ],
    );
    if counts.partly > 0 {
        text.push_str(", ");
        text.push_str(
            &texts.get("summary-partly", &[("partly", &norsk::applications(texts, counts.partly))]),
        );
    }
    text.push_str(". ");
    text.push_str(&texts.get("summary-remaining", &[("remaining", &round.remaining.format())]));
    let deviations = model.applications.iter().filter(|entry| entry.deviates()).count();
    if deviations > 0 {
        text.push(' ');
        text.push_str(
            &texts.get(
                "summary-deviations",
                &[("deviations", &norsk::applications(texts, deviations))],
            ),
        );
    }
    text
}

fn standard_resolution(model: &Innstilling, texts: &Texts) -> String {
    let round = &model.round;
    texts.get(
        "standard-resolution",
        &[
            ("body", &short_body(&round.decision_body)),
            ("recommended", &round.total_recommended.format()),
            ("frame", &round.frame.format()),
        ],
    )
}

/// «SSU» from «Strategisk samarbeidsutvalg (SSU)».
fn short_body(body: &str) -> String {
    match (body.rfind('('), body.rfind(')')) {
        (Some(open), Some(close)) if open < close => body[open + 1..close].to_owned(),
        _ => body.to_owned(),
    }
}

/// Adds the running header (not on the cover) and the footer with «Side N av M» to every page.
fn decorate(
    pages: &mut [Page],
    model: &Innstilling,
    texts: &Texts,
    generated_at: DateTime<FixedOffset>,
) {
    let count = pages.len();
    let round = &model.round;
    let left = FRAME.left;
    let right = FRAME.left + FRAME.width;
    let header_baseline = 44.0;
    let footer_baseline = PAGE_HEIGHT - 34.0;
    let header_left = round.helsefellesskap.clone();
    let header_right = texts.get(
        "running-header",
        &[("body", &short_body(&round.decision_body)), ("date", &norsk::date(round.date))],
    );
    let footer_left = fit(
        &texts.get(
            "running-footer",
            &[("title", &round.title), ("at", &norsk::date_time(generated_at))],
        ),
        RUNNING,
        FRAME.width - 80.0,
    );
    for (index, page) in pages.iter_mut().enumerate() {
        let mut furniture: Vec<Mark> = Vec::new();
        if index == 0 {
            // The cover's accent bar stands where later pages have their header.
            furniture.push(Mark::Rect {
                x: 0.0,
                y: 0.0,
                width: PAGE_WIDTH,
                height: 10.0,
                fill: Some(ACCENT),
                stroke: None,
                element: None,
            });
        } else {
            furniture.push(text_mark(
                left,
                header_baseline,
                fit(&header_left, RUNNING, FRAME.width / 2.0 - 10.0),
                RUNNING,
                None,
            ));
            let right_text = fit(&header_right, RUNNING, FRAME.width / 2.0 - 10.0);
            furniture.push(text_mark(
                right - RUNNING.width(&right_text),
                header_baseline,
                right_text,
                RUNNING,
                None,
            ));
            furniture.push(Mark::Line {
                from: (left, header_baseline + 6.0),
                to: (right, header_baseline + 6.0),
                width: 0.5,
                color: RULE,
                dashed: false,
                element: None,
            });
        }
        furniture.push(Mark::Line {
            from: (left, footer_baseline - 11.0),
            to: (right, footer_baseline - 11.0),
            width: 0.5,
            color: RULE,
            dashed: false,
            element: None,
        });
        furniture.push(text_mark(left, footer_baseline, footer_left.clone(), RUNNING, None));
        let number = texts.get(
            "page-number",
            &[("page", &(index + 1).to_string()), ("pages", &count.to_string())],
        );
        let number_style = TextStyle { color: INK, ..RUNNING };
        furniture.push(text_mark(
            right - number_style.width(&number),
            footer_baseline,
            number,
            number_style,
            None,
        ));
        // Furniture first, so that a screen reader's content order is unaffected.
        furniture.append(&mut page.marks);
        page.marks = furniture;
    }
}

/// `text`, shortened with an ellipsis to fit `width`.
fn fit(text: &str, style: TextStyle, width: f32) -> String {
    if style.width(text) <= width {
        return text.to_owned();
    }
    let mut shortened: String = text.to_owned();
    while !shortened.is_empty() && style.width(&format!("{shortened}…")) > width {
        shortened.pop();
    }
    format!("{}…", shortened.trim_end())
}
