//! Scores and recusals from CSV, checked against the round's members, applications and criteria.
//!
//! These files refer to things the round already has, so most problems are names that do not
//! match. Each message lists what would have matched, because the person fixing the file usually
//! has the file open and not the round.

use std::collections::HashMap;

use samvurd_core::{
    Application, ApplicationRef, Criterion, CriterionId, Member, MemberId, Recusal, Round, Score,
    ScoreValue, TextField,
};

use super::ImportErrorKind;
use super::table::{ColumnSpec, Problems, RowReader, Table, same_name};

pub(crate) static MEMBER: ColumnSpec = ColumnSpec {
    key: "medlem",
    header: "Medlem",
    accepted: &["Medlem", "member"],
    required: true,
    help: "Medlemmets ID eller navn slik det står i runden.",
    example: "kari",
};
pub(crate) static APPLICATION: ColumnSpec = ColumnSpec {
    key: "søknad",
    header: "Søknad",
    accepted: &["Søknad", "application"],
    required: true,
    help: "Søknadsnummeret.",
    example: "VV-2026-001",
};
pub(crate) static CRITERION: ColumnSpec = ColumnSpec {
    key: "kriterium",
    header: "Kriterium",
    accepted: &["Kriterium", "criterion"],
    required: true,
    help: "Kriteriets ID eller navn.",
    example: "baerekraft",
};
pub(crate) static SCORE: ColumnSpec = ColumnSpec {
    key: "skår",
    header: "Skår",
    accepted: &["Skår", "Score"],
    required: true,
    help: "Et heltall på rundens skala, eller IR for ikke relevant.",
    example: "5",
};
pub(crate) static JUSTIFICATION: ColumnSpec = ColumnSpec {
    key: "begrunnelse",
    header: "Begrunnelse",
    accepted: &["Begrunnelse", "justification"],
    required: false,
    help: "Kort begrunnelse for skåren.",
    example: "Tydelig plan for drift etter prosjektperioden.",
};
pub(crate) static REASON: ColumnSpec = ColumnSpec {
    key: "begrunnelse",
    header: "Begrunnelse",
    accepted: &["Begrunnelse", "reason"],
    required: true,
    help: "Grunnen til inhabiliteten (forvaltningsloven § 6).",
    example: "Leder prosjektet i egen kommune",
};

pub(crate) static SCORE_COLUMNS: [&ColumnSpec; 5] =
    [&MEMBER, &APPLICATION, &CRITERION, &SCORE, &JUSTIFICATION];
pub(crate) static RECUSAL_COLUMNS: [&ColumnSpec; 3] = [&MEMBER, &APPLICATION, &REASON];

pub(crate) fn read_scores(table: &Table, round: &Round) -> Result<Vec<Score>, ImportErrorKind> {
    let columns = table.columns(&SCORE_COLUMNS, None)?;
    let mut problems = Problems::default();
    let mut first_rows: HashMap<(MemberId, ApplicationRef, CriterionId), usize> = HashMap::new();
    let mut scores = Vec::new();
    for row in &table.rows {
        let mut reader = RowReader::new(row, &columns, &mut problems);
        let member = read_member(&mut reader, round);
        let application = read_application(&mut reader, round);
        let criterion = read_criterion(&mut reader, round);
        let value = read_score_value(&mut reader, round, criterion);
        let justification =
            reader.text_as(&JUSTIFICATION, TextField::Justification).unwrap_or_default();

        let (Some(member), Some(application), Some(criterion)) = (member, application, criterion)
        else {
            continue;
        };
        if round.is_recused(&member.id, &application.reference) {
            let message = format!(
                "{} har meldt seg inhabil i søknad {} og kan ikke gi skår på den. Slett raden, eller fjern inhabiliteten i runden hvis den er feil.",
                member.name, application.reference
            );
            reader.problem(&APPLICATION, message);
        }
        let key = (member.id.clone(), application.reference.clone(), criterion.id.clone());
        if let Some(first_row) = first_rows.get(&key) {
            let message = format!(
                "{} har allerede en skår for søknad {} på kriteriet «{}» på rad {first_row}. Slett den ene raden.",
                member.name, application.reference, criterion.name
            );
            reader.problem(&SCORE, message);
        } else {
            first_rows.insert(key, row.number);
        }
        if let (Some(value), true) = (value, reader.is_clean()) {
            scores.push(Score {
                member: member.id.clone(),
                application: application.reference.clone(),
                criterion: criterion.id.clone(),
                value,
                justification,
            });
        }
    }
    problems.finish(scores)
}

pub(crate) fn read_recusals(table: &Table, round: &Round) -> Result<Vec<Recusal>, ImportErrorKind> {
    let columns = table.columns(&RECUSAL_COLUMNS, None)?;
    let mut problems = Problems::default();
    let mut first_rows: HashMap<(MemberId, ApplicationRef), usize> = HashMap::new();
    let mut recusals = Vec::new();
    for row in &table.rows {
        let mut reader = RowReader::new(row, &columns, &mut problems);
        let member = read_member(&mut reader, round);
        let application = read_application(&mut reader, round);
        // Forvaltningsloven § 6 makes inhabilitet a matter of stated grounds, and the
        // innstilling reports them, so a recusal without a reason is not accepted.
        let reason = reader.required_text_as(&REASON, TextField::Justification);

        let (Some(member), Some(application)) = (member, application) else {
            continue;
        };
        let key = (member.id.clone(), application.reference.clone());
        if let Some(first_row) = first_rows.get(&key) {
            let message = format!(
                "{} er allerede meldt inhabil i søknad {} på rad {first_row}. Slett den ene raden.",
                member.name, application.reference
            );
            reader.problem(&APPLICATION, message);
        } else {
            first_rows.insert(key, row.number);
        }
        if let (Some(reason), true) = (reason, reader.is_clean()) {
            recusals.push(Recusal {
                member: member.id.clone(),
                application: application.reference.clone(),
                reason,
            });
        }
    }
    problems.finish(recusals)
}

