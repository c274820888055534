//! Numbers as a Norwegian reader expects them in the engine's reasons and flags: decimal comma,
//! two decimals for scores, a no-break space in thousands (through [`Money::format`]).
//!
//! The reasons are read by the working group and may be quoted in the innstilling, so they are
//! formatted here once rather than by each caller.

use rust_decimal::{Decimal, RoundingStrategy};

/// `5,33` for a score or total: two decimals, half away from zero, decimal comma.
pub fn score(value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{rounded:.2}");
    text.replace('.', ",").replace('-', "\u{2212}")
}

/// `2,5` or `3` for a threshold or an exact number: as many decimals as it has, decimal comma.
pub fn number(value: Decimal) -> String {
    value.normalize().to_string().replace('.', ",").replace('-', "\u{2212}")
}

/// `2,5` for percentage points with one decimal, as the sensitivity reports them.
pub fn points(value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
    format!("{rounded:.1}").replace('.', ",").replace('-', "\u{2212}")
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
    fn scores_have_two_decimals_and_a_comma_and_lists_end_with_og() {
        assert_eq!(score(Decimal::new(53335, 4)), "5,33");
        assert_eq!(score(Decimal::new(5335, 3)), "5,34");
        assert_eq!(score(Decimal::from(-2)), "\u{2212}2,00");
        assert_eq!(points(Decimal::new(25, 1)), "2,5");
        assert_eq!(number(Decimal::new(2500, 3)), "2,5");
        assert_eq!(list(&["A".into(), "B".into(), "C".into()]), "A, B og C");
        assert_eq!(list(&["A".into()]), "A");
    }
}
