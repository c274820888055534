//! `Exact`: a rational number with no rounding at all, for every quantity that can decide a
//! rank, a flag, a threshold or money: `S(a, c)`, `T(a)`, members' totals, deviations, the
//! thresholds they are compared with, the tie-break ladder's keys, weight shares.
//!
//! A mean of three scores is 11/3, not 3.6666666666666666666666666667: two totals that are
//! equal are equal here, and a total of 17/4 is 4.25, never 4.2499…98. Decimals appear only when
//! a value is shown (`round_dp`) or written (`decimal_text`, the JSON's one stated rule).
//!
//! The representation is a reduced fraction of two `i128` while it fits (every value a real
//! round produces does, by a wide margin) and a big rational otherwise; every operation is
//! checked and moves to big integers rather than overflow. The representation is canonical
//! (reduced, positive denominator, small whenever it fits), so derived equality is value
//! equality.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, Div, Mul, Neg, Sub};

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// The decimal places of [`Exact::decimal_text`], the JSON's representation of a decimal.
pub const JSON_DECIMAL_PLACES: u32 = 28;

/// An exact rational number. See the module documentation.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Exact(Repr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum Repr {
    /// Reduced, `den > 0`.
    Small { num: i128, den: i128 },
    /// Only for values that do not fit `Small`.
    Big(Box<BigRational>),
}

impl Exact {
    pub const ZERO: Exact = Exact(Repr::Small { num: 0, den: 1 });
    pub const ONE: Exact = Exact(Repr::Small { num: 1, den: 1 });

    /// An integer.
    pub fn integer(value: impl Into<i128>) -> Exact {
        Exact(Repr::Small { num: value.into(), den: 1 })
    }

    /// `numerator / denominator`.
    ///
    /// # Panics
    /// If `denominator` is zero.
    pub fn ratio(numerator: impl Into<i128>, denominator: impl Into<i128>) -> Exact {
        let (numerator, denominator) = (numerator.into(), denominator.into());
        assert!(denominator != 0, "an exact ratio needs a denominator other than zero");
        Exact::small(numerator, denominator)
            .unwrap_or_else(|| Exact::big(BigRational::new(numerator.into(), denominator.into())))
    }

    /// The exact value of a decimal (a decimal is a fraction over a power of ten).
    pub fn from_decimal(value: Decimal) -> Exact {
        let denominator = 10i128.pow(value.scale());
        Exact::ratio(value.mantissa(), denominator)
    }

    /// A reduced small fraction, if the sign can be normalised without overflow.
    fn small(numerator: i128, denominator: i128) -> Option<Exact> {
        // The one value whose absolute value does not fit (and that `gcd` cannot take).
        if numerator == i128::MIN || denominator == i128::MIN {
            return None;
        }
        let divisor = gcd(numerator, denominator);
        let (mut numerator, mut denominator) = if divisor > 1 {
            (numerator / divisor, denominator / divisor)
        } else {
            (numerator, denominator)
        };
        if denominator < 0 {
            numerator = numerator.checked_neg()?;
            denominator = denominator.checked_neg()?;
        }
        Some(Exact(Repr::Small { num: numerator, den: denominator }))
    }

    /// The canonical form of a big rational: small when it fits.
    fn big(value: BigRational) -> Exact {
        if let (Some(numerator), Some(denominator)) =
            (value.numer().to_i128(), value.denom().to_i128())
        {
            // `BigRational::new` reduces and keeps the denominator positive.
            return Exact(Repr::Small { num: numerator, den: denominator });
        }
        Exact(Repr::Big(Box::new(value)))
    }

    fn to_big(&self) -> BigRational {
        match &self.0 {
            Repr::Small { num, den } => {
                BigRational::new_raw(BigInt::from(*num), BigInt::from(*den))
            }
            Repr::Big(value) => (**value).clone(),
        }
    }

    pub fn is_zero(&self) -> bool {
        matches!(self.0, Repr::Small { num: 0, .. })
    }

    pub fn is_negative(&self) -> bool {
        match &self.0 {
            Repr::Small { num, .. } => *num < 0,
            Repr::Big(value) => value.is_negative(),
        }
    }

