//! The languages documents are written in, and the municipalities of the Sámi language
//! administrative area (forvaltningsområdet for samiske språk), whose applicants get a North
//! Sámi answer letter with a Norwegian copy by default (samelova § 3-3).
//!
//! The list is `assets/sami/forvaltningsomradet.csv`, embedded at build time, with its source
//! and date in the file's header.

use serde::{Deserialize, Serialize};

/// A language a document can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Language {
    /// Norwegian bokmål.
    #[serde(rename = "nb")]
    Bokmal,
    /// Norwegian nynorsk.
    #[serde(rename = "nn")]
    Nynorsk,
    /// North Sámi (davvisámegiella).
    #[serde(rename = "se")]
    NorthSami,
}

impl Language {
    pub const ALL: [Language; 3] = [Language::Bokmal, Language::Nynorsk, Language::NorthSami];

    /// `nb`, `nn`, `se`: the folder under `assets/locales`, the key in the file and on the
    /// command line.
    pub fn code(self) -> &'static str {
        match self {
            Language::Bokmal => "nb",
            Language::Nynorsk => "nn",
            Language::NorthSami => "se",
        }
    }

    /// The PDF's `/Lang`: `nb-NO`, `nn-NO`, `se-NO`.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Bokmal => "nb-NO",
            Language::Nynorsk => "nn-NO",
            Language::NorthSami => "se-NO",
        }
    }

    /// The name in Norwegian, for messages.
    pub fn label(self) -> &'static str {
        match self {
            Language::Bokmal => "bokmål",
            Language::Nynorsk => "nynorsk",
            Language::NorthSami => "nordsamisk",
        }
    }

    /// From `nb`, `nn`, `se` or the Norwegian name; `None` for anything else.
    pub fn parse(text: &str) -> Option<Language> {
        match text.trim().to_lowercase().as_str() {
            "nb" | "bokmål" | "bokmal" | "nb-no" => Some(Language::Bokmal),
            "nn" | "nynorsk" | "nn-no" => Some(Language::Nynorsk),
            "se" | "nordsamisk" | "davvisámegiella" | "sme" | "se-no" => Some(Language::NorthSami),
            _ => None,
        }
    }

    pub fn is_norwegian(self) -> bool {
        self != Language::NorthSami
    }
}

/// The round's language choices: the Norwegian of its documents, and the letter language the
/// chair chose for some applications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageChoices {
    /// Bokmål or nynorsk.
    pub document: Language,
    pub letters: Vec<(crate::ApplicationRef, Language)>,
}

impl Default for LanguageChoices {
    fn default() -> Self {
        LanguageChoices { document: Language::Bokmal, letters: Vec::new() }
    }
}

/// The languages one applicant's answer goes out in: the letter, and a Norwegian copy beside a
/// North Sámi letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LetterLanguages {
    pub letter: Language,
    pub norwegian_copy: Option<Language>,
}

impl LanguageChoices {
    /// The chair's choice for the application; otherwise North Sámi with a Norwegian copy for
    /// an applicant in the Sámi language administrative area, and the round's language for
    /// everyone else. A North Sámi letter always comes with a copy in the round's Norwegian.
    pub fn for_application(
        &self,
        application: &crate::ApplicationRef,
        applicant: &str,
    ) -> LetterLanguages {
        let chosen = self.letters.iter().find(|(reference, _)| reference == application);
        let letter = match chosen {
            Some((_, language)) => *language,
            None if sami_municipality_of(applicant).is_some() => Language::NorthSami,
            None => self.document,
        };
        LetterLanguages {
            letter,
            norwegian_copy: (letter == Language::NorthSami).then_some(self.document),
        }
    }
}

