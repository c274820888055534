//! The application columns, and the checks that turn one row into an [`Application`].
//!
//! The column specs here are the single source for the importer, the templates' headers and
//! help sheet, and the documentation test; adding a header alias is a change in one place.

use std::collections::HashMap;

use samvurd_core::{
    ApplicantSide, Application, ApplicationKind, ApplicationRef, Money, Round, TextField,
};

use super::table::{ColumnSpec, Problems, RowReader, Table, format_date};
use super::{ColumnMapping, ImportErrorKind};

/// The sheet the template writes the columns in, and the one read when a workbook has it.
pub(crate) const SHEET_NAME: &str = "Søknader";

pub(crate) static REFERENCE: ColumnSpec = ColumnSpec {
    key: "søknadsnr",
    header: "Søknadsnr",
    accepted: &["Søknadsnr", "Søknadsnummer", "Referanse", "Ref", "reference", "ref"],
    required: true,
    help: "Søknadens nummer slik søker og SSU kjenner den. Må være unikt i runden.",
    example: "VV-2026-001",
};
pub(crate) static TITLE: ColumnSpec = ColumnSpec {
    key: "tittel",
    header: "Tittel",
    accepted: &["Tittel", "Prosjektnavn", "Prosjekttittel", "title"],
    required: true,
    help: "Prosjektets navn.",
    example: "Felles ambulant team for utskrivningsklare pasienter",
};
pub(crate) static APPLICANT: ColumnSpec = ColumnSpec {
    key: "søker",
    header: "Ansvarlig søker",
    accepted: &["Ansvarlig søker", "Søker", "applicant"],
    required: true,
    help: "Organisasjonen som er ansvarlig for søknaden.",
    example: "Drammen kommune",
};
pub(crate) static SIDE: ColumnSpec = ColumnSpec {
    key: "søkerside",
    header: "Søkerside",
    accepted: &["Søkerside", "Ansvarlig part", "applicant_side"],
    required: false,
    help: "kommune, HF eller annet. Kan stå tom når søkerens navn sier det sikkert: en kommune eller et helseforetak eller sykehus i registeret (også samiske og nynorske navn), eller et navn med «kommune», «HF», «helseforetak», «sykehus» eller «sjukehus».",
    example: "kommune",
};
pub(crate) static PARTNERS: ColumnSpec = ColumnSpec {
    key: "partnere",
    header: "Samarbeidspartnere",
    accepted: &["Samarbeidspartnere", "Partnere", "partners"],
    required: false,
    help: "De andre partene i prosjektet, skilt med semikolon.",
    example: "Vestre Viken HF; Lier kommune",
};
pub(crate) static PRIORITY_AREA: ColumnSpec = ColumnSpec {
    key: "målgruppe",
    header: "Målgruppe",
    accepted: &["Målgruppe", "Prioritert område", "Satsingsområde", "priority_area"],
    required: false,
    help: "Målgruppen eller det prioriterte området søknaden gjelder.",
    example: "Utskrivningsklare pasienter",
};
pub(crate) static PERIOD_START: ColumnSpec = ColumnSpec {
    key: "fra",
    header: "Periode fra",
    accepted: &["Periode fra", "Startdato", "period_start"],
    required: false,
    help: "Prosjektperiodens første dag, som dato (01.01.2027).",
    example: "01.01.2027",
};
pub(crate) static PERIOD_END: ColumnSpec = ColumnSpec {
    key: "til",
    header: "Periode til",
    accepted: &["Periode til", "Sluttdato", "period_end"],
    required: false,
    help: "Prosjektperiodens siste dag, som dato. Kan ikke være før «Periode fra».",
    example: "31.12.2027",
};
pub(crate) static AMOUNT_REQUESTED: ColumnSpec = ColumnSpec {
    key: "beløp",
    header: "Omsøkt beløp",
    accepted: &["Omsøkt beløp", "Søknadsbeløp", "Beløp", "amount_requested"],
    required: true,
    help: "Beløpet det søkes om, i kroner. Må være større enn 0 og ha høyst to desimaler.",
    example: "1 200 000",
};
pub(crate) static OWN_CONTRIBUTION_KOMMUNE: ColumnSpec = ColumnSpec {
    key: "egeninnsats_kommune",
    header: "Egeninnsats kommune",
    accepted: &["Egeninnsats kommune", "own_contribution_kommune"],
    required: false,
    help: "Kommunens egeninnsats i kroner. Tom celle betyr 0.",
    example: "300 000",
};
pub(crate) static OWN_CONTRIBUTION_HF: ColumnSpec = ColumnSpec {
    key: "egeninnsats_hf",
    header: "Egeninnsats HF",
    accepted: &["Egeninnsats HF", "own_contribution_hf"],
    required: false,
    help: "Helseforetakets egeninnsats i kroner. Tom celle betyr 0.",
    example: "250 000",
};
pub(crate) static SUMMARY: ColumnSpec = ColumnSpec {
    key: "sammendrag",
    header: "Sammendrag",
    accepted: &["Sammendrag", "Beskrivelse", "summary"],
    required: false,
    help: "Et kort sammendrag av prosjektet.",
    example: "Teamet følger opp pasienter de første ukene etter utskrivning.",
};
pub(crate) static KIND: ColumnSpec = ColumnSpec {
    key: "type",
    header: "Ny/videreføring",
    accepted: &["Ny/videreføring", "Type", "kind"],
    required: false,
    help: "ny eller videreføring. Tom celle betyr ny.",
    example: "ny",
};

