//! Fuzzing on stable Rust: every reader of a file from outside gets arbitrary bytes, and bytes
//! made by mutating real files, for a time budget, and must never panic or hang.
//!
//! The targets are the readers a file from someone else reaches: the CSV and XLSX importers,
//! the score-file reader, the criteria TOML reader and the round-file probe (`RoundFile::open`,
//! which must also leave the file byte-identical). Inputs come from proptest strategies (this
//! machine has no nightly toolchain for cargo-fuzz): a quarter are arbitrary bytes, the rest
//! the seed files with bytes overwritten, inserted, deleted or cut off. Each case runs on a
//! worker thread; one that takes more than five seconds counts as a hang.
//!
//! `SAMVURD_FUZZ_SECONDS` is the budget per target: `cargo xtask fuzz` and `cargo xtask bench`
//! give 600; the plain test run gives 1, as a smoke test. The figures are printed per target.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;
use samvurd_core::Round;
use samvurd_store::RoundFile;

/// A case slower than this is a hang.
const HANG: Duration = Duration::from_secs(5);

type Run = Arc<dyn Fn(&[u8]) + Send + Sync>;

struct Target {
    name: &'static str,
    seeds: Vec<Vec<u8>>,
    run: Run,
}

#[derive(Debug, Default)]
struct Figures {
    cases: u64,
    panics: u64,
    hangs: u64,
    slowest: Duration,
}

fn main() {
    let budget = Duration::from_secs(
        std::env::var("SAMVURD_FUZZ_SECONDS")
            .ok()
            .and_then(|seconds| seconds.parse().ok())
            .unwrap_or(1),
    );
    let only = std::env::args().skip(1).find(|argument| !argument.starts_with('-'));
    // A panic is counted and reported by the harness; the default hook's backtrace for each one
    // would drown the figures.
    std::panic::set_hook(Box::new(|_| {}));
    let mut failed = Vec::new();
    for target in targets() {
        if only.as_deref().is_some_and(|only| !target.name.contains(only)) {
            continue;
        }
        let figures = fuzz(&target, budget);
        #[allow(clippy::print_stdout)]
        {
            println!(
                "fuzz {:<22} {:>9} cases in {:>4} s, {} panics, {} over 5 s, slowest {} ms",
                target.name,
                figures.cases,
                budget.as_secs(),
                figures.panics,
                figures.hangs,
                figures.slowest.as_millis()
            );
        }
        if figures.panics > 0 || figures.hangs > 0 {
            failed.push(target.name);
        }
    }
    assert!(failed.is_empty(), "fuzz targets with panics or hangs: {failed:?}");
}

fn fuzz(target: &Target, budget: Duration) -> Figures {
    let strategy = input(target.seeds.clone());
    let mut runner = TestRunner::deterministic();
    let mut figures = Figures::default();
    let started = Instant::now();
    while started.elapsed() < budget {
        let Ok(tree) = strategy.new_tree(&mut runner) else { continue };
        let bytes = tree.current();
        let run = Arc::clone(&target.run);
        let (done, wait) = mpsc::channel();
        let case_started = Instant::now();
        std::thread::spawn(move || {
            let outcome = catch_unwind(AssertUnwindSafe(|| run(&bytes)));
            let _ = done.send((outcome.is_err(), bytes));
        });
        figures.cases += 1;
        match wait.recv_timeout(HANG) {
            Ok((panicked, bytes)) => {
                figures.slowest = figures.slowest.max(case_started.elapsed());
                if panicked {
                    figures.panics += 1;
                    keep(target.name, &bytes);
                }
            }
            Err(_) => {
                // The thread is left running; nothing more can be learnt from this target.
                figures.hangs += 1;
                break;
            }
        }
    }
    figures
}

/// Keeps an input that failed, to repeat it by hand.
fn keep(name: &str, bytes: &[u8]) {
    let path = std::env::temp_dir().join(format!("samvurd-fuzz-{name}-{}.bin", bytes.len()));
    let _ = std::fs::write(&path, bytes);
    #[allow(clippy::print_stderr)]
    {
        eprintln!("fuzz {name}: a failing input is in {}", path.display());
    }
}

/// Arbitrary bytes (a quarter) or a seed with a few edits.
fn input(seeds: Vec<Vec<u8>>) -> BoxedStrategy<Vec<u8>> {
    let arbitrary = proptest::collection::vec(any::<u8>(), 0..2048);
    let seeds = Arc::new(seeds);
    let count = seeds.len();
    let edits = proptest::collection::vec((0u8..4, any::<Index>(), any::<u8>()), 1..12);
    let mutated = (0..count, edits).prop_map(move |(seed, edits)| {
        let mut bytes = seeds[seed].clone();
        for (kind, at, byte) in edits {
            let position = if bytes.is_empty() { 0 } else { at.index(bytes.len()) };
            match kind {
                0 if !bytes.is_empty() => bytes[position] = byte,
                1 => bytes.insert(position, byte),
                2 if !bytes.is_empty() => {
                    bytes.remove(position);
                }
                3 => bytes.truncate(position),
                _ => {}
            }
        }
        bytes
    });
    prop_oneof![1 => arbitrary, 3 => mutated].boxed()
}

