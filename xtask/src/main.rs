//! `cargo xtask`: the project's own automation, in Rust so it runs wherever cargo does.
//!
//! - `cargo xtask test`  runs every check CI runs, in the order that fails fastest.
//! - `cargo xtask run`   builds Samvurd and runs the CLI demo on the sample round in `assets/`.
//! - `cargo xtask bench` prints the benchmark figures (import, score write latency).
//!
//! Each step prints what it runs, so a failure names the command to repeat by hand.

// This program's whole job is to report progress on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let arguments: Vec<String> = env::args().skip(1).collect();
    let task = arguments.first().map(String::as_str).unwrap_or("help");
    let result = match task {
        "test" => test(),
        "run" => run_demo(),
        "bench" => bench(),
        "bindings" => bindings(),
        _ => {
            eprintln!(
                "Bruk: cargo xtask <oppgave>\n\n  test   alle kontroller (format, clippy, lagdeling, tester)\n  run    bygg og kjør demoen på eksempelrunden\n  bench  mål ytelse og skriv ut tallene\n  bindings  lag ui/src/lib/bindings.ts på nytt"
            );
            return if task == "help" || task == "--help" {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            };
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask {task}: {message}");
            ExitCode::FAILURE
        }
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_owned()
}

fn cargo() -> Command {
    let mut command = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.current_dir(project_root());
    command
}

/// Runs a command, echoing it first; fails with the command line if it fails.
fn step(title: &str, mut command: Command) -> Result {
    let shown = format!(
        "{} {}",
        command.get_program().to_string_lossy(),
        command.get_args().map(|argument| argument.to_string_lossy()).collect::<Vec<_>>().join(" ")
    );
    println!("\n==> {title}\n    $ {shown}");
    let started = Instant::now();
    let status = command.status().map_err(|error| format!("could not start `{shown}`: {error}"))?;
    println!("    ({title}: {:.1} s)", started.elapsed().as_secs_f64());
    if status.success() { Ok(()) } else { Err(format!("`{shown}` failed ({status})")) }
}

