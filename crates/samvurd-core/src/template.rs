//! Criteria templates: the criteria, weights, gates and scale a round starts from.
//!
//! A template is a small TOML file (the format is documented for chairs in
//! `docs/criteria-format.md`). Five are built in, one per scheme in the seed documents plus the
//! product's own five-criterion standard, and a chair can export one with
//! [`Template::to_toml_string`], edit it and load it again with [`Template::from_toml_str`].
//! Because a hand-edited file is the normal case, every refusal names the criterion or gate
//! and says in Norwegian what to change. Weights are exact decimals: a TOML float such as
//! `1.5` is refused and must be written `"1.5"`, so that no weight is ever rounded by the parser.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::reporting::{MAX_MONTHS, Periodic, ReportingRules};
use crate::{Criterion, CriterionId, Gate, GateId, Scale, ScaleError, is_valid_key};

/// The templates that ship with Samvurd, in the order they are offered.
pub const BUILTIN_TEMPLATE_IDS: [&str; 5] =
    ["standard", "helse-nord", "ostfold", "sor-rogaland", "vest-viken"];

/// Embeds one template file by id, so the id and the file name cannot drift apart.
macro_rules! builtin_source {
    ($id:literal) => {
        (
            $id,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../assets/criteria/",
                $id,
                ".toml"
            )),
        )
    };
}

/// The embedded template files. They are read at compile time so that the program has no
/// install directory to lose; a test checks that this list and `BUILTIN_TEMPLATE_IDS` agree.
const BUILTIN_SOURCES: [(&str, &str); 5] = [
    builtin_source!("standard"),
    builtin_source!("helse-nord"),
    builtin_source!("ostfold"),
    builtin_source!("sor-rogaland"),
    builtin_source!("vest-viken"),
];

/// A set of criteria, gates and a scale that a round can be created from.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// A key such as `ostfold`, stored in the round as `template_id`.
    pub id: String,
    pub name: String,
    /// The helsefellesskap the template belongs to; empty for a generic template.
    pub helsefellesskap: String,
    /// What the template is for and why the weights are what they are.
    pub description: String,
    /// The document the criteria come from, for the method appendix.
    pub source: String,
    pub scale: Scale,
    pub criteria: Vec<Criterion>,
    pub gates: Vec<Gate>,
    /// Which reports a granted project owes, and when (`[reporting]`; empty when absent).
    pub reporting: ReportingRules,
}

/// Why a template file cannot be used. Each message names the place and says what to change.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error(
        "Kriteriemalen er ikke gyldig TOML {} (parserens melding: {detail}). Rett skrivemåten der, for eksempel et \
         manglende anførselstegn, likhetstegn eller klammeparentes, og last inn filen på nytt.",
        at(*.line, *.column)
    )]
    Syntax { line: Option<usize>, column: Option<usize>, detail: String },

    #[error(
        "Kriteriemalen har en verdi av feil type {} (parserens melding: {detail}). Tekst skal stå i anførselstegn, \
         ja/nei skrives true eller false, og tall skrives uten anførselstegn.",
        at(*.line, *.column)
    )]
    WrongType { line: Option<usize>, column: Option<usize>, detail: String },

    #[error(
        "Ukjent nøkkel «{key}» i {place}. Tillatte nøkler der er {allowed}; rett stavemåten eller \
         fjern linjen."
    )]
    UnknownKey { place: String, key: String, allowed: String },

    #[error("Det mangler «{key}» i {place}. Legg til en linje som {example}.")]
    MissingKey { place: String, key: String, example: String },

    #[error(
        "Malen har ingen kriterier. Legg til minst ett [[criteria]]-avsnitt med id, name og weight."
    )]
    NoCriteria,

    #[error(
        "«{key}» er ikke en gyldig id for {place}. Bruk bare små bokstaver a–z (ikke æ, ø, å), \
         sifre, bindestrek og understrek, høyst 64 tegn, for eksempel «minste-sykehus»."
    )]
    InvalidKey { place: String, key: String },

    #[error(
        "Kriteriet «{id}» står flere ganger i malen. Gi hvert kriterium sin egen id, eller slett \
         det ene."
    )]
    DuplicateCriterion { id: String },

    #[error(
        "Porten «{id}» står flere ganger i malen. Gi hver port sin egen id, eller slett den ene."
    )]
    DuplicateGate { id: String },

    #[error("Navnet er tomt i {place}. Skriv navnet slik arbeidsgruppen skal se det.")]
    EmptyName { place: String },

    #[error(
        "Spørsmålet er tomt i {place}. Skriv spørsmålet slik at det kan besvares med ja eller nei."
    )]
    EmptyQuestion { place: String },

    #[error(
        "Vekten til kriterium «{criterion}» er skrevet som flyttall ({value}), som ikke er eksakt. \
         Skriv den som heltall (weight = 2) eller som tekst i anførselstegn (weight = \"{value}\")."
    )]
    FloatWeight { criterion: String, value: String },

    #[error(
        "Vekten {text} til kriterium «{criterion}» er ikke et tall. Skriv den som heltall \
         (weight = 2) eller som desimaltall med punktum i anførselstegn (weight = \"1.5\")."
    )]
    WeightNotANumber { criterion: String, text: String },

    #[error(
        "Vekten til kriterium «{criterion}» er {weight}, men vekter må være større enn 0. Sett en \
         positiv vekt, eller fjern kriteriet hvis det ikke skal telle."
    )]
    WeightNotPositive { criterion: String, weight: Decimal },

    #[error("{error} {fix}", error = .0, fix = scale_fix(.0))]
    Scale(#[from] ScaleError),

    #[error(
        "«{key}» under [scale.descriptors] er ikke et heltall. Bruk verdien som nøkkel, for \
         eksempel 7 = \"Fremragende\"."
    )]
    DescriptorKey { key: String },

    #[error(
        "«{key} = {value}» under [reporting] er ikke et gyldig antall måneder. Skriv et heltall \
         fra 0 til 120, for eksempel {key} = 6."
    )]
    ReportingMonths { key: String, value: i64 },

    #[error(
        "«periodic = \"{value}\"» under [reporting] er ikke kjent. Skriv \"halvårlig\" eller \
         \"årlig\", eller fjern linjen hvis ordningen ikke har periodiske rapporter."
    )]
    ReportingPeriodic { value: String },

    #[error(
        "Verdien {value} har mer enn én beskrivelse under [scale.descriptors]. Behold bare én."
    )]
    DuplicateDescriptor { value: i32 },

    #[error(
        "Beskrivelsen av verdi {value} under [scale.descriptors] er tom. Skriv en tekst, eller \
         fjern linjen."
    )]
    EmptyDescriptor { value: i32 },

    #[error(
        "Skalaen «{id}» under [scale] finnes ikke. Innebygde skalaer: {known}. Skriv for eksempel \
         builtin = \"forskningsradet-0-5\"."
    )]
    UnknownBuiltinScale { id: String, known: String },

    #[error(
        "[scale] har både builtin = \"{id}\" og egne {keys}. Velg én av delene: fjern {keys}, \
         eller fjern builtin for å lage en egen skala."
    )]
    BuiltinScaleWithOwnSteps { id: String, keys: String },
}

