//! Rank uncertainty: a seeded bootstrap over the members.
//!
//! Each draw resamples the panel with replacement: as many members as gave at least one numeric
//! score in the round, each picked uniformly from them (a member picked twice counts twice, one not
//! picked not at all). The draw's `S(a, c)` and `T(a)` are computed from the picked members' scores
//! exactly as the proposal's are (recused members stay out, mean or median as the round says), the
//! applications are ranked, and the proposal's allocation rules (gates, thresholds, frame,
//! partial funding) are replayed on that ranking. Over all draws this gives, per application:
//!
//! - a **90 % rank interval**: the 5th and 95th percentiles of its rank by the nearest-rank
//!   method (the ⌈0.05·B⌉-th and ⌈0.95·B⌉-th smallest of the `B` draw ranks);
//! - how often it is **funded** (in full or in part) and a label against the funding line:
//!   *clearly funded* when funded in at least 95 % of the draws, *clearly not funded* when in at
//!   most 5 %, otherwise *grey zone*. The 95 %/5 % cut-offs are the two tails of the same 90 %.
//!
//! Ranking inside a draw: totals are compared exactly, and exactly equal ones keep the proposal's
//! order (which already holds the tie-break ladder). Thresholds are met exactly too. The totals
//! are computed as floats first and the exact rationals decide wherever two floats are near
//! (`crate::near`), so the result is the exact one at float speed. An application that no picked
//! member scored has no total in that draw: it is placed after all that have one (in the
//! proposal's order) and is not funded.
//!
//! Determinism: the generator is SplitMix64 (Steele, Lea and Flood 2014), written out below,
//! seeded with `bootstrap_seed`; a member is picked as `⌊x · M / 2⁶⁴⌋` of the next 64-bit output
//! `x`, draws and picks in order. Every comparison that decides a rank or a threshold is exact,
//! so the same round and seed give the same intervals on every machine.
//!
//! Speed: the scores are laid out once per member as integer sums and counts per application ×
//! criterion; a draw adds up the picked members' arrays (a tight integer loop), divides, sorts
//! and replays the allocation.

use serde::Serialize;

use crate::allocation::Funding;
use crate::exact::Exact;
use crate::grid::ScoreGrid;
use crate::near::{Key, closeness, ordered_bits, reaches, settle_near_ties};
use crate::{Aggregation, Round};

