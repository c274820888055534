//! The innstilling's charts, drawn as vector marks: the totals in rank order with their
//! uncertainty and the funding line, the use of the budget frame, and each application's
//! criterion profile with every member's score.
//!
//! Charts are figures in the layout, so they are kept whole on a page, and each carries an
//! alternative text that says in words what the chart shows, for readers who cannot see it.
//! Values are converted to floating point here and only here, to position marks; every number
//! printed next to a mark is formatted from the exact decimal.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use samvurd_core::Money;

use crate::Texts;
use crate::layout::{
    Align, Block, Color, ElementId, Figure, Mark, Structure, TextStyle, text_mark,
};
use crate::model::{ApplicationEntry, RoundFacts, Side};
use crate::norsk;
use crate::theme::{
    ACCENT, CHART, CHART_BOLD, CHART_MUTED, FUNDING_LINE, GRID, HELSEFORETAK, INK, KOMMUNE, MUTED,
    NOT_FUNDED, REMAINING, RULE, ZEBRA,
};

fn float(value: Decimal) -> f32 {
    value.to_f32().unwrap_or(0.0)
}

/// A scale value as a coordinate. Scales are small integers (1–7, 0–5), exact in `f32`.
fn float_of(value: i32) -> f32 {
    #[allow(clippy::cast_precision_loss)]
    let value = value as f32;
    value
}

/// Places text aligned within `[x, x + width]`.
fn aligned(
    x: f32,
    width: f32,
    baseline: f32,
    text: &str,
    style: TextStyle,
    align: Align,
    element: ElementId,
) -> Mark {
    let text_width = style.width(text);
    let left = match align {
        Align::Left => x,
        Align::Right => x + width - text_width,
        Align::Center => x + (width - text_width) / 2.0,
    };
    text_mark(left, baseline, text, style, Some(element))
}

fn line(from: (f32, f32), to: (f32, f32), width: f32, color: Color, element: ElementId) -> Mark {
    Mark::Line { from, to, width, color, dashed: false, element: Some(element) }
}

fn rect(x: f32, y: f32, width: f32, height: f32, fill: Color, element: ElementId) -> Mark {
    Mark::Rect { x, y, width, height, fill: Some(fill), stroke: None, element: Some(element) }
}

fn dot(center: (f32, f32), radius: f32, fill: Color, element: ElementId) -> Mark {
    Mark::Dot { center, radius, fill, element: Some(element) }
}

/// Maps a value on the round's scale to an x position in a plot.
#[derive(Debug, Clone, Copy)]
struct Axis {
    left: f32,
    width: f32,
    min: f32,
    max: f32,
}

impl Axis {
    fn x(&self, value: f32) -> f32 {
        let span = (self.max - self.min).max(f32::EPSILON);
        self.left + (value.clamp(self.min, self.max) - self.min) / span * self.width
    }
}

/// The integer ticks of the scale.
fn scale_ticks(min: i32, max: i32) -> Vec<i32> {
    (min..=max).collect()
}

const TOTALS_ROW: f32 = 12.0;
const TOTALS_HEADER: f32 = 18.0;
/// Rows per figure: a taller chart would not fit on a page with its heading and legend.
const TOTALS_ROWS_PER_FIGURE: usize = 46;

