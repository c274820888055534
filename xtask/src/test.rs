//! `cargo xtask test` (every check CI runs, in the order that fails fastest), the layering
//! check, the end-to-end tests under Xvfb, and `cargo xtask bindings`.

use std::env;
use std::process::Command;
use std::time::Instant;

use crate::setup::{
    ensure_pdfua, ensure_system_packages, ensure_tauri_driver, ensure_toolchain_components, npm,
    ui_dependencies,
};
use crate::{Result, cargo, output, project_root, step, target_dir};

pub(crate) fn test() -> Result {
    let started = Instant::now();
    ensure_toolchain_components()?;
    ensure_system_packages()?;
    ensure_tauri_driver()?;
    ensure_pdfua()?;
    ui_dependencies()?;

    let mut fmt = cargo();
    fmt.args(["fmt", "--all", "--", "--check"]);
    step("format (rustfmt --check)", fmt)?;

    layering()?;

    step("UI type check (svelte-check)", npm(&["run", "check"]))?;
    step("UI unit tests (vitest)", npm(&["test"]))?;
    // The desktop crate embeds ui/dist at compile time, so the UI is built before any cargo
    // command that compiles it.
    step("UI build (vite)", npm(&["run", "build"]))?;

    let mut clippy = cargo();
    clippy.args(["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"]);
    step("clippy, warnings as errors", clippy)?;

    // Includes the bindings check (src-tauri regenerates ui/src/lib/bindings.ts in memory and
    // fails on a difference) and the CSP and capability checks.
    let mut tests = cargo();
    tests.args(["test", "--workspace", "--locked"]);
    // Property tests run a modest number of cases here; `cargo xtask bench` runs the full count.
    if env::var_os("PROPTEST_CASES").is_none() {
        tests.env("PROPTEST_CASES", "256");
    }
    step("all Rust tests", tests)?;

    end_to_end()?;

    println!("\nxtask test: all checks passed in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// The real app under Xvfb, driven over WebDriver by the tests in tests/e2e.
pub(crate) fn end_to_end() -> Result {
    let run = app_under_xvfb(false, &["--test", "--test-concurrency=1", "tests/e2e/"])?;
    step("end-to-end tests of the desktop app (Xvfb, tauri-driver, WebKitWebDriver)", run)
}

/// Builds the desktop app (feature `e2e`, which only lets WebDriver answer its file dialogs)
/// and the CLI, in release or debug, and returns `node SCRIPT_ARGS` under Xvfb at a laptop's
/// screen size with `SAMVURD_APP` and `SAMVURD_CLI` naming the two builds.
pub(crate) fn app_under_xvfb(release: bool, script_args: &[&str]) -> Result<Command> {
    let (profile, flag) = if release { ("release", "--release") } else { ("debug", "--locked") };
    let mut build = cargo();
    build.args([
        "build",
        flag,
        "-p",
        "samvurd-desktop",
        "--features",
        "e2e",
        "--bin",
        "samvurd-desktop",
    ]);
    step(&format!("build the desktop app ({profile}, e2e)"), build)?;
    let mut cli = cargo();
    cli.args(["build", flag, "-p", "samvurd-cli"]);
    step(&format!("build the CLI ({profile})"), cli)?;
    let target = target_dir()?.join(profile);
    let mut run = Command::new("xvfb-run");
    // -noreset: Xvfb otherwise resets when its last client leaves (the bench's xdotool polls
    // between app starts), and an app starting during the reset cannot open the display.
    run.args(["-a", "-s", "-screen 0 1280x800x24 -noreset", "node"])
        .args(script_args)
        .current_dir(project_root())
        .env("SAMVURD_APP", target.join("samvurd-desktop"))
        .env("SAMVURD_CLI", target.join("samvurd"));
    Ok(run)
}

/// The layering is checked, not hoped for: the pure core must not depend on storage, UI or PDF.
pub(crate) fn layering() -> Result {
    println!("\n==> layering (cargo tree)");
    let forbidden: &[(&str, &[&str])] = &[
        (
            "samvurd-core",
            &["rusqlite", "libsqlite3-sys", "tauri", "printpdf", "calamine", "samvurd-store"],
        ),
        ("samvurd-store", &["tauri", "printpdf", "samvurd-app"]),
        ("samvurd-app", &["tauri", "wry", "webkit2gtk"]),
        // The desktop app talks to nothing but its own window: no HTTP client may creep in.
        (
            "samvurd-desktop",
            &["reqwest", "hyper", "hyper-util", "ureq", "attohttpc", "isahc", "curl", "surf"],
        ),
    ];
    for (package, banned) in forbidden {
        let mut command = cargo();
        command.args([
            "tree", "--locked", "-p", package, "-e", "normal", "--prefix", "none", "--format",
            "{p}",
        ]);
        let tree = output(command)?;
        let offenders: Vec<&str> = tree
            .lines()
            .filter(|line| banned.iter().any(|name| line.split_whitespace().next() == Some(name)))
            .collect();
        if !offenders.is_empty() {
            return Err(format!("{package} must not depend on {}", offenders.join(", ")));
        }
        println!("    {package}: none of {} in its dependency tree", banned.join(", "));
    }
    Ok(())
}

/// Regenerates ui/src/lib/bindings.ts from the desktop app's commands.
pub(crate) fn bindings() -> Result {
    let mut command = cargo();
    command
        // The whole workspace's library tests, as `cargo xtask test` builds them: with `-p`
        // alone, cargo unifies other features and rebuilds the desktop's dependencies.
        .args([
            "test",
            "--workspace",
            "--lib",
            "the_committed_typescript_bindings_match_the_commands",
        ])
        .env("UPDATE_BINDINGS", "1");
    step("regenerate the TypeScript bindings", command)
}