    pub fn abs(&self) -> Exact {
        if self.is_negative() { -self } else { self.clone() }
    }

    /// The reduced numerator and (positive) denominator when both fit an `i128`.
    pub fn small_parts(&self) -> Option<(i128, i128)> {
        match &self.0 {
            Repr::Small { num, den } => Some((*num, *den)),
            Repr::Big(_) => None,
        }
    }

    /// `Σ w·v / Σ w` over integer weights, exactly; `None` when the weights add up to zero. One
    /// reduction at the end rather than one per term: the sums of a round's totals.
    pub fn weighted_mean<'a>(
        pairs: impl Iterator<Item = (i128, &'a Exact)> + Clone,
    ) -> Option<Exact> {
        let fast = || -> Option<(i128, i128)> {
            let mut common = 1i128;
            for (_, value) in pairs.clone() {
                let (_, denominator) = value.small_parts()?;
                common = common.checked_mul(denominator / gcd(common, denominator))?;
            }
            let (mut numerator, mut weight_sum) = (0i128, 0i128);
            for (weight, value) in pairs.clone() {
                let (top, bottom) = value.small_parts()?;
                numerator = numerator
                    .checked_add(weight.checked_mul(top)?.checked_mul(common / bottom)?)?;
                weight_sum = weight_sum.checked_add(weight)?;
            }
            Some((numerator, common.checked_mul(weight_sum)?))
        };
        match fast() {
            Some((_, 0)) => None,
            Some((numerator, denominator)) => Some(Exact::ratio(numerator, denominator)),
            None => {
                let (mut sum, mut weights) = (Exact::ZERO, Exact::ZERO);
                for (weight, value) in pairs {
                    let weight = Exact::integer(weight);
                    sum = sum + &weight * value;
                    weights = weights + weight;
                }
                (!weights.is_zero()).then(|| sum / weights)
            }
        }
    }

    /// The numerator and denominator, reduced, the denominator positive.
    pub fn fraction(&self) -> (BigInt, BigInt) {
        match &self.0 {
            Repr::Small { num, den } => (BigInt::from(*num), BigInt::from(*den)),
            Repr::Big(value) => (value.numer().clone(), value.denom().clone()),
        }
    }

    /// The nearest float, for statistics and charts that decide nothing.
    pub fn to_f64(&self) -> f64 {
        match &self.0 {
            Repr::Small { num, den } => {
                // Both are exact below 2⁵³, which covers every value a round produces; beyond
                // that the quotient is still within a few ulps, and nothing here decides money.
                #[allow(clippy::cast_precision_loss)]
                let value = *num as f64 / *den as f64;
                value
            }
            Repr::Big(value) => value.to_f64().unwrap_or(f64::NAN),
        }
    }

    /// `|value| · 10^places`, rounded half away from zero, and the sign.
    fn scaled(&self, places: u32) -> (bool, BigInt) {
        let (numerator, denominator) = self.fraction();
        let negative = numerator.sign() == Sign::Minus;
        let scaled = numerator.abs() * BigInt::from(10u8).pow(places);
        let (quotient, remainder) = scaled.div_rem(&denominator);
        let rounded = if remainder * 2u8 >= denominator { quotient + 1u8 } else { quotient };
        (negative && !rounded.is_zero(), rounded)
    }

    /// The value rounded half away from zero to `places` decimal places (fewer if the digits
    /// would not fit a `Decimal`, which happens only beyond 28 significant digits).
    pub fn round_dp(&self, places: u32) -> Decimal {
        let mut places = places.min(28);
        loop {
            let (negative, digits) = self.scaled(places);
            if let Some(mantissa) = digits.to_i128()
                && let Ok(mut value) = Decimal::try_from_i128_with_scale(mantissa, places)
            {
                value.set_sign_negative(negative);
                return value;
            }
            if places == 0 {
                return if negative { Decimal::MIN } else { Decimal::MAX };
            }
            places -= 1;
        }
    }

