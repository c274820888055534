//! The chair's merge of members' score files: the refusal corpus in `tests/data/merge/`, and
//! property tests that merging never depends on order, repetition or batching.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use samvurd_app::{MergeStatus, OpenRound};
use samvurd_core::{ApplicationRef, CriterionId, MemberId, Recusal, Score, ScoreValue};
use samvurd_store::score_file::{RubricCriterion, ScoreFile};
use samvurd_store::{Change, RoundFile};
use samvurd_tests::{create_round, data_dir};
use sha2::{Digest, Sha256};

fn corpus(name: &str) -> PathBuf {
    data_dir().join("merge").join(name)
}

fn sha256(path: &Path) -> Vec<u8> {
    Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

/// A temporary directory on a RAM disk where there is one: the property tests write many small
/// round files, and every commit is an fsync.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir() { tempfile::tempdir_in(shm).unwrap() } else { tempfile::tempdir().unwrap() }
}

fn score(member: &str, application: &str, criterion: &str, value: ScoreValue) -> Score {
    Score {
        member: MemberId::from(member),
        application: ApplicationRef::from(application),
        criterion: CriterionId::from(criterion),
        value,
        justification: format!("{member} om {application}"),
    }
}

/// The refusal corpus: each file, and a fragment of the message it must be refused with.
const REFUSALS: &[(&str, &str)] = &[
    ("annen-runde.json", "hører til en annen søknadsrunde"),
    ("rubrikk-kriterium-lagt-til.json", "fila har kriterier runden ikke har (pris)"),
    ("rubrikk-kriterium-fjernet.json", "fila mangler kriterier runden har (spredning)"),
    ("rubrikk-ny-skala.json", "skalaen er 0–5 i fila, men 1–7 i runden"),
    ("annet-medlems-oppforing.json", "inneholder en oppføring for «m02»"),
    ("feil-kontrollsum.json", "Kontrollsummen i skårfila"),
    ("avkortet.json", "er avkortet"),
    ("skadet.json", "ikke en lesbar skårfil"),
    ("nyere-versjon.json", "nyere versjon av Samvurd"),
    ("utenfor-skalaen.json", "har skåren 9"),
    ("ikke-relevant-ikke-tillatt.json", "kriteriet tillater ikke det"),
    ("ukjent-soknad.json", "søknad A-0099, som ikke finnes"),
    ("ukjent-medlem.json", "som ikke er medlem i runden"),
];

#[test]
fn every_file_in_the_refusal_corpus_is_refused_with_its_own_message_and_the_master_unchanged() {
    let directory = scratch();
    let master = directory.path().join("master.samvurd");
    std::fs::copy(corpus("master.samvurd"), &master).unwrap();
    // Opening may migrate an older corpus file to the current schema; that is the baseline.
    let mut round = OpenRound::open(&master).unwrap();
    let before = sha256(&master);
    let mut messages = Vec::new();
    for (file, fragment) in REFUSALS {
        for dry_run in [true, false] {
            let report =
                round.merge_files("leder", &[corpus(file).as_path()], dry_run, true).unwrap();
            let outcome = &report.files[0];
            assert_eq!(outcome.status, MergeStatus::Refused, "{file} should be refused");
            let reason = outcome.reason.as_deref().unwrap();
            assert!(reason.contains(fragment), "{file}: «{reason}» should say «{fragment}»");
            assert!(report.backup.is_none(), "{file}: nothing to back up when nothing changes");
            messages.push(reason.to_owned());
        }
        assert_eq!(sha256(&master), before, "{file}: the master must be byte-identical");
    }
    messages.dedup();
    assert_eq!(messages.len(), REFUSALS.len(), "each refusal has its own message");
    // Only the master itself is in the directory: no backup, no journal.
    assert_eq!(std::fs::read_dir(directory.path()).unwrap().count(), 1);
}