/// What to change for each way a scale can be wrong.
fn scale_fix(error: &ScaleError) -> &'static str {
    match error {
        ScaleError::InvalidRange { .. } => "Rett min og max under [scale].",
        ScaleError::DescriptorOutside { .. } => {
            "Rett verdien eller fjern linjen under [scale.descriptors]."
        }
    }
}

/// `på linje 3, kolonne 7`, or a vaguer phrase when the parser gave no position.
fn at(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!("på linje {line}, kolonne {column}"),
        _ => "et sted i filen".to_owned(),
    }
}

impl Template {
    /// A built-in template by id (see [`BUILTIN_TEMPLATE_IDS`]), or `None` for an unknown id.
    pub fn builtin(id: &str) -> Option<Template> {
        let source = Template::builtin_source(id)?;
        // The built-in files are checked by this module's tests, so a failure here is a broken
        // build, not a user error.
        Some(Template::from_toml_str(source).expect("built-in criteria templates are valid"))
    }

    /// The built-in template file exactly as shipped, comments included, for a chair who wants
    /// to start their own file from it.
    pub fn builtin_source(id: &str) -> Option<&'static str> {
        BUILTIN_SOURCES.iter().find(|(candidate, _)| *candidate == id).map(|(_, source)| *source)
    }

    /// Reads and checks a template file.
    pub fn from_toml_str(text: &str) -> Result<Template, TemplateError> {
        // Parsing twice is cheap and lets each step give its own message: the untyped parse
        // reports syntax and unknown keys, the typed one reports values of the wrong type with
        // their position.
        let table: toml::Table = text.parse().map_err(|error: toml::de::Error| {
            let (line, column) = position(text, &error);
            TemplateError::Syntax { line, column, detail: error.message().trim().to_owned() }
        })?;
        check_known_keys(&table)?;
        let raw: RawTemplate = toml::from_str(text).map_err(|error| {
            let (line, column) = position(text, &error);
            TemplateError::WrongType { line, column, detail: error.message().trim().to_owned() }
        })?;
        let template = raw.into_template()?;
        template.validate()?;
        Ok(template)
    }

    /// Checks the rules every template must meet, also one built or edited in code: at least
    /// one criterion, valid and unique keys, names and questions filled in, positive weights and
    /// a valid scale.
    pub fn validate(&self) -> Result<(), TemplateError> {
        if !is_valid_key(&self.id) {
            return Err(TemplateError::InvalidKey {
                place: "malen".to_owned(),
                key: self.id.clone(),
            });
        }
        if self.name.trim().is_empty() {
            return Err(TemplateError::EmptyName { place: "malen".to_owned() });
        }
        Scale::with_descriptors(self.scale.min, self.scale.max, self.scale.descriptors.clone())?;
        if self.criteria.is_empty() {
            return Err(TemplateError::NoCriteria);
        }

        let mut criterion_ids = HashSet::new();
        for (index, criterion) in self.criteria.iter().enumerate() {
            let key = criterion.id.as_str();
            if !is_valid_key(key) {
                let place = format!("kriterium nr. {}", index + 1);
                return Err(TemplateError::InvalidKey { place, key: key.to_owned() });
            }
            if !criterion_ids.insert(key) {
                return Err(TemplateError::DuplicateCriterion { id: key.to_owned() });
            }
            if criterion.name.trim().is_empty() {
                return Err(TemplateError::EmptyName { place: format!("kriterium «{key}»") });
            }
            if criterion.weight <= Decimal::ZERO {
                return Err(TemplateError::WeightNotPositive {
                    criterion: key.to_owned(),
                    weight: criterion.weight,
                });
            }
        }

        let mut gate_ids = HashSet::new();
        for (index, gate) in self.gates.iter().enumerate() {
            let key = gate.id.as_str();
            if !is_valid_key(key) {
                let place = format!("port nr. {}", index + 1);
                return Err(TemplateError::InvalidKey { place, key: key.to_owned() });
            }
            if !gate_ids.insert(key) {
                return Err(TemplateError::DuplicateGate { id: key.to_owned() });
            }
            if gate.question.trim().is_empty() {
                return Err(TemplateError::EmptyQuestion { place: format!("port «{key}»") });
            }
        }
        Ok(())
    }

    /// Writes the template in the file format that [`Template::from_toml_str`] reads, so a chair
    /// can export a template, edit it and load it again.
    pub fn to_toml_string(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "# Kriteriemal for Samvurd. Formatet er beskrevet i docs/criteria-format.md.\n\
             # Vekter skrives som heltall (weight = 2) eller som tekst (weight = \"1.5\").\n\n",
        );
        write_field(&mut out, "id", &self.id);
        write_field(&mut out, "name", &self.name);
        write_field(&mut out, "helsefellesskap", &self.helsefellesskap);
        write_field(&mut out, "description", &self.description);
        write_field(&mut out, "source", &self.source);

        let _ = write!(out, "\n[scale]\nmin = {}\nmax = {}\n", self.scale.min, self.scale.max);
        if !self.scale.descriptors.is_empty() {
            out.push_str("\n[scale.descriptors]\n");
            for (value, label) in &self.scale.descriptors {
                let _ = writeln!(out, "{value} = {}", toml_string(label));
            }
        }

        for criterion in &self.criteria {
            out.push_str("\n[[criteria]]\n");
            write_field(&mut out, "id", criterion.id.as_str());
            write_field(&mut out, "name", &criterion.name);
            let _ = writeln!(out, "weight = {}", weight_literal(criterion.weight));
            let _ = writeln!(out, "allow_not_applicable = {}", criterion.allow_not_applicable);
            write_field(&mut out, "guidance", &criterion.guidance);
        }

        for gate in &self.gates {
            out.push_str("\n[[gates]]\n");
            write_field(&mut out, "id", gate.id.as_str());
            write_field(&mut out, "question", &gate.question);
            write_field(&mut out, "guidance", &gate.guidance);
        }

        let reporting = &self.reporting;
        if !reporting.is_empty() || !reporting.source.is_empty() {
            out.push_str("\n[reporting]\n");
            if let Some(months) = reporting.status_report_months {
                let _ = writeln!(out, "status_report_months = {months}");
            }
            if let Some(periodic) = reporting.periodic {
                write_field(&mut out, "periodic", periodic.label());
            }
            if let Some(months) = reporting.final_report_months {
                let _ = writeln!(out, "final_report_months = {months}");
            }
            let _ = writeln!(out, "yearly_confirmation = {}", reporting.yearly_confirmation);
            write_field(&mut out, "source", &reporting.source);
        }
        out
    }
}

