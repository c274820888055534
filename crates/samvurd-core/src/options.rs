//! The round's options for the recommendation engine, and the chair's own inputs to it: gate
//! answers and the recommendation per application.
//!
//! Options are set per round and stored in the round file; every default here is the one a
//! round starts with, chosen so that a chair who changes nothing gets the reference behaviour of
//! PRODUCT.md.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{ApplicationRef, Criterion, CriterionId, GateId, Money, RuleViolation, Scale, wording};

/// One rung of the tie-break ladder, tried in order when totals are exactly equal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "rule", content = "criterion")]
pub enum TieBreak {
    /// Higher `S(a, c)` on the criteria in descending weight order (equal weights: round order).
    HighestWeightedCriteria,
    /// Higher `S(a, c)` on one named criterion.
    Criterion(CriterionId),
    /// The lower requested amount first (more projects within the frame).
    LowerRequestedAmount,
}

/// A part of the method that can change who gets money, and so changes after scoring has begun
/// only as a justified, logged chair action.
///
/// The audit log keeps each change under its bokmål name ([`MethodPart::logged_name`], as older
/// versions wrote it); a document reads it back with [`MethodPart::from_logged_name`] and phrases
/// it in its own language by [`MethodPart::key`] (Fluent's `method-part-KEY`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodPart {
    /// Mean or median (the round's aggregation, stored beside the options).
    Aggregation,
    Calibration,
    PartialFunding,
    TotalThreshold,
    CriterionThresholds,
    TieLadder,
}

impl MethodPart {
    pub const ALL: [MethodPart; 6] = [
        MethodPart::Aggregation,
        MethodPart::Calibration,
        MethodPart::PartialFunding,
        MethodPart::TotalThreshold,
        MethodPart::CriterionThresholds,
        MethodPart::TieLadder,
    ];

    /// The name in the audit log and the app's messages (bokmål).
    pub fn logged_name(self) -> &'static str {
        match self {
            MethodPart::Aggregation => "samlet skår (gjennomsnitt eller median)",
            MethodPart::Calibration => "kalibrering",
            MethodPart::PartialFunding => "delvis finansiering",
            MethodPart::TotalThreshold => "minste totalskår",
            MethodPart::CriterionThresholds => "minstekrav per kriterium",
            MethodPart::TieLadder => "rekkefølgen ved lik totalskår",
        }
    }

    /// The part a log entry names; `None` for a name this version does not know.
    pub fn from_logged_name(name: &str) -> Option<MethodPart> {
        MethodPart::ALL.into_iter().find(|part| part.logged_name() == name)
    }

    /// The key of its text in the documents' Fluent files: `method-part-KEY`.
    pub fn key(self) -> &'static str {
        match self {
            MethodPart::Aggregation => "aggregation",
            MethodPart::Calibration => "calibration",
            MethodPart::PartialFunding => "partial-funding",
            MethodPart::TotalThreshold => "total-threshold",
            MethodPart::CriterionThresholds => "criterion-thresholds",
            MethodPart::TieLadder => "tie-ladder",
        }
    }
}

/// How the engine treats a round. Stored in the round file; changed only as a logged action.
///
/// Every field has a default (`#[serde(default)]`), so options stored by an older program, which
/// lack a field added since, still load and mean what they meant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoundOptions {
    /// A criterion is flagged for discussion when the range (highest minus lowest) of its counted
    /// scores reaches this. `None` means the default: 3 on a 1–7 scale, scaled to the round's
    /// scale (3/6 of the scale's span; 2.5 on 0–5).
    pub disagreement_range: Option<Decimal>,
    /// A member's own total is flagged when it differs from the total of the rest of the panel
    /// (over the same criteria) by at least this. `None` means the default: 2 on a 1–7 scale,
    /// scaled to the round's scale (2/6 of the scale's span).
    pub member_deviation: Option<Decimal>,
    /// Show per-member calibrated totals (z-scores mapped back to the scale) beside the raw ones.
    pub calibration: bool,
    /// A member must have scored at least this many applications to be calibrated.
    pub calibration_min_applications: u32,
    /// Tried in order when totals are exactly equal; what it cannot separate shares a rank.
    pub tie_ladder: Vec<TieBreak>,
    /// Bootstrap draws for the rank intervals; 0 turns the bootstrap off.
    pub bootstrap_draws: u32,
    /// The seed of the bootstrap's SplitMix64 generator: the same seed gives the same intervals.
    pub bootstrap_seed: u64,
    /// Partial funding at the margin: the least share of the request (0–1) that may be granted.
    /// `None` means no partial funding (skip and continue).
    pub partial_funding_min_share: Option<Decimal>,
    /// Applications with a total below this are not funded (reason: below threshold).
    pub total_threshold: Option<Decimal>,
    /// Per-criterion minimums on `S(a, c)`. A criterion on which the application has no `S`
    /// (every counted member said *ikke relevant*) does not apply to it.
    pub criterion_thresholds: Vec<(CriterionId, Decimal)>,
    /// The chair's explicit decision to let the recommended total exceed the frame.
    pub frame_override: Option<FrameOverride>,
    /// The least number of members whose scores count on an application (members who gave it at
    /// least one number and are not recused). `None` means the default: 3, or half the group
    /// (rounded up) if that is smaller. An application below it is flagged «for få vurderinger»
    /// and never labelled clearly funded or clearly not funded.
    pub quorum: Option<u32>,
}

