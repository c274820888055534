//! Money in Norwegian kroner, as exact decimals, read and written the way Norwegians write it.
//!
//! Amounts are `rust_decimal::Decimal`, never floating point: the allocation compares sums of
//! many requests against the frame, and a rounding error there would be a wrong decision.
//!
//! [`Money::parse`] reads amounts as people type them in application forms and Excel. The
//! accepted grammar, after surrounding whitespace is trimmed:
//!
//! ```text
//! amount    = [sign] [prefix] [sign] number [",-"] [suffix]      (at most one sign in all)
//! sign      = "-" | "−" (U+2212), optionally followed by whitespace
//! prefix    = ("kr." | "kr" | "NOK") followed by optional whitespace
//! suffix    = optional whitespace, then "kroner" | "kr." | "kr" | "NOK"
//! number    = integer ["," øre]
//! integer   = digits                       e.g. 20500000
//!           | group (space group)+         e.g. 20 500 000
//!           | group ("." group)+           e.g. 20.500.000 (see the dot rule below)
//! group     = 1–3 digits first, exactly 3 digits after every separator
//! space     = " " | U+00A0 | U+202F | U+2009 (one separator between groups; kinds may mix)
//! øre       = 1 or 2 digits
//! ```
//!
//! Currency words are case-insensitive, and an amount carries either a prefix or a suffix, not
//! both. `,-` (or `,–`) means whole kroner. An integer never starts with a superfluous `0`.
//!
//! Anything that could mean two different amounts is refused rather than guessed, because a
//! wrong guess moves real money: `1.200` and `1,200` (thousands or decimals?), English
//! `1,200,000` and `1,200.50`, a single dot as a decimal point, grouping that is not in groups of
//! three, more than two decimals, a dot grouping mixed with space grouping. A dot grouping with
//! a single dot is accepted only when `,øre` or `,-` follows (`1.200,50`), since the comma then
//! shows the Norwegian convention. Every refusal says, in Norwegian, what to type instead.
//!
//! [`Money::format`] writes `20 500 000 kr` with U+00A0 as thousands separator and before `kr`,
//! comma and two decimals only when there are øre (`1 200,50 kr`), and U+2212 for negative
//! amounts (`−1 200 kr`), so that a total never wraps across lines in the PDF.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount in NOK.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

/// Why a text is not an amount. The message quotes the text and says what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("«{text}» er ikke et gyldig beløp: {reason}")]
pub struct MoneyParseError {
    pub text: String,
    pub reason: String,
}

/// The characters accepted between groups of three digits. Forms and Excel produce all of these
/// (Excel's Norwegian locale uses U+00A0, newer macOS locales U+202F).
const GROUP_SPACES: [char; 4] = [' ', '\u{a0}', '\u{202f}', '\u{2009}'];

/// Hyphen-minus as typed, and the typographic minus sign that our own output uses.
const MINUS_SIGNS: [char; 2] = ['-', '\u{2212}'];

/// Currency words before the number, longest first so that `kr.` is not read as `kr` and `.`.
const CURRENCY_PREFIXES: [&str; 3] = ["kr.", "kr", "nok"];

/// Currency words after the number, longest first for the same reason.
const CURRENCY_SUFFIXES: [&str; 4] = ["kroner", "kr.", "kr", "nok"];

/// How the written form of whole kroner ends: `1 200,-`, or `1 200,–` after a word processor
/// has turned the hyphen into an en dash.
const WHOLE_KRONER_MARKS: [&str; 2] = [",-", ",\u{2013}"];

impl Money {
    pub const ZERO: Money = Money(Decimal::ZERO);

    pub fn new(amount: Decimal) -> Self {
        Money(amount.normalize())
    }

    pub fn from_kroner(kroner: i64) -> Self {
        Money(Decimal::from(kroner))
    }

