//! A child process writes scores in a loop and acknowledges each commit; we kill it with SIGKILL
//! at random moments, many times, and check that every acknowledged score is in the file and that
//! SQLite's integrity check passes every time.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use samvurd_core::ScoreValue;
use samvurd_store::RoundFile;
use samvurd_tests::create_round;

/// A small xorshift generator: the seed is printed so a failing run can be repeated.
struct Random(u64);

impl Random {
    fn next(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

#[test]
fn every_acknowledged_score_survives_sigkill_and_the_file_stays_intact() {
    let seed = std::env::var("SAMVURD_CRASH_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(1, |elapsed| elapsed.as_nanos() as u64)
                | 1
        });
    println!("crash test seed: {seed} (set SAMVURD_CRASH_SEED to repeat)");
    let mut random = Random(seed);
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("krasj.samvurd");
    // 60 in the test command; `cargo xtask bench` asks for 1 000.
    let kills: u32 = std::env::var("SAMVURD_CRASH_KILLS")
        .ok()
        .and_then(|kills| kills.parse().ok())
        .unwrap_or(60);
    // The writer never overwrites a score (so a lost write cannot hide behind a later one), so
    // the round has room for every write: at most 25 acknowledged and a few more per kill.
    let criteria = samvurd_core::template::Template::builtin("standard").unwrap().criteria.len();
    let applications = 200.max((kills as usize * 40).div_ceil(3 * criteria));
    drop(create_round(&path, 3, applications));

    // Acknowledged (member, application, criterion) -> value, over all runs.
    let mut acknowledged: BTreeMap<(String, String, String), i32> = BTreeMap::new();
    let mut kills_inside_a_commit = 0;
    for kill in 0..kills {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crash-writer"))
            .args(["write-loop", path.to_str().unwrap()])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let wanted = 1 + random.next(25);
        for _ in 0..wanted {
            let line = lines.next().expect("the writer ends only when killed").unwrap();
            let fields: Vec<&str> = line.split_whitespace().collect();
            let ["ACK", member, application, criterion, value] = fields.as_slice() else {
                panic!("unexpected line from the writer: {line}");
            };
            let key = ((*member).to_owned(), (*application).to_owned(), (*criterion).to_owned());
            acknowledged.insert(key, value.parse().unwrap());
        }
        // Kill at a random point inside the next write: right away, or after up to 3 ms.
        std::thread::sleep(Duration::from_micros(random.next(3_000)));
        child.kill().unwrap();
        child.wait().unwrap();
        // A journal left behind means the kill landed inside a commit: the case that matters.
        let journal = directory.path().join("krasj.samvurd-journal");
        if journal.metadata().is_ok_and(|metadata| metadata.len() > 0) {
            kills_inside_a_commit += 1;
        }

        let round = RoundFile::open(&path)
            .unwrap_or_else(|error| panic!("kill {kill}: reopen failed: {error}"));
        assert_eq!(round.integrity_check().unwrap(), "ok", "kill {kill}");
        let scores: BTreeMap<(String, String, String), ScoreValue> = round
            .scores()
            .unwrap()
            .into_iter()
            .map(|score| ((score.member.0, score.application.0, score.criterion.0), score.value))
            .collect();
        for (key, value) in &acknowledged {
            assert_eq!(
                scores.get(key),
                Some(&ScoreValue::Value(*value)),
                "kill {kill}: lost acknowledged score {key:?}"
            );
        }
    }
    println!(
        "{kills} kills ({kills_inside_a_commit} inside a commit), {} acknowledged scores, all present",
        acknowledged.len()
    );
}
