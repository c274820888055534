//! A small page layout engine: line breaking by measured glyph widths, and pagination of a flow
//! of blocks (paragraphs, tables, figures, boxes) onto A4 pages with repeated table headers,
//! keep-together and keep-with-next rules, and no orphaned or widowed single lines.
//!
//! printpdf has no text layout of its own, and a report to a political committee must not have
//! a heading alone at the foot of a page, a table that continues without its header, or an
//! amount broken over two lines. Everything here works in points with `y` growing downwards
//! from the top edge of the page; the PDF writer turns that into PDF coordinates. Each mark on
//! a page names the structure element it belongs to (or none, for page furniture), so the
//! writer can tag the document for screen readers without the layout knowing about PDF.

use std::fmt::Write as _;

use crate::fonts::{Face, Fonts};

/// A4 in points.
pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;

/// An sRGB colour. The document's output intent is sRGB, so these are what prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color(pub u8, pub u8, pub u8);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// What a structure element is, in the vocabulary of PDF's standard structure types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Document,
    H1,
    H2,
    H3,
    P,
    Table,
    TR,
    TH,
    TD,
    Figure,
    Caption,
}

impl Role {
    pub fn pdf_name(self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::H1 => "H1",
            Role::H2 => "H2",
            Role::H3 => "H3",
            Role::P => "P",
            Role::Table => "Table",
            Role::TR => "TR",
            Role::TH => "TH",
            Role::TD => "TD",
            Role::Figure => "Figure",
            Role::Caption => "Caption",
        }
    }
}

pub type ElementId = usize;

/// One node of the logical structure (the tag tree), in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    pub role: Role,
    pub parent: Option<ElementId>,
    /// Alternative text, for figures.
    pub alt: Option<String>,
}

/// The arena of structure elements. Element 0 is the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Structure {
    pub elements: Vec<Element>,
}

impl Default for Structure {
    fn default() -> Self {
        Structure { elements: vec![Element { role: Role::Document, parent: None, alt: None }] }
    }
}

impl Structure {
    pub const ROOT: ElementId = 0;

    pub fn add(&mut self, role: Role, parent: ElementId) -> ElementId {
        self.elements.push(Element { role, parent: Some(parent), alt: None });
        self.elements.len() - 1
    }

    pub fn add_figure(&mut self, alt: String) -> ElementId {
        self.elements.push(Element {
            role: Role::Figure,
            parent: Some(Self::ROOT),
            alt: Some(alt),
        });
        self.elements.len() - 1
    }
}

/// Something drawn on a page. `element` is the structure element it belongs to; `None` marks
/// page furniture (headers, footers, rules, repeated table headers) as an artifact.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    Text {
        x: f32,
        baseline: f32,
        text: String,
        face: Face,
        size: f32,
        color: Color,
        element: Option<ElementId>,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        width: f32,
        color: Color,
        dashed: bool,
        element: Option<ElementId>,
    },
    Rect {
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        fill: Option<Color>,
        stroke: Option<(Color, f32)>,
        element: Option<ElementId>,
    },
    Dot {
        center: (f32, f32),
        radius: f32,
        fill: Color,
        element: Option<ElementId>,
    },
}

