//! `cargo xtask bench`: figures for the round file, printed for the issue notes.
//!
//! - importing 200 applications from a semicolon CSV (parse, check, one transaction);
//! - the latency of one score write (validation + commit with `synchronous=FULL`, i.e. fsync) on
//!   a round of 200 applications, as p50/p99 over many writes.

// A benchmark reports on the terminal.
#![allow(clippy::print_stdout)]

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use samvurd_app::{OpenRound, ScoreInput};
use samvurd_tests::create_round;

fn main() {
    // `cargo bench` passes `--bench`; there is nothing to filter.
    let directory = tempfile::tempdir().expect("temporary directory");
    import_200_applications(directory.path());
    score_write_latency(directory.path());
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

fn show(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}
