//! Rows and cells read from a CSV file or a spreadsheet, before they mean anything.
//!
//! CSV and Excel differ in how a cell is stored (always text in CSV; typed numbers and dates in
//! Excel) but not in what the importers must check. Both are therefore read into one [`Table`] of
//! typed [`Cell`]s that carry the row numbers the user sees in Excel, and the row validation
//! ([`RowReader`]) is written once for every kind of import.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use samvurd_core::{Money, TextField, check_text};

use super::{ColumnMapping, ImportErrorKind, ImportField, MissingColumn, RowProblem};

/// One cell, typed as far as the file itself says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    /// An Excel number cell, already cut to Excel's 15 significant digits.
    Number(Decimal),
    /// An Excel cell formatted as a date.
    Date(NaiveDate),
    /// An Excel error value such as `#DIV/0!`, or a number Samvurd cannot represent.
    Invalid(String),
}

impl Cell {
    fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as the user sees it, for quoting in a row problem.
    pub(crate) fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) | Cell::Invalid(text) => text.clone(),
            Cell::Number(number) => number.normalize().to_string(),
            Cell::Date(date) => format_date(*date),
        }
    }
}

/// A non-blank row of data.
#[derive(Debug)]
pub(crate) struct Row {
    /// The row number as Excel shows it.
    pub(crate) number: usize,
    cells: Vec<Cell>,
}

impl Row {
    fn cell(&self, index: usize) -> &Cell {
        self.cells.get(index).unwrap_or(&Cell::Empty)
    }
}

/// The header row and the data rows under it, blank rows left out.
#[derive(Debug)]
pub(crate) struct Table {
    /// The headers as written, trimmed.
    headers: Vec<String>,
    pub(crate) rows: Vec<Row>,
}

impl Table {
    /// Reads CSV bytes: UTF-8 (BOM or not) or Windows-1252, `;` or `,` separated.
    pub(crate) fn from_csv(bytes: &[u8]) -> Result<Table, ImportErrorKind> {
        let text = decode_csv(bytes)?;
        let first_line = text.lines().find(|line| !line.trim().is_empty()).unwrap_or("");
        // Norwegian Excel separates with `;` because `,` is the decimal comma; a header line
        // with a `;` in it cannot be a comma-separated file with sensible headers.
        let delimiter = if first_line.contains(';') { b';' } else { b',' };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());

