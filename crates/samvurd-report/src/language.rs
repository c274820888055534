//! The languages of the documents, and their texts as Project Fluent messages.
//!
//! Every text of a document lives in a Fluent file under `assets/locales/{nb,nn,se}/`, embedded
//! at build time: `brev.ftl` the answer letters (bokmål, nynorsk, North Sámi), `innstilling.ftl`
//! the innstilling and its public version (bokmål and nynorsk; the innstilling goes to the SSU
//! in the round's Norwegian), `oppfolging.ftl` the follow-up's reminder letters and half-year
//! status (bokmål and nynorsk). [`Texts`] is one language's messages from all its files,
//! optionally with a chair's own letter file laid over them (a file beside the round whose
//! messages replace the built-in ones with the same id), so wording can change per round without
//! a rebuild. A new document adds its own `.ftl` file to [`builtin_files`] and uses the same
//! [`Texts`].

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
pub use samvurd_core::language::Language;
use unic_langid::LanguageIdentifier;

/// The letters' files (answer letters, and the follow-up's reminders and status), the only ones
/// a chair's own file may override.
const LETTER_FILES: [&str; 2] = ["brev.ftl", "oppfolging.ftl"];

macro_rules! locale {
    ($code:literal, $file:literal) => {
        (
            $file,
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../assets/locales/",
                $code,
                "/",
                $file
            )),
        )
    };
}

/// The built-in Fluent files of `language`, as (file name, text).
fn builtin_files(language: Language) -> &'static [(&'static str, &'static str)] {
    const BOKMAL: [(&str, &str); 3] = [
        locale!("nb", "brev.ftl"),
        locale!("nb", "innstilling.ftl"),
        locale!("nb", "oppfolging.ftl"),
    ];
    const NYNORSK: [(&str, &str); 3] = [
        locale!("nn", "brev.ftl"),
        locale!("nn", "innstilling.ftl"),
        locale!("nn", "oppfolging.ftl"),
    ];
    const NORTH_SAMI: [(&str, &str); 1] = [locale!("se", "brev.ftl")];
    match language {
        Language::Bokmal => &BOKMAL,
        Language::Nynorsk => &NYNORSK,
        Language::NorthSami => &NORTH_SAMI,
    }
}

/// Why a chair's wording file could not be used. The message names the file's problem and what
/// to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct TextsError(pub String);

/// One language's messages.
pub struct Texts {
    language: Language,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Texts {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Texts").field("language", &self.language).finish_non_exhaustive()
    }
}

impl Texts {
    /// The built-in messages of `language`.
    pub fn builtin(language: Language) -> Texts {
        Texts::with_override(language, None).expect("the built-in messages parse")
    }

    /// The built-in messages with a chair's own laid over them: `own` is the text of a Fluent
    /// file, `name` how to name it in a message. Every message in it must be one the built-in
    /// file has, with the same variables, so a typo cannot silently leave the old wording.
    pub fn with_override(
        language: Language,
        own: Option<(&str, &str)>,
    ) -> Result<Texts, TextsError> {
        let identifier: LanguageIdentifier =
            language.code().parse().expect("nb, nn and se are language identifiers");
        let mut bundle = FluentBundle::new(vec![identifier]);
        // No Unicode isolation marks around arguments: the PDF's font has no glyph for them and
        // pdftotext would give them back inside names and amounts.
        bundle.set_use_isolating(false);
        let mut known: Vec<String> = Vec::new();
        for (file, text) in builtin_files(language) {
            let resource = FluentResource::try_new((*text).to_owned())
                .map_err(|(_, errors)| TextsError(format!("{file}: {errors:?}")))?;
            if LETTER_FILES.contains(file) {
                known.extend(resource.entries().filter_map(message_id).map(str::to_owned));
            }
            bundle
                .add_resource(resource)
                .map_err(|errors| TextsError(format!("{file}: {errors:?}")))?;
        }
        if let Some((name, text)) = own {
            let resource = FluentResource::try_new(text.to_owned()).map_err(|(_, errors)| {
                let lines: Vec<String> = errors
                    .iter()
                    .map(|error| {
                        let line =
                            text[..error.pos.start.min(text.len())].matches('\n').count() + 1;
                        format!("linje {line}")
                    })
                    .collect();
                TextsError(format!(
                    "Tekstfila «{name}» følger ikke formatet (Project Fluent) på {}. Rett fila, \
                     eller flytt den bort for å bruke standardteksten. Ingen brev er skrevet.",
                    lines.join(", ")
                ))
            })?;
            for id in resource.entries().filter_map(message_id) {
                if !known.iter().any(|known| known == id) {
                    return Err(TextsError(format!(
                        "Tekstfila «{name}» har meldingen «{id}», som brevene ikke bruker. Rett \
                         navnet (se {}/brev.ftl for navnene). Ingen brev er skrevet.",
                        language.code()
                    )));
                }
            }
            bundle.add_resource_overriding(resource);
        }
        Ok(Texts { language, bundle })
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// The message `id` with its variables. Every argument is text, so numbers, amounts and
    /// dates keep the form the caller gave them.
    pub fn get(&self, id: &str, args: &[(&str, &str)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|message| message.value()) else {
            return format!("[{id}]");
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, FluentValue::from(*value));
        }
        let mut errors = Vec::new();
        self.bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned()
    }

