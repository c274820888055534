//! A round file held locked by another process is refused with a message saying so, and it is
//! left as it was.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

use samvurd_store::{RoundFile, StoreError};
use samvurd_tests::create_round;

#[test]
fn a_file_locked_by_another_process_is_refused_as_in_use_and_left_alone() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("laast.samvurd");
    drop(create_round(&path, 1, 3));
    let before = std::fs::read(&path).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_crash-writer"))
        .args(["hold-lock", path.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "LOCKED");

    let error = RoundFile::open(&path).unwrap_err();
    assert!(matches!(error, StoreError::Locked { .. }), "{error:?}");
    assert!(error.to_string().contains("i bruk av et annet program"), "{error}");

    child.stdin.take().unwrap().write_all(b"").unwrap();
    child.wait().unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // Once the other program lets go, the file opens normally.
    RoundFile::open(&path).unwrap();
}
