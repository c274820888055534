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

impl Session {
    /// The innstilling, or with `public` its public version (offentleglova).
    pub fn write_innstilling(&self, path: String, public: bool) -> AppResult<WrittenFile> {
        let round = self.snapshot()?;
        let path = Path::new(&path);
        let options = InnstillingOptions {
            public: public.then(|| samvurd_report::PublicVersion {
                ground: samvurd_report::DEFAULT_WITHHELD_GROUND.to_owned(),
            }),
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
        Ok(WrittenFile {
            path: folder.display().to_string(),
            file_name: folder
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default(),
            message: format!("{} svarbrev er lagret i {}.", letters.len(), folder.display()),
        })
    }
}