    pub fn amount(self) -> Decimal {
        self.0
    }

    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// The sum, or `None` if it does not fit in a `Decimal`.
    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    /// The difference, or `None` if it does not fit in a `Decimal`.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// The form used in files and over IPC: `1200000` or `1200000.5`.
    pub fn to_canonical_string(self) -> String {
        self.0.normalize().to_string()
    }

    /// Reads the canonical form written by [`Money::to_canonical_string`].
    pub fn from_canonical_str(text: &str) -> Result<Self, MoneyParseError> {
        Decimal::from_str(text).map(Money::new).map_err(|_| MoneyParseError {
            text: text.to_owned(),
            reason: "ikke et desimaltall i lagringsformat".to_owned(),
        })
    }

    /// Reads an amount as a person writes it; see the module documentation for the grammar.
    pub fn parse(text: &str) -> Result<Self, MoneyParseError> {
        parse_amount(text).map_err(|reason| MoneyParseError { text: text.to_owned(), reason })
    }

    /// `20 500 000 kr`, `1 200,50 kr`, `−1 200 kr`, with no-break spaces.
    ///
    /// An amount with more than two decimals (a share computed by the allocation, say) is shown
    /// rounded to whole øre, half away from zero; the stored amount stays exact.
    pub fn format(self) -> String {
        crate::format::money(self.0)
    }

    /// Like [`Money::format`] but without ` kr`, for table columns headed «kr».
    pub fn format_number(self) -> String {
        crate::format::money_number(self.0)
    }
}

/// The parser behind [`Money::parse`]; the error is the Norwegian reason alone, without the text.
fn parse_amount(text: &str) -> Result<Money, String> {
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err("feltet er tomt; skriv et beløp, for eksempel 1 200 000".to_owned());
    }

    let mut negative = take_sign(&mut rest);
    let has_prefix = take_currency(&mut rest, &CURRENCY_PREFIXES, Side::Start);
    if take_sign(&mut rest) {
        if negative {
            return Err(two_signs());
        }
        negative = true;
    }
    if take_sign(&mut rest) {
        return Err(two_signs());
    }
    let has_suffix = take_currency(&mut rest, &CURRENCY_SUFFIXES, Side::End);
    if has_prefix && has_suffix {
        return Err("valuta står både foran og bak; skriv for eksempel 1 200 000 kr".to_owned());
    }
    let whole_kroner_mark = match WHOLE_KRONER_MARKS.iter().find(|mark| rest.ends_with(**mark)) {
        Some(mark) => {
            rest = &rest[..rest.len() - mark.len()];
            true
        }
        None => false,
    };

    let number = rest;
    if !number.chars().any(|character| character.is_ascii_digit()) && !number.contains(',') {
        return Err("det står ingen sifre; skriv beløpet, for eksempel 1 200 000".to_owned());
    }
    check_characters(number)?;

    let (integer_text, ore_text) = match number.split_once(',') {
        Some((integer_text, ore_text)) => (integer_text, Some(ore_text)),
        None => (number, None),
    };
    if ore_text.is_some() && whole_kroner_mark {
        return Err(too_many_commas());
    }
    let ore = match ore_text {
        Some(ore_text) => Some(check_ore(integer_text, ore_text)?),
        None => None,
    };
    // A comma (øre or `,-`) shows the Norwegian convention, so a single dot before it can only
    // be a thousands separator.
    let comma_follows = ore.is_some() || whole_kroner_mark;
    let kroner = check_integer(integer_text, comma_follows)?;

    let mut digits = kroner;
    if let Some(ore) = ore {
        digits.push('.');
        digits.push_str(ore);
    }
    let amount = Decimal::from_str_exact(&digits).map_err(|_| {
        "beløpet er for stort til å regnes med; sjekk at det ikke er skrevet inn sifre for mye"
            .to_owned()
    })?;
    Ok(Money::new(if negative { -amount } else { amount }))
}

#[derive(Clone, Copy)]
enum Side {
    Start,
    End,
}

/// Strips one leading minus sign and the whitespace after it.
fn take_sign(rest: &mut &str) -> bool {
    match rest.strip_prefix(MINUS_SIGNS) {
        Some(after) => {
            *rest = after.trim_start();
            true
        }
        None => false,
    }
}

