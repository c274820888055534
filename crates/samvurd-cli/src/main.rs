//! The samvurd CLI.
fn main() {}
