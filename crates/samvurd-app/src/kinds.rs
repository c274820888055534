//! The enums that cross IPC.
//!
//! They cross as enums, so `bindings.ts` has unions and the UI cannot compare with a word the Rust
//! side never sends. Each mirrors one of the engine's enums (samvurd-core does not depend on
//! specta) through an exhaustive `From`, so a variant added in core fails to compile here
//! instead of arriving as a string nobody handles. They serialise to the same snake_case keys as
//! `samvurd results --json`.

use samvurd_core::bootstrap::FundingLabel;
use samvurd_core::{Aggregation, ApplicantSide, ApplicationKind, Outcome, Role};
use serde::Serialize;
use specta::Type;

use crate::merge::MergeStatus;

/// Compares an enum with its key, so a test can say `status == "failed"` as the JSON does.
macro_rules! keyed {
    ($name:ident { $($variant:ident => $key:literal),+ $(,)? }) => {
        impl $name {
            /// The key it is sent as.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),+
                }
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.key() == *other
            }
        }
    };
}

keyed!(Zone { ClearlyFunded => "clearly_funded", GreyZone => "grey_zone", ClearlyNotFunded => "clearly_not_funded" });
keyed!(GateAnswerStatus { Passed => "passed", Failed => "failed", Unanswered => "unanswered" });
keyed!(RecommendedOutcome { Granted => "granted", PartlyGranted => "partly_granted", Rejected => "rejected" });
keyed!(Side { Kommune => "kommune", Hf => "hf", Annet => "annet" });
keyed!(FlagKind { CriterionRange => "criterion_range", MemberDeviation => "member_deviation", UnresolvedTie => "unresolved_tie", BelowQuorum => "below_quorum" });
keyed!(MergeStatus { Merged => "merged", Unchanged => "unchanged", WouldMerge => "would_merge", Refused => "refused" });
keyed!(AggregationMethod { Mean => "mean", Median => "median" });

/// Where an application lands against the funding line across the bootstrap's draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Zone {
    ClearlyFunded,
    GreyZone,
    ClearlyNotFunded,
}

impl From<FundingLabel> for Zone {
    fn from(label: FundingLabel) -> Self {
        match label {
            FundingLabel::ClearlyFunded => Zone::ClearlyFunded,
            FundingLabel::GreyZone => Zone::GreyZone,
            FundingLabel::ClearlyNotFunded => Zone::ClearlyNotFunded,
        }
    }
}

impl Zone {
    /// The words the dashboard and the innstilling use.
    pub fn label(self) -> &'static str {
        match self {
            Zone::ClearlyFunded => FundingLabel::ClearlyFunded.label(),
            Zone::GreyZone => FundingLabel::GreyZone.label(),
            Zone::ClearlyNotFunded => FundingLabel::ClearlyNotFunded.label(),
        }
    }
}

/// The chair's answer to a gate, as the dashboard shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum GateAnswerStatus {
    Passed,
    Failed,
    Unanswered,
}

impl From<samvurd_core::gates::GateStatus> for GateAnswerStatus {
    fn from(status: samvurd_core::gates::GateStatus) -> Self {
        match status {
            samvurd_core::gates::GateStatus::Passed => GateAnswerStatus::Passed,
            samvurd_core::gates::GateStatus::Failed => GateAnswerStatus::Failed,
            samvurd_core::gates::GateStatus::Unanswered => GateAnswerStatus::Unanswered,
        }
    }
}

/// The recommendation's outcome for an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RecommendedOutcome {
    Granted,
    PartlyGranted,
    Rejected,
}

impl RecommendedOutcome {
    /// The word in the innstilling and the vedtak.
    pub fn label(self) -> &'static str {
        match self {
            RecommendedOutcome::Granted => "innvilget",
            RecommendedOutcome::PartlyGranted => "delvis innvilget",
            RecommendedOutcome::Rejected => "avslått",
        }
    }
}