    /// As many decimals as a `Decimal` holds, up to 28, rounded half away from zero: for display
    /// code that rounds further (two decimals never differ from rounding the exact value, since
    /// a fraction with a denominator below 10²⁵ cannot have 25 nines in a row unless it ends).
    pub fn to_decimal(&self) -> Decimal {
        self.round_dp(28).normalize()
    }

    /// The JSON's decimal text: the value rounded half away from zero to 28 decimal places,
    /// trailing zeros (and a trailing point) dropped. A value whose decimals end within 28 places
    /// is therefore written exactly (`4.25`, `4`); 11/3 is `3.6666666666666666666666666667`.
    pub fn decimal_text(&self) -> String {
        let (negative, digits) = self.scaled(JSON_DECIMAL_PLACES);
        let digits = digits.to_string();
        let places = JSON_DECIMAL_PLACES as usize;
        let padded = if digits.len() <= places {
            format!("{}{digits}", "0".repeat(places + 1 - digits.len()))
        } else {
            digits
        };
        let (whole, fraction) = padded.split_at(padded.len() - places);
        let fraction = fraction.trim_end_matches('0');
        let sign = if negative { "-" } else { "" };
        if fraction.is_empty() {
            format!("{sign}{whole}")
        } else {
            format!("{sign}{whole}.{fraction}")
        }
    }

    /// The exact fraction as text: `11/3`, or `4` for an integer.
    pub fn fraction_text(&self) -> String {
        let (numerator, denominator) = self.fraction();
        if denominator.is_one() {
            numerator.to_string()
        } else {
            format!("{numerator}/{denominator}")
        }
    }

    /// The smallest integer not below the value.
    pub fn ceil(&self) -> BigInt {
        let (numerator, denominator) = self.fraction();
        numerator.div_ceil(&denominator)
    }

    fn combine(
        &self,
        other: &Exact,
        small: impl FnOnce(i128, i128, i128, i128) -> Option<(i128, i128)>,
        big: impl FnOnce(BigRational, BigRational) -> BigRational,
    ) -> Exact {
        if let (Repr::Small { num: a, den: b }, Repr::Small { num: c, den: d }) =
            (&self.0, &other.0)
            && let Some((numerator, denominator)) = small(*a, *b, *c, *d)
            && denominator != 0
            && let Some(value) = Exact::small(numerator, denominator)
        {
            return value;
        }
        Exact::big(big(self.to_big(), other.to_big()))
    }
}

/// The greatest common divisor of two values other than `i128::MIN` (non-negative; `gcd(0, 0)`
/// is 0): binary GCD on 64 bits when both fit, which is every value a round produces.
fn gcd(a: i128, b: i128) -> i128 {
    let (a, b) = (a.unsigned_abs(), b.unsigned_abs());
    if let (Ok(a), Ok(b)) = (u64::try_from(a), u64::try_from(b)) {
        return i128::from(binary_gcd(a, b));
    }
    let (mut a, mut b) = (a, b);
    while b != 0 {
        (a, b) = (b, a % b);
    }
    i128::try_from(a).unwrap_or(i128::MAX)
}

fn binary_gcd(mut a: u64, mut b: u64) -> u64 {
    if a == 0 {
        return b;
    }
    if b == 0 {
        return a;
    }
    let shift = (a | b).trailing_zeros();
    a >>= a.trailing_zeros();
    loop {
        b >>= b.trailing_zeros();
        if a > b {
            std::mem::swap(&mut a, &mut b);
        }
        b -= a;
        if b == 0 {
            return a << shift;
        }
    }
}

/// `a/b ± c/d` over the least common denominator.
fn small_sum(a: i128, b: i128, c: i128, d: i128, subtract: bool) -> Option<(i128, i128)> {
    if b == d {
        // The common case in sums of means over the same count: no scaling at all.
        let numerator = if subtract { a.checked_sub(c)? } else { a.checked_add(c)? };
        return Some((numerator, b));
    }
    let divisor = gcd(b, d);
    let (b_part, d_part) = (b / divisor, d / divisor);
    let left = a.checked_mul(d_part)?;
    let right = c.checked_mul(b_part)?;
    let numerator = if subtract { left.checked_sub(right)? } else { left.checked_add(right)? };
    Some((numerator, b.checked_mul(d_part)?))
}

