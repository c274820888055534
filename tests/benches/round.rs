//! `cargo xtask bench`: figures for the round file, printed for the issue notes.
//!
//! - importing 200 applications from a semicolon CSV (parse, check, one transaction);
//! - the latency of one score write (validation + commit with `synchronous=FULL`, i.e. fsync) on
//!   a round of 200 applications, as p50/p99 over many writes;
//! - the desktop app's answer to one key press in scoring (`Session::set_score`: the write, and
//!   the scored application and the member's progress read back) on a merged master of nine
//!   members who have scored everything, the Rust half of the keystroke-to-disk figure.

// A benchmark reports on the terminal.
#![allow(clippy::print_stdout)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use samvurd_app::views::ScoreCellInput;
use samvurd_app::{Machine, OpenRound, ScoreInput, Session};
use samvurd_tests::create_round;

fn main() {
    // `cargo bench` passes `--bench`; there is nothing to filter.
    let directory = tempfile::tempdir().expect("temporary directory");
    import_200_applications(directory.path());
    score_write_latency(directory.path());
    keystroke_answer_latency(directory.path());
}

fn import_200_applications(directory: &std::path::Path) {
    let mut csv = String::from(
        "Søknadsnr;Tittel;Ansvarlig søker;Søkerside;Målgruppe;Omsøkt beløp;Egeninnsats kommune;Egeninnsats HF;Periode fra;Periode til\r\n",
    );
    for index in 1..=200 {
        let _ = write!(
            csv,
            "B-{index:04};Felles tiltak nr. {index} for barn og unge;Kommune {index};kommune;Barn og unge;{} {:03} 000;150 000;0;01.01.2027;31.12.2027\r\n",
            1 + index % 2,
            (index * 7) % 1000
        );
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&csv);
    let source = directory.join("soknader-200.csv");
    std::fs::write(&source, &bytes).expect("write the CSV");

    let mut timings = Vec::new();
    for run in 0..5 {
        let path = directory.join(format!("import-{run}.samvurd"));
        drop(create_round(&path, 1, 0));
        let mut round = OpenRound::open(&path).expect("open");
        let started = Instant::now();
        let imported = round.import_applications("bench", &source).expect("import");
        timings.push(started.elapsed());
        assert_eq!(imported, 200);
    }
    timings.sort();
    println!(
        "import of 200 applications (CSV, Windows-1252): median {} over {} runs (min {}, max {})",
        show(timings[timings.len() / 2]),
        timings.len(),
        show(timings[0]),
        show(timings[timings.len() - 1])
    );
}

fn score_write_latency(directory: &std::path::Path) {
    let path = directory.join("latency.samvurd");
    drop(create_round(&path, 9, 200));
    let mut round = OpenRound::open(&path).expect("open");
    let loaded = round.load().expect("load");
    let criteria: Vec<String> =
        loaded.criteria.iter().map(|criterion| criterion.id.0.clone()).collect();
    let writes = 1_000;
    let mut latencies = Vec::with_capacity(writes);
    for index in 0..writes {
        let input = ScoreInput {
            member: "m01".to_owned(),
            application: loaded.applications[index % 200].reference.0.clone(),
            criterion: criteria[index % criteria.len()].clone(),
            value: (1 + index % 7).to_string(),
            justification: "Godt begrunnet, tydelig forankret i begge nivåer.".to_owned(),
        };
        let started = Instant::now();
        round.set_score("bench", &input).expect("write");
        latencies.push(started.elapsed());
    }
    latencies.sort();
    let percentile = |percent: usize| latencies[(latencies.len() - 1) * percent / 100];
    println!(
        "one-score write + commit (synchronous=FULL), 200-application round, {writes} writes: p50 {}, p99 {}, max {}",
        show(percentile(50)),
        show(percentile(99)),
        show(latencies[latencies.len() - 1])
    );
}

fn keystroke_answer_latency(directory: &std::path::Path) {
    let path = directory.join("keystroke.samvurd");
    let mut file = create_round(&path, 9, 200);
    let loaded = file.load().expect("load");
    let criteria: Vec<String> =
        loaded.criteria.iter().map(|criterion| criterion.id.0.clone()).collect();
    let mut scores = Vec::new();
    for member in &loaded.members {
        for application in &loaded.applications {
            for criterion in &loaded.criteria {
                scores.push(samvurd_core::Score {
                    member: member.id.clone(),
                    application: application.reference.clone(),
                    criterion: criterion.id.clone(),
                    value: samvurd_core::ScoreValue::Value(4),
                    justification: "Godt begrunnet, tydelig forankret i begge nivåer.".to_owned(),
                });
            }
        }
    }
    file.apply("bench", samvurd_store::Change::SetScores(scores)).expect("score everything");
    drop(file);
    let session = Session::with_machine(Machine::at(directory.join("maskin")));
    session.open_round(&path.display().to_string()).expect("open");
    let member = loaded.members[0].id.0.clone();
    session.set_identity(Some(member)).expect("identity");
    let presses = 500;
    let mut latencies = Vec::with_capacity(presses);
    for index in 0..presses {
        let input = ScoreCellInput {
            application: loaded.applications[index % 200].reference.0.clone(),
            criterion: criteria[index % criteria.len()].clone(),
            value: (1 + index % 7).to_string(),
            justification: "Godt begrunnet, tydelig forankret i begge nivåer.".to_owned(),
        };
        let started = Instant::now();
        let saved = session.set_score(input).expect("key press");
        latencies.push(started.elapsed());
        assert!(saved.application.is_some());
    }
    latencies.sort();
    let percentile = |percent: usize| latencies[(latencies.len() - 1) * percent / 100];
    println!(
        "app answer to one key press in scoring (write + commit + the application and progress read back), 9 members × 200 applications scored, {presses} presses: p50 {}, p99 {}, max {}",
        show(percentile(50)),
        show(percentile(99)),
        show(latencies[latencies.len() - 1])
    );
}

fn show(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}