#[test]
fn a_valid_file_merges_and_a_score_on_an_application_the_member_is_recused_from_is_kept_out() {
    let directory = scratch();
    let master = directory.path().join("master.samvurd");
    std::fs::copy(corpus("master.samvurd"), &master).unwrap();
    let mut round = OpenRound::open(&master).unwrap();
    let report = round
        .merge_files("leder", &[corpus("inhabil-men-skaaret.json").as_path()], false, true)
        .unwrap();
    let outcome = &report.files[0];
    assert_eq!(outcome.status, MergeStatus::Merged, "{outcome:?}");
    let counts = outcome.counts.as_ref().unwrap();
    assert_eq!(counts.scores_on_recused_applications, 5);
    assert!(Path::new(report.backup.as_deref().unwrap()).exists(), "backed up before the change");
    let results = round.results().unwrap();
    let recused =
        results.applications.iter().find(|application| application.reference == "A-0001").unwrap();
    assert_eq!(recused.scores_counted, 0);
    assert!(recused.criteria.iter().all(|criterion| criterion.recused_excluded == 1));
    let log = round.audit_log().unwrap();
    let entry = log.last().unwrap();
    assert_eq!(entry.action, "merge_score_file");
    assert!(entry.detail.contains("inhabil-men-skaaret.json") && entry.detail.contains("sha256:"));
    assert!(entry.detail.contains("usignert"), "{}", entry.detail);
}

#[test]
fn an_unsigned_version_one_file_is_refused_until_the_chair_confirms_it() {
    let directory = scratch();
    let master = directory.path().join("master.samvurd");
    std::fs::copy(corpus("master.samvurd"), &master).unwrap();
    let mut round = OpenRound::open(&master).unwrap();
    let before = sha256(&master);
    let file = corpus("inhabil-men-skaaret.json");
    let report = round.merge_files("leder", &[file.as_path()], false, false).unwrap();
    let reason = report.files[0].reason.as_deref().unwrap();
    assert!(reason.contains("ikke signert") && reason.contains("--godta-usignert"), "{reason}");
    assert_eq!(sha256(&master), before);
    let report = round.merge_files("leder", &[file.as_path()], true, true).unwrap();
    assert_eq!(report.files[0].signature, Some(samvurd_store::KeyTrust::Unsigned));
}