        let mut rows = Vec::new();
        // The csv reader counts lines, but a quoted cell with a line break is still one row in
        // Excel, so the breaks inside earlier records are taken off again.
        let mut breaks_inside_cells = 0;
        for record in reader.records() {
            let record = record.map_err(|error| ImportErrorKind::Unreadable {
                reason: format!(
                    "Filen kunne ikke leses som CSV ({error}). Åpne den i Excel og lagre den som «CSV (semikolondelt)»."
                ),
            })?;
            // The reader's position is where the previous record ended, before its line end and
            // any empty lines after it, and its line counter misses CRLF line ends (what Excel
            // writes). So the line is counted from the byte offset, past those line ends.
            let offset = record.position().map_or(0, |position| position.byte());
            let offset = usize::try_from(offset).unwrap_or(usize::MAX).min(text.len());
            let (before, after) = text.as_bytes().split_at(offset);
            let newlines_before = before.iter().filter(|&&byte| byte == b'\n').count();
            let line_ends_after = after
                .iter()
                .take_while(|&&byte| byte == b'\r' || byte == b'\n')
                .filter(|&&byte| byte == b'\n')
                .count();
            let line = 1 + newlines_before + line_ends_after;
            let cells: Vec<Cell> = record.iter().map(text_cell).collect();
            let number = line - breaks_inside_cells;
            breaks_inside_cells +=
                record.iter().map(|field| field.matches('\n').count()).sum::<usize>();
            rows.push(Row { number, cells });
        }
        Ok(Table::from_rows(rows))
    }

    /// Reads an Excel workbook (`.xlsx`, `.xls`): the sheet called `sheet_name` if there is one,
    /// else the first sheet.
    pub(crate) fn from_workbook(bytes: &[u8], sheet_name: &str) -> Result<Table, ImportErrorKind> {
        // calamine panics on some damaged workbooks (an overflowing cell reference, found by
        // `cargo xtask fuzz`). A file from outside must never take the program down, so such a
        // panic is a damaged file like any other.
        std::panic::catch_unwind(|| Table::read_workbook(bytes, sheet_name)).unwrap_or_else(|_| {
            Err(ImportErrorKind::Unreadable {
                reason: "Filen kunne ikke leses som et Excel-regneark (den er skadet). Åpne den i Excel, lagre den på nytt som .xlsx og importer igjen.".to_owned(),
            })
        })
    }

    fn read_workbook(bytes: &[u8], sheet_name: &str) -> Result<Table, ImportErrorKind> {
        let unreadable = |error: calamine::Error| ImportErrorKind::Unreadable {
            reason: format!(
                "Filen kunne ikke leses som et Excel-regneark ({error}). Sjekk at den er lagret som .xlsx eller .xls og ikke er passordbeskyttet."
            ),
        };
        let mut workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
        let names = workbook.sheet_names();
        let chosen = names
            .iter()
            .find(|name| name.trim().to_lowercase() == sheet_name.to_lowercase())
            .or_else(|| names.first())
            .cloned()
            .ok_or(ImportErrorKind::Empty)?;
        let range = workbook.worksheet_range(&chosen).map_err(unreadable)?;
        let Some((first_row, _)) = range.start() else {
            return Err(ImportErrorKind::Empty);
        };
        let first_row = usize::try_from(first_row).unwrap_or(usize::MAX);
        let rows = range
            .rows()
            .enumerate()
            .map(|(index, cells)| Row {
                number: first_row + index + 1,
                cells: cells.iter().map(workbook_cell).collect(),
            })
            .collect();
        Ok(Table::from_rows(rows))
    }

    /// The first non-blank row is the header row; blank rows are dropped.
    fn from_rows(rows: Vec<Row>) -> Table {
        let mut rows = rows.into_iter().filter(|row| !row.cells.iter().all(Cell::is_empty));
        let headers = rows
            .next()
            .map(|header| header.cells.iter().map(Cell::display).collect())
            .unwrap_or_default();
        Table { headers, rows: rows.collect() }
    }

    /// The form a file comes from, as far as its headers tell: the headers, normalised, in
    /// order. The next export of the same form has the same key, so a saved column mapping
    /// finds it.
    pub(crate) fn form_key(&self) -> String {
        let headers: Vec<String> = self
            .headers
            .iter()
            .filter(|header| !header.is_empty())
            .map(|header| normalise_header(header))
            .collect();
        headers.join(" | ")
    }

    /// Finds the columns of `specs` among the headers: first those the person chose in
    /// `mapping` (`None` for an import whose columns cannot be chosen), then the rest by their
    /// accepted headers. Missing required columns and columns
    /// named twice are errors for the whole file; a file without data rows is refused after
    /// its headers are checked, so that a wrong file says what is wrong with it.
    pub(crate) fn columns(
        &self,
        specs: &[&'static ColumnSpec],
        mapping: Option<&ColumnMapping>,
    ) -> Result<Columns<'_>, ImportErrorKind> {
        let choosable = mapping.is_some();
        let no_choice = ColumnMapping::default();
        let mapping = mapping.unwrap_or(&no_choice);
        if self.headers.iter().all(String::is_empty) {
            return Err(ImportErrorKind::Empty);
        }
        let mut found: Vec<(&'static ColumnSpec, usize)> = Vec::new();
        for choice in &mapping.columns {
            let Some(spec) = specs.iter().copied().find(|spec| spec.is_called(&choice.field))
            else {
                return Err(ImportErrorKind::UnknownField {
                    field: choice.field.clone(),
                    fields: specs.iter().map(|spec| spec.key.to_owned()).collect(),
                });
            };
            let wanted = normalise_header(&choice.header);
            let Some(index) =
                self.headers.iter().position(|header| normalise_header(header) == wanted)
            else {
                return Err(ImportErrorKind::ChosenColumnMissing {
                    field: spec.header.to_owned(),
                    header: choice.header.clone(),
                    found: self.non_empty_headers(),
                });
            };
            if let Some((other, _)) = found.iter().find(|(_, used)| *used == index) {
                return Err(ImportErrorKind::ColumnChosenTwice {
                    header: self.headers[index].clone(),
                    fields: vec![other.header.to_owned(), spec.header.to_owned()],
                });
            }
            found.retain(|(other, _)| !std::ptr::eq(*other, spec));
            found.push((spec, index));
        }
        let chosen: Vec<usize> = found.iter().map(|(_, index)| *index).collect();
        let mut missing = Vec::new();
        for spec in specs {
            if found.iter().any(|(other, _)| std::ptr::eq(*other, *spec)) {
                continue;
            }
            let accepted: Vec<String> =
                spec.accepted.iter().map(|name| normalise_header(name)).collect();
            let matches: Vec<usize> = (0..self.headers.len())
                .filter(|index| !chosen.contains(index))
                .filter(|index| accepted.contains(&normalise_header(&self.headers[*index])))
                .collect();
            match matches.as_slice() {
                [] if spec.required => missing.push(MissingColumn {
                    key: spec.key.to_owned(),
                    column: spec.header.to_owned(),
                    accepted: spec.accepted.iter().map(|name| (*name).to_owned()).collect(),
                }),
                [] => {}
                [index] => found.push((*spec, *index)),
                _ => {
                    return Err(ImportErrorKind::DuplicateColumns {
                        meaning: spec.header.to_owned(),
                        columns: matches.iter().map(|index| self.headers[*index].clone()).collect(),
                    });
                }
            }
        }
        if !missing.is_empty() {
            return Err(ImportErrorKind::MissingColumns {
                missing,
                found: self.non_empty_headers(),
                preview: if choosable { self.preview() } else { Vec::new() },
                fields: specs
                    .iter()
                    .filter(|_| choosable)
                    .map(|spec| ImportField {
                        key: spec.key.to_owned(),
                        column: spec.header.to_owned(),
                        required: spec.required,
                        help: spec.help.to_owned(),
                    })
                    .collect(),
            });
        }
        if self.rows.is_empty() {
            return Err(ImportErrorKind::Empty);
        }
        Ok(Columns { headers: &self.headers, found })
    }

    fn non_empty_headers(&self) -> Vec<String> {
        self.headers.iter().filter(|header| !header.is_empty()).cloned().collect()
    }

    /// The first rows' cells under the non-empty headers, cut to 80 characters, so the person
    /// choosing a column can see what is in it.
    fn preview(&self) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .take(PREVIEW_ROWS)
            .map(|row| {
                (0..self.headers.len())
                    .filter(|index| !self.headers[*index].is_empty())
                    .map(|index| {
                        let text = row.cell(index).display();
                        match text.char_indices().nth(80) {
                            Some((cut, _)) => format!("{}…", &text[..cut]),
                            None => text,
                        }
                    })
                    .collect()
            })
            .collect()
    }
}

