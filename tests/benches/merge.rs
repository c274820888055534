//! `cargo xtask bench`: the chair's merge of 20 member score files of 200 applications ×
//! 8 criteria, against the same rows applied with plain SQL (ATTACH + INSERT OR REPLACE), each
//! file in its own transaction with `synchronous=FULL` in both cases. The score files are
//! signed (version 2), so the figure includes checking every signature and key.

// A benchmark reports on the terminal.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use samvurd_app::OpenRound;
use samvurd_core::{ApplicationRef, CriterionId, MemberId, Score, ScoreValue};
use samvurd_store::Change;
use samvurd_tests::create_round_with_criteria;

const MEMBERS: usize = 20;
const APPLICATIONS: usize = 200;
const CRITERIA: usize = 8;
const RUNS: usize = 5;

fn main() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let master = directory.path().join("master.samvurd");
    drop(create_round_with_criteria(&master, MEMBERS, APPLICATIONS, CRITERIA));

    // Each member scores everything in their own copy and exports a score file; the same rows
    // also go into a plain SQLite file per member for the baseline.
    let mut score_files = Vec::new();
    let mut plain_files = Vec::new();
    for member in 1..=MEMBERS {
        let member_id = format!("m{member:02}");
        let copy = directory.path().join(format!("{member_id}.samvurd"));
        std::fs::copy(&master, &copy).expect("copy");
        let mut round = samvurd_store::RoundFile::open(&copy).expect("open copy");
        let scores = (1..=APPLICATIONS)
            .flat_map(|application| (1..=CRITERIA).map(move |criterion| (application, criterion)))
            .map(|(application, criterion)| Score {
                member: MemberId(member_id.clone()),
                application: ApplicationRef(format!("A-{application:04}")),
                criterion: CriterionId(format!("k{criterion}")),
                value: ScoreValue::Value(
                    i32::try_from((application + criterion + member) % 7).unwrap_or(0) + 1,
                ),
                justification: "Godt forankret i begge nivåer, tydelig plan for drift.".to_owned(),
            })
            .collect();
        round.apply(&member_id, Change::SetScores(scores)).expect("score");
        let key = samvurd_store::signing::MemberKey::from_secret_bytes(
            &[u8::try_from(member).unwrap_or(0); 32],
        );
        let file = round.export_score_file(&member_id, "bench", Some(&key)).expect("export");
        let path = directory.path().join(format!("{member_id}.json"));
        std::fs::write(&path, file.to_bytes()).expect("write");
        score_files.push(path);

        let plain = directory.path().join(format!("{member_id}-rader.sqlite"));
        let connection = rusqlite::Connection::open(&plain).expect("plain");
        connection
            .execute_batch(&format!(
                "ATTACH '{}' AS copy; CREATE TABLE score AS SELECT * FROM copy.score WHERE member = '{member_id}'; DETACH copy;",
                copy.display()
            ))
            .expect("plain rows");
        plain_files.push(plain);
    }
    let size: u64 = score_files
        .iter()
        .map(|path| std::fs::metadata(path).map_or(0, |metadata| metadata.len()))
        .sum();

    let mut ours = Vec::new();
    let mut plain = Vec::new();
    for run in 0..RUNS {
        ours.push(merge_with_samvurd(&master, directory.path(), run, &score_files));
        plain.push(merge_with_plain_sql(&master, directory.path(), run, &plain_files));
    }
    ours.sort();
    plain.sort();
    let (ours, plain) = (ours[RUNS / 2], plain[RUNS / 2]);
    println!(
        "merge of {MEMBERS} score files ({APPLICATIONS} applications × {CRITERIA} criteria, {} rows, {} kB of JSON): samvurd {:.1} ms, plain SQL (ATTACH + INSERT OR REPLACE) {:.1} ms, ratio {:.2}× (median of {RUNS})",
        MEMBERS * APPLICATIONS * CRITERIA,
        size / 1024,
        millis(ours),
        millis(plain),
        ours.as_secs_f64() / plain.as_secs_f64()
    );
}

fn merge_with_samvurd(master: &Path, directory: &Path, run: usize, files: &[PathBuf]) -> Duration {
    let target = directory.join(format!("samvurd-{run}.samvurd"));
    std::fs::copy(master, &target).expect("copy master");
    let mut round = OpenRound::open(&target).expect("open");
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let started = Instant::now();
    let report = round.merge_files("bench", &paths, false, false).expect("merge");
    let elapsed = started.elapsed();
    assert_eq!(report.refused(), 0);
    elapsed
}

fn merge_with_plain_sql(
    master: &Path,
    directory: &Path,
    run: usize,
    files: &[PathBuf],
) -> Duration {
    let target = directory.join(format!("plain-{run}.samvurd"));
    std::fs::copy(master, &target).expect("copy master");
    let connection = rusqlite::Connection::open(&target).expect("open");
    connection.pragma_update(None, "synchronous", "FULL").expect("pragma");
    let started = Instant::now();
    for file in files {
        connection
            .execute_batch(&format!(
                "ATTACH '{}' AS member; BEGIN IMMEDIATE; INSERT OR REPLACE INTO main.score SELECT * FROM member.score; COMMIT; DETACH member;",
                file.display()
            ))
            .expect("plain merge");
    }
    started.elapsed()
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
