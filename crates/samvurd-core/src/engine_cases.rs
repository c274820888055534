//! The data-driven tests of the recommendation engine: each file in `tests/data/engine/cases/`
//! is a small round with the expectations worked out by hand written beside it (in comments in
//! the file, with the arithmetic), and each file in `tests/data/engine/alpha/` is a reliability
//! data set with its Krippendorff's alpha obtained outside this code, with its source.
//!
//! The files are compiled in with `include_str!`, so the crate stays free of file access; a test
//! checks that the list below names every file in the two folders.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::Deserialize;

use crate::agreement::interval_alpha;
use crate::evaluate::{ApplicationEvaluation, Evaluation, evaluate};
use crate::ranking::TieStep;
use crate::testing;
use crate::*;

macro_rules! data_files {
    ($folder:literal: $($name:literal),* $(,)?) => {
        [$(($name, include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"), "/../../tests/data/engine/", $folder, "/", $name
        )))),*]
    };
}

const CASES: [(&str, &str); 21] = data_files!("cases":
    "ikke-relevant-vektet.toml",
    "inhabilt-medlem.toml",
    "halvferdig-medlem.toml",
    "likhet-avgjort.toml",
    "likhet-uavgjort.toml",
    "port-foran.toml",
    "delvis-ved-marginen.toml",
    "uenighet.toml",
    "terskler-og-fordeling.toml",
    "anbefaling.toml",
    "anbefaling-med-overskridelse.toml",
    "kalibrering.toml",
    "vektfolsomhet.toml",
    "usikkerhet.toml",
    "usikkerhet-replikert.toml",
    "usikkerhet-replikert-median.toml",
    "likhet-eksakt-tredjedeler.toml",
    "terskel-eksakt.toml",
    "avvik-eksakt-grense.toml",
    "for-faa-vurderinger.toml",
    "loddtrekning.toml",
);

const ALPHA_SETS: [(&str, &str); 4] = data_files!("alpha":
    "krippendorff-2011.toml",
    "krippendorff-readme.toml",
    "panel-med-hull.toml",
    "totaler-med-desimaler.toml",
);

// ---------------------------------------------------------------------------------------------
// The case format.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    // Read by people, not by the test; required so that no case goes without one.
    #[allow(dead_code)]
    description: String,
    round: CaseRound,
    #[serde(default)]
    options: CaseOptions,
    #[serde(default, rename = "application")]
    applications: Vec<CaseApplication>,
    #[serde(default, rename = "recommendation")]
    recommendations: Vec<ChairRecommendation>,
    /// The grey-zone lottery, when the case draws lots.
    lottery: Option<Lottery>,
    expect: Expected,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseRound {
    #[serde(default = "default_scale")]
    scale: [i32; 2],
    #[serde(default)]
    aggregation: Aggregation,
    frame: Money,
    /// `(id, weight)` or `(id, weight, "ir")` when *ikke relevant* is allowed.
    criteria: Vec<Vec<String>>,
    members: Vec<String>,
    #[serde(default)]
    gates: Vec<String>,
    /// `(member, application)`.
    #[serde(default)]
    recusals: Vec<[String; 2]>,
}

fn default_scale() -> [i32; 2] {
    [1, 7]
}

/// The options a case may set; everything else keeps the round's default. The bootstrap is
/// off unless a case asks for it, so that cases about other rules stay quick.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseOptions {
    disagreement_range: Option<Decimal>,
    member_deviation: Option<Decimal>,
    calibration: Option<bool>,
    calibration_min_applications: Option<u32>,
    tie_ladder: Option<Vec<TieBreak>>,
    bootstrap_draws: Option<u32>,
    bootstrap_seed: Option<u64>,
    partial_funding_min_share: Option<Decimal>,
    total_threshold: Option<Decimal>,
    criterion_thresholds: Option<BTreeMap<String, Decimal>>,
    frame_override: Option<FrameOverride>,
    quorum: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseApplication {
    reference: String,
    requested: Money,
    #[serde(default = "default_side")]
    side: String,
    #[serde(default)]
    area: String,
    /// `"member: v v v"`, one value per criterion in the round's order: a number, `IR` for
    /// *ikke relevant*, `-` for no answer.
    #[serde(default)]
    scores: Vec<String>,
    /// Gate answers: gate id → passed.
    #[serde(default)]
    gates: BTreeMap<String, bool>,
}