/// Every application column, in the template's order.
pub(crate) static COLUMNS: [&ColumnSpec; 13] = [
    &REFERENCE,
    &TITLE,
    &APPLICANT,
    &SIDE,
    &PARTNERS,
    &PRIORITY_AREA,
    &PERIOD_START,
    &PERIOD_END,
    &AMOUNT_REQUESTED,
    &OWN_CONTRIBUTION_KOMMUNE,
    &OWN_CONTRIBUTION_HF,
    &SUMMARY,
    &KIND,
];

/// Reads every row, or reports every problem. `mapping` holds the columns the person chose for
/// fields whose headers the import does not recognise.
pub(crate) fn read(
    table: &Table,
    round: &Round,
    mapping: &ColumnMapping,
) -> Result<Vec<Application>, ImportErrorKind> {
    let columns = table.columns(&COLUMNS, Some(mapping))?;
    let mut problems = Problems::default();
    // Lower-cased reference -> the row it was first seen on. References are compared without
    // case because the score import finds applications that way too.
    let mut first_rows: HashMap<String, usize> = HashMap::new();
    let mut applications = Vec::new();
    for row in &table.rows {
        let mut reader = RowReader::new(row, &columns, &mut problems);
        if let Some(application) = read_row(&mut reader, round, &mut first_rows) {
            applications.push(application);
        }
    }
    problems.finish(applications)
}

fn read_row(
    reader: &mut RowReader<'_>,
    round: &Round,
    first_rows: &mut HashMap<String, usize>,
) -> Option<Application> {
    let reference = reader.required_text(&REFERENCE);
    if let Some(reference) = &reference {
        check_reference(reader, reference, round, first_rows);
    }
    let title = reader.required_text_as(&TITLE, TextField::Title);
    let applicant = reader.required_text(&APPLICANT);
    let applicant_side = read_side(reader, applicant.as_deref());
    let partners = reader.text(&PARTNERS).unwrap_or_default();
    let priority_area = reader.text(&PRIORITY_AREA).unwrap_or_default();

    let period_start = reader.date(&PERIOD_START);
    let period_end = reader.date(&PERIOD_END);
    if let (Some(start), Some(end)) = (period_start, period_end)
        && end < start
    {
        let message = format!(
            "Perioden slutter {} før den starter {}. Rett «Periode fra» eller «Periode til».",
            format_date(end),
            format_date(start)
        );
        reader.problem(&PERIOD_END, message);
    }

    let amount_requested = reader.required_money(&AMOUNT_REQUESTED);
    if let Some(amount) = amount_requested {
        check_amount(reader, &AMOUNT_REQUESTED, amount, ZeroAllowed::No);
    }
    let own_contribution_kommune = read_own_contribution(reader, &OWN_CONTRIBUTION_KOMMUNE);
    let own_contribution_hf = read_own_contribution(reader, &OWN_CONTRIBUTION_HF);
    let summary = reader.text_as(&SUMMARY, TextField::Summary).unwrap_or_default();
    let kind = read_kind(reader);
    let extra = reader.extra();
    let kommune = applicant
        .as_deref()
        .filter(|_| applicant_side == Some(ApplicantSide::Kommune))
        .and_then(kommune_of);

    if !reader.is_clean() {
        return None;
    }
    Some(Application {
        reference: ApplicationRef::new(reference?),
        title: title?,
        applicant: applicant?,
        applicant_side: applicant_side?,
        partners,
        priority_area,
        period_start,
        period_end,
        amount_requested: amount_requested?,
        own_contribution_kommune,
        own_contribution_hf,
        summary,
        kind,
        kommune,
        extra,
    })
}

fn check_reference(
    reader: &mut RowReader<'_>,
    reference: &str,
    round: &Round,
    first_rows: &mut HashMap<String, usize>,
) {
    let key = reference.to_lowercase();
    if let Some(first_row) = first_rows.get(&key) {
        let message = format!(
            "Søknadsnummeret {reference} står også på rad {first_row}. Hver søknad kan bare stå én gang; slett den ene raden eller rett nummeret."
        );
        reader.problem(&REFERENCE, message);
    } else {
        first_rows.insert(key.clone(), reader.row.number);
    }
    if let Some(existing) = round
        .applications
        .iter()
        .find(|application| application.reference.as_str().to_lowercase() == key)
    {
        let message = format!(
            "Søknad {} («{}») finnes allerede i runden. Fjern raden fra filen, eller slett søknaden i runden før du importerer.",
            existing.reference, existing.title
        );
        reader.problem(&REFERENCE, message);
    }
}