/// How many rows the column chooser shows.
const PREVIEW_ROWS: usize = 3;

/// What one column of an import means and how it may be headed.
#[derive(Debug)]
pub(crate) struct ColumnSpec {
    /// The short name a person uses to choose a column for it: `beløp` in
    /// `--kolonne beløp="Søkt beløp (kr)"`.
    pub(crate) key: &'static str,
    /// The header the template writes, and the name used when the column is absent.
    pub(crate) header: &'static str,
    /// Every header accepted for this column, the template's header first.
    pub(crate) accepted: &'static [&'static str],
    pub(crate) required: bool,
    /// One or two sentences for the template's help sheet.
    pub(crate) help: &'static str,
    /// A typical value, for the help sheet and for messages about an empty cell.
    pub(crate) example: &'static str,
}

impl ColumnSpec {
    /// Whether `name` names this field: its key, or any header it accepts.
    fn is_called(&self, name: &str) -> bool {
        let name = normalise_header(name);
        name == normalise_header(self.key)
            || self.accepted.iter().any(|accepted| normalise_header(accepted) == name)
    }
}

/// Where each known column is in one table.
#[derive(Debug)]
pub(crate) struct Columns<'table> {
    headers: &'table [String],
    found: Vec<(&'static ColumnSpec, usize)>,
}