const GOLDEN_GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// The SplitMix64 generator: a 64-bit state advanced by the golden-ratio constant, and an
/// output mix of two xor-shift-multiply rounds. Its whole definition is these few lines, which
/// is what makes the bootstrap reproducible from the documentation alone.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The generator `steps` numbers further on, as if `next_u64` had been called that often:
    /// the state only ever moves by the same constant.
    pub fn skipped(&self, steps: u64) -> SplitMix64 {
        SplitMix64 { state: self.state.wrapping_add(steps.wrapping_mul(GOLDEN_GAMMA)) }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN_GAMMA);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` as `⌊x · bound / 2⁶⁴⌋` (Lemire's multiply-shift; the bias is below
    /// `bound / 2⁶⁴`, far beneath anything a panel of members could show).
    pub fn below(&mut self, bound: usize) -> usize {
        let bound = u64::try_from(bound).unwrap_or(u64::MAX);
        let product = u128::from(self.next_u64()) * u128::from(bound);
        usize::try_from(product >> 64).unwrap_or(0)
    }
}

/// Where an application lands against the funding line across the draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FundingLabel {
    ClearlyFunded,
    GreyZone,
    ClearlyNotFunded,
}

impl FundingLabel {
    pub fn as_str(self) -> &'static str {
        match self {
            FundingLabel::ClearlyFunded => "clearly_funded",
            FundingLabel::GreyZone => "grey_zone",
            FundingLabel::ClearlyNotFunded => "clearly_not_funded",
        }
    }

    /// The words in the innstilling.
    pub fn label(self) -> &'static str {
        match self {
            FundingLabel::ClearlyFunded => "klart innenfor",
            FundingLabel::GreyZone => "gråsone",
            FundingLabel::ClearlyNotFunded => "klart utenfor",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankUncertainty {
    /// The best rank of the 90 % interval (the 5th percentile).
    pub rank_low: u32,
    /// The worst rank of the 90 % interval (the 95th percentile).
    pub rank_high: u32,
    /// Draws in which it was funded, in full or in part.
    pub funded_draws: u32,
    pub draws: u32,
    pub label: FundingLabel,
}

/// What the draws need to know about the proposal.
pub(crate) struct Proposal<'a> {
    /// Indices into the round's applications, in ranking order.
    pub order: &'a [usize],
    /// Per application in the round's order: whether it has a total (is ranked).
    pub ranked: &'a [bool],
    /// Per application: whether it passed the gates (failed ones are never funded).
    pub gates_passed: &'a [bool],
    /// Per criterion: the round's minimum on `S(a, c)`, if any.
    pub criterion_thresholds: &'a [Option<Exact>],
    /// The round's minimum total, if any.
    pub total_threshold: Option<Exact>,
    pub funding: &'a Funding,
}

/// A threshold as a float (to rule out the clear cases) and exactly (to decide the near ones).
#[derive(Debug, Clone)]
pub(crate) struct Threshold {
    pub approx: f64,
    pub exact: Exact,
}

impl Threshold {
    pub(crate) fn new(exact: &Exact) -> Threshold {
        Threshold { approx: exact.to_f64(), exact: exact.clone() }
    }
}

/// The rank interval and funding label per application in the round's order (`None` for an
/// unranked one); all `None` when the round has no draws or no member with a score. The draws
/// are shared among at most `threads` threads (fewer when there are few draws); the result is
/// the same for any number.
pub(crate) fn bootstrap_on(
    round: &Round,
    grid: &ScoreGrid,
    proposal: &Proposal<'_>,
    threads: usize,
) -> Vec<Option<RankUncertainty>> {
    let application_count = grid.applications;
    let draws = round.options.bootstrap_draws;
    let criteria = grid.criteria;
    // The panel that is resampled: members with at least one counted numeric score.
    let panel: Vec<usize> = (0..grid.member_count())
        .filter(|&member| {
            (0..application_count).any(|application| {
                (0..criteria)
                    .any(|criterion| grid.answer(application, criterion, member).value().is_some())
            })
        })
        .collect();
    // The ranked applications, compactly numbered in ranking order.
    let ranked: Vec<usize> =
        proposal.order.iter().copied().filter(|&index| proposal.ranked[index]).collect();
    if draws == 0 || panel.is_empty() || ranked.is_empty() {
        return vec![None; application_count];
    }
    let ranked_count = ranked.len();
    let totals = DrawTotals::new(round, grid, proposal, &panel, &ranked);
    let close = totals.close;
    let total_threshold = proposal.total_threshold.as_ref().map(Threshold::new);

    // Sort keys: the float total, as an integer that sorts it descending, then the proposal
    // position: one integer comparison each. Near ties are then settled exactly.
    let sort_key = |total: f64, compact: usize| {
        (u128::from(ordered_bits(-total)) << 64) | u128::try_from(compact).unwrap_or(0)
    };
    let compact_of = |key: u128| usize::try_from(key & u128::from(u64::MAX)).unwrap_or(0);

    // The draws are independent: each takes exactly `panel.len()` numbers from the generator,
    // so a share of them can start anywhere in the sequence, and what they count is summed.
    // They run on `threads` threads, with the very same draws and sums as one after the other.
    let run = |first: u32, count: u32| -> (Vec<u32>, Vec<u32>) {
        let mut generator = SplitMix64::new(round.options.bootstrap_seed)
            .skipped(u64::from(first) * u64::try_from(panel.len()).unwrap_or(0));
        let mut picks = vec![0i32; panel.len()];
        let mut draw = totals.scratch();
        let mut keyed: Vec<u128> = Vec::with_capacity(ranked_count);
        let mut draw_compacts: Vec<usize> = Vec::with_capacity(ranked_count);
        let mut draw_order: Vec<usize> = Vec::with_capacity(ranked_count);
        let mut eligible = vec![false; application_count];
        let mut grants = vec![None; application_count];
        let mut rank_counts = vec![0u32; ranked_count * ranked_count];
        let mut funded_draws = vec![0u32; ranked_count];
        let mut without_total: Vec<usize> = Vec::new();

        for _ in 0..count {
            picks.fill(0);
            for _ in 0..panel.len() {
                picks[generator.below(panel.len())] += 1;
            }
            totals.compute(&picks, &mut draw);
            keyed.clear();
            without_total.clear();
            for (compact, &application) in ranked.iter().enumerate() {
                match draw.totals[compact] {
                    Some(total) => {
                        eligible[application] = proposal.gates_passed[application]
                            && draw.criteria_passed[compact]
                            && total_threshold.as_ref().is_none_or(|threshold| {
                                reaches(total, threshold.approx, close, &threshold.exact, || {
                                    totals.exact_total(compact, &picks).unwrap_or(Exact::ZERO)
                                })
                            });
                        keyed.push(sort_key(total, compact));
                    }
                    None => {
                        eligible[application] = false;
                        without_total.push(compact);
                    }
                }
            }
            // The key ends in the proposal's position, so equal totals keep the proposal's
            // order.
            keyed.sort_unstable();
            draw_compacts.clear();
            draw_compacts.extend(keyed.iter().map(|&key| compact_of(key)));
            settle_near_ties(
                &mut draw_compacts,
                |compact| draw.totals[compact].unwrap_or(0.0),
                close,
                |compact| totals.exact_key(compact, &picks, &draw),
            );
            draw_order.clear();
            draw_order.extend(draw_compacts.iter().map(|&compact| ranked[compact]));
            draw_order.extend(without_total.iter().map(|&compact| ranked[compact]));
            proposal.funding.fund(&draw_order, &eligible, &mut grants, None);

            for (position, &compact) in draw_compacts.iter().enumerate() {
                rank_counts[compact * ranked_count + position] += 1;
            }
            for (offset, &compact) in without_total.iter().enumerate() {
                rank_counts[compact * ranked_count + keyed.len() + offset] += 1;
            }
            for (compact, &application) in ranked.iter().enumerate() {
                if grants[application].is_some() {
                    funded_draws[compact] += 1;
                }
            }
        }
        (rank_counts, funded_draws)
    };
    let threads = threads.min(usize::try_from(draws / 250).unwrap_or(1)).max(1);
    let threads = u32::try_from(threads).unwrap_or(1);
    let shares: Vec<(u32, u32)> = (0..threads)
        .map(|share| {
            let first = draws / threads * share + share.min(draws % threads);
            (first, draws / threads + u32::from(share < draws % threads))
        })
        .collect();
    let counted: Vec<(Vec<u32>, Vec<u32>)> = if threads == 1 {
        vec![run(0, draws)]
    } else {
        std::thread::scope(|scope| {
            let run = &run;
            let workers: Vec<_> = shares
                .iter()
                .map(|&(first, count)| scope.spawn(move || run(first, count)))
                .collect();
            workers
                .into_iter()
                .map(|worker| {
                    worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    };
    let mut rank_counts = vec![0u32; ranked_count * ranked_count];
    let mut funded_draws = vec![0u32; ranked_count];
    for (ranks, funded) in counted {
        for (sum, count) in rank_counts.iter_mut().zip(ranks) {
            *sum += count;
        }
        for (sum, count) in funded_draws.iter_mut().zip(funded) {
            *sum += count;
        }
    }

    // Nearest-rank percentiles: the ⌈0.05·B⌉-th and ⌈0.95·B⌉-th smallest ranks.
    let low_ordinal = (5 * u64::from(draws)).div_ceil(100);
    let high_ordinal = (95 * u64::from(draws)).div_ceil(100);
    let mut result = vec![None; application_count];
    for (compact, &application) in ranked.iter().enumerate() {
        let counts = &rank_counts[compact * ranked_count..(compact + 1) * ranked_count];
        let percentile = |ordinal: u64| {
            let mut seen = 0u64;
            for (position, &count) in counts.iter().enumerate() {
                seen += u64::from(count);
                if seen >= ordinal {
                    return u32::try_from(position + 1).unwrap_or(u32::MAX);
                }
            }
            u32::try_from(ranked_count).unwrap_or(u32::MAX)
        };
        let funded = funded_draws[compact];
        let label = if 100 * u64::from(funded) >= 95 * u64::from(draws) {
            FundingLabel::ClearlyFunded
        } else if 100 * u64::from(funded) <= 5 * u64::from(draws) {
            FundingLabel::ClearlyNotFunded
        } else {
            FundingLabel::GreyZone
        };
        result[application] = Some(RankUncertainty {
            rank_low: percentile(low_ordinal.max(1)),
            rank_high: percentile(high_ordinal.max(1)),
            funded_draws: funded,
            draws,
            label,
        });
    }
    result
}

/// How a draw's totals are computed from the picks, laid out once so each draw is cheap. All
/// three ways compute the same `S(a, c)` and `T(a)` of the module documentation; they differ in
/// the order of the float operations only, and every way is fixed, so every draw is
/// reproducible.
struct DrawTotals<'a> {
    round: &'a Round,
    criteria: usize,
    ranked_count: usize,
    /// Per ranked application: the *whole* way applies (see `weighted_sums`).
    whole: Vec<bool>,
    /// For a *whole* application (every criterion answered by every panel member or by none,
    /// mean aggregation, no criterion minimums), `S(a, c) = Σ_m k_m·v_m / P` and so
    /// `T(a) = Σ_m k_m·t_m(a) / (P·W_a)` with `t_m(a) = Σ_c w_c·v_m` over the answered
    /// criteria: one multiply-add per picked member. `weighted_sums[slot · R + compact]`.
    weighted_sums: Vec<f64>,
    /// `P·W_a` per ranked application (for the whole ones).
    whole_denominators: Vec<f64>,
    /// The other applications (compact indices) and their cells, packed: per member one i32 per
    /// cell holding `1 << 16` for an answer plus the answer's distance from the scale's minimum,
    /// so that adding up the picked members' arrays (times how often each was picked) gives
    /// count and sum in one integer. Used for the mean while a whole panel's sum stays below
    /// 2¹⁶ (648 members on a 101-step scale).
    packed_applications: Vec<usize>,
    packed: Vec<i32>,
    /// Per cell of every ranked application, its (value, slot) pairs sorted by value: the way
    /// for the median or a panel too large to pack (`use_listed`), and for the exact values
    /// that settle near ties.
    listed: Vec<Vec<(i32, usize)>>,
    use_listed: bool,
    /// 1/n for every possible count, so that a draw multiplies instead of dividing.
    reciprocals: Vec<f64>,
    weights: Vec<f64>,
    exact_weights: Vec<Exact>,
    /// The weights as integers of one common unit (`None` if they do not fit), so that a near
    /// tie's exact total is a fraction of integer sums.
    integer_weights: Option<Vec<i128>>,
    /// For the *whole* applications: `t_m(a)` in integer weights, `[slot · R + compact]`.
    integer_member_sums: Vec<i128>,
    /// For the *whole* applications: `P·W_a` in integer weights (0 when not known).
    integer_denominators: Vec<i128>,
    /// `integer_member_sums` as `i64`, when every draw's sum of them stays below 2⁵³: the draws
    /// then add integers (exact) instead of floats, and a near tie between whole applications
    /// costs one comparison of two fractions.
    small_member_sums: Option<Vec<i64>>,
    /// `integer_denominators` as floats (exact below 2⁵³, which `small_member_sums` implies).
    small_denominators: Vec<f64>,
    /// Per packed application (compact index): its place in `packed_applications`.
    packed_index: Vec<Option<usize>>,
    minimum: f64,
    criterion_thresholds: Vec<Option<Threshold>>,
    /// See `crate::near`.
    close: f64,
}

/// One draw's results, reused from draw to draw.
struct Draw {
    /// Per ranked application: the float total (see `crate::near`), or `None` when no picked
    /// member scored it.
    totals: Vec<Option<f64>>,
    /// Per ranked application: every criterion minimum met.
    criteria_passed: Vec<bool>,
    accumulated: Vec<i32>,
    whole_sums: Vec<f64>,
    /// `Σ k_m·t_m(a)` in integer weights, for the whole applications (see `small_member_sums`).
    whole_integer_sums: Vec<i64>,
}

impl<'a> DrawTotals<'a> {
    fn new(
        round: &'a Round,
        grid: &ScoreGrid,
        proposal: &Proposal<'_>,
        panel: &[usize],
        ranked: &[usize],
    ) -> DrawTotals<'a> {
        let criteria = grid.criteria;
        let ranked_count = ranked.len();
        let panel_size = panel.len();
        let answer = |slot: usize, compact: usize, criterion: usize| {
            grid.answer(ranked[compact], criterion, panel[slot]).value()
        };
        let weights: Vec<f64> = round
            .criteria
            .iter()
            .map(|criterion| crate::agreement::decimal_f64(criterion.weight))
            .collect();
        let mean = round.info.aggregation == Aggregation::Mean;
        let has_criterion_thresholds = proposal.criterion_thresholds.iter().any(Option::is_some);
        let scale_min = round.info.scale.min;
        let span = i64::from(round.info.scale.max) - i64::from(scale_min);
        let panel_i64 = i64::try_from(panel_size).unwrap_or(i64::MAX);
        let packable = mean && panel_i64 * span < (1 << 16) && panel_i64 < (1 << 15);

        let whole: Vec<bool> = (0..ranked_count)
            .map(|compact| {
                mean && !has_criterion_thresholds
                    && (0..criteria).all(|criterion| {
                        let answered = (0..panel_size)
                            .filter(|&slot| answer(slot, compact, criterion).is_some())
                            .count();
                        answered == 0 || answered == panel_size
                    })
            })
            .collect();
        let integer_weights = crate::aggregate::integer_weights(round);
        let mut integer_member_sums = vec![0i128; panel_size * ranked_count];
        let mut integer_denominators = vec![0i128; ranked_count];
        let mut weighted_sums = vec![0.0; panel_size * ranked_count];
        let mut whole_denominators = vec![0.0; ranked_count];
        for compact in (0..ranked_count).filter(|&compact| whole[compact]) {
            let mut weight_sum = 0.0;
            for (criterion, &weight) in weights.iter().enumerate() {
                if answer(0, compact, criterion).is_some() {
                    weight_sum += weight;
                }
            }
            whole_denominators[compact] = crate::agreement::count(panel_size) * weight_sum;
            if let Some(integers) = &integer_weights {
                let answered: i128 = integers
                    .iter()
                    .enumerate()
                    .filter(|&(criterion, _)| answer(0, compact, criterion).is_some())
                    .map(|(_, &weight)| weight)
                    .sum();
                integer_denominators[compact] =
                    answered.saturating_mul(i128::try_from(panel_size).unwrap_or(i128::MAX));
            }
            for slot in 0..panel_size {
                let mut sum = 0.0;
                let mut integer_sum = 0i128;
                for (criterion, &weight) in weights.iter().enumerate() {
                    if let Some(value) = answer(slot, compact, criterion) {
                        sum += weight * f64::from(value);
                        if let Some(integers) = &integer_weights {
                            integer_sum += integers[criterion] * i128::from(value);
                        }
                    }
                }
                weighted_sums[slot * ranked_count + compact] = sum;
                integer_member_sums[slot * ranked_count + compact] = integer_sum;
            }
        }

        let packed_applications: Vec<usize> = if packable {
            (0..ranked_count).filter(|&compact| !whole[compact]).collect()
        } else {
            Vec::new()
        };
        let packed_applications_for_index = packed_applications.clone();
        let packed: Vec<i32> = (0..panel_size)
            .flat_map(|slot| {
                packed_applications.iter().flat_map(move |&compact| {
                    (0..criteria).map(move |criterion| (slot, compact, criterion))
                })
            })
            .map(|(slot, compact, criterion)| {
                answer(slot, compact, criterion).map_or(0, |value| (1 << 16) + value - scale_min)
            })
            .collect();
        let listed: Vec<Vec<(i32, usize)>> = (0..ranked_count * criteria)
            .map(|cell| {
                let mut values: Vec<(i32, usize)> = (0..panel_size)
                    .filter_map(|slot| {
                        answer(slot, cell / criteria, cell % criteria).map(|value| (value, slot))
                    })
                    .collect();
                values.sort_unstable();
                values
            })
            .collect();

        let small_member_sums: Option<Vec<i64>> = {
            let panel = i128::try_from(panel_size).unwrap_or(i128::MAX);
            let fits = integer_weights.is_some()
                && integer_member_sums.iter().all(|sum| {
                    sum.checked_abs()
                        .and_then(|sum| sum.checked_mul(panel))
                        .is_some_and(|bound| bound < (1 << 53))
                });
            fits.then(|| {
                integer_member_sums.iter().map(|&sum| i64::try_from(sum).unwrap_or(0)).collect()
            })
        };

        DrawTotals {
            round,
            criteria,
            ranked_count,
            whole,
            weighted_sums,
            whole_denominators,
            packed_applications,
            packed,
            listed,
            use_listed: !packable,
            reciprocals: (0..=panel_size)
                .map(|count| if count == 0 { 0.0 } else { 1.0 / crate::agreement::count(count) })
                .collect(),
            weights,
            exact_weights: round
                .criteria
                .iter()
                .map(|criterion| Exact::from(criterion.weight))
                .collect(),
            integer_weights,
            integer_member_sums,
            small_denominators: integer_denominators
                .iter()
                .map(|&denominator| {
                    // Exact for the denominators that matter (see the field).
                    #[allow(clippy::cast_precision_loss)]
                    let value = denominator as f64;
                    value
                })
                .collect(),
            small_member_sums,
            integer_denominators,
            packed_index: {
                let mut index = vec![None; ranked_count];
                for (packed, &compact) in packed_applications_for_index.iter().enumerate() {
                    index[compact] = Some(packed);
                }
                index
            },
            minimum: f64::from(scale_min),
            criterion_thresholds: proposal
                .criterion_thresholds
                .iter()
                .map(|threshold| threshold.as_ref().map(Threshold::new))
                .collect(),
            close: closeness(&round.info.scale),
        }
    }

    /// The exact `S(a, c)` of a ranked application (compact index) in a draw.
    fn exact_value(&self, compact: usize, criterion: usize, picks: &[i32]) -> Option<Exact> {
        let cell = &self.listed[compact * self.criteria + criterion];
        match self.round.info.aggregation {
            Aggregation::Mean => {
                let (sum, count) =
                    cell.iter().fold((0i64, 0i64), |(sum, count), &(value, slot)| {
                        let times = i64::from(picks[slot]);
                        (sum + times * i64::from(value), count + times)
                    });
                (count > 0).then(|| Exact::ratio(sum, count))
            }
            Aggregation::Median => median_pair(cell, picks)
                .map(|(low, high)| Exact::ratio(i64::from(low) + i64::from(high), 2)),
        }
    }

    /// The exact `T(a)` of a ranked application (compact index) in a draw, for comparing: from
    /// the draw's integer sums where it can (cheap, no reduction), by fractions otherwise.
    fn exact_key(&self, compact: usize, picks: &[i32], draw: &Draw) -> Key {
        if let Some(weights) = &self.integer_weights {
            if self.whole[compact] {
                let denominator = self.integer_denominators[compact];
                if self.small_member_sums.is_some() && denominator > 0 {
                    return Key::Fraction(
                        i128::from(draw.whole_integer_sums[compact]),
                        denominator,
                    );
                }
                if denominator > 0 {
                    let ranked_count = self.ranked_count;
                    let mut numerator = 0i128;
                    for (slot, &times) in picks.iter().enumerate() {
                        if times != 0 {
                            numerator += i128::from(times)
                                * self.integer_member_sums[slot * ranked_count + compact];
                        }
                    }
                    return Key::Fraction(numerator, denominator);
                }
            } else if let Some(packed) = self.packed_index[compact]
                && let Some(key) = self.packed_key(packed, weights, draw)
            {
                return key;
            }
        }
        Key::Exact(self.exact_total(compact, picks).unwrap_or(Exact::ZERO))
    }

    /// `Σ w_c·sum_c/n_c / Σ w_c` as one fraction over the least common multiple of the counts.
    fn packed_key(&self, packed: usize, weights: &[i128], draw: &Draw) -> Option<Key> {
        let row = &draw.accumulated[packed * self.criteria..][..self.criteria];
        let minimum = i128::from(self.round.info.scale.min);
        let mut common = 1i128;
        for &cell in row {
            let count = i128::from(cell >> 16);
            if count > 0 {
                common = num_integer::lcm(common, count);
            }
        }
        let mut numerator = 0i128;
        let mut weight_sum = 0i128;
        for (&cell, &weight) in row.iter().zip(weights) {
            let count = i128::from(cell >> 16);
            if count == 0 {
                continue;
            }
            let sum = i128::from(cell & 0xFFFF) + count * minimum;
            numerator =
                numerator.checked_add(weight.checked_mul(sum)?.checked_mul(common / count)?)?;
            weight_sum += weight;
        }
        let denominator = common.checked_mul(weight_sum)?;
        (denominator > 0).then_some(Key::Fraction(numerator, denominator))
    }

    /// The exact `T(a)` of a ranked application (compact index) in a draw.
    fn exact_total(&self, compact: usize, picks: &[i32]) -> Option<Exact> {
        crate::aggregate::weighted_mean((0..self.criteria).filter_map(|criterion| {
            self.exact_value(compact, criterion, picks)
                .map(|value| (self.exact_weights[criterion].clone(), value))
        }))
    }

    fn scratch(&self) -> Draw {
        Draw {
            totals: vec![None; self.ranked_count],
            criteria_passed: vec![true; self.ranked_count],
            accumulated: vec![0; self.packed_applications.len() * self.criteria],
            whole_sums: vec![0.0; self.ranked_count],
            whole_integer_sums: vec![0; self.ranked_count],
        }
    }

    /// The draw's totals for these picks (how often each panel slot was picked).
    fn compute(&self, picks: &[i32], draw: &mut Draw) {
        let ranked_count = self.ranked_count;
        let cells = self.packed_applications.len() * self.criteria;
        draw.whole_sums.fill(0.0);
        draw.whole_integer_sums.fill(0);
        draw.accumulated.fill(0);
        for (slot, &times) in picks.iter().enumerate() {
            if times == 0 {
                continue;
            }
            if let Some(small) = &self.small_member_sums {
                let member_sums = &small[slot * ranked_count..(slot + 1) * ranked_count];
                if times == 1 {
                    for (sum, &member_sum) in draw.whole_integer_sums.iter_mut().zip(member_sums) {
                        *sum += member_sum;
                    }
                } else {
                    let weight = i64::from(times);
                    for (sum, &member_sum) in draw.whole_integer_sums.iter_mut().zip(member_sums) {
                        *sum += weight * member_sum;
                    }
                }
            } else {
                let member_sums =
                    &self.weighted_sums[slot * ranked_count..(slot + 1) * ranked_count];
                let weight = f64::from(times);
                for (sum, &member_sum) in draw.whole_sums.iter_mut().zip(member_sums) {
                    *sum += weight * member_sum;
                }
            }
            let member_cells = &self.packed[slot * cells..(slot + 1) * cells];
            // Most picked members are picked once; a plain add is cheaper than a multiply on the
            // baseline x86-64 instruction set.
            if times == 1 {
                for (total, &value) in draw.accumulated.iter_mut().zip(member_cells) {
                    *total += value;
                }
            } else {
                for (total, &value) in draw.accumulated.iter_mut().zip(member_cells) {
                    *total += times * value;
                }
            }
        }

        for compact in 0..ranked_count {
            if self.whole[compact] {
                draw.totals[compact] = Some(if self.small_member_sums.is_some() {
                    // Both are integers below 2⁵³, so exact as floats; one rounding.
                    #[allow(clippy::cast_precision_loss)]
                    let numerator = draw.whole_integer_sums[compact] as f64;
                    numerator / self.small_denominators[compact]
                } else {
                    draw.whole_sums[compact] / self.whole_denominators[compact]
                });
                draw.criteria_passed[compact] = true;
            }
        }
        for (packed_index, &compact) in self.packed_applications.iter().enumerate() {
            let row = &draw.accumulated[packed_index * self.criteria..][..self.criteria];
            let value = |packed_total: i32| {
                let count = usize::try_from(packed_total >> 16).unwrap_or(0);
                let value =
                    f64::from(packed_total & 0xFFFF) * self.reciprocals[count] + self.minimum;
                (count > 0).then_some(value)
            };
            let (total, passed) =
                self.finish(compact, picks, row.iter().map(|&packed_total| value(packed_total)));
            draw.totals[compact] = total;
            draw.criteria_passed[compact] = passed;
        }
        if self.use_listed {
            for compact in 0..ranked_count {
                let cells = &self.listed[compact * self.criteria..(compact + 1) * self.criteria];
                let values = cells.iter().map(|cell| match self.round.info.aggregation {
                    Aggregation::Mean => weighted_mean(cell, picks),
                    Aggregation::Median => weighted_median(cell, picks),
                });
                let (total, passed) = self.finish(compact, picks, values);
                draw.totals[compact] = total;
                draw.criteria_passed[compact] = passed;
            }
        }
    }

    /// The float `T(a)` (if any) and whether every criterion minimum is met (exactly), from
    /// one application's float `S(a, c)` in criterion order.
    fn finish(
        &self,
        compact: usize,
        picks: &[i32],
        values: impl Iterator<Item = Option<f64>>,
    ) -> (Option<f64>, bool) {
        let mut weighted = 0.0;
        let mut weight_sum = 0.0;
        let mut passed = true;
        for (criterion, ((value, &weight), threshold)) in
            values.zip(&self.weights).zip(&self.criterion_thresholds).enumerate()
        {
            if let Some(value) = value {
                weighted += weight * value;
                weight_sum += weight;
                if let Some(threshold) = threshold
                    && !reaches(value, threshold.approx, self.close, &threshold.exact, || {
                        self.exact_value(compact, criterion, picks).unwrap_or(Exact::ZERO)
                    })
                {
                    passed = false;
                }
            }
        }
        ((weight_sum > 0.0).then(|| weighted / weight_sum), passed)
    }
}

/// The mean of a cell's values with each panel slot counted as often as it was picked.
fn weighted_mean(values: &[(i32, usize)], picks: &[i32]) -> Option<f64> {
    let (sum, count) = values.iter().fold((0i64, 0i64), |(sum, count), &(value, slot)| {
        let times = i64::from(picks[slot]);
        (sum + times * i64::from(value), count + times)
    });
    (count > 0).then(|| crate::aggregate::exact_f64(sum) / crate::aggregate::exact_f64(count))
}

/// The median of a cell's values with each panel slot counted as often as it was picked: the
/// middle value of the expanded list, or the mean of the two middle ones.
fn weighted_median(values: &[(i32, usize)], picks: &[i32]) -> Option<f64> {
    median_pair(values, picks).map(|(low, high)| (f64::from(low) + f64::from(high)) / 2.0)
}

/// The two middle values of the expanded, sorted list (the same one twice for an odd count).
fn median_pair(values: &[(i32, usize)], picks: &[i32]) -> Option<(i32, i32)> {
    let total: i32 = values.iter().map(|&(_, slot)| picks[slot]).sum();
    if total == 0 {
        return None;
    }
    // 0-based positions of the middle one or two values in the expanded, sorted list.
    let (lower, upper) = ((total - 1) / 2, total / 2);
    let mut seen = 0;
    let mut lower_value = None;
    for &(value, slot) in values {
        seen += picks[slot];
        if lower_value.is_none() && seen > lower {
            lower_value = Some(value);
        }
        if seen > upper {
            return Some((lower_value.unwrap_or(value), value));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_gives_the_published_sequence() {
        // The first outputs for seed 1234567, computed independently in Python from the
        // reference C code (tests/data/engine/make_bootstrap.py prints them).
        let mut generator = SplitMix64::new(1_234_567);
        let first: Vec<u64> = (0..3).map(|_| generator.next_u64()).collect();
        assert_eq!(
            first,
            [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423]
        );
    }

    #[test]
    fn the_weighted_median_counts_each_pick() {
        // Values 2 (picked once), 5 (twice), 7 (not at all): the list is 2, 5, 5 -> 5.
        assert_eq!(weighted_median(&[(2, 0), (5, 1), (7, 2)], &[1, 2, 0]), Some(5.0));
        // 2, 2, 5, 7 -> (2 + 5) / 2.
        assert_eq!(weighted_median(&[(2, 0), (5, 1), (7, 2)], &[2, 1, 1]), Some(3.5));
        assert_eq!(weighted_median(&[(2, 0)], &[0, 3]), None);
    }
}