/// The side as written, or derived from the applicant's name when that is unambiguous.
fn read_side(reader: &mut RowReader<'_>, applicant: Option<&str>) -> Option<ApplicantSide> {
    if let Some(text) = reader.text(&SIDE) {
        let side = ApplicantSide::parse(&text);
        if side.is_none() {
            let message =
                format!("«{text}» er ikke en søkerside. Skriv «kommune», «HF» eller «annet».");
            reader.problem(&SIDE, message);
        }
        return side;
    }
    // A missing applicant is reported on its own column; guessing from nothing would only
    // add a second message about the same gap.
    let applicant = applicant?;
    let side = side_from_name(applicant);
    if side.is_none() {
        let message = format!(
            "Søkerside mangler, og den kan ikke leses sikkert ut av søkerens navn «{applicant}». Fyll inn «kommune», «HF» eller «annet»."
        );
        reader.problem(&SIDE, message);
    }
    side
}

/// Kommune or HF from the applicant's name, when only one of them fits. The register
/// ([`crate::register`]) decides first: it knows every kommune (with its Sámi and Kven names
/// and its name in Enhetsregisteret, «Guovdageainnu suohkan») and every helseforetak and
/// hospital («Helse Stavanger», «Haukeland universitetssjukehus», «St. Olavs hospital»). A
/// name it does not know falls back to the words in it: `Drammen kommune`, `Vestre Viken HF`.
/// `Drammen kommune og Vestre Viken HF` fits both and gives `None`, and so the row asks.
pub(crate) fn side_from_name(name: &str) -> Option<ApplicantSide> {
    match crate::register::identify(name) {
        crate::register::Identified::Unknown => side_from_words(name),
        known => known.side(),
    }
}

/// The applicant's kommune with its number, `Stavanger (1103)`, when the register knows exactly
/// one kommune by this name.
pub(crate) fn kommune_of(applicant: &str) -> Option<String> {
    match crate::register::identify(applicant) {
        crate::register::Identified::Kommune(kommune) => {
            Some(format!("{} ({})", kommune.name, kommune.number))
        }
        _ => None,
    }
}

fn side_from_words(name: &str) -> Option<ApplicantSide> {
    let lower = name.to_lowercase();
    let kommune =
        lower.contains("kommune") || lower.contains("suohkan") || lower.contains("gielda");
    let hf = lower.ends_with(" hf")
        || lower == "hf"
        || lower.contains("helseforetak")
        || lower.contains("sykehus")
        || lower.contains("sjukehus");
    match (kommune, hf) {
        (true, false) => Some(ApplicantSide::Kommune),
        (false, true) => Some(ApplicantSide::Hf),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ZeroAllowed {
    Yes,
    No,
}

fn read_own_contribution(reader: &mut RowReader<'_>, spec: &'static ColumnSpec) -> Money {
    let amount = reader.money(spec);
    if let Some(amount) = amount {
        check_amount(reader, spec, amount, ZeroAllowed::Yes);
    }
    amount.unwrap_or(Money::ZERO)
}

/// The rules every amount in an application follows beyond being a number: not negative,
/// kroner and øre only, and the requested amount more than zero.
fn check_amount(
    reader: &mut RowReader<'_>,
    spec: &'static ColumnSpec,
    amount: Money,
    zero_allowed: ZeroAllowed,
) {
    let text = reader.display(spec);
    if amount.is_negative() {
        let message = format!("«{text}» er negativt. Skriv beløpet uten minustegn.");
        reader.problem(spec, message);
    } else if zero_allowed == ZeroAllowed::No && amount.amount().is_zero() {
        let message = format!("«{text}» er null. Omsøkt beløp må være større enn 0 kr.");
        reader.problem(spec, message);
    }
    if amount.amount().normalize().scale() > 2 {
        let message = format!(
            "«{text}» har mer enn to desimaler. Skriv beløpet i kroner og øre, f.eks. «1 200 000,50»."
        );
        reader.problem(spec, message);
    }
}

fn read_kind(reader: &mut RowReader<'_>) -> ApplicationKind {
    let Some(text) = reader.text(&KIND) else {
        return ApplicationKind::New;
    };
    ApplicationKind::parse(&text).unwrap_or_else(|| {
        let message =
            format!("«{text}» er verken ny eller videreføring. Skriv «ny» eller «videreføring».");
        reader.problem(&KIND, message);
        ApplicationKind::New
    })
}
