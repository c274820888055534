//! The innstilling's content: the model turned into a flow of headings, paragraphs, tables,
//! charts and boxes in reading order, with the structure tree that tags them, and the running
//! header and footer («Side N av M») added once the number of pages is known.
//!
//! All wording the SSU reads is here, in bokmål. Sentences that state figures are built from
//! the model's figures, never typed separately, so the text cannot contradict the tables.

use chrono::{DateTime, FixedOffset};
use rust_decimal::Decimal;
use samvurd_core::{Money, Outcome};

use crate::charts;
use crate::layout::{
    Align, Block, Boxed, Cell, Column, ElementId, Mark, Page, Paragraph, Role, Row, Structure,
    Table, TextStyle, paginate, text_mark,
};
use crate::layout::{PAGE_HEIGHT, PAGE_WIDTH};
use crate::model::{ApplicationEntry, Flag, Innstilling};
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
    let mut composer = Composer { model, structure: Structure::default(), blocks: Vec::new() };
    composer.cover();
    composer.ranked_overview();
    composer.continuations();
    composer.charts();
    composer.applications();
    composer.method();
    composer.members();
    let Composer { blocks, structure, .. } = composer;
    let mut pages = paginate(&blocks, FRAME);
    decorate(&mut pages, model, generated_at);
    LaidOut { pages, structure }
}