impl Columns<'_> {
    fn index(&self, spec: &'static ColumnSpec) -> Option<usize> {
        self.found
            .iter()
            .find(|(candidate, _)| std::ptr::eq(*candidate, spec))
            .map(|(_, index)| *index)
    }

    /// The non-empty headers that no field took, with their index, in the file's order: the
    /// columns kept as extra text on each application.
    pub(crate) fn unknown(&self) -> Vec<(usize, &str)> {
        self.headers
            .iter()
            .enumerate()
            .filter(|(index, header)| {
                !header.is_empty() && !self.found.iter().any(|(_, found)| found == index)
            })
            .map(|(index, header)| (index, header.as_str()))
            .collect()
    }

    /// The column's header as written in the file, or the template's header when it is absent.
    pub(crate) fn header(&self, spec: &'static ColumnSpec) -> &str {
        self.index(spec).map_or(spec.header, |index| self.headers[index].as_str())
    }
}

/// The problems found so far, in the order of the file.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<RowProblem>);

impl Problems {
    /// `Ok(value)` when nothing was wrong, else every problem in row order.
    pub(crate) fn finish<T>(self, value: T) -> Result<T, ImportErrorKind> {
        // Rows are read top to bottom and a duplicate is reported on its later row, so the
        // problems are already in the order of the file.
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(ImportErrorKind::BadRows { problems: self.0 })
        }
    }
}

/// Reads the cells of one row by meaning, recording each problem.
#[derive(Debug)]
pub(crate) struct RowReader<'a> {
    pub(crate) row: &'a Row,
    columns: &'a Columns<'a>,
    problems: &'a mut Problems,
    clean: bool,
}

impl<'a> RowReader<'a> {
    pub(crate) fn new(row: &'a Row, columns: &'a Columns<'a>, problems: &'a mut Problems) -> Self {
        RowReader { row, columns, problems, clean: true }
    }

    /// Whether no problem has been found in this row.
    pub(crate) fn is_clean(&self) -> bool {
        self.clean
    }

