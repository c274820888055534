//! The refusal of a rule: what a change would break, in the Norwegian words a person reads.
//!
//! Every rule on what the chair may record (the round's options, a recommendation) is checked
//! once, here in the core, and the store calls these checks inside its write transaction, so a
//! refused change writes nothing whichever door (CLI, desktop, undo) it came through.

/// A change that breaks a rule of the round; the message says what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct RuleViolation(pub String);

impl RuleViolation {
    pub fn new(message: impl Into<String>) -> Self {
        RuleViolation(message.into())
    }
}
