//! Limits on the texts a round keeps, the same on every way in (import, form, CLI, merge).
//!
//! Every text has a length limit, counted in characters as a person counts them (Unicode scalar
//! values), and none may hold a control character: a NUL or an escape code has no business in
//! a title and can break the programs the exports are opened in. Long texts (a summary, a
//! justification, a reason) may have line breaks; everything else is one line.
//! `docs/import-format.md` states the same limits for people.

use std::fmt;

/// What a text is, which says how long it may be and whether it may break lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// An application's or a round's title.
    Title,
    /// Any other one-line text: names, organisations, partners, priority areas.
    Line,
    /// An application's summary.
    Summary,
    /// A justification, a reason or a note.
    Justification,
}

impl TextField {
    /// The most characters the field may hold.
    pub const fn max_chars(self) -> usize {
        match self {
            TextField::Title => 300,
            TextField::Line => 1_000,
            TextField::Summary => 20_000,
            TextField::Justification => 5_000,
        }
    }

    /// Whether the field may hold line breaks (`\n`, or `\r\n` as Windows writes them).
    pub const fn allows_line_breaks(self) -> bool {
        matches!(self, TextField::Summary | TextField::Justification)
    }
}

/// Why a text cannot be kept, in words that say what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextProblem {
    #[error("Teksten er {chars} tegn lang, men kan være høyst {max} tegn. Kort den ned.")]
    TooLong { chars: usize, max: usize },
    #[error(
        "Teksten har et linjeskift (tegn {position}), men kan bare være én linje. Skriv den på én linje."
    )]
    LineBreak { position: usize },
    #[error(
        "Teksten inneholder kontrolltegnet {} (tegn {position}), som ikke kan lagres. Fjern det og prøv igjen.",
        describe_control(*character)
    )]
    ControlCharacter { character: char, position: usize },
}

/// Checks `text` against the limits of `field`. Positions count from 1, in characters.
pub fn check_text(field: TextField, text: &str) -> Result<(), TextProblem> {
    let max = field.max_chars();
    let mut chars = 0;
    for (index, character) in text.chars().enumerate() {
        chars += 1;
        let position = index + 1;
        if character == '\n' || character == '\r' {
            if !field.allows_line_breaks() {
                return Err(TextProblem::LineBreak { position });
            }
        } else if character.is_control() {
            return Err(TextProblem::ControlCharacter { character, position });
        }
    }
    if chars > max {
        return Err(TextProblem::TooLong { chars, max });
    }
    Ok(())
}

fn describe_control(character: char) -> String {
    let code = u32::from(character);
    let name = match code {
        0x00 => " (NUL)",
        0x09 => " (tabulator)",
        0x1B => " (ESC)",
        0x7F => " (DEL)",
        _ => "",
    };
    format!("U+{code:04X}{name}")
}

impl fmt::Display for TextField {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            TextField::Title => "tittel",
            TextField::Line => "tekstfelt",
            TextField::Summary => "sammendrag",
            TextField::Justification => "begrunnelse",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_of_300_characters_is_kept_and_301_is_refused() {
        assert_eq!(check_text(TextField::Title, &"ø".repeat(300)), Ok(()));
        assert_eq!(
            check_text(TextField::Title, &"ø".repeat(301)),
            Err(TextProblem::TooLong { chars: 301, max: 300 })
        );
    }

    #[test]
    fn line_breaks_are_kept_in_long_texts_only() {
        assert_eq!(check_text(TextField::Justification, "Godt.\r\nMen dyrt."), Ok(()));
        assert_eq!(
            check_text(TextField::Title, "Felles\nlegevakt"),
            Err(TextProblem::LineBreak { position: 7 })
        );
    }

    #[test]
    fn a_nul_byte_is_refused_and_named() {
        let problem = check_text(TextField::Summary, "Tromsø\0").unwrap_err();
        assert_eq!(problem, TextProblem::ControlCharacter { character: '\0', position: 7 });
        assert!(problem.to_string().contains("U+0000 (NUL)"), "{problem}");
    }
}