/// The ranked totals as dots with uncertainty whiskers, the rank interval beside each, and
/// the funding line where the computed allocation runs out of money. Long rankings become
/// several figures of at most 46 rows.
pub fn totals_charts(
    entries: &[ApplicationEntry],
    round: &RoundFacts,
    texts: &Texts,
    interval_level: Option<u32>,
    structure: &mut Structure,
    width: f32,
) -> Vec<Block> {
    let ranked: Vec<&ApplicationEntry> =
        entries.iter().filter(|entry| entry.total.is_some()).collect();
    // The funding line follows the last application that the computed allocation funds before
    // the first one it cannot fund.
    let funded_prefix = ranked.iter().take_while(|entry| entry.computed > Money::ZERO).count();
    let has_intervals = ranked.iter().any(|entry| entry.total_interval.is_some());
    let has_rank_intervals = ranked.iter().any(|entry| entry.rank_interval.is_some());

    // Rows are shared evenly between the figures (60 rows: 30 and 30, not 46 and 14).
    let figure_count = ranked.len().div_ceil(TOTALS_ROWS_PER_FIGURE).max(1);
    let rows_per_figure = ranked.len().div_ceil(figure_count).max(1);
    let chunks: Vec<&[&ApplicationEntry]> = ranked.chunks(rows_per_figure).collect();
    let chunk_count = chunks.len();
    let mut blocks = Vec::new();
    for (chunk_index, chunk) in chunks.into_iter().enumerate() {
        let first_row = chunk_index * rows_per_figure;
        let alt = totals_alt_text(&ranked, funded_prefix, round, texts, chunk_index, chunk_count);
        let element = structure.add_figure(alt);
        let mut marks = Vec::new();

        let rank_width = 24.0;
        let reference_width = 78.0;
        let total_width = 30.0;
        let interval_width = if has_rank_intervals { 58.0 } else { 0.0 };
        let plot_left = rank_width + reference_width + total_width + 14.0;
        let axis = Axis {
            left: plot_left,
            width: width - plot_left - interval_width - 10.0,
            min: float_of(round.scale_min),
            max: float_of(round.scale_max),
        };

        // Column titles and scale ticks.
        let title_baseline = 8.0;
        marks.push(aligned(
            0.0,
            rank_width,
            title_baseline,
            &texts.text("column-rank"),
            CHART_BOLD,
            Align::Left,
            element,
        ));
        marks.push(aligned(
            rank_width,
            reference_width,
            title_baseline,
            &texts.text("column-application"),
            CHART_BOLD,
            Align::Left,
            element,
        ));
        marks.push(aligned(
            rank_width + reference_width,
            total_width,
            title_baseline,
            &texts.text("column-score"),
            CHART_BOLD,
            Align::Right,
            element,
        ));
        if has_rank_intervals {
            marks.push(aligned(
                width - interval_width,
                interval_width,
                title_baseline,
                &texts.text("column-rank-interval"),
                CHART_BOLD,
                Align::Right,
                element,
            ));
        }
        for tick in scale_ticks(round.scale_min, round.scale_max) {
            let x = axis.x(float_of(tick));
            marks.push(aligned(
                x - 10.0,
                20.0,
                title_baseline,
                &tick.to_string(),
                CHART_MUTED,
                Align::Center,
                element,
            ));
        }

        let rows_top = TOTALS_HEADER;
        #[allow(clippy::cast_precision_loss)] // at most 46 rows
        let rows_height = chunk.len() as f32 * TOTALS_ROW;
        for tick in scale_ticks(round.scale_min, round.scale_max) {
            let x = axis.x(float_of(tick));
            marks.push(line((x, rows_top - 3.0), (x, rows_top + rows_height), 0.4, GRID, element));
        }
        marks.push(line((0.0, rows_top - 3.0), (width, rows_top - 3.0), 0.6, RULE, element));

        for (row_index, entry) in chunk.iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let top = rows_top + row_index as f32 * TOTALS_ROW;
            let middle = top + TOTALS_ROW / 2.0;
            let baseline = middle + 2.6;
            if row_index % 2 == 1 {
                // Zebra stripes behind the text columns help the eye across a long row.
                marks.insert(0, rect(0.0, top, width, TOTALS_ROW, ZEBRA, element));
            }
            let rank = entry.rank.map(|rank| rank.to_string()).unwrap_or_default();
            marks.push(aligned(
                0.0,
                rank_width - 6.0,
                baseline,
                &rank,
                CHART,
                Align::Right,
                element,
            ));
            marks.push(aligned(
                rank_width,
                reference_width,
                baseline,
                &entry.reference,
                CHART,
                Align::Left,
                element,
            ));
            let total = entry.total.map(|total| norsk::decimal(total, 2)).unwrap_or_default();
            marks.push(aligned(
                rank_width + reference_width,
                total_width,
                baseline,
                &total,
                CHART,
                Align::Right,
                element,
            ));
            if let Some((low, high)) = entry.total_interval {
                let (low, high) = (axis.x(float(low)), axis.x(float(high)));
                marks.push(line((low, middle), (high, middle), 0.9, MUTED, element));
                marks.push(line((low, middle - 2.5), (low, middle + 2.5), 0.9, MUTED, element));
                marks.push(line((high, middle - 2.5), (high, middle + 2.5), 0.9, MUTED, element));
            }
            if let Some(total) = entry.total {
                let color = if entry.recommended > Money::ZERO { ACCENT } else { NOT_FUNDED };
                marks.push(dot((axis.x(float(total)), middle), 3.0, color, element));
            }
            if let Some((best, worst)) = entry.rank_interval {
                let text =
                    if best == worst { best.to_string() } else { format!("{best}–{worst}") };
                marks.push(aligned(
                    width - interval_width,
                    interval_width,
                    baseline,
                    &text,
                    CHART,
                    Align::Right,
                    element,
                ));
            }
            if first_row + row_index + 1 == funded_prefix && funded_prefix < ranked.len() {
                let y = top + TOTALS_ROW;
                marks.push(Mark::Line {
                    from: (0.0, y),
                    to: (width, y),
                    width: 1.2,
                    color: FUNDING_LINE,
                    dashed: true,
                    element: Some(element),
                });
            }
        }
        marks.push(line(
            (0.0, rows_top + rows_height),
            (width, rows_top + rows_height),
            0.6,
            RULE,
            element,
        ));

        // Legend.
        let legend_top = rows_top + rows_height + 12.0;
        let mut x = 0.0;
        let mut legend = |marks: &mut Vec<Mark>,
                          symbol: &dyn Fn(f32, f32) -> Vec<Mark>,
                          label: &str| {
            marks.extend(symbol(x, legend_top));
            marks.push(text_mark(x + 16.0, legend_top + 2.6, label, CHART_MUTED, Some(element)));
            x += 16.0 + CHART_MUTED.width(label) + 14.0;
        };
        legend(
            &mut marks,
            &|x, y| vec![dot((x + 5.0, y), 3.0, ACCENT, element)],
            &texts.text("legend-recommended"),
        );
        legend(
            &mut marks,
            &|x, y| vec![dot((x + 5.0, y), 3.0, NOT_FUNDED, element)],
            &texts.text("legend-not-recommended"),
        );
        if has_intervals {
            let label = match interval_level {
                Some(level) => texts.get("legend-interval-level", &[("level", &level.to_string())]),
                None => texts.text("legend-interval"),
            };
            legend(
                &mut marks,
                &|x, y| {
                    vec![
                        line((x, y), (x + 11.0, y), 0.9, MUTED, element),
                        line((x, y - 2.5), (x, y + 2.5), 0.9, MUTED, element),
                        line((x + 11.0, y - 2.5), (x + 11.0, y + 2.5), 0.9, MUTED, element),
                    ]
                },
                &label,
            );
        }
        if funded_prefix < ranked.len() && funded_prefix > 0 {
            legend(
                &mut marks,
                &|x, y| {
                    vec![Mark::Line {
                        from: (x, y),
                        to: (x + 12.0, y),
                        width: 1.2,
                        color: FUNDING_LINE,
                        dashed: true,
                        element: Some(element),
                    }]
                },
                &texts.text("legend-funding-line"),
            );
        }

        blocks.push(Block::Figure(Figure {
            height: legend_top + 8.0,
            marks,
            space_before: 6.0,
            space_after: 10.0,
            keep_with_next: false,
        }));
    }
    blocks
}

