//! `cargo xtask bench`: the benchmark figures.

use std::env;
use std::process::Command;

use crate::setup::{
    ensure_debian_packages, ensure_system_packages, ensure_tauri_driver, npm, ui_dependencies,
};
use crate::{Result, cargo, project_root, step, target_dir};

pub(crate) fn bench() -> Result {
    // The innstilling's benchmark runs LibreOffice beside Samvurd on the same text, so that the
    // ratio between them is measured in one run on one machine.
    ensure_debian_packages(&["libreoffice-writer-nogui"])?;
    let mut command = cargo();
    command.args(["bench", "-p", "samvurd-tests", "--benches"]);
    step("benchmarks (release build)", command)?;

    // The merge properties with the full number of cases, timed.
    let mut properties = cargo();
    properties
        .args([
            "test",
            "--release",
            "-p",
            "samvurd-tests",
            "--test",
            "integration",
            "merging_files_from_several_copies",
        ])
        .env("PROPTEST_CASES", "10000");
    step("merge property tests, 10 000 cases (release)", properties)?;

    // The crash test with 1 000 SIGKILLs instead of the test command's 60.
    let mut crash = cargo();
    crash
        .args([
            "test",
            "--release",
            "-p",
            "samvurd-tests",
            "--test",
            "integration",
            "every_acknowledged_score_survives_sigkill",
            "--",
            "--nocapture",
        ])
        .env("SAMVURD_CRASH_KILLS", "1000");
    step("crash test, 1 000 SIGKILL trials (release)", crash)?;

    fuzz()?;

    // The desktop app's cold start and memory on a 200-application round, under Xvfb. It uses
    // the same build as the end-to-end tests (debug, feature e2e), so the figure is a ceiling.
    ensure_system_packages()?;
    ensure_tauri_driver()?;
    ui_dependencies()?;
    step("UI build (vite)", npm(&["run", "build"]))?;
    let mut build = cargo();
    build.args(["build", "-p", "samvurd-desktop", "--features", "e2e", "--bin", "samvurd-desktop"]);
    step("build the desktop app (debug, e2e)", build)?;
    let mut cli = cargo();
    cli.args(["build", "-p", "samvurd-cli"]);
    step("build the CLI", cli)?;
    let target = target_dir()?;
    let mut startup = Command::new("xvfb-run");
    startup
        .args(["-a", "-s", "-screen 0 1280x800x24", "node", "tests/e2e/bench-startup.mjs"])
        .current_dir(project_root())
        .env("SAMVURD_APP", target.join("debug").join("samvurd-desktop"))
        .env("SAMVURD_CLI", target.join("debug").join("samvurd"));
    step("desktop app: cold start and memory on a 200-application round", startup)
}

/// Every fuzz target for `SAMVURD_FUZZ_SECONDS` (600 unless set) each, in release: no panic
/// and no case over 5 s, with the figures printed (`tests/fuzz`).
pub(crate) fn fuzz() -> Result {
    let seconds = env::var("SAMVURD_FUZZ_SECONDS").unwrap_or_else(|_| "600".to_owned());
    let mut command = cargo();
    command
        .args(["test", "--release", "-p", "samvurd-tests", "--test", "fuzz"])
        .env("SAMVURD_FUZZ_SECONDS", &seconds);
    step(&format!("fuzz targets, {seconds} s each (release)"), command)
}
