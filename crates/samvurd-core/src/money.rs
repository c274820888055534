//! Money in Norwegian kroner, as exact decimals.
//!
//! Amounts are `rust_decimal::Decimal`, never floating point: the allocation compares sums of
//! many requests against the frame, and a rounding error there would be a wrong decision.

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

    pub fn parse(text: &str) -> Result<Self, MoneyParseError> {
        Money::from_canonical_str(text.trim())
    }
}

impl fmt::Display for Money {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{} kr", self.0)
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