/// The 1-based line and column (in characters) where a TOML error starts.
fn position(text: &str, error: &toml::de::Error) -> (Option<usize>, Option<usize>) {
    let Some(span) = error.span() else {
        return (None, None);
    };
    let offset = span.start.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let column = before[line_start..].chars().count() + 1;
    (Some(line), Some(column))
}

const TEMPLATE_KEYS: [&str; 9] = [
    "id",
    "name",
    "helsefellesskap",
    "description",
    "source",
    "scale",
    "criteria",
    "gates",
    "reporting",
];
const REPORTING_KEYS: [&str; 5] =
    ["status_report_months", "periodic", "final_report_months", "yearly_confirmation", "source"];
const SCALE_KEYS: [&str; 4] = ["builtin", "min", "max", "descriptors"];
const CRITERION_KEYS: [&str; 5] = ["id", "name", "weight", "allow_not_applicable", "guidance"];
const GATE_KEYS: [&str; 3] = ["id", "question", "guidance"];

/// Refuses keys the format does not know, most often a misspelling or a Norwegian key name
/// (`vekt` for `weight`). Done before typed parsing so the message can be in Norwegian.
fn check_known_keys(table: &toml::Table) -> Result<(), TemplateError> {
    check_keys(table, &TEMPLATE_KEYS, || "malen".to_owned())?;
    if let Some(toml::Value::Table(scale)) = table.get("scale") {
        check_keys(scale, &SCALE_KEYS, || "[scale]".to_owned())?;
    }
    if let Some(toml::Value::Table(reporting)) = table.get("reporting") {
        check_keys(reporting, &REPORTING_KEYS, || "[reporting]".to_owned())?;
    }
    for (list, allowed, noun) in
        [("criteria", &CRITERION_KEYS[..], "kriterium"), ("gates", &GATE_KEYS[..], "port")]
    {
        let Some(toml::Value::Array(items)) = table.get(list) else { continue };
        for (index, item) in items.iter().enumerate() {
            if let toml::Value::Table(item) = item {
                let id = item.get("id").and_then(toml::Value::as_str);
                check_keys(item, allowed, || place(noun, index, id))?;
            }
        }
    }
    Ok(())
}

fn check_keys(
    table: &toml::Table,
    allowed: &[&str],
    place: impl Fn() -> String,
) -> Result<(), TemplateError> {
    match table.keys().find(|key| !allowed.contains(&key.as_str())) {
        Some(key) => Err(TemplateError::UnknownKey {
            place: place(),
            key: key.clone(),
            allowed: allowed.join(", "),
        }),
        None => Ok(()),
    }
}

/// `kriterium «beon»` when the id is usable, otherwise `kriterium nr. 3`.
fn place(noun: &str, index: usize, id: Option<&str>) -> String {
    match id {
        Some(id) if is_valid_key(id) => format!("{noun} «{id}»"),
        _ => format!("{noun} nr. {}", index + 1),
    }
}

