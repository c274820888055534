//! The register of Norwegian municipalities and health trusts that the import reads an
//! applicant's side from.
//!
//! `assets/register/kommuner.tsv` holds every kommune of SSB's classification 131 valid from
//! 2024 (357), with its number, its county, its names in Norwegian, Sámi and Kven, whether it
//! is in the Sámi language administrative area, and its names in Enhetsregisteret
//! («GUOVDAGEAINNU SUOHKAN/KAUTOKEINO KOMMUNE»). `assets/register/helseforetak.tsv` holds every
//! helseforetak with its hospitals. `assets/register/README.md` says where they come from and
//! how to update them. Both are compiled in, so the app reads no file for them.
//!
//! A name is recognised by whole words, without regard to case, punctuation or dashes, and
//! with «sykehus» and «sjukehus» (bokmål and nynorsk) taken as the same word.

use std::sync::OnceLock;

use samvurd_core::ApplicantSide;

const KOMMUNER: &str = include_str!("../../../assets/register/kommuner.tsv");
const HELSEFORETAK: &str = include_str!("../../../assets/register/helseforetak.tsv");

/// One kommune of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kommune {
    /// The four-digit kommunenummer, e.g. `5612`.
    pub number: String,
    /// The Norwegian name, e.g. `Kautokeino`.
    pub name: String,
    pub county: String,
    /// Every valid name with its language code (`nb`, `se`, `smj`, `sma`, `fkv`).
    pub names: Vec<(String, String)>,
    /// In the Sámi language administrative area (forvaltningsområdet for samisk språk).
    pub sami_area: bool,
    /// The organisation's names in Enhetsregisteret, e.g. `GUOVDAGEAINNU SUOHKAN`.
    pub organisation_names: Vec<String>,
}

/// One helseforetak of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Helseforetak {
    /// The full name, e.g. `Helse Stavanger HF`.
    pub name: String,
    pub regional: String,
    pub other_names: Vec<String>,
    pub hospitals: Vec<String>,
}

/// What the register knows about an applicant's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identified<'a> {
    Kommune(&'a Kommune),
    /// A kommune, but its name is shared by two (Herøy, Våler): the side is known, the
    /// kommune is not.
    SomeKommune,
    Helseforetak(&'a Helseforetak),
    /// More than one helseforetak and no kommune: the HF side.
    SomeHelseforetak,
    /// The name mentions both a kommune and a helseforetak: the register cannot choose.
    Both,
    Unknown,
}

impl Identified<'_> {
    pub fn side(&self) -> Option<ApplicantSide> {
        match self {
            Identified::Kommune(_) | Identified::SomeKommune => Some(ApplicantSide::Kommune),
            Identified::Helseforetak(_) | Identified::SomeHelseforetak => Some(ApplicantSide::Hf),
            Identified::Both | Identified::Unknown => None,
        }
    }
}

/// The register, read from the compiled-in tables.
#[derive(Debug)]
pub struct Register {
    pub kommuner: Vec<Kommune>,
    pub helseforetak: Vec<Helseforetak>,
    /// Phrases (normalised words) that name a kommune: index into `kommuner`.
    kommune_phrases: Vec<(Vec<String>, usize)>,
    /// Names that are a kommune when they are the whole text (`Kautokeino`).
    kommune_names: Vec<(Vec<String>, usize)>,
    foretak_phrases: Vec<(Vec<String>, usize)>,
}

/// The register, parsed once.
pub fn register() -> &'static Register {
    static REGISTER: OnceLock<Register> = OnceLock::new();
    REGISTER.get_or_init(|| Register::parse(KOMMUNER, HELSEFORETAK))
}

/// What the register knows about `applicant`.
pub fn identify(applicant: &str) -> Identified<'static> {
    register().identify(applicant)
}

/// The words of a name, lower-cased, punctuation and dashes dropped, and nynorsk «sjukehus»
/// read as «sykehus».
fn words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let cleaned: String = lower
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c
            } else if c == '.' || c == '\'' || c == '’' {
                '\u{0}'
            } else {
                ' '
            }
        })
        .filter(|c| *c != '\u{0}')
        .collect();
    cleaned.split_whitespace().map(|word| word.replace("sjukehus", "sykehus")).collect()
}