    /// The message `id` without variables.
    pub fn text(&self, id: &str) -> String {
        self.get(id, &[])
    }
}

fn message_id<'a>(entry: &'a fluent_syntax::ast::Entry<&'a str>) -> Option<&'a str> {
    match entry {
        fluent_syntax::ast::Entry::Message(message) => Some(message.id.name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_message_of_bokmal_in_each_of_its_files() {
        let ids = |text: &str| -> Vec<String> {
            let resource = FluentResource::try_new(text.to_owned()).unwrap();
            resource.entries().filter_map(message_id).map(str::to_owned).collect()
        };
        for language in [Language::Nynorsk, Language::NorthSami] {
            for (file, text) in builtin_files(language) {
                let (_, bokmal) = builtin_files(Language::Bokmal)
                    .iter()
                    .find(|(name, _)| name == file)
                    .expect("every file has a bokmål original");
                assert_eq!(ids(text), ids(bokmal), "{}/{file}", language.code());
            }
        }
        // The innstilling is written in bokmål or nynorsk.
        for language in [Language::Bokmal, Language::Nynorsk] {
            assert!(
                builtin_files(language).iter().any(|(file, _)| *file == "innstilling.ftl"),
                "{}",
                language.code()
            );
        }
    }

    #[test]
    fn a_message_id_means_one_message_across_the_files_of_a_language() {
        for language in Language::ALL {
            let mut seen: Vec<String> = Vec::new();
            for (file, text) in builtin_files(language) {
                let resource = FluentResource::try_new((*text).to_owned()).unwrap();
                for id in resource.entries().filter_map(message_id) {
                    assert!(!seen.iter().any(|known| known == id), "{id} twice, again in {file}");
                    seen.push(id.to_owned());
                }
            }
        }
    }

    #[test]
    fn hard_spaces_and_a_leading_star_come_out_of_the_innstillings_messages() {
        let texts = Texts::builtin(Language::Nynorsk);
        assert_eq!(
            texts.get("legend-interval-level", &[("level", "90")]),
            "Usikkerheitsintervall (90\u{a0}%)"
        );
        let bokmal = Texts::builtin(Language::Bokmal);
        assert_eq!(
            bokmal.get("profile-withheld", &[("withheld", "X")]),
            "* Medlemmenes enkeltskårer og spredningen mellom dem: X."
        );
    }

    #[test]
    fn the_follow_up_messages_load_in_bokmal_and_nynorsk() {
        for language in [Language::Bokmal, Language::Nynorsk] {
            assert!(
                builtin_files(language).iter().any(|(file, _)| *file == "oppfolging.ftl"),
                "{}",
                language.code()
            );
            let texts = Texts::builtin(language);
            assert!(!texts.text("reminder-column-report").starts_with('['), "{}", language.code());
        }
    }

    #[test]
    fn arguments_come_out_as_given_without_isolation_marks() {
        let texts = Texts::builtin(Language::Nynorsk);
        let text = texts.get("letter-application", &[("reference", "VV-2026-007")]);
        assert_eq!(text, "Søknad VV-2026-007");
    }

    #[test]
    fn a_chairs_file_replaces_a_message_and_a_typo_or_bad_syntax_is_refused() {
        let own = "letter-greeting = Vennlig hilsen\n";
        let texts = Texts::with_override(Language::Bokmal, Some(("runde.nb.ftl", own))).unwrap();
        assert_eq!(texts.text("letter-greeting"), "Vennlig hilsen");
        assert_eq!(texts.text("letter-contact-heading"), "Kontakt");
        let typo =
            Texts::with_override(Language::Bokmal, Some(("f.ftl", "letter-greting = Hei\n")))
                .unwrap_err();
        assert!(typo.0.contains("«letter-greting»"), "{}", typo.0);
        let broken =
            Texts::with_override(Language::Bokmal, Some(("f.ftl", "\n\nletter-greeting Hei\n")))
                .unwrap_err();
        assert!(broken.0.contains("linje 3"), "{}", broken.0);
    }
}
