//! `cargo xtask run`: the CLI demo on the sample round, then the desktop app on it.

use std::env;
use std::path::Path;
use std::process::Command;

use crate::setup::{ensure_system_packages, npm, ui_dependencies};
use crate::{Result, cargo, project_root, step, target_dir};

pub(crate) fn run_demo() -> Result {
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
pub(crate) fn open_desktop(round: &Path) -> Result {
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
