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
use std::time::Instant;

mod bench;
mod demo;
mod dist;
mod flags;
mod setup;
mod test;

use crate::flags::Task;

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let arguments: Vec<String> = env::args().skip(1).collect();
    let task = match Task::parse(&arguments) {
        Ok(task) => task,
        Err(usage) => {
            eprintln!("{}", flags::USAGE);
            return usage;
        }
    };
    let result = match &task {
        Task::Test => test::test(),
        Task::Run => demo::run_demo(),
        Task::Bench(parts) => bench::bench(parts),
        Task::Fuzz => bench::fuzz(),
        Task::Bindings => test::bindings(),
        Task::Dist => dist::dist(),
        Task::DistStartupCheck { app, round, title, scratch } => {
            dist::startup_check(Path::new(app), Path::new(round), title, Path::new(scratch))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("\nxtask {}: {message}", task.name());
            ExitCode::FAILURE
        }
    }
}

pub(crate) fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_owned()
}

pub(crate) fn cargo() -> Command {
    let mut command = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned()));
    command.current_dir(project_root());
    command
}

/// Runs a command, echoing it first; fails with the command line if it fails.
pub(crate) fn step(title: &str, mut command: Command) -> Result {
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

pub(crate) fn output(mut command: Command) -> Result<String> {
    let result = command.output().map_err(|error| format!("could not start command: {error}"))?;
    if !result.status.success() {
        return Err(String::from_utf8_lossy(&result.stderr).into_owned());
    }
    Ok(String::from_utf8_lossy(&result.stdout).into_owned())
}

pub(crate) fn target_dir() -> Result<PathBuf> {
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