/// The chair's recorded decision that the recommendation may exceed the budget frame, up to
/// `max_total`. Without one, a recommendation above the frame is invalid; with one, the excess is
/// reported in the results and in the innstilling. Recording it is a logged chair action like
/// any other option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameOverride {
    /// The most the recommended total may be.
    pub max_total: Money,
    /// Why the working group recommends more than the frame, in the chair's words.
    pub justification: String,
}

impl Default for RoundOptions {
    fn default() -> Self {
        RoundOptions {
            disagreement_range: None,
            member_deviation: None,
            calibration: false,
            calibration_min_applications: 5,
            tie_ladder: vec![TieBreak::HighestWeightedCriteria, TieBreak::LowerRequestedAmount],
            bootstrap_draws: 2_000,
            bootstrap_seed: 20_260_901,
            partial_funding_min_share: None,
            total_threshold: None,
            criterion_thresholds: Vec::new(),
            frame_override: None,
            quorum: None,
        }
    }
}

impl RoundOptions {
    /// The parts of the method that can change who gets money, named as the log names them
    /// ([`MethodPart::logged_name`]), where `self` and `other` differ. Once scoring has begun
    /// these change only as an explicit, justified chair action (the store enforces it); the rest
    /// (flag limits, the bootstrap, the frame decision) has its own rules.
    pub fn method_differences(&self, other: &RoundOptions) -> Vec<&'static str> {
        self.method_parts_changed(other).into_iter().map(MethodPart::logged_name).collect()
    }

    /// [`RoundOptions::method_differences`] as data, for a document to phrase in its language.
    pub fn method_parts_changed(&self, other: &RoundOptions) -> Vec<MethodPart> {
        let mut changed = Vec::new();
        if self.calibration != other.calibration
            || self.calibration_min_applications != other.calibration_min_applications
        {
            changed.push(MethodPart::Calibration);
        }
        if self.partial_funding_min_share != other.partial_funding_min_share {
            changed.push(MethodPart::PartialFunding);
        }
        if self.total_threshold != other.total_threshold {
            changed.push(MethodPart::TotalThreshold);
        }
        if self.criterion_thresholds != other.criterion_thresholds {
            changed.push(MethodPart::CriterionThresholds);
        }
        if self.tie_ladder != other.tie_ladder {
            changed.push(MethodPart::TieLadder);
        }
        changed
    }

    /// Checks the options against the round's scale: every threshold lies on it, every spread
    /// fits in it, the partial-funding share is a share, and going over the frame is justified.
    /// The store calls this inside its write transaction; nothing else decides it.
    pub fn validate(&self, scale: &Scale) -> Result<(), RuleViolation> {
        let (min, max) = (Decimal::from(scale.min), Decimal::from(scale.max));
        let span = max - min;
        if let Some(threshold) = self.total_threshold
            && (threshold < min || threshold > max)
        {
            return Err(RuleViolation(format!(
                "Minste totalskår ({}) må ligge på skalaen, fra {} til {}. Skriv f.eks. 4 eller 4,5, eller slå terskelen av.",
                wording::number(threshold),
                scale.min,
                scale.max
            )));
        }
        for (criterion, threshold) in &self.criterion_thresholds {
            if *threshold < min || *threshold > max {
                return Err(RuleViolation(format!(
                    "Minstekravet for kriteriet «{criterion}» ({}) må ligge på skalaen, fra {} til {}.",
                    wording::number(*threshold),
                    scale.min,
                    scale.max
                )));
            }
        }
        for (value, what) in [
            (self.disagreement_range, "Spennvidden som flagger uenighet"),
            (self.member_deviation, "Avviket som flagger et medlems totalskår"),
        ] {
            if let Some(value) = value
                && (value <= Decimal::ZERO || value > span)
            {
                return Err(RuleViolation(format!(
                    "{what} ({}) må være større enn 0 og høyst {} (hele skalaen). Skriv f.eks. 3, eller velg standard.",
                    wording::number(value),
                    wording::number(span)
                )));
            }
        }
        if let Some(share) = self.partial_funding_min_share
            && (share <= Decimal::ZERO || share > Decimal::ONE)
        {
            return Err(RuleViolation(format!(
                "Minste andel ved delvis finansiering ({}) må være en andel over 0 og høyst 1, dvs. mellom 1 og 100 prosent av søknadsbeløpet. Skriv f.eks. 0,5 eller 50 %.",
                wording::number(share)
            )));
        }
        if self.calibration_min_applications < 2 {
            return Err(RuleViolation(
                "Kalibrering krever at medlemmet har skåret minst 2 søknader. Skriv 2 eller mer."
                    .to_owned(),
            ));
        }
        if self.quorum == Some(0) {
            return Err(RuleViolation(
                "Minste antall vurderinger per søknad må være minst 1. Skriv f.eks. 3, eller velg standard.".to_owned(),
            ));
        }
        let mut seen = Vec::new();
        for rung in &self.tie_ladder {
            if seen.contains(&rung) {
                return Err(RuleViolation(
                    "Hvert trinn i rekkefølgen ved likhet kan bare stå én gang. Fjern det som står to ganger."
                        .to_owned(),
                ));
            }
            seen.push(rung);
        }
        if let Some(frame_override) = &self.frame_override {
            if frame_override.justification.trim().is_empty() {
                return Err(RuleViolation(
                    "Å gå over rammen krever en skriftlig begrunnelse; den står i innstillingen."
                        .to_owned(),
                ));
            }
            if frame_override.max_total.is_negative() {
                return Err(RuleViolation(
                    "Beløpet innstillingen kan gå opp til, kan ikke være negativt.".to_owned(),
                ));
            }
        }
        Ok(())
    }

    /// Checks that every criterion the options name (a minimum, a rung of the tie ladder) is one
    /// of the round's.
    pub fn validate_criteria(&self, criteria: &[Criterion]) -> Result<(), RuleViolation> {
        let named = self.criterion_thresholds.iter().map(|(criterion, _)| criterion).chain(
            self.tie_ladder.iter().filter_map(|rung| match rung {
                TieBreak::Criterion(criterion) => Some(criterion),
                _ => None,
            }),
        );
        for criterion in named {
            if !criteria.iter().any(|known| &known.id == criterion) {
                let known: Vec<&str> = criteria.iter().map(|known| known.id.as_str()).collect();
                return Err(RuleViolation(format!(
                    "Kriteriet «{criterion}» finnes ikke i runden. Kriterier i runden: {}.",
                    known.join(", ")
                )));
            }
        }
        Ok(())
    }
}

