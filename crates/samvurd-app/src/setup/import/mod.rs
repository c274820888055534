//! Reading applications, scores and recusals from the CSV and Excel files people already have.
//!
//! The secretary usually gets the applications as an export of the application form, opened and
//! tidied in Excel and saved either as `.xlsx` or as Norwegian Excel's «CSV (semikolondelt)»
//! (Windows-1252, `;`, CRLF). This module turns such a file into domain values and nothing more:
//! it never writes to the round file, so the store can write the result in one transaction.
//! Every import is all-or-nothing. The whole file is checked, *every* bad row is reported with its
//! row number as Excel shows it (the header row is row 1), the column as written in the file and
//! the cell's text, and only a file without a single problem gives `Ok`. A half-imported round
//! would be worse than none: nobody would notice the missing application until the SSU meeting.
//!
//! CSV files may be UTF-8 (with or without BOM) or Windows-1252, separated by `;` or `,` (a `;`
//! in the header line means `;`). Cells are trimmed, fully blank rows are skipped, extra columns
//! are ignored. Headers are matched case-insensitively, and `_` counts as a space. Amounts always
//! go through [`Money::parse`](samvurd_core::Money::parse), so a text amount is read the same way
//! everywhere in Samvurd; Excel number cells are taken as numbers with Excel's own 15 significant
//! digits.
//!
//! Application columns (the first name is the one the template writes):
//!
//! | field | accepted headers | required | content |
//! |---|---|---|---|
//! | reference | `Søknadsnr`, `Søknadsnummer`, `Referanse`, `Ref`, `reference`, `ref` | yes | unique in the file and the round |
//! | title | `Tittel`, `Prosjektnavn`, `Prosjekttittel`, `title` | yes | |
//! | applicant | `Ansvarlig søker`, `Søker`, `applicant` | yes | e.g. `Drammen kommune` |
//! | applicant_side | `Søkerside`, `Ansvarlig part`, `applicant_side` | no | `kommune`, `HF` or `annet`; when empty, derived from the applicant's name only if unambiguous |
//! | partners | `Samarbeidspartnere`, `Partnere`, `partners` | no | |
//! | priority_area | `Målgruppe`, `Prioritert område`, `Satsingsområde`, `priority_area` | no | |
//! | period_start | `Periode fra`, `Startdato`, `period_start` | no | `01.01.2027`, `1.1.2027`, `2027-01-01` or an Excel date |
//! | period_end | `Periode til`, `Sluttdato`, `period_end` | no | as above, not before the start |
//! | amount_requested | `Omsøkt beløp`, `Søknadsbeløp`, `Beløp`, `amount_requested` | yes | more than 0, at most two decimals |
//! | own_contribution_kommune | `Egeninnsats kommune`, `own_contribution_kommune` | no | empty means 0 |
//! | own_contribution_hf | `Egeninnsats HF`, `own_contribution_hf` | no | empty means 0 |
//! | summary | `Sammendrag`, `Beskrivelse`, `summary` | no | |
//! | kind | `Ny/videreføring`, `Type`, `kind` | no | `ny` or `videreføring`; empty means `ny` |
//!
//! Score columns: `Medlem`/`member`, `Søknad`/`application`, `Kriterium`/`criterion`,
//! `Skår`/`Score`/`score`, `Begrunnelse`/`justification` (optional). Recusal columns:
//! `Medlem`/`member`, `Søknad`/`application`, `Begrunnelse`/`reason`. `docs/import-format.md`
//! says the same for the people who prepare the files; a test keeps the two in step with the code.

mod applications;
mod scores;
mod table;
mod template;

#[cfg(test)]
mod tests;

use std::fmt;
use std::path::Path;

use samvurd_core::{Application, Recusal, Round, Score};
use serde::Serialize;

use table::Table;

// The use cases read dates typed by the chair (e.g. the deadline) the same way as dates in files.
pub(crate) use table::parse_date;
pub use template::{write_application_template_csv, write_application_template_xlsx};

/// Why a file could not be imported. Nothing from the file was taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[error("«{file}»: {kind}")]
pub struct ImportError {
    /// The file's name as the user chose it.
    pub file: String,
    pub kind: ImportErrorKind,
}