/// Rebuilds `tests/data/merge/`: a master round and one score file per refusal. Run by hand with
/// `cargo test -p samvurd-tests --test integration regenerate_the_merge_corpus -- --ignored`
/// when the score file format changes; the committed files are what the tests read.
#[test]
#[ignore = "regenerates the committed corpus"]
fn regenerate_the_merge_corpus() {
    let out = data_dir().join("merge");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let master_path = out.join("master.samvurd");
    drop(create_round(&master_path, 3, 4));

    // A member's copy, scored and exported.
    let work = tempfile::tempdir().unwrap();
    let copy = work.path().join("m01.samvurd");
    std::fs::copy(&master_path, &copy).unwrap();
    let mut member_round = RoundFile::open(&copy).unwrap();
    let criteria = ["baerekraft", "beon", "samiske-pasienter", "minste-sykehus", "spredning"];
    let scores = criteria
        .iter()
        .map(|criterion| score("m01", "A-0002", criterion, ScoreValue::Value(5)))
        .collect();
    member_round.apply("m01", Change::SetScores(scores)).unwrap();
    let valid = member_round.export_score_file("m01", "regenerate_the_merge_corpus", None).unwrap();

    let write =
        |name: &str, file: &ScoreFile| std::fs::write(out.join(name), file.to_bytes()).unwrap();
    let reseal = |change: &dyn Fn(&mut samvurd_store::score_file::ScoreFileBody)| {
        let mut body = valid.body.clone();
        change(&mut body);
        ScoreFile::seal(body)
    };

    // Another round with the same rubric.
    let other_path = work.path().join("annen.samvurd");
    let mut other = create_round(&other_path, 3, 4);
    other
        .apply("m01", Change::SetScores(vec![score("m01", "A-0001", "beon", ScoreValue::Value(4))]))
        .unwrap();
    write(
        "annen-runde.json",
        &other.export_score_file("m01", "regenerate_the_merge_corpus", None).unwrap(),
    );

    let rubric_with = |scale: (i32, i32), add: Option<&str>, remove: Option<&str>| {
        let mut criteria: Vec<RubricCriterion> = valid
            .body
            .rubric
            .criteria
            .iter()
            .filter(|criterion| Some(criterion.id.as_str()) != remove)
            .cloned()
            .collect();
        if let Some(id) = add {
            criteria.push(RubricCriterion { id: id.to_owned(), allow_not_applicable: false });
        }
        samvurd_store::score_file::Rubric::new(scale.0, scale.1, criteria)
    };
    write(
        "rubrikk-kriterium-lagt-til.json",
        &reseal(&|body| body.rubric = rubric_with((1, 7), Some("pris"), None)),
    );
    write(
        "rubrikk-kriterium-fjernet.json",
        &reseal(&|body| {
            body.rubric = rubric_with((1, 7), None, Some("spredning"));
            body.scores.retain(|record| record.criterion != "spredning");
        }),
    );
    write("rubrikk-ny-skala.json", &reseal(&|body| body.rubric = rubric_with((0, 5), None, None)));
    write(
        "annet-medlems-oppforing.json",
        &reseal(&|body| body.scores[0].member = "m02".to_owned()),
    );
    let mut tampered = valid.clone();
    tampered.body.scores[0].value = Some(7);
    write("feil-kontrollsum.json", &tampered);
    let bytes = valid.to_bytes();
    std::fs::write(out.join("avkortet.json"), &bytes[..bytes.len() * 2 / 3]).unwrap();
    std::fs::write(
        out.join("skadet.json"),
        b"{\"format\": \"samvurd-score-file\", \x00\x13\xfe garbage",
    )
    .unwrap();
    write("nyere-versjon.json", &reseal(&|body| body.version = 3));
    write("utenfor-skalaen.json", &reseal(&|body| body.scores[0].value = Some(9)));
    write(
        "ikke-relevant-ikke-tillatt.json",
        &reseal(&|body| {
            let record =
                body.scores.iter_mut().find(|record| record.criterion == "baerekraft").unwrap();
            record.value = None;
            record.not_applicable = true;
        }),
    );
    write("ukjent-soknad.json", &reseal(&|body| body.scores[0].application = "A-0099".to_owned()));
    write(
        "ukjent-medlem.json",
        &reseal(&|body| {
            body.member.id = "m09".to_owned();
            body.member.name = "Medlem 9".to_owned();
            for record in &mut body.scores {
                record.member = "m09".to_owned();
            }
        }),
    );

    // Accepted: a member who scored an application and then declared a conflict of interest.
    let scores = criteria
        .iter()
        .map(|criterion| score("m01", "A-0001", criterion, ScoreValue::Value(6)))
        .collect();
    member_round.apply("m01", Change::SetScores(scores)).unwrap();
    member_round
        .apply(
            "m01",
            Change::DeclareRecusals(vec![Recusal {
                member: MemberId::from("m01"),
                application: ApplicationRef::from("A-0001"),
                reason: "Søsteren leder prosjektet".to_owned(),
            }]),
        )
        .unwrap();
    write(
        "inhabil-men-skaaret.json",
        &member_round.export_score_file("m01", "regenerate_the_merge_corpus", None).unwrap(),
    );
}

/// What a member does in one of their copies of the round.
#[derive(Debug, Clone)]
enum Edit {
    /// `None` is *ikke relevant* where the criterion allows it, else the lowest score.
    Set {
        application: usize,
        criterion: usize,
        value: Option<i32>,
    },
    Clear {
        application: usize,
        criterion: usize,
    },
    Recuse {
        application: usize,
    },
    /// Send the chair a score file from this copy now (every copy's last state is always sent
    /// at the end too).
    Export,
}

const CRITERIA: [&str; 5] =
    ["baerekraft", "beon", "samiske-pasienter", "minste-sykehus", "spredning"];
const APPLICATIONS: usize = 3;
/// How many copies one member may work in (a re-sent copy, a second laptop).
const COPIES: usize = 3;

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        6 => (0..APPLICATIONS, 0..CRITERIA.len(), proptest::option::weighted(0.85, 1..=7))
            .prop_map(|(application, criterion, value)| Edit::Set { application, criterion, value }),
        1 => (0..APPLICATIONS, 0..CRITERIA.len())
            .prop_map(|(application, criterion)| Edit::Clear { application, criterion }),
        1 => (0..APPLICATIONS).prop_map(|application| Edit::Recuse { application }),
        2 => Just(Edit::Export),
    ]
}