    fn cell(&self, spec: &'static ColumnSpec) -> &'a Cell {
        self.columns.index(spec).map_or(&Cell::Empty, |index| self.row.cell(index))
    }

    /// This row's non-empty cells under the columns no field took, as text: kept on the
    /// application so the scorers can read what else the form asked.
    pub(crate) fn extra(&self) -> Vec<samvurd_core::ExtraField> {
        self.columns
            .unknown()
            .into_iter()
            .filter_map(|(index, header)| {
                let value = self.row.cell(index).display();
                let value = value.trim();
                (!value.is_empty()).then(|| samvurd_core::ExtraField {
                    header: header.to_owned(),
                    value: value.to_owned(),
                })
            })
            .collect()
    }

    /// The cell's text as the user sees it.
    pub(crate) fn display(&self, spec: &'static ColumnSpec) -> String {
        self.cell(spec).display()
    }

    /// Records a problem in this row's cell of `spec`, quoting the cell (the start of it, when
    /// it is too long to quote).
    pub(crate) fn problem(&mut self, spec: &'static ColumnSpec, problem: impl Into<String>) {
        self.clean = false;
        self.problems.0.push(RowProblem {
            row: self.row.number,
            column: self.columns.header(spec).to_owned(),
            text: quotable(&self.display(spec)),
            problem: problem.into(),
        });
    }

    /// The text of a one-line cell, or `None` when empty (or unreadable or over the limits of
    /// `samvurd_core::text`, which is recorded).
    pub(crate) fn text(&mut self, spec: &'static ColumnSpec) -> Option<String> {
        self.text_as(spec, TextField::Line)
    }

    /// Like [`RowReader::text`], with the limits of `field`.
    pub(crate) fn text_as(
        &mut self,
        spec: &'static ColumnSpec,
        field: TextField,
    ) -> Option<String> {
        match self.cell(spec) {
            Cell::Empty => None,
            Cell::Invalid(error) => {
                let message = invalid_cell_message(error);
                self.problem(spec, message);
                None
            }
            cell => {
                let text = cell.display();
                match check_text(field, &text) {
                    Ok(()) => Some(text),
                    Err(problem) => {
                        self.problem(spec, problem.to_string());
                        None
                    }
                }
            }
        }
    }

    /// Like [`RowReader::text`], but an empty cell is a problem.
    pub(crate) fn required_text(&mut self, spec: &'static ColumnSpec) -> Option<String> {
        self.required_text_as(spec, TextField::Line)
    }

    /// Like [`RowReader::text_as`], but an empty cell is a problem.
    pub(crate) fn required_text_as(
        &mut self,
        spec: &'static ColumnSpec,
        field: TextField,
    ) -> Option<String> {
        let text = self.text_as(spec, field);
        if text.is_none() && self.cell(spec).is_empty() {
            self.missing(spec);
        }
        text
    }

    fn missing(&mut self, spec: &'static ColumnSpec) {
        let message = format!("Cellen er tom, men må fylles ut (f.eks. «{}»).", spec.example);
        self.problem(spec, message);
    }

    /// An amount: Excel numbers as they are, text through [`Money::parse`].
    pub(crate) fn money(&mut self, spec: &'static ColumnSpec) -> Option<Money> {
        let message = match self.cell(spec) {
            Cell::Empty => return None,
            Cell::Number(number) => return Some(Money::new(*number)),
            Cell::Text(text) => match Money::parse(text) {
                Ok(money) => return Some(money),
                // The reason already says how to write it: once is enough.
                Err(error) => format!("{error}."),
            },
            Cell::Date(_) => {
                "Cellen er en dato, ikke et beløp. Skriv beløpet i kroner, f.eks. «1 200 000»."
                    .to_owned()
            }
            Cell::Invalid(error) => invalid_cell_message(error),
        };
        self.problem(spec, message);
        None
    }

    /// Like [`RowReader::money`], but an empty cell is a problem.
    pub(crate) fn required_money(&mut self, spec: &'static ColumnSpec) -> Option<Money> {
        let money = self.money(spec);
        if self.cell(spec).is_empty() {
            self.missing(spec);
        }
        money
    }

    /// A date: an Excel date cell, or text `01.01.2027`, `1.1.2027` or `2027-01-01`.
    pub(crate) fn date(&mut self, spec: &'static ColumnSpec) -> Option<NaiveDate> {
        let message = match self.cell(spec) {
            Cell::Empty => return None,
            Cell::Date(date) => return Some(*date),
            Cell::Text(text) => match parse_date(text) {
                Some(date) => return Some(date),
                None if looks_like_short_year(text) => format!(
                    "«{text}» har tosifret årstall. Skriv årstallet med fire sifre, f.eks. «01.01.2027»."
                ),
                None => format!(
                    "«{text}» er ikke en gyldig dato. Skriv datoen som dag.måned.år, f.eks. «01.01.2027», eller som «2027-01-01»."
                ),
            },
            Cell::Number(number) => format!(
                "Tallet {} er ikke en dato. Formater cellen som dato i Excel, eller skriv datoen som «01.01.2027».",
                number.normalize()
            ),
            Cell::Invalid(error) => invalid_cell_message(error),
        };
        self.problem(spec, message);
        None
    }
}

/// A cell's text to quote in a message: whole when short, else its first 100 characters.
fn quotable(text: &str) -> String {
    const SHOWN: usize = 100;
    match text.char_indices().nth(SHOWN) {
        None => text.to_owned(),
        Some((end, _)) => format!("{} … ({} tegn i alt)", &text[..end], text.chars().count()),
    }
}

fn invalid_cell_message(error: &str) -> String {
    format!("Cellen inneholder Excel-feilen «{error}». Rett formelen eller skriv inn verdien.")
}

/// Decodes CSV bytes. A BOM means UTF-8; valid UTF-8 is UTF-8; UTF-8 with a bad byte is refused
/// with its line; anything else is taken as Windows-1252, which is what Norwegian Excel writes for «CSV (semikolondelt)». Every byte is
/// a character in Windows-1252, so that last step cannot fail, and the text it gives is what
/// Excel itself would show.
fn decode_csv(bytes: &[u8]) -> Result<Cow<'_, str>, ImportErrorKind> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportErrorKind::Unreadable {
            reason: "Filen er lagret som UTF-16 («Unicode-tekst»). Åpne den i Excel og lagre den som «CSV (semikolondelt)» eller «CSV UTF-8 (kommadelt)».".to_owned(),
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(Cow::Borrowed).map_err(|_| {
            ImportErrorKind::Unreadable {
                reason: "Filen sier at den er UTF-8, men inneholder tegn som ikke er gyldig UTF-8. Åpne den i Excel og lagre den på nytt som «CSV UTF-8 (kommadelt)».".to_owned(),
            }
        });
    }
    let error = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(Cow::Borrowed(text)),
        Err(error) => error,
    };
    // A file with UTF-8 letters (æ, ø, å written as two bytes) and one byte that is not UTF-8
    // is UTF-8 damaged on the way, not Windows-1252: read as Windows-1252, «Tromsø» would
    // silently become «TromsÃ¸». Windows-1252 text almost never holds a valid multi-byte
    // UTF-8 sequence, so one is taken as the sign.
    let has_utf8_letters = bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii());
    if has_utf8_letters {
        let offset = error.valid_up_to();
        let line = 1 + bytes[..offset].iter().filter(|&&byte| byte == b'\n').count();
        return Err(ImportErrorKind::Unreadable {
            reason: format!(
                "Linje {line} i filen har et tegn som ikke er gyldig UTF-8 (byten 0x{:02X}), mens resten av filen er UTF-8. Rett eller skriv inn teksten på nytt på den linjen, og lagre filen som «CSV UTF-8 (kommadelt)».",
                bytes[offset]
            ),
        });
    }
    Ok(encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0)
}

