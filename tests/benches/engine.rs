//! `cargo xtask bench`: the recommendation engine on 200 applications × 20 members × 8 criteria
//! with the default 2 000 bootstrap draws (issue 4 asks for the full results in under 50 ms).
//!
//! Two figures: the engine alone (`samvurd_core::evaluate` on a loaded round: statistics,
//! flags, alpha, ranking, bootstrap, weight sensitivity, allocation, recommendation), and the
//! whole of `samvurd results --json` as the CLI runs it (open the file, load the round, evaluate,
//! map to the DTO, write the JSON).

// A benchmark reports on the terminal.
#![allow(clippy::print_stdout)]

use std::time::{Duration, Instant};

use samvurd_app::OpenRound;
use samvurd_core::{ApplicationRef, CriterionId, MemberId, Recusal, Score, ScoreValue};
use samvurd_store::Change;
use samvurd_tests::create_round_with_criteria;

const MEMBERS: usize = 20;
const APPLICATIONS: usize = 200;
const CRITERIA: usize = 8;
const RUNS: usize = 15;

fn main() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let path = directory.path().join("motor.samvurd");
    let mut file = create_round_with_criteria(&path, MEMBERS, APPLICATIONS, CRITERIA);
    // Realistic scores: a quality per application, a leniency per member, and noise, from a
    // fixed linear congruential sequence so every run measures the same round.
    let mut state: u64 = 2026;
    let mut next = move |bound: u64| {
        state =
            state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % bound
    };
    let quality: Vec<i32> = (0..APPLICATIONS).map(|_| 2 + next(5) as i32).collect();
    let leniency: Vec<i32> = (0..MEMBERS).map(|_| next(3) as i32 - 1).collect();
    for (member, &lenient) in leniency.iter().enumerate() {
        let scores: Vec<Score> = (0..APPLICATIONS)
            .flat_map(|application| (0..CRITERIA).map(move |criterion| (application, criterion)))
            .map(|(application, criterion)| Score {
                member: MemberId(format!("m{:02}", member + 1)),
                application: ApplicationRef(format!("A-{:04}", application + 1)),
                criterion: CriterionId(format!("k{}", criterion + 1)),
                value: ScoreValue::Value(
                    (quality[application] + lenient + next(3) as i32 - 1).clamp(1, 7),
                ),
                justification: String::new(),
            })
            .collect();
        file.apply("bench", Change::SetScores(scores)).expect("scores");
    }
    let recusals = (0..10)
        .map(|index| Recusal {
            member: MemberId(format!("m{:02}", index + 1)),
            application: ApplicationRef(format!("A-{:04}", index * 17 + 1)),
            reason: "Inhabil".to_owned(),
        })
        .collect();
    file.apply("bench", Change::DeclareRecusals(recusals)).expect("recusals");
    drop(file);

    let round = OpenRound::open(&path).expect("open").load().expect("load");
    assert_eq!(round.options.bootstrap_draws, 2_000, "the default number of draws");
    let engine = measure(|| {
        let evaluation = samvurd_core::evaluate(&round);
        assert_eq!(evaluation.applications.len(), APPLICATIONS);
    });
    println!(
        "engine (evaluate), {APPLICATIONS} applications × {MEMBERS} members × {CRITERIA} criteria, 2 000 draws: {}",
        engine
    );
    let full = measure(|| {
        let results = OpenRound::open(&path).expect("open").results().expect("results");
        let json = serde_json::to_string_pretty(&results).expect("json");
        assert!(json.len() > 1_000);
    });
    println!("full `results --json` (open, load, evaluate, JSON), same round: {full}");
}

/// Median, min and max over `RUNS` runs after one warm-up.
fn measure(mut run: impl FnMut()) -> String {
    run();
    let mut timings: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    timings.sort();
    format!(
        "median {} over {RUNS} runs (min {}, max {})",
        show(timings[RUNS / 2]),
        show(timings[0]),
        show(timings[RUNS - 1])
    )
}

fn show(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}
