//! Crash writer.
fn main() {}