impl Add<&Exact> for &Exact {
    type Output = Exact;
    fn add(self, other: &Exact) -> Exact {
        self.combine(other, |a, b, c, d| small_sum(a, b, c, d, false), |x, y| x + y)
    }
}

impl Sub<&Exact> for &Exact {
    type Output = Exact;
    fn sub(self, other: &Exact) -> Exact {
        self.combine(other, |a, b, c, d| small_sum(a, b, c, d, true), |x, y| x - y)
    }
}

impl Mul<&Exact> for &Exact {
    type Output = Exact;
    fn mul(self, other: &Exact) -> Exact {
        self.combine(
            other,
            |a, b, c, d| {
                // Cross-reduce first so the products stay small.
                let (g1, g2) = (gcd(a, d).max(1), gcd(c, b).max(1));
                Some(((a / g1).checked_mul(c / g2)?, (b / g2).checked_mul(d / g1)?))
            },
            |x, y| x * y,
        )
    }
}

impl Div<&Exact> for &Exact {
    type Output = Exact;
    /// # Panics
    /// On division by zero, like integer division.
    fn div(self, other: &Exact) -> Exact {
        assert!(!other.is_zero(), "exact division by zero");
        self.combine(
            other,
            |a, b, c, d| {
                let (g1, g2) = (gcd(a, c).max(1), gcd(b, d).max(1));
                Some(((a / g1).checked_mul(d / g2)?, (b / g2).checked_mul(c / g1)?))
            },
            |x, y| x / y,
        )
    }
}

macro_rules! by_value {
    ($($trait:ident $method:ident),*) => {$(
        impl $trait<Exact> for Exact {
            type Output = Exact;
            fn $method(self, other: Exact) -> Exact {
                (&self).$method(&other)
            }
        }
        impl $trait<&Exact> for Exact {
            type Output = Exact;
            fn $method(self, other: &Exact) -> Exact {
                (&self).$method(other)
            }
        }
    )*};
}
by_value!(Add add, Sub sub, Mul mul, Div div);

impl Neg for &Exact {
    type Output = Exact;
    fn neg(self) -> Exact {
        match &self.0 {
            Repr::Small { num, den } => match num.checked_neg() {
                Some(num) => Exact(Repr::Small { num, den: *den }),
                None => Exact::big(-self.to_big()),
            },
            Repr::Big(value) => Exact::big(-(**value).clone()),
        }
    }
}

impl Neg for Exact {
    type Output = Exact;
    fn neg(self) -> Exact {
        -&self
    }
}

impl std::iter::Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(iter: I) -> Exact {
        iter.fold(Exact::ZERO, |sum, value| sum + value)
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Exact) -> Ordering {
        if let (Repr::Small { num: a, den: b }, Repr::Small { num: c, den: d }) =
            (&self.0, &other.0)
        {
            if b == d {
                return a.cmp(c);
            }
            if let (Some(left), Some(right)) = (a.checked_mul(*d), c.checked_mul(*b)) {
                return left.cmp(&right);
            }
        }
        self.to_big().cmp(&other.to_big())
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Exact) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl From<i32> for Exact {
    fn from(value: i32) -> Exact {
        Exact::integer(value)
    }
}

impl From<i64> for Exact {
    fn from(value: i64) -> Exact {
        Exact::integer(value)
    }
}

impl From<Decimal> for Exact {
    fn from(value: Decimal) -> Exact {
        Exact::from_decimal(value)
    }
}

impl fmt::Debug for Exact {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}", self.fraction_text())
    }
}

/// The JSON's decimal text ([`Exact::decimal_text`]).
impl fmt::Display for Exact {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.decimal_text())
    }
}

