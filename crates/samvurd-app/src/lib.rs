//! Samvurd use cases.

pub mod import;
