//! The round's results, scores and recusals as a spreadsheet: XLSX with three sheets
//! («Resultater», «Skårer», «Inhabilitet»), number formats and frozen headers, or the results
//! sheet alone as CSV the way Norwegian Excel opens it without asking (UTF-8 with BOM, `;`,
//! decimal comma). Every figure is the one `results --json` shows.

use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use samvurd_core::{Money, Round, ScoreValue};

use crate::report::{side_label, write_atomically};
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
        sheet.write_string(row, 1, &application.reference)?;
        sheet.write_string_with_format(row, 2, &application.title, &wrap)?;
        sheet.write_string(row, 3, &application.applicant)?;
        sheet.write_string(row, 4, side_label(&application.applicant_side))?;
        sheet.write_string(row, 5, &application.priority_area)?;
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
        sheet.write_string_with_format(row, 11, &application.reason_text, &wrap)?;
        sheet.write_string_with_format(
            row,
            12,
            &application.recommendation.justification,
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
                sheet.write_string(row, 0, &member.name)?;
                sheet.write_string(row, 1, application.reference.as_str())?;
                sheet.write_string(row, 2, &criterion.name)?;
                match score.value {
                    ScoreValue::Value(value) => sheet.write_number(row, 3, f64::from(value))?,
                    ScoreValue::NotApplicable => sheet.write_string(row, 3, "IR")?,
                };
                sheet.write_string_with_format(row, 4, &score.justification, &wrap)?;
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
        sheet.write_string(row, 0, member.map_or(recusal.member.as_str(), |m| m.name.as_str()))?;
        sheet.write_string(row, 1, member.map_or("", |m| m.organisation.as_str()))?;
        sheet.write_string(row, 2, recusal.application.as_str())?;
        sheet.write_string(
            row,
            3,
            round.application(&recusal.application).map_or("", |a| a.title.as_str()),
        )?;
        sheet.write_string_with_format(row, 4, &recusal.reason, &wrap)?;
    }

    workbook.save_to_buffer()
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
    samvurd_core::format::number(value)
}

fn csv(results: &Results) -> Vec<u8> {
    let mut writer = ::csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
    let rows = std::iter::once(RESULT_COLUMNS.iter().map(|title| (*title).to_owned()).collect())
        .chain(results.applications.iter().map(|application| {
            vec![
                application.rank.map_or_else(String::new, |rank| rank.to_string()),
                application.reference.clone(),
                application.title.clone(),
                application.applicant.clone(),
                side_label(&application.applicant_side),
                application.priority_area.clone(),
                application.total.as_ref().map_or_else(String::new, |total| {
                    samvurd_core::format::points(total.round_dp(2))
                }),
                csv_decimal(application.amount_requested.amount()),
                csv_decimal(application.proposed_amount.amount()),
                csv_decimal(application.recommendation.amount.amount()),
                outcome(application).to_owned(),
                application.reason_text.clone(),
                application.recommendation.justification.clone(),
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
