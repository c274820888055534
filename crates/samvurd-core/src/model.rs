//! The nouns of a round: criteria, gates, members, applications, scores and recusals.
//!
//! These are plain values. Identity across copies of a round file matters for the chair's merge,
//! so members and applications have stable, human-visible keys (`MemberId` is a short key chosen
//! at creation, `ApplicationRef` is the application's reference such as `RS-2026-007`) rather than
//! database row ids.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{Money, Scale};

macro_rules! string_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
                formatter.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }
    };
}

string_id!(
    /// A criterion's stable key, e.g. `baerekraft`. Lower-case ASCII letters, digits and `-`/`_`.
    CriterionId
);
string_id!(
    /// A gate's stable key, e.g. `avtale`.
    GateId
);
string_id!(
    /// A member's stable key, the same in every copy of the round file.
    MemberId
);
string_id!(
    /// The application's reference as the applicants and the SSU know it, e.g. `RS-2026-007`.
    ApplicationRef
);

/// Whether a key is acceptable as a criterion, gate or member id.
pub fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 64
        && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// How the member scores on one criterion are combined into `S(a, c)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    #[default]
    Mean,
    Median,
}

impl Aggregation {
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregation::Mean => "mean",
            Aggregation::Median => "median",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "mean" | "gjennomsnitt" | "snitt" => Some(Aggregation::Mean),
            "median" => Some(Aggregation::Median),
            _ => None,
        }
    }
}

/// The round's own facts: what is handed out, by whom, and how it is scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundInfo {
    /// A random identity fixed at creation; score files name it so the chair's merge can refuse
    /// files from another round.
    pub round_id: String,
    pub title: String,
    pub helsefellesskap: String,
    pub budget_frame: Money,
    pub deadline: Option<NaiveDate>,
    pub scale: Scale,
    pub aggregation: Aggregation,
    /// The template the round was created from, for the method appendix.
    pub template_id: String,
}

/// One thing the working group scores, with its weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: CriterionId,
    pub name: String,
    /// What a member should look for, shown beside the score field and in the PDF.
    pub guidance: String,
    /// A positive weight; only the ratios between weights matter.
    pub weight: Decimal,
    /// Whether *ikke relevant* is a permitted answer on this criterion.
    pub allow_not_applicable: bool,
}

/// A knock-out requirement answered yes/no per application (evaluated from the engine issue on).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gate {
    pub id: GateId,
    pub question: String,
    pub guidance: String,
}

/// The member's place in the working group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Kommune,
    Hf,
    Fastlege,
    Brukerrepresentant,
    Annet,
}

impl Role {
    pub const ALL: [Role; 5] =
        [Role::Kommune, Role::Hf, Role::Fastlege, Role::Brukerrepresentant, Role::Annet];

    /// The key used in files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Kommune => "kommune",
            Role::Hf => "hf",
            Role::Fastlege => "fastlege",
            Role::Brukerrepresentant => "brukerrepresentant",
            Role::Annet => "annet",
        }
    }

    /// The label a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Role::Kommune => "Kommune",
            Role::Hf => "Helseforetak",
            Role::Fastlege => "Fastlege",
            Role::Brukerrepresentant => "Brukerrepresentant",
            Role::Annet => "Annet",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "kommune" => Some(Role::Kommune),
            "hf" | "helseforetak" | "sykehus" => Some(Role::Hf),
            "fastlege" => Some(Role::Fastlege),
            "brukerrepresentant" | "bruker" => Some(Role::Brukerrepresentant),
            "annet" | "other" => Some(Role::Annet),
            _ => None,
        }
    }
}

/// A member of the working group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: MemberId,
    pub name: String,
    pub organisation: String,
    pub role: Role,
}

/// Which side leads an application, for the kommune/HF split the SSU must see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicantSide {
    Kommune,
    Hf,
    Annet,
}

impl ApplicantSide {
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicantSide::Kommune => "kommune",
            ApplicantSide::Hf => "hf",
            ApplicantSide::Annet => "annet",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "kommune" | "kommunen" | "municipality" => Some(ApplicantSide::Kommune),
            "hf" | "helseforetak" | "sykehus" | "hospital" => Some(ApplicantSide::Hf),
            "annet" | "other" => Some(ApplicantSide::Annet),
            _ => None,
        }
    }
}

/// Whether the project is new or continues one funded before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationKind {
    New,
    Continuation,
}