fn totals_alt_text(
    ranked: &[&ApplicationEntry],
    funded_prefix: usize,
    round: &RoundFacts,
    texts: &Texts,
    chunk_index: usize,
    chunk_count: usize,
) -> String {
    let mut alt = texts.get(
        "totals-alt",
        &[
            ("count", &ranked.len().to_string()),
            ("min", &round.scale_min.to_string()),
            ("max", &round.scale_max.to_string()),
        ],
    );
    if chunk_count > 1 {
        alt.push(' ');
        alt.push_str(&texts.get(
            "totals-alt-part",
            &[("part", &(chunk_index + 1).to_string()), ("parts", &chunk_count.to_string())],
        ));
    }
    if let (Some(first), Some(last)) = (ranked.first(), ranked.last()) {
        alt.push(' ');
        alt.push_str(&texts.get(
            "totals-alt-range",
            &[
                ("high", &first.total.map(|total| norsk::decimal(total, 2)).unwrap_or_default()),
                ("high-reference", &first.reference),
                ("low", &last.total.map(|total| norsk::decimal(total, 2)).unwrap_or_default()),
                ("low-reference", &last.reference),
            ],
        ));
    }
    if funded_prefix > 0 && funded_prefix < ranked.len() {
        alt.push(' ');
        alt.push_str(&texts.get("totals-alt-funding", &[("rank", &funded_prefix.to_string())]));
    }
    alt
}

