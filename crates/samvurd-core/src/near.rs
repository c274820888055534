//! Exact decisions at float speed, for the two places that recompute every total thousands of
//! times: the bootstrap's draws and the weight sensitivity's steps.
//!
//! Each total is first computed as a float. A float total is within far less than `close / 4`
//! of the exact value: it is a weighted mean of at most a few hundred terms on a scale of at most
//! 101 steps, so its error is below 10⁻¹³ of the scale's largest magnitude, and `close` is 10⁻⁹
//! of it. Where two floats (or a float and a threshold) are at least `close` apart, their order
//! is therefore the exact order; where they are closer, the exact rationals decide. The result is
//! the one exact arithmetic gives, and the exact work is done only for near-ties.

use std::cmp::Ordering;

use crate::Scale;
use crate::exact::Exact;

/// How near two float totals must be for the exact values to decide.
pub(crate) fn closeness(scale: &Scale) -> f64 {
    let magnitude = f64::from(scale.min.unsigned_abs().max(scale.max.unsigned_abs()).max(1));
    1e-9 * magnitude
}

/// An exact value as cheap as it can be had: a fraction of two integers compared by
/// cross-multiplication (no reduction at all), or an [`Exact`] where that would overflow.
#[derive(Debug, Clone)]
pub(crate) enum Key {
    /// `numerator / denominator`, the denominator positive.
    Fraction(i128, i128),
    Exact(Exact),
}

impl Key {
    fn exact(&self) -> Exact {
        match self {
            Key::Fraction(numerator, denominator) => Exact::ratio(*numerator, *denominator),
            Key::Exact(value) => value.clone(),
        }
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Key) -> Ordering {
        if let (Key::Fraction(a, b), Key::Fraction(c, d)) = (self, other) {
            if b == d {
                return a.cmp(c);
            }
            if let (Some(left), Some(right)) = (a.checked_mul(*d), c.checked_mul(*b)) {
                return left.cmp(&right);
            }
        }
        self.exact().cmp(&other.exact())
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Key) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Key {}

/// Sorts `order` best first: higher value first, equal values by ascending position (the
/// number in `order`), exactly. `order` must already be sorted by descending `approx`, ties by
/// ascending position; `exact(position)` gives the exact value for a position.
pub(crate) fn settle_near_ties<K: Ord>(
    order: &mut [usize],
    approx: impl Fn(usize) -> f64,
    close: f64,
    mut exact: impl FnMut(usize) -> K,
) {
    let mut keyed: Vec<(K, usize)> = Vec::new();
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && approx(order[end - 1]) - approx(order[end]) < close {
            end += 1;
        }
        if end - start > 1 {
            keyed.clear();
            keyed.extend(order[start..end].iter().map(|&position| (exact(position), position)));
            // Positions are distinct, so the order is total and an unstable sort is exact.
            keyed.sort_unstable_by(|left, right| right.0.cmp(&left.0).then(left.1.cmp(&right.1)));
            for (slot, (_, position)) in order[start..end].iter_mut().zip(keyed.drain(..)) {
                *slot = position;
            }
        }
        start = end;
    }
}

/// Whether a value reaches a threshold, exactly: the float decides when it is clearly on one
/// side, the exact value otherwise.
pub(crate) fn reaches(
    approx: f64,
    threshold: f64,
    close: f64,
    exact_threshold: &Exact,
    exact: impl FnOnce() -> Exact,
) -> bool {
    if approx >= threshold + close {
        true
    } else if approx <= threshold - close {
        false
    } else {
        exact() >= *exact_threshold
    }
}

/// A total-order key for a float, for sorting floats as integers: larger floats give larger keys.
pub(crate) fn ordered_bits(value: f64) -> u64 {
    let bits = value.to_bits();
    if bits >> 63 == 0 { bits | (1 << 63) } else { !bits }
}

/// Descending by float, then ascending by position.
pub(crate) fn by_approx_then_position(
    approx: impl Fn(usize) -> f64,
) -> impl Fn(&usize, &usize) -> Ordering {
    move |&left, &right| {
        approx(right).partial_cmp(&approx(left)).unwrap_or(Ordering::Equal).then(left.cmp(&right))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_ties_are_settled_by_the_exact_values_and_exact_ties_by_position() {
        // Positions 0..4 with exact values 11/3, 11/3, 4, 10/3 and floats that got them wrong
        // in the last bits.
        let exact =
            [Exact::ratio(11, 3), Exact::ratio(11, 3), Exact::integer(4), Exact::ratio(10, 3)];
        let approx = [11.0 / 3.0 + 1e-15, 11.0 / 3.0 - 1e-15, 4.0, 10.0 / 3.0];
        let mut order: Vec<usize> = (0..4).collect();
        order.sort_by(by_approx_then_position(|position| approx[position]));
        settle_near_ties(
            &mut order,
            |position| approx[position],
            1e-9,
            |position| exact[position].clone(),
        );
        assert_eq!(order, [2, 0, 1, 3]);
    }

    #[test]
    fn a_value_exactly_at_its_threshold_reaches_it() {
        let threshold = Exact::ratio(17, 4);
        assert!(reaches(4.25 - 1e-15, 4.25, 1e-9, &threshold, || Exact::ratio(17, 4)));
        assert!(!reaches(4.25 - 1e-15, 4.25, 1e-9, &threshold, || Exact::ratio(17, 4)
            - Exact::ratio(1, 10i128.pow(20))));
        assert!(!reaches(4.0, 4.25, 1e-9, &threshold, || unreachable!()));
    }

    #[test]
    fn ordered_bits_keep_the_order_of_floats() {
        let values = [-3.5, -0.0, 0.0, 1e-300, 2.0, 7.0];
        for pair in values.windows(2) {
            assert!(ordered_bits(pair[0]) <= ordered_bits(pair[1]), "{pair:?}");
        }
    }
}