fn output(mut command: Command) -> Result<String> {
    let result = command.output().map_err(|error| format!("could not start command: {error}"))?;
    if !result.status.success() {
        return Err(String::from_utf8_lossy(&result.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&result.stdout).into_owned())
}

fn ensure_toolchain_components() -> Result {
    for (tool, component) in [("fmt", "rustfmt"), ("clippy", "clippy")] {
        let mut command = cargo();
        command.args([tool, "--version"]);
        if output(command).is_err() {
            return Err(format!(
                "`cargo {tool}` is missing. Install the `{component}` component of the stable toolchain (rustup component add {component})."
            ));
        }
    }
    Ok(())
}

fn test() -> Result {
    let started = Instant::now();
    ensure_toolchain_components()?;
    ensure_system_packages()?;
    ensure_tauri_driver()?;
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

/// Debian packages the desktop build and its end-to-end tests need.
const SYSTEM_PACKAGES: &[&str] = &[
    "build-essential",
    // The PDF tests check the innstilling with poppler, qpdf and Apache PDFBox Preflight.
    "poppler-utils",
    "qpdf",
    "default-jre-headless",
    "libpdfbox2-java",
    "libactivation-java",
    "libjaxb-api-java",
    "libwebkit2gtk-4.1-dev",
    "libgtk-3-dev",
    "librsvg2-dev",
    "libayatana-appindicator3-dev",
    "webkit2gtk-driver",
    "xvfb",
    "xauth",
];

fn ensure_system_packages() -> Result {
    let missing: Vec<&str> = SYSTEM_PACKAGES
        .iter()
        .copied()
        .filter(|package| {
            let status = Command::new("dpkg-query").args(["-W", "-f=${Status}", package]).output();
            !status.is_ok_and(|output| {
                String::from_utf8_lossy(&output.stdout).contains("install ok installed")
            })
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut update = Command::new("apt-get");
    update.arg("update");
    step("apt-get update", update)?;
    // The JRE's post-install step expects this directory, which slim images lack.
    let _ = std::fs::create_dir_all("/usr/share/man/man1");
    let mut install = Command::new("apt-get");
    install
        .args(["install", "-y", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive");
    step(&format!("install {}", missing.join(" ")), install)
}

fn ensure_tauri_driver() -> Result {
    if Command::new("tauri-driver").arg("--help").output().is_ok() {
        return Ok(());
    }
    let mut install = cargo();
    install.args(["install", "tauri-driver", "--locked", "--version", "^2"]);
    step("install tauri-driver (WebDriver for the desktop app)", install)
}

fn npm(arguments: &[&str]) -> Command {
    let mut command = Command::new("npm");
    command.args(arguments).current_dir(project_root().join("ui"));
    command
}

/// Installs the UI's npm packages exactly as locked, when they are missing or out of date.
fn ui_dependencies() -> Result {
    let ui = project_root().join("ui");
    let lock = std::fs::read(ui.join("package-lock.json")).unwrap_or_default();
    let installed =
        std::fs::read(ui.join("node_modules").join(".samvurd-lock")).unwrap_or_default();
    if !lock.is_empty() && lock == installed {
        return Ok(());
    }
    step("install the UI's npm packages (npm ci)", npm(&["ci", "--no-audit", "--no-fund"]))?;
    std::fs::write(ui.join("node_modules").join(".samvurd-lock"), lock)
        .map_err(|error| error.to_string())
}

/// The real app under Xvfb, driven over WebDriver by the tests in tests/e2e.
fn end_to_end() -> Result {
    let mut build = cargo();
    build.args([
        "build",
        "--locked",
        "-p",
        "samvurd-desktop",
        "--features",
        "e2e",
        "--bin",
        "samvurd-desktop",
    ]);
    step("build the desktop app for end-to-end tests", build)?;
    let mut cli = cargo();
    cli.args(["build", "--locked", "-p", "samvurd-cli"]);
    step("build the CLI the end-to-end tests check files with", cli)?;
    let target = target_dir()?;
    let mut run = Command::new("xvfb-run");
    run.args([
        "-a",
        "-s",
        "-screen 0 1280x800x24",
        "node",
        "--test",
        "--test-concurrency=1",
        "tests/e2e/",
    ])
    .current_dir(project_root())
    .env("SAMVURD_APP", target.join("debug").join("samvurd-desktop"))
    .env("SAMVURD_CLI", target.join("debug").join("samvurd"));
    step("end-to-end tests of the desktop app (Xvfb, tauri-driver, WebKitWebDriver)", run)
}

/// The layering is checked, not hoped for: the pure core must not depend on storage, UI or PDF.
fn layering() -> Result {
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

fn run_demo() -> Result {
    let mut build = cargo();
    build.args(["build", "--release", "-p", "samvurd-cli"]);
    step("build the samvurd CLI", build)?;
    let target = target_dir()?;
    let binary = target.join("release").join("samvurd");
    let demo = target.join("xtask-demo");
    let _ = std::fs::remove_dir_all(&demo);
    std::fs::create_dir_all(&demo).map_err(|error| error.to_string())?;
    let round = demo.join("demo.samvurd");
    let sample = project_root().join("assets").join("sample");
    let round_text = round.to_string_lossy().into_owned();
    let file = |name: &str| sample.join(name).to_string_lossy().into_owned();

    let mut commands: Vec<Vec<String>> = vec![vec![
        "create".into(),
        round_text.clone(),
        "--title".into(),
        "Rekrutterings- og samhandlingstilskudd 2026 (demo)".into(),
        "--template".into(),
        "standard".into(),
        "--helsefellesskap".into(),
        "Helsefellesskapet Vest-Viken".into(),
        "--frame".into(),
        "20 500 000".into(),
    ]];
    let members =
        std::fs::read_to_string(sample.join("medlemmer.csv")).map_err(|error| error.to_string())?;
    for line in members.lines().skip(1).filter(|line| !line.trim().is_empty()) {
        let fields: Vec<&str> = line.split(';').collect();
        if let [id, name, organisation, role] = fields.as_slice() {
            commands.push(
                [
                    "member",
                    "add",
                    &round_text,
                    "--id",
                    id,
                    "--name",
                    name,
                    "--organisation",
                    organisation,
                    "--role",
                    role,
                ]
                .map(str::to_owned)
                .to_vec(),
            );
        }
    }
    commands.push(vec![
        "import".into(),
        "applications".into(),
        round_text.clone(),
        file("soknader.csv"),
    ]);
    commands.push(vec!["import".into(), "scores".into(), round_text.clone(), file("skarer.csv")]);
    commands.push(vec![
        "import".into(),
        "recusals".into(),
        round_text.clone(),
        file("inhabilitet.csv"),
    ]);
    commands.push(vec!["show".into(), round_text.clone()]);
    commands.push(vec!["results".into(), round_text.clone()]);
    for arguments in commands {
        let mut command = Command::new(&binary);
        command.args(["--som", "demo"]).args(&arguments);
        step(&format!("samvurd {}", arguments[..2.min(arguments.len())].join(" ")), command)?;
    }
    println!("\nDemo-runden ligger i {}", round.display());
    open_desktop(&round)
}

/// Builds the desktop app and opens it on `round`, when there is a screen to show it on.
fn open_desktop(round: &Path) -> Result {
    let has_screen = env::var_os("DISPLAY").is_some() || env::var_os("WAYLAND_DISPLAY").is_some();
    if !has_screen {
        println!(
            "\nIngen skjerm funnet (DISPLAY er ikke satt), så skrivebordsappen startes ikke. Kjør `cargo xtask run` i en grafisk økt, eller `xvfb-run cargo xtask run`."
        );
        return Ok(());
    }
    ensure_system_packages()?;
    ui_dependencies()?;
    step("UI build (vite)", npm(&["run", "build"]))?;
    let mut build = cargo();
    build.args(["build", "--release", "-p", "samvurd-desktop"]);
    step("build the desktop app", build)?;
    let mut app = Command::new(target_dir()?.join("release").join("samvurd-desktop"));
    app.arg(round);
    step("Samvurd (close the window to finish)", app)
}

/// Regenerates ui/src/lib/bindings.ts from the desktop app's commands.
fn bindings() -> Result {
    let mut command = cargo();
    command
        .args([
            "test",
            "-p",
            "samvurd-desktop",
            "--lib",
            "the_committed_typescript_bindings_match_the_commands",
        ])
        .env("UPDATE_BINDINGS", "1");
    step("regenerate the TypeScript bindings", command)
}

fn bench() -> Result {
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
            "merging_member_files",
        ])
        .env("PROPTEST_CASES", "10000");
    step("merge property tests, 10 000 cases (release)", properties)?;

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

fn target_dir() -> Result<PathBuf> {
    if let Some(directory) = env::var_os("CARGO_TARGET_DIR") {
        let directory = PathBuf::from(directory);
        return Ok(if directory.is_absolute() {
            directory
        } else {
            project_root().join(directory)
        });
    }
    let mut command = cargo();
    command.args(["metadata", "--format-version", "1", "--no-deps"]);
    let metadata = output(command)?;
    let key = "\"target_directory\":\"";
    let start = metadata.find(key).ok_or("cargo metadata has no target_directory")? + key.len();
    let end = metadata[start..].find('"').ok_or("cargo metadata is malformed")? + start;
    Ok(PathBuf::from(metadata[start..end].replace("\\\\", "\\")))
}