/// The file as written, before the rules are checked. Every required key is optional here so
/// that a missing one gets a Norwegian message naming the criterion.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    id: Option<String>,
    name: Option<String>,
    #[serde(default)]
    helsefellesskap: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    source: String,
    scale: Option<RawScale>,
    #[serde(default)]
    criteria: Vec<RawCriterion>,
    #[serde(default)]
    gates: Vec<RawGate>,
    reporting: Option<RawReporting>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReporting {
    status_report_months: Option<i64>,
    periodic: Option<String>,
    final_report_months: Option<i64>,
    #[serde(default)]
    yearly_confirmation: bool,
    #[serde(default)]
    source: String,
}

impl RawReporting {
    fn into_rules(self) -> Result<ReportingRules, TemplateError> {
        let months = |key: &str, value: Option<i64>| -> Result<Option<u32>, TemplateError> {
            match value {
                None => Ok(None),
                Some(value) => u32::try_from(value)
                    .ok()
                    .filter(|months| *months <= MAX_MONTHS)
                    .map(Some)
                    .ok_or_else(|| TemplateError::ReportingMonths { key: key.to_owned(), value }),
            }
        };
        let periodic = match self.periodic.as_deref().map(str::trim) {
            None => None,
            Some("halvårlig") => Some(Periodic::HalfYearly),
            Some("årlig") => Some(Periodic::Yearly),
            Some(other) => {
                return Err(TemplateError::ReportingPeriodic { value: other.to_owned() });
            }
        };
        Ok(ReportingRules {
            status_report_months: months("status_report_months", self.status_report_months)?,
            periodic,
            final_report_months: months("final_report_months", self.final_report_months)?,
            yearly_confirmation: self.yearly_confirmation,
            source: self.source.trim().to_owned(),
        })
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScale {
    /// The id of a built-in scale, `forskningsradet-0-5`; then no min, max or descriptors.
    builtin: Option<String>,
    min: Option<i32>,
    max: Option<i32>,
    /// Keyed by the value, `7 = "Fremragende"`, which reads like the scale itself.
    #[serde(default)]
    descriptors: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: Option<String>,
    name: Option<String>,
    /// Kept as a TOML value so that a float can be refused with its own message.
    weight: Option<toml::Value>,
    #[serde(default)]
    allow_not_applicable: bool,
    #[serde(default)]
    guidance: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGate {
    id: Option<String>,
    question: Option<String>,
    #[serde(default)]
    guidance: String,
}

impl RawTemplate {
    fn into_template(self) -> Result<Template, TemplateError> {
        let id = required(self.id, "id", "malen", "id = \"min-mal\"")?;
        let name = required(self.name, "name", "malen", "name = \"Vår mal for 2026\"")?;
        let scale = match self.scale {
            None => Scale::default(),
            Some(raw) => raw.into_scale()?,
        };

        let mut criteria = Vec::with_capacity(self.criteria.len());
        for (index, raw) in self.criteria.into_iter().enumerate() {
            let place = place("kriterium", index, raw.id.as_deref());
            let id = required(raw.id, "id", &place, "id = \"baerekraft\"")?;
            let name = required(raw.name, "name", &place, "name = \"Bærekraft\"")?;
            let weight = match raw.weight {
                None => return Err(missing("weight", &place, "weight = 1")),
                Some(value) => weight_from_toml(&id, value)?,
            };
            criteria.push(Criterion {
                id: CriterionId::new(id),
                name: name.trim().to_owned(),
                guidance: raw.guidance.trim().to_owned(),
                weight,
                allow_not_applicable: raw.allow_not_applicable,
            });
        }

        let mut gates = Vec::with_capacity(self.gates.len());
        for (index, raw) in self.gates.into_iter().enumerate() {
            let place = place("port", index, raw.id.as_deref());
            let id = required(raw.id, "id", &place, "id = \"avtale\"")?;
            let example = "question = \"Foreligger det en avtale mellom kommune og HF?\"";
            let question = required(raw.question, "question", &place, example)?;
            gates.push(Gate {
                id: GateId::new(id),
                question: question.trim().to_owned(),
                guidance: raw.guidance.trim().to_owned(),
            });
        }

        Ok(Template {
            id,
            name: name.trim().to_owned(),
            helsefellesskap: self.helsefellesskap.trim().to_owned(),
            description: self.description.trim().to_owned(),
            source: self.source.trim().to_owned(),
            scale,
            criteria,
            gates,
            reporting: match self.reporting {
                None => ReportingRules::default(),
                Some(raw) => raw.into_rules()?,
            },
        })
    }
}

impl RawScale {
    fn into_scale(self) -> Result<Scale, TemplateError> {
        if let Some(id) = self.builtin {
            let id = id.trim().to_owned();
            let own: Vec<&str> = [
                ("min", self.min.is_some()),
                ("max", self.max.is_some()),
                ("[scale.descriptors]", !self.descriptors.is_empty()),
            ]
            .into_iter()
            .filter_map(|(key, given)| given.then_some(key))
            .collect();
            if !own.is_empty() {
                return Err(TemplateError::BuiltinScaleWithOwnSteps { id, keys: own.join(" og ") });
            }
            return Scale::builtin(&id).map(|builtin| builtin.scale()).ok_or_else(|| {
                TemplateError::UnknownBuiltinScale {
                    id,
                    known: crate::BUILTIN_SCALES
                        .iter()
                        .map(|scale| format!("«{}» ({})", scale.id, scale.name))
                        .collect::<Vec<_>>()
                        .join(", "),
                }
            });
        }
        let min = self.min.ok_or_else(|| missing("min", "[scale]", "min = 1"))?;
        let max = self.max.ok_or_else(|| missing("max", "[scale]", "max = 7"))?;
        let mut descriptors: Vec<(i32, String)> = Vec::with_capacity(self.descriptors.len());
        for (key, label) in self.descriptors {
            let value: i32 = key
                .trim()
                .parse()
                .map_err(|_| TemplateError::DescriptorKey { key: key.clone() })?;
            if descriptors.iter().any(|(existing, _)| *existing == value) {
                return Err(TemplateError::DuplicateDescriptor { value });
            }
            if label.trim().is_empty() {
                return Err(TemplateError::EmptyDescriptor { value });
            }
            descriptors.push((value, label.trim().to_owned()));
        }
        Ok(Scale::with_descriptors(min, max, descriptors)?)
    }
}

fn required(
    value: Option<String>,
    key: &str,
    place: &str,
    example: &str,
) -> Result<String, TemplateError> {
    value.ok_or_else(|| missing(key, place, example))
}

fn missing(key: &str, place: &str, example: &str) -> TemplateError {
    TemplateError::MissingKey {
        place: place.to_owned(),
        key: key.to_owned(),
        example: example.to_owned(),
    }
}

/// An integer, or a decimal written as a string; a float is refused because the TOML parser has
/// already rounded it to binary by the time we see it.
fn weight_from_toml(criterion: &str, value: toml::Value) -> Result<Decimal, TemplateError> {
    match value {
        toml::Value::Integer(integer) => Ok(Decimal::from(integer)),
        toml::Value::String(text) => {
            parse_weight_text(&text).ok_or_else(|| TemplateError::WeightNotANumber {
                criterion: criterion.to_owned(),
                text: format!("«{text}»"),
            })
        }
        toml::Value::Float(float) => Err(TemplateError::FloatWeight {
            criterion: criterion.to_owned(),
            value: float.to_string(),
        }),
        other => Err(TemplateError::WeightNotANumber {
            criterion: criterion.to_owned(),
            text: other.to_string(),
        }),
    }
}

/// `2`, `1.5`, `-1` (refused later as not positive); nothing else, not even `1,5` or `1e3`,
/// so that what the chair wrote is exactly what is used.
fn parse_weight_text(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let all_digits = |part: &str| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit());
    if !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    Decimal::from_str_exact(text).ok().map(|weight| weight.normalize())
}

/// A whole weight as a TOML integer, any other as a string, mirroring what the reader accepts.
fn weight_literal(weight: Decimal) -> String {
    let weight = weight.normalize();
    if weight.fract().is_zero() && weight.scale() == 0 {
        weight.to_string()
    } else {
        toml_string(&weight.to_string())
    }
}

fn write_field(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} = {}", toml_string(value));
}

/// A TOML basic string, or a multi-line basic string when the text has line breaks, so that
/// guidance stays readable in the exported file.
fn toml_string(text: &str) -> String {
    let multi_line = text.contains('\n');
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(if multi_line { "\"\"\"\n" } else { "\"" });
    for character in text.chars() {
        match character {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' if multi_line => out.push('\n'),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            control if control.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(control));
            }
            other => out.push(other),
        }
    }
    // The newline before the closing quotes becomes trailing whitespace, which reading trims.
    out.push_str(if multi_line { "\n\"\"\"" } else { "\"" });
    out
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;