fn contains_phrase(haystack: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty()
        && haystack.len() >= phrase.len()
        && haystack.windows(phrase.len()).any(|window| window == phrase)
}

fn data_lines(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| line.split('\t').collect())
}

fn list(field: &str) -> Vec<String> {
    field.split(';').map(str::trim).filter(|item| !item.is_empty()).map(str::to_string).collect()
}

/// The words a kommune is called by in an organisation's name: «kommune», and the Sámi,
/// Kven and nynorsk words for it.
const KOMMUNE_WORDS: [&str; 7] =
    ["kommune", "kommunen", "herad", "suohkan", "gielda", "tjïelte", "komuuni"];

impl Register {
    fn parse(kommuner_text: &str, foretak_text: &str) -> Register {
        let kommuner: Vec<Kommune> = data_lines(kommuner_text)
            .map(|fields| {
                assert_eq!(fields.len(), 6, "kommuner.tsv: {fields:?}");
                Kommune {
                    number: fields[0].to_string(),
                    name: fields[1].to_string(),
                    county: fields[2].to_string(),
                    names: list(fields[3])
                        .into_iter()
                        .filter_map(|item| {
                            let (language, name) = item.split_once(':')?;
                            Some((language.to_string(), name.to_string()))
                        })
                        .collect(),
                    sami_area: fields[4] == "ja",
                    organisation_names: list(fields[5]),
                }
            })
            .collect();
        let helseforetak: Vec<Helseforetak> = data_lines(foretak_text)
            .map(|fields| {
                assert_eq!(fields.len(), 4, "helseforetak.tsv: {fields:?}");
                Helseforetak {
                    name: fields[0].to_string(),
                    regional: fields[1].to_string(),
                    other_names: list(fields[2]),
                    hospitals: list(fields[3]),
                }
            })
            .collect();

        let mut kommune_phrases = Vec::new();
        let mut kommune_names = Vec::new();
        for (index, kommune) in kommuner.iter().enumerate() {
            let mut names: Vec<&str> = vec![kommune.name.as_str()];
            names.extend(kommune.names.iter().map(|(_, name)| name.as_str()));
            for name in names {
                kommune_names.push((words(name), index));
                for word in KOMMUNE_WORDS {
                    kommune_phrases.push((words(&format!("{name} {word}")), index));
                }
            }
            for organisation in &kommune.organisation_names {
                kommune_phrases.push((words(organisation), index));
            }
        }
        let mut foretak_phrases = Vec::new();
        for (index, foretak) in helseforetak.iter().enumerate() {
            let names = std::iter::once(&foretak.name)
                .chain(&foretak.other_names)
                .chain(&foretak.hospitals);
            for name in names {
                foretak_phrases.push((words(name), index));
            }
        }
        Register { kommuner, helseforetak, kommune_phrases, kommune_names, foretak_phrases }
    }

    /// The kommune with this four-digit number.
    pub fn kommune(&self, number: &str) -> Option<&Kommune> {
        self.kommuner.iter().find(|kommune| kommune.number == number)
    }

