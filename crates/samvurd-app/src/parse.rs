//! Text a person typed, turned into typed values: the one parse module of the API.
//!
//! The CLI (from its arguments) and the desktop `Session` (from the fields of a screen) build the
//! same typed inputs through these functions and hand them to the same `OpenRound` method, so a
//! word, a comma decimal or an amount means the same thing, and is refused with the same
//! Norwegian message, whichever door it came through. Whether a value is allowed (a threshold on
//! the scale, a share at most 1) is not decided here but by the rules in samvurd-core, which the
//! store enforces inside its write transaction.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use samvurd_core::{Aggregation, CriterionId, Money, Outcome, ScoreValue, TieBreak};

use crate::{AppError, AppResult};

/// `4`, `4,5` or `4.5`: a number with a decimal comma (a point is taken too). `what` names the
/// field in the message, e.g. «Minste totalskår».
pub fn decimal(text: &str, what: &str) -> AppResult<Decimal> {
    let trimmed = text.trim();
    let normalised = trimmed.replace(['\u{a0}', ' '], "").replace(',', ".");
    normalised.parse::<Decimal>().map_err(|_| {
        AppError::invalid(format!("{what}: «{trimmed}» er ikke et tall. Skriv f.eks. 3 eller 3,5."))
    })
}

/// A whole number that cannot be negative, such as a count of draws.
pub fn count(text: &str, what: &str) -> AppResult<u32> {
    let trimmed = text.trim();
    trimmed.replace(['\u{a0}', ' '], "").parse::<u32>().map_err(|_| {
        AppError::invalid(format!("{what}: «{trimmed}» er ikke et helt tall. Skriv f.eks. 2000."))
    })
}

/// A year, such as the year a new round is for: four digits, 2000–2100.
pub fn year(text: &str, what: &str) -> AppResult<i32> {
    let trimmed = text.trim();
    trimmed.parse::<i32>().ok().filter(|year| (2000..=2100).contains(year)).ok_or_else(|| {
        AppError::invalid(format!("{what}: «{trimmed}» er ikke et årstall. Skriv f.eks. 2027."))
    })
}

/// A share of the request: `0,5`, or a percent with its sign, `50 %`.
pub fn share(text: &str) -> AppResult<Decimal> {
    let trimmed = text.trim();
    match trimmed.strip_suffix('%') {
        Some(percent) => percent_share(percent),
        None => decimal(trimmed, "Minste andel ved delvis finansiering"),
    }
}

/// A percent (`50`, with or without `%`) as a share (`0.5`): the desktop's field is in percent.
pub fn percent_share(text: &str) -> AppResult<Decimal> {
    let percent =
        decimal(text.trim().trim_end_matches('%'), "Minste andel ved delvis finansiering")?;
    Ok(percent / Decimal::from(100))
}

/// An amount in kroner, through `Money::parse`, the one parser of amounts: anything ambiguous
/// (`1.200`) is refused with the reason. `what` names the field, e.g. «Beløpet».
pub fn money(text: &str, what: &str) -> AppResult<Money> {
    Money::parse(text).map_err(|error| AppError::invalid(format!("{what}: {error}")))
}

/// An amount, where an empty field means 0 kr.
pub fn money_or_zero(text: &str, what: &str) -> AppResult<Money> {
    if text.trim().is_empty() { Ok(Money::ZERO) } else { money(text, what) }
}

/// `ja` or `nei` (also `yes`/`no`, `på`/`av`).
pub fn yes_no(text: &str, what: &str) -> AppResult<bool> {
    match text.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "y" | "på" | "pa" | "on" | "true" => Ok(true),
        "nei" | "n" | "no" | "av" | "off" | "false" => Ok(false),
        other => {
            Err(AppError::invalid(format!("{what}: «{other}» er ikke et svar. Svar ja eller nei.")))
        }
    }
}

/// The answer to a gate: passed (`ja`, `oppfylt`), failed (`nei`, `ikke oppfylt`), or no
/// answer (`ikke besvart`, or nothing) to take an earlier answer back.
pub fn gate_answer(text: &str) -> AppResult<Option<bool>> {
    match text.trim().to_lowercase().as_str() {
        "ja" | "j" | "yes" | "oppfylt" | "passed" => Ok(Some(true)),
        "nei" | "n" | "no" | "ikke oppfylt" | "failed" => Ok(Some(false)),
        "" | "ikke besvart" | "ubesvart" | "unanswered" => Ok(None),
        other => Err(AppError::invalid(format!(
            "«{other}» er ikke et svar på kravet. Svar ja (oppfylt) eller nei (ikke oppfylt), eller la svaret stå tomt (ikke besvart)."
        ))),
    }
}

