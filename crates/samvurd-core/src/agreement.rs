//! How much the working group agrees: Krippendorff's alpha with the interval metric, per
//! criterion and for the members' totals.
//!
//! The definition is Krippendorff's (2011, "Computing Krippendorff's Alpha-Reliability"):
//! `α = 1 − D_o / D_e`, with the interval difference `δ²(c, k) = (c − k)²`. Units are the
//! applications, observers the members, values their scores (for the totals, each member's own
//! total `T_m(a)`). Missing values are allowed: a unit counts only with at least two values
//! (`m_u ≥ 2`, "pairable"), and `n` is the number of pairable values. With the coincidences
//! written out, this is
//!
//! ```text
//! D_o = 1/n · Σ_u 1/(m_u − 1) · Σ_{i≠j in u} (v_i − v_j)²
//! D_e = 1/(n(n − 1)) · Σ_{i≠j over all pairable values} (v_i − v_j)²
//! ```
//!
//! Alpha is 1 for perfect agreement, 0 when the members agree no more than chance, and below 0
//! for systematic disagreement. It is undefined (`None`) with fewer than two pairable values or
//! when every pairable value is the same (`D_e = 0`).
//!
//! This is a float statistic: it decides no money, and every value is computed with the same
//! operations in the same order on every machine.

use serde::Serialize;

use crate::aggregate::ApplicationAggregate;
use crate::grid::ScoreGrid;
use crate::{CriterionId, Round};

/// Alpha and what it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alpha {
    /// `None` when undefined (too few pairable values, or no variation at all).
    pub alpha: Option<f64>,
    /// Units (applications) with at least two values.
    pub units: usize,
    /// `n`: the values in those units.
    pub pairable_values: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CriterionAlpha {
    pub criterion: CriterionId,
    pub alpha: Alpha,
}

/// The round's agreement: per criterion, in the round's order, and for the totals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    pub criteria: Vec<CriterionAlpha>,
    pub totals: Alpha,
}

/// Krippendorff's interval alpha of units given as the values they received (missing values are
/// simply absent).
pub fn interval_alpha<U: AsRef<[f64]>>(units: &[U]) -> Alpha {
    let pairable: Vec<&[f64]> =
        units.iter().map(AsRef::as_ref).filter(|values| values.len() >= 2).collect();
    let pairable_values: usize = pairable.iter().map(|values| values.len()).sum();
    let undefined = Alpha { alpha: None, units: pairable.len(), pairable_values };
    if pairable_values < 2 {
        return undefined;
    }

    // Σ_u (Σ_{i<j} (v_i − v_j)²) / (m_u − 1): pairwise, so integer scores are summed exactly.
    let mut observed = 0.0;
    for values in &pairable {
        let mut within = 0.0;
        for (index, &left) in values.iter().enumerate() {
            for &right in &values[index + 1..] {
                within += (left - right) * (left - right);
            }
        }
        observed += within / count(values.len() - 1);
    }
    // Σ_{i<j} (v_i − v_j)² over all pairable values equals n · Σ (v − mean)².
    let n = count(pairable_values);
    let mean = pairable.iter().flat_map(|values| values.iter()).sum::<f64>() / n;
    let squares: f64 =
        pairable.iter().flat_map(|values| values.iter()).map(|&v| (v - mean) * (v - mean)).sum();
    let expected = n * squares;
    if expected == 0.0 {
        return undefined;
    }
    Alpha { alpha: Some(1.0 - (n - 1.0) * observed / expected), ..undefined }
}

/// The round's alphas: each criterion over the members' numeric scores, and the totals over
/// the members' own totals.
pub(crate) fn agreement(
    round: &Round,
    grid: &ScoreGrid,
    aggregates: &[ApplicationAggregate],
) -> Agreement {
    let criteria = round
        .criteria
        .iter()
        .enumerate()
        .map(|(criterion_index, criterion)| {
            let units: Vec<Vec<f64>> = (0..grid.applications)
                .map(|application| {
                    grid.cell(application, criterion_index)
                        .iter()
                        .filter_map(|answer| answer.value())
                        .map(f64::from)
                        .collect()
                })
                .collect();
            CriterionAlpha { criterion: criterion.id.clone(), alpha: interval_alpha(&units) }
        })
        .collect();
    let totals: Vec<Vec<f64>> = aggregates
        .iter()
        .map(|aggregate| {
            aggregate.member_totals.iter().map(|member| member.total.to_f64()).collect()
        })
        .collect();
    Agreement { criteria, totals: interval_alpha(&totals) }
}

/// A count as a float; counts of scores are far below 2⁵³.
pub(crate) fn count(value: usize) -> f64 {
    crate::aggregate::exact_f64(i64::try_from(value).unwrap_or(i64::MAX))
}

/// A score or total as a float, for statistics that decide no money.
pub(crate) fn decimal_f64(value: rust_decimal::Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    value.to_f64().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_agreement_is_one_and_no_variation_at_all_is_undefined() {
        let perfect = interval_alpha(&[vec![1.0, 1.0], vec![3.0, 3.0, 3.0], vec![5.0]]);
        assert_eq!(perfect.alpha, Some(1.0));
        assert_eq!((perfect.units, perfect.pairable_values), (2, 5));
        assert_eq!(interval_alpha(&[vec![4.0, 4.0], vec![4.0, 4.0]]).alpha, None);
        assert_eq!(interval_alpha(&[vec![4.0], vec![2.0]]).alpha, None);
    }

    #[test]
    fn two_units_worked_by_hand() {
        // Units {1, 2} and {4, 5}: within each unit one pair at distance 1, so
        // Σ_u P_u/(m_u − 1) = 1 + 1 = 2. All four values: mean 3, Σ(v − 3)² = 4 + 1 + 1 + 4 = 10,
        // n·10 = 40. α = 1 − (4 − 1)·2/40 = 1 − 6/40 = 0.85.
        let alpha = interval_alpha(&[vec![1.0, 2.0], vec![4.0, 5.0]]).alpha.unwrap();
        assert!((alpha - 0.85).abs() < 1e-12, "{alpha}");
    }
}