struct Composer<'a> {
    model: &'a Innstilling,
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
        header: Option<&[&str]>,
        rows: Vec<Vec<String>>,
    ) -> Table {
        let table_element = self.element(Role::Table);
        let mut builder = TableBuilder { structure: &mut self.structure, table_element, columns };
        let header = header.map(|titles| {
            let titles: Vec<String> = titles.iter().map(|title| (*title).to_owned()).collect();
            builder.row(&titles, TABLE_HEADER, Role::TH)
        });
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
        let mut title = Paragraph::new("Innstilling", TITLE, WIDTH, Some(element));
        title.space_after = 4.0;
        self.blocks.push(Block::Paragraph(title));
        let element = self.element(Role::P);
        let mut subtitle = Paragraph::new(&round.title, SUBTITLE, WIDTH, Some(element));
        subtitle.space_after = 6.0;
        self.blocks.push(Block::Paragraph(subtitle));
        if let Some(public) = &self.model.public {
            let element = self.element(Role::P);
            let mut note = Paragraph::new(
                &format!(
                    "Offentlig versjon. Medlemmenes enkeltskårer, deres egne begrunnelser og \
                     kontaktpersoner er tatt ut ({}). Totalskårer, rangering, beløp og metode \
                     står som i innstillingen.",
                    public.withheld()
                ),
                TextStyle { color: WARNING, ..BODY_BOLD },
                WIDTH,
                Some(element),
            );
            note.space_after = 6.0;
            self.blocks.push(Block::Paragraph(note));
        }
        let element = self.element(Role::P);
        let mut addressing = Paragraph::new(
            &format!(
                "Til {} fra {}",
                round.decision_body,
                samvurd_core::format::lowercase_first(&round.working_group)
            ),
            TextStyle { color: MUTED, ..BODY },
            WIDTH,
            Some(element),
        );
        addressing.space_after = 28.0;
        self.blocks.push(Block::Paragraph(addressing));

        let counts = OutcomeCounts::of(&self.model.applications);
        let mut facts = vec![("Dato".to_owned(), norsk::date(round.date))];
        facts.push((
            "Saksnummer".to_owned(),
            round.case_number.clone().unwrap_or_else(|| "\u{a0}".to_owned()),
        ));
        if let Some(deadline) = round.deadline {
            facts.push(("Søknadsfrist".to_owned(), norsk::date(deadline)));
        }
        if let Some(meeting) = round.meeting_date {
            facts.push((
                format!("Møte i {}", short_body(&round.decision_body)),
                norsk::date(meeting),
            ));
        }
        facts.extend([
            ("Ramme".to_owned(), round.frame.format()),
            ("Samlet søkt".to_owned(), round.total_requested.format()),
            ("Samlet innstilt".to_owned(), round.total_recommended.format()),
            ("Gjenstår av rammen".to_owned(), round.remaining.format()),
            ("Antall søknader".to_owned(), counts.sentence(self.model.applications.len())),
        ]);
        let table = self.facts_table(&facts, 130.0);
        self.blocks.push(Block::Table(table));

        self.h2("Sammendrag");
        let summary = generated_summary(self.model, &counts);
        self.paragraphs(&summary, BODY);
        if let Some(own) = &self.model.summary {
            self.paragraphs(own, BODY);
        }

        let resolution = self
            .model
            .proposed_resolution
            .clone()
            .unwrap_or_else(|| standard_resolution(self.model));
        let heading = self.element(Role::H2);
        let body = self.element(Role::P);
        let inner_width = WIDTH - 2.0 * BOX_PADDING - 4.0;
        let mut heading_paragraph = Paragraph::new(
            "Forslag til vedtak",
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
        self.h1("1 Rangert oversikt");
        self.intro(
            "Søknadene står i rangert rekkefølge etter samlet skår. Rangintervallet i parentes viser \
             hvilke plasser søknaden fikk i de fleste omtrekningene (se vedlegg A). Beløp er i kroner.",
        );
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
        let titles: Vec<String> =
            ["Rang", "Søknad", "Tittel og søker", "Skår", "Søkt", "Innstilt", "Utfall"]
                .map(str::to_owned)
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
            let flags = flag_labels(entry);
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
                Cell::text(norsk::outcome_title(entry.outcome), TABLE, inner(6), cell_element()),
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
        let remaining_label = format!("Gjenstår av rammen på {}", round.frame.format());
        let totals: [(&str, Option<Money>, Money); 2] = [
            ("Sum", Some(round.total_requested), round.total_recommended),
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
            let table = self.simple_table(
                &columns,
                Some(&["", "Søknader", "Søkt", "Innstilt", "Andel"]),
                rows,
            );
            self.blocks.push(Block::Table(table));
        }
        if !group_totals.is_empty() {
            self.paragraphs(
                "Andel er andelen av samlet innstilt beløp.",
                TextStyle { color: MUTED, ..SMALL_BODY },
            );
        }

        self.h2("Bruk av rammen");
        self.intro("Rammen fordelt på prosjekter der kommunen og der helseforetaket er ansvarlig part, og hva som gjenstår, over det samlede søknadsbeløpet.");
        let figure = charts::budget_chart(
            &self.model.applications,
            &self.model.round,
            &mut self.structure,
            WIDTH,
        );
        self.blocks.push(figure);
    }

    fn charts(&mut self) {
        self.h1("2 Samlet skår og usikkerhet");
        let level = self.model.method.bootstrap.as_ref().map(|bootstrap| bootstrap.level_percent);
        self.intro(
            "Hver søknad er et punkt på skalaen, i rangert rekkefølge; fylte punkter er innstilt til \
             tilskudd. Den stiplede linjen viser hvor rammen tar slutt i det beregnede forslaget.",
        );
        let figures = charts::totals_charts(
            &self.model.applications,
            &self.model.round,
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
        self.h1("3 Vurdering av søknadene");
        self.paragraphs(
            "For hver søknad vises kriterieprofilen med hvert medlems skår, krav som må være \
             oppfylt, habilitet og arbeidsgruppens begrunnelse.",
            TextStyle { color: MUTED, ..BODY },
        );
        for (index, entry) in self.model.applications.iter().enumerate() {
            if index > 0 {
                self.page_break();
            }
            self.application(index, entry);
        }
    }

    fn application(&mut self, index: usize, entry: &ApplicationEntry) {
        let round = &self.model.round;
        self.push_heading(
            &format!("3.{} {} {}", index + 1, entry.reference, entry.title),
            H2,
            Role::H2,
            10.0,
        );

        let mut facts = vec![("Søker".to_owned(), entry.applicant.clone())];
        if let Some(side) = entry.side {
            facts.push(("Ansvarlig part".to_owned(), side.label().to_owned()));
        }
        if !entry.partners.is_empty() {
            facts.push(("Samarbeidspartnere".to_owned(), norsk::list(&entry.partners)));
        }
        if let Some(area) = &entry.priority_area {
            facts.push(("Prioritert område".to_owned(), area.clone()));
        }
        facts.push(("Søkt".to_owned(), entry.requested.format()));
        facts.push((
            "Innstilt".to_owned(),
            format!("{} ({})", entry.recommended.format(), norsk::outcome(entry.outcome)),
        ));
        let total = match (entry.total, entry.total_interval) {
            (Some(total), Some((low, high))) => format!(
                "{} av {} (intervall {}–{})",
                norsk::decimal(total, 2),
                round.scale_max,
                norsk::decimal(low, 2),
                norsk::decimal(high, 2)
            ),
            (Some(total), None) => format!("{} av {}", norsk::decimal(total, 2), round.scale_max),
            (None, _) => "Ingen tallskår".to_owned(),
        };
        facts.push(("Samlet skår".to_owned(), total));
        let rank = match (entry.rank, entry.rank_interval) {
            (Some(rank), Some(interval)) => {
                format!("{rank} av {} (intervall {})", self.ranked_count(), rank_interval(interval))
            }
            (Some(rank), None) => format!("{rank} av {}", self.ranked_count()),
            (None, _) => "Ikke rangert".to_owned(),
        };
        facts.push(("Rangering".to_owned(), rank));
        if entry.deviates() {
            facts.push(("Beregnet forslag".to_owned(), entry.computed.format()));
        }
        let table = self.facts_grid(&facts);
        self.blocks.push(Block::Table(table));
        let flags = flag_labels(entry);
        if !flags.is_empty() {
            let element = self.element(Role::P);
            let mut paragraph = Paragraph::new(
                &format!("Merknader: {}", flags.join(" · ")),
                TextStyle { color: WARNING, ..BODY_BOLD },
                WIDTH,
                Some(element),
            );
            paragraph.space_before = 2.0;
            self.blocks.push(Block::Paragraph(paragraph));
        }

        if let Some(summary) = &entry.summary {
            self.h3("Sammendrag");
            self.paragraphs(summary, BODY);
        }

        self.h3("Kriterieprofil");
        let withheld = self.model.public.as_ref().map(crate::PublicVersion::withheld);
        let figure = charts::criterion_profile(
            entry,
            round,
            &mut self.structure,
            WIDTH,
            withheld.as_deref(),
        );
        self.blocks.push(figure);
        if let Some(withheld) = &withheld {
            self.paragraphs(
                &format!("* Medlemmenes enkeltskårer og spredningen mellom dem: {withheld}."),
                TextStyle { color: MUTED, ..BODY },
            );
        }
        if !entry.gates.is_empty() {
            self.h3("Krav som må være oppfylt");
            if entry.failed_gates().next().is_none() {
                let names: Vec<String> = entry
                    .gates
                    .iter()
                    .map(|gate| samvurd_core::format::lowercase_first(&gate.gate))
                    .collect();
                self.paragraphs(&format!("Alle krav er oppfylt: {}.", norsk::list(&names)), BODY);
            } else {
                let rows = entry
                    .gates
                    .iter()
                    .map(|gate| {
                        vec![
                            gate.gate.clone(),
                            if gate.passed { "Ja".to_owned() } else { "Nei".to_owned() },
                            gate.note.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                let columns =
                    [(190.0, Align::Left), (50.0, Align::Left), (WIDTH - 240.0, Align::Left)];
                let table =
                    self.simple_table(&columns, Some(&["Krav", "Oppfylt", "Merknad"]), rows);
                self.blocks.push(Block::Table(table));
            }
        }

        self.h3("Habilitet");
        if entry.recusals.is_empty() {
            self.paragraphs("Ingen medlemmer var inhabile.", BODY);
        } else {
            let sentences: Vec<String> = entry
                .recusals
                .iter()
                .map(|name| {
                    format!("{name} deltok ikke i vurderingen av søknad {}.", entry.reference)
                })
                .collect();
            self.paragraphs(&sentences.join("\n"), BODY);
        }
        self.meeting_record(entry);

        if let Some(justification) = &entry.justification {
            self.h3("Arbeidsgruppens begrunnelse");
            self.paragraphs(justification, BODY);
        }

        if entry.deviates() {
            let inner_width = WIDTH - 2.0 * BOX_PADDING - 4.0;
            let heading = self.element(Role::H3);
            let mut blocks = vec![{
                let mut paragraph = Paragraph::new(
                    &format!("Avvik fra beregnet forslag for søknad {}", entry.reference),
                    TextStyle { color: WARNING, ..BODY_BOLD },
                    inner_width,
                    Some(heading),
                );
                paragraph.space_after = 3.0;
                Block::Paragraph(paragraph)
            }];
            let facts = format!(
                "Beregnet forslag: {}. Innstilling: {} ({}).",
                entry.computed.format(),
                entry.recommended.format(),
                norsk::outcome(entry.outcome)
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
        self.page_break();
        self.h1("Vedlegg A: Metode");
        self.paragraphs(
            "Vurderingen er helhetlig og skjønnsmessig. Metoden under beskriver hvordan \
             medlemmenes skår er satt sammen til det beregnede forslaget som arbeidsgruppen har \
             tatt utgangspunkt i.",
            BODY,
        );

        self.h2("Kriterier og vekter");
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
                    if criterion.not_applicable_allowed {
                        "Ja".to_owned()
                    } else {
                        "Nei".to_owned()
                    },
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
        let table = self.simple_table(
            &columns,
            Some(&["Kriterium", "Vekt", "Andel", "Veiledning", "Ikke relevant tillatt"]),
            rows,
        );
        self.blocks.push(Block::Table(table));

        self.h2("Skala");
        let rows = method
            .scale
            .iter()
            .map(|step| vec![step.value.to_string(), step.descriptor.clone()])
            .collect();
        let table = self.simple_table(
            &[(50.0, Align::Right), (WIDTH - 50.0, Align::Left)],
            Some(&["Skår", "Betydning"]),
            rows,
        );
        self.blocks.push(Block::Table(table));

        self.h2("Samlet skår");
        let noun = norsk::aggregation_noun(method.aggregation);
        self.paragraphs(
            &format!(
                "For hver søknad og hvert kriterium er kriterieskåren {noun} av tallskårene fra \
                 medlemmene som ikke er inhabile for søknaden. Samlet skår er det vektede \
                 gjennomsnittet av kriterieskårene: hver kriterieskår ganges med kriteriets vekt, \
                 produktene summeres, og summen deles på summen av vektene. Bare kriterier med minst \
                 én tallskår tas med, både over og under brøkstreken. Samlet skår er på skalaen \
                 ({}–{}), vises med to desimaler og sammenlignes med full presisjon. Alle beregninger \
                 gjøres med desimaltall, uten avrunding underveis.",
                round.scale_min, round.scale_max
            ),
            BODY,
        );

        self.h2("Ikke relevant og manglende skår");
        self.paragraphs(
            "Et medlem kan markere et kriterium som ikke relevant for en søknad der kriteriet tillater \
             det. Slike markeringer og manglende skår er ikke det samme som lav skår: de holdes utenfor \
             kriterieskåren. Et kriterium uten tallskår holdes utenfor samlet skår for søknaden.",
            BODY,
        );

        if let Some(range) = method.disagreement_range {
            self.h2("Uenighet");
            self.paragraphs(
                &format!(
                    "Et kriterium markeres med uenighet når forskjellen mellom høyeste og laveste skår \
                     er {} eller mer. Slike kriterier er drøftet i arbeidsgruppen før innstillingen.",
                    norsk::decimal_short(range)
                ),
                BODY,
            );
        }

        self.h2("Krav som må være oppfylt");
        if method.gates.is_empty() {
            self.paragraphs("Runden har ingen absolutte krav ut over kriteriene.", BODY);
        } else {
            self.paragraphs(
                "En søknad som ikke oppfyller ett av kravene under, tas ikke med i fordelingen, og \
                 kravet oppgis som grunn.",
                BODY,
            );
            let rows = method
                .gates
                .iter()
                .map(|gate| vec![gate.name.clone(), gate.description.clone()])
                .collect();
            let table = self.simple_table(
                &[(170.0, Align::Left), (WIDTH - 170.0, Align::Left)],
                Some(&["Krav", "Beskrivelse"]),
                rows,
            );
            self.blocks.push(Block::Table(table));
        }

        self.h2("Lik skår");
        if method.tie_ladder.is_empty() {
            self.paragraphs("Søknader med lik samlet skår får samme rang.", BODY);
        } else {
            self.paragraphs(
                "Søknader med lik samlet skår rangeres etter disse reglene, i denne rekkefølgen:",
                BODY,
            );
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

        self.h2("Fordeling innenfor rammen");
        self.paragraphs(
            "Det beregnede forslaget gir søknadene fullt søkt beløp i rangert rekkefølge så langt \
             rammen rekker. En søknad som ikke får plass, hoppes over, og neste søknad som får plass, \
             tas med. Arbeidsgruppen har justert forslaget der en helhetlig vurdering tilsier det; \
             hvert avvik er begrunnet under søknaden.",
            BODY,
        );

        if let Some(bootstrap) = &method.bootstrap {
            self.h2("Usikkerhet i skår og rangering");
            self.paragraphs(
                &format!(
                    "Usikkerheten er anslått ved omtrekning (bootstrap): medlemmenes skår for hver \
                     søknad er trukket på nytt med tilbakelegging {} ganger, og samlet skår og rangering \
                     er beregnet for hver trekning. Intervallene dekker {}\u{a0}% av trekningene. \
                     Trekningene bruker et fast frø ({}), slik at resultatet kan gjenskapes.",
                    norsk::integer(u64::from(bootstrap.resamples)),
                    bootstrap.level_percent,
                    bootstrap.seed
                ),
                BODY,
            );
        }
        if let Some(calibration) = &method.calibration {
            self.h2("Kalibrering");
            self.paragraphs(calibration, BODY);
        }
        if let Some(agreement) = &method.agreement {
            self.h2("Enighet mellom medlemmene");
            self.paragraphs(
                &format!(
                    "Krippendorffs alfa for skårene er {}. {}",
                    norsk::decimal(agreement.alpha, 2),
                    agreement.interpretation
                ),
                BODY,
            );
        }
        if !method.weight_changes.is_empty() {
            self.h2("Endringer i vekter etter at skåringen startet");
            let text = method.weight_changes.join("\n\n");
            self.paragraphs(&text, BODY);
        }
        if !method.method_changes.is_empty() {
            self.h2("Endringer i beregningsmåten etter at skåringen startet");
            self.paragraphs(
                "Beregningsmåten ble fastsatt før skåringen. Lederen har endret den etterpå, med \
                 begrunnelse; endringene er ført i rundens logg.",
                BODY,
            );
            let text = method.method_changes.join("\n\n");
            self.paragraphs(&text, BODY);
        }
        self.lottery_method();
    }

    fn members(&mut self) {
        self.page_break();
        self.h1("Vedlegg B: Arbeidsgruppen");
        let rows = self
            .model
            .members
            .iter()
            .map(|member| {
                let role = if member.chair {
                    format!("{} (leder)", member.role)
                } else {
                    member.role.clone()
                };
                vec![member.name.clone(), member.organisation.clone(), role]
            })
            .collect();
        let columns =
            [(150.0, Align::Left), (WIDTH - 150.0 - 130.0, Align::Left), (130.0, Align::Left)];
        let table = self.simple_table(&columns, Some(&["Navn", "Organisasjon", "Rolle"]), rows);
        self.blocks.push(Block::Table(table));

        self.h2("Inhabilitet");
        let sentences: Vec<String> = self
            .model
            .applications
            .iter()
            .flat_map(|entry| {
                entry.recusals.iter().map(move |name| {
                    format!("{name} deltok ikke i vurderingen av søknad {}.", entry.reference)
                })
            })
            .collect();
        if sentences.is_empty() {
            self.paragraphs("Ingen medlemmer meldte seg inhabile.", BODY);
        } else {
            self.paragraphs(
                "Medlemmene vurderte selv sin habilitet etter forvaltningsloven §\u{a0}6. Et inhabilt \
                 medlem har ikke skåret søknaden og har ikke sett de andres skår for den.",
                BODY,
            );
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
        if let Some(chaired_by) = &meeting.chaired_by {
            self.paragraphs(chaired_by, BODY);
        }
        if let Some(below_quorum) = &meeting.below_quorum {
            self.paragraphs(below_quorum, TextStyle { color: WARNING, ..BODY });
        }
        if meeting.consensus.is_some() || meeting.lottery.is_some() {
            self.h3("Arbeidsgruppens vurdering i møtet");
        }
        if let Some(consensus) = &meeting.consensus {
            self.paragraphs(consensus, BODY);
        }
        if let Some(majority) = &meeting.majority {
            self.paragraphs(&format!("Flertallets syn: {majority}"), BODY);
        }
        if let Some((minority, names)) = &meeting.minority {
            self.paragraphs(
                &format!("Mindretallets syn ({}): {minority}", norsk::list(names)),
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
        self.h2("Loddtrekning i gråsonen");
        self.paragraphs(
            &format!(
                "Arbeidsgruppen fant søknadene {} like verdige. Alle lå i gråsonen: rangeringsintervallet på 90\u{a0}% krysser streken for hva rammen rekker til. Leder satte dem i en loddtrekning. Det som var igjen av rammen etter de andre søknadene, {}, ble fordelt i den rekkefølgen loddtrekningen ga, etter de samme reglene som ellers: fullt søkt beløp så langt det rekker, ellers neste søknad.",
                norsk::list(&lottery.candidates),
                lottery.available.format()
            ),
            BODY,
        );
        self.paragraphs(
            &format!(
                "Tallene kom fra noe alle i rommet kunne se og sjekke senere: «{}» ({}). Sifrene i rekkefølge, lest som ett tall, gir frøet {}. Søknadene ble stokket i rangert rekkefølge med Fisher–Yates-metoden og tallgeneratoren SplitMix64 med dette frøet, slik det er beskrevet i Samvurds dokumentasjon (docs/engine.md, «The lottery in the grey zone»). Samme tall gir alltid samme trekning, så hvem som helst kan gjøre den om igjen. Frøet, søknadene og resultatet står i rundens logg.",
                lottery.seed_text, lottery.source, lottery.seed
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
                    if *drawn {
                        "Trukket ut ved loddtrekning".to_owned()
                    } else {
                        "Ikke trukket ut".to_owned()
                    },
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
        let table =
            self.simple_table(&columns, Some(&["Nr.", "Søknad", "Resultat", "Beløp"]), rows);
        self.blocks.push(Block::Table(table));
        self.paragraphs(
            &format!(
                "Fordelt ved loddtrekning: {} av {}. Leders innstilling er satt over resultatet \
                 som ellers, med begrunnelse der den avviker.",
                lottery.allocated.format(),
                lottery.available.format()
            ),
            BODY,
        );
    }
}

/// «Videreføring» (issue 18): the applications that continue last year's grants, with last
/// year's figures beside this year's recommendation. All of its wording is in this one function.
impl Composer<'_> {
    fn continuations(&mut self) {
        let Some(table) = &self.model.continuations else {
            return;
        };
        self.h2("Videreføringer fra forrige runde");
        let count = table.rows.len();
        self.intro(&format!(
            "Denne runden er laget fra «{}» (fila «{}»), med tilskuddene derfra som løper inn i {} \
             som kandidater til videreføring. {} Beløpet i fjor er det SSU vedtok; rapportstatus er \
             fra oppfølgingen i forrige runde den dagen denne runden ble laget.",
            table.previous_title,
            table.previous_file_name,
            table.year,
            match count {
                0 => "Ingen av søknadene viderefører et tilskudd fra i fjor.".to_owned(),
                1 => "Én søknad viderefører et tilskudd fra i fjor.".to_owned(),
                count => format!("{count} søknader viderefører tilskudd fra i fjor."),
            }
        ));
        if count > 0 {
            let rows = table
                .rows
                .iter()
                .map(|row| {
                    vec![
                        format!("{} {}", row.reference, row.title),
                        format!("{} (etter {})", row.continues, row.matched_by),
                        format!(
                            "{} {}",
                            row.last_year_outcome.label(),
                            row.last_year_granted.format()
                        ),
                        row.recommended.format(),
                        row.report_status.clone(),
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
            let table = self.simple_table(
                &columns,
                Some(&["Søknad", "Viderefører", "I fjor", "Innstilt i år", "Rapporter i fjor"]),
                rows,
            );
            self.blocks.push(Block::Table(table));
        }
        if !table.without_application.is_empty() {
            let grants: Vec<String> = table
                .without_application
                .iter()
                .map(|(reference, title)| format!("{reference} {title}"))
                .collect();
            self.paragraphs(
                &format!(
                    "Tilskudd fra i fjor med prosjektperiode inn i {} uten søknad i denne runden: {}.",
                    table.year,
                    norsk::list(&grants)
                ),
                TextStyle { color: MUTED, ..SMALL_BODY },
            );
        }
    }
}

const CELL_PADDING_X: f32 = 4.0;
const BOX_PADDING: f32 = 10.0;

/// Makes rows of tagged cells for one table.
struct TableBuilder<'a> {
    structure: &'a mut Structure,
    table_element: ElementId,
    columns: &'a [(f32, Align)],
}

impl TableBuilder<'_> {
    fn row(&mut self, cells: &[String], style: TextStyle, role: Role) -> Row {
        self.row_of(cells, style, |_| role)
    }

    /// A row whose first cell is its header (`TH`, scope row) and the rest data.
    fn labelled_row(&mut self, cells: &[String], style: TextStyle) -> Row {
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

fn plain_table(columns: &[(f32, Align)], header: Option<Row>, rows: Vec<Row>) -> Table {
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

/// Short labels of what the SSU should notice about an application.
fn flag_labels(entry: &ApplicationEntry) -> Vec<String> {
    let mut labels = Vec::new();
    if entry.deviates() {
        labels.push("Avvik fra beregnet forslag".to_owned());
    }
    for gate in entry.failed_gates() {
        labels.push(format!("Krav ikke oppfylt: {}", gate.gate));
    }
    if !entry.recusals.is_empty() {
        labels.push("Inhabilitet".to_owned());
    }
    for flag in &entry.flags {
        labels.push(match flag {
            Flag::Disagreement { criteria } if criteria.is_empty() => "Uenighet".to_owned(),
            Flag::Disagreement { criteria } => format!(
                "Uenighet om {}",
                norsk::list(
                    &criteria
                        .iter()
                        .map(|c| samvurd_core::format::lowercase_first(c))
                        .collect::<Vec<_>>()
                )
            ),
            Flag::TieBroken { rule } => format!("Lik skår avgjort: {rule}"),
            Flag::FewScores => "Få skår".to_owned(),
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
    fn sentence(&self, total: usize) -> String {
        format!(
            "{total} ({} innvilget, {} delvis innvilget, {} avslått)",
            self.granted, self.partly, self.rejected
        )
    }
}

fn generated_summary(model: &Innstilling, counts: &OutcomeCounts) -> String {
    let round = &model.round;
    let supported = counts.granted + counts.partly;
    let mut text = format!(
        "{} har vurdert {} med et samlet søknadsbeløp på {}. Rammen er {}. Arbeidsgruppen innstiller \
         på at {} får tilskudd, til sammen {}",
        round.working_group,
        norsk::counted(model.applications.len(), "søknad", "søknader"),
        round.total_requested.format(),
        round.frame.format(),
        norsk::counted(supported, "søknad", "søknader"),
        round.total_recommended.format(),
    );
    if counts.partly > 0 {
        text.push_str(&format!(
            ", hvorav {} med et lavere beløp enn søkt",
            norsk::counted(counts.partly, "søknad", "søknader")
        ));
    }
    text.push_str(&format!(". Av rammen gjenstår {}.", round.remaining.format()));
    let deviations = model.applications.iter().filter(|entry| entry.deviates()).count();
    if deviations > 0 {
        text.push_str(&format!(
            " Innstillingen avviker fra det beregnede forslaget for {}; hvert avvik er begrunnet.",
            norsk::counted(deviations, "søknad", "søknader")
        ));
    }
    text
}

fn standard_resolution(model: &Innstilling) -> String {
    let round = &model.round;
    format!(
        "{} tildeler rekrutterings- og samhandlingstilskudd i tråd med arbeidsgruppens innstilling, \
         til sammen {} av rammen på {}, fordelt som i tabellen i kapittel 1.",
        short_body(&round.decision_body),
        round.total_recommended.format(),
        round.frame.format()
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
fn decorate(pages: &mut [Page], model: &Innstilling, generated_at: DateTime<FixedOffset>) {
    let count = pages.len();
    let round = &model.round;
    let left = FRAME.left;
    let right = FRAME.left + FRAME.width;
    let header_baseline = 44.0;
    let footer_baseline = PAGE_HEIGHT - 34.0;
    let header_left = round.helsefellesskap.clone();
    let header_right = format!(
        "Innstilling til {} · {}",
        short_body(&round.decision_body),
        norsk::date(round.date)
    );
    let footer_left = fit(
        &format!("{} · generert {}", round.title, norsk::date_time(generated_at)),
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
        let number = format!("Side {} av {}", index + 1, count);
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