/// What was wrong with the file as a whole, or with which rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum ImportErrorKind {
    /// The file could not be opened, or is not a CSV or spreadsheet at all.
    #[error("{reason}")]
    Unreadable { reason: String },
    /// The template could not be written.
    #[error("{reason}")]
    Unwritable { reason: String },
    #[error(
        "Filtypen {} kan ikke importeres. Lagre filen som .xlsx, .xls eller .csv og prøv igjen.",
        describe_extension(extension)
    )]
    UnknownFormat { extension: String },
    #[error(
        "Filen har ingen rader med data under overskriftsraden. Sjekk at du valgte riktig fil, og at overskriftene står i den første utfylte raden."
    )]
    Empty,
    #[error("{}", describe_missing_columns(missing, found, !fields.is_empty()))]
    MissingColumns {
        missing: Vec<MissingColumn>,
        /// The headers the file does have, so the user can see the near miss.
        found: Vec<String>,
        /// The first rows, one cell per header in `found`, for choosing a column.
        preview: Vec<Vec<String>>,
        /// Every field of this kind of import, for choosing columns for the optional ones too;
        /// empty for an import whose columns cannot be chosen (scores, recusals).
        fields: Vec<ImportField>,
    },
    #[error(
        "«{field}» er ikke et felt i importen. Bruk et av feltene {}.",
        quote_list(fields, " eller ")
    )]
    UnknownField { field: String, fields: Vec<String> },
    #[error(
        "Du valgte kolonnen «{header}» for «{field}», men filen har ingen kolonne med den overskriften. Overskriftene i filen er {}. Velg en av dem.",
        quote_list(found, " og ")
    )]
    ChosenColumnMissing { field: String, header: String, found: Vec<String> },
    #[error(
        "Kolonnen «{header}» er valgt for både {}. Én kolonne kan bare bety én ting; velg en annen kolonne for det ene feltet.",
        quote_list(fields, " og ")
    )]
    ColumnChosenTwice { header: String, fields: Vec<String> },
    #[error(
        "Kolonnene {} betyr {} «{meaning}», så det er uklart hvilken som gjelder. Slett eller gi nytt navn til alle unntatt én, og importer på nytt.",
        quote_list(columns, " og "),
        if columns.len() == 2 { "begge" } else { "alle" }
    )]
    DuplicateColumns { meaning: String, columns: Vec<String> },
    #[error("{}", describe_bad_rows(problems))]
    BadRows { problems: Vec<RowProblem> },
}

/// A required column that the file lacks, with every header that would have been accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct MissingColumn {
    /// The field's short name, as `--kolonne` and a [`ColumnChoice`] take it (`beløp`).
    pub key: String,
    pub column: String,
    pub accepted: Vec<String>,
}

/// One field an import reads, for the screen where the person chooses columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportField {
    /// The short name (`beløp`).
    pub key: String,
    /// The template's header (`Omsøkt beløp`).
    pub column: String,
    pub required: bool,
    pub help: String,
}

/// The file's column the person chose for one field: `beløp` = `Søkt beløp (kr)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, specta::Type)]
pub struct ColumnChoice {
    /// The field's short name or any header it accepts (`beløp`, `Omsøkt beløp`).
    pub field: String,
    /// The header as written in the file.
    pub header: String,
}

/// The columns a person chose for fields whose headers the import does not recognise. An
/// empty mapping reads the file by its headers alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize, specta::Type)]
pub struct ColumnMapping {
    pub columns: Vec<ColumnChoice>,
}

impl ColumnMapping {
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }
}

/// Applications read from a file, with the form the file came from and the mapping used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadApplications {
    pub applications: Vec<Application>,
    /// The file's headers, normalised (`Table::form_key`): the key a mapping is saved under.
    pub form: String,
    pub mapping: ColumnMapping,
}

/// One thing wrong in one cell (or row) of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RowProblem {
    /// The row as the spreadsheet numbers it: the header row is 1.
    #[specta(type = u32)]
    pub row: usize,
    /// The column's header as written in the file (the template's header if the column is absent).
    pub column: String,
    /// The cell's text, empty when the cell is empty.
    pub text: String,
    /// What is wrong and what to do, in Norwegian.
    pub problem: String,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "Rad {}, kolonne «{}»: {}", self.row, self.column, self.problem)
    }
}

/// Reads applications from a `.csv`, `.xlsx` or `.xls` file, chosen by the file's extension.
pub fn read_applications(path: &Path, round: &Round) -> Result<Vec<Application>, ImportError> {
    read_applications_mapped(path, round, |_| ColumnMapping::default())
        .map(|read| read.applications)
}

/// Reads applications with the columns `mapping` chooses for the file's form (its headers,
/// normalised): the caller gives the person's choice, or the mapping saved for that form.
pub fn read_applications_mapped(
    path: &Path,
    round: &Round,
    mapping: impl FnOnce(&str) -> ColumnMapping,
) -> Result<ReadApplications, ImportError> {
    let file = file_name(path);
    let table = read_application_table(path)?;
    let form = table.form_key();
    let mapping = mapping(&form);
    let applications = applications::read(&table, round, &mapping)
        .map_err(|kind| ImportError { file: file.clone(), kind })?;
    Ok(ReadApplications { applications, form, mapping })
}

fn read_application_table(path: &Path) -> Result<Table, ImportError> {
    let file = file_name(path);
    let extension =
        path.extension().and_then(|extension| extension.to_str()).unwrap_or("").to_lowercase();
    let read: fn(&[u8]) -> Result<Table, ImportErrorKind> = match extension.as_str() {
        "csv" => Table::from_csv,
        "xlsx" | "xlsm" | "xls" => |bytes| Table::from_workbook(bytes, applications::SHEET_NAME),
        _ => {
            return Err(ImportError { file, kind: ImportErrorKind::UnknownFormat { extension } });
        }
    };
    let bytes = std::fs::read(path).map_err(|error| ImportError {
        file: file.clone(),
        kind: ImportErrorKind::Unreadable { reason: describe_io_error(&error, "leses") },
    })?;
    read(&bytes).map_err(|kind| ImportError { file, kind })
}

