//! The languages of the documents, and their texts as Project Fluent messages.
//!
//! Every text of a letter lives in `assets/locales/{nb,nn,se}/brev.ftl`, embedded at build time.
//! [`Texts`] is one language's bundle, optionally with a chair's own file laid over it (a file
//! beside the round whose messages replace the built-in ones with the same id), so wording can
//! change per round without a rebuild. Later documents add their own `.ftl` files beside
//! `brev.ftl` and use the same [`Texts`]: `oppfolging.ftl` holds the follow-up's reminder
//! letters and half-year status (bokmål and nynorsk).

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
pub use samvurd_core::language::Language;
use unic_langid::LanguageIdentifier;

/// The built-in Fluent file of the letters in `language`.
fn builtin_file(language: Language) -> &'static str {
    match language {
        Language::Bokmal => {
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/locales/nb/brev.ftl"))
        }
        Language::Nynorsk => {
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/locales/nn/brev.ftl"))
        }
        Language::NorthSami => {
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../assets/locales/se/brev.ftl"))
        }
    }
}

/// The built-in Fluent file of the follow-up's documents (reminder letters, the half-year status
/// to the SSU) in `language`. These go out in the round's document language, bokmål or nynorsk;
/// North Sámi has none, so its `Texts` hold the answer letters' messages only.
fn follow_up_file(language: Language) -> Option<&'static str> {
    match language {
        Language::Bokmal => Some(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/locales/nb/oppfolging.ftl"
        ))),
        Language::Nynorsk => Some(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../assets/locales/nn/oppfolging.ftl"
        ))),
        Language::NorthSami => None,
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
        let builtin = FluentResource::try_new(builtin_file(language).to_owned())
            .map_err(|(_, errors)| TextsError(format!("{errors:?}")))?;
        let mut known: Vec<String> =
            builtin.entries().filter_map(message_id).map(str::to_owned).collect();
        bundle.add_resource(builtin).map_err(|errors| TextsError(format!("{errors:?}")))?;
        if let Some(text) = follow_up_file(language) {
            let follow_up = FluentResource::try_new(text.to_owned())
                .map_err(|(_, errors)| TextsError(format!("{errors:?}")))?;
            known.extend(follow_up.entries().filter_map(message_id).map(str::to_owned));
            bundle.add_resource(follow_up).map_err(|errors| TextsError(format!("{errors:?}")))?;
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
    fn every_language_has_every_message_of_bokmal() {
        let ids = |language: Language| -> Vec<String> {
            let resource = FluentResource::try_new(builtin_file(language).to_owned()).unwrap();
            resource.entries().filter_map(message_id).map(str::to_owned).collect()
        };
        let bokmal = ids(Language::Bokmal);
        for language in [Language::Nynorsk, Language::NorthSami] {
            assert_eq!(ids(language), bokmal, "{}", language.code());
        }
    }

    #[test]
    fn nynorsk_has_every_follow_up_message_of_bokmal_and_both_load() {
        let ids = |language: Language| -> Vec<String> {
            let text = follow_up_file(language).unwrap();
            let resource = FluentResource::try_new(text.to_owned()).unwrap();
            resource.entries().filter_map(message_id).map(str::to_owned).collect()
        };
        assert_eq!(ids(Language::Nynorsk), ids(Language::Bokmal));
        for language in [Language::Bokmal, Language::Nynorsk] {
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
