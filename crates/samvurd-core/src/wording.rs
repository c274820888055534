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

/// Norwegian alphabetical order, for names shown in lists (priority areas): letters compare
/// without regard to case or accents in the order a–z, æ, ø, å (so «Zebra» < «Ærlig» < «Øst»
/// < «Åpen», where code points would put Å first); ä counts as æ, ö as ø, other accented letters
/// as their base letter; digits come before letters and other characters before digits. Names
/// that are equal by these rules are ordered by their code points, so the order is total.
pub fn norwegian_order(left: &str, right: &str) -> std::cmp::Ordering {
    let key = |text: &str| text.chars().map(collation_weight).collect::<Vec<u32>>();
    key(left).cmp(&key(right)).then_with(|| left.cmp(right))
}

fn collation_weight(character: char) -> u32 {
    let lower = character.to_lowercase().next().unwrap_or(character);
    let base = match lower {
        'æ' | 'ä' => return 1_000 + 27,
        'ø' | 'ö' => return 1_000 + 28,
        'å' => return 1_000 + 29,
        'à' | 'á' | 'â' | 'ã' => 'a',
        'ç' | 'č' => 'c',
        'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ŋ' => 'n',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' => 'o',
        'š' => 's',
        'ŧ' => 't',
        'ù' | 'ú' | 'û' | 'ü' => 'y',
        'ž' => 'z',
        other => other,
    };
    match base {
        'a'..='z' => 1_000 + (u32::from(base) - u32::from('a')),
        '0'..='9' => 500 + (u32::from(base) - u32::from('0')),
        // Everything else (spaces, punctuation) before digits and letters; letters of other
        // alphabets after å, by code point.
        other if other.is_alphabetic() => 2_000 + u32::from(other),
        other => u32::from(other).min(499),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sort_in_norwegian_alphabetical_order() {
        let mut names = vec![
            "Åpen", "Øst", "Ærlig", "Zebra", "eldre", "Barn", "Ålesund", "Østfold", "", "10 år",
        ];
        names.sort_by(|a, b| norwegian_order(a, b));
        assert_eq!(
            names,
            ["", "10 år", "Barn", "eldre", "Zebra", "Ærlig", "Øst", "Østfold", "Ålesund", "Åpen"]
        );
    }

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