/// The chair's answer to one gate (knock-out requirement) for one application. A gate with no
/// answer is reported as unanswered; it is never taken as failed (nor as passed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateAnswer {
    pub application: ApplicationRef,
    pub gate: GateId,
    pub passed: bool,
    pub note: String,
}

/// The working group's outcome for an application, as the chair records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// innvilget
    Granted,
    /// delvis innvilget
    PartlyGranted,
    /// avslått
    Rejected,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Granted => "granted",
            Outcome::PartlyGranted => "partly_granted",
            Outcome::Rejected => "rejected",
        }
    }

    /// The word in the innstilling.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Granted => "innvilget",
            Outcome::PartlyGranted => "delvis innvilget",
            Outcome::Rejected => "avslått",
        }
    }
}

/// The chair's recommendation for one application, stored beside (never over) the computed
/// proposal. A deviation from the proposal (another outcome or another amount) needs a written
/// justification. An application without one takes the proposal's outcome and amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChairRecommendation {
    pub application: ApplicationRef,
    pub outcome: Outcome,
    pub amount: Money,
    pub justification: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_method_part_reads_back_from_its_logged_name_and_an_unknown_name_is_none() {
        for part in MethodPart::ALL {
            assert_eq!(MethodPart::from_logged_name(part.logged_name()), Some(part));
        }
        assert_eq!(MethodPart::from_logged_name("noe nytt"), None);
        let before = RoundOptions::default();
        let after = RoundOptions { calibration: !before.calibration, ..before.clone() };
        assert_eq!(before.method_differences(&after), ["kalibrering"]);
        assert_eq!(before.method_parts_changed(&after), [MethodPart::Calibration]);
    }
}