fn data(path: &str) -> Vec<u8> {
    std::fs::read(samvurd_tests::data_dir().join(path)).unwrap()
}

/// A small real round to import into: the importers check against its members and criteria.
fn round() -> Round {
    let directory = tempfile::tempdir().unwrap();
    let file = samvurd_tests::create_round(&directory.path().join("runde.samvurd"), 3, 5);
    file.load().unwrap()
}

fn targets() -> Vec<Target> {
    let round = Arc::new(round());
    let scores_csv = {
        let mut text = String::from("Medlem;Søknad;Kriterium;Skår;Begrunnelse\n");
        for member in &round.members {
            for application in &round.applications {
                for criterion in &round.criteria {
                    text.push_str(&format!(
                        "{};{};{};5;Godt forankret\n",
                        member.id, application.reference, criterion.id
                    ));
                }
            }
        }
        text.into_bytes()
    };
    let csv_round = Arc::clone(&round);
    let scores_round = Arc::clone(&round);
    let xlsx_round = Arc::clone(&round);

    let round_directory = tempfile::tempdir().unwrap();
    let round_seed = {
        let path = round_directory.path().join("seed.samvurd");
        drop(samvurd_tests::create_round(&path, 2, 3));
        std::fs::read(&path).unwrap()
    };
    let probe_directory = Arc::new(round_directory);
    let score_file_seeds: Vec<Vec<u8>> =
        ["merge/inhabil-men-skaaret.json", "merge/annen-runde.json", "merge/avkortet.json"]
            .iter()
            .map(|path| data(path))
            .collect();
    let template_seeds: Vec<Vec<u8>> = samvurd_core::template::BUILTIN_TEMPLATE_IDS
        .iter()
        .filter_map(|id| samvurd_core::template::Template::builtin_source(id))
        .map(|source| source.as_bytes().to_vec())
        .collect();

    vec![
        Target {
            name: "csv-applications",
            seeds: vec![data("import/soknader-excel.csv"), data("import/soknader-feil-belop.csv")],
            run: Arc::new(move |bytes| {
                let _ = samvurd_app::setup::import::parse_applications_csv(
                    bytes, "fuzz.csv", &csv_round,
                );
            }),
        },
        Target {
            name: "csv-scores",
            seeds: vec![scores_csv],
            run: Arc::new(move |bytes| {
                let _ =
                    samvurd_app::setup::import::parse_scores_csv(bytes, "fuzz.csv", &scores_round);
                let _ = samvurd_app::setup::import::parse_recusals_csv(
                    bytes,
                    "fuzz.csv",
                    &scores_round,
                );
            }),
        },
        Target {
            name: "xlsx-applications",
            seeds: vec![data("import/soknader.xlsx")],
            run: Arc::new(move |bytes| {
                let _ = samvurd_app::setup::import::parse_applications_xlsx(
                    bytes,
                    "fuzz.xlsx",
                    &xlsx_round,
                );
            }),
        },
        Target {
            name: "score-file",
            seeds: score_file_seeds,
            run: Arc::new(|bytes| {
                let _ = samvurd_store::score_file::ScoreFile::parse(bytes, "fuzz.json");
            }),
        },
        Target {
            name: "criteria-toml",
            seeds: template_seeds,
            run: Arc::new(|bytes| {
                if let Ok(text) = std::str::from_utf8(bytes) {
                    let _ = samvurd_core::template::Template::from_toml_str(text);
                }
            }),
        },
        Target {
            name: "round-file-probe",
            seeds: vec![round_seed],
            run: Arc::new(move |bytes| probe(probe_directory.path(), bytes)),
        },
    ]
}

/// Opens `bytes` as a round file, read-only and for writing; a refused file must be left
/// exactly as it was.
fn probe(directory: &Path, bytes: &[u8]) {
    let path = directory.join(format!("fuzz-{:?}.samvurd", std::thread::current().id()));
    let journal = directory.join(format!("fuzz-{:?}.samvurd-journal", std::thread::current().id()));
    let _ = std::fs::remove_file(&journal);
    std::fs::write(&path, bytes).unwrap();
    if let Ok(round) = RoundFile::open_read_only(&path) {
        let _ = round.load();
        let _ = round.score_records();
    }
    if RoundFile::open(&path).is_err() {
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "a refused round file was changed");
    }
    let _ = std::fs::remove_file(&path);
}