/// `gjennomsnitt` or `median` (also `mean`).
pub fn aggregation(text: &str) -> AppResult<Aggregation> {
    Aggregation::parse(text).ok_or_else(|| {
        AppError::invalid(format!(
            "«{}» er ingen måte å slå sammen skårene på. Bruk gjennomsnitt eller median.",
            text.trim()
        ))
    })
}

/// `innvilget`, `delvis` / `delvis innvilget`, `avslått` (or the English keys).
pub fn outcome(text: &str) -> AppResult<Outcome> {
    match text.trim().to_lowercase().as_str() {
        "innvilget" | "innvilge" | "granted" => Ok(Outcome::Granted),
        "delvis" | "delvis innvilget" | "partly_granted" | "partly" => Ok(Outcome::PartlyGranted),
        "avslått" | "avslatt" | "avslag" | "rejected" => Ok(Outcome::Rejected),
        other => Err(AppError::invalid(format!(
            "«{other}» er ikke et utfall. Bruk innvilget, delvis eller avslått."
        ))),
    }
}

/// A date as Norwegians write it (`01.09.2026`, `1.9.2026`) or in ISO 8601 (`2026-09-01`).
pub fn date(text: &str) -> AppResult<NaiveDate> {
    crate::setup::import::parse_date(text).ok_or_else(|| {
        AppError::invalid(format!("«{}» er ingen dato. Skriv den som 01.09.2026.", text.trim()))
    })
}

/// A date, where an empty field means none.
pub fn optional_date(text: &str) -> AppResult<Option<NaiveDate>> {
    if text.trim().is_empty() { Ok(None) } else { date(text).map(Some) }
}

/// `5` -> a value; `IR` or `ikke relevant` -> *ikke relevant*. The scale is checked by the store.
pub fn score_value(text: &str) -> AppResult<ScoreValue> {
    let trimmed = text.trim();
    let lowered = trimmed.to_lowercase();
    if matches!(lowered.as_str(), "ir" | "ikke relevant" | "i.r." | "i.r") {
        return Ok(ScoreValue::NotApplicable);
    }
    trimmed.parse::<i32>().map(ScoreValue::Value).map_err(|_| {
        AppError::invalid(format!(
            "«{trimmed}» er ingen skår. Skriv et heltall på skalaen, eller IR for «ikke relevant»."
        ))
    })
}

/// A scale as `MIN-MAKS`, e.g. `1-7` or `0–5`.
/// One column choice for an import, `beløp=Søkt beløp (kr)`: the field (its short name or a
/// header it accepts), `=`, and the header as written in the file.
pub fn column_choice(text: &str) -> AppResult<crate::setup::import::ColumnChoice> {
    let Some((field, header)) = text.split_once('=') else {
        return Err(AppError::invalid(format!(
            "«{text}» sier ikke hvilken kolonne som er hvilket felt. Skriv feltet, likhetstegn og overskriften i filen, f.eks. beløp=\"Søkt beløp (kr)\"."
        )));
    };
    let (field, header) = (field.trim(), header.trim());
    if field.is_empty() || header.is_empty() {
        return Err(AppError::invalid(format!(
            "«{text}» mangler feltet eller overskriften. Skriv f.eks. beløp=\"Søkt beløp (kr)\"."
        )));
    }
    Ok(crate::setup::import::ColumnChoice { field: field.to_owned(), header: header.to_owned() })
}

pub fn scale(text: &str) -> AppResult<(i32, i32)> {
    let bad = || {
        AppError::invalid(format!(
            "«{}» er ingen skala. Skriv den som MIN-MAKS, f.eks. 1-7 eller 0-5.",
            text.trim()
        ))
    };
    let (min, max) = text.trim().split_once(['-', '–']).ok_or_else(bad)?;
    Ok((min.trim().parse().map_err(|_| bad())?, max.trim().parse().map_err(|_| bad())?))
}

