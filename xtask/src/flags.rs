//! The command line of `cargo xtask`: which task, with which arguments.

use std::process::ExitCode;

pub(crate) const USAGE: &str = "Bruk: cargo xtask <oppgave>\n\n  test   alle kontroller (format, clippy, lagdeling, tester)\n  run    bygg og kjør demoen på eksempelrunden\n  bench [del …]  mål ytelse og skriv ut tallene; delene er engine, merge, report, round,\n                 properties, crash, fuzz og startup (alle når ingen er nevnt)\n  fuzz   gi filleserne tilfeldige og ødelagte filer i 10 minutter hver\n  bindings  lag ui/src/lib/bindings.ts på nytt\n  dist   lag .deb-pakken, installer den her og sjekk at appen starter";

/// One task of `cargo xtask`.
#[derive(Debug)]
pub(crate) enum Task {
    Test,
    Run,
    /// The parts to run; all of them when empty.
    Bench(Vec<String>),
    Fuzz,
    Bindings,
    Dist,
    /// Internal: the startup check of `dist`, run by it inside xvfb-run.
    DistStartupCheck {
        app: String,
        round: String,
        title: String,
        scratch: String,
    },
}

impl Task {
    /// The task the arguments name; otherwise the exit code to leave with after the usage
    /// (0 for `help`, 2 for anything unknown).
    pub(crate) fn parse(arguments: &[String]) -> Result<Task, ExitCode> {
        let task = arguments.first().map(String::as_str).unwrap_or("help");
        match task {
            "test" => Ok(Task::Test),
            "run" => Ok(Task::Run),
            "bench" => Ok(Task::Bench(arguments[1..].to_vec())),
            "fuzz" => Ok(Task::Fuzz),
            "bindings" => Ok(Task::Bindings),
            "dist" => Ok(Task::Dist),
            "dist-startup-check" => match arguments.get(1..) {
                Some([app, round, title, scratch]) => Ok(Task::DistStartupCheck {
                    app: app.clone(),
                    round: round.clone(),
                    title: title.clone(),
                    scratch: scratch.clone(),
                }),
                _ => {
                    eprintln!("usage: dist-startup-check APP ROUND TITLE SCRATCH_DIR");
                    Err(ExitCode::from(2))
                }
            },
            "help" | "--help" => Err(ExitCode::SUCCESS),
            _ => Err(ExitCode::from(2)),
        }
    }

    pub(crate) fn name(&self) -> &'static str {
        match self {
            Task::Test => "test",
            Task::Run => "run",
            Task::Bench(_) => "bench",
            Task::Fuzz => "fuzz",
            Task::Bindings => "bindings",
            Task::Dist => "dist",
            Task::DistStartupCheck { .. } => "dist-startup-check",
        }
    }
}
