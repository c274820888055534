//! The documents in the desktop session, written from a snapshot of the round.

use std::path::Path;

use serde::Serialize;
use specta::Type;

use crate::{AppResult, InnstillingOptions, LetterOptions, Session};

/// A document written to disk.
#[derive(Debug, Clone, Serialize, Type)]
pub struct WrittenFile {
    pub path: String,
    pub file_name: String,
    /// E.g. «Innstillingen er lagret (212 kB).»
    pub message: String,
}

pub(crate) fn written(path: &Path, what: &str) -> WrittenFile {
    let size = std::fs::metadata(path).map(|metadata| metadata.len()).unwrap_or(0);
    WrittenFile {
        path: path.display().to_string(),
        file_name: path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
        message: format!("{what} er lagret i {} ({} kB).", path.display(), size.div_ceil(1024)),
    }
}

/// A folder of documents written, with what to tell the person.
pub(crate) fn written_folder(folder: &Path, message: String) -> WrittenFile {
    WrittenFile {
        path: folder.display().to_string(),
        file_name: folder
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
        message,
    }
}

impl Session {
    /// The innstilling, or with `public` its public version (offentleglova).
    pub fn write_innstilling(&self, path: String, public: bool) -> AppResult<WrittenFile> {
        let (round, language) =
            self.with(|open| Ok((open.load()?, open.file().languages()?.document)))?;
        let path = Path::new(&path);
        let options = InnstillingOptions {
            public: public.then(|| samvurd_report::PublicVersion {
                ground: samvurd_report::DEFAULT_WITHHELD_GROUND.to_owned(),
            }),
            language: Some(language),
            ..InnstillingOptions::default()
        };
        crate::documents::write_innstilling_of(&round, path, &options, None)?;
        Ok(written(
            path,
            if public { "Den offentlige versjonen av innstillingen" } else { "Innstillingen" },
        ))
    }

    /// The answer letters from the SSU's vedtak, or, with `preliminary`, from the innstilling
    /// before it, each marked «Foreløpig».
    pub fn write_letters(&self, folder: String, preliminary: bool) -> AppResult<WrittenFile> {
        let (round, inputs, round_path) =
            self.with(|open| Ok((open.load()?, open.letter_inputs()?, open.path().to_path_buf())))?;
        let folder = Path::new(&folder);
        let letters = crate::documents::write_answer_letters_of(
            &round,
            &inputs,
            folder,
            &LetterOptions {
                preliminary,
                round_path: Some(round_path),
                ..LetterOptions::default()
            },
            None,
        )?;
        Ok(written_folder(
            folder,
            format!("{} svarbrev er lagret i {}.", letters.len(), folder.display()),
        ))
    }
}

/// One applicant's letter language on «Innstilling og brev».
#[derive(Debug, Clone, Serialize, Type)]
pub struct LetterLanguageRow {
    pub reference: String,
    pub applicant: String,
    /// `nb`, `nn` or `se` when the chair chose; `None` for the default.
    pub chosen: Option<String>,
    /// What the applicant gets, e.g. «nordsamisk med norsk kopi på bokmål».
    pub letters: String,
}

/// The round's document language and every applicant's letter language.
#[derive(Debug, Clone, Serialize, Type)]
pub struct LanguageView {
    /// `nb` or `nn`.
    pub documents: String,
    pub rows: Vec<LetterLanguageRow>,
}

fn language_view(open: &crate::OpenRound) -> AppResult<LanguageView> {
    let choices = open.file().languages()?;
    let rows = open
        .letter_languages()?
        .into_iter()
        .map(|(reference, applicant, languages)| LetterLanguageRow {
            chosen: choices
                .letters
                .iter()
                .find(|(application, _)| application.as_str() == reference)
                .map(|(_, language)| language.code().to_owned()),
            letters: match languages.norwegian_copy {
                Some(copy) => {
                    format!("{} med norsk kopi på {}", languages.letter.label(), copy.label())
                }
                None => languages.letter.label().to_owned(),
            },
            reference,
            applicant,
        })
        .collect();
    Ok(LanguageView { documents: choices.document.code().to_owned(), rows })
}

impl Session {
    pub fn language_view(&self) -> AppResult<LanguageView> {
        self.with(|open| language_view(open))
    }

    /// Bokmål or nynorsk for the round's letters (logged).
    pub fn set_document_language(&self, language: String) -> AppResult<LanguageView> {
        self.with(|open| {
            let actor = crate::session::actor(open);
            open.set_document_language(&actor, &language)?;
            language_view(open)
        })
    }

    /// One applicant's letter language: `nb`, `nn`, `se` or `standard` (logged).
    pub fn set_letter_language(
        &self,
        application: String,
        language: String,
    ) -> AppResult<LanguageView> {
        self.with(|open| {
            let actor = crate::session::actor(open);
            open.set_letter_language(&actor, &application, &language)?;
            language_view(open)
        })
    }
}
