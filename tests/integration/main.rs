//! Cross-crate tests: one integration binary, one module per concern.

mod crash;
mod lock;
mod merge;
mod signed;
mod wording;