/// A record's key within one member: a score (application, criterion) or a recusal.
type RecordKey = (usize, Option<usize>);

/// Plays one member's edits, each in one of their copies, in the order given (an
/// interleaving). Returns the score files sent, oldest first, each copy, and for every record
/// the copy that made its newest edit.
fn play_member(
    master: &Path,
    directory: &Path,
    member: usize,
    edits: &[(usize, Edit)],
) -> (Vec<PathBuf>, Vec<PathBuf>, std::collections::BTreeMap<RecordKey, usize>) {
    let member_id = format!("m{:02}", member + 1);
    let key = samvurd_store::signing::MemberKey::from_secret_bytes(
        &[u8::try_from(member).unwrap() + 1; 32],
    );
    let copies: Vec<PathBuf> =
        (0..COPIES).map(|copy| directory.join(format!("{member_id}-{copy}.samvurd"))).collect();
    let mut rounds: Vec<RoundFile> = copies
        .iter()
        .map(|path| {
            std::fs::copy(master, path).unwrap();
            RoundFile::open(path).unwrap()
        })
        .collect();
    let mut sent = Vec::new();
    let mut newest = std::collections::BTreeMap::new();
    let export = |round: &RoundFile, sent: &mut Vec<PathBuf>| {
        let path = directory.join(format!("{member_id}-{}.json", sent.len()));
        let file = round.export_score_file(&member_id, "proptest", Some(&key)).unwrap();
        std::fs::write(&path, file.to_bytes()).unwrap();
        sent.push(path);
    };
    let mut last_copy = None;
    for (copy, edit) in edits {
        let round = &mut rounds[*copy];
        let application = |index: usize| format!("A-{:04}", index + 1);
        let (change, key) = match edit {
            Edit::Set { application: index, criterion, value } => {
                let value = match value {
                    Some(value) => ScoreValue::Value(*value),
                    None if matches!(*criterion, 2 | 3) => ScoreValue::NotApplicable,
                    None => ScoreValue::Value(1),
                };
                let change = Change::SetScores(vec![score(
                    &member_id,
                    &application(*index),
                    CRITERIA[*criterion],
                    value,
                )]);
                (change, (*index, Some(*criterion)))
            }
            Edit::Clear { application: index, criterion } => {
                let change = Change::ClearScore {
                    member: MemberId(member_id.clone()),
                    application: ApplicationRef(application(*index)),
                    criterion: CriterionId::from(CRITERIA[*criterion]),
                };
                (change, (*index, Some(*criterion)))
            }
            Edit::Recuse { application: index } => {
                let change = Change::DeclareRecusals(vec![Recusal {
                    member: MemberId(member_id.clone()),
                    application: ApplicationRef(application(*index)),
                    reason: "Inhabil".to_owned(),
                }]);
                (change, (*index, None))
            }
            Edit::Export => {
                export(round, &mut sent);
                continue;
            }
        };
        // Edits in different copies happen at different moments: the machines' clocks are
        // what orders them, and a millisecond is the clock's step.
        if last_copy.is_some_and(|last| last != *copy) {
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        last_copy = Some(*copy);
        if round.apply(&member_id, change).unwrap().records > 0 {
            newest.insert(key, *copy);
        }
    }
    for round in &rounds {
        export(round, &mut sent);
    }
    (sent, copies, newest)
}

/// Merges `batches` (each one `merge_files` call) into a fresh copy of the master; returns the
/// results JSON and the score table.
fn merge_into_copy(master: &Path, target: &Path, batches: &[Vec<&Path>]) -> (String, String) {
    std::fs::copy(master, target).unwrap();
    let mut round = OpenRound::open(target).unwrap();
    for batch in batches {
        let report = round.merge_files("leder", batch, false, false).unwrap();
        assert_eq!(report.refused(), 0, "{report:?}");
    }
    let results = serde_json::to_string_pretty(&round.results().unwrap()).unwrap();
    let file = RoundFile::open(target).unwrap();
    let table =
        format!("{:?}\n{:?}", file.score_records().unwrap(), file.recusal_records().unwrap());
    (results, table)
}

fn member_edits() -> impl Strategy<Value = Vec<(usize, Edit)>> {
    (1..=COPIES).prop_flat_map(|copies| proptest::collection::vec((0..copies, edit()), 0..12))
}

proptest! {
    // PROPTEST_CASES sets the number of cases: 256 in `cargo xtask test`, 10 000 in the bench.
    #![proptest_config(ProptestConfig { max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn merging_files_from_several_copies_per_member_in_any_order_keeps_each_records_newest_edit(
        edits in proptest::collection::vec(member_edits(), 1..=3),
        extra in proptest::collection::vec(any::<prop::sample::Index>(), 0..6),
        order_seed in any::<u64>(),
        split in any::<prop::sample::Index>(),
    ) {
        let directory = scratch();
        let master = directory.path().join("master.samvurd");
        drop(create_round(&master, 3, APPLICATIONS));
        let mut files = Vec::new();
        let mut members = Vec::new();
        for (member, member_edits) in edits.iter().enumerate() {
            let (sent, copies, newest) = play_member(&master, directory.path(), member, member_edits);
            files.extend(sent);
            members.push((copies, newest));
        }

        // Reference: every file once, in the order sent, in one call.
        let in_order: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        let (results, table) = merge_into_copy(&master, &directory.path().join("a.samvurd"), std::slice::from_ref(&in_order));

        // The same files and some again, shuffled, in two calls.
        let mut shuffled: Vec<&Path> = in_order.clone();
        shuffled.extend(extra.iter().map(|index| in_order[index.index(in_order.len())]));
        let mut state = order_seed | 1;
        for index in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(index, (state % (index as u64 + 1)) as usize);
        }
        let cut = split.index(shuffled.len() + 1);
        let batches = vec![shuffled[..cut].to_vec(), shuffled[cut..].to_vec()];
        let (shuffled_results, shuffled_table) =
            merge_into_copy(&master, &directory.path().join("b.samvurd"), &batches);
        prop_assert_eq!(&shuffled_results, &results);
        prop_assert_eq!(&shuffled_table, &table);

        // Newest first, each file in a call of its own, everything twice.
        let reversed: Vec<Vec<&Path>> =
            in_order.iter().rev().chain(in_order.iter()).map(|path| vec![*path]).collect();
        let (reversed_results, reversed_table) =
            merge_into_copy(&master, &directory.path().join("c.samvurd"), &reversed);
        prop_assert_eq!(&reversed_results, &results);
        prop_assert_eq!(&reversed_table, &table);

        // And the master now holds, for every record, the version of its newest edit: the one
        // in the copy that made that edit, whichever copy had more edits.
        let merged = RoundFile::open(&directory.path().join("a.samvurd")).unwrap();
        let scores = merged.score_records().unwrap();
        let recusals = merged.recusal_records().unwrap();
        for (member, (copies, newest)) in members.iter().enumerate() {
            let member_id = format!("m{:02}", member + 1);
            let copies: Vec<RoundFile> = copies.iter().map(|path| RoundFile::open(path).unwrap()).collect();
            let own_scores = scores.iter().filter(|record| record.member == member_id).count();
            let own_recusals = recusals.iter().filter(|record| record.member == member_id).count();
            prop_assert_eq!(own_scores + own_recusals, newest.len());
            for (&(application, criterion), &copy) in newest {
                let application = format!("A-{:04}", application + 1);
                match criterion {
                    Some(criterion) => {
                        let find = |records: &[samvurd_store::score_file::ScoreRecord]| {
                            records
                                .iter()
                                .find(|record| {
                                    record.member == member_id
                                        && record.application == application
                                        && record.criterion == CRITERIA[criterion]
                                })
                                .cloned()
                        };
                        let expected = find(&copies[copy].score_records().unwrap());
                        prop_assert!(expected.is_some());
                        prop_assert_eq!(find(&scores), expected);
                    }
                    None => {
                        let find = |records: &[samvurd_store::score_file::RecusalRecord]| {
                            records
                                .iter()
                                .find(|record| {
                                    record.member == member_id && record.application == application
                                })
                                .cloned()
                        };
                        let expected = find(&copies[copy].recusal_records().unwrap());
                        prop_assert!(expected.is_some());
                        prop_assert_eq!(find(&recusals), expected);
                    }
                }
            }
        }
    }
}