/// As a string in the JSON's decimal text, like the round's other decimals.
impl Serialize for Exact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.decimal_text())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn equal_values_are_equal_whatever_way_they_were_reached() {
        let a = (Exact::integer(3) + Exact::integer(4) + Exact::integer(4)) / Exact::integer(3);
        let b = (Exact::ratio(4, 1) + Exact::ratio(10, 3)) / Exact::integer(2);
        assert_eq!(a, b);
        assert_eq!(a.fraction_text(), "11/3");
    }

    #[test]
    fn the_decimal_text_is_exact_when_it_ends_and_rounded_half_away_from_zero_otherwise() {
        assert_eq!(Exact::ratio(17, 4).decimal_text(), "4.25");
        assert_eq!(Exact::integer(4).decimal_text(), "4");
        assert_eq!(Exact::ratio(11, 3).decimal_text(), "3.6666666666666666666666666667");
        assert_eq!(Exact::ratio(-11, 3).decimal_text(), "-3.6666666666666666666666666667");
        assert_eq!(Exact::ratio(5, 3).decimal_text(), "1.6666666666666666666666666667");
        assert_eq!(Exact::ratio(1, 3).decimal_text(), "0.3333333333333333333333333333");
        assert_eq!(Exact::ratio(-1, 8).decimal_text(), "-0.125");
        assert_eq!(Exact::ratio(166, 3).decimal_text(), "55.3333333333333333333333333333");
        // Below half a unit of the 28th place: zero, without a sign.
        assert_eq!(Exact::ratio(-1, 10i128.pow(30)).decimal_text(), "0");
    }

    #[test]
    fn rounding_for_display_is_half_away_from_zero() {
        assert_eq!(Exact::ratio(5125, 1000).round_dp(2).to_string(), "5.13");
        assert_eq!(Exact::ratio(-5125, 1000).round_dp(2).to_string(), "-5.13");
        assert_eq!(Exact::ratio(2, 3).round_dp(2).to_string(), "0.67");
        assert_eq!(Exact::ratio(11, 3).to_decimal().to_string(), "3.6666666666666666666666666667");
    }

    #[test]
    fn decimals_convert_exactly() {
        assert_eq!(Exact::from_decimal(Decimal::new(425, 2)), Exact::ratio(17, 4));
        assert_eq!(Exact::from_decimal(Decimal::new(-15, 1)), Exact::ratio(-3, 2));
    }

    #[test]
    fn overflow_moves_to_big_integers_and_back() {
        let huge = Exact::integer(i128::MAX);
        let sum = &huge + &huge;
        assert!(sum > huge);
        assert_eq!(&sum - &huge, huge);
        assert_eq!((&sum / &Exact::integer(2)), huge);
        let tiny = Exact::ratio(1, i128::MAX);
        assert!(tiny.clone() * tiny.clone() < tiny);
        assert_eq!(-Exact::integer(i128::MIN), &Exact::integer(i128::MAX) + &Exact::ONE);
        assert_eq!(Exact::ratio(i128::MIN, 2), Exact::integer(i128::MIN / 2));
        assert_eq!(
            Exact::ratio(1, i128::MIN),
            -(Exact::ratio(1, 2) / Exact::integer(1i128 << 126))
        );
    }

    fn fraction() -> impl Strategy<Value = (i64, i64)> {
        (any::<i64>(), any::<i64>().prop_filter("not zero", |d| *d != 0))
    }

    proptest! {
        /// The small path agrees with big-integer arithmetic everywhere, overflow included.
        #[test]
        fn arithmetic_matches_big_rationals((a, b) in fraction(), (c, d) in fraction()) {
            let x = Exact::ratio(a, b);
            let y = Exact::ratio(c, d);
            let bx = BigRational::new(a.into(), b.into());
            let by = BigRational::new(c.into(), d.into());
            prop_assert_eq!((&x + &y).to_big(), &bx + &by);
            prop_assert_eq!((&x - &y).to_big(), &bx - &by);
            prop_assert_eq!((&x * &y).to_big(), &bx * &by);
            if c != 0 {
                prop_assert_eq!((&x / &y).to_big(), &bx / &by);
            }
            prop_assert_eq!(x.cmp(&y), bx.cmp(&by));
            let big_product = Exact::big(&bx * &by * &bx);
            prop_assert_eq!(big_product, &(&x * &y) * &x);
        }
    }
}