impl From<Outcome> for RecommendedOutcome {
    fn from(outcome: Outcome) -> Self {
        match outcome {
            Outcome::Granted => RecommendedOutcome::Granted,
            Outcome::PartlyGranted => RecommendedOutcome::PartlyGranted,
            Outcome::Rejected => RecommendedOutcome::Rejected,
        }
    }
}

/// The lead applicant's side: kommune, helseforetak or another party.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Kommune,
    Hf,
    Annet,
}

impl From<ApplicantSide> for Side {
    fn from(side: ApplicantSide) -> Self {
        match side {
            ApplicantSide::Kommune => Side::Kommune,
            ApplicantSide::Hf => Side::Hf,
            ApplicantSide::Annet => Side::Annet,
        }
    }
}

impl Side {
    /// The side of a budget group's key (`kommune`, `hf`, `annet`); anything else is «annet».
    pub(crate) fn of_key(key: &str) -> Side {
        ApplicantSide::parse(key).map_or(Side::Annet, Side::from)
    }
}

/// Why the engine flags an application for discussion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    CriterionRange,
    MemberDeviation,
    UnresolvedTie,
    BelowQuorum,
}

impl From<samvurd_core::disagreement::FlagKind> for FlagKind {
    fn from(kind: samvurd_core::disagreement::FlagKind) -> Self {
        use samvurd_core::disagreement::FlagKind as Core;
        match kind {
            Core::CriterionRange => FlagKind::CriterionRange,
            Core::MemberDeviation => FlagKind::MemberDeviation,
            Core::UnresolvedTie => FlagKind::UnresolvedTie,
            Core::BelowQuorum => FlagKind::BelowQuorum,
        }
    }
}

/// Whom a member represents in the working group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Kommune,
    Hf,
    Fastlege,
    Brukerrepresentant,
    Annet,
}

impl From<Role> for MemberRole {
    fn from(role: Role) -> Self {
        match role {
            Role::Kommune => MemberRole::Kommune,
            Role::Hf => MemberRole::Hf,
            Role::Fastlege => MemberRole::Fastlege,
            Role::Brukerrepresentant => MemberRole::Brukerrepresentant,
            Role::Annet => MemberRole::Annet,
        }
    }
}

/// A new project or the continuation of one; sent as the words the import reads (`ny`,
/// `videreforing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub enum ProjectKind {
    #[serde(rename = "ny")]
    New,
    #[serde(rename = "videreforing")]
    Continuation,
}

impl From<ApplicationKind> for ProjectKind {
    fn from(kind: ApplicationKind) -> Self {
        match kind {
            ApplicationKind::New => ProjectKind::New,
            ApplicationKind::Continuation => ProjectKind::Continuation,
        }
    }
}

/// How the members' scores on one criterion become the application's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum AggregationMethod {
    Mean,
    Median,
}

impl From<Aggregation> for AggregationMethod {
    fn from(aggregation: Aggregation) -> Self {
        match aggregation {
            Aggregation::Mean => AggregationMethod::Mean,
            Aggregation::Median => AggregationMethod::Median,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each key is what serde writes, so the JSON, the bindings and `key()` agree.
    #[test]
    fn keys_are_what_serde_writes() {
        fn json<T: Serialize>(value: T) -> String {
            serde_json::to_string(&value).unwrap().trim_matches('"').to_owned()
        }
        for zone in [Zone::ClearlyFunded, Zone::GreyZone, Zone::ClearlyNotFunded] {
            assert_eq!(json(zone), zone.key());
        }
        for side in [ApplicantSide::Kommune, ApplicantSide::Hf, ApplicantSide::Annet] {
            assert_eq!(json(Side::from(side)), side.as_str());
        }
        for role in [Role::Kommune, Role::Hf, Role::Fastlege, Role::Brukerrepresentant, Role::Annet]
        {
            assert_eq!(json(MemberRole::from(role)), role.as_str());
        }
        for kind in [ApplicationKind::New, ApplicationKind::Continuation] {
            assert_eq!(json(ProjectKind::from(kind)), kind.as_str());
        }
        for aggregation in [Aggregation::Mean, Aggregation::Median] {
            assert_eq!(json(AggregationMethod::from(aggregation)), aggregation.as_str());
        }
    }
}
