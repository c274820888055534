//! The round file's promises, tested on real files: what it refuses to open and why, that a
//! refused file is left byte-identical, and that every change lands in the audit log.

use std::fs;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use samvurd_core::testing;
use samvurd_core::{
    Aggregation, Application, ApplicationRef, Criterion, CriterionId, Member, MemberId, Money,
    Recusal, Role, Scale, Score, ScoreValue,
};
use samvurd_store::{Access, Change, NewRound, RoundFile, StoreError};

fn new_round() -> NewRound {
    NewRound {
        title: "Tilskudd 2026".into(),
        helsefellesskap: "Helsefellesskapet Vest-Viken".into(),
        budget_frame: Money::from_kroner(20_500_000),
        deadline: None,
        scale: Scale::default(),
        aggregation: Aggregation::Mean,
        template_id: "test".into(),
        criteria: vec![
            Criterion {
                id: CriterionId::from("baerekraft"),
                name: "Bærekraft".into(),
                guidance: String::new(),
                weight: Decimal::from(2),
                allow_not_applicable: false,
            },
            Criterion {
                id: CriterionId::from("samiske-pasienter"),
                name: "Samiske pasienter".into(),
                guidance: String::new(),
                weight: Decimal::from(1),
                allow_not_applicable: true,
            },
        ],
        gates: Vec::new(),
    }
}

fn application(reference: &str) -> Application {
    Application {
        kommune: None,
        extra: Vec::new(),
        title: "Felles legevakt på Ål".into(),
        applicant: "Ål kommune".into(),
        partners: "Vestre Viken HF".into(),
        priority_area: "Eldre med skrøpelighet".into(),
        amount_requested: Money::from_kroner(1_200_000),
        own_contribution_kommune: Money::from_kroner(300_000),
        ..testing::application(reference)
    }
}

fn member(id: &str) -> Member {
    Member { organisation: "Drammen kommune".into(), role: Role::Kommune, ..testing::member(id) }
}

fn score(member: &str, reference: &str, criterion: &str, value: ScoreValue) -> Score {
    Score {
        member: MemberId::from(member),
        application: ApplicationRef::from(reference),
        criterion: CriterionId::from(criterion),
        value,
        justification: "Godt forankret.".into(),
    }
}

/// A round with one member and one application, ready for scores.
fn populated_round(directory: &Path) -> (PathBuf, RoundFile) {
    let path = directory.join("runde.samvurd");
    let mut round = RoundFile::create(&path, &new_round(), "leder").unwrap();
    round.apply("leder", Change::AddMember(member("kari"))).unwrap();
    round.apply("leder", Change::AddApplications(vec![application("VV-1")])).unwrap();
    (path, round)
}

/// Asserts that opening `path` fails with `expected` and leaves the bytes as they were.
fn check_refused(path: &Path, expected: impl Fn(&StoreError) -> bool, fragment: &str) {
    let before = fs::read(path).ok();
    let error = RoundFile::open(path).expect_err("the file should be refused");
    assert!(expected(&error), "unexpected error: {error:?}");
    let message = error.to_string();
    assert!(message.contains(fragment), "message {message:?} should mention {fragment:?}");
    assert_eq!(fs::read(path).ok(), before, "the refused file must be byte-identical");
    // No journal or temporary file may be left beside it either.
    if let Some(parent) = path.parent().filter(|parent| parent.is_dir()) {
        for entry in fs::read_dir(parent).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            assert!(!name.ends_with("-journal") && !name.ends_with("-wal"), "left behind: {name}");
        }
    }
}

#[test]
fn a_missing_file_is_named_and_nothing_is_created() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("finnes-ikke.samvurd");
    check_refused(&path, |error| matches!(error, StoreError::NotFound { .. }), "Finner ikke fila");
    assert!(!path.exists());
}

#[test]
fn a_directory_is_refused_as_a_directory() {
    let directory = tempfile::tempdir().unwrap();
    check_refused(
        directory.path(),
        |error| matches!(error, StoreError::IsDirectory { .. }),
        "er en mappe",
    );
}

#[test]
fn an_empty_file_is_refused_as_empty() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("tom.samvurd");
    fs::write(&path, b"").unwrap();
    check_refused(&path, |error| matches!(error, StoreError::Empty { .. }), "er tom");
}