fn default_side() -> String {
    "kommune".to_owned()
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    /// The references in result order.
    order: Option<Vec<String>>,
    proposed: Option<Money>,
    remaining: Option<Money>,
    recommended: Option<Money>,
    requested_not_gated_out: Option<Money>,
    /// Side or area → `"applications requested proposed_count proposed"`.
    by_side: Option<BTreeMap<String, String>>,
    by_priority_area: Option<BTreeMap<String, String>>,
    /// Criterion id or `totals` → alpha (to 1e-9) or `none`.
    alpha: Option<BTreeMap<String, String>>,
    /// `[criterion range, member deviation]` thresholds in force, as exact fractions or decimals.
    thresholds: Option<[String; 2]>,
    /// Criterion id → `"up <points|none> down <points|none>"`, each change followed by the
    /// applications that enter (`+R1`) and leave (`-R2`).
    sensitivity: Option<BTreeMap<String, String>>,
    recommendation_valid: Option<bool>,
    /// `"kind"` or `"kind:application"`.
    issues: Option<Vec<String>>,
    frame_override_used: Option<bool>,
    /// The quorum in force.
    quorum: Option<u32>,
    /// `"seed N sequence R1 R2 … available X allocated Y"`, or `none`.
    lottery: Option<String>,
    /// Member → `"calibrated"` or `"not calibrated"`.
    calibration: Option<BTreeMap<String, String>>,
    #[serde(default, rename = "application")]
    applications: Vec<ExpectedApplication>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectedApplication {
    reference: String,
    /// 0 for not ranked.
    rank: Option<u32>,
    /// An exact fraction `p/q`, or `none`.
    total: Option<String>,
    /// Criterion → `S(a, c)` as `p/q` or `none`.
    criteria: Option<BTreeMap<String, String>>,
    /// Criterion → `"n ir recused missing"`.
    counts: Option<BTreeMap<String, String>>,
    /// Criterion → `"mean median min max sd"` (`sd` to 1e-9, `-` when absent).
    statistics: Option<BTreeMap<String, String>>,
    /// Member → `T_m(a)` as `p/q`.
    member_totals: Option<BTreeMap<String, String>>,
    recused: Option<Vec<String>>,
    reason: Option<String>,
    proposed: Option<Money>,
    failed_gates: Option<Vec<String>>,
    /// Gate → `passed`, `failed` or `unanswered`.
    gates: Option<BTreeMap<String, String>>,
    /// `"kind"`, `"kind:criterion"` or `"kind:member"`.
    flags: Option<Vec<String>>,
    /// `"other:criterion:id"`, `"other:amount"` or `"other:unresolved"`.
    ties: Option<Vec<String>>,
    /// `"low-high funded/draws label"`.
    uncertainty: Option<String>,
    /// The funding label alone: `clearly_funded`, `grey_zone`, `clearly_not_funded` or `none`.
    label: Option<String>,
    /// To 1e-9, or `none`.
    calibrated_total: Option<String>,
    calibrated_rank: Option<u32>,
    /// `"outcome amount source"` plus ` deviates` when it does.
    recommendation: Option<String>,
}

impl Case {
    fn round(&self) -> Round {
        let scale = Scale::range(self.round.scale[0], self.round.scale[1]).expect("a valid scale");
        let criteria = self
            .round
            .criteria
            .iter()
            .map(|fields| Criterion {
                id: CriterionId::new(fields[0].clone()),
                name: fields[0].to_uppercase(),
                guidance: String::new(),
                weight: fields[1].parse().expect("a decimal weight"),
                allow_not_applicable: fields.get(2).is_some_and(|flag| flag == "ir"),
            })
            .collect::<Vec<_>>();
        let mut scores = Vec::new();
        let mut gate_answers = Vec::new();
        let applications = self
            .applications
            .iter()
            .map(|application| {
                for line in &application.scores {
                    let (member, values) = line.split_once(':').expect("«member: values»");
                    let values: Vec<&str> = values.split_whitespace().collect();
                    assert_eq!(values.len(), criteria.len(), "{}: {line}", application.reference);
                    for (criterion, value) in criteria.iter().zip(values) {
                        let value = match value {
                            "-" => continue,
                            "IR" => ScoreValue::NotApplicable,
                            number => ScoreValue::Value(number.parse().expect("a score")),
                        };
                        scores.push(Score {
                            member: MemberId::new(member.trim()),
                            application: ApplicationRef::new(application.reference.clone()),
                            criterion: criterion.id.clone(),
                            value,
                            justification: String::new(),
                        });
                    }
                }
                for (gate, passed) in &application.gates {
                    gate_answers.push(GateAnswer {
                        application: ApplicationRef::new(application.reference.clone()),
                        gate: GateId::new(gate.clone()),
                        passed: *passed,
                        note: String::new(),
                    });
                }
                Application {
                    kommune: None,
                    extra: Vec::new(),
                    applicant: "Søker".to_owned(),
                    applicant_side: ApplicantSide::parse(&application.side).expect("a side"),
                    priority_area: application.area.clone(),
                    amount_requested: application.requested,
                    ..testing::application(&application.reference)
                }
            })
            .collect();

        let defaults = RoundOptions::default();
        let options = &self.options;
        let options = RoundOptions {
            disagreement_range: options.disagreement_range,
            member_deviation: options.member_deviation,
            calibration: options.calibration.unwrap_or(defaults.calibration),
            calibration_min_applications: options
                .calibration_min_applications
                .unwrap_or(defaults.calibration_min_applications),
            tie_ladder: options.tie_ladder.clone().unwrap_or(defaults.tie_ladder),
            bootstrap_draws: options.bootstrap_draws.unwrap_or(0),
            bootstrap_seed: options.bootstrap_seed.unwrap_or(defaults.bootstrap_seed),
            partial_funding_min_share: options.partial_funding_min_share,
            total_threshold: options.total_threshold,
            criterion_thresholds: options
                .criterion_thresholds
                .iter()
                .flatten()
                .map(|(criterion, threshold)| (CriterionId::new(criterion.clone()), *threshold))
                .collect(),
            frame_override: options.frame_override.clone(),
            quorum: options.quorum,
        };

        Round {
            info: RoundInfo {
                round_id: "case".into(),
                budget_frame: self.round.frame,
                scale,
                aggregation: self.round.aggregation,
                ..testing::round_info()
            },
            criteria,
            gates: self.round.gates.iter().map(|id| testing::gate(id)).collect(),
            members: self.round.members.iter().map(|id| testing::member(id)).collect(),
            applications,
            scores,
            recusals: self
                .round
                .recusals
                .iter()
                .map(|[member, application]| Recusal {
                    member: MemberId::new(member.clone()),
                    application: ApplicationRef::new(application.clone()),
                    reason: "Inhabil".into(),
                })
                .collect(),
            options,
            gate_answers,
            recommendations: self.recommendations.clone(),
            method_changes: Vec::new(),
            meeting: MeetingRecord { lottery: self.lottery.clone(), ..MeetingRecord::default() },
            continuations: continuation::Continuations::default(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Checking a case.

/// Checks every expectation the case states; returns the mismatches, one per line.
fn check_case(case: &Case, evaluation: &Evaluation) -> String {
    let mut problems = String::new();
    let mut compare = |what: String, actual: String, expected: &str| {
        if actual != expected {
            let _ = writeln!(problems, "{what}: program says «{actual}», expected «{expected}»");
        }
    };
    let expected = &case.expect;
    if let Some(order) = &expected.order {
        let actual: Vec<&str> = evaluation
            .applications
            .iter()
            .map(|application| application.aggregate.application.as_str())
            .collect();
        compare("order".into(), actual.join(" "), &order.join(" "));
    }
    let budget = &evaluation.budget;
    for (what, actual, wanted) in [
        ("proposed", budget.proposed, expected.proposed),
        ("remaining", budget.remaining, expected.remaining),
        ("recommended", budget.recommended, expected.recommended),
        (
            "requested_not_gated_out",
            budget.requested_not_gated_out,
            expected.requested_not_gated_out,
        ),
    ] {
        if let Some(wanted) = wanted {
            compare(what.into(), actual.to_canonical_string(), &wanted.to_canonical_string());
        }
    }
    for (what, groups, wanted) in [
        ("by_side", &budget.by_side, &expected.by_side),
        ("by_priority_area", &budget.by_priority_area, &expected.by_priority_area),
    ] {
        if let Some(wanted) = wanted {
            let actual: BTreeMap<String, String> = groups
                .iter()
                .map(|group| {
                    (
                        group.key.clone(),
                        format!(
                            "{} {} {} {}",
                            group.applications,
                            group.requested.to_canonical_string(),
                            group.proposed_count,
                            group.proposed.to_canonical_string()
                        ),
                    )
                })
                .collect();
            compare(what.into(), format!("{actual:?}"), &format!("{wanted:?}"));
        }
    }
    if let Some(alphas) = &expected.alpha {
        for (key, wanted) in alphas {
            let actual = if key == "totals" {
                &evaluation.agreement.totals
            } else {
                &evaluation
                    .agreement
                    .criteria
                    .iter()
                    .find(|criterion| criterion.criterion.as_str() == key)
                    .expect("a criterion of the round")
                    .alpha
            };
            if !close(actual.alpha, wanted) {
                compare(format!("alpha {key}"), format!("{:?}", actual.alpha), wanted);
            }
        }
    }
    if let Some([range, deviation]) = &expected.thresholds
        && (evaluation.thresholds.criterion_range != parse_exact(range)
            || evaluation.thresholds.member_deviation != parse_exact(deviation))
    {
        compare(
            "thresholds".into(),
            format!(
                "{:?}",
                (&evaluation.thresholds.criterion_range, &evaluation.thresholds.member_deviation)
            ),
            &format!("{range}, {deviation}"),
        );
    }
    if let Some(sensitivity) = &expected.sensitivity {
        for (criterion, wanted) in sensitivity {
            let actual = evaluation
                .sensitivity
                .iter()
                .find(|entry| entry.criterion.as_str() == criterion)
                .expect("a criterion of the round");
            let change = |change: &Option<sensitivity::WeightChange>| match change {
                None => "none".to_owned(),
                Some(change) => {
                    let mut text = change.points.to_string();
                    for reference in &change.enters {
                        text.push_str(&format!(" +{reference}"));
                    }
                    for reference in &change.leaves {
                        text.push_str(&format!(" -{reference}"));
                    }
                    text
                }
            };
            compare(
                format!("sensitivity {criterion}"),
                format!("up {} down {}", change(&actual.increase), change(&actual.decrease)),
                wanted,
            );
        }
    }
    let recommendation = &evaluation.recommendation;
    if let Some(valid) = expected.recommendation_valid {
        compare(
            "recommendation valid".into(),
            recommendation.valid.to_string(),
            &valid.to_string(),
        );
    }
    if let Some(issues) = &expected.issues {
        let actual: Vec<String> = recommendation
            .issues
            .iter()
            .map(|issue| match &issue.application {
                Some(application) => format!("{}:{application}", issue.kind.as_str()),
                None => issue.kind.as_str().to_owned(),
            })
            .collect();
        compare("issues".into(), actual.join(" "), &issues.join(" "));
    }
    if let Some(used) = expected.frame_override_used {
        compare(
            "frame override used".into(),
            recommendation.frame_override_used.is_some().to_string(),
            &used.to_string(),
        );
    }
    if let Some(quorum) = expected.quorum {
        compare("quorum".into(), evaluation.quorum.to_string(), &quorum.to_string());
    }
    if let Some(wanted) = &expected.lottery {
        let actual = evaluation.lottery.as_ref().map_or_else(
            || "none".to_owned(),
            |lottery| {
                let sequence: Vec<&str> =
                    lottery.sequence.iter().map(|reference| reference.as_str()).collect();
                format!(
                    "seed {} sequence {} available {} allocated {}",
                    lottery.seed,
                    sequence.join(" "),
                    lottery.available.to_canonical_string(),
                    lottery.allocated.to_canonical_string()
                )
            },
        );
        compare("lottery".into(), actual, wanted);
    }
    if let Some(members) = &expected.calibration {
        let calibration = evaluation.calibration.as_ref().expect("calibration is on");
        for (member, wanted) in members {
            let actual = calibration
                .members
                .iter()
                .find(|entry| entry.member.as_str() == member)
                .expect("a member of the round");
            let actual = if actual.calibrated { "calibrated" } else { "not calibrated" };
            compare(format!("calibration {member}"), actual.to_owned(), wanted);
        }
    }
    for wanted in &expected.applications {
        let actual = evaluation
            .applications
            .iter()
            .find(|application| application.aggregate.application.as_str() == wanted.reference)
            .unwrap_or_else(|| panic!("{} is not in the results", wanted.reference));
        check_application(wanted, actual, &mut compare);
    }
    problems
}

fn check_application(
    wanted: &ExpectedApplication,
    actual: &ApplicationEvaluation,
    compare: &mut impl FnMut(String, String, &str),
) {
    let reference = &wanted.reference;
    let aggregate = &actual.aggregate;
    if let Some(rank) = wanted.rank {
        compare(
            format!("{reference} rank"),
            actual.ranked.rank.unwrap_or(0).to_string(),
            &rank.to_string(),
        );
    }
    if let Some(total) = &wanted.total
        && !exactly(aggregate.total.as_ref(), total)
    {
        compare(format!("{reference} total"), format!("{:?}", aggregate.total), total);
    }
    let criterion = |id: &str| {
        aggregate
            .criteria
            .iter()
            .find(|criterion| criterion.criterion.as_str() == id)
            .unwrap_or_else(|| panic!("criterion {id}"))
    };
    for (id, value) in wanted.criteria.iter().flatten() {
        if !exactly(criterion(id).value.as_ref(), value) {
            compare(format!("{reference} S({id})"), format!("{:?}", criterion(id).value), value);
        }
    }
    for (id, counts) in wanted.counts.iter().flatten() {
        let statistics = criterion(id);
        compare(
            format!("{reference} counts {id}"),
            format!(
                "{} {} {} {}",
                statistics.scores_counted,
                statistics.not_applicable,
                statistics.recused_scores_excluded,
                statistics.missing
            ),
            counts,
        );
    }
    for (id, line) in wanted.statistics.iter().flatten() {
        let statistics = criterion(id);
        let fields: Vec<&str> = line.split_whitespace().collect();
        let [mean, median, min, max, sd] = fields[..] else {
            panic!("{reference} statistics {id}: five fields, not «{line}»");
        };
        let matches = exactly(statistics.mean.as_ref(), mean)
            && exactly(statistics.median.as_ref(), median)
            && statistics.min.map_or("-".to_owned(), |value| value.to_string()) == min
            && statistics.max.map_or("-".to_owned(), |value| value.to_string()) == max
            && close(statistics.standard_deviation, sd);
        if !matches {
            compare(
                format!("{reference} statistics {id}"),
                format!(
                    "{:?} {:?} {:?} {:?} {:?}",
                    statistics.mean,
                    statistics.median,
                    statistics.min,
                    statistics.max,
                    statistics.standard_deviation
                ),
                line,
            );
        }
    }
    for (member, total) in wanted.member_totals.iter().flatten() {
        let actual_total = aggregate
            .member_totals
            .iter()
            .find(|entry| entry.member.as_str() == member)
            .map(|entry| &entry.total);
        if !exactly(actual_total, total) {
            compare(format!("{reference} T_{member}"), format!("{actual_total:?}"), total);
        }
    }
    if let Some(recused) = &wanted.recused {
        let actual: Vec<&str> = aggregate.recused_members.iter().map(MemberId::as_str).collect();
        compare(format!("{reference} recused"), actual.join(" "), &recused.join(" "));
    }
    if let Some(reason) = &wanted.reason {
        compare(format!("{reference} reason"), actual.award.reason.as_str().to_owned(), reason);
    }
    if let Some(proposed) = wanted.proposed {
        compare(
            format!("{reference} proposed"),
            actual.award.proposed.to_canonical_string(),
            &proposed.to_canonical_string(),
        );
    }
    if let Some(gates) = &wanted.failed_gates {
        let failed: Vec<&str> = actual.award.failed_gates.iter().map(GateId::as_str).collect();
        compare(format!("{reference} failed gates"), failed.join(" "), &gates.join(" "));
    }
    for (gate, status) in wanted.gates.iter().flatten() {
        let result = actual
            .gates
            .iter()
            .find(|result| result.gate.as_str() == gate)
            .unwrap_or_else(|| panic!("gate {gate}"));
        compare(format!("{reference} gate {gate}"), result.status.as_str().to_owned(), status);
    }
    if let Some(flags) = &wanted.flags {
        let actual_flags: Vec<String> = actual
            .flags
            .iter()
            .map(|flag| {
                let mut text = flag.kind.as_str().to_owned();
                if let Some(criterion) = &flag.criterion {
                    text = format!("{text}:{criterion}");
                }
                if let Some(member) = &flag.member {
                    text = format!("{text}:{member}");
                }
                text
            })
            .collect();
        compare(format!("{reference} flags"), actual_flags.join(" "), &flags.join(" "));
    }
    if let Some(ties) = &wanted.ties {
        let actual_ties: Vec<String> = actual
            .ranked
            .ties
            .iter()
            .map(|tie| match &tie.decided_by {
                Some(TieStep::Criterion(criterion)) => {
                    format!("{}:criterion:{criterion}", tie.other)
                }
                Some(TieStep::LowerRequestedAmount) => format!("{}:amount", tie.other),
                None => format!("{}:unresolved", tie.other),
            })
            .collect();
        compare(format!("{reference} ties"), actual_ties.join(" "), &ties.join(" "));
    }
    if let Some(uncertainty) = &wanted.uncertainty {
        let text = actual.uncertainty.as_ref().map_or("none".to_owned(), |entry| {
            format!(
                "{}-{} {}/{} {}",
                entry.rank_low,
                entry.rank_high,
                entry.funded_draws,
                entry.draws,
                entry.label.as_str()
            )
        });
        compare(format!("{reference} uncertainty"), text, uncertainty);
    }
    if let Some(label) = &wanted.label {
        let text = actual.uncertainty.as_ref().map_or("none", |entry| entry.label.as_str());
        compare(format!("{reference} label"), text.to_owned(), label);
    }
    if let Some(total) = &wanted.calibrated_total {
        let actual_total = actual.calibrated.map(|calibrated| calibrated.total);
        if !close(actual_total, total) {
            compare(format!("{reference} calibrated total"), format!("{actual_total:?}"), total);
        }
    }
    if let Some(rank) = wanted.calibrated_rank {
        compare(
            format!("{reference} calibrated rank"),
            actual.calibrated.map_or(0, |calibrated| calibrated.rank).to_string(),
            &rank.to_string(),
        );
    }
    if let Some(recommendation) = &wanted.recommendation {
        let entry = &actual.recommendation;
        let source = match entry.source {
            recommendation::RecommendationSource::Proposal => "proposal",
            recommendation::RecommendationSource::Chair => "chair",
        };
        let mut text =
            format!("{} {} {source}", entry.outcome.as_str(), entry.amount.to_canonical_string());
        if entry.deviates {
            text.push_str(" deviates");
        }
        compare(format!("{reference} recommendation"), text, recommendation);
    }
}

/// An exact `Decimal` against `p/q` (or `none`): equal to within 10⁻²⁰, the precision a 28-digit
/// decimal holds for a repeating fraction.
/// An exact value against a fraction or decimal text (or `none`/`-`): equal, with no tolerance.
fn exactly(actual: Option<&Exact>, expected: &str) -> bool {
    match (actual, expected) {
        (None, "none" | "-") => true,
        (Some(actual), expected) if expected != "none" && expected != "-" => {
            *actual == parse_exact(expected)
        }
        _ => false,
    }
}

/// `11/3`, `4.25` or `-2` as an exact value.
fn parse_exact(text: &str) -> Exact {
    let (numerator, denominator) = text.split_once('/').unwrap_or((text, "1"));
    let numerator: Decimal = numerator.trim().parse().expect("a numerator");
    let denominator: Decimal = denominator.trim().parse().expect("a denominator");
    Exact::from(numerator) / Exact::from(denominator)
}

/// A float against a decimal text (or `none`/`-`), to 1e-9.
fn close(actual: Option<f64>, expected: &str) -> bool {
    match (actual, expected) {
        (None, "none" | "-") => true,
        (Some(actual), expected) if expected != "none" && expected != "-" => {
            let expected: f64 = expected.parse().expect("a decimal number");
            (actual - expected).abs() <= 1e-9
        }
        _ => false,
    }
}

#[test]
fn every_case_meets_the_expectations_worked_out_by_hand_in_its_file() {
    let mut failures = String::new();
    for (name, text) in CASES {
        let case: Case = toml::from_str(text).unwrap_or_else(|error| panic!("{name}: {error}"));
        let evaluation = evaluate(&case.round());
        let problems = check_case(&case, &evaluation);
        if !problems.is_empty() {
            let _ = write!(failures, "\n{name}:\n{problems}");
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

// ---------------------------------------------------------------------------------------------
// Krippendorff's alpha against independently obtained values.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AlphaSet {
    // Where the expected value comes from: for people, required so that no set goes without one.
    #[allow(dead_code)]
    source: String,
    /// One row per observer, one column per unit; `.` is a missing value.
    data: Vec<String>,
    /// The interval alpha as a decimal with at least ten correct digits.
    interval_alpha: String,
    /// The same value as an exact fraction, for the record.
    // Kept for people; the test compares the decimal.
    #[allow(dead_code)]
    interval_alpha_fraction: String,
}

#[test]
fn interval_alpha_equals_the_independent_values_to_1e_9_on_every_data_set() {
    for (name, text) in ALPHA_SETS {
        let set: AlphaSet = toml::from_str(text).unwrap_or_else(|error| panic!("{name}: {error}"));
        let rows: Vec<Vec<Option<f64>>> = set
            .data
            .iter()
            .map(|row| {
                row.split_whitespace()
                    .map(|cell| (cell != ".").then(|| cell.parse().expect("a value")))
                    .collect()
            })
            .collect();
        let units: Vec<Vec<f64>> = (0..rows[0].len())
            .map(|unit| rows.iter().filter_map(|row| row[unit]).collect())
            .collect();
        let alpha = interval_alpha(&units).alpha.expect("alpha is defined");
        let expected: f64 = set.interval_alpha.parse().expect("a decimal");
        assert!(
            (alpha - expected).abs() <= 1e-9,
            "{name}: program says {alpha}, the independent value is {expected}"
        );
    }
}

#[test]
fn the_lists_of_data_files_name_every_file_in_their_folders() {
    // Test code may look at the source tree; the library itself never does.
    for (folder, listed) in [
        ("cases", CASES.iter().map(|(name, _)| *name).collect::<Vec<_>>()),
        ("alpha", ALPHA_SETS.iter().map(|(name, _)| *name).collect::<Vec<_>>()),
    ] {
        let directory = format!("{}/../../tests/data/engine/{folder}", env!("CARGO_MANIFEST_DIR"));
        let mut present: Vec<String> = std::fs::read_dir(&directory)
            .expect("the folder exists")
            .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".toml"))
            .collect();
        present.sort();
        let mut listed: Vec<String> = listed.into_iter().map(str::to_owned).collect();
        listed.sort();
        assert_eq!(present, listed, "tests/data/engine/{folder}");
    }
}

#[test]
fn the_same_round_evaluates_to_the_same_value_bit_for_bit() {
    // The bootstrap is on here (it is what could go wrong), over the richest case.
    for (name, text) in CASES {
        let case: Case = toml::from_str(text).expect("a case");
        let mut round = case.round();
        round.options.bootstrap_draws = 500;
        let first = format!("{:?}", evaluate(&round));
        let second = format!("{:?}", evaluate(&round.clone()));
        assert_eq!(first, second, "{name}");
    }
}

// ---------------------------------------------------------------------------------------------
// Exact ties, found by construction: rounds built to contain equal rational totals, checked
// against a model that knows nothing of the engine but the method's words.

mod exact_ties {
    use num_rational::BigRational;
    use proptest::prelude::*;

    use crate::testing::{round_with, score};
    use crate::*;

    /// One application's scores: `values[member][criterion]`, and its request in kroner.
    #[derive(Debug, Clone)]
    struct Sheet {
        values: Vec<Vec<i32>>,
        requested: i64,
    }

    /// A round of 2–4 members and 2–4 criteria (weights 1–3), some applications drawn at random
    /// and the rest copies of them that keep every total exactly: the members' scores shuffled
    /// within each criterion (the same S on every criterion, so only the request can decide),
    /// or two criteria of equal weight swapped (the same total, different S).
    fn rounds() -> impl Strategy<Value = (Vec<i64>, Vec<Sheet>)> {
        (2usize..=4, 2usize..=4, 3usize..=9)
            .prop_flat_map(|(members, criteria, count)| {
                let weights = prop::collection::vec(1i64..=3, criteria);
                let sheets = prop::collection::vec(
                    (
                        prop::collection::vec(prop::collection::vec(1i32..=7, criteria), members),
                        prop::sample::select(vec![100i64, 200, 300]),
                    ),
                    count,
                );
                let derivations = prop::collection::vec(
                    (any::<prop::sample::Index>(), 0u8..3, any::<u64>()),
                    count,
                );
                (weights, sheets, derivations)
            })
            .prop_map(|(weights, sheets, derivations)| {
                let mut built: Vec<Sheet> = Vec::new();
                for ((values, requested), (source, kind, seed)) in
                    sheets.into_iter().zip(derivations)
                {
                    let sheet = if built.is_empty() || kind == 0 {
                        Sheet { values, requested }
                    } else {
                        let mut copy = built[source.index(built.len())].clone();
                        copy.requested = requested;
                        let criteria = weights.len();
                        if kind == 1 {
                            // Rotate each criterion's column among the members.
                            let members = copy.values.len();
                            for criterion in 0..criteria {
                                let shift = usize::try_from(seed >> (criterion * 8) & 0xFF)
                                    .unwrap_or(0)
                                    % members;
                                let column: Vec<i32> =
                                    copy.values.iter().map(|row| row[criterion]).collect();
                                for (member, row) in copy.values.iter_mut().enumerate() {
                                    row[criterion] = column[(member + shift) % members];
                                }
                            }
                        } else if let Some((left, right)) = (0..criteria)
                            .flat_map(|left| (left + 1..criteria).map(move |right| (left, right)))
                            .find(|&(left, right)| weights[left] == weights[right])
                        {
                            for row in &mut copy.values {
                                row.swap(left, right);
                            }
                        }
                        copy
                    };
                    built.push(sheet);
                }
                (weights, built)
            })
    }

    fn ratio(numerator: i64, denominator: i64) -> BigRational {
        BigRational::new(numerator.into(), denominator.into())
    }

    /// The method's words, with big rationals: S is the mean, T the weighted mean; ranks by T,
    /// exact ties by S on the criteria in descending weight (the round's order among equal
    /// weights), then the lower request; still equal: shared rank, reference order.
    fn model(weights: &[i64], sheets: &[Sheet]) -> Vec<(String, u32)> {
        let members = sheets[0].values.len();
        let mut ladder: Vec<usize> = (0..weights.len()).collect();
        ladder.sort_by_key(|&criterion| std::cmp::Reverse(weights[criterion]));
        let weight_sum: i64 = weights.iter().sum();
        let keyed: Vec<(BigRational, Vec<BigRational>, i64, String)> = sheets
            .iter()
            .enumerate()
            .map(|(index, sheet)| {
                let s: Vec<BigRational> = (0..weights.len())
                    .map(|criterion| {
                        let sum: i64 =
                            sheet.values.iter().map(|row| i64::from(row[criterion])).sum();
                        ratio(sum, i64::try_from(members).unwrap())
                    })
                    .collect();
                let total = s
                    .iter()
                    .zip(weights)
                    .map(|(value, &weight)| value * ratio(weight, 1))
                    .fold(ratio(0, 1), |sum, term| sum + term)
                    / ratio(weight_sum, 1);
                let rungs = ladder.iter().map(|&criterion| s[criterion].clone()).collect();
                (total, rungs, sheet.requested, format!("S{index:02}"))
            })
            .collect();
        let mut order: Vec<usize> = (0..keyed.len()).collect();
        let decisive = |index: usize| {
            let (total, rungs, requested, _) = &keyed[index];
            (
                std::cmp::Reverse(total.clone()),
                rungs.iter().cloned().map(std::cmp::Reverse).collect::<Vec<_>>(),
                *requested,
            )
        };
        order.sort_by(|&left, &right| {
            decisive(left).cmp(&decisive(right)).then_with(|| keyed[left].3.cmp(&keyed[right].3))
        });
        let mut ranked = Vec::new();
        for (position, &index) in order.iter().enumerate() {
            let rank = if position > 0 && decisive(order[position - 1]) == decisive(index) {
                ranked.last().map_or(1, |(_, rank)| *rank)
            } else {
                u32::try_from(position + 1).unwrap()
            };
            ranked.push((keyed[index].3.clone(), rank));
        }
        ranked
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn the_ladder_sees_every_exact_tie((weights, sheets) in rounds()) {
            let criteria: Vec<(String, i64, bool)> = weights
                .iter()
                .enumerate()
                .map(|(index, &weight)| (format!("k{index}"), weight, false))
                .collect();
            let criteria_refs: Vec<(&str, i64, bool)> =
                criteria.iter().map(|(id, weight, ir)| (id.as_str(), *weight, *ir)).collect();
            let member_ids: Vec<String> =
                (0..sheets[0].values.len()).map(|member| format!("m{member}")).collect();
            let members: Vec<&str> = member_ids.iter().map(String::as_str).collect();
            let references: Vec<String> =
                (0..sheets.len()).map(|index| format!("S{index:02}")).collect();
            let applications: Vec<&str> = references.iter().map(String::as_str).collect();
            let mut scores = Vec::new();
            for (reference, sheet) in references.iter().zip(&sheets) {
                for (member, row) in members.iter().zip(&sheet.values) {
                    for ((criterion, _, _), &value) in criteria.iter().zip(row) {
                        scores.push(score(member, reference, criterion, Some(value)));
                    }
                }
            }
            let mut round = round_with(&criteria_refs, &members, &applications, scores, &[]);
            for (application, sheet) in round.applications.iter_mut().zip(&sheets) {
                application.amount_requested = Money::from_kroner(sheet.requested);
            }
            round.options.bootstrap_draws = 20;
            let evaluation = evaluate(&round);
            let engine: Vec<(String, u32)> = evaluation
                .applications
                .iter()
                .map(|application| {
                    (application.aggregate.application.to_string(), application.ranked.rank.unwrap_or(0))
                })
                .collect();
            prop_assert_eq!(engine, model(&weights, &sheets));
        }
    }
}