impl Mark {
    /// The same mark moved by `(dx, dy)`.
    pub fn translated(&self, dx: f32, dy: f32) -> Mark {
        let mut mark = self.clone();
        match &mut mark {
            Mark::Text { x, baseline, .. } => {
                *x += dx;
                *baseline += dy;
            }
            Mark::Line { from, to, .. } => {
                *from = (from.0 + dx, from.1 + dy);
                *to = (to.0 + dx, to.1 + dy);
            }
            Mark::Rect { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Mark::Dot { center, .. } => *center = (center.0 + dx, center.1 + dy),
        }
        mark
    }

    pub fn element(&self) -> Option<ElementId> {
        match self {
            Mark::Text { element, .. }
            | Mark::Line { element, .. }
            | Mark::Rect { element, .. }
            | Mark::Dot { element, .. } => *element,
        }
    }

    /// The same mark as page furniture (an artifact), for repeated table headers.
    fn as_artifact(&self) -> Mark {
        let mut mark = self.clone();
        match &mut mark {
            Mark::Text { element, .. }
            | Mark::Line { element, .. }
            | Mark::Rect { element, .. }
            | Mark::Dot { element, .. } => *element = None,
        }
        mark
    }
}

/// The text marks of a line: a convenience for building marks by hand.
pub fn text_mark(
    x: f32,
    baseline: f32,
    text: impl Into<String>,
    style: TextStyle,
    element: Option<ElementId>,
) -> Mark {
    Mark::Text {
        x,
        baseline,
        text: text.into(),
        face: style.face,
        size: style.size,
        color: style.color,
        element,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub face: Face,
    pub size: f32,
    pub color: Color,
    /// Baseline-to-baseline distance.
    pub line_height: f32,
}

impl TextStyle {
    pub fn width(&self, text: &str) -> f32 {
        Fonts::get().face(self.face).width(text, self.size)
    }

    /// Distance from the top of a line box to its baseline: the line's extra leading is split
    /// evenly above and below the glyphs, so text sits centred in table rows.
    pub fn baseline_offset(&self) -> f32 {
        let metrics = Fonts::get().face(self.face);
        let glyph_height = (metrics.ascent - metrics.descent) * self.size;
        (self.line_height - glyph_height) / 2.0 + metrics.ascent * self.size
    }
}

/// Breaks `text` into lines no wider than `width` points.
///
/// Lines break after spaces, and after a hyphen, slash or en dash inside a word (`kommune-HF`,
/// `og/eller`). No-break spaces never break, so `1 200 000 kr` stays whole. A word wider than
/// the line is broken between characters as a last resort. `\n` starts a new line; an empty
/// line in the input stays an empty line.
pub fn wrap(text: &str, face: Face, size: f32, width: f32) -> Vec<String> {
    let metrics = Fonts::get().face(face);
    let measure = |text: &str| metrics.width(text, size);
    let mut lines = Vec::new();
    // Text pasted from other programs brings carriage returns and tabs, which no font draws.
    let text: String = text
        .replace("\r\n", "\n")
        .chars()
        .map(|character| if character == '\t' || character == '\r' { ' ' } else { character })
        .filter(|character| *character == '\n' || !character.is_control())
        .collect();
    for paragraph in text.split('\n') {
        let paragraph = paragraph.trim_end();
        if paragraph.is_empty() {
            lines.push(String::new());
            continue;
        }
        let mut line = String::new();
        // The units of `line` as it stands, trailing spaces included: a candidate line is
        // measured by adding a segment's units, not by measuring the whole line again, which
        // gives the same sum (`FaceMetrics::text_units`) in time linear in the paragraph.
        let mut line_units = 0.0_f32;
        for segment in break_segments(paragraph) {
            let segment_units = metrics.text_units(segment);
            let trimmed = segment.trim_end();
            let candidate_units = if trimmed.is_empty() {
                metrics.text_units(format!("{line}{segment}").trim_end())
            } else {
                line_units + metrics.text_units(trimmed)
            };
            if metrics.width_of_units(candidate_units, size) <= width {
                line.push_str(segment);
                line_units += segment_units;
                continue;
            }
            if !line.is_empty() {
                lines.push(line.trim_end().to_owned());
                line.clear();
            }
            if measure(trimmed) <= width {
                line.push_str(segment);
                line_units = segment_units;
            } else {
                // A word longer than the line: break between characters.
                for character in segment.chars() {
                    let candidate = format!("{line}{character}");
                    if !line.is_empty() && measure(candidate.trim_end()) > width {
                        lines.push(line.trim_end().to_owned());
                        line = character.to_string();
                    } else {
                        line = candidate;
                    }
                }
                line_units = metrics.text_units(&line);
            }
        }
        let line = line.trim_end();
        if !line.is_empty() {
            lines.push(line.to_owned());
        }
    }
    lines
}

/// Splits a paragraph into pieces after which a line may break; each piece keeps its trailing
/// spaces, so concatenating them gives the paragraph back.
fn break_segments(paragraph: &str) -> Vec<&str> {
    let characters: Vec<(usize, char)> = paragraph.char_indices().collect();
    let mut segments = Vec::new();
    let mut start = 0;
    for (position, &(index, character)) in characters.iter().enumerate() {
        let next = characters.get(position + 1).map(|&(_, next)| next);
        let previous = position.checked_sub(1).map(|p| characters[p].1);
        let end = index + character.len_utf8();
        let breaks = match character {
            ' ' => next != Some(' '),
            // Only between letters: `kommune-HF` may break, `HN-2026-009` and `2–5` may not.
            '-' | '/' | '\u{2013}' => {
                previous.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic)
            }
            _ => false,
        };
        if breaks && next.is_some() {
            segments.push(&paragraph[start..end]);
            start = end;
        }
    }
    if start < paragraph.len() {
        segments.push(&paragraph[start..]);
    }
    segments
}

/// A run of text lines in one style, splittable between lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub lines: Vec<String>,
    pub style: TextStyle,
    pub align: Align,
    /// Left indent inside the text column.
    pub indent: f32,
    /// Width available for the lines, for right and centre alignment.
    pub width: f32,
    pub space_before: f32,
    pub space_after: f32,
    /// Headings are kept on the same page as the start of what follows them.
    pub keep_with_next: bool,
    pub element: Option<ElementId>,
}

