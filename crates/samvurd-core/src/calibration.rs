//! Rater calibration (optional per round): each member's totals as z-scores across the
//! applications that member scored, mapped back to the panel's scale. Shown beside the raw
//! totals, never instead of them; the proposal and the ranking use the raw totals only.
//!
//! For member *m* with own totals `T_m(a)` over the `n_m` applications they gave a number on,
//! `μ_m` is their mean and `σ_m` their (population) standard deviation. The panel's location and
//! spread are the averages over the calibrated members: `μ_P = mean of μ_m`,
//! `σ_P = mean of σ_m`. The calibrated member total is
//! `c_m(a) = μ_P + σ_P · (T_m(a) − μ_m) / σ_m`, i.e. every member gets the panel's average
//! location and spread; a member who gave every application the same total (`σ_m = 0`) says
//! nothing about which is better and contributes `μ_P`. The calibrated total of an application
//! is the mean of `c_m(a)` over its calibrated members.
//!
//! The guard: a member who scored fewer than `calibration_min_applications` applications (at
//! least 2) is not calibrated, because a mean and spread over a handful of applications mostly
//! reflect which applications they happened to read. Such a member is left out of the calibrated
//! totals (never out of the raw ones), and the results say so.
//!
//! Floats: calibration decides no money, and the operations run in a fixed order.

use serde::Serialize;

use crate::aggregate::ApplicationAggregate;
use crate::agreement::count;
use crate::{MemberId, Round};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberCalibration {
    pub member: MemberId,
    /// Applications the member has an own total for.
    pub applications: usize,
    pub mean: Option<f64>,
    pub standard_deviation: Option<f64>,
    pub calibrated: bool,
    /// Why not, in Norwegian; empty when calibrated.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    pub min_applications: u32,
    pub panel_mean: Option<f64>,
    pub panel_standard_deviation: Option<f64>,
    /// In the round's member order.
    pub members: Vec<MemberCalibration>,
}

/// One application's calibrated total and its competition rank among the calibrated totals
/// (equal ones share a rank).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CalibratedTotal {
    pub total: f64,
    pub rank: u32,
}

/// The calibration and, per application in the round's order, its calibrated total (`None`
/// without a calibrated member total); `None` when the round has calibration switched off.
pub(crate) fn calibrate(
    round: &Round,
    members: &[MemberId],
    aggregates: &[ApplicationAggregate],
) -> Option<(Calibration, Vec<Option<CalibratedTotal>>)> {
    if !round.options.calibration {
        return None;
    }
    let min_applications = round.options.calibration_min_applications.max(2);
    // Each member's own totals, in application order.
    let member_totals: Vec<Vec<(usize, f64)>> = members
        .iter()
        .map(|member| {
            aggregates
                .iter()
                .enumerate()
                .filter_map(|(application, aggregate)| {
                    aggregate
                        .member_totals
                        .iter()
                        .find(|total| &total.member == member)
                        .map(|total| (application, total.total.to_f64()))
                })
                .collect()
        })
        .collect();

    let mut calibrations: Vec<MemberCalibration> = members
        .iter()
        .zip(&member_totals)
        .map(|(member, totals)| {
            let applications = totals.len();
            let (mean, standard_deviation) = if totals.is_empty() {
                (None, None)
            } else {
                let n = count(applications);
                let mean = totals.iter().map(|(_, total)| total).sum::<f64>() / n;
                let variance =
                    totals.iter().map(|(_, total)| (total - mean) * (total - mean)).sum::<f64>() / n;
                (Some(mean), Some(variance.sqrt()))
            };
            let calibrated = u32::try_from(applications).unwrap_or(u32::MAX) >= min_applications;
            let note = if calibrated {
                String::new()
            } else {
                let noun = if applications == 1 { "søknad" } else { "søknader" };
                format!(
                    "Ikke kalibrert: har vurdert {applications} {noun}, minst {min_applications} kreves."
                )
            };
            MemberCalibration {
                member: member.clone(),
                applications,
                mean,
                standard_deviation,
                calibrated,
                note,
            }
        })
        .collect();

    let calibrated: Vec<&MemberCalibration> =
        calibrations.iter().filter(|member| member.calibrated).collect();
    let (panel_mean, panel_standard_deviation) = if calibrated.is_empty() {
        (None, None)
    } else {
        let n = count(calibrated.len());
        (
            Some(calibrated.iter().filter_map(|member| member.mean).sum::<f64>() / n),
            Some(calibrated.iter().filter_map(|member| member.standard_deviation).sum::<f64>() / n),
        )
    };

    let mut sums = vec![(0.0, 0usize); aggregates.len()];
    if let (Some(panel_mean), Some(panel_sd)) = (panel_mean, panel_standard_deviation) {
        for (member, totals) in calibrations.iter_mut().zip(&member_totals) {
            let (true, Some(mean), Some(sd)) =
                (member.calibrated, member.mean, member.standard_deviation)
            else {
                continue;
            };
            for &(application, total) in totals {
                let z = if sd > 0.0 { (total - mean) / sd } else { 0.0 };
                sums[application].0 += panel_mean + panel_sd * z;
                sums[application].1 += 1;
            }
            if sd == 0.0 {
                member.note =
                    "Ga alle søknadene samme totalskår; teller med panelets gjennomsnitt."
                        .to_owned();
            }
        }
    }
    let totals: Vec<Option<f64>> =
        sums.iter().map(|&(sum, members)| (members > 0).then(|| sum / count(members))).collect();
    // Calibrated totals come through square roots, so they are floats; for the rank they are
    // compared after rounding to 10⁻⁹ points, so that totals equal in exact arithmetic (two
    // applications every member scored alike) share a rank instead of being split by float noise.
    let key = |total: f64| (total * 1e9).round();
    let calibrated_totals = totals
        .iter()
        .map(|total| {
            total.map(|total| {
                let better =
                    totals.iter().flatten().filter(|&&other| key(other) > key(total)).count();
                CalibratedTotal { total, rank: u32::try_from(better + 1).unwrap_or(u32::MAX) }
            })
        })
        .collect();
    let calibration = Calibration {
        min_applications,
        panel_mean,
        panel_standard_deviation,
        members: calibrations,
    };
    Some((calibration, calibrated_totals))
}

