//! Samvurd's use cases: the one API that the `samvurd` CLI and the desktop shell both call.
//!
//! Each use case opens or holds a [`RoundFile`](samvurd_store::RoundFile), does its work through
//! the store's single write path, and returns plain data (DTOs that serialise to JSON) or an
//! [`AppError`] whose message is ready to show. Nothing here prints or exits.
//!
//! One module per feature, each owning its input types, its use cases (on [`OpenRound`], which
//! the CLI calls, and on [`Session`], which the desktop calls) and its views:
//!
//! - [`setup`]: the round's facts, criteria, members and applications, and the importers;
//! - [`scoring`]: a member's scores, drafts, recusals and score-file export;
//! - [`merge`]: score files merged into the master, the dry run, keys, and the status screen;
//! - [`results`]: `results --json`, the dashboard and its options, and the spreadsheet export;
//! - [`meeting`]: gate answers, the chair's recommendations and the lock;
//! - [`documents`]: the innstilling and the answer letters;
//! - [`next_round`]: «Ny runde fra denne», next year's round with last year's grants that continue.
//!
//! Beside them: [`Session`] (the open round, the person's identity and undo), [`parse`] (every
//! text a person types), [`kinds`] (the enums that cross IPC), [`views`] (the shared DTOs) and
//! [`register`] (the kommuner and helseforetak the import recognises applicants by).

pub mod documents;
mod error;
pub mod kinds;
mod machine;
pub mod meeting;
pub mod merge;
pub mod next_round;
pub mod parse;
pub mod register;
pub mod results;
mod round;
pub mod sample;
pub mod scoring;
mod session;
pub mod setup;
pub mod views;

pub use documents::{InnstillingOptions, LetterOptions, WrittenFile};
pub use error::{AppError, AppResult, ErrorKind};
pub use machine::{DATA_DIR_VARIABLE, Machine};
pub use meeting::{
    ConsensusChange, ConsensusInput, GateAnswerChange, LotteryChange, LotteryInput, OptionsChange,
    RecommendationChange, RecommendationInput, Recorded,
};
pub use merge::{
    MergeFileReport, MergeReport, MergeSource, MergeStatus, TrustedKey, content_hash,
    read_score_source,
};
pub use results::export::{RESULT_COLUMNS, export_results_of};
pub use results::{
    ApplicationResult, BudgetResult, CriterionResult, RESULTS_FORMAT_VERSION, Results,
};
pub use round::{
    ApplicationsImported, CreateRound, CriteriaSource, OpenRound, RoundOverview, ScoreInput,
    create_round, default_actor,
};
pub use samvurd_core as core;
pub use samvurd_report as report_model;
pub use samvurd_store::AuditEntry;
pub use samvurd_store::KeyTrust;
pub use session::Session;