/// A member by id or by name, both without regard to case.
fn read_member<'r>(reader: &mut RowReader<'_>, round: &'r Round) -> Option<&'r Member> {
    let text = reader.required_text(&MEMBER)?;
    if let Some(member) =
        round.members.iter().find(|member| member.id.as_str().eq_ignore_ascii_case(&text))
    {
        return Some(member);
    }
    let by_name: Vec<&Member> =
        round.members.iter().filter(|member| same_name(&member.name, &text)).collect();
    let message = match by_name.as_slice() {
        [member] => return Some(member),
        [] if round.members.is_empty() => {
            "Runden har ingen medlemmer ennå. Legg inn arbeidsgruppen før du importerer.".to_owned()
        }
        [] => {
            let known: Vec<String> = round
                .members
                .iter()
                .map(|member| format!("{} ({})", member.id, member.name))
                .collect();
            format!(
                "Ukjent medlem «{text}». Skriv medlemmets ID eller navn slik det står i runden: {}.",
                known.join(", ")
            )
        }
        several => {
            let ids: Vec<&str> = several.iter().map(|member| member.id.as_str()).collect();
            format!(
                "Flere medlemmer heter «{text}». Skriv medlemmets ID i stedet: {}.",
                ids.join(" eller ")
            )
        }
    };
    reader.problem(&MEMBER, message);
    None
}

/// An application by reference, without regard to case.
fn read_application<'r>(reader: &mut RowReader<'_>, round: &'r Round) -> Option<&'r Application> {
    let text = reader.required_text(&APPLICATION)?;
    let found = round
        .applications
        .iter()
        .find(|application| application.reference.as_str().to_lowercase() == text.to_lowercase());
    if found.is_none() {
        let message = if round.applications.is_empty() {
            "Runden har ingen søknader ennå. Importer søknadene før skårene.".to_owned()
        } else {
            let references: Vec<&str> = round
                .applications
                .iter()
                .map(|application| application.reference.as_str())
                .collect();
            format!(
                "Ukjent søknad «{text}». Søknadene i runden er {}.",
                abbreviated_list(&references)
            )
        };
        reader.problem(&APPLICATION, message);
    }
    found
}

/// A criterion by id or by name, both without regard to case.
fn read_criterion<'r>(reader: &mut RowReader<'_>, round: &'r Round) -> Option<&'r Criterion> {
    let text = reader.required_text(&CRITERION)?;
    let found = round.criteria.iter().find(|criterion| {
        criterion.id.as_str().eq_ignore_ascii_case(&text) || same_name(&criterion.name, &text)
    });
    if found.is_none() {
        let known: Vec<String> = round
            .criteria
            .iter()
            .map(|criterion| format!("{} ({})", criterion.id, criterion.name))
            .collect();
        let message = format!(
            "Ukjent kriterium «{text}». Skriv kriteriets ID eller navn: {}.",
            known.join(", ")
        );
        reader.problem(&CRITERION, message);
    }
    found
}

/// An integer on the round's scale, or *ikke relevant* where the criterion allows it.
fn read_score_value(
    reader: &mut RowReader<'_>,
    round: &Round,
    criterion: Option<&Criterion>,
) -> Option<ScoreValue> {
    let text = reader.required_text(&SCORE)?;
    let scale = &round.info.scale;
    // Without a known criterion *ikke relevant* may or may not be allowed; the unknown
    // criterion is reported already, so the hint is only given when it is certain.
    let allows_not_applicable = criterion.is_some_and(|criterion| criterion.allow_not_applicable);
    let alternatives = if allows_not_applicable {
        format!("et heltall fra {} til {}, eller «IR» for ikke relevant", scale.min, scale.max)
    } else {
        format!("et heltall fra {} til {}", scale.min, scale.max)
    };
    if matches!(text.to_lowercase().as_str(), "ir" | "i.r." | "i.r" | "ikke relevant") {
        if let Some(criterion) = criterion
            && !criterion.allow_not_applicable
        {
            let message = format!(
                "Kriteriet «{}» tillater ikke «ikke relevant». Skriv {alternatives}.",
                criterion.name
            );
            reader.problem(&SCORE, message);
            return None;
        }
        return Some(ScoreValue::NotApplicable);
    }
    let message = match text.parse::<i32>() {
        Ok(value) if scale.contains(value) => return Some(ScoreValue::Value(value)),
        Ok(value) => {
            format!("Skåren {value} er utenfor skalaen {}. Skriv {alternatives}.", scale.label())
        }
        Err(_) => format!("«{text}» er ikke et heltall. Skriv {alternatives}."),
    };
    reader.problem(&SCORE, message);
    None
}

/// `a, b, c` for short lists and `a, b, … og 22 til` for long ones, so that a message about a
/// round with 40 applications stays readable.
fn abbreviated_list(items: &[&str]) -> String {
    const SHOWN: usize = 10;
    if items.len() <= SHOWN + 2 {
        return items.join(", ");
    }
    format!("{}, … og {} til", items[..SHOWN].join(", "), items.len() - SHOWN)
}