/// Strips one currency word, case-insensitively, and the whitespace beside it.
fn take_currency(rest: &mut &str, words: &[&str], side: Side) -> bool {
    for word in words {
        let candidate = match side {
            Side::Start => rest.get(..word.len()),
            Side::End => rest.len().checked_sub(word.len()).and_then(|start| rest.get(start..)),
        };
        if candidate.is_some_and(|candidate| candidate.eq_ignore_ascii_case(word)) {
            *rest = match side {
                Side::Start => rest[word.len()..].trim_start(),
                Side::End => rest[..rest.len() - word.len()].trim_end(),
            };
            return true;
        }
    }
    false
}

/// Refuses everything but digits, group spaces, dots and commas, saying why.
fn check_characters(number: &str) -> Result<(), String> {
    let lower = number.to_lowercase();
    if lower.contains("kr") || lower.contains("nok") {
        return Err("«kr» eller «NOK» kan stå foran eller bak beløpet, ikke inni det".to_owned());
    }
    if number.starts_with(MINUS_SIGNS) {
        return Err(two_signs());
    }
    if number.contains(MINUS_SIGNS) {
        return Err("minustegnet må stå helt først, for eksempel −1 200".to_owned());
    }
    match number.chars().find(|character| {
        !(character.is_ascii_digit()
            || GROUP_SPACES.contains(character)
            || ".,".contains(*character))
    }) {
        Some(character) if character.is_whitespace() => {
            Err("bare vanlig mellomrom kan skille sifergrupper; skriv for eksempel 1 200 000"
                .to_owned())
        }
        Some(character) => Err(format!(
            "tegnet «{character}» hører ikke hjemme i et beløp; skriv bare sifre, mellomrom \
             mellom tusener og eventuelt komma og øre, for eksempel 1 200 000,50"
        )),
        None => Ok(()),
    }
}

/// Checks the digits after the decimal comma and returns them.
fn check_ore<'text>(integer_text: &str, ore_text: &'text str) -> Result<&'text str, String> {
    if ore_text.contains(',') {
        return Err(if integer_text.contains(GROUP_SPACES) || integer_text.contains('.') {
            too_many_commas()
        } else {
            "komma som tusenskille er engelsk skrivemåte; skriv 1 200 000 eller 1200000".to_owned()
        });
    }
    if ore_text.contains('.') {
        return Err(
            "komma foran punktum er engelsk skrivemåte; skriv for eksempel 1 200,50".to_owned()
        );
    }
    if ore_text.is_empty() {
        return Err(
            "komma må følges av øre; skriv 1 200,50, eller 1 200,- for hele kroner".to_owned()
        );
    }
    if !ore_text.chars().all(|character| character.is_ascii_digit()) {
        return Err("etter komma kan det bare stå øre, ett eller to sifre, for eksempel 1 200,50"
            .to_owned());
    }
    let plain_integer = !integer_text.is_empty()
        && integer_text.len() <= 3
        && integer_text.chars().all(|character| character.is_ascii_digit());
    if ore_text.len() == 3 && plain_integer {
        return Err(format!(
            "komma kan være både engelsk tusenskille og desimaltegn; skriv {integer_text}{ore_text} \
             eller {}",
            decimal_alternative(integer_text, ore_text),
        ));
    }
    if ore_text.len() > 2 {
        return Err(
            "beløp kan ha høyst to desimaler (øre); rund av til for eksempel 1 200,50".to_owned()
        );
    }
    Ok(ore_text)
}