/// One municipality of the Sámi language administrative area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SamiMunicipality {
    /// E.g. «Karasjok».
    pub norwegian: &'static str,
    /// E.g. «Kárášjohka».
    pub sami: &'static str,
    /// «nordsamisk», «lulesamisk» or «sørsamisk».
    pub sami_language: &'static str,
    /// Other forms found in applicants' names, e.g. «Kárášjoga» (as in «Kárášjoga gielda»).
    pub also_written: Vec<&'static str>,
}

const LIST: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/sami/forvaltningsomradet.csv"));

/// The municipalities of the Sámi language administrative area, in the list's order.
pub fn sami_municipalities() -> Vec<SamiMunicipality> {
    LIST.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .skip(1)
        .map(|line| {
            let mut fields = line.split(';').map(str::trim);
            let mut next = || fields.next().unwrap_or_default();
            let (norwegian, sami, sami_language) = (next(), next(), next());
            let also_written = next().split('|').filter(|form| !form.is_empty()).collect();
            SamiMunicipality { norwegian, sami, sami_language, also_written }
        })
        .collect()
}

/// The municipality of the Sámi language administrative area an applicant's name names as a
/// whole word («Karasjok kommune», «Kárášjoga gielda»), if any.
pub fn sami_municipality_of(applicant: &str) -> Option<SamiMunicipality> {
    let words: Vec<String> = applicant
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    sami_municipalities().into_iter().find(|municipality| {
        std::iter::once(municipality.norwegian)
            .chain(std::iter::once(municipality.sami))
            .chain(municipality.also_written.iter().copied())
            .any(|name| words.iter().any(|word| *word == name.to_lowercase()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_the_thirteen_municipalities_with_sami_names() {
        let list = sami_municipalities();
        assert_eq!(list.len(), 13);
        let karasjok = list.iter().find(|m| m.norwegian == "Karasjok").expect("Karasjok");
        assert_eq!(karasjok.sami, "Kárášjohka");
        assert!(list.iter().all(|m| !m.sami.is_empty() && !m.sami_language.is_empty()));
        assert!(LIST.contains("Kilde:") && LIST.contains("Lest 2. desember 2026"));
    }

    #[test]
    fn an_applicant_is_found_by_the_norwegian_or_sami_name_as_a_whole_word() {
        for applicant in ["Karasjok kommune", "Kárášjoga gielda", "Helsesenteret i Kárášjohka"]
        {
            let found = sami_municipality_of(applicant).expect(applicant);
            assert_eq!(found.norwegian, "Karasjok", "{applicant}");
        }
        assert_eq!(sami_municipality_of("Deanu gielda – Tana kommune").unwrap().norwegian, "Tana");
        for applicant in ["Drammen kommune", "Tanaelva AS", "Finnmarkssykehuset HF"] {
            assert!(sami_municipality_of(applicant).is_none(), "{applicant}");
        }
    }

    #[test]
    fn the_default_is_north_sami_with_a_norwegian_copy_in_the_area_and_the_chair_decides() {
        let reference = crate::ApplicationRef::from("A-1");
        let mut choices = LanguageChoices { document: Language::Nynorsk, letters: Vec::new() };
        let sami = choices.for_application(&reference, "Kárášjoga gielda");
        assert_eq!(sami.letter, Language::NorthSami);
        assert_eq!(sami.norwegian_copy, Some(Language::Nynorsk));
        let other = choices.for_application(&reference, "Bergen kommune");
        assert_eq!((other.letter, other.norwegian_copy), (Language::Nynorsk, None));
        choices.letters.push((reference.clone(), Language::Bokmal));
        let chosen = choices.for_application(&reference, "Kárášjoga gielda");
        assert_eq!((chosen.letter, chosen.norwegian_copy), (Language::Bokmal, None));
    }

    #[test]
    fn languages_read_their_codes_and_names() {
        for language in Language::ALL {
            assert_eq!(Language::parse(language.code()), Some(language));
            assert_eq!(Language::parse(language.label()), Some(language));
        }
        assert_eq!(Language::parse("tysk"), None);
        assert_eq!(Language::NorthSami.tag(), "se-NO");
    }
}
