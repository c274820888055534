//! The one number format: points, money, percent, dates and side labels as a Norwegian reader
//! expects them, for every screen, the CLI, the innstilling and the export.
//!
//! Pure functions of their input. Rounding is for display only and always half away from zero
//! (`5,125` is shown as `5,13`), as Norwegian public bodies round; comparisons elsewhere use the
//! exact values. `clippy.toml` forbids `Decimal::round_dp` and `Decimal::round` (half to even)
//! everywhere; rounding for display goes through [`rounded`] here.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::ApplicantSide;

pub const NO_BREAK_SPACE: char = '\u{a0}';
pub const MINUS_SIGN: char = '\u{2212}';

/// `value` rounded to `places` decimals, half away from zero. For a figure that is written as a
/// number (a spreadsheet cell) rather than as text.
pub fn rounded(value: Decimal, places: u32) -> Decimal {
    value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero)
}

fn signed(negative: bool, text: String) -> String {
    if negative { format!("{MINUS_SIGN}{text}") } else { text }
}

/// Exactly `places` decimals and a decimal comma: `5,33`, `−0,50`.
pub fn fixed(value: Decimal, places: u32) -> String {
    let value = rounded(value, places);
    // Rounding −0,001 gives a negative zero, which must not be shown as «−0,00».
    let negative = value.is_sign_negative() && !value.is_zero();
    signed(negative, format!("{:.*}", places as usize, value.abs()).replace('.', ","))
}

/// A score, a total or `S(a, c)`: two decimals, `5,13`.
pub fn points(value: Decimal) -> String {
    fixed(value, 2)
}

/// As many decimals as it needs, at most four: `2`, `0,25`.
pub fn short(value: Decimal) -> String {
    let value = rounded(value, 4).normalize();
    let negative = value.is_sign_negative() && !value.is_zero();
    signed(negative, value.abs().to_string().replace('.', ","))
}

/// An exact number as it was given, with every decimal it has: `2,5`, `3`.
pub fn number(value: Decimal) -> String {
    let value = value.normalize();
    let negative = value.is_sign_negative() && !value.is_zero();
    signed(negative, value.abs().to_string().replace('.', ","))
}

/// A share (`0.125`) as a percent with one decimal when needed: `12,5 %` (no-break space).
pub fn percent(share: Decimal) -> String {
    percent_of(share * Decimal::ONE_HUNDRED)
}

/// A number that already is in percent: `12,5 %`.
pub fn percent_of(percent: Decimal) -> String {
    format!("{}{NO_BREAK_SPACE}%", short(rounded(percent, 1)))
}

/// A criterion's share of the total weight: `33,3 %`. Nothing when the total is zero.
pub fn weight_share(weight: Decimal, total_weight: Decimal) -> String {
    if total_weight.is_zero() { percent(Decimal::ZERO) } else { percent(weight / total_weight) }
}

/// Percentage points with one decimal: `2,5`.
pub fn percent_points(value: Decimal) -> String {
    fixed(value, 1)
}

/// A whole number with no-break spaces between thousands: `1 200`.
pub fn integer(value: u64) -> String {
    let digits = value.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            text.push(NO_BREAK_SPACE);
        }
        text.push(digit);
    }
    text
}

/// An amount in kroner without ` kr`: `20 500 000`, `1 200,50`; øre only when there are any.
/// An amount with more than two decimals is shown rounded to whole øre.
pub fn money_number(amount: Decimal) -> String {
    let amount = rounded(amount, 2);
    let negative = amount.is_sign_negative() && !amount.is_zero();
    let fixed = format!("{:.2}", amount.abs());
    let (kroner, ore) = fixed.split_once('.').unwrap_or((fixed.as_str(), "00"));
    let mut text = String::with_capacity(fixed.len() + fixed.len() / 3 + 4);
    if negative {
        text.push(MINUS_SIGN);
    }
    for (index, digit) in kroner.chars().enumerate() {
        if index > 0 && (kroner.len() - index).is_multiple_of(3) {
            text.push(NO_BREAK_SPACE);
        }
        text.push(digit);
    }
    if ore != "00" {
        text.push(',');
        text.push_str(ore);
    }
    text
}

/// An amount with its unit: `20 500 000 kr`.
pub fn money(amount: Decimal) -> String {
    format!("{}{NO_BREAK_SPACE}kr", money_number(amount))
}

/// `23.11.2026`.
pub fn date(date: NaiveDate) -> String {
    format!("{:02}.{:02}.{}", date.day(), date.month(), date.year())
}

/// `23.11.2026 kl. 14.05`.
pub fn date_time(moment: DateTime<FixedOffset>) -> String {
    format!("{} kl. {:02}.{:02}", date(moment.date_naive()), moment.hour(), moment.minute())
}

/// The lead applicant's side as a heading or cell: `Kommune`, `Helseforetak`, `Annet`.
pub fn side_label(side: ApplicantSide) -> &'static str {
    match side {
        ApplicantSide::Kommune => "Kommune",
        ApplicantSide::Hf => "Helseforetak",
        ApplicantSide::Annet => "Annet",
    }
}

/// The side label for the engine's key (`kommune`, `hf`, `annet`); anything else is «Annet».
pub fn side_label_of_key(key: &str) -> &'static str {
    ApplicantSide::parse(key).map_or("Annet", side_label)
}

/// A heading used inside a sentence: «Arbeidsgruppa» -> «arbeidsgruppa». Acronyms (BEON, SSU)
/// keep their capitals: only a capital followed by a small letter is lowered.
pub fn lowercase_first(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) if characters.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(characters).collect()
        }
        _ => text.to_owned(),
    }
}

/// A list for a sentence: `A`, `A og B`, `A, B og C`.
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_rounds_half_away_from_zero_with_a_decimal_comma() {
        assert_eq!(points(Decimal::new(5125, 3)), "5,13");
        assert_eq!(points(Decimal::new(-5125, 3)), "\u{2212}5,13");
        assert_eq!(points(Decimal::new(-1, 3)), "0,00");
        assert_eq!(short(Decimal::new(2500, 3)), "2,5");
        assert_eq!(number(Decimal::new(35, 1)), "3,5");
        assert_eq!(percent(Decimal::new(125, 3)), "12,5\u{a0}%");
        assert_eq!(weight_share(Decimal::ONE, Decimal::from(3)), "33,3\u{a0}%");
        assert_eq!(money(Decimal::new(120_050, 2)), "1\u{a0}200,50\u{a0}kr");
        assert_eq!(money_number(Decimal::new(20_500_000, 0)), "20\u{a0}500\u{a0}000");
        assert_eq!(integer(1200), "1\u{a0}200");
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap()), "01.09.2026");
        assert_eq!(side_label_of_key("hf"), "Helseforetak");
        assert_eq!(list(&["A".into(), "B".into(), "C".into()]), "A, B og C");
    }
}