/// The budget frame as a bar split into what is recommended to kommune-led and
/// helseforetak-led projects and what remains, above a bar of what was applied for.
pub fn budget_chart(
    entries: &[ApplicationEntry],
    round: &RoundFacts,
    texts: &Texts,
    structure: &mut Structure,
    width: f32,
) -> Block {
    let sum = |side: Option<Side>, amount: fn(&ApplicationEntry) -> Money| -> Money {
        entries.iter().filter(|entry| entry.side == side).map(amount).sum()
    };
    let recommended = |entry: &ApplicationEntry| entry.recommended;
    let requested = |entry: &ApplicationEntry| entry.requested;
    // (label, amount, colour, whether the legend shows it when it is zero)
    let segments_of = |amount: fn(&ApplicationEntry) -> Money| {
        vec![
            (Side::Kommune.label(texts), sum(Some(Side::Kommune), amount), KOMMUNE, true),
            (
                Side::Helseforetak.label(texts),
                sum(Some(Side::Helseforetak), amount),
                HELSEFORETAK,
                true,
            ),
            (texts.text("side-none"), sum(None, amount), MUTED, false),
        ]
    };
    let recommended_segments = segments_of(recommended);
    let requested_segments = segments_of(requested);

    let alt = texts.get(
        "budget-alt",
        &[
            ("frame", &round.frame.format()),
            ("kommune", &recommended_segments[0].1.format()),
            ("helseforetak", &recommended_segments[1].1.format()),
            ("remaining", &round.remaining.format()),
            ("requested", &round.total_requested.format()),
        ],
    );
    let element = structure.add_figure(alt);
    let mut marks = Vec::new();

    let label_width = 70.0;
    let plot_left = label_width + 6.0;
    let plot_width = width - plot_left - 8.0;
    let scale_max = float(round.frame.amount().max(round.total_requested.amount())).max(1.0);
    let x_of = |amount: Money| plot_left + float(amount.amount()).max(0.0) / scale_max * plot_width;
    let bar_height = 18.0;

    // Ticks in whole millions, at a step that gives four to eight ticks.
    let millions = scale_max / 1_000_000.0;
    let step = [0.5_f32, 1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0]
        .into_iter()
        .find(|step| millions / step <= 8.0)
        .unwrap_or(100.0);
    let axis_top = 20.0;
    let bars_bottom = axis_top + 2.0 * bar_height + 16.0;
    let mut tick = 0.0_f32;
    while tick <= millions + 0.001 {
        let x = plot_left + tick / millions * plot_width;
        marks.push(line((x, axis_top), (x, bars_bottom), 0.4, GRID, element));
        let label = if step < 1.0 {
            norsk::decimal(Decimal::from_f32_retain(tick).unwrap_or_default(), 1)
        } else {
            format!("{tick:.0}")
        };
        marks.push(aligned(
            x - 15.0,
            30.0,
            bars_bottom + 9.0,
            &label,
            CHART_MUTED,
            Align::Center,
            element,
        ));
        tick += step;
    }
    marks.push(aligned(
        plot_left,
        plot_width,
        bars_bottom + 19.0,
        &texts.text("budget-millions"),
        CHART_MUTED,
        Align::Center,
        element,
    ));

    let draw_bar = |marks: &mut Vec<Mark>,
                    top: f32,
                    label: &str,
                    segments: &[(String, Money, Color, bool)],
                    rest: Option<Money>| {
        marks.push(aligned(
            0.0,
            label_width,
            top + bar_height / 2.0 + 2.8,
            label,
            CHART_BOLD,
            Align::Left,
            element,
        ));
        let mut running = Money::ZERO;
        for (_, amount, color, _) in segments {
            if *amount <= Money::ZERO {
                continue;
            }
            let start = x_of(running);
            running = running + *amount;
            marks.push(rect(start, top, x_of(running) - start, bar_height, *color, element));
        }
        if let Some(rest) = rest.filter(|rest| *rest > Money::ZERO) {
            let start = x_of(running);
            marks.push(rect(
                start,
                top,
                x_of(running + rest) - start,
                bar_height,
                REMAINING,
                element,
            ));
        }
    };
    draw_bar(
        &mut marks,
        axis_top + 6.0,
        &texts.text("column-recommended"),
        &recommended_segments,
        Some(round.remaining),
    );
    draw_bar(
        &mut marks,
        axis_top + bar_height + 12.0,
        &texts.text("column-requested"),
        &requested_segments,
        None,
    );

    // The frame as a red line through both bars, labelled above.
    let frame_x = x_of(round.frame);
    marks.push(Mark::Line {
        from: (frame_x, axis_top - 2.0),
        to: (frame_x, bars_bottom),
        width: 1.2,
        color: FUNDING_LINE,
        dashed: true,
        element: Some(element),
    });
    let frame_label = texts.get("budget-frame", &[("frame", &round.frame.format())]);
    let label_width_points = CHART_BOLD.width(&frame_label);
    let label_x = (frame_x - label_width_points).max(plot_left);
    marks.push(text_mark(
        label_x,
        axis_top - 6.0,
        frame_label,
        TextStyle { color: FUNDING_LINE, ..CHART_BOLD },
        Some(element),
    ));

    // Legend with the amounts of the recommended bar.
    let legend_top = bars_bottom + 34.0;
    let mut x = 0.0;
    let mut items: Vec<(String, Color)> = recommended_segments
        .iter()
        .filter(|(_, amount, _, shown_when_zero)| *amount > Money::ZERO || *shown_when_zero)
        .map(|(label, amount, color, _)| (format!("{label}: {}", amount.format()), *color))
        .collect();
    items.push((
        format!("{}: {}", texts.text("budget-remaining"), round.remaining.format()),
        REMAINING,
    ));
    for (label, color) in items {
        marks.push(rect(x, legend_top - 4.0, 8.0, 8.0, color, element));
        marks.push(text_mark(x + 12.0, legend_top + 2.6, label.clone(), CHART, Some(element)));
        x += 12.0 + CHART.width(&label) + 16.0;
    }

    Block::Figure(Figure {
        height: legend_top + 10.0,
        marks,
        space_before: 6.0,
        space_after: 12.0,
        keep_with_next: false,
    })
}

