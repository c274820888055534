//! Samvurd's use cases: the one API that the `samvurd` CLI and the desktop shell both call.
//!
//! Each use case opens or holds a [`RoundFile`](samvurd_store::RoundFile), does its work through
//! the store's single write path, and returns plain data (DTOs that serialise to JSON) or an
//! [`AppError`] whose message is ready to show. Nothing here prints or exits.

mod chair;
pub mod chair_views;
mod engine;
mod error;
mod export;
pub mod import;
pub mod kinds;
mod machine;
mod merge;
pub mod parse;
pub mod report;
pub mod results;
mod round;
pub mod sample;
mod session;
pub mod views;

pub use chair::{RecommendationInput, WrittenFile};
pub use engine::{GateAnswerChange, OptionsChange, RecommendationChange, Recorded};
pub use error::{AppError, AppResult, ErrorKind};
pub use export::{RESULT_COLUMNS, export_results_of};
pub use machine::{DATA_DIR_VARIABLE, Machine};
pub use merge::{
    MergeFileReport, MergeReport, MergeSource, MergeStatus, TrustedKey, content_hash,
    read_score_source,
};
pub use report::{InnstillingOptions, LetterOptions};
pub use results::{
    ApplicationResult, BudgetResult, CriterionResult, RESULTS_FORMAT_VERSION, Results,
};
pub use round::{
    CreateRound, CriteriaSource, OpenRound, RoundOverview, ScoreInput, create_round, default_actor,
};
pub use samvurd_core as core;
pub use samvurd_report as report_model;
pub use samvurd_store::AuditEntry;
pub use samvurd_store::KeyTrust;
pub use session::Session;