/// Checks the part before the comma and returns its digits without separators.
fn check_integer(integer_text: &str, comma_follows: bool) -> Result<String, String> {
    if integer_text.is_empty() {
        return Err("det mangler kroner foran kommaet; skriv for eksempel 0,50".to_owned());
    }
    let has_spaces = integer_text.contains(GROUP_SPACES);
    let dot_count = integer_text.matches('.').count();
    if has_spaces && dot_count > 0 {
        return Err("mellomrom og punktum er brukt om hverandre som tusenskille; bruk bare \
                    mellomrom, for eksempel 1 200 000"
            .to_owned());
    }
    let groups: Vec<&str> = if has_spaces {
        integer_text.split(GROUP_SPACES).collect()
    } else if dot_count > 0 {
        if dot_count == 1 && !comma_follows {
            return Err(single_dot(integer_text));
        }
        integer_text.split('.').collect()
    } else {
        vec![integer_text]
    };

    let (first, others) = groups.split_first().unwrap_or((&"", &[]));
    let grouped = !others.is_empty();
    if grouped
        && (first.is_empty() || first.len() > 3 || others.iter().any(|group| group.len() != 3))
    {
        let example = if has_spaces { "1 200 000" } else { "20.500.000" };
        return Err(format!("sifrene må stå i grupper på tre, som {example}"));
    }
    if first.starts_with('0') && (first.len() > 1 || grouped) {
        let without_zeros = integer_text.trim_start_matches(|character: char| {
            ".0".contains(character) || GROUP_SPACES.contains(&character)
        });
        return Err(format!(
            "beløpet begynner med 0; skriv det uten innledende nuller, som {}",
            if without_zeros.is_empty() { "0" } else { without_zeros }
        ));
    }
    Ok(groups.concat())
}

/// Explains why a lone dot is refused, with the two readings when there are two.
fn single_dot(integer_text: &str) -> String {
    let (before, after) = integer_text.split_once('.').unwrap_or((integer_text, ""));
    let digits_only = |part: &str| part.chars().all(|character| character.is_ascii_digit());
    if !before.is_empty() && before.len() <= 3 && after.len() == 3 && digits_only(before) {
        format!(
            "punktum kan være både tusenskille og desimaltegn; skriv {before}{after} eller {}",
            decimal_alternative(before, after)
        )
    } else if !before.is_empty() && (1..=2).contains(&after.len()) {
        format!("punktum er ikke desimaltegn i norske beløp; skriv {before},{after}")
    } else {
        "punktum er ikke desimaltegn i norske beløp; bruk komma, for eksempel 1 200,50".to_owned()
    }
}

/// `1` and `200` read as a decimal: `1,2`; `1` and `000`: `1`.
fn decimal_alternative(integer_text: &str, fraction: &str) -> String {
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() { integer_text.to_owned() } else { format!("{integer_text},{fraction}") }
}

fn two_signs() -> String {
    "beløpet har to fortegn; skriv ett minustegn først, for eksempel −1 200".to_owned()
}

fn too_many_commas() -> String {
    "komma er desimaltegn og kan bare stå én gang; skriv for eksempel 1 200 000,50".to_owned()
}