/// One application's criteria as a table with a dot plot in it: each member's score as a dot
/// (equal scores stacked), the spread from lowest to highest as a line, `S(a, c)` as a bar,
/// and beside the plot the weight, the criterion score, the spread and the counts.
pub fn criterion_profile(
    entry: &ApplicationEntry,
    round: &RoundFacts,
    texts: &Texts,
    structure: &mut Structure,
    width: f32,
    withheld: Option<&str>,
) -> Block {
    let alt = profile_alt_text(entry, texts, withheld);
    let element = structure.add_figure(alt);
    let mut marks = Vec::new();
    // The public version shows no member's score: no dots, no spread.
    let shown: fn(&crate::CriterionResult) -> &[i32] =
        if withheld.is_some() { |_| &[] } else { |criterion| &criterion.scores };

    let label_width = 128.0;
    // The numeric columns right of the plot: (title, second title line, width).
    let columns: [(String, String, f32); 5] = [
        (texts.text("profile-weight"), String::new(), 34.0),
        (texts.text("profile-score"), String::new(), 34.0),
        (texts.text("profile-spread-1"), texts.text("profile-spread-2"), 40.0),
        (texts.text("profile-count-1"), texts.text("profile-count-2"), 34.0),
        (texts.text("profile-not-applicable-1"), texts.text("profile-not-applicable-2"), 40.0),
    ];
    let columns_width: f32 = columns.iter().map(|column| column.2).sum();
    let axis = Axis {
        left: label_width + 14.0,
        width: width - label_width - columns_width - 32.0,
        min: float_of(round.scale_min),
        max: float_of(round.scale_max),
    };
    let header = 24.0;
    marks.push(aligned(
        0.0,
        label_width,
        19.0,
        &texts.text("profile-criterion"),
        CHART_BOLD,
        Align::Left,
        element,
    ));
    let mut x = width - columns_width;
    for (title, second, column_width) in &columns {
        let column_width = *column_width;
        let (first_baseline, second_baseline) =
            if second.is_empty() { (19.0, 0.0) } else { (10.0, 19.0) };
        marks.push(aligned(
            x,
            column_width,
            first_baseline,
            title,
            CHART_BOLD,
            Align::Right,
            element,
        ));
        if !second.is_empty() {
            marks.push(aligned(
                x,
                column_width,
                second_baseline,
                second,
                CHART_BOLD,
                Align::Right,
                element,
            ));
        }
        x += column_width;
    }
    for tick in scale_ticks(round.scale_min, round.scale_max) {
        marks.push(aligned(
            axis.x(float_of(tick)) - 10.0,
            20.0,
            19.0,
            &tick.to_string(),
            CHART_MUTED,
            Align::Center,
            element,
        ));
    }
    marks.push(line((0.0, header - 1.0), (width, header - 1.0), 0.6, RULE, element));

    let total_weight: Decimal = entry.criteria.iter().map(|criterion| criterion.weight).sum();
    let dot_step = 4.4;
    let mut top = header;
    for (index, criterion) in entry.criteria.iter().enumerate() {
        let label_lines =
            crate::layout::wrap(&criterion.criterion, CHART.face, CHART.size, label_width);
        let note = criterion_note(criterion, texts);
        #[allow(clippy::cast_precision_loss)] // a few lines
        let text_height = label_lines.len() as f32 * CHART.line_height
            + if note.is_some() { CHART_MUTED.line_height } else { 0.0 };
        #[allow(clippy::cast_precision_loss)] // a few members
        let dots_height = most_equal_scores(shown(criterion)) as f32 * dot_step + 2.0;
        let row_height = text_height.max(dots_height).max(18.0) + 5.0;
        if index % 2 == 1 {
            marks.insert(0, rect(0.0, top, width, row_height, ZEBRA, element));
        }
        let middle = top + row_height / 2.0;
        let mut baseline = middle - text_height / 2.0 + CHART.line_height - 2.4;
        for label in &label_lines {
            marks.push(text_mark(0.0, baseline, label.clone(), CHART, Some(element)));
            baseline += CHART.line_height;
        }
        if let Some(note) = note {
            marks.push(text_mark(0.0, baseline - 0.5, note, CHART_MUTED, Some(element)));
        }

        let low = shown(criterion).iter().min();
        let high = shown(criterion).iter().max();
        if let (Some(low), Some(high)) = (low, high) {
            marks.push(line(
                (axis.x(float_of(*low)), middle),
                (axis.x(float_of(*high)), middle),
                1.0,
                NOT_FUNDED,
                element,
            ));
        }
        // Equal scores are stacked vertically around the middle, so every member stays visible.
        let mut seen: Vec<(i32, usize)> = Vec::new();
        for &score in shown(criterion) {
            let nth = match seen.iter_mut().find(|(value, _)| *value == score) {
                Some((_, count)) => {
                    *count += 1;
                    *count - 1
                }
                None => {
                    seen.push((score, 1));
                    0
                }
            };
            let count = criterion.scores.iter().filter(|&&other| other == score).count();
            #[allow(clippy::cast_precision_loss)] // a few members
            let offset = (nth as f32 - (count as f32 - 1.0) / 2.0) * dot_step;
            let color = if criterion.disagreement { HELSEFORETAK } else { KOMMUNE };
            marks.push(dot((axis.x(float_of(score)), middle + offset), 1.9, color, element));
        }
        if let Some(value) = criterion.value {
            let x = axis.x(float(value));
            marks.push(line((x, middle - 7.0), (x, middle + 7.0), 2.0, INK, element));
        }

        let weight = if total_weight.is_zero() {
            norsk::decimal_short(criterion.weight)
        } else {
            norsk::percent(criterion.weight / total_weight)
        };
        let value = match criterion.value {
            Some(value) => norsk::decimal(value, 2),
            None => "–".to_owned(),
        };
        let spread = match (low, high) {
            (Some(low), Some(high)) if low == high => low.to_string(),
            (Some(low), Some(high)) => format!("{low}–{high}"),
            _ => "–".to_owned(),
        };
        let cells = [
            (weight, CHART),
            (value, CHART_BOLD),
            (if withheld.is_some() { "*".to_owned() } else { spread }, CHART),
            (criterion.scores.len().to_string(), CHART),
            (criterion.not_applicable.to_string(), CHART),
        ];
        let mut x = width - columns_width;
        for ((text, style), (_, _, column_width)) in cells.iter().zip(&columns) {
            marks.push(aligned(
                x,
                *column_width,
                middle + 2.7,
                text,
                *style,
                Align::Right,
                element,
            ));
            x += column_width;
        }
        top += row_height;
    }
    for tick in scale_ticks(round.scale_min, round.scale_max) {
        let x = axis.x(float_of(tick));
        marks.insert(0, line((x, header - 1.0), (x, top), 0.4, GRID, element));
    }
    marks.push(line((0.0, top), (width, top), 0.6, RULE, element));

    // Legend.
    // The public version shows neither members' scores nor their spread: only the last item.
    let legend = top + 11.0;
    let mut x = 12.0;
    let items =
        ["legend-member-score", "legend-spread", "legend-criterion-score"].map(|id| texts.text(id));
    let first = if withheld.is_some() {
        x = 0.0;
        2
    } else {
        marks.push(dot((4.0, legend), 1.9, KOMMUNE, element));
        0
    };
    for (index, label) in items.iter().enumerate().skip(first) {
        if index == 1 {
            marks.push(line((x, legend), (x + 12.0, legend), 1.0, NOT_FUNDED, element));
            x += 16.0;
        }
        if index == 2 {
            marks.push(line((x + 1.0, legend - 5.0), (x + 1.0, legend + 5.0), 2.0, INK, element));
            x += 8.0;
        }
        marks.push(text_mark(x, legend + 2.6, label.as_str(), CHART_MUTED, Some(element)));
        x += CHART_MUTED.width(label) + 14.0;
    }
    if entry.criteria.iter().any(|criterion| criterion.disagreement) {
        marks.push(dot((x + 3.0, legend), 1.9, HELSEFORETAK, element));
        marks.push(text_mark(
            x + 10.0,
            legend + 2.6,
            texts.text("legend-disagreement"),
            CHART_MUTED,
            Some(element),
        ));
    }

    Block::Figure(Figure {
        height: legend + 7.0,
        marks,
        space_before: 2.0,
        space_after: 10.0,
        keep_with_next: false,
    })
}