impl Paragraph {
    /// Wraps `text` to `width` and makes a left-aligned paragraph of it.
    pub fn new(text: &str, style: TextStyle, width: f32, element: Option<ElementId>) -> Paragraph {
        Paragraph {
            lines: wrap(text, style.face, style.size, width),
            style,
            align: Align::Left,
            indent: 0.0,
            width,
            space_before: 0.0,
            space_after: style.line_height * 0.5,
            keep_with_next: false,
            element,
        }
    }

    fn line_marks(&self, lines: std::ops::Range<usize>, left: f32, top: f32) -> Vec<Mark> {
        let baseline_offset = self.style.baseline_offset();
        self.lines[lines]
            .iter()
            .enumerate()
            .filter(|(_, line)| !line.is_empty())
            .map(|(index, line)| {
                let x = match self.align {
                    Align::Left => left + self.indent,
                    Align::Right => left + self.indent + self.width - self.style.width(line),
                    Align::Center => {
                        left + self.indent + (self.width - self.style.width(line)) / 2.0
                    }
                };
                // Line heights are multiplied, not accumulated, so rounding never drifts.
                #[allow(clippy::cast_precision_loss)] // a paragraph has far fewer than 2^24 lines
                let line_top = top + index as f32 * self.style.line_height;
                text_mark(x, line_top + baseline_offset, line.clone(), self.style, self.element)
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    pub width: f32,
    pub align: Align,
}

/// A table cell: one or more blocks of lines, each in its own style (a title, and under it
/// the applicant in smaller grey type, say).
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub parts: Vec<(Vec<String>, TextStyle)>,
    pub element: Option<ElementId>,
}

impl Cell {
    /// A cell of `text` wrapped to `width`.
    pub fn text(text: &str, style: TextStyle, width: f32, element: Option<ElementId>) -> Cell {
        Cell { parts: vec![(wrap(text, style.face, style.size, width), style)], element }
    }

    /// Adds a further block of text under what the cell holds.
    pub fn with_part(mut self, text: &str, style: TextStyle, width: f32) -> Cell {
        self.parts.push((wrap(text, style.face, style.size, width), style));
        self
    }

    fn height(&self) -> f32 {
        self.parts
            .iter()
            .map(|(lines, style)| {
                #[allow(clippy::cast_precision_loss)] // cells have a handful of lines
                let count = lines.len() as f32;
                count * style.line_height
            })
            .sum()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub fill: Option<Color>,
    /// A rule above the row (used for totals rows).
    pub rule_above: bool,
    /// Kept on the same page as the row before it (totals rows).
    pub keep_with_previous: bool,
    pub element: Option<ElementId>,
}

/// A table with an optional header row that is repeated on every page the table spans.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub header: Option<Row>,
    pub rows: Vec<Row>,
    pub padding_x: f32,
    pub padding_y: f32,
    pub rule_color: Color,
    pub header_fill: Option<Color>,
    /// A hairline under every body row.
    pub row_rules: bool,
    pub space_before: f32,
    pub space_after: f32,
    pub keep_with_next: bool,
}

impl Table {
    pub fn row_height(&self, row: &Row) -> f32 {
        let content = row.cells.iter().map(Cell::height).fold(0.0, f32::max);
        content + 2.0 * self.padding_y
    }

    fn header_height(&self) -> f32 {
        self.header.as_ref().map_or(0.0, |header| self.row_height(header))
    }

    pub fn width(&self) -> f32 {
        self.columns.iter().map(|column| column.width).sum()
    }

    fn row_marks(&self, row: &Row, left: f32, top: f32, is_header: bool) -> Vec<Mark> {
        let height = self.row_height(row);
        let mut marks = Vec::new();
        let fill = if is_header { self.header_fill } else { row.fill };
        if let Some(fill) = fill {
            marks.push(Mark::Rect {
                x: left,
                y: top,
                width: self.width(),
                height,
                fill: Some(fill),
                stroke: None,
                element: None,
            });
        }
        if row.rule_above {
            marks.push(Mark::Line {
                from: (left, top),
                to: (left + self.width(), top),
                width: 0.8,
                color: self.rule_color,
                dashed: false,
                element: None,
            });
        }
        let mut x = left;
        for (cell, column) in row.cells.iter().zip(&self.columns) {
            let inner = column.width - 2.0 * self.padding_x;
            let mut block_top = top + self.padding_y;
            for (lines, style) in &cell.parts {
                let paragraph = Paragraph {
                    lines: lines.clone(),
                    style: *style,
                    align: column.align,
                    indent: 0.0,
                    width: inner,
                    space_before: 0.0,
                    space_after: 0.0,
                    keep_with_next: false,
                    element: cell.element,
                };
                marks.extend(paragraph.line_marks(0..lines.len(), x + self.padding_x, block_top));
                #[allow(clippy::cast_precision_loss)]
                let advance = lines.len() as f32 * style.line_height;
                block_top += advance;
            }
            x += column.width;
        }
        let rule_width = if is_header { 0.8 } else { 0.3 };
        if is_header || self.row_rules {
            marks.push(Mark::Line {
                from: (left, top + height),
                to: (left + self.width(), top + height),
                width: rule_width,
                color: self.rule_color,
                dashed: false,
                element: None,
            });
        }
        marks
    }
}

/// A drawing of fixed height, kept whole on one page. Its marks are relative to its top-left.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub height: f32,
    pub marks: Vec<Mark>,
    pub space_before: f32,
    pub space_after: f32,
    pub keep_with_next: bool,
}

/// A shaded box around blocks (a proposed resolution, a deviation), kept whole on one page.
#[derive(Debug, Clone, PartialEq)]
pub struct Boxed {
    pub blocks: Vec<Block>,
    pub fill: Color,
    pub border: Color,
    pub padding: f32,
    pub width: f32,
    pub space_before: f32,
    pub space_after: f32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
    Figure(Figure),
    Boxed(Boxed),
    /// Blocks that go on the same page if they fit on one page at all.
    KeepTogether(Vec<Block>),
    PageBreak,
}

impl Block {
    fn space_before(&self) -> f32 {
        match self {
            Block::Paragraph(paragraph) => paragraph.space_before,
            Block::Table(table) => table.space_before,
            Block::Figure(figure) => figure.space_before,
            Block::Boxed(boxed) => boxed.space_before,
            Block::KeepTogether(blocks) => blocks.first().map_or(0.0, Block::space_before),
            Block::PageBreak => 0.0,
        }
    }

