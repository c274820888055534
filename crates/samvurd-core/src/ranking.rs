//! Ranking applications by their total.
//!
//! For now equal totals (compared at full precision) share a rank, in competition style
//! (1, 2, 2, 4). Within a shared rank the list is ordered by reference so that everything
//! downstream, the allocation in particular, is deterministic. Applications without a total are
//! not ranked and come last.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::ApplicationRef;
use crate::aggregate::ApplicationAggregate;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub application: ApplicationRef,
    pub total: Option<Decimal>,
    /// 1 is best; `None` for an application with no numeric score at all.
    pub rank: Option<u32>,
}

/// Ranks by total, highest first.
pub fn rank(aggregates: &[ApplicationAggregate]) -> Vec<Ranked> {
    let mut order: Vec<&ApplicationAggregate> = aggregates.iter().collect();
    order.sort_by(|left, right| {
        // `None` sorts after every total; among equals, by reference.
        right.total.cmp(&left.total).then_with(|| left.application.cmp(&right.application))
    });

    let mut ranked = Vec::with_capacity(order.len());
    let mut previous: Option<(Decimal, u32)> = None;
    for (position, aggregate) in order.into_iter().enumerate() {
        let rank = aggregate.total.map(|total| match previous {
            Some((previous_total, previous_rank)) if previous_total == total => previous_rank,
            _ => {
                let rank = u32::try_from(position + 1).unwrap_or(u32::MAX);
                previous = Some((total, rank));
                rank
            }
        });
        ranked.push(Ranked {
            application: aggregate.application.clone(),
            total: aggregate.total,
            rank,
        });
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aggregate(reference: &str, total: Option<i64>) -> ApplicationAggregate {
        ApplicationAggregate {
            application: ApplicationRef::from(reference),
            criteria: Vec::new(),
            total: total.map(Decimal::from),
        }
    }

    #[test]
    fn equal_totals_share_a_rank_and_the_next_rank_skips() {
        let ranked = rank(&[
            aggregate("C", Some(5)),
            aggregate("A", Some(6)),
            aggregate("B", Some(5)),
            aggregate("D", None),
            aggregate("E", Some(3)),
        ]);
        let summary: Vec<(&str, Option<u32>)> =
            ranked.iter().map(|entry| (entry.application.as_str(), entry.rank)).collect();
        assert_eq!(
            summary,
            vec![("A", Some(1)), ("B", Some(2)), ("C", Some(2)), ("E", Some(4)), ("D", None)]
        );
    }

    #[test]
    fn totals_that_differ_only_far_behind_the_comma_do_not_tie() {
        let mut close = aggregate("B", Some(5));
        close.total = Some(Decimal::from(5) + Decimal::new(1, 20));
        let ranked = rank(&[aggregate("A", Some(5)), close]);
        assert_eq!(ranked[0].application.as_str(), "B");
        assert_eq!((ranked[0].rank, ranked[1].rank), (Some(1), Some(2)));
    }
}
