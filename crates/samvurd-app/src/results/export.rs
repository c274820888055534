//! The round's results, scores and recusals as a spreadsheet: XLSX with three sheets
//! («Resultater», «Skårer», «Inhabilitet»), number formats and frozen headers, or the results
//! sheet alone as CSV the way Norwegian Excel opens it without asking (UTF-8 with BOM, `;`,
//! decimal comma). Every figure is the one `results --json` shows. Text cells of the CSV that a
//! spreadsheet would take for a formula are neutralised with a leading `'`; an XLSX cell holds
//! any text, cut only past Excel's 32 767 characters.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use samvurd_core::{Money, Round, ScoreValue};

use crate::documents::{refuse_round_file, write_atomically};
use crate::results::{ApplicationResult, Results};
use crate::{AppError, AppResult, OpenRound};

/// The results sheet's column headings, the same in XLSX and CSV.
pub const RESULT_COLUMNS: [&str; 13] = [
    "Rang",
    "Søknadsnr.",
    "Tittel",
    "Ansvarlig søker",
    "Side",
    "Prioritert område",
    "Totalskår",
    "Omsøkt (kr)",
    "Beregnet forslag (kr)",
    "Innstilt (kr)",
    "Utfall",
    "Årsak i beregningen",
    "Begrunnelse for innstillingen",
];

impl OpenRound {
    /// Writes the results to `path`: `.xlsx` gives all three sheets, `.csv` the results sheet.
    pub fn export_results(&self, path: &Path) -> AppResult<PathBuf> {
        export_results_of(&self.load()?, path)
    }
}

/// [`OpenRound::export_results`] for a round already loaded.
pub fn export_results_of(round: &Round, path: &Path) -> AppResult<PathBuf> {
    refuse_round_file(path)?;
    let results = crate::results::compute(round);
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .unwrap_or_default()
        .to_lowercase();
    let bytes = match extension.as_str() {
        "xlsx" => xlsx(round, &results)
            .map_err(|error| AppError::io(format!("Kunne ikke lage regnearket: {error}")))?,
        "csv" => csv(&results),
        _ => {
            return Err(AppError::invalid(
                "Eksporten kan skrives som .xlsx eller .csv. Gi fila en av disse endelsene.",
            ));
        }
    };
    write_atomically(path, &bytes)?;
    Ok(path.to_path_buf())
}

fn kroner(money: Money) -> f64 {
    money.amount().to_f64().unwrap_or_default()
}

fn outcome(application: &ApplicationResult) -> &'static str {
    application.recommendation.outcome.label()
}

fn xlsx(round: &Round, results: &Results) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let header = Format::new().set_bold().set_background_color(0xD9E1F2).set_text_wrap();
    let amount = Format::new().set_num_format("#,##0");
    let total = Format::new().set_num_format("0.00");
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let sheet = workbook.add_worksheet().set_name("Resultater")?;
    write_header(sheet, &RESULT_COLUMNS, &header)?;
    for (index, width) in [6, 14, 40, 28, 12, 24, 10, 14, 14, 14, 16, 40, 50].iter().enumerate() {
        sheet.set_column_width(column(index), *width)?;
    }
    for (row, application) in results.applications.iter().enumerate() {
        let row = row_number(row);
        if let Some(rank) = application.rank {
            sheet.write_number(row, 0, f64::from(rank))?;
        }
        sheet.write_string(row, 1, fit(&application.reference))?;
        sheet.write_string_with_format(row, 2, fit(&application.title), &wrap)?;
        sheet.write_string(row, 3, fit(&application.applicant))?;
        sheet.write_string(row, 4, samvurd_core::format::side_label(application.applicant_side))?;
        sheet.write_string(row, 5, fit(&application.priority_area))?;
        if let Some(value) = &application.total {
            // The total, shown with two decimals by the cell's format; spreadsheets round that
            // display half away from zero, as samvurd_core::format does.
            sheet.write_number_with_format(row, 6, value.to_f64(), &total)?;
        }
        sheet.write_number_with_format(row, 7, kroner(application.amount_requested), &amount)?;
        sheet.write_number_with_format(row, 8, kroner(application.proposed_amount), &amount)?;
        sheet.write_number_with_format(
            row,
            9,
            kroner(application.recommendation.amount),
            &amount,
        )?;
        sheet.write_string(row, 10, outcome(application))?;
        sheet.write_string_with_format(row, 11, fit(&application.reason_text), &wrap)?;
        sheet.write_string_with_format(
            row,
            12,
            fit(&application.recommendation.justification),
            &wrap,
        )?;
    }

    let sheet = workbook.add_worksheet().set_name("Skårer")?;
    let columns = ["Medlem", "Søknadsnr.", "Kriterium", "Skår", "Begrunnelse", "Inhabil"];
    write_header(sheet, &columns, &header)?;
    for (index, width) in [24, 14, 30, 8, 60, 10].iter().enumerate() {
        sheet.set_column_width(column(index), *width)?;
    }
    let mut row = 1;
    for member in &round.members {
        for application in &round.applications {
            for criterion in &round.criteria {
                let Some(score) = round.scores.iter().find(|score| {
                    score.member == member.id
                        && score.application == application.reference
                        && score.criterion == criterion.id
                }) else {
                    continue;
                };
                sheet.write_string(row, 0, fit(&member.name))?;
                sheet.write_string(row, 1, fit(application.reference.as_str()))?;
                sheet.write_string(row, 2, fit(&criterion.name))?;
                match score.value {
                    ScoreValue::Value(value) => sheet.write_number(row, 3, f64::from(value))?,
                    ScoreValue::NotApplicable => sheet.write_string(row, 3, "IR")?,
                };
                sheet.write_string_with_format(row, 4, fit(&score.justification), &wrap)?;
                if round.is_recused(&member.id, &application.reference) {
                    sheet.write_string(row, 5, "Inhabil – telles ikke")?;
                }
                row += 1;
            }
        }
    }

    let sheet = workbook.add_worksheet().set_name("Inhabilitet")?;
    let columns = ["Medlem", "Organisasjon", "Søknadsnr.", "Søknad", "Grunnlag"];
    write_header(sheet, &columns, &header)?;
    for (index, width) in [24, 30, 14, 40, 50].iter().enumerate() {
        sheet.set_column_width(column(index), *width)?;
    }
    for (row, recusal) in round.recusals.iter().enumerate() {
        let row = row_number(row);
        let member = round.member(&recusal.member);
        sheet.write_string(
            row,
            0,
            fit(member.map_or(recusal.member.as_str(), |m| m.name.as_str())),
        )?;
        sheet.write_string(row, 1, fit(member.map_or("", |m| m.organisation.as_str())))?;
        sheet.write_string(row, 2, fit(recusal.application.as_str()))?;
        sheet.write_string(
            row,
            3,
            fit(round.application(&recusal.application).map_or("", |a| a.title.as_str())),
        )?;
        sheet.write_string_with_format(row, 4, fit(&recusal.reason), &wrap)?;
    }

    workbook.save_to_buffer()
}