    fn keep_with_next(&self) -> bool {
        match self {
            Block::Paragraph(paragraph) => paragraph.keep_with_next,
            Block::Table(table) => table.keep_with_next,
            Block::Figure(figure) => figure.keep_with_next,
            Block::KeepTogether(blocks) => blocks.last().is_some_and(Block::keep_with_next),
            Block::Boxed(_) | Block::PageBreak => false,
        }
    }

    /// The full height, without the space before.
    fn height(&self) -> f32 {
        match self {
            Block::Paragraph(paragraph) => {
                #[allow(clippy::cast_precision_loss)]
                let lines = paragraph.lines.len() as f32;
                lines * paragraph.style.line_height + paragraph.space_after
            }
            Block::Table(table) => {
                table.header_height()
                    + table.rows.iter().map(|row| table.row_height(row)).sum::<f32>()
                    + table.space_after
            }
            Block::Figure(figure) => figure.height + figure.space_after,
            Block::Boxed(boxed) => boxed_inner_height(boxed) + boxed.space_after,
            Block::KeepTogether(blocks) => stacked_height(blocks),
            Block::PageBreak => 0.0,
        }
    }

    /// The least of this block that may start a page's last part: two lines of a paragraph,
    /// a table's header and first row, or all of an unsplittable block.
    fn lead_height(&self) -> f32 {
        match self {
            Block::Paragraph(paragraph) => {
                #[allow(clippy::cast_precision_loss)]
                let lines = paragraph.lines.len().min(2) as f32;
                lines * paragraph.style.line_height
            }
            Block::Table(table) => {
                table.header_height() + table.rows.first().map_or(0.0, |row| table.row_height(row))
            }
            block => block.height(),
        }
    }
}

fn boxed_inner_height(boxed: &Boxed) -> f32 {
    stacked_height(&boxed.blocks) + 2.0 * boxed.padding
}

/// The height of blocks stacked without page breaks (the first block's space before excluded).
fn stacked_height(blocks: &[Block]) -> f32 {
    blocks
        .iter()
        .enumerate()
        .map(|(index, block)| if index == 0 { 0.0 } else { block.space_before() } + block.height())
        .sum()
}

/// The printable area of a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub bottom: f32,
}

