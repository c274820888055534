//! Empty import templates, so that the secretary can start from headers the importer knows.
//!
//! The headers, the help text and the examples all come from the column specs the importer
//! uses, so a template can never ask for a column the importer would not read.

use std::path::Path;

use rust_xlsxwriter::{DataValidation, Format, Workbook, Worksheet, XlsxError};

use super::applications::{
    AMOUNT_REQUESTED, COLUMNS, KIND, OWN_CONTRIBUTION_HF, OWN_CONTRIBUTION_KOMMUNE, PERIOD_END,
    PERIOD_START, SHEET_NAME, SIDE, SUMMARY, TITLE,
};
use super::table::ColumnSpec;
use super::{ImportError, ImportErrorKind, describe_io_error, file_name};

/// Rows that get the template's date, amount and list formats. Excel has more rows, but a round
/// never has this many applications and formatting a million rows bloats the file.
const FORMATTED_ROWS: u32 = 500;

/// Writes an empty `.xlsx` template: the «Søknader» sheet with the headers, number and date
/// formats and drop-down lists, and a «Hjelp» sheet that explains every column.
pub fn write_application_template_xlsx(path: &Path) -> Result<(), ImportError> {
    let unwritable = |error: XlsxError| {
        let reason = match error {
            XlsxError::IoError(error) => describe_io_error(&error, "skrives"),
            other => format!("Malen kunne ikke lages ({other})."),
        };
        ImportError { file: file_name(path), kind: ImportErrorKind::Unwritable { reason } }
    };
    let mut workbook = Workbook::new();
    write_application_sheet(workbook.add_worksheet()).map_err(unwritable)?;
    write_help_sheet(workbook.add_worksheet()).map_err(unwritable)?;
    workbook.save(path).map_err(unwritable)
}

/// Writes an empty CSV template: UTF-8 with BOM (so Excel reads æøå right), `;`-separated and
/// with CRLF, the way Norwegian Excel expects to open it.
pub fn write_application_template_csv(path: &Path) -> Result<(), ImportError> {
    let headers: Vec<&str> = COLUMNS.iter().map(|spec| spec.header).collect();
    let text = format!("\u{FEFF}{}\r\n", headers.join(";"));
    std::fs::write(path, text).map_err(|error| ImportError {
        file: file_name(path),
        kind: ImportErrorKind::Unwritable { reason: describe_io_error(&error, "skrives") },
    })
}

fn write_application_sheet(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_name(SHEET_NAME)?;
    let header_format = Format::new().set_bold().set_background_color(0xD9E1F2);
    let required_format = header_format.clone().set_font_color(0x9C0006);
    let date_format = Format::new().set_num_format("dd.mm.yyyy");
    // In a format code `,` means "group thousands"; Norwegian Excel shows the groups with spaces.
    let amount_format = Format::new().set_num_format("#,##0");
    let wrap_format = Format::new().set_text_wrap();

    for (column, spec) in (0u16..).zip(COLUMNS.iter()) {
        let format = if spec.required { &required_format } else { &header_format };
        sheet.write_string_with_format(0, column, spec.header, format)?;
        sheet.set_column_width(column, column_width(spec))?;
        let cell_format = if is_one_of(spec, &[&PERIOD_START, &PERIOD_END]) {
            Some(&date_format)
        } else if is_one_of(
            spec,
            &[&AMOUNT_REQUESTED, &OWN_CONTRIBUTION_KOMMUNE, &OWN_CONTRIBUTION_HF],
        ) {
            Some(&amount_format)
        } else if is_one_of(spec, &[&TITLE, &SUMMARY]) {
            Some(&wrap_format)
        } else {
            None
        };
        if let Some(cell_format) = cell_format {
            for row in 1..=FORMATTED_ROWS {
                sheet.write_blank(row, column, cell_format)?;
            }
        }
        let choices: Option<&[&str]> = if std::ptr::eq(*spec, &SIDE) {
            Some(&["kommune", "HF", "annet"])
        } else if std::ptr::eq(*spec, &KIND) {
            Some(&["ny", "videreføring"])
        } else {
            None
        };
        if let Some(choices) = choices {
            let validation = DataValidation::new()
                .allow_list_strings(choices)?
                .set_input_message(spec.help)?
                .set_error_message(format!("Velg en av verdiene: {}.", choices.join(", ")))?;
            sheet.add_data_validation(1, column, FORMATTED_ROWS, column, &validation)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_help_sheet(sheet: &mut Worksheet) -> Result<(), XlsxError> {
    sheet.set_name("Hjelp")?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    sheet.write_string_with_format(0, 0, "Slik fyller du ut søknadsmalen", &bold)?;
    sheet.write_string(
        1,
        0,
        "Én søknad per rad i arket «Søknader». Kolonner med rød overskrift må fylles ut. \
         Ekstra kolonner blir ikke lest. Finnes det én feil, blir ingenting importert, \
         og Samvurd viser alle feilene med rad og kolonne.",
    )?;
    let headings = ["Kolonne", "Påkrevd", "Andre godtatte overskrifter", "Forklaring", "Eksempel"];
    for (column, heading) in (0u16..).zip(headings) {
        sheet.write_string_with_format(3, column, heading, &bold)?;
    }
    for (row, spec) in (4u32..).zip(COLUMNS.iter()) {
        let others: Vec<&str> = spec.accepted.iter().skip(1).copied().collect();
        sheet.write_string_with_format(row, 0, spec.header, &wrap)?;
        sheet.write_string_with_format(row, 1, if spec.required { "ja" } else { "nei" }, &wrap)?;
        sheet.write_string_with_format(row, 2, others.join(", "), &wrap)?;
        sheet.write_string_with_format(row, 3, spec.help, &wrap)?;
        sheet.write_string_with_format(row, 4, spec.example, &wrap)?;
    }
    for (column, width) in (0u16..).zip([22, 9, 34, 70, 34]) {
        sheet.set_column_width(column, width)?;
    }
    Ok(())
}

fn is_one_of(spec: &ColumnSpec, specs: &[&ColumnSpec]) -> bool {
    specs.iter().any(|candidate| std::ptr::eq(spec, *candidate))
}

/// Wide enough for the header and the example, within reason.
fn column_width(spec: &ColumnSpec) -> u32 {
    let longest = spec.header.chars().count().max(spec.example.chars().count());
    u32::try_from(longest.clamp(10, 40)).unwrap_or(40) + 2
}
