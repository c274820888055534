//! Member copies you can trust (issue 13): signed score files, trust on first merge, versions
//! from the future, and the newest edit winning across two copies of one member.

use std::path::{Path, PathBuf};
use std::time::Duration;

use samvurd_app::{KeyTrust, MergeStatus, OpenRound};
use samvurd_core::{ApplicationRef, CriterionId, MemberId, Score, ScoreValue};
use samvurd_store::score_file::ScoreFile;
use samvurd_store::signing::MemberKey;
use samvurd_store::{Change, RoundFile};
use samvurd_tests::create_round;
use sha2::{Digest, Sha256};

fn sha256(path: &Path) -> Vec<u8> {
    Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

fn key(seed: u8) -> MemberKey {
    MemberKey::from_secret_bytes(&[seed; 32])
}

fn set(round: &mut RoundFile, member: &str, application: &str, criterion: &str, value: i32) {
    round
        .apply(
            member,
            Change::SetScores(vec![Score {
                member: MemberId::from(member),
                application: ApplicationRef::from(application),
                criterion: CriterionId::from(criterion),
                value: ScoreValue::Value(value),
                justification: format!("{member} sier {value}"),
            }]),
        )
        .unwrap();
}

/// A master with three members and two applications, and a copy of it for `m01`.
struct Fixture {
    directory: tempfile::TempDir,
    master: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let directory = tempfile::tempdir().unwrap();
        let master = directory.path().join("master.samvurd");
        drop(create_round(&master, 3, 2));
        Fixture { directory, master }
    }

    fn copy(&self, name: &str) -> RoundFile {
        let path = self.directory.path().join(name);
        std::fs::copy(&self.master, &path).unwrap();
        RoundFile::open(&path).unwrap()
    }

    fn write(&self, name: &str, file: &ScoreFile) -> PathBuf {
        let path = self.directory.path().join(name);
        std::fs::write(&path, file.to_bytes()).unwrap();
        path
    }

    fn merge(&self, files: &[&Path], dry_run: bool) -> samvurd_app::MergeReport {
        OpenRound::open(&self.master).unwrap().merge_files("leder", files, dry_run, false).unwrap()
    }

    /// Merges one file that must be refused, and checks that the master did not change.
    fn refused(&self, file: &Path) -> String {
        let before = sha256(&self.master);
        let report = self.merge(&[file], false);
        assert_eq!(report.files[0].status, MergeStatus::Refused, "{report:?}");
        assert!(report.backup.is_none());
        assert_eq!(sha256(&self.master), before, "the master must be byte-identical");
        report.files[0].reason.clone().unwrap()
    }
}

#[test]
fn a_hand_edited_file_with_one_members_records_under_anothers_id_and_a_new_checksum_is_refused() {
    let fixture = Fixture::new();
    let mut copy = fixture.copy("m01.samvurd");
    set(&mut copy, "m01", "A-0001", "beon", 7);
    let genuine = copy.export_score_file("m01", "test", Some(&key(1))).unwrap();

    // Kari's records under Ola's id and name, and the checksum recomputed as anyone can.
    let mut body = genuine.body.clone();
    body.member.id = "m02".to_owned();
    body.member.name = "Medlem 2".to_owned();
    for record in &mut body.scores {
        record.member = "m02".to_owned();
    }
    let resealed = ScoreFile::seal(body.clone());
    let forged = ScoreFile { signature: genuine.signature.clone(), ..resealed };
    let path = fixture.write("forfalsket.json", &forged);
    OpenRound::open(&fixture.master).unwrap(); // migrate first: the baseline for byte-identity
    let reason = fixture.refused(&path);
    assert!(reason.contains("Signaturen i skårfila «forfalsket.json» stemmer ikke"), "{reason}");

    // The same forgery as an old, unsigned file: refused without the chair's confirmation.
    body.version = 1;
    body.public_key = None;
    let unsigned = fixture.write("usignert.json", &ScoreFile::seal(body));
    let reason = fixture.refused(&unsigned);
    assert!(reason.contains("ikke signert"), "{reason}");

    // A file whose name differs from the round's name for that id is refused even when signed.
    let mut renamed = genuine.body.clone();
    renamed.member.name = "Ola".to_owned();
    let path = fixture.write("annet-navn.json", &ScoreFile::sign(renamed, &key(1)));
    let reason = fixture.refused(&path);
    assert!(
        reason.contains("sier at skårene er til «Ola»") && reason.contains("«Medlem 1»"),
        "{reason}"
    );
}