impl fmt::Display for Money {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.format())
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        Money(self.0 + other.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, other: Money) -> Money {
        Money(self.0 - other.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_canonical_string())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Money::from_canonical_str(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};
    use proptest::prelude::*;

    use super::*;

    /// Parses `input` and compares the value in canonical form.
    #[track_caller]
    fn check_accepted(input: &str, canonical: &str) {
        match Money::parse(input) {
            Ok(money) => assert_eq!(money.to_canonical_string(), canonical, "input {input:?}"),
            Err(error) => panic!("{input:?} was refused: {error}"),
        }
    }

    /// Parses `input`, which must be refused, and compares the reason.
    #[track_caller]
    fn check_refused(input: &str, reason: Expect) {
        match Money::parse(input) {
            Ok(money) => panic!("{input:?} was accepted as {}", money.to_canonical_string()),
            Err(error) => {
                assert_eq!(error.text, input);
                reason.assert_eq(&error.reason);
            }
        }
    }

    #[test]
    fn norwegian_ways_of_writing_an_amount_are_accepted() {
        check_accepted("20 500 000", "20500000");
        check_accepted("20500000", "20500000");
        check_accepted("20.500.000", "20500000");
        check_accepted("kr 1 200 000", "1200000");
        check_accepted("Kr. 1 200 000", "1200000");
        check_accepted("kr1200000", "1200000");
        check_accepted("1 200 000 kr", "1200000");
        check_accepted("1 200 000kr", "1200000");
        check_accepted("1 200 000 KR.", "1200000");
        check_accepted("13.200.000 kroner", "13200000");
        check_accepted("NOK 1200000", "1200000");
        check_accepted("1200000 NOK", "1200000");
        check_accepted("1 200 000,-", "1200000");
        check_accepted("1 200 000,- kr", "1200000");
        check_accepted("1 200 000,\u{2013}", "1200000");
        check_accepted("1.200,-", "1200");
        check_accepted("1 200 000,50", "1200000.5");
        check_accepted("1 200 000,05", "1200000.05");
        check_accepted("1.200.000,50", "1200000.5");
        check_accepted("1.200,50", "1200.5");
        check_accepted("1,2", "1.2");
        check_accepted("0,50", "0.5");
        check_accepted("0", "0");
        check_accepted("999", "999");
        check_accepted("1\u{a0}200\u{a0}000", "1200000");
        check_accepted("1\u{202f}200\u{202f}000", "1200000");
        check_accepted("1\u{2009}200\u{2009}000", "1200000");
        check_accepted("1\u{a0}200 000", "1200000");
        check_accepted("1\u{a0}200\u{a0}000\u{a0}kr", "1200000");
        check_accepted("-1 200", "-1200");
        check_accepted("\u{2212}1 200", "-1200");
        check_accepted("\u{2212}1\u{a0}200,50\u{a0}kr", "-1200.5");
        check_accepted("- 1 200", "-1200");
        check_accepted("-kr 1 200", "-1200");
        check_accepted("kr -1 200", "-1200");
        check_accepted("-0", "0");
        check_accepted("0,-", "0");
        check_accepted("  1 200 000  ", "1200000");
        check_accepted("\t1 200 000\n", "1200000");
        check_accepted("\u{a0}1 200 000\u{a0}", "1200000");
    }

    #[test]
    fn ambiguous_or_malformed_amounts_are_refused_with_a_reason() {
        check_refused("", expect![["feltet er tomt; skriv et beløp, for eksempel 1 200 000"]]);
        check_refused("   ", expect![["feltet er tomt; skriv et beløp, for eksempel 1 200 000"]]);
        check_refused(
            "kr",
            expect![["det står ingen sifre; skriv beløpet, for eksempel 1 200 000"]],
        );
        check_refused(
            "-",
            expect![["det står ingen sifre; skriv beløpet, for eksempel 1 200 000"]],
        );
        check_refused(
            "1.200",
            expect![["punktum kan være både tusenskille og desimaltegn; skriv 1200 eller 1,2"]],
        );
        check_refused(
            "12.500 kr",
            expect![["punktum kan være både tusenskille og desimaltegn; skriv 12500 eller 12,5"]],
        );
        check_refused(
            "1.000",
            expect![["punktum kan være både tusenskille og desimaltegn; skriv 1000 eller 1"]],
        );
        check_refused("1.5", expect![["punktum er ikke desimaltegn i norske beløp; skriv 1,5"]]);
        check_refused(
            "1200.50",
            expect![["punktum er ikke desimaltegn i norske beløp; skriv 1200,50"]],
        );
        check_refused(
            "1234.567",
            expect![[
                "punktum er ikke desimaltegn i norske beløp; bruk komma, for eksempel 1 200,50"
            ]],
        );
        check_refused(
            "1,200",
            expect![[
                "komma kan være både engelsk tusenskille og desimaltegn; skriv 1200 eller 1,2"
            ]],
        );
        check_refused(
            "1,200,000",
            expect![["komma som tusenskille er engelsk skrivemåte; skriv 1 200 000 eller 1200000"]],
        );
        check_refused(
            "1,200.50",
            expect![["komma foran punktum er engelsk skrivemåte; skriv for eksempel 1 200,50"]],
        );
        check_refused(
            "1 200,5,0",
            expect![[
                "komma er desimaltegn og kan bare stå én gang; skriv for eksempel 1 200 000,50"
            ]],
        );
        check_refused(
            "1,5,-",
            expect![[
                "komma er desimaltegn og kan bare stå én gang; skriv for eksempel 1 200 000,50"
            ]],
        );
        check_refused(
            "1 200.000",
            expect![[
                "mellomrom og punktum er brukt om hverandre som tusenskille; bruk bare mellomrom, for eksempel 1 200 000"
            ]],
        );
        check_refused("12 00 000", expect![["sifrene må stå i grupper på tre, som 1 200 000"]]);
        check_refused("1200 000", expect![["sifrene må stå i grupper på tre, som 1 200 000"]]);
        check_refused("1 2000", expect![["sifrene må stå i grupper på tre, som 1 200 000"]]);
        check_refused("1  200", expect![["sifrene må stå i grupper på tre, som 1 200 000"]]);
        check_refused("1.20.000", expect![["sifrene må stå i grupper på tre, som 20.500.000"]]);
        check_refused(
            "1 200,505",
            expect![["beløp kan ha høyst to desimaler (øre); rund av til for eksempel 1 200,50"]],
        );
        check_refused(
            "1234,5678",
            expect![["beløp kan ha høyst to desimaler (øre); rund av til for eksempel 1 200,50"]],
        );
        check_refused(
            "1 200,",
            expect![["komma må følges av øre; skriv 1 200,50, eller 1 200,- for hele kroner"]],
        );
        check_refused(
            ",50",
            expect![["det mangler kroner foran kommaet; skriv for eksempel 0,50"]],
        );
        check_refused(
            "007",
            expect![["beløpet begynner med 0; skriv det uten innledende nuller, som 7"]],
        );
        check_refused(
            "0 200",
            expect![["beløpet begynner med 0; skriv det uten innledende nuller, som 200"]],
        );
        check_refused(
            "12a00",
            expect![[
                "tegnet «a» hører ikke hjemme i et beløp; skriv bare sifre, mellomrom mellom tusener og eventuelt komma og øre, for eksempel 1 200 000,50"
            ]],
        );
        check_refused(
            "€ 1 200",
            expect![[
                "tegnet «€» hører ikke hjemme i et beløp; skriv bare sifre, mellomrom mellom tusener og eventuelt komma og øre, for eksempel 1 200 000,50"
            ]],
        );
        check_refused(
            "+1 200",
            expect![[
                "tegnet «+» hører ikke hjemme i et beløp; skriv bare sifre, mellomrom mellom tusener og eventuelt komma og øre, for eksempel 1 200 000,50"
            ]],
        );
        check_refused(
            "1\t200",
            expect![[
                "bare vanlig mellomrom kan skille sifergrupper; skriv for eksempel 1 200 000"
            ]],
        );
        check_refused(
            "--1200",
            expect![["beløpet har to fortegn; skriv ett minustegn først, for eksempel −1 200"]],
        );
        check_refused(
            "-\u{2212}1200",
            expect![["beløpet har to fortegn; skriv ett minustegn først, for eksempel −1 200"]],
        );
        check_refused(
            "-kr -1200",
            expect![["beløpet har to fortegn; skriv ett minustegn først, for eksempel −1 200"]],
        );
        check_refused("1200-", expect![["minustegnet må stå helt først, for eksempel −1 200"]]);
        check_refused(
            "1 200 kr 000",
            expect![["«kr» eller «NOK» kan stå foran eller bak beløpet, ikke inni det"]],
        );
        check_refused(
            "kr 1 200 kr",
            expect![["valuta står både foran og bak; skriv for eksempel 1 200 000 kr"]],
        );
        check_refused(
            "99999999999999999999999999999999",
            expect![[
                "beløpet er for stort til å regnes med; sjekk at det ikke er skrevet inn sifre for mye"
            ]],
        );
    }

    #[test]
    fn a_refusal_quotes_the_text_and_the_reason() {
        let error = Money::parse("1.200").unwrap_err();
        assert_eq!(
            error.to_string(),
            "«1.200» er ikke et gyldig beløp: punktum kan være både tusenskille og desimaltegn; \
             skriv 1200 eller 1,2"
        );
    }

    #[test]
    fn amounts_are_formatted_the_norwegian_way() {
        let check = |canonical: &str, expected: &str| {
            let money = Money::from_canonical_str(canonical).unwrap();
            assert_eq!(money.format().replace('\u{a0}', "_"), expected, "amount {canonical}");
        };
        check("20500000", "20_500_000_kr");
        check("1200.5", "1_200,50_kr");
        check("1200.05", "1_200,05_kr");
        check("-1200", "\u{2212}1_200_kr");
        check("0", "0_kr");
        check("999", "999_kr");
        check("1000", "1_000_kr");
        check("100000", "100_000_kr");
        check("0.5", "0,50_kr");
        check("-0.004", "0_kr");
        check("1.005", "1,01_kr");
        check("1.999", "2_kr");
        assert_eq!(Money::from_kroner(1200).format_number(), "1\u{a0}200");
        assert_eq!(Money::from_kroner(1200).to_string(), "1\u{a0}200\u{a0}kr");
    }

    #[test]
    fn checked_arithmetic_reports_overflow_instead_of_panicking() {
        let big = Money::new(Decimal::MAX);
        assert_eq!(big.checked_add(Money::from_kroner(1)), None);
        assert_eq!(
            Money::from_kroner(5).checked_sub(Money::from_kroner(7)),
            Some(Money::from_kroner(-2))
        );
        assert_eq!(
            Money::from_kroner(5).checked_add(Money::from_kroner(7)),
            Some(Money::from_kroner(12))
        );
    }

    #[test]
    fn serde_writes_and_reads_the_canonical_string() {
        // toml is the serde format this crate already depends on; any string format would do.
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Row {
            amount: Money,
        }
        let row = Row { amount: Money::parse("1 200,50").unwrap() };
        let text = toml::to_string(&row).unwrap();
        assert_eq!(text.trim(), r#"amount = "1200.5""#);
        assert_eq!(toml::from_str::<Row>(&text).unwrap(), row);
    }

    /// Amounts with at most two decimals, |x| < 10^12 kr, as the forms produce them.
    fn realistic_amount() -> impl Strategy<Value = Money> {
        const LIMIT_IN_ORE: i64 = 100_000_000_000_000;
        (-LIMIT_IN_ORE + 1..LIMIT_IN_ORE).prop_map(|ore| Money::new(Decimal::new(ore, 2)))
    }

    proptest! {
        #[test]
        fn formatted_amounts_parse_back_to_the_same_value(money in realistic_amount()) {
            let formatted = money.format();
            prop_assert_eq!(Money::parse(&formatted), Ok(money));
            prop_assert_eq!(Money::parse(&money.format_number()), Ok(money));
        }

        #[test]
        fn canonical_strings_round_trip(money in realistic_amount()) {
            let canonical = money.to_canonical_string();
            let back = Money::from_canonical_str(&canonical).unwrap();
            prop_assert_eq!(back, money);
            prop_assert_eq!(back.to_canonical_string(), canonical);
        }

        #[test]
        fn plain_kroner_parse_in_every_accepted_grouping(kroner in 0i64..1_000_000_000_000) {
            let plain = kroner.to_string();
            let spaced = Money::from_kroner(kroner).format_number().replace('\u{a0}', " ");
            let dotted = spaced.replace(' ', ".");
            prop_assert_eq!(Money::parse(&plain), Ok(Money::from_kroner(kroner)));
            prop_assert_eq!(Money::parse(&spaced), Ok(Money::from_kroner(kroner)));
            prop_assert_eq!(Money::parse(&format!("{dotted},-")), Ok(Money::from_kroner(kroner)));
        }
    }
}