#[test]
fn random_bytes_are_refused_as_not_a_database() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("tilfeldig.samvurd");
    let bytes: Vec<u8> =
        (0..8192u32).map(|index| (index.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    fs::write(&path, bytes).unwrap();
    check_refused(
        &path,
        |error| matches!(error, StoreError::NotSqlite { .. }),
        "ikke en SQLite-database",
    );
}

#[test]
fn a_text_file_shorter_than_a_header_is_refused_as_not_a_database() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("notat.samvurd");
    fs::write(&path, "Søknad 1: 4, 5, 6\n").unwrap();
    check_refused(
        &path,
        |error| matches!(error, StoreError::NotSqlite { .. }),
        "ikke en Samvurd-rundefil",
    );
}

#[test]
fn a_truncated_round_is_refused_with_both_sizes() {
    let directory = tempfile::tempdir().unwrap();
    let (path, round) = populated_round(directory.path());
    drop(round);
    let bytes = fs::read(&path).unwrap();
    let truncated = directory.path().join("avkortet.samvurd");
    fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    check_refused(&truncated, |error| matches!(error, StoreError::Truncated { .. }), "avkortet");
}

#[test]
fn another_programs_sqlite_database_is_refused_by_name() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("annet-program.sqlite");
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection
        .execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ola');")
        .unwrap();
    drop(connection);
    check_refused(
        &path,
        |error| matches!(error, StoreError::ForeignDatabase { .. }),
        "et annet program",
    );
}

#[test]
fn a_round_from_a_newer_samvurd_is_refused_and_names_both_versions() {
    let directory = tempfile::tempdir().unwrap();
    let (path, round) = populated_round(directory.path());
    drop(round);
    let connection = rusqlite::Connection::open(&path).unwrap();
    connection.pragma_update(None, "user_version", 99).unwrap();
    drop(connection);
    check_refused(
        &path,
        |error| matches!(error, StoreError::TooNew { file_version: 99, .. }),
        "nyere versjon av Samvurd",
    );
}

#[test]
fn a_corrupted_page_is_refused_as_damaged() {
    let directory = tempfile::tempdir().unwrap();
    let (path, round) = populated_round(directory.path());
    drop(round);
    let mut bytes = fs::read(&path).unwrap();
    // Overwrite the b-tree page headers of every page after the first with garbage, keeping the
    // file's length and its database header intact.
    let page_size = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    for page in (page_size..bytes.len()).step_by(page_size) {
        for byte in &mut bytes[page..page + 12] {
            *byte = 0xA5;
        }
    }
    let damaged = directory.path().join("skadet.samvurd");
    fs::write(&damaged, bytes).unwrap();
    check_refused(&damaged, |error| matches!(error, StoreError::Corrupt { .. }), "skadet");
}

/// A copy of a real round, changed with plain SQLite the way an attacker would, its header
/// (application id, user_version) kept as ours so that it passes the byte-level probe.
fn crafted_round(directory: &Path, name: &str, sql: &str) -> PathBuf {
    let (path, round) = populated_round(directory);
    drop(round);
    let crafted = directory.join(name);
    fs::copy(&path, &crafted).unwrap();
    let connection = rusqlite::Connection::open(&crafted).unwrap();
    connection.execute_batch(sql).unwrap();
    drop(connection);
    crafted
}

/// Like `check_refused`, and also within five seconds, for both ways a round is opened.
fn check_refused_quickly(path: &Path, expected: impl Fn(&StoreError) -> bool, fragment: &str) {
    let started = std::time::Instant::now();
    check_refused(path, &expected, fragment);
    let before = fs::read(path).unwrap();
    let error = RoundFile::open_read_only(path).expect_err("refused read-only too");
    assert!(expected(&error), "unexpected error: {error:?}");
    assert_eq!(fs::read(path).unwrap(), before);
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
}

#[test]
fn a_crafted_round_with_an_endless_view_named_score_is_refused_without_running_it() {
    let directory = tempfile::tempdir().unwrap();
    let path = crafted_round(
        directory.path(),
        "rekursiv.samvurd",
        "DROP TABLE score;
         CREATE VIEW score (member, application, criterion, value, not_applicable, cleared,
             justification, revision, updated_at) AS
         WITH RECURSIVE forever(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM forever)
         SELECT 'kari', 'VV-1', 'baerekraft', 5, 0, 0, '', n, '' FROM forever;",
    );
    check_refused_quickly(
        &path,
        |error| matches!(error, StoreError::UnexpectedSchema { .. }),
        "visning «score»",
    );
}

