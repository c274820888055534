//! The Samvurd desktop app. An optional argument names a round file to open at start.

// No console window on Windows release builds.
#![cfg_attr(all(not(debug_assertions), target_os = "windows"), windows_subsystem = "windows")]

fn main() {
    samvurd_desktop::run(std::env::args().nth(1));
}
