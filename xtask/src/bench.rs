//! `cargo xtask bench`: the benchmark figures.

use std::env;

use crate::setup::{
    ensure_debian_packages, ensure_system_packages, ensure_tauri_driver, npm, ui_dependencies,
};
use crate::test::app_under_xvfb;
use crate::{Result, cargo, step};

/// The parts of `cargo xtask bench`, in the order they run: the timed benchmarks first, on a
/// machine that is otherwise quiet, then the long correctness runs.
const BENCHES: [&str; 4] = ["engine", "merge", "report", "round"];
const PARTS: [&str; 8] =
    ["engine", "merge", "report", "round", "properties", "crash", "fuzz", "startup"];

pub(crate) fn bench(parts: &[String]) -> Result {
    if let Some(unknown) = parts.iter().find(|part| !PARTS.contains(&part.as_str())) {
        return Err(format!("ukjent del «{unknown}»; delene er {}", PARTS.join(", ")));
    }
    let wanted = |part: &str| parts.is_empty() || parts.iter().any(|wanted| wanted == part);

    let benches: Vec<&str> = BENCHES.into_iter().filter(|bench| wanted(bench)).collect();
    if !benches.is_empty() {
        // The innstilling is measured beside LibreOffice converting the same text, in one run
        // on one machine.
        if wanted("report") {
            ensure_debian_packages(&["libreoffice-writer-nogui"])?;
        }
        let mut command = cargo();
        command.args(["bench", "-p", "samvurd-tests"]);
        for bench in &benches {
            command.args(["--bench", bench]);
        }
        step(&format!("benchmarks: {} (release build)", benches.join(", ")), command)?;
    }

    if wanted("properties") {
        properties()?;
    }
    if wanted("crash") {
        crash()?;
    }
    if wanted("fuzz") {
        fuzz()?;
    }
    if wanted("startup") {
        startup()?;
    }
    Ok(())
}

/// The merge properties with the full number of cases.
fn properties() -> Result {
    release_integration_test(
        "merge property tests, 10 000 cases (release)",
        "merging_files_from_several_copies",
        ("PROPTEST_CASES", "10000"),
    )
}

/// The crash test with 1 000 SIGKILLs instead of the test command's 60.
fn crash() -> Result {
    release_integration_test(
        "crash test, 1 000 SIGKILL trials (release)",
        "every_acknowledged_score_survives_sigkill",
        ("SAMVURD_CRASH_KILLS", "1000"),
    )
}

/// One test of the integration binary in release, with one setting raised, its output shown.
fn release_integration_test(label: &str, filter: &str, (name, value): (&str, &str)) -> Result {
    let mut command = cargo();
    command
        .args([
            "test",
            "--release",
            "-p",
            "samvurd-tests",
            "--test",
            "integration",
            filter,
            "--",
            "--nocapture",
        ])
        .env(name, value);
    step(label, command)
}

/// The desktop app's cold start and memory, and keystroke to disk, on a 200-application round,
/// under Xvfb.
fn startup() -> Result {
    // The release build, as people run it. The figures are printed against the targets (≤ 1 s
    // to the first paint of the round, ≤ 250 MiB PSS for the app and its WebKit processes,
    // keystroke to disk p99 ≤ 10 ms).
    ensure_system_packages()?;
    // The start is timed from outside: xdotool sees the window's title name the round.
    ensure_debian_packages(&["xdotool"])?;
    ensure_tauri_driver()?;
    ui_dependencies()?;
    step("UI build (vite)", npm(&["run", "build"]))?;
    let run = app_under_xvfb(true, &["tests/e2e/bench-startup.mjs"])?;
    step("desktop app (release): start-up, memory and keystroke to disk, 200 applications", run)
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
