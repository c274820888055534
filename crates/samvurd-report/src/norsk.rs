//! Numbers, dates and words the Norwegian way, as the innstilling prints them: `23.11.2026`,
//! `5,33`, `25 %`, «delvis innvilget». The numbers and dates are `samvurd_core::format`'s, the
//! program's one number format; the words are the innstilling's Fluent messages, in its language.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rust_decimal::Decimal;
use samvurd_core::{Aggregation, Outcome, format};

use crate::Texts;

/// `23.11.2026`.
pub fn date(date: NaiveDate) -> String {
    format::date(date)
}

/// `23.11.2026 kl. 14.05`.
pub fn date_time(moment: DateTime<FixedOffset>) -> String {
    format::date_time(moment)
}

/// A decimal with exactly `places` decimals and a decimal comma: `5,33`, `−0,50`.
/// Rounds half away from zero, as Norwegian public bodies round.
pub fn decimal(value: Decimal, places: u32) -> String {
    format::fixed(value, places)
}

/// A decimal with as many decimals as it needs (at most four): `2`, `0,25`.
pub fn decimal_short(value: Decimal) -> String {
    format::short(value)
}

/// `25 %` with a no-break space, one decimal when needed: `12,5 %`.
pub fn percent(share: Decimal) -> String {
    format::percent(share)
}

/// A whole number with no-break spaces between thousands: `1 200`.
pub fn integer(value: u64) -> String {
    format::integer(value)
}

/// `innvilget`, `delvis innvilget`, `avslått` (nynorsk `innvilga` …).
pub fn outcome(texts: &Texts, outcome: Outcome) -> String {
    texts.text(match outcome {
        Outcome::Granted => "outcome-granted",
        Outcome::PartlyGranted => "outcome-partly-granted",
        Outcome::Rejected => "outcome-rejected",
    })
}

/// Capitalised for table cells: `Innvilget`.
pub fn outcome_title(texts: &Texts, outcome: Outcome) -> String {
    texts.text(match outcome {
        Outcome::Granted => "outcome-granted-title",
        Outcome::PartlyGranted => "outcome-partly-granted-title",
        Outcome::Rejected => "outcome-rejected-title",
    })
}

/// `gjennomsnittet`, `medianen`.
pub fn aggregation_noun(texts: &Texts, aggregation: Aggregation) -> String {
    texts.text(match aggregation {
        Aggregation::Mean => "aggregation-mean",
        Aggregation::Median => "aggregation-median",
    })
}

/// Small counts in words, as Norwegian style guides ask for numbers up to twelve in running text.
pub fn count(texts: &Texts, value: usize) -> String {
    if value <= 12 { texts.text(&format!("number-{value}")) } else { value.to_string() }
}

/// `én søknad` / `tre søknader` / `30 søknader`.
pub fn applications(texts: &Texts, value: usize) -> String {
    if value == 1 {
        texts.text("applications-one")
    } else {
        texts.get("applications-many", &[("count", &count(texts, value))])
    }
}

/// «A, B og C».
pub fn list(items: &[String]) -> String {
    format::list(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_day_month_year_with_dots() {
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 11, 3).unwrap()), "03.11.2026");
    }

    #[test]
    fn decimals_use_a_comma_and_round_half_away_from_zero() {
        assert_eq!(decimal(Decimal::new(53_333, 4), 2), "5,33");
        assert_eq!(decimal(Decimal::new(5_125, 3), 2), "5,13");
        assert_eq!(decimal(Decimal::new(-5, 1), 2), "\u{2212}0,50");
        assert_eq!(decimal(Decimal::new(-1, 3), 2), "0,00");
        assert_eq!(decimal_short(Decimal::new(250, 3)), "0,25");
    }

    #[test]
    fn percentages_keep_their_sign_on_the_same_line() {
        assert_eq!(percent(Decimal::new(25, 2)), "25\u{a0}%");
        assert_eq!(percent(Decimal::new(125, 3)), "12,5\u{a0}%");
    }

    #[test]
    fn counts_up_to_twelve_are_words_and_lists_end_with_og() {
        let texts = Texts::builtin(crate::language::Language::Bokmal);
        assert_eq!(applications(&texts, 1), "én søknad");
        assert_eq!(applications(&texts, 12), "tolv søknader");
        assert_eq!(applications(&texts, 30), "30 søknader");
        let nynorsk = Texts::builtin(crate::language::Language::Nynorsk);
        assert_eq!(applications(&nynorsk, 1), "éin søknad");
        assert_eq!(outcome(&nynorsk, Outcome::PartlyGranted), "delvis innvilga");
        assert_eq!(list(&["A".into(), "B".into(), "C".into()]), "A, B og C");
        assert_eq!(integer(1_234_567), "1\u{a0}234\u{a0}567");
    }
}