/// The most characters Excel keeps in one cell; rust_xlsxwriter refuses a longer string.
const XLSX_MAX_CELL_CHARS: usize = 32_767;

/// A text for an XLSX cell. Texts typed today are far below Excel's limit, but a round may hold
/// older, longer ones, and an export must never fail on them: such a text is cut, and says so.
fn fit(text: &str) -> Cow<'_, str> {
    const MARK: &str = " … [forkortet: cellen kan ikke holde mer; hele teksten står i Samvurd]";
    let keep = XLSX_MAX_CELL_CHARS - MARK.chars().count();
    match text.char_indices().nth(XLSX_MAX_CELL_CHARS) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let end = text.char_indices().nth(keep).map_or(text.len(), |(end, _)| end);
            Cow::Owned(format!("{}{MARK}", &text[..end]))
        }
    }
}

fn column(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

/// The sheet row of the `index`th data row (row 0 is the header).
fn row_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

fn write_header(sheet: &mut Worksheet, columns: &[&str], format: &Format) -> Result<(), XlsxError> {
    for (index, title) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, column(index), *title, format)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A money amount or a decimal as Norwegian Excel reads it: `1200000`, `5,333333`.
/// An exact amount for a spreadsheet cell: `487500,5`, no thousands separator.
fn csv_decimal(value: Decimal) -> String {
    // A spreadsheet reads only the ASCII hyphen as a minus sign; the typographic minus that
    // text uses would turn a negative amount into text.
    samvurd_core::format::number(value).replace('\u{2212}', "-")
}

/// A text cell for CSV, safe to open in a spreadsheet. A cell starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return is read by Excel and LibreOffice as a formula, so an imported
/// title `=HYPERLINK(...)` would run (OWASP «CSV injection»). Such a cell gets a leading `'`,
/// which the spreadsheet shows as text. Numbers are not written through here, so negative
/// amounts stay numbers.
fn csv_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

fn csv(results: &Results) -> Vec<u8> {
    let mut writer = ::csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    let rows = std::iter::once(RESULT_COLUMNS.iter().map(|title| (*title).to_owned()).collect())
        .chain(results.applications.iter().map(|application| {
            vec![
                application.rank.map_or_else(String::new, |rank| rank.to_string()),
                csv_text(&application.reference),
                csv_text(&application.title),
                csv_text(&application.applicant),
                csv_text(samvurd_core::format::side_label(application.applicant_side)),
                csv_text(&application.priority_area),
                application.total.as_ref().map_or_else(String::new, |total| {
                    samvurd_core::format::points(total.round_dp(2))
                }),
                csv_decimal(application.amount_requested.amount()),
                csv_decimal(application.proposed_amount.amount()),
                csv_decimal(application.recommendation.amount.amount()),
                csv_text(outcome(application)),
                csv_text(&application.reason_text),
                csv_text(&application.recommendation.justification),
            ]
        }));
    for row in rows {
        let row: Vec<String> = row;
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(&row);
    }
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(writer.into_inner().unwrap_or_default());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_a_spreadsheet_would_run_as_formulas_get_a_leading_quote() {
        for text in ["=1+1", "+47 22", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_text(text), format!("'{text}"));
        }
        assert_eq!(csv_text("Felles legevakt"), "Felles legevakt");
        assert_eq!(csv_text(""), "");
        // Amounts are written by `csv_decimal`, never through `csv_text`: a negative one stays
        // a number a spreadsheet can add up.
        assert_eq!(csv_decimal(Decimal::new(-150_050, 2)), "-1500,5");
    }

    #[test]
    fn an_xlsx_cell_holds_any_text_cut_only_past_excels_limit() {
        let short = "Godt forankret.";
        assert!(matches!(fit(short), Cow::Borrowed(_)));
        let exact = "ø".repeat(XLSX_MAX_CELL_CHARS);
        assert_eq!(fit(&exact).chars().count(), XLSX_MAX_CELL_CHARS);
        let long = "ø".repeat(100_000);
        let cut = fit(&long);
        assert_eq!(cut.chars().count(), XLSX_MAX_CELL_CHARS);
        assert!(cut.ends_with("hele teksten står i Samvurd]"));
        let mut workbook = Workbook::new();
        workbook.add_worksheet().write_string(0, 0, cut).unwrap();
        assert!(workbook.save_to_buffer().is_ok());
    }
}