    /// What the register knows about an applicant's name.
    pub fn identify(&self, applicant: &str) -> Identified<'_> {
        let text = words(applicant);
        let mut kommuner: Vec<usize> = self
            .kommune_phrases
            .iter()
            .filter(|(phrase, _)| contains_phrase(&text, phrase))
            .map(|(_, index)| *index)
            .collect();
        if kommuner.is_empty() {
            kommuner = self
                .kommune_names
                .iter()
                .filter(|(name, _)| *name == text)
                .map(|(_, index)| *index)
                .collect();
        }
        kommuner.sort_unstable();
        kommuner.dedup();
        let mut foretak: Vec<usize> = self
            .foretak_phrases
            .iter()
            .filter(|(phrase, _)| contains_phrase(&text, phrase))
            .map(|(_, index)| *index)
            .collect();
        foretak.sort_unstable();
        foretak.dedup();
        match (kommuner.as_slice(), foretak.as_slice()) {
            ([], []) => Identified::Unknown,
            ([one], []) => Identified::Kommune(&self.kommuner[*one]),
            (_, []) => Identified::SomeKommune,
            ([], [one]) => Identified::Helseforetak(&self.helseforetak[*one]),
            // Two trusts (a cooperation between them) are still the HF side.
            ([], _) => Identified::SomeHelseforetak,
            _ => Identified::Both,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_register_holds_the_357_kommuner_of_2024_with_unique_numbers() {
        let register = register();
        assert_eq!(register.kommuner.len(), 357);
        let mut numbers: Vec<&str> = register.kommuner.iter().map(|k| k.number.as_str()).collect();
        numbers.sort_unstable();
        numbers.dedup();
        assert_eq!(numbers.len(), 357);
        assert_eq!(register.kommune("1580").map(|k| k.name.as_str()), Some("Haram"));
        assert_eq!(register.kommune("1508").map(|k| k.name.as_str()), Some("Ålesund"));
        assert_eq!(register.kommune("5612").map(|k| k.county.as_str()), Some("Finnmark"));
        assert_eq!(register.kommune("3301").map(|k| k.name.as_str()), Some("Drammen"));
    }

    #[test]
    fn the_sami_language_administrative_area_is_marked() {
        let mut sami: Vec<&str> =
            register().kommuner.iter().filter(|k| k.sami_area).map(|k| k.name.as_str()).collect();
        sami.sort_unstable();
        assert_eq!(
            sami,
            [
                "Hamarøy",
                "Hattfjelldal",
                "Karasjok",
                "Kautokeino",
                "Kåfjord",
                "Lavangen",
                "Nesseby",
                "Porsanger",
                "Røros",
                "Røyrvik",
                "Snåsa",
                "Tana",
                "Tjeldsund",
            ]
        );
    }

    #[test]
    fn hospitals_in_nynorsk_and_trusts_without_hf_are_the_hf_side() {
        for (name, trust) in [
            ("Helse Stavanger – Stavanger universitetssjukehus", "Helse Stavanger HF"),
            ("Helse Bergen, Haukeland universitetssjukehus", "Helse Bergen HF"),
            ("St. Olavs hospital", "St. Olavs hospital HF"),
            ("Stavanger universitetssykehus", "Helse Stavanger HF"),
            ("UNN Tromsø", "Universitetssykehuset Nord-Norge HF"),
            ("Sykehuset Levanger", "Helse Nord-Trøndelag HF"),
        ] {
            match identify(name) {
                Identified::Helseforetak(found) => assert_eq!(found.name, trust, "{name}"),
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn sami_and_kven_names_of_a_kommune_are_the_kommune_side() {
        for (name, number) in [
            ("Guovdageainnu suohkan", "5612"),
            ("Kárášjoga gielda", "5610"),
            ("Kautokeino kommune", "5612"),
            ("Deanu gielda – Tana kommune", "5628"),
            ("Porsangin komuuni", "5622"),
            ("Snåasen tjïelte", "5041"),
            ("Voss herad", "4621"),
            ("Guovdageaidnu", "5612"),
            ("Aurskog-Høland kommune", "3226"),
            ("Drammen kommune, helse og omsorg", "3301"),
        ] {
            match identify(name) {
                Identified::Kommune(found) => assert_eq!(found.number, number, "{name}"),
                other => panic!("{name}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_name_the_register_cannot_settle_is_left_to_the_person() {
        assert_eq!(identify("Drammen kommune og Vestre Viken HF"), Identified::Both);
        assert_eq!(identify("Herøy kommune"), Identified::SomeKommune);
        assert_eq!(identify("Stavanger"), Identified::Kommune(register().kommune("1103").unwrap()));
        assert_eq!(identify("Frisklivssentralen i Sør-Rogaland"), Identified::Unknown);
        // «Helse Bergen» names the trust, not the kommune Bergen.
        assert_eq!(identify("Helse Bergen").side(), Some(ApplicantSide::Hf));
    }
}
