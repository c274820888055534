//! Samvurd's domain: what a søknadsrunde (application round) is made of, and the arithmetic that
//! turns the working group's scores into a ranked proposal within the budget frame.
//!
//! This crate is pure on purpose. It never touches files, SQLite, Tauri or PDF, so every rule
//! that decides money can be tested with plain values and property tests, and every adapter
//! (store, CLI, desktop) computes exactly the same thing.

// The engine's unit tests print exact totals at four places to keep their snapshots readable;
// those prints decide nothing and reach no person, so the ban on half-to-even rounding
// (clippy.toml) does not apply to test builds. Non-test code is still checked by the lib build.
#![cfg_attr(test, allow(clippy::disallowed_methods))]

pub mod aggregate;
pub mod agreement;
pub mod allocation;
pub mod bootstrap;
pub mod calibration;
pub mod continuation;
pub mod disagreement;
#[cfg(test)]
mod engine_cases;
pub mod evaluate;
pub mod exact;
pub mod format;
pub mod gates;
mod grid;
pub mod language;
pub mod meeting;
pub mod model;
pub mod money;
mod near;
pub mod options;
pub mod ranking;
pub mod recommendation;
pub mod reporting;
pub mod rules;
pub mod scale;
pub mod sensitivity;
pub mod template;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod text;
pub mod vedtak;
pub mod wording;

pub use evaluate::{Evaluation, evaluate};
pub use exact::Exact;
pub use meeting::{Consensus, ItemChair, Lottery, MeetingRecord};
pub use model::*;
pub use money::{Money, MoneyParseError};
pub use options::{
    ChairRecommendation, FrameOverride, GateAnswer, MethodPart, Outcome, RoundOptions, TieBreak,
};
pub use rules::RuleViolation;
pub use scale::{BUILTIN_SCALES, BuiltinScale, Scale, ScaleError};
pub use text::{TextField, TextProblem, check_text};