#[test]
fn a_file_signed_by_a_fresh_key_is_refused_for_a_member_whose_key_the_master_trusts() {
    let fixture = Fixture::new();
    let mut copy = fixture.copy("m01.samvurd");
    set(&mut copy, "m01", "A-0001", "beon", 5);
    let first = fixture
        .write("forste.json", &copy.export_score_file("m01", "test", Some(&key(1))).unwrap());
    let report = fixture.merge(&[first.as_path()], false);
    assert_eq!(report.files[0].signature, Some(KeyTrust::FirstKey));
    let trusted_short = key(1).public_key().short_fingerprint();
    assert_eq!(report.files[0].fingerprint.as_deref(), Some(trusted_short.as_str()));

    set(&mut copy, "m01", "A-0001", "beon", 2);
    let fresh = fixture
        .write("ny-nokkel.json", &copy.export_score_file("m01", "test", Some(&key(9))).unwrap());
    let reason = fixture.refused(&fresh);
    let fresh_short = key(9).public_key().short_fingerprint();
    assert!(reason.contains(&fresh_short) && reason.contains(&trusted_short), "{reason}");
    assert!(reason.contains("ny PC") && reason.contains("samvurd trust-key"), "{reason}");

    // The chair accepts the new key (an audited action); then the file merges.
    let mut master = OpenRound::open(&fixture.master).unwrap();
    let trusted = master.trust_key_from_file("leder", &fresh).unwrap();
    assert_eq!(trusted.previous.as_deref(), Some(trusted_short.as_str()));
    assert_eq!(trusted.fingerprint, fresh_short);
    let entry = master.audit_log().unwrap().pop().unwrap();
    assert_eq!(entry.action, "trust_member_key");
    assert!(entry.detail.contains(&fresh_short) && entry.detail.contains(&trusted_short));
    let report = master.merge_files("leder", &[fresh.as_path()], false, false).unwrap();
    assert_eq!(report.files[0].status, MergeStatus::Merged, "{report:?}");
    assert_eq!(report.files[0].signature, Some(KeyTrust::Trusted));
}

#[test]
fn a_revision_of_i64_max_or_a_clock_a_year_ahead_is_refused_with_the_reason() {
    let fixture = Fixture::new();
    let mut copy = fixture.copy("m01.samvurd");
    set(&mut copy, "m01", "A-0001", "beon", 5);
    let genuine = copy.export_score_file("m01", "test", Some(&key(1))).unwrap();
    OpenRound::open(&fixture.master).unwrap();

    let mut body = genuine.body.clone();
    body.scores[0].revision = i64::MAX;
    let path = fixture.write("revisjon.json", &ScoreFile::sign(body, &key(1)));
    let reason = fixture.refused(&path);
    assert!(
        reason.contains("revisjon 9223372036854775807") && reason.contains("aldri"),
        "{reason}"
    );

    let mut body = genuine.body.clone();
    let year = 365 * 24 * 60 * 60 * 1000_i64 * 65_536;
    body.scores[0].clock = body.scores[0].clock.map(|clock| clock + year);
    let path = fixture.write("klokke.json", &ScoreFile::sign(body, &key(1)));
    let reason = fixture.refused(&path);
    assert!(
        reason.contains("mer enn ett døgn fram i tid") && reason.contains("klokka"),
        "{reason}"
    );

    // A version-1 file carries its clock in `updated_at`: a year ahead there is refused too.
    let mut body = genuine.body.clone();
    body.version = 1;
    body.public_key = None;
    body.scores[0].clock = None;
    body.scores[0].updated_at = "2099-01-01T00:00:00.000Z".to_owned();
    let path = fixture.write("klokke-v1.json", &ScoreFile::seal(body));
    let report = OpenRound::open(&fixture.master)
        .unwrap()
        .merge_files("leder", &[path.as_path()], false, true)
        .unwrap();
    assert!(report.files[0].reason.as_deref().unwrap().contains("fram i tid"));
}

#[test]
fn with_two_copies_of_one_member_the_newer_edit_wins_in_either_order_and_the_dry_run_counts_the_stale()
 {
    let fixture = Fixture::new();
    let mut first = fixture.copy("m01-a.samvurd");
    let mut second = fixture.copy("m01-b.samvurd");
    // Three edits in the first copy, then one newer edit in the second.
    for value in [3, 4, 5] {
        set(&mut first, "m01", "A-0001", "beon", value);
    }
    set(&mut first, "m01", "A-0002", "beon", 6);
    std::thread::sleep(Duration::from_millis(5));
    set(&mut second, "m01", "A-0001", "beon", 2);
    let many =
        fixture.write("a.json", &first.export_score_file("m01", "test", Some(&key(1))).unwrap());
    let newer =
        fixture.write("b.json", &second.export_score_file("m01", "test", Some(&key(1))).unwrap());

    let value_in = |master: &Path| {
        RoundFile::open(master)
            .unwrap()
            .score_records()
            .unwrap()
            .into_iter()
            .find(|record| record.application == "A-0001" && record.criterion == "beon")
            .and_then(|record| record.value)
    };
    let pristine = fixture.directory.path().join("pristine.samvurd");
    std::fs::copy(&fixture.master, &pristine).unwrap();
    for order in [[&many, &newer], [&newer, &many]] {
        std::fs::copy(&pristine, &fixture.master).unwrap();
        let report = fixture.merge(&[order[0].as_path()], false);
        assert_eq!(report.refused(), 0, "{report:?}");
        // The dry run of the second file says how many of its records are older than the round's.
        let dry = fixture.merge(&[order[1].as_path()], true);
        let counts = dry.files[0].counts.clone().unwrap();
        if order[1] == &many {
            assert_eq!((counts.scores_older, counts.scores_new), (1, 1), "{counts:?}");
        } else {
            assert_eq!((counts.scores_older, counts.scores_updated), (0, 1), "{counts:?}");
        }
        let report = fixture.merge(&[order[1].as_path()], false);
        assert_eq!(report.refused(), 0, "{report:?}");
        assert_eq!(value_in(&fixture.master), Some(2), "the newer edit wins, merged {order:?}");
    }
}