    /// Loads `text`, which must be refused, and compares the message a chair would read.
    #[track_caller]
    fn check_refused(text: &str, message: Expect) {
        match Template::from_toml_str(text) {
            Ok(template) => panic!("template {:?} was accepted", template.id),
            Err(error) => message.assert_eq(&error.to_string()),
        }
    }

    /// A valid template with one criterion, to which each bad case adds its one mistake.
    const MINIMAL: &str = r#"
id = "liten"
name = "Liten mal"

[[criteria]]
id = "nytte"
name = "Nytte"
weight = 1
"#;

    #[test]
    fn every_builtin_template_parses_and_validates() {
        for id in BUILTIN_TEMPLATE_IDS {
            let source = Template::builtin_source(id).expect("every listed id has a file");
            let template = Template::from_toml_str(source)
                .unwrap_or_else(|error| panic!("built-in template {id}: {error}"));
            assert_eq!(template.id, id, "the file's id matches its name");
            assert!(!template.description.is_empty(), "{id} explains itself");
            assert!(!template.source.is_empty(), "{id} names its source");
            for criterion in &template.criteria {
                assert!(!criterion.guidance.is_empty(), "{id}/{} has guidance", criterion.id);
            }
            for gate in &template.gates {
                assert!(!gate.guidance.is_empty(), "{id}/{} has guidance", gate.id);
            }
        }
        assert_eq!(Template::builtin("finnes-ikke"), None);
        let embedded: Vec<&str> = BUILTIN_SOURCES.iter().map(|(id, _)| *id).collect();
        assert_eq!(embedded, BUILTIN_TEMPLATE_IDS);
    }

