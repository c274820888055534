//! `cargo xtask`: the project's own automation, in Rust so it runs wherever cargo does.
//!
//! - `cargo xtask test`  runs every check CI runs, in the order that fails fastest.
//! - `cargo xtask run`   builds Samvurd and runs the CLI demo on the sample round in `assets/`.
//! - `cargo xtask bench` prints the benchmark figures (import, score write latency).
//! - `cargo xtask dist`  builds the Debian package, installs it here and checks that the
//!   installed app starts.
//!
//! Each step prints what it runs, so a failure names the command to repeat by hand.

// This program's whole job is to report progress on the terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::env;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let arguments: Vec<String> = env::args().skip(1).collect();
    let task = arguments.first().map(String::as_str).unwrap_or("help");
    let result = match task {
        "test" => test(),
        "run" => run_demo(),
        "bench" => bench(),
        "bindings" => bindings(),
        "dist" => dist(),
        // Internal: the startup check of `dist`, run by it inside xvfb-run.
        "dist-startup-check" => match arguments.get(1..) {
            Some([app, round, title, scratch]) => {
                startup_check(Path::new(app), Path::new(round), title, Path::new(scratch))
            }
            _ => Err("usage: dist-startup-check APP ROUND TITLE SCRATCH_DIR".to_owned()),
        },
        _ => {
            eprintln!(
                "Bruk: cargo xtask <oppgave>\n\n  test   alle kontroller (format, clippy, lagdeling, tester)\n  run    bygg og kjør demoen på eksempelrunden\n  bench  mål ytelse og skriv ut tallene\n  bindings  lag ui/src/lib/bindings.ts på nytt\n  dist   lag .deb-pakken, installer den her og sjekk at appen starter"
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
    ensure_debian_packages(SYSTEM_PACKAGES)
}

/// Installs those of `packages` that are not installed yet (one `apt-get install` for them all).
fn ensure_debian_packages(packages: &[&str]) -> Result {
    let missing: Vec<&str> = packages
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
            "merging_files_from_several_copies",
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

/// Debian packages `cargo xtask dist` needs besides [`SYSTEM_PACKAGES`]: the tools its checks use,
/// and the two whose dpkg triggers register a package's .desktop file and MIME types on install,
/// as they do on a desktop system.
const DIST_PACKAGES: &[&str] = &[
    // desktop-file-validate, and update-desktop-database (MimeType= → which app opens a type).
    "desktop-file-utils",
    // update-mime-database: makes a *.samvurd file application/x-samvurd.
    "shared-mime-info",
    // gio: asks GLib, as a file manager does, what a .samvurd file is and which app opens it.
    "libglib2.0-bin",
    // Finds the app's window on the Xvfb screen.
    "xdotool",
];

/// What the .deb is checked to install, besides the binary: the launcher entry with the file
/// association, the MIME type and the icons.
const DESKTOP_FILE: &str = "/usr/share/applications/Samvurd.desktop";
const INSTALLED_FILES: &[&str] = &[
    DESKTOP_FILE,
    "/usr/share/mime/packages/samvurd.xml",
    "/usr/share/icons/hicolor/32x32/apps/samvurd-desktop.png",
    "/usr/share/icons/hicolor/128x128/apps/samvurd-desktop.png",
    "/usr/share/icons/hicolor/512x512/apps/samvurd-desktop.png",
];
const MIME_TYPE: &str = "application/x-samvurd";

/// The Tauri CLI (`cargo tauri`), which builds the app for release and runs the bundler.
fn ensure_tauri_cli() -> Result {
    let mut version = cargo();
    version.args(["tauri", "--version"]);
    if output(version).is_ok_and(|text| text.trim_start().starts_with("tauri-cli 2.")) {
        return Ok(());
    }
    let mut install = cargo();
    install.args(["install", "tauri-cli", "--locked", "--version", "^2"]);
    step("install the Tauri CLI (cargo tauri), which builds the .deb", install)
}

/// `program` run as root: directly when xtask already runs as root, else through sudo.
fn as_root(program: &str) -> Command {
    let root = Command::new("id").arg("-u").output().is_ok_and(|id| id.stdout.trim_ascii() == b"0");
    if root {
        Command::new(program)
    } else {
        let mut command = Command::new("sudo");
        command.arg(program);
        command
    }
}

/// Bytes as megabytes, the unit apt and dpkg report sizes in.
fn megabytes(bytes: u64) -> String {
    #[allow(clippy::cast_precision_loss)] // a display figure with one decimal
    let megabytes = bytes as f64 / 1e6;
    format!("{megabytes:.1} MB")
}

/// Builds the Debian package of the desktop app with the Tauri bundler, installs it on this
/// machine with apt, and checks what a user would meet: the launcher entry, the `.samvurd` file
/// association, and the installed app starting and opening a round under Xvfb.
fn dist() -> Result {
    let started = Instant::now();
    ensure_system_packages()?;
    ensure_debian_packages(DIST_PACKAGES)?;
    ensure_tauri_cli()?;
    ui_dependencies()?;
    // The release build embeds ui/dist; tauri.conf.json has no beforeBuildCommand, so the UI is
    // built here, as for every other build of the desktop app.
    step("UI build (vite)", npm(&["run", "build"]))?;

    let target = target_dir()?;
    let bundles = target.join("release").join("bundle").join("deb");
    // A package left by an earlier version must not pass for this build's.
    let _ = std::fs::remove_dir_all(&bundles);
    let mut build = cargo();
    // Only the .deb: the AppImage needs tools the bundler downloads, and this is the package
    // that can be installed and checked here. Arguments after `--` go to `cargo build`.
    build.current_dir(project_root().join("src-tauri")).args([
        "tauri",
        "build",
        "--bundles",
        "deb",
        "--ci",
        "--",
        "--locked",
    ]);
    step("release build of the desktop app and its .deb (cargo tauri build)", build)?;
    let package = the_deb_in(&bundles)?;
    let size = std::fs::metadata(&package).map_err(|error| error.to_string())?.len();

    let mut fields = Command::new("dpkg-deb");
    fields.arg("--field").arg(&package).args(["Package", "Version", "Installed-Size", "Depends"]);
    let fields = output(fields)?;
    let field = |name: &str| {
        fields
            .lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix(':'))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let name = field("Package");
    let installed_kib: u64 = field("Installed-Size")
        .parse()
        .map_err(|_| format!("{} has no Installed-Size", package.display()))?;
    let mut listing = Command::new("dpkg-deb");
    listing.arg("--contents").arg(&package);
    let listing = output(listing)?;
    let packaged: Vec<String> = listing
        .lines()
        .filter_map(|line| line.split_whitespace().last())
        .map(|path| format!("/{}", path.trim_start_matches("./")))
        .collect();
    let binary = packaged
        .iter()
        .find(|path| path.ends_with("/bin/samvurd-desktop"))
        .ok_or("the .deb has no bin/samvurd-desktop")?
        .clone();
    let absent: Vec<&str> = INSTALLED_FILES
        .iter()
        .copied()
        .filter(|wanted| !packaged.iter().any(|path| path == wanted))
        .collect();
    if !absent.is_empty() {
        return Err(format!("the .deb lacks {}", absent.join(", ")));
    }
    let summary = format!(
        "    package:        {}\n    {name} {}: {} (.deb), {} installed (Installed-Size: {installed_kib} KiB)\n    depends on:     {}",
        package.display(),
        field("Version"),
        megabytes(size),
        megabytes(installed_kib * 1024),
        field("Depends"),
    );
    println!("\n==> the .deb\n{summary}");

    let mut install = as_root("apt-get");
    // --reinstall: a rebuild keeps the version number, and apt would otherwise skip it.
    install
        .args(["install", "-y", "--reinstall"])
        .arg(&package)
        .env("DEBIAN_FRONTEND", "noninteractive");
    step("install the .deb (apt-get install)", install)?;
    let mut status = Command::new("dpkg-query");
    status.args(["--show", "--showformat=${Status}", &name]);
    if output(status)?.trim() != "install ok installed" {
        return Err(format!("apt-get ran, but dpkg does not list {name} as installed"));
    }
    let missing: Vec<&str> = INSTALLED_FILES
        .iter()
        .copied()
        .chain([binary.as_str()])
        .filter(|path| !Path::new(path).is_file())
        .collect();
    if !missing.is_empty() {
        return Err(format!("after the install, {} are missing", missing.join(", ")));
    }

    // The launcher entry: valid, and it hands a .samvurd file to the app.
    let mut validate = Command::new("desktop-file-validate");
    validate.arg(DESKTOP_FILE);
    step("validate the installed .desktop file", validate)?;
    let desktop = std::fs::read_to_string(DESKTOP_FILE).map_err(|error| error.to_string())?;
    let entry = |key: &str| {
        desktop.lines().find_map(|line| line.strip_prefix(key)?.strip_prefix('=')).unwrap_or("")
    };
    if !entry("MimeType").split(';').any(|mime| mime == MIME_TYPE) {
        return Err(format!("{DESKTOP_FILE} does not list {MIME_TYPE} in MimeType="));
    }
    if !entry("Exec").split_whitespace().any(|word| word == "%f" || word == "%F") {
        return Err(format!(
            "Exec= in {DESKTOP_FILE} has no %f: a .samvurd file opened from the file manager would not reach the app"
        ));
    }

    // A round to open, made with the CLI. The debug build, as `cargo xtask test` builds it: it
    // is usually there already, and a release build of it shares little with the app's.
    let mut cli = cargo();
    cli.args(["build", "--locked", "-p", "samvurd-cli"]);
    step("build the samvurd CLI (for a round to open)", cli)?;
    let scratch = target.join("xtask-dist");
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).map_err(|error| error.to_string())?;
    let round = scratch.join("pakkesjekk.samvurd");
    let title = "Pakkesjekk";
    let mut create = Command::new(target.join("debug").join("samvurd"));
    create.args(["--som", "xtask", "create"]).arg(&round).args([
        "--title",
        title,
        "--template",
        "standard",
        "--frame",
        "1 000 000",
    ]);
    step("samvurd create (the round the app opens)", create)?;

    // The association as a file manager sees it: the file's type, and the app for that type.
    let mut file_type = Command::new("gio");
    file_type.args(["info", "--attributes=standard::content-type"]).arg(&round);
    let file_type = output(file_type)?;
    if !file_type.contains(MIME_TYPE) {
        return Err(format!("GLib does not see {} as {MIME_TYPE}:\n{file_type}", round.display()));
    }
    let mut handlers = Command::new("gio");
    handlers.args(["mime", MIME_TYPE]);
    let handlers = output(handlers)?;
    if !handlers.contains("Samvurd.desktop") {
        return Err(format!("GLib does not open {MIME_TYPE} with Samvurd:\n{handlers}"));
    }
    println!(
        "\n==> file association\n    {} is {MIME_TYPE}; it opens with Samvurd.desktop",
        round.display()
    );

    let mut check = Command::new("xvfb-run");
    check
        .args(["-a", "-s", "-screen 0 1280x800x24"])
        .arg(env::current_exe().map_err(|error| error.to_string())?)
        .arg("dist-startup-check")
        .arg(&binary)
        .arg(&round)
        .arg(title)
        .arg(&scratch);
    step("start the installed app on the round (Xvfb)", check)?;

    println!(
        "\nxtask dist: built, installed and started in {:.0} s\n{summary}",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The one .deb the bundler wrote into `directory`.
fn the_deb_in(directory: &Path) -> Result<PathBuf> {
    let entries = std::fs::read_dir(directory)
        .map_err(|error| format!("no bundle directory {}: {error}", directory.display()))?;
    let debs: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|extension| extension == "deb"))
        .collect();
    match debs.as_slice() {
        [deb] => Ok(deb.clone()),
        _ => Err(format!("expected one .deb in {}, found {}", directory.display(), debs.len())),
    }
}

/// Run by `dist` inside xvfb-run: starts the installed `app` on `round` and checks that a window
/// appears, that the UI opens the round (the window takes the round's `title`, which proves the
/// embedded frontend loaded and reached the Rust side), and that the app is still running after
/// five seconds. Then stops it.
fn startup_check(app: &Path, round: &Path, title: &str, scratch: &Path) -> Result {
    const STAYS_UP_FOR: Duration = Duration::from_secs(5);
    const GIVE_UP_AFTER: Duration = Duration::from_secs(30);
    let home = scratch.join("home");
    let log_path = scratch.join("samvurd-desktop.log");
    let log = std::fs::File::create(&log_path).map_err(|error| error.to_string())?;
    let log_copy = log.try_clone().map_err(|error| error.to_string())?;
    let mut child = Command::new(app)
        .arg(round)
        // A first start: no settings or recent list from an earlier run.
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        // On the Xvfb screen even when run from a Wayland session.
        .env("GDK_BACKEND", "x11")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(log_copy)
        .stderr(log)
        .spawn()
        .map_err(|error| format!("could not start {}: {error}", app.display()))?;
    let started = Instant::now();
    let mut window_after = None;
    let mut round_window = None;
    let outcome = loop {
        let elapsed = started.elapsed();
        match child.try_wait() {
            Ok(Some(status)) => {
                break Err(format!(
                    "{} exited {:.1} s after it started ({status})",
                    app.display(),
                    elapsed.as_secs_f64()
                ));
            }
            Ok(None) => {}
            Err(error) => break Err(error.to_string()),
        }
        if window_after.is_none() && visible_window("Samvurd").is_some() {
            window_after = Some(elapsed);
        }
        if round_window.is_none() {
            round_window = visible_window(title).map(|id| (elapsed, id));
        }
        if round_window.is_some() && elapsed >= STAYS_UP_FOR {
            break Ok(elapsed);
        }
        if elapsed >= GIVE_UP_AFTER {
            break Err(match window_after {
                None => format!("no Samvurd window appeared within {} s", elapsed.as_secs()),
                Some(_) => format!(
                    "the window never took the round's title «{title}» within {} s: the UI did not open the round it was started on",
                    elapsed.as_secs()
                ),
            });
        }
        std::thread::sleep(Duration::from_millis(250));
    };
    let details = round_window.as_ref().map(|(_, id)| {
        let mut name = Command::new("xdotool");
        name.args(["getwindowname", id]);
        let mut geometry = Command::new("xdotool");
        geometry.args(["getwindowgeometry", id]);
        let geometry = output(geometry).unwrap_or_default();
        let size = geometry
            .lines()
            .find_map(|line| line.trim().strip_prefix("Geometry:"))
            .unwrap_or("?")
            .trim()
            .to_owned();
        (output(name).unwrap_or_default().trim().to_owned(), size)
    });
    stop(&mut child);
    let app_output = std::fs::read_to_string(&log_path).unwrap_or_default();
    let outcome = outcome.and_then(|elapsed| {
        if app_output.contains("panicked") {
            Err("the app panicked".to_owned())
        } else {
            Ok(elapsed)
        }
    });
    match outcome {
        Ok(elapsed) => {
            let seconds = |duration: Option<Duration>| {
                duration.map_or("?".to_owned(), |duration| format!("{:.1}", duration.as_secs_f64()))
            };
            let (name, size) = details.unwrap_or_default();
            println!(
                "    a Samvurd window after {} s; «{name}» ({size}), the round opened, after {} s; still running after {:.1} s, then stopped",
                seconds(window_after),
                seconds(round_window.map(|(after, _)| after)),
                elapsed.as_secs_f64()
            );
            Ok(())
        }
        Err(message) => {
            let mut tail: Vec<&str> = app_output.lines().rev().take(30).collect();
            tail.reverse();
            let shown = if tail.is_empty() { "(none)".to_owned() } else { tail.join("\n") };
            Err(format!("{message}\nThe app's output ({}):\n{shown}", log_path.display()))
        }
    }
}

/// The id of a visible window whose name matches `name`, if there is one.
fn visible_window(name: &str) -> Option<String> {
    let mut search = Command::new("xdotool");
    search.args(["search", "--onlyvisible", "--name", name]);
    output(search).ok()?.lines().next().map(str::to_owned)
}

/// Asks the app to quit (SIGTERM), then kills it if it has not within five seconds.
fn stop(child: &mut std::process::Child) {
    if !matches!(child.try_wait(), Ok(None)) {
        return;
    }
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let asked = Instant::now();
    while asked.elapsed() < Duration::from_secs(5) {
        if matches!(child.try_wait(), Ok(Some(_))) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
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
