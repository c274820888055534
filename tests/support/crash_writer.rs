//! A child process for the store's crash and lock tests.
//!
//! `crash-writer write-loop ROUND` sets one new score per transaction, forever, and prints
//! `ACK <application> <criterion> <value>` only after each commit has returned; the test kills
//! it with SIGKILL at a random moment and checks that every acknowledged score survived.
//!
//! `crash-writer hold-lock ROUND` takes SQLite's exclusive lock on the file, prints `LOCKED`,
//! and holds it until its standard input closes.

// A child process talks to its parent through standard output.
#![allow(clippy::print_stdout)]

use std::io::{Read, Write};
use std::path::PathBuf;

use samvurd_core::{ApplicationRef, MemberId, Score, ScoreValue};
use samvurd_store::{Change, RoundFile};

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [mode, round] = arguments.as_slice() else {
        panic!("usage: crash-writer write-loop|hold-lock ROUND");
    };
    let path = PathBuf::from(round);
    match mode.as_str() {
        "write-loop" => write_loop(&path),
        "hold-lock" => hold_lock(&path),
        other => panic!("unknown mode {other}"),
    }
}

fn write_loop(path: &std::path::Path) {
    let mut round = RoundFile::open(path).expect("open the round");
    let loaded = round.load().expect("load the round");
    let criteria: Vec<_> = loaded.criteria.iter().map(|criterion| criterion.id.clone()).collect();
    let per_member = loaded.applications.len() * criteria.len();
    let mut stdout = std::io::stdout().lock();
    // Each run carries on where the last one stopped, so every write is a new score and an
    // acknowledged score is never overwritten by a later one that was not acknowledged.
    let mut index = loaded.scores.len();
    loop {
        assert!(index < per_member * loaded.members.len(), "the round is full");
        let member = &loaded.members[index / per_member].id;
        let within = index % per_member;
        let application = &loaded.applications[within / criteria.len()];
        let criterion = &criteria[within % criteria.len()];
        let value = i32::try_from(index % 7).unwrap_or(0) + 1;
        let score = Score {
            member: MemberId(member.0.clone()),
            application: ApplicationRef(application.reference.0.clone()),
            criterion: criterion.clone(),
            value: ScoreValue::Value(value),
            justification: format!("skrevet som nummer {index}"),
        };
        round.apply("crash-writer", Change::SetScores(vec![score])).expect("write a score");
        writeln!(stdout, "ACK {member} {} {criterion} {value}", application.reference)
            .and_then(|()| stdout.flush())
            .expect("acknowledge");
        index += 1;
    }
}

fn hold_lock(path: &std::path::Path) {
    let connection = rusqlite::Connection::open(path).expect("open");
    connection.execute_batch("BEGIN EXCLUSIVE").expect("take the exclusive lock");
    println!("LOCKED");
    std::io::stdout().flush().expect("flush");
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    drop(connection);
}
