//! Samvurd store.