#[cfg(test)]
mod tests {
    use expect_test::{Expect, expect};

    use super::*;
    use crate::aggregate::aggregate;
    use crate::testing::{round_with, score};

    /// Each member's mean, spread and note, then each application's calibrated total.
    fn check(round: &Round, expected: Expect) {
        let members: Vec<MemberId> = round.members.iter().map(|member| member.id.clone()).collect();
        let aggregates = aggregate(round);
        let Some((calibration, totals)) = calibrate(round, &members, &aggregates) else {
            expected.assert_eq("off\n");
            return;
        };
        let show = |value: Option<f64>| value.map_or("-".to_owned(), |value| format!("{value:.4}"));
        let mut text = format!(
            "panel {} {}\n",
            show(calibration.panel_mean),
            show(calibration.panel_standard_deviation)
        );
        for member in &calibration.members {
            text.push_str(&format!(
                "{} n={} {} {} {}\n",
                member.member,
                member.applications,
                show(member.mean),
                show(member.standard_deviation),
                if member.note.is_empty() { "kalibrert" } else { &member.note }
            ));
        }
        for (aggregate, total) in aggregates.iter().zip(totals) {
            text.push_str(&format!(
                "{} {} rank {}\n",
                aggregate.application,
                show(total.map(|total| total.total)),
                total.map_or("-".to_owned(), |total| total.rank.to_string())
            ));
        }
        expected.assert_eq(&text);
    }

    #[test]
    fn a_member_with_no_spread_counts_at_the_panel_mean_and_too_few_are_left_out() {
        // m1 gives 4, 6; m2 gives 5 to both (no spread); m3 scored one application only.
        let mut round = round_with(
            &[("a", 1, false)],
            &["m1", "m2", "m3"],
            &["R1", "R2"],
            vec![
                score("m1", "R1", "a", Some(4)),
                score("m1", "R2", "a", Some(6)),
                score("m2", "R1", "a", Some(5)),
                score("m2", "R2", "a", Some(5)),
                score("m3", "R2", "a", Some(7)),
            ],
            &[],
        );
        check(
            &round,
            expect![[r#"
            off
        "#]],
        );
        round.options.calibration = true;
        round.options.calibration_min_applications = 2;
        check(
            &round,
            expect![[r#"
            panel 5.0000 0.5000
            m1 n=2 5.0000 1.0000 kalibrert
            m2 n=2 5.0000 0.0000 Ga alle søknadene samme totalskår; teller med panelets gjennomsnitt.
            m3 n=1 7.0000 0.0000 Ikke kalibrert: har vurdert 1 søknad, minst 2 kreves.
            R1 4.7500 rank 2
            R2 5.2500 rank 1
        "#]],
        );
    }
}