#[test]
fn a_crafted_round_with_an_extra_trigger_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let path = crafted_round(
        directory.path(),
        "utloser.samvurd",
        "CREATE TRIGGER stjel AFTER INSERT ON score BEGIN
             UPDATE member SET name = 'overtatt';
         END;",
    );
    check_refused_quickly(
        &path,
        |error| matches!(error, StoreError::UnexpectedSchema { .. }),
        "utløser «stjel»",
    );
    assert!(path.exists());
}

#[test]
fn a_round_with_an_extra_table_or_a_changed_table_is_refused() {
    let directory = tempfile::tempdir().unwrap();
    let extra = crafted_round(directory.path(), "ekstra.samvurd", "CREATE TABLE notes (x);");
    check_refused_quickly(
        &extra,
        |error| matches!(error, StoreError::UnexpectedSchema { .. }),
        "tabell «notes»",
    );
}

#[test]
fn a_round_with_a_page_of_noise_is_refused_as_damaged_and_names_the_newest_backup() {
    let directory = tempfile::tempdir().unwrap();
    let (path, round) = populated_round(directory.path());
    let older = round.backup_beside().unwrap();
    let newest = round.backup_beside().unwrap();
    assert_ne!(older, newest);
    drop(round);
    let mut bytes = fs::read(&path).unwrap();
    let page_size = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    // The third page, every byte of it, replaced by noise.
    let mut state: u32 = 0x1234_5678;
    for byte in &mut bytes[2 * page_size..3 * page_size] {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        *byte = state.to_le_bytes()[0];
    }
    fs::write(&path, bytes).unwrap();
    let newest_name = newest.file_name().unwrap().to_string_lossy().into_owned();
    check_refused_quickly(&path, |error| matches!(error, StoreError::Corrupt { .. }), &newest_name);
}

#[test]
fn a_round_with_a_user_version_from_the_future_is_refused_quickly() {
    let directory = tempfile::tempdir().unwrap();
    let path = crafted_round(directory.path(), "fremtid.samvurd", "PRAGMA user_version = 1000;");
    check_refused_quickly(
        &path,
        |error| matches!(error, StoreError::TooNew { file_version: 1000, .. }),
        "nyere versjon av Samvurd",
    );
}

#[test]
fn backups_are_whole_files_and_only_the_last_ten_are_kept() {
    let directory = tempfile::tempdir().unwrap();
    let (path, round) = populated_round(directory.path());
    let made: Vec<PathBuf> = (0..12).map(|_| round.backup_beside().unwrap()).collect();
    let kept = samvurd_store::backups(&path);
    assert_eq!(kept, made[2..].to_vec());
    assert_eq!(samvurd_store::newest_backup(&path).as_ref(), made.last());
    for backup in &kept {
        let copy = RoundFile::open_read_only(backup).unwrap();
        assert_eq!(copy.integrity_check().unwrap(), "ok");
        assert_eq!(copy.load().unwrap().applications.len(), 1);
    }
    // No temporary file is left behind.
    for entry in fs::read_dir(directory.path()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(name.ends_with(".samvurd"), "left behind: {name}");
    }
}

#[test]
fn a_write_protected_file_opens_read_only_and_refuses_changes() {
    let directory = tempfile::tempdir().unwrap();
    let (path, round) = populated_round(directory.path());
    drop(round);
    let mut permissions = fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&path, permissions).unwrap();
    let before = fs::read(&path).unwrap();

    let mut round = RoundFile::open(&path).unwrap();
    assert_eq!(round.access(), Access::ReadOnly);
    assert_eq!(round.load().unwrap().applications.len(), 1);
    let error = round
        .apply(
            "kari",
            Change::SetScores(vec![score("kari", "VV-1", "baerekraft", ScoreValue::Value(5))]),
        )
        .unwrap_err();
    assert!(matches!(error, StoreError::ReadOnly { .. }));
    assert!(error.to_string().contains("skrivebeskyttet"), "{error}");
    drop(round);
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_round_is_one_file_with_our_application_id_and_no_wal() {
    let directory = tempfile::tempdir().unwrap();
    let (path, mut round) = populated_round(directory.path());
    round
        .apply(
            "kari",
            Change::SetScores(vec![score("kari", "VV-1", "baerekraft", ScoreValue::Value(5))]),
        )
        .unwrap();
    drop(round);
    let names: Vec<String> = fs::read_dir(directory.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["runde.samvurd".to_owned()]);
    let connection = rusqlite::Connection::open(&path).unwrap();
    let application_id: i64 =
        connection.query_row("PRAGMA application_id", [], |row| row.get(0)).unwrap();
    let journal: String =
        connection.query_row("PRAGMA journal_mode", [], |row| row.get(0)).unwrap();
    assert_eq!(application_id, i64::from(samvurd_store::APPLICATION_ID));
    assert_eq!(journal, "delete");
}