/// `2 ikke relevant · 1 inhabil`, under a criterion's name, when anything was left out.
fn criterion_note(criterion: &crate::model::CriterionResult, texts: &Texts) -> Option<String> {
    let mut parts = Vec::new();
    if criterion.disagreement {
        parts.push(texts.text("note-disagreement"));
    }
    if criterion.not_applicable > 0 {
        parts.push(
            texts.get("note-not-applicable", &[("count", &criterion.not_applicable.to_string())]),
        );
    }
    if criterion.recused_excluded > 0 {
        parts
            .push(texts.get("note-recused", &[("count", &criterion.recused_excluded.to_string())]));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

fn most_equal_scores(scores: &[i32]) -> usize {
    scores
        .iter()
        .map(|score| scores.iter().filter(|other| *other == score).count())
        .max()
        .unwrap_or(0)
}

fn profile_alt_text(entry: &ApplicationEntry, texts: &Texts, withheld: Option<&str>) -> String {
    let value_of = |criterion: &crate::model::CriterionResult| {
        criterion
            .value
            .map_or_else(|| texts.text("profile-alt-no-score"), |value| norsk::decimal(value, 2))
    };
    if let Some(withheld) = withheld {
        let parts: Vec<String> = entry
            .criteria
            .iter()
            .map(|criterion| {
                texts.get(
                    "profile-alt-count",
                    &[
                        ("criterion", &criterion.criterion),
                        ("value", &value_of(criterion)),
                        ("count", &criterion.scores.len().to_string()),
                    ],
                )
            })
            .collect();
        return texts.get(
            "profile-alt-public",
            &[
                ("reference", &entry.reference),
                ("criteria", &parts.join("; ")),
                ("withheld", withheld),
            ],
        );
    }
    let parts: Vec<String> = entry
        .criteria
        .iter()
        .map(|criterion| {
            let value = value_of(criterion);
            match (criterion.scores.iter().min(), criterion.scores.iter().max()) {
                (Some(low), Some(high)) => texts.get(
                    "profile-alt-range",
                    &[
                        ("criterion", &criterion.criterion),
                        ("value", &value),
                        ("low", &low.to_string()),
                        ("high", &high.to_string()),
                        ("count", &criterion.scores.len().to_string()),
                    ],
                ),
                _ => format!("{}: {value}", criterion.criterion),
            }
        })
        .collect();
    texts.get("profile-alt", &[("reference", &entry.reference), ("criteria", &parts.join("; "))])
}