/// `av` (or `off`, `ingen`, or nothing) turns a setting off; anything else is parsed by `parse`.
pub fn off_or<T>(text: &str, parse: impl FnOnce(&str) -> AppResult<T>) -> AppResult<Option<T>> {
    match text.trim().to_lowercase().as_str() {
        "" | "av" | "off" | "ingen" | "standard" => Ok(None),
        _ => parse(text).map(Some),
    }
}

/// One minimum per criterion: `kvalitet=4` or `kvalitet=4,5`.
pub fn criterion_threshold(text: &str) -> AppResult<(CriterionId, Decimal)> {
    let (criterion, value) = text.split_once('=').ok_or_else(|| {
        AppError::invalid(format!(
            "«{}»: skriv minstekravet som KRITERIUM=SKÅR, f.eks. kvalitet=4.",
            text.trim()
        ))
    })?;
    let value = decimal(value, &format!("Minstekravet for «{}»", criterion.trim()))?;
    Ok((CriterionId(criterion.trim().to_owned()), value))
}

/// The tie-break ladder as words separated by commas, tried in order: `vekter` (the criteria by
/// weight), `beløp` (the lower request first) and `kriterium:ID` (one criterion).
pub fn tie_ladder(text: &str) -> AppResult<Vec<TieBreak>> {
    text.split(',')
        .map(str::trim)
        .filter(|word| !word.is_empty())
        .map(|word| {
            let lowered = word.to_lowercase();
            match lowered.as_str() {
                "vekter" | "vekt" | "highest_weighted_criteria" => {
                    Ok(TieBreak::HighestWeightedCriteria)
                }
                "beløp" | "belop" | "lower_requested_amount" => Ok(TieBreak::LowerRequestedAmount),
                _ => match word.split_once(':') {
                    Some((prefix, criterion))
                        if matches!(prefix.trim().to_lowercase().as_str(), "kriterium" | "criterion") =>
                    {
                        Ok(TieBreak::Criterion(CriterionId(criterion.trim().to_owned())))
                    }
                    _ => Err(AppError::invalid(format!(
                        "«{word}» er ikke et trinn ved likhet. Bruk vekter, beløp eller kriterium:ID, skilt med komma."
                    ))),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comma_and_point_decimals_and_percent_shares_are_read_alike() {
        assert_eq!(decimal(" 4,5 ", "x").unwrap(), Decimal::new(45, 1));
        assert_eq!(decimal("4.5", "x").unwrap(), Decimal::new(45, 1));
        assert_eq!(share("0,5").unwrap(), Decimal::new(5, 1));
        assert_eq!(share("50 %").unwrap(), Decimal::new(5, 1));
        assert_eq!(percent_share("150").unwrap(), Decimal::new(15, 1));
        assert!(decimal("fire", "Terskel").unwrap_err().message.starts_with("Terskel: «fire»"));
    }

    #[test]
    fn words_are_read_in_norwegian_and_refused_with_what_to_write() {
        assert_eq!(gate_answer("Ja").unwrap(), Some(true));
        assert_eq!(gate_answer("failed").unwrap(), Some(false));
        assert_eq!(gate_answer("").unwrap(), None);
        assert!(gate_answer("kanskje").unwrap_err().message.contains("Svar ja"));
        assert_eq!(aggregation("gjennomsnitt").unwrap(), Aggregation::Mean);
        assert!(aggregation("middel").unwrap_err().message.contains("gjennomsnitt eller median"));
        assert_eq!(outcome("delvis").unwrap(), Outcome::PartlyGranted);
        assert_eq!(off_or("av", |text| decimal(text, "x")).unwrap(), None);
        assert_eq!(
            tie_ladder("beløp, kriterium:kvalitet").unwrap(),
            vec![
                TieBreak::LowerRequestedAmount,
                TieBreak::Criterion(CriterionId::from("kvalitet"))
            ]
        );
        assert_eq!(
            criterion_threshold("kvalitet=3,5").unwrap(),
            (CriterionId::from("kvalitet"), Decimal::new(35, 1))
        );
        assert!(money("1.200", "Beløpet").unwrap_err().message.starts_with("Beløpet: "));
        assert_eq!(score_value(" 5 ").unwrap(), ScoreValue::Value(5));
        assert_eq!(score_value("IR").unwrap(), ScoreValue::NotApplicable);
        assert_eq!(score_value("Ikke relevant").unwrap(), ScoreValue::NotApplicable);
        assert!(score_value("4,5").is_err());
        assert_eq!(scale("0–5").unwrap(), (0, 5));
    }
}