fn text_cell(field: &str) -> Cell {
    let trimmed = field.trim();
    if trimmed.is_empty() { Cell::Empty } else { Cell::Text(trimmed.to_owned()) }
}

fn workbook_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(text) | Data::DurationIso(text) => text_cell(text),
        Data::Int(number) => Cell::Number(Decimal::from(*number)),
        Data::Float(number) => {
            excel_number(*number).map_or_else(|| Cell::Invalid(number.to_string()), Cell::Number)
        }
        // Norwegian Excel shows booleans as SANN and USANN.
        Data::Bool(value) => Cell::Text(if *value { "SANN" } else { "USANN" }.to_owned()),
        Data::DateTime(date_time) if date_time.is_datetime() => {
            let (year, month, day, ..) = date_time.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
                .map_or_else(|| Cell::Invalid(date_time.as_f64().to_string()), Cell::Date)
        }
        Data::DateTime(duration) => Cell::Text(duration.as_f64().to_string()),
        Data::DateTimeIso(text) => {
            text.get(..10).and_then(parse_iso_date).map_or_else(|| text_cell(text), Cell::Date)
        }
        Data::Error(error) => Cell::Invalid(error.to_string()),
    }
}

/// An Excel number as the decimal Excel shows: Excel keeps 15 significant digits, so a sum
/// stored as `360000.00000000006` is 360 000 to the user and is read as such.
fn excel_number(number: f64) -> Option<Decimal> {
    if !number.is_finite() {
        return None;
    }
    Decimal::from_scientific(&format!("{number:.14e}")).ok().map(|decimal| decimal.normalize())
}

/// Reads `01.01.2027`, `1.1.2027` or `2027-01-01`. Two-digit years and other orders are refused,
/// because `01.02.03` could be read three ways.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.trim().split('.').collect();
    if let [day, month, year] = parts.as_slice() {
        return (digits(day, 1..=2) && digits(month, 1..=2) && digits(year, 4..=4))
            .then(|| {
                NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
            })
            .flatten();
    }
    parse_iso_date(text.trim())
}

fn parse_iso_date(text: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    if !(digits(year, 4..=4) && digits(month, 1..=2) && digits(day, 1..=2)) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

fn looks_like_short_year(text: &str) -> bool {
    let parts: Vec<&str> = text.trim().split('.').collect();
    matches!(parts.as_slice(), [day, month, year]
        if digits(day, 1..=2) && digits(month, 1..=2) && digits(year, 2..=2))
}

fn digits(text: &str, length: std::ops::RangeInclusive<usize>) -> bool {
    length.contains(&text.len()) && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// `23.11.2026`, the way dates are shown to people.
pub(crate) fn format_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// Headers compare case-insensitively, with `_` as a space and runs of spaces (non-breaking
/// ones too) as one, and without spaces around `/`, so `Ny / videreføring` is `Ny/videreføring`.
pub(crate) fn normalise_header(header: &str) -> String {
    let spaced = header.to_lowercase().replace('_', " ");
    let words: Vec<&str> = spaced.split_whitespace().collect();
    words.join(" ").replace(" /", "/").replace("/ ", "/")
}

/// Names compare like headers: case and extra spaces do not matter.
pub(crate) fn same_name(left: &str, right: &str) -> bool {
    let normalise =
        |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    normalise(left) == normalise(right)
}
