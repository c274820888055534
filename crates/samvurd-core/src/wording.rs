//! Numbers in the engine's reasons and flags, which the working group reads and the innstilling
//! may quote. These are the names the engine uses; the formatting itself is `format`'s, the one
//! number format of the program.

use rust_decimal::Decimal;

use crate::format;

/// `5,33` for a score or total: two decimals, half away from zero, decimal comma.
pub fn score(value: Decimal) -> String {
    format::points(value)
}

/// `2,5` or `3` for a threshold or an exact number: as many decimals as it has, decimal comma.
pub fn number(value: Decimal) -> String {
    format::number(value)
}

/// `2,5` for percentage points with one decimal, as the sensitivity reports them.
pub fn points(value: Decimal) -> String {
    format::percent_points(value)
}

/// A list for a sentence: `A`, `A og B`, `A, B og C`.
pub fn list(items: &[String]) -> String {
    format::list(items)
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