#[test]
fn creating_over_an_existing_file_is_refused_and_leaves_it_alone() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("viktig.samvurd");
    fs::write(&path, b"noe viktig").unwrap();
    let error = RoundFile::create(&path, &new_round(), "leder").unwrap_err();
    assert!(matches!(error, StoreError::AlreadyExists { .. }));
    assert_eq!(fs::read(&path).unwrap(), b"noe viktig");
}

#[test]
fn every_change_is_in_the_audit_log_with_who_and_what() {
    let directory = tempfile::tempdir().unwrap();
    let (_path, mut round) = populated_round(directory.path());
    round
        .apply(
            "kari",
            Change::SetScores(vec![score("kari", "VV-1", "baerekraft", ScoreValue::Value(6))]),
        )
        .unwrap();
    round
        .apply(
            "kari",
            Change::DeclareRecusals(vec![Recusal {
                member: MemberId::from("kari"),
                application: ApplicationRef::from("VV-1"),
                reason: "Nær familie i prosjektgruppa".into(),
            }]),
        )
        .unwrap();
    let log: Vec<(String, String)> =
        round.audit_log().unwrap().into_iter().map(|entry| (entry.actor, entry.action)).collect();
    let expected = [
        ("leder", "create_round"),
        ("leder", "add_member"),
        ("leder", "add_applications"),
        ("kari", "set_scores"),
        ("kari", "declare_recusals"),
    ];
    assert_eq!(log, expected.map(|(actor, action)| (actor.to_owned(), action.to_owned())));
}

#[test]
fn the_audit_log_cannot_be_rewritten_even_with_sql() {
    let directory = tempfile::tempdir().unwrap();
    let (path, round) = populated_round(directory.path());
    drop(round);
    let connection = rusqlite::Connection::open(&path).unwrap();
    assert!(connection.execute("DELETE FROM audit_log", []).is_err());
    assert!(connection.execute("UPDATE audit_log SET actor = 'noen'", []).is_err());
}

#[test]
fn a_bad_score_is_refused_and_nothing_of_its_change_is_written() {
    let directory = tempfile::tempdir().unwrap();
    let (path, mut round) = populated_round(directory.path());
    let before = fs::read(&path).unwrap();
    let cases = [
        (score("kari", "VV-1", "baerekraft", ScoreValue::Value(8)), "utenfor skalaen 1–7"),
        (score("kari", "VV-1", "baerekraft", ScoreValue::NotApplicable), "ikke tillatt"),
        (score("ola", "VV-1", "baerekraft", ScoreValue::Value(4)), "Medlemmet «ola» finnes ikke"),
        (score("kari", "VV-9", "baerekraft", ScoreValue::Value(4)), "Søknad «VV-9» finnes ikke"),
        (score("kari", "VV-1", "pris", ScoreValue::Value(4)), "Kriteriet «pris» finnes ikke"),
    ];
    for (bad, fragment) in cases {
        // A good score first in the same change: it must not land either.
        let good = score("kari", "VV-1", "samiske-pasienter", ScoreValue::NotApplicable);
        let error = round.apply("kari", Change::SetScores(vec![good, bad])).unwrap_err();
        assert!(error.to_string().contains(fragment), "{error} should mention {fragment}");
    }
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(round.scores().unwrap().is_empty());
}