impl ApplicationKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationKind::New => "ny",
            ApplicationKind::Continuation => "videreforing",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text.trim().to_lowercase().as_str() {
            "ny" | "nytt" | "new" => Some(ApplicationKind::New),
            "videreføring" | "videreforing" | "fortsettelse" | "continuation" => {
                Some(ApplicationKind::Continuation)
            }
            _ => None,
        }
    }
}

/// One project applying for money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Application {
    pub reference: ApplicationRef,
    pub title: String,
    /// The responsible applicant (ansvarlig søker), e.g. `Drammen kommune`.
    pub applicant: String,
    pub applicant_side: ApplicantSide,
    /// Partners as written in the form, e.g. `Vestre Viken HF; Lier kommune`.
    pub partners: String,
    /// Target group or priority area (prioritert område).
    pub priority_area: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    pub amount_requested: Money,
    pub own_contribution_kommune: Money,
    pub own_contribution_hf: Money,
    pub summary: String,
    pub kind: ApplicationKind,
    /// The applicant's kommune as the register found it, `Stavanger (1103)`; `None` when the
    /// applicant is not a kommune or the register does not know the name.
    #[serde(default)]
    pub kommune: Option<String>,
    /// The import file's columns that Samvurd does not know, kept as text in the file's order:
    /// `(header, value)`, shown to the scorers beside the known fields.
    #[serde(default)]
    pub extra: Vec<ExtraField>,
}

/// One unknown column of an imported application: its header and this row's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtraField {
    pub header: String,
    pub value: String,
}

/// A member's answer on one criterion: a value on the round's scale, or a deliberate
/// *ikke relevant*, which is never the same as a low score or a missing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum ScoreValue {
    Value(i32),
    NotApplicable,
}

impl fmt::Display for ScoreValue {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScoreValue::Value(value) => write!(formatter, "{value}"),
            ScoreValue::NotApplicable => formatter.write_str("IR"),
        }
    }
}

/// One member's score of one application on one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub member: MemberId,
    pub application: ApplicationRef,
    pub criterion: CriterionId,
    pub value: ScoreValue,
    pub justification: String,
}

/// A member's declared conflict of interest (inhabilitet, forvaltningsloven § 6) for one
/// application. Their scores for it are left out of every aggregate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recusal {
    pub member: MemberId,
    pub application: ApplicationRef,
    pub reason: String,
}

/// Everything the arithmetic needs about a round, loaded in one piece.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Round {
    pub info: RoundInfo,
    pub criteria: Vec<Criterion>,
    pub gates: Vec<Gate>,
    pub members: Vec<Member>,
    pub applications: Vec<Application>,
    pub scores: Vec<Score>,
    pub recusals: Vec<Recusal>,
    pub options: crate::RoundOptions,
    pub gate_answers: Vec<crate::GateAnswer>,
    pub recommendations: Vec<crate::ChairRecommendation>,
    /// Changes of method after scoring had begun, oldest first, as the audit log holds them:
    /// the innstilling's method appendix lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub method_changes: Vec<MethodChange>,
    /// What the meeting recorded: leader and deputy, consensus records, the lottery.
    #[serde(default)]
    pub meeting: crate::MeetingRecord,
    /// The round this one was made from («Ny runde fra denne»), last year's grants that continue,
    /// and which applications continue them; empty for a round made from a template.
    #[serde(default)]
    pub continuations: crate::continuation::Continuations,
}

/// One justified change of method made after scoring had begun.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodChange {
    /// The day it was made.
    pub date: NaiveDate,
    /// What changed, as the innstilling names it («samlet skår (gjennomsnitt eller median)»).
    pub changed: Vec<String>,
    pub justification: String,
}

impl Round {
    pub fn criterion(&self, id: &CriterionId) -> Option<&Criterion> {
        self.criteria.iter().find(|criterion| &criterion.id == id)
    }

    pub fn member(&self, id: &MemberId) -> Option<&Member> {
        self.members.iter().find(|member| &member.id == id)
    }

    pub fn application(&self, reference: &ApplicationRef) -> Option<&Application> {
        self.applications.iter().find(|application| &application.reference == reference)
    }

    pub fn is_recused(&self, member: &MemberId, application: &ApplicationRef) -> bool {
        self.recusals
            .iter()
            .any(|recusal| &recusal.member == member && &recusal.application == application)
    }
}