    #[test]
    fn the_standard_template_has_the_five_criteria_of_the_brief() {
        let template = Template::builtin("standard").unwrap();
        let ids: Vec<&str> = template.criteria.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["baerekraft", "beon", "samiske-pasienter", "minste-sykehus", "spredning"]);
        let not_applicable: Vec<&str> = template
            .criteria
            .iter()
            .filter(|criterion| criterion.allow_not_applicable)
            .map(|criterion| criterion.id.as_str())
            .collect();
        assert_eq!(not_applicable, ["samiske-pasienter", "minste-sykehus"]);
        assert_eq!(template.scale, Scale::research_council());
        assert_eq!(template.gates.len(), 4);
        assert_eq!(template.helsefellesskap, "");
    }

    #[test]
    fn the_builtin_criteria_and_weights_are_as_documented() {
        let summary: String = BUILTIN_TEMPLATE_IDS
            .iter()
            .map(|id| {
                let template = Template::builtin(id).unwrap();
                let criteria: Vec<String> = template
                    .criteria
                    .iter()
                    .map(|c| {
                        let marker = if c.allow_not_applicable { " (IR)" } else { "" };
                        format!("  {} × {}{marker}\n", c.weight, c.id)
                    })
                    .collect();
                let gates: Vec<&str> = template.gates.iter().map(|g| g.id.as_str()).collect();
                format!("{id}:\n{}  porter: {}\n", criteria.concat(), gates.join(", "))
            })
            .collect();
        expect![[r#"
            standard:
              2 × baerekraft
              2 × beon
              1 × samiske-pasienter (IR)
              1 × minste-sykehus (IR)
              1 × spredning
              porter: avtale, egeninnsats, ikke-rent-utstyr, prioritert-malgruppe
            helse-nord:
              1 × baerekraft
              1 × prioriterte-tiltak
              1 × minste-sykehus (IR)
              1 × flere-kommuner
              1 × nye-organisasjonsmodeller
              1 × omstilling (IR)
              1 × samiske-pasienter (IR)
              1 × egen-ressursinnsats
              1 × rekruttering (IR)
              porter: samarbeid-kommune-sykehus
            ostfold:
              1 × samarbeidsmodeller
              1 × hele-pasientforlopet
              1 × likeverdig-tilgang
              1 × faglig-dialog
              1 × gevinst-og-spredning
              1 × forskning
              porter: avtale-annen-part, egeninnsats, varig-drift, ikke-rent-utstyr
            sor-rogaland:
              1 × samsvar-og-nytte
              1 × samhandlingsutfordringer
              1 × baerekraft
              1 × egen-ressursinnsats
              porter: enighet, mal-og-innhold
            vest-viken:
              1 × helhetlig-vurdering
              1 × ventetid-utskrivningsklare
              1 × minste-sykehus
              1 × likeverdighet
              porter: samarbeid-og-konsensus, prioritert-malgruppe, fordeling-kommune-sykehus, videreforing
        "#]]
        .assert_eq(&summary);
    }

    #[test]
    fn exported_templates_load_back_unchanged() {
        for id in BUILTIN_TEMPLATE_IDS {
            let template = Template::builtin(id).unwrap();
            let exported = template.to_toml_string();
            let loaded = Template::from_toml_str(&exported)
                .unwrap_or_else(|error| panic!("exported {id} does not load: {error}\n{exported}"));
            assert_eq!(loaded, template, "{id}");
        }
    }

    #[test]
    fn export_escapes_quotes_backslashes_and_control_characters() {
        let mut template = Template::from_toml_str(MINIMAL).unwrap();
        template.name = "«Sitat» med \"anførsel\" og \\ skråstrek".to_owned();
        template.description =
            "Linje én\nLinje to med \"\"\" og tab\tog \u{7} bjelle\n\nSámi: Čč Đđ Ŋŋ Šš Ŧŧ Žž"
                .to_owned();
        template.criteria[0].weight = Decimal::new(125, 2);
        template.criteria[0].guidance = "Slutter med anførsel\"".to_owned();
        template.scale = Scale::with_descriptors(-1, 3, vec![(-1, "Under".to_owned())]).unwrap();
        let loaded = Template::from_toml_str(&template.to_toml_string()).unwrap();
        assert_eq!(loaded, template);
        assert!(template.to_toml_string().contains("weight = \"1.25\""));
    }

    #[test]
    fn the_example_in_the_format_documentation_loads() {
        let documentation =
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/criteria-format.md"));
        let example = documentation
            .split("```toml\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("the documentation has a TOML example");
        let template = Template::from_toml_str(example).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(template.criteria.len(), 3);
        assert_eq!(template.criteria[1].weight, Decimal::new(5, 1));
        assert_eq!(template.scale.descriptor(3), Some("Delvis oppfylt"));
        assert_eq!(template.gates[1].guidance, "");
        assert_eq!(template.reporting.status_report_months, Some(6));
        assert_eq!(template.reporting.final_report_months, Some(3));
    }

    #[test]
    fn a_scale_section_replaces_the_default_scale() {
        let text = format!(
            "{MINIMAL}\n[scale]\nmin = 0\nmax = 5\n\n[scale.descriptors]\n0 = \"Ikke oppfylt\"\n5 = \"Helt oppfylt\"\n"
        );
        let template = Template::from_toml_str(&text).unwrap();
        assert_eq!((template.scale.min, template.scale.max), (0, 5));
        assert_eq!(template.scale.descriptor(5), Some("Helt oppfylt"));
        assert_eq!(template.scale.descriptor(3), None);
    }

    #[test]
    fn a_builtin_scale_is_chosen_by_its_id_and_cannot_be_mixed_with_own_steps() {
        let text = format!("{MINIMAL}\n[scale]\nbuiltin = \"forskningsradet-0-5\"\n");
        let template = Template::from_toml_str(&text).unwrap();
        assert_eq!(template.scale, Scale::research_council_zero_to_five());
        assert_eq!(template.scale.descriptor(0).map(str::is_empty), Some(false));
        // Written back out and read again it is the same scale.
        assert_eq!(
            Template::from_toml_str(&template.to_toml_string()).unwrap().scale,
            template.scale
        );

        let unknown = format!("{MINIMAL}\n[scale]\nbuiltin = \"horisont\"\n");
        let error = Template::from_toml_str(&unknown).unwrap_err().to_string();
        assert!(error.contains("«horisont»") && error.contains("forskningsradet-0-5"), "{error}");
        let mixed = format!("{MINIMAL}\n[scale]\nbuiltin = \"forskningsradet-0-5\"\nmax = 7\n");
        let error = Template::from_toml_str(&mixed).unwrap_err().to_string();
        assert!(error.contains("fjern max"), "{error}");
    }

    #[test]
    fn weights_are_integers_or_decimal_strings_and_are_kept_exact() {
        let text = MINIMAL.replace("weight = 1", "weight = \"0.1\"");
        let template = Template::from_toml_str(&text).unwrap();
        assert_eq!(template.criteria[0].weight, Decimal::new(1, 1));
        let text = MINIMAL.replace("weight = 1", "weight = 3");
        assert_eq!(Template::from_toml_str(&text).unwrap().criteria[0].weight, Decimal::from(3));
    }

    #[test]
    fn bad_templates_are_refused_with_a_message_that_says_what_to_fix() {
        check_refused(
            "id = \"x\"\nname = \"Uten slutt",
            expect![[
                r#"Kriteriemalen er ikke gyldig TOML på linje 2, kolonne 19 (parserens melding: invalid basic string, expected `"`). Rett skrivemåten der, for eksempel et manglende anførselstegn, likhetstegn eller klammeparentes, og last inn filen på nytt."#
            ]],
        );
        check_refused(
            &MINIMAL.replace("weight = 1", "weight = 1\nallow_not_applicable = \"ja\""),
            expect![[
                r#"Kriteriemalen har en verdi av feil type på linje 9, kolonne 24 (parserens melding: invalid type: string "ja", expected a boolean). Tekst skal stå i anførselstegn, ja/nei skrives true eller false, og tall skrives uten anførselstegn."#
            ]],
        );
        check_refused(
            &MINIMAL.replace("weight = 1", "vekt = 1"),
            expect![[
                "Ukjent nøkkel «vekt» i kriterium «nytte». Tillatte nøkler der er id, name, weight, allow_not_applicable, guidance; rett stavemåten eller fjern linjen."
            ]],
        );
        check_refused(
            &format!("farge = \"blå\"\n{MINIMAL}"),
            expect![
                "Ukjent nøkkel «farge» i malen. Tillatte nøkler der er id, name, helsefellesskap, description, source, scale, criteria, gates, reporting; rett stavemåten eller fjern linjen."
            ],
        );
        check_refused(
            &format!("{MINIMAL}\n[reporting]\nstatus_report_months = -6\n"),
            expect![[
                "«status_report_months = -6» under [reporting] er ikke et gyldig antall måneder. Skriv et heltall fra 0 til 120, for eksempel status_report_months = 6."
            ]],
        );
        check_refused(
            &format!("{MINIMAL}\n[reporting]\nperiodic = \"kvartalsvis\"\n"),
            expect![[
                r#"«periodic = "kvartalsvis"» under [reporting] er ikke kjent. Skriv "halvårlig" eller "årlig", eller fjern linjen hvis ordningen ikke har periodiske rapporter."#
            ]],
        );
        check_refused(
            &format!("{MINIMAL}\n[reporting]\nsluttrapport = 3\n"),
            expect![[
                "Ukjent nøkkel «sluttrapport» i [reporting]. Tillatte nøkler der er status_report_months, periodic, final_report_months, yearly_confirmation, source; rett stavemåten eller fjern linjen."
            ]],
        );
        check_refused(
            "name = \"Uten id\"\n[[criteria]]\nid = \"a\"\nname = \"A\"\nweight = 1\n",
            expect![[r#"Det mangler «id» i malen. Legg til en linje som id = "min-mal"."#]],
        );
        check_refused(
            &MINIMAL.replace("weight = 1", ""),
            expect![[
                "Det mangler «weight» i kriterium «nytte». Legg til en linje som weight = 1."
            ]],
        );
        check_refused(
            &MINIMAL.replace("name = \"Nytte\"", ""),
            expect![[
                r#"Det mangler «name» i kriterium «nytte». Legg til en linje som name = "Bærekraft"."#
            ]],
        );
        check_refused(
            &MINIMAL.replace("name = \"Nytte\"", "name = \"  \""),
            expect![[
                "Navnet er tomt i kriterium «nytte». Skriv navnet slik arbeidsgruppen skal se det."
            ]],
        );
        check_refused(
            "id = \"tom\"\nname = \"Tom mal\"\n",
            expect![[
                "Malen har ingen kriterier. Legg til minst ett [[criteria]]-avsnitt med id, name og weight."
            ]],
        );
        check_refused(
            &MINIMAL.replace("id = \"nytte\"", "id = \"Bærekraft\""),
            expect![[
                "«Bærekraft» er ikke en gyldig id for kriterium nr. 1. Bruk bare små bokstaver a–z (ikke æ, ø, å), sifre, bindestrek og understrek, høyst 64 tegn, for eksempel «minste-sykehus»."
            ]],
        );
        check_refused(
            &MINIMAL.replace("id = \"liten\"", "id = \"liten mal\""),
            expect![[
                "«liten mal» er ikke en gyldig id for malen. Bruk bare små bokstaver a–z (ikke æ, ø, å), sifre, bindestrek og understrek, høyst 64 tegn, for eksempel «minste-sykehus»."
            ]],
        );
        check_refused(
            &format!(
                "{MINIMAL}\n[[criteria]]\nid = \"nytte\"\nname = \"Nytte igjen\"\nweight = 2\n"
            ),
            expect![[
                "Kriteriet «nytte» står flere ganger i malen. Gi hvert kriterium sin egen id, eller slett det ene."
            ]],
        );
        check_refused(
            &MINIMAL.replace("weight = 1", "weight = 1.5"),
            expect![[
                r#"Vekten til kriterium «nytte» er skrevet som flyttall (1.5), som ikke er eksakt. Skriv den som heltall (weight = 2) eller som tekst i anførselstegn (weight = "1.5")."#
            ]],
        );
        check_refused(
            &MINIMAL.replace("weight = 1", "weight = \"1,5\""),
            expect![[
                r#"Vekten «1,5» til kriterium «nytte» er ikke et tall. Skriv den som heltall (weight = 2) eller som desimaltall med punktum i anførselstegn (weight = "1.5")."#
            ]],
        );
        check_refused(
            &MINIMAL.replace("weight = 1", "weight = true"),
            expect![[
                r#"Vekten true til kriterium «nytte» er ikke et tall. Skriv den som heltall (weight = 2) eller som desimaltall med punktum i anførselstegn (weight = "1.5")."#
            ]],
        );
        check_refused(
            &MINIMAL.replace("weight = 1", "weight = 0"),
            expect![[
                "Vekten til kriterium «nytte» er 0, men vekter må være større enn 0. Sett en positiv vekt, eller fjern kriteriet hvis det ikke skal telle."
            ]],
        );
        check_refused(
            &MINIMAL.replace("weight = 1", "weight = \"-2\""),
            expect![[
                "Vekten til kriterium «nytte» er -2, men vekter må være større enn 0. Sett en positiv vekt, eller fjern kriteriet hvis det ikke skal telle."
            ]],
        );
        check_refused(
            &format!(
                "{MINIMAL}\n[[gates]]\nid = \"avtale\"\nquestion = \"Avtale?\"\n\n[[gates]]\nid = \"avtale\"\nquestion = \"Igjen?\"\n"
            ),
            expect![[
                "Porten «avtale» står flere ganger i malen. Gi hver port sin egen id, eller slett den ene."
            ]],
        );
        check_refused(
            &format!("{MINIMAL}\n[[gates]]\nid = \"avtale\"\n"),
            expect![[
                r#"Det mangler «question» i port «avtale». Legg til en linje som question = "Foreligger det en avtale mellom kommune og HF?"."#
            ]],
        );
        check_refused(
            &format!("{MINIMAL}\n[[gates]]\nid = \"avtale\"\nquestion = \"\"\n"),
            expect![[
                "Spørsmålet er tomt i port «avtale». Skriv spørsmålet slik at det kan besvares med ja eller nei."
            ]],
        );
        check_refused(
            &format!("{MINIMAL}\n[[gates]]\nid = \"Avtale\"\nquestion = \"Avtale?\"\n"),
            expect![[
                "«Avtale» er ikke en gyldig id for port nr. 1. Bruk bare små bokstaver a–z (ikke æ, ø, å), sifre, bindestrek og understrek, høyst 64 tegn, for eksempel «minste-sykehus»."
            ]],
        );
        check_refused(
            &format!("{MINIMAL}\n[scale]\nmin = 5\nmax = 1\n"),
            expect![[
                "Skalaen 5–1 er ugyldig: laveste verdi må være mindre enn høyeste, og skalaen kan ha høyst 101 trinn. Rett min og max under [scale]."
            ]],
        );
        check_refused(
            &format!("{MINIMAL}\n[scale]\nmax = 5\n"),
            expect![["Det mangler «min» i [scale]. Legg til en linje som min = 1."]],
        );
        check_refused(
            &format!("{MINIMAL}\n[scale]\nmin = 0\nmax = 5\nsteg = 1\n"),
            expect![[
                "Ukjent nøkkel «steg» i [scale]. Tillatte nøkler der er builtin, min, max, descriptors; rett stavemåten eller fjern linjen."
            ]],
        );
        check_refused(
            &format!(
                "{MINIMAL}\n[scale]\nmin = 0\nmax = 5\n[scale.descriptors]\n9 = \"For høy\"\n"
            ),
            expect![[
                "Beskrivelsen for verdi 9 ligger utenfor skalaen 0–5. Rett verdien eller fjern linjen under [scale.descriptors]."
            ]],
        );
        check_refused(
            &format!("{MINIMAL}\n[scale]\nmin = 0\nmax = 5\n[scale.descriptors]\nfem = \"Fem\"\n"),
            expect![[
                r#"«fem» under [scale.descriptors] er ikke et heltall. Bruk verdien som nøkkel, for eksempel 7 = "Fremragende"."#
            ]],
        );
        check_refused(
            &format!(
                "{MINIMAL}\n[scale]\nmin = 0\nmax = 5\n[scale.descriptors]\n1 = \"En\"\n01 = \"En igjen\"\n"
            ),
            expect![[
                "Verdien 1 har mer enn én beskrivelse under [scale.descriptors]. Behold bare én."
            ]],
        );
        check_refused(
            &format!("{MINIMAL}\n[scale]\nmin = 0\nmax = 5\n[scale.descriptors]\n1 = \" \"\n"),
            expect![[
                "Beskrivelsen av verdi 1 under [scale.descriptors] er tom. Skriv en tekst, eller fjern linjen."
            ]],
        );
    }
}
