//! The one error type of the API, tagged so that the desktop UI can switch on its kind and the
//! CLI can map it to an exit code. Its message is always the Norwegian text a person reads.

use serde::Serialize;

use crate::setup::import::ImportError;
use samvurd_core::template::TemplateError;
use samvurd_store::StoreError;

/// What kind of failure, for the UI to choose how to show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file is missing, not a round, damaged, too new, locked or write-protected.
    RoundFile,
    /// The input broke a rule (a score off the scale, an unknown member, a bad amount, ...).
    Invalid,
    /// An import file had problems; nothing from it was taken.
    Import,
    /// Reading or writing some other file failed.
    Io,
    /// Something that should not happen; the message says what.
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
    /// For import errors: every bad row, for the UI to list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import: Option<Box<ImportError>>,
}

impl AppError {
    pub fn invalid(message: impl Into<String>) -> Self {
        AppError { kind: ErrorKind::Invalid, message: message.into(), import: None }
    }

    pub fn io(message: impl Into<String>) -> Self {
        AppError { kind: ErrorKind::Io, message: message.into(), import: None }
    }
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        let kind = match &error {
            StoreError::Refused(_) => ErrorKind::Invalid,
            StoreError::Io { .. } => ErrorKind::Io,
            StoreError::Sqlite { .. } => ErrorKind::Internal,
            _ => ErrorKind::RoundFile,
        };
        AppError { kind, message: error.to_string(), import: None }
    }
}

impl From<ImportError> for AppError {
    fn from(error: ImportError) -> Self {
        AppError {
            kind: ErrorKind::Import,
            message: error.to_string(),
            import: Some(Box::new(error)),
        }
    }
}

impl From<TemplateError> for AppError {
    fn from(error: TemplateError) -> Self {
        AppError::invalid(error.to_string())
    }
}

pub type AppResult<T> = Result<T, AppError>;