impl Frame {
    pub fn height(&self) -> f32 {
        self.bottom - self.top
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub marks: Vec<Mark>,
}

/// Places the blocks onto as many pages as they need.
pub fn paginate(blocks: &[Block], frame: Frame) -> Vec<Page> {
    let mut paginator = Paginator { frame, pages: Vec::new(), page: Page::default(), y: frame.top };
    paginator.place_all(blocks);
    paginator.finish()
}

struct Paginator {
    frame: Frame,
    pages: Vec<Page>,
    page: Page,
    y: f32,
}

/// Slack for comparing heights in floating point.
const EPSILON: f32 = 0.01;

impl Paginator {
    fn at_top(&self) -> bool {
        self.y <= self.frame.top + EPSILON
    }

    fn remaining(&self) -> f32 {
        self.frame.bottom - self.y
    }

    fn fits(&self, height: f32) -> bool {
        height <= self.remaining() + EPSILON
    }

    fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.page));
        self.y = self.frame.top;
    }

    fn finish(mut self) -> Vec<Page> {
        if !self.page.marks.is_empty() || self.pages.is_empty() {
            self.pages.push(self.page);
        }
        self.pages
    }

    /// Space before a block is dropped at the top of a page, where it would only push the
    /// block down from the margin.
    fn add_space(&mut self, space: f32) {
        if !self.at_top() {
            self.y += space;
        }
    }

    fn place_all(&mut self, blocks: &[Block]) {
        for (index, block) in blocks.iter().enumerate() {
            if block.keep_with_next() {
                // A chain of blocks kept with their successors (a heading, a subheading, the
                // introduction to a chart) moves as one, together with the start of what ends it.
                let mut needed = 0.0;
                for follower in &blocks[index..] {
                    if matches!(follower, Block::PageBreak) {
                        break;
                    }
                    if follower.keep_with_next() {
                        needed += follower.space_before() + follower.height();
                    } else {
                        needed += follower.space_before() + follower.lead_height();
                        break;
                    }
                }
                if !self.at_top() && !self.fits(needed) && needed <= self.frame.height() {
                    self.new_page();
                }
            }
            self.place(block);
        }
    }

    fn place(&mut self, block: &Block) {
        match block {
            Block::PageBreak => {
                if !self.at_top() || !self.page.marks.is_empty() {
                    self.new_page();
                }
            }
            Block::Paragraph(paragraph) => self.place_paragraph(paragraph),
            Block::Table(table) => self.place_table(table),
            Block::Figure(figure) => {
                self.start_unsplittable(figure.space_before, figure.height);
                let (left, top) = (self.frame.left, self.y);
                self.page.marks.extend(figure.marks.iter().map(|mark| mark.translated(left, top)));
                self.y += figure.height + figure.space_after;
            }
            Block::Boxed(boxed) => self.place_boxed(boxed),
            Block::KeepTogether(blocks) => {
                let height = stacked_height(blocks);
                if height <= self.frame.height() {
                    self.start_unsplittable(block.space_before(), height);
                }
                self.place_all(blocks);
            }
        }
    }

    /// Moves to a new page unless `height` fits after the space before.
    fn start_unsplittable(&mut self, space_before: f32, height: f32) {
        if !self.at_top() && !self.fits(space_before + height) {
            self.new_page();
        }
        self.add_space(space_before);
    }

    fn place_paragraph(&mut self, paragraph: &Paragraph) {
        let line_height = paragraph.style.line_height;
        let total = paragraph.lines.len();
        #[allow(clippy::cast_precision_loss)] // at most two lines
        let lead = line_height * total.min(2) as f32;
        if !self.at_top() && !self.fits(paragraph.space_before + lead) {
            self.new_page();
        }
        self.add_space(paragraph.space_before);
        let mut placed = 0;
        while placed < total {
            let left = total - placed;
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let room = ((self.remaining() + EPSILON) / line_height).floor().max(0.0) as usize;
            let here = if left <= room {
                left
            } else if left - room >= 2 && room >= 2 {
                room
            } else if room >= 3 {
                // Leave two lines for the next page rather than a single widow.
                room.min(left - 2).max(2)
            } else {
                0
            };
            if here == 0 {
                if self.at_top() {
                    // Not even two lines fit on an empty page: place what fits rather than loop.
                    let forced = room.max(1).min(left);
                    self.emit_lines(paragraph, placed..placed + forced);
                    placed += forced;
                } else {
                    self.new_page();
                }
                continue;
            }
            self.emit_lines(paragraph, placed..placed + here);
            placed += here;
            if placed < total {
                self.new_page();
            }
        }
        self.y += paragraph.space_after;
    }

    fn emit_lines(&mut self, paragraph: &Paragraph, lines: std::ops::Range<usize>) {
        #[allow(clippy::cast_precision_loss)]
        let height = lines.len() as f32 * paragraph.style.line_height;
        let marks = paragraph.line_marks(lines, self.frame.left, self.y);
        self.page.marks.extend(marks);
        self.y += height;
    }

    fn place_table(&mut self, table: &Table) {
        let header_height = table.header_height();
        let first_row = table.rows.first().map_or(0.0, |row| table.row_height(row));
        self.start_unsplittable(table.space_before, header_height + first_row);
        let mut header_on_page = false;
        let mut header_tagged = false;
        for (index, row) in table.rows.iter().enumerate() {
            let height = table.row_height(row);
            // Rows that must stay with this one (a totals row) come along to the next page.
            let followers: f32 = table.rows[index + 1..]
                .iter()
                .take_while(|next| next.keep_with_previous)
                .map(|next| table.row_height(next))
                .sum();
            let needed = height + followers + if header_on_page { 0.0 } else { header_height };
            let fresh_page = self.at_top() && !header_on_page;
            let stays =
                self.fits(needed) || fresh_page || (row.keep_with_previous && self.fits(height));
            if !stays {
                self.new_page();
                header_on_page = false;
            }
            if !header_on_page {
                if let Some(header) = &table.header {
                    let marks = table.row_marks(header, self.frame.left, self.y, true);
                    if header_tagged {
                        self.page.marks.extend(marks.iter().map(Mark::as_artifact));
                    } else {
                        self.page.marks.extend(marks);
                        header_tagged = true;
                    }
                    self.y += header_height;
                }
                header_on_page = true;
            }
            self.page.marks.extend(table.row_marks(row, self.frame.left, self.y, false));
            self.y += height;
        }
        self.y += table.space_after;
    }

    fn place_boxed(&mut self, boxed: &Boxed) {
        let inner_height = boxed_inner_height(boxed);
        if inner_height > self.frame.height() {
            // Too tall for any page: let its contents flow, without the box.
            self.add_space(boxed.space_before);
            self.place_all(&boxed.blocks);
            self.y += boxed.space_after;
            return;
        }
        self.start_unsplittable(boxed.space_before, inner_height);
        let (left, top) = (self.frame.left, self.y);
        self.page.marks.push(Mark::Rect {
            x: left,
            y: top,
            width: boxed.width,
            height: inner_height,
            fill: Some(boxed.fill),
            stroke: None,
            element: None,
        });
        self.page.marks.push(Mark::Line {
            from: (left + 1.0, top),
            to: (left + 1.0, top + inner_height),
            width: 2.0,
            color: boxed.border,
            dashed: false,
            element: None,
        });
        // The contents are laid out in a narrower frame inside the box.
        let inner_frame = Frame {
            left: left + boxed.padding + 4.0,
            top: top + boxed.padding,
            width: boxed.width - 2.0 * boxed.padding - 4.0,
            bottom: top + inner_height,
        };
        let mut inner = Paginator {
            frame: inner_frame,
            pages: Vec::new(),
            page: Page::default(),
            y: inner_frame.top,
        };
        inner.place_all(&boxed.blocks);
        self.page.marks.extend(inner.page.marks);
        self.y += inner_height + boxed.space_after;
    }
}

/// The text of the pages, line by line, for snapshot tests and for reading a report without a
/// PDF viewer. Text marks on the same baseline are joined with ` | `.
pub fn pages_as_text(pages: &[Page]) -> String {
    let mut out = String::new();
    for (index, page) in pages.iter().enumerate() {
        let _ = writeln!(out, "=== side {} ===", index + 1);
        let mut texts: Vec<(f32, f32, &str)> = page
            .marks
            .iter()
            .filter_map(|mark| match mark {
                Mark::Text { x, baseline, text, .. } => Some((*baseline, *x, text.as_str())),
                _ => None,
            })
            .collect();
        texts.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut current: Option<f32> = None;
        for (baseline, _, text) in texts {
            match current {
                Some(previous) if (baseline - previous).abs() < 0.5 => {
                    out.push_str(" | ");
                }
                Some(_) => out.push('\n'),
                None => {}
            }
            out.push_str(text);
            current = Some(baseline);
        }
        if current.is_some() {
            out.push('\n');
        }
    }
    out
}