/// Reads applications from the bytes of a CSV file.
pub fn parse_applications_csv(
    bytes: &[u8],
    file_name: &str,
    round: &Round,
) -> Result<Vec<Application>, ImportError> {
    let result = Table::from_csv(bytes)
        .and_then(|table| applications::read(&table, round, &ColumnMapping::default()));
    result.map_err(|kind| ImportError { file: file_name.to_owned(), kind })
}

/// Reads applications from the bytes of an Excel workbook (`.xlsx`, and `.xls` too).
///
/// The sheet named «Søknader» is read if there is one, else the first sheet.
pub fn parse_applications_xlsx(
    bytes: &[u8],
    file_name: &str,
    round: &Round,
) -> Result<Vec<Application>, ImportError> {
    let result = Table::from_workbook(bytes, applications::SHEET_NAME)
        .and_then(|table| applications::read(&table, round, &ColumnMapping::default()));
    result.map_err(|kind| ImportError { file: file_name.to_owned(), kind })
}

/// Reads members' scores from the bytes of a CSV file, against the round's members, applications
/// and criteria.
pub fn parse_scores_csv(
    bytes: &[u8],
    file_name: &str,
    round: &Round,
) -> Result<Vec<Score>, ImportError> {
    let result = Table::from_csv(bytes).and_then(|table| scores::read_scores(&table, round));
    result.map_err(|kind| ImportError { file: file_name.to_owned(), kind })
}

/// Reads declared conflicts of interest from the bytes of a CSV file.
pub fn parse_recusals_csv(
    bytes: &[u8],
    file_name: &str,
    round: &Round,
) -> Result<Vec<Recusal>, ImportError> {
    let result = Table::from_csv(bytes).and_then(|table| scores::read_recusals(&table, round));
    result.map_err(|kind| ImportError { file: file_name.to_owned(), kind })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

/// An I/O error in Norwegian; `verb` is `leses` or `skrives`.
fn describe_io_error(error: &std::io::Error, verb: &str) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => {
            format!(
                "Filen kunne ikke {verb}, fordi den eller mappen ikke finnes. Velg filen på nytt."
            )
        }
        std::io::ErrorKind::PermissionDenied => format!(
            "Filen kunne ikke {verb}, fordi du mangler tilgang. Lukk filen hvis den er åpen i Excel, eller velg en annen mappe."
        ),
        _ => format!(
            "Filen kunne ikke {verb} ({error}). Lukk filen hvis den er åpen i et annet program, og prøv igjen."
        ),
    }
}

fn describe_extension(extension: &str) -> String {
    if extension.is_empty() { "uten filendelse".to_owned() } else { format!("«.{extension}»") }
}

fn quote_list(items: &[String], last_separator: &str) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("«{item}»")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{}{last_separator}{last}", rest.join(", "))
        }
        _ => quoted.concat(),
    }
}

fn describe_missing_columns(
    missing: &[MissingColumn],
    found: &[String],
    choosable: bool,
) -> String {
    let mut text = if missing.len() == 1 {
        "Filen mangler en påkrevd kolonne: ".to_owned()
    } else {
        format!("Filen mangler {} påkrevde kolonner: ", missing.len())
    };
    let described: Vec<String> = missing
        .iter()
        .map(|column| {
            if choosable {
                format!(
                    "«{}» (felt {}; godtatte overskrifter: {})",
                    column.column,
                    column.key,
                    column.accepted.join(", ")
                )
            } else {
                format!(
                    "«{}» (godtatte overskrifter: {})",
                    column.column,
                    column.accepted.join(", ")
                )
            }
        })
        .collect();
    text.push_str(&described.join("; "));
    text.push_str(". Overskriftene i filen er ");
    if found.is_empty() {
        text.push_str("tomme");
    } else {
        text.push_str(&quote_list(found, " og "));
    }
    if choosable {
        text.push_str(
            ". Velg hvilken kolonne i filen som er hvilket felt (på kommandolinjen: --kolonne beløp=\"Søkt beløp (kr)\"), eller gi kolonnene en av de godtatte overskriftene og importer filen på nytt.",
        );
    } else {
        text.push_str(". Gi kolonnene en av de godtatte overskriftene, og importer filen på nytt.");
    }
    text
}

fn describe_bad_rows(problems: &[RowProblem]) -> String {
    let mut rows: Vec<usize> = problems.iter().map(|problem| problem.row).collect();
    rows.dedup();
    let problem_count = problems.len();
    let row_count = rows.len();
    let mut text = format!(
        "Fant {problem_count} feil i {row_count} {}. Ingenting er importert; rett feilene i filen og importer den på nytt.",
        if row_count == 1 { "rad" } else { "rader" }
    );
    for problem in problems {
        text.push_str("\n- ");
        text.push_str(&problem.to_string());
    }
    text
}