#[test]
fn a_cleared_score_disappears_from_the_round_but_stays_as_a_tombstone() {
    let directory = tempfile::tempdir().unwrap();
    let (path, mut round) = populated_round(directory.path());
    round
        .apply(
            "kari",
            Change::SetScores(vec![score("kari", "VV-1", "baerekraft", ScoreValue::Value(3))]),
        )
        .unwrap();
    round
        .apply(
            "kari",
            Change::SetScores(vec![score("kari", "VV-1", "baerekraft", ScoreValue::Value(4))]),
        )
        .unwrap();
    round
        .apply(
            "kari",
            Change::ClearScore {
                member: MemberId::from("kari"),
                application: ApplicationRef::from("VV-1"),
                criterion: CriterionId::from("baerekraft"),
            },
        )
        .unwrap();
    assert!(round.scores().unwrap().is_empty());
    drop(round);
    let connection = rusqlite::Connection::open(&path).unwrap();
    let (revision, cleared): (i64, bool) = connection
        .query_row("SELECT revision, cleared FROM score", [], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap();
    assert_eq!((revision, cleared), (3, true));
}

#[test]
fn a_round_reads_back_exactly_as_it_was_written() {
    let directory = tempfile::tempdir().unwrap();
    let (_path, mut round) = populated_round(directory.path());
    let scores = vec![
        score("kari", "VV-1", "baerekraft", ScoreValue::Value(7)),
        score("kari", "VV-1", "samiske-pasienter", ScoreValue::NotApplicable),
    ];
    round.apply("kari", Change::SetScores(scores.clone())).unwrap();
    let loaded = round.load().unwrap();
    assert_eq!(loaded.info.title, "Tilskudd 2026");
    assert_eq!(loaded.info.budget_frame, Money::from_kroner(20_500_000));
    assert_eq!(loaded.info.scale, Scale::default());
    assert_eq!(loaded.criteria, new_round().criteria);
    assert_eq!(loaded.members, vec![member("kari")]);
    assert_eq!(loaded.applications, vec![application("VV-1")]);
    assert_eq!(loaded.scores, scores);
}

#[test]
fn a_locked_round_takes_no_change_until_the_chair_unlocks_it_with_a_reason() {
    let directory = tempfile::tempdir().unwrap();
    let (path, mut round) = populated_round(directory.path());
    let empty_reason = round.apply("leder", Change::LockRound { reason: "  ".into() });
    assert!(matches!(empty_reason, Err(StoreError::Refused(_))), "{empty_reason:?}");
    // VV-1 has no scores, so it is below quorum: the meeting must record the group's view first.
    let missing = round.apply("leder", Change::LockRound { reason: "SSU vedtok".into() });
    assert!(
        matches!(&missing, Err(StoreError::Refused(message)) if message.contains("VV-1: mangler gruppens vurdering")),
        "{missing:?}"
    );
    round
        .apply(
            "leder",
            Change::SetConsensus(samvurd_core::Consensus {
                application: ApplicationRef::from("VV-1"),
                assessment: "Gruppen tar søknaden opp igjen i neste runde.".into(),
                majority: String::new(),
                minority: String::new(),
                minority_members: Vec::new(),
            }),
        )
        .unwrap();
    round
        .apply("leder", Change::LockRound { reason: "SSU vedtok fordelingen 12.12.2026".into() })
        .unwrap();
    let lock = round.lock().unwrap().expect("the round is locked");
    assert_eq!(lock.locked_by, "leder");
    assert_eq!(lock.reason, "SSU vedtok fordelingen 12.12.2026");

    let before = fs::read(&path).unwrap();
    let changes = [
        Change::SetScores(vec![score("kari", "VV-1", "baerekraft", ScoreValue::Value(3))]),
        Change::AddMember(member("ola")),
        Change::ClearRecommendation(ApplicationRef::from("VV-1")),
        Change::LockRound { reason: "igjen".into() },
    ];
    for change in changes {
        let error = round.apply("leder", change).unwrap_err();
        assert!(matches!(error, StoreError::RoundLocked { .. }), "{error:?}");
        assert!(error.to_string().contains("Runden er låst"), "{error}");
        assert!(error.to_string().contains("SSU vedtok fordelingen"), "{error}");
    }
    assert_eq!(fs::read(&path).unwrap(), before, "a refused change leaves the file as it was");

    let no_reason = round.apply("leder", Change::UnlockRound { reason: String::new() });
    assert!(matches!(no_reason, Err(StoreError::Refused(_))), "{no_reason:?}");
    round.apply("leder", Change::UnlockRound { reason: "Feil beløp på S-1".into() }).unwrap();
    assert!(round.lock().unwrap().is_none());
    round
        .apply(
            "leder",
            Change::SetScores(vec![score("kari", "VV-1", "baerekraft", ScoreValue::Value(3))]),
        )
        .unwrap();
    let actions: Vec<String> =
        round.audit_log().unwrap().into_iter().map(|entry| entry.action).collect();
    let tail = &actions[actions.len() - 3..];
    assert_eq!(tail, ["lock_round", "unlock_round", "set_scores"]);
    let again = round.apply("leder", Change::UnlockRound { reason: "igjen".into() });
    assert!(matches!(again, Err(StoreError::Refused(_))), "{again:?}");
}

#[test]
fn the_store_itself_refuses_options_and_recommendations_that_break_the_cores_rules() {
    let directory = tempfile::tempdir().unwrap();
    let (path, mut round) = populated_round(directory.path());
    let refused = |round: &mut RoundFile, change: Change, fragment: &str| {
        let before = fs::read(&path).unwrap();
        let log = round.audit_log().unwrap().len();
        let error = round.apply("leder", change).unwrap_err();
        assert!(matches!(error, StoreError::Refused(_)), "{error:?}");
        assert!(error.to_string().contains(fragment), "{error}");
        assert_eq!(fs::read(&path).unwrap(), before, "a refused change writes nothing");
        assert_eq!(round.audit_log().unwrap().len(), log);
    };
    let options = |change: fn(&mut samvurd_core::RoundOptions)| {
        let mut options = samvurd_core::RoundOptions::default();
        change(&mut options);
        Change::SetOptions(options)
    };
    refused(
        &mut round,
        options(|options| options.total_threshold = Some(Decimal::from(8))),
        "Minste totalskår (8) må ligge på skalaen, fra 1 til 7.",
    );
    refused(
        &mut round,
        options(|options| options.partial_funding_min_share = Some(Decimal::new(15, 1))),
        "høyst 1",
    );
    refused(
        &mut round,
        options(|options| {
            options.criterion_thresholds = vec![(CriterionId::from("ukjent"), Decimal::from(3))];
        }),
        "Kriteriet «ukjent» finnes ikke i runden.",
    );
    refused(
        &mut round,
        Change::SetRecommendation(samvurd_core::ChairRecommendation {
            application: ApplicationRef::from("VV-1"),
            outcome: samvurd_core::Outcome::PartlyGranted,
            amount: Money::from_kroner(1_500_000),
            justification: "Mer enn omsøkt.".into(),
        }),
        "er mer enn omsøkt",
    );
    round
        .apply("leder", options(|options| options.total_threshold = Some(Decimal::new(45, 1))))
        .unwrap();
    assert_eq!(round.options().unwrap().total_threshold, Some(Decimal::new(45, 1)));
}

#[test]
fn a_justification_without_a_score_is_a_draft_that_is_exported_and_merged_but_never_counted() {
    let directory = tempfile::tempdir().unwrap();
    let (path, round) = populated_round(directory.path());
    drop(round);
    let copy_path = directory.path().join("kopi.samvurd");
    fs::copy(&path, &copy_path).unwrap();
    let mut copy = RoundFile::open(&copy_path).unwrap();
    let draft = |justification: &str| Change::SetDraft {
        member: MemberId::from("kari"),
        application: ApplicationRef::from("VV-1"),
        criterion: CriterionId::from("baerekraft"),
        justification: justification.into(),
    };
    copy.apply("kari", draft("Venter på tall fra kommunen.")).unwrap();
    assert!(copy.load().unwrap().scores.is_empty(), "a draft is no score");
    assert_eq!(copy.live_score_count().unwrap(), 0, "a draft locks no weights");
    assert_eq!(copy.drafts().unwrap()[0].3, "Venter på tall fra kommunen.");
    assert!(copy.apply("kari", draft(" ")).is_err(), "a draft needs a justification");

    let file = copy.export_score_file("kari", "test", None).unwrap();
    assert_eq!(file.body.scores.len(), 1);
    assert!(file.body.scores[0].cleared && file.body.scores[0].value.is_none());
    let mut master = RoundFile::open(&path).unwrap();
    let plan = master.plan_merge(file, "kari.json", true).unwrap();
    master.apply_merge("leder", &plan, "kari.json").unwrap();
    assert_eq!(master.drafts().unwrap(), copy.drafts().unwrap());
    assert!(master.load().unwrap().scores.is_empty());

    // The score given later keeps the justification; a draft on a scored criterion changes only
    // the justification.
    copy.apply(
        "kari",
        Change::SetScores(vec![score("kari", "VV-1", "baerekraft", ScoreValue::Value(6))]),
    )
    .unwrap();
    copy.apply("kari", draft("Ny begrunnelse.")).unwrap();
    let scores = copy.load().unwrap().scores;
    assert_eq!(scores[0].value, ScoreValue::Value(6));
    assert_eq!(scores[0].justification, "Ny begrunnelse.");
    assert!(copy.drafts().unwrap().is_empty());
}

#[test]
fn clearing_a_draft_removes_its_justification() {
    let directory = tempfile::tempdir().unwrap();
    let (_path, mut round) = populated_round(directory.path());
    round
        .apply(
            "kari",
            Change::SetDraft {
                member: MemberId::from("kari"),
                application: ApplicationRef::from("VV-1"),
                criterion: CriterionId::from("baerekraft"),
                justification: "Utkast.".into(),
            },
        )
        .unwrap();
    round
        .apply(
            "kari",
            Change::ClearScore {
                member: MemberId::from("kari"),
                application: ApplicationRef::from("VV-1"),
                criterion: CriterionId::from("baerekraft"),
            },
        )
        .unwrap();
    assert!(round.drafts().unwrap().is_empty());
}

#[test]
fn a_member_can_be_corrected_and_a_score_file_made_under_the_old_name_still_merges() {
    let directory = tempfile::tempdir().unwrap();
    let (_, mut round) = populated_round(directory.path());
    round
        .apply(
            "kari",
            Change::SetScores(vec![score("kari", "VV-1", "baerekraft", ScoreValue::Value(5))]),
        )
        .unwrap();
    // Kari's copy exports under the name the chair first typed.
    let file = round.export_score_file("kari", "kari", None).unwrap();
    let typo = file.body.member.name.clone();

    let corrected = Member { name: "Kari Nordmann".into(), ..member("kari") };
    round.apply("leder", Change::UpdateMember(corrected)).unwrap();
    assert_eq!(round.members().unwrap()[0].name, "Kari Nordmann");
    let log = round.audit_log().unwrap();
    let entry = log.iter().find(|entry| entry.action == "update_member").unwrap();
    assert!(entry.detail.contains(&format!("\"previous_name\":\"{typo}\"")), "{}", entry.detail);

    // The old name is the member's former name, not someone else's: the file is accepted.
    round.plan_merge(file.clone(), "kari.json", true).unwrap();
    // A name the member never had is still refused.
    let mut forged = file;
    forged.body.member.name = "Ola Hansen".into();
    let refused = round.plan_merge(forged, "kari.json", true).unwrap_err().to_string();
    assert!(refused.contains("Ola Hansen"), "{refused}");

    // Two members may not end up with one name.
    round.apply("leder", Change::AddMember(member("ola"))).unwrap();
    let clash = Member { name: "kari nordmann".into(), ..member("ola") };
    assert!(round.apply("leder", Change::UpdateMember(clash)).is_err());
}

#[test]
fn a_member_is_removed_only_while_they_have_nothing_in_the_round() {
    let directory = tempfile::tempdir().unwrap();
    let (_, mut round) = populated_round(directory.path());
    round.apply("leder", Change::AddMember(member("ola"))).unwrap();
    round
        .apply(
            "kari",
            Change::SetScores(vec![score("kari", "VV-1", "baerekraft", ScoreValue::Value(5))]),
        )
        .unwrap();
    let refused = round.apply("leder", Change::RemoveMember(MemberId::from("kari"))).unwrap_err();
    assert!(refused.to_string().contains("kan ikke fjernes"), "{refused}");
    round.apply("leder", Change::RemoveMember(MemberId::from("ola"))).unwrap();
    let ids: Vec<String> = round.members().unwrap().into_iter().map(|member| member.id.0).collect();
    assert_eq!(ids, ["kari"]);
}

#[test]
fn a_withdrawn_recusal_is_gone_from_the_round_and_stays_a_tombstone_for_the_merge() {
    let directory = tempfile::tempdir().unwrap();
    let (_, mut round) = populated_round(directory.path());
    let recusal = Recusal {
        member: MemberId::from("kari"),
        application: ApplicationRef::from("VV-1"),
        reason: "Jeg leder prosjektet.".into(),
    };
    round.apply("kari", Change::DeclareRecusals(vec![recusal])).unwrap();
    assert_eq!(round.load().unwrap().recusals.len(), 1);
    let withdraw = Change::WithdrawRecusal {
        member: MemberId::from("kari"),
        application: ApplicationRef::from("VV-1"),
    };
    round.apply("kari", withdraw.clone()).unwrap();
    assert!(round.load().unwrap().recusals.is_empty());
    let records = round.recusal_records().unwrap();
    assert_eq!(records.len(), 1, "the tombstone stays");
    // Twice is refused: there is nothing left to take back.
    assert!(round.apply("kari", withdraw).is_err());
}

/// Last year's grant «VV-1», continuing into 2028.
fn continued_grant() -> samvurd_core::continuation::ContinuedGrant {
    samvurd_core::continuation::ContinuedGrant {
        reference: ApplicationRef::from("VV-1"),
        title: "Felles inntaksteam".into(),
        applicant: "Vestre Viken HF".into(),
        outcome: samvurd_core::Outcome::PartlyGranted,
        granted: Money::from_kroner(600_000),
        period_start: None,
        period_end: chrono::NaiveDate::from_ymd_opt(2028, 1, 31),
        reports: None,
    }
}

fn link_previous_round() -> Change {
    Change::LinkPreviousRound {
        previous: samvurd_core::continuation::PreviousRound {
            round_id: "gammel-runde".into(),
            title: "Tilskudd 2026".into(),
            file_name: "runde-2026.samvurd".into(),
            year: 2028,
        },
        reporting_rules: None,
        candidates: vec![continued_grant()],
    }
}

#[test]
fn a_next_round_is_made_whole_or_not_at_all_and_its_link_is_set_once_before_any_application() {
    let directory = tempfile::tempdir().unwrap();
    // A change that is refused while the round is made: nothing is left at the path.
    let path = directory.path().join("ny.samvurd");
    let bad = Change::AddMember(Member { id: MemberId::from("Ugyldig ID"), ..member("x") });
    let error =
        RoundFile::create_with(&path, &new_round(), "leder", vec![link_previous_round(), bad])
            .unwrap_err();
    assert!(error.to_string().contains("Medlems-ID-en"), "{error}");
    assert!(!path.exists(), "no half-made round");
    assert_eq!(fs::read_dir(directory.path()).unwrap().count(), 0, "no temporary file left");

    let mut round =
        RoundFile::create_with(&path, &new_round(), "leder", vec![link_previous_round()]).unwrap();
    let continuations = round.continuations().unwrap();
    assert_eq!(continuations.previous.as_ref().unwrap().file_name, "runde-2026.samvurd");
    assert_eq!(continuations.candidates, vec![continued_grant()]);
    let again = round.apply("leder", link_previous_round()).unwrap_err();
    assert!(again.to_string().contains("allerede laget fra en tidligere runde"), "{again}");

    // Applications are marked as they are added: by reference, by title, or not at all.
    let by_title =
        Application { title: "  felles   INNTAKSTEAM ".into(), ..application("VV-2027-5") };
    let by_reference = Application { title: "Noe annet".into(), ..application("vv-1") };
    round
        .apply(
            "leder",
            Change::AddApplications(vec![application("VV-2027-6"), by_title, by_reference]),
        )
        .unwrap();
    let links = round.continuations().unwrap().links;
    let found: Vec<(&str, &str)> =
        links.iter().map(|link| (link.application.as_str(), link.matched_by.as_str())).collect();
    assert_eq!(found, [("VV-2027-5", "title"), ("vv-1", "reference")]);
    let kinds: Vec<samvurd_core::ApplicationKind> =
        round.applications().unwrap().iter().map(|application| application.kind).collect();
    use samvurd_core::ApplicationKind::{Continuation, New};
    assert_eq!(kinds, [New, Continuation, Continuation]);
    let log = round.audit_log().unwrap();
    let added = log.iter().rfind(|entry| entry.action == "add_applications").unwrap();
    assert!(added.detail.contains("\"continuations\""), "{}", added.detail);
    assert!(log.iter().any(|entry| entry.action == "link_previous_round"));

    // Once the round has applications, the link cannot be set.
    let other = directory.path().join("annen.samvurd");
    let mut plain = RoundFile::create(&other, &new_round(), "leder").unwrap();
    plain.apply("leder", Change::AddApplications(vec![application("A-1")])).unwrap();
    let late = plain.apply("leder", link_previous_round()).unwrap_err();
    assert!(late.to_string().contains("før den har søknader"), "{late}");
}
