//! The chair's desktop use cases on a real round file (the sample round): the dashboard equals
//! `results`, options recompute, the meeting's changes are checked, logged and undone in order,
//! and a locked round takes no change until it is unlocked with a reason.

use samvurd_app::results::OptionsInput;
use samvurd_app::{Machine, OpenRound, RecommendationInput, Session};

fn sample() -> (tempfile::TempDir, String, Session) {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("runde.samvurd");
    samvurd_app::sample::create_sample_round(&path).unwrap();
    let session = Session::with_machine(Machine::at(directory.path().join("maskin")));
    let text = path.display().to_string();
    session.open_round(&text).unwrap();
    (directory, text, session)
}

/// Records the group's consensus for every application, as a meeting must for the flagged and
/// grey-zone ones before the round can be finished (locked).
fn record_consensus_everywhere(open: &mut OpenRound) {
    for application in open.load().unwrap().applications {
        let change = samvurd_app::ConsensusChange::from_text(
            application.reference.as_str(),
            "Gruppen er enig i forslaget.",
            "",
            "",
            &[],
        );
        open.record_consensus("leder", &change).unwrap();
    }
}

fn options(aggregation: &str, calibration: bool) -> OptionsInput {
    OptionsInput {
        aggregation: aggregation.to_owned(),
        calibration,
        partial_funding: false,
        partial_min_percent: "50".to_owned(),
        total_threshold: String::new(),
        justification: Some("Gruppa ble enig om dette i møtet.".to_owned()),
    }
}

fn actions(path: &str) -> Vec<String> {
    OpenRound::open(std::path::Path::new(path))
        .unwrap()
        .audit_log()
        .unwrap()
        .into_iter()
        .map(|entry| entry.action)
        .collect()
}

#[test]
fn the_dashboard_shows_what_results_computes_and_recomputes_when_an_option_changes() {
    let (_directory, path, session) = sample();
    let dashboard = session.dashboard().unwrap();
    let results = OpenRound::open(std::path::Path::new(&path)).unwrap().results().unwrap();
    assert_eq!(dashboard.applications.len(), results.applications.len());
    for (shown, computed) in dashboard.applications.iter().zip(&results.applications) {
        assert_eq!(shown.reference, computed.reference);
        assert_eq!(shown.rank, computed.rank);
        assert_eq!(shown.recommended.display, computed.recommendation.amount.format());
        let total = computed
            .total
            .as_ref()
            .map(|total| samvurd_app::core::format::points(total.round_dp(2)));
        assert_eq!(Some(shown.total_display.clone()), total.or(Some("–".to_owned())));
    }
    assert_eq!(dashboard.budget.frame.display, results.budget.frame.format());
    // Flagged or grey-zone applications come first in the meeting, then the rest by rank.
    let first_calm = dashboard
        .meeting_order
        .iter()
        .position(|reference| {
            dashboard.applications.iter().any(|a| &a.reference == reference && a.discuss.is_empty())
        })
        .unwrap_or(dashboard.meeting_order.len());
    assert!(first_calm > 0, "the sample round has applications to discuss");
    assert!(dashboard.meeting_order[first_calm..].iter().all(|reference| {
        dashboard.applications.iter().any(|a| &a.reference == reference && a.discuss.is_empty())
    }));

    let median = session.set_round_options(options("median", true)).unwrap();
    assert_eq!(median.options.aggregation, "median");
    assert!(median.options.calibration);
    assert!(!median.calibration.is_empty(), "calibration notes per member");
    assert!(
        median.applications.iter().any(|application| !application.calibrated_display.is_empty())
    );
    let after = OpenRound::open(std::path::Path::new(&path)).unwrap().results().unwrap();
    for (shown, computed) in median.applications.iter().zip(&after.applications) {
        assert_eq!(shown.reference, computed.reference);
        assert_eq!(shown.rank, computed.rank);
    }
    let bad = session.set_round_options(OptionsInput {
        partial_funding: true,
        partial_min_percent: "150".to_owned(),
        ..options("median", true)
    });
    assert!(bad.unwrap_err().message.contains("mellom 1 og 100"));
}

#[test]
fn meeting_changes_are_checked_logged_and_undone_newest_first() {
    let (_directory, path, session) = sample();
    let dashboard = session.dashboard().unwrap();
    let granted = dashboard.applications.iter().find(|a| a.outcome == "granted").unwrap().clone();
    let other = dashboard.applications.iter().find(|a| a.reference != granted.reference).unwrap();

    // A deviation without a justification is refused and writes nothing.
    let before = actions(&path).len();
    let refused = session.record_recommendation(RecommendationInput {
        application: granted.reference.clone(),
        outcome: "partly_granted".to_owned(),
        amount: "100 000".to_owned(),
        justification: String::new(),
    });
    assert!(refused.unwrap_err().message.contains("begrunnes"));
    assert_eq!(actions(&path).len(), before);

    let recommended = session
        .record_recommendation(RecommendationInput {
            application: granted.reference.clone(),
            outcome: "partly_granted".to_owned(),
            amount: "100 000".to_owned(),
            justification: "Et mindre første år.".to_owned(),
        })
        .unwrap();
    let shown = recommended.applications.iter().find(|a| a.reference == granted.reference).unwrap();
    assert_eq!(shown.recommended.display, "100\u{a0}000\u{a0}kr");
    assert!(shown.from_chair && shown.deviates);
    assert_eq!(
        recommended.budget.remaining.value,
        dashboard.budget.remaining.value + granted.recommended.value - 100_000.0
    );

    let gate = other.gates.first().unwrap().id.clone();
    let refused_gate =
        session.answer_gate(other.reference.clone(), gate.clone(), "failed".into(), String::new());
    assert!(refused_gate.is_err(), "a failed gate needs a note");
    let answered = session
        .answer_gate(
            other.reference.clone(),
            gate.clone(),
            "failed".into(),
            "Mangler avtale.".into(),
        )
        .unwrap();
    assert!(answered.undo.as_deref().unwrap().contains(&other.reference));
    let status = |view: &samvurd_app::results::DashboardView| {
        view.applications
            .iter()
            .find(|a| a.reference == other.reference)
            .unwrap()
            .gates
            .iter()
            .find(|g| g.id == gate)
            .unwrap()
            .status
    };
    assert_eq!(status(&answered), "failed");

    // Undo: first the gate, then the recommendation; then there is nothing left to undo.
    let undone = session.undo().unwrap();
    assert_eq!(status(&undone), "unanswered");
    let undone = session.undo().unwrap();
    let back = undone.applications.iter().find(|a| a.reference == granted.reference).unwrap();
    assert!(!back.from_chair);
    assert_eq!(back.recommended.display, granted.recommended.display);
    assert!(undone.undo.is_none());
    assert!(session.undo().unwrap_err().message.contains("ingen endring"));
    let log = actions(&path);
    assert_eq!(
        &log[log.len() - 4..],
        ["set_recommendation", "answer_gate", "clear_gate_answer", "clear_recommendation"]
    );
}

#[test]
fn a_locked_round_refuses_the_meeting_and_the_merge_until_unlocked() {
    let (directory, path, session) = sample();
    let score_file = directory.path().join("m.json");
    let member =
        OpenRound::open(std::path::Path::new(&path)).unwrap().members().unwrap()[0].id.0.clone();
    OpenRound::open(std::path::Path::new(&path))
        .unwrap()
        .export_scores(&member, &score_file, None)
        .unwrap();

    assert!(session.lock_round("  ".into()).is_err(), "a lock needs a reason");
    // The round cannot be finished before the meeting has recorded the group's assessment of
    // every flagged or grey-zone application; the refusal lists what is missing.
    let before = std::fs::read(&path).unwrap();
    let refused = session.lock_round("SSU vedtok fordelingen".into()).unwrap_err();
    assert!(refused.message.contains("kan ikke avsluttes"), "{}", refused.message);
    assert!(refused.message.contains("mangler gruppens vurdering"), "{}", refused.message);
    let missing = session.dashboard().unwrap().missing_records;
    assert!(!missing.is_empty());
    for line in &missing {
        assert!(refused.message.contains(line.as_str()), "{line} not in {}", refused.message);
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "a refused lock writes nothing");
    record_consensus_everywhere(&mut OpenRound::open(std::path::Path::new(&path)).unwrap());
    assert!(session.dashboard().unwrap().missing_records.is_empty());
    let round = session.lock_round("SSU vedtok fordelingen".into()).unwrap();
    let lock = round.locked.expect("shown as locked");
    assert_eq!(lock.reason, "SSU vedtok fordelingen");
    let bytes = std::fs::read(&path).unwrap();
    let dashboard = session.dashboard().unwrap();
    assert!(dashboard.locked);
    let application = dashboard.applications[0].reference.clone();
    let refused = session.clear_recommendation(application).unwrap_err();
    assert!(refused.message.contains("Runden er låst"), "{}", refused.message);
    let merge = session.merge_preview(vec![score_file.display().to_string()], true).unwrap_err();
    assert!(merge.message.contains("Runden er låst"), "{}", merge.message);
    assert!(session.set_round_options(options("median", false)).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "nothing was written while locked");
    // The documents can still be made from a locked round.
    let pdf = directory.path().join("innstilling.pdf");
    let written = session.write_innstilling(pdf.display().to_string(), false).unwrap();
    assert!(written.message.contains("Innstillingen er lagret"));

    assert!(session.unlock_round(String::new()).is_err(), "an unlock needs a reason");
    let round = session.unlock_round("Feil beløp".into()).unwrap();
    assert!(round.locked.is_none());
    let merged =
        session.merge_files(vec![score_file.display().to_string()], Vec::new(), true).unwrap();
    assert_eq!(merged.files[0].status, "unchanged");
}

#[test]
fn the_csv_export_starts_a_formula_like_title_with_a_quote_and_keeps_numbers_as_numbers() {
    let (directory, path, _session) = sample();
    let mut round = OpenRound::open(std::path::Path::new(&path)).unwrap();
    let import = directory.path().join("farlig.csv");
    std::fs::write(
        &import,
        "Søknadsnr;Tittel;Ansvarlig søker;Omsøkt beløp\n\
         FARLIG-1;\"=HYPERLINK(\"\"x\"\",\"\"y\"\")\";@Ål kommune;1 000\n",
    )
    .unwrap();
    round.import_applications("leder", &import).unwrap();
    let csv_path = directory.path().join("resultater.csv");
    round.export_results(&csv_path).unwrap();
    let bytes = std::fs::read(&csv_path).unwrap();
    let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(&bytes[3..]);
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|record| &record[1] == "FARLIG-1")
        .expect("the imported application is exported");
    assert_eq!(&row[2], "'=HYPERLINK(\"x\",\"y\")");
    assert_eq!(&row[3], "'@Ål kommune");
    assert_eq!(&row[7], "1000", "amounts stay plain numbers");
    // Every text cell of every row is safe to open in a spreadsheet.
    for record in reader.records() {
        let record = record.unwrap();
        for cell in record.iter().filter(|cell| cell.parse::<f64>().is_err()) {
            assert!(!cell.starts_with(['=', '+', '@', '\t', '\r']), "{cell}");
        }
    }
}

#[test]
fn no_output_is_written_over_the_open_round_or_any_round_file() {
    let (directory, path, session) = sample();
    let round_path = std::path::Path::new(&path);
    let before = std::fs::read(round_path).unwrap();
    let member = OpenRound::open(round_path).unwrap().members().unwrap()[0].id.0.clone();
    let check = |what: &str, error: samvurd_app::AppError| {
        assert!(error.message.contains("er en rundefil"), "{what}: {}", error.message);
        assert_eq!(std::fs::read(round_path).unwrap(), before, "{what}: the round is unchanged");
    };
    check("innstilling", session.write_innstilling(path.clone(), true).unwrap_err());
    check("letters", session.write_letters(path.clone(), true).unwrap_err());
    check("export", session.export_results(path.clone()).unwrap_err());
    let open = OpenRound::open(round_path).unwrap();
    check("score file", open.export_scores(&member, round_path, None).unwrap_err());
    // A round under another name is a round too, and so is any `.samvurd`, existing or not.
    let renamed = directory.path().join("kopi.pdf");
    std::fs::copy(round_path, &renamed).unwrap();
    let copy = std::fs::read(&renamed).unwrap();
    let error = session.write_innstilling(renamed.display().to_string(), false).unwrap_err();
    assert!(error.message.contains("er en rundefil"), "{}", error.message);
    assert_eq!(std::fs::read(&renamed).unwrap(), copy);
    let new_round = directory.path().join("ny.SAMVURD");
    assert!(session.export_results(new_round.display().to_string()).is_err());
    assert!(!new_round.exists());
}

#[test]
fn a_merge_takes_exactly_what_was_previewed_and_always_reports_every_file() {
    use samvurd_app::{MergeSource, MergeStatus, ScoreInput};
    let (directory, path, _session) = sample();
    let master_path = std::path::Path::new(&path);
    let copy_path = directory.path().join("kopi.samvurd");
    std::fs::copy(master_path, &copy_path).unwrap();
    let mut copy = OpenRound::open(&copy_path).unwrap();
    let round = copy.load().unwrap();
    let member = round.members[0].id.0.clone();
    let application = round.applications[0].reference.0.clone();
    let criterion = round.criteria[0].id.0.clone();
    let score = |value: &str| ScoreInput {
        member: member.clone(),
        application: application.to_lowercase(),
        criterion: criterion.clone(),
        value: value.to_owned(),
        justification: "Endret i kopien.".to_owned(),
    };
    copy.set_score(&member, &score("2")).unwrap();
    let score_file = directory.path().join("skarer.json");
    copy.export_scores(&member, &score_file, None).unwrap();

    let mut master = OpenRound::open(master_path).unwrap();
    let preview = master.merge_files("leder", &[score_file.as_path()], true, true).unwrap();
    let hash = preview.files[0].content_hash.clone().unwrap();
    assert_eq!(preview.files[0].status, MergeStatus::WouldMerge);

    // The member changes the file after the preview: the merge refuses it, naming why.
    copy.set_score(&member, &score("3")).unwrap();
    copy.export_scores(&member, &score_file, None).unwrap();
    let before = std::fs::read(master_path).unwrap();
    let source = MergeSource { path: &score_file, previewed_hash: Some(&hash) };
    let report = master.merge_sources("leder", &[source], false, true).unwrap();
    assert_eq!(report.files[0].status, MergeStatus::Refused);
    let reason = report.files[0].reason.clone().unwrap();
    assert!(reason.contains("endret siden forhåndsvisningen"), "{reason}");
    assert_eq!(std::fs::read(master_path).unwrap(), before);

    // A merge that fails after the backup (the round was locked meanwhile) still reports each
    // file, and says where the backup is.
    let second = directory.path().join("igjen.json");
    std::fs::copy(&score_file, &second).unwrap();
    record_consensus_everywhere(&mut master);
    master.lock_round("leder", "SSU vedtok").unwrap();
    let report = master
        .merge_files("leder", &[score_file.as_path(), second.as_path()], false, true)
        .unwrap();
    assert_eq!(report.files.len(), 2);
    for file in &report.files {
        assert_eq!(file.status, MergeStatus::Refused);
        assert!(file.reason.as_deref().unwrap().contains("Runden er låst"), "{file:?}");
    }
    assert!(report.backup.is_some());
}

#[test]
fn the_identity_stays_on_the_machine_a_copy_asks_again_and_its_set_up_is_read_only() {
    let (directory, path, session) = sample();
    let members = session.round().unwrap().members;
    let (chair, member) = (members[0].id.clone(), members[1].id.clone());
    let master = session.set_identity(Some(chair.clone())).unwrap();
    assert_eq!(master.identity.as_ref().map(|who| who.id.clone()), Some(chair.clone()));
    assert!(!master.member_copy && master.setup_note.is_empty());
    assert_eq!(master.key_fingerprint.len(), 19, "a key is made when choosing who you are");

    // The chair copies the master and opens the copy on the same machine: it asks again.
    let copy = directory.path().join("kopi.samvurd");
    std::fs::copy(&path, &copy).unwrap();
    let opened = session.open_round(&copy.display().to_string()).unwrap();
    assert!(opened.identity.is_none(), "the identity did not travel with the file");
    assert!(opened.member_copy);
    assert!(opened.setup_note.contains("medlemskopi"));
    let bytes = std::fs::read(&copy).unwrap();
    let refused = session.add_member(samvurd_app::views::MemberInput {
        name: "Ny Person".into(),
        organisation: String::new(),
        role: "annet".into(),
    });
    assert!(refused.unwrap_err().message.contains("medlemskopi"));
    assert_eq!(std::fs::read(&copy).unwrap(), bytes, "a refused set-up change writes nothing");

    // Choosing and then switching person («Bytt person») are both logged in the copy.
    session.set_identity(Some(member.clone())).unwrap();
    let switched = session.set_identity(Some(chair.clone())).unwrap();
    assert_eq!(switched.identity.map(|who| who.id), Some(chair.clone()));
    let log = OpenRound::open(&copy).unwrap().audit_log().unwrap();
    let last: Vec<&str> = log.iter().rev().take(2).map(|entry| entry.action.as_str()).collect();
    assert_eq!(last, ["switch_person", "choose_person"]);

    // Another machine opening the master itself sees a member's copy and asks who you are.
    let elsewhere = Session::with_machine(Machine::at(directory.path().join("annen-maskin")));
    let there = elsewhere.open_round(&path).unwrap();
    assert!(there.identity.is_none() && there.member_copy);

    // Back on the chair's machine the master is the master, with the chair's identity.
    let back = session.open_round(&path).unwrap();
    assert!(!back.member_copy);
    assert_eq!(back.identity.map(|who| who.id), Some(chair));
}

#[test]
fn a_round_made_with_the_cli_is_the_master_only_where_it_was_made_and_moving_it_keeps_it_so() {
    let directory = tempfile::tempdir().unwrap();
    let chairs = Machine::at(directory.path().join("leder"));
    let path = directory.path().join("runde.samvurd");
    let request = samvurd_app::CreateRound {
        path: path.clone(),
        title: "Tilskudd 2027".into(),
        helsefellesskap: None,
        budget_frame: samvurd_app::core::Money::from_kroner(1_000_000),
        deadline: None,
        criteria: samvurd_app::CriteriaSource::Template("standard".into()),
        scale: None,
        aggregation: samvurd_app::core::Aggregation::Mean,
    };
    // What `samvurd create` does: make the file and mark it as the master on this machine.
    let mut made = samvurd_app::create_round(&request, "leder").unwrap();
    made.mark_as_master(&chairs, "leder").unwrap();
    drop(made);

    // Sent to a member before the chair ever opened it in the app: a member's copy there, not
    // a second master.
    let sent = directory.path().join("sendt.samvurd");
    std::fs::copy(&path, &sent).unwrap();
    let member = Session::with_machine(Machine::at(directory.path().join("medlem")));
    assert!(member.open_round(&sent.display().to_string()).unwrap().member_copy);

    // On the chair's machine the file is the master; a copy beside it is a member's copy.
    let chair = Session::with_machine(chairs.clone());
    assert!(!chair.open_round(&path.display().to_string()).unwrap().member_copy);
    assert!(chair.open_round(&sent.display().to_string()).unwrap().member_copy);

    // The chair moves the master to another folder: it is still the master there.
    chair.close_round();
    let moved = directory.path().join("flyttet.samvurd");
    std::fs::rename(&path, &moved).unwrap();
    let view = chair.open_round(&moved.display().to_string()).unwrap();
    assert!(!view.member_copy, "a moved master stays the master");
    assert!(view.setup_note.is_empty());
}

#[test]
fn a_members_export_is_signed_with_their_key_and_merges_into_the_master_with_its_fingerprint() {
    let (directory, path, session) = sample();
    let copy = directory.path().join("kopi.samvurd");
    std::fs::copy(&path, &copy).unwrap();
    let member_session = Session::with_machine(Machine::at(directory.path().join("medlem")));
    member_session.open_round(&copy.display().to_string()).unwrap();
    let member = member_session.round().unwrap().members[1].id.clone();
    let chosen = member_session.set_identity(Some(member)).unwrap();
    let score_file = directory.path().join("skarer.json");
    let summary = member_session.export_my_scores(&score_file.display().to_string()).unwrap();
    assert_eq!(summary.fingerprint, chosen.key_fingerprint);

    let preview = session.merge_preview(vec![score_file.display().to_string()], false).unwrap();
    let file = &preview.files[0];
    assert_eq!(file.status, "would_merge", "{file:?}");
    assert_eq!(
        (file.signature.as_str(), file.fingerprint.as_str()),
        ("ny nøkkel", summary.fingerprint.as_str())
    );
    assert_eq!(file.member_name, chosen.identity.unwrap().name);
}

#[test]
fn after_scoring_has_begun_the_method_changes_only_with_a_justification_which_is_logged() {
    let (_directory, path, session) = sample();
    let before = session.dashboard().unwrap();
    let refused = session
        .set_round_options(OptionsInput { justification: None, ..options("median", false) })
        .unwrap_err();
    assert!(refused.message.contains("Beregningsmåten er låst"), "{}", refused.message);
    assert_eq!(
        serde_json::to_string(&session.dashboard().unwrap().options).unwrap(),
        serde_json::to_string(&before.options).unwrap(),
        "a refused change changes nothing"
    );
    let blank = session
        .set_round_options(OptionsInput {
            justification: Some("  ".to_owned()),
            ..options("median", false)
        })
        .unwrap_err();
    assert!(blank.message.contains("Skriv hvorfor"), "{}", blank.message);

    session.set_round_options(options("median", false)).unwrap();
    let log = OpenRound::open(std::path::Path::new(&path)).unwrap().audit_log().unwrap();
    let entry = log.iter().rev().find(|entry| entry.action == "change_method").unwrap();
    assert!(entry.detail.contains("Gruppa ble enig om dette i møtet."), "{}", entry.detail);
    assert!(entry.detail.contains("gjennomsnitt eller median"), "{}", entry.detail);

    // Undo is itself a justified change back, and says so in the log.
    session.undo().unwrap();
    let log = OpenRound::open(std::path::Path::new(&path)).unwrap().audit_log().unwrap();
    let undone = log.last().unwrap();
    assert_eq!(undone.action, "change_method");
    assert!(undone.detail.contains("Angret endringen"), "{}", undone.detail);
}

#[test]
#[allow(clippy::print_stdout)]
fn the_fewest_moves_queue_sends_members_out_of_the_room_fewer_times_on_the_sample_round() {
    let (_directory, _path, session) = sample();
    let dashboard = session.dashboard().unwrap();
    println!(
        "Eksempelrunden: medlemmer går ut og inn av rommet {} ganger etter rangering, {} med «Færrest ut og inn».",
        dashboard.moves_in_rank_order, dashboard.moves_in_fewest_order
    );
    assert!(
        dashboard.moves_in_fewest_order < dashboard.moves_in_rank_order,
        "{} < {}",
        dashboard.moves_in_fewest_order,
        dashboard.moves_in_rank_order
    );
    // The same applications, with the ones to discuss still first.
    let discuss =
        dashboard.applications.iter().filter(|application| !application.discuss.is_empty()).count();
    let mut rank = dashboard.meeting_order.clone();
    let mut fewest = dashboard.meeting_order_fewest_moves.clone();
    let first: std::collections::BTreeSet<&String> = rank[..discuss].iter().collect();
    assert_eq!(first, fewest[..discuss].iter().collect(), "the discussed stay first");
    rank.sort();
    fewest.sort();
    assert_eq!(rank, fewest);
    // VV-2026-005 has two recused members: both are named as leaving, the rest may take part.
    let five = dashboard
        .applications
        .iter()
        .find(|application| application.reference == "VV-2026-005")
        .unwrap();
    assert_eq!(five.recused.len(), 2, "{:?}", five.recused);
    assert_eq!(five.present.len(), 8);
}

/// The text of a PDF as pdftotext gives it, whitespace runs as one space.
fn pdf_words(path: &std::path::Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Word forms that are bokmål only (`tests/data/nynorsk/bokmal-only.txt`); nynorsk has «ikkje»,
/// «dykkar», «korleis», «tilskot», …. («mellom» is nynorsk too, and so are «søknaden», «vedtak»
/// and «runden».)
fn bokmal_only() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/data/nynorsk/bokmal-only.txt");
    let forms: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_lowercase)
        .collect();
    assert!(forms.len() > 50, "the list is read: {forms:?}");
    forms
}

/// The bokmål-only forms in `text`: a form with a space as a phrase, any other as a whole word.
fn bokmal_forms_in(text: &str, forms: &[String]) -> Vec<String> {
    let lowered = text.to_lowercase();
    let words: Vec<&str> =
        lowered.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    forms
        .iter()
        .filter(|form| {
            if form.contains(' ') {
                lowered.contains(form.as_str())
            } else {
                words.contains(&form.as_str())
            }
        })
        .cloned()
        .collect()
}

#[test]
fn a_nynorsk_round_writes_letters_with_no_bokmal_only_forms_and_nynorsk_headings() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("runde.samvurd");
    samvurd_app::sample::create_sample_round(&path).unwrap();
    let mut open = OpenRound::open(&path).unwrap();
    let error = open.set_document_language("leder", "se").unwrap_err();
    assert!(error.message.contains("bokmål eller nynorsk"), "{}", error.message);
    open.set_document_language("leder", "nn").unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    open.adopt_as_recommended("leder", date, "26/04711").unwrap();
    let folder = directory.path().join("brev");
    let files =
        open.write_answer_letters(&folder, &samvurd_app::LetterOptions::default(), None).unwrap();
    let round = open.load().unwrap();
    assert_eq!(files.len(), round.applications.len());
    // What the users wrote is in their own words; the letter's own text must be nynorsk.
    let mut typed: Vec<String> = vec![flat(&round.info.title), flat(&round.info.helsefellesskap)];
    for application in &round.applications {
        typed.push(flat(&application.title));
        typed.push(flat(&application.applicant));
    }
    for recommendation in &round.recommendations {
        typed.push(flat(&recommendation.justification));
    }
    typed.sort_by_key(|text| std::cmp::Reverse(text.len()));
    let mut headings = 0;
    let forms = bokmal_only();
    for file in &files {
        let mut text = pdf_words(file);
        for user_text in typed.iter().filter(|text| !text.is_empty()) {
            text = text.replace(user_text.as_str(), "");
        }
        let found = bokmal_forms_in(&text, &forms);
        assert!(found.is_empty(), "{found:?} in the nynorsk letter {}: {text}", file.display());
        assert!(text.contains("Med venleg helsing"), "{text}");
        assert!(text.contains("Svar på søknad om tilskot"), "{text}");
        if text.contains("Vilkår for tilskotet") {
            headings += 1;
        }
    }
    assert!(headings > 0, "a granted application has the nynorsk conditions heading");
}

/// The round with every text a person typed replaced by a neutral word (`Zza`, `Zzb`, … with
/// the text's digits kept, so a lottery's seed stays the same), one word per distinct text, so
/// that ids still match. What remains in a document written from it is the program's own
/// wording. A string counts as typed when it has a space or a letter outside ASCII (ids, dates
/// and the enums' keys have neither; the parts a change of method names are kept as logged).
fn with_neutral_texts(round: &samvurd_core::Round) -> samvurd_core::Round {
    fn walk(value: &mut serde_json::Value, seen: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text)
                if text
                    .chars()
                    .any(|c| c.is_whitespace() || (c.is_alphabetic() && !c.is_ascii())) =>
            {
                let index = seen.iter().position(|known| known == text).unwrap_or_else(|| {
                    seen.push(text.clone());
                    seen.len() - 1
                });
                let mut word = "Zz".to_owned();
                let mut rest = index;
                loop {
                    word.push(char::from(b'a' + u8::try_from(rest % 26).unwrap()));
                    rest /= 26;
                    if rest == 0 {
                        break;
                    }
                }
                let digits: String = text.chars().filter(char::is_ascii_digit).collect();
                *text = if digits.is_empty() { word } else { format!("{word} {digits}") };
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|item| walk(item, seen)),
            // A change of method names the changed parts as the log does: data, not typed text.
            serde_json::Value::Object(fields) => fields
                .iter_mut()
                .filter(|(key, _)| key.as_str() != "changed")
                .for_each(|(_, item)| walk(item, seen)),
            _ => {}
        }
    }
    let mut value = serde_json::to_value(round).unwrap();
    walk(&mut value, &mut Vec::new());
    serde_json::from_value(value).unwrap()
}

/// A nynorsk sample round with every part of the innstilling in use: a leader recused from some
/// applications and a deputy, consensus with majority and minority, a justified deviation, a
/// change of method after scoring, calibration and a quorum that no application reaches.
fn nynorsk_round_with_everything(directory: &std::path::Path) -> (OpenRound, samvurd_core::Round) {
    let path = directory.join("runde.samvurd");
    samvurd_app::sample::create_sample_round(&path).unwrap();
    let mut open = OpenRound::open(&path).unwrap();
    open.set_document_language("leder", "nn").unwrap();
    let mut round = open.load().unwrap();
    let recused = round.recusals[0].clone();
    round.meeting.chair = Some(recused.member.clone());
    round.meeting.deputy =
        round.members.iter().map(|member| member.id.clone()).find(|id| *id != recused.member);
    for (index, application) in round.applications.iter().enumerate() {
        let (majority, minority) =
            if index % 2 == 0 { ("Fleirtal.", "Mindretal.") } else { ("", "") };
        round.meeting.consensus.push(samvurd_core::Consensus {
            application: application.reference.clone(),
            assessment: "Gruppa er samd i forslaget.".to_owned(),
            majority: majority.to_owned(),
            minority: minority.to_owned(),
            minority_members: if minority.is_empty() {
                Vec::new()
            } else {
                vec![round.members[1].id.clone()]
            },
        });
    }
    // The chair turns down one the computed proposal funds: a justified deviation.
    let funded = samvurd_core::evaluate(&round)
        .applications
        .iter()
        .find(|application| application.recommendation.proposal_amount > samvurd_core::Money::ZERO)
        .map(|application| application.aggregate.application.clone())
        .unwrap();
    round.recommendations.push(samvurd_core::ChairRecommendation {
        application: funded,
        outcome: samvurd_core::Outcome::Rejected,
        amount: samvurd_core::Money::ZERO,
        justification: "Gruppa meiner noko anna.".to_owned(),
    });
    round.method_changes.push(samvurd_core::MethodChange {
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        changed: samvurd_core::MethodPart::ALL
            .iter()
            .map(|part| part.logged_name().to_owned())
            .collect(),
        justification: "Gruppa vart samd om dette.".to_owned(),
    });
    round.options.calibration = true;
    round.options.quorum = Some(u32::try_from(round.members.len()).unwrap() + 1);
    (open, round)
}

#[test]
fn a_nynorsk_round_writes_its_innstilling_and_public_version_in_nynorsk() {
    let directory = tempfile::tempdir().unwrap();
    let (open, _) = nynorsk_round_with_everything(directory.path());
    let at = samvurd_app::documents::parse_generated_at("2026-11-23T14:05:00+01:00").unwrap();
    for public in [false, true] {
        let pdf = directory.path().join(if public { "offentleg.pdf" } else { "innstilling.pdf" });
        let options = samvurd_app::InnstillingOptions {
            public: public.then(|| samvurd_app::report_model::PublicVersion {
                ground: samvurd_app::report_model::DEFAULT_WITHHELD_GROUND.to_owned(),
            }),
            ..samvurd_app::InnstillingOptions::default()
        };
        open.write_innstilling(&pdf, &options, Some(at)).unwrap();
        let bytes = std::fs::read(&pdf).unwrap();
        let lang = b"/Lang(nn-NO)";
        assert!(bytes.windows(lang.len()).any(|window| window == lang), "/Lang is nn-NO");
        let text = pdf_words(&pdf);
        for heading in [
            "Innstilling",
            "Samla tilrådd",
            "Samandrag",
            "Forslag til vedtak",
            "1 Rangert oversikt",
            "Tittel og søkjar",
            "Fordeling på ansvarleg part",
            "Bruk av ramma",
            "2 Samla skår og usikkerheit",
            "3 Vurdering av søknadene",
            "Søkjar",
            "Kriterieprofil",
            "Habilitet",
            "Vedlegg A: Metode",
            "Kriterium og vekter",
            "Fordeling innanfor ramma",
            "Vedlegg B: Arbeidsgruppa",
            "Strategisk samarbeidsutval (SSU)",
            "Side 1 av",
        ] {
            assert!(text.contains(heading), "«{heading}» in the nynorsk innstilling: {text}");
        }
        assert_eq!(text.contains("Unnateke frå innsyn, offl. § 13"), public, "{text}");
    }
}

#[test]
fn the_nynorsk_innstilling_and_its_public_version_have_no_bokmal_only_forms() {
    let directory = tempfile::tempdir().unwrap();
    let (open, round) = nynorsk_round_with_everything(directory.path());
    let neutral = with_neutral_texts(&round);
    let forms = bokmal_only();
    let at = samvurd_app::documents::parse_generated_at("2026-11-23T14:05:00+01:00").unwrap();
    for public in [false, true] {
        let options = open
            .in_document_language(&samvurd_app::InnstillingOptions {
                public: public.then(|| samvurd_app::report_model::PublicVersion {
                    ground: samvurd_app::report_model::DEFAULT_WITHHELD_GROUND.to_owned(),
                }),
                ..samvurd_app::InnstillingOptions::default()
            })
            .unwrap();
        let model = samvurd_app::documents::innstilling_of(&neutral, &options);
        // Every part the test is meant to cover is in the model.
        assert!(model.applications.iter().any(|entry| entry.meeting.chaired_by.is_some()));
        assert!(model.applications.iter().any(|entry| entry.meeting.minority.is_some()));
        assert!(model.applications.iter().any(|entry| entry.meeting.below_quorum.is_some()));
        assert!(model.applications.iter().any(|entry| entry.deviation.is_some()));
        assert!(model.applications.iter().any(|entry| !entry.recusals.is_empty()));
        assert!(model.method.calibration.is_some() && model.method.agreement.is_some());
        assert_eq!(model.method.method_changes.len(), 1);
        let pdf = directory.path().join(format!("noytral-{public}.pdf"));
        samvurd_app::documents::write_innstilling_of(&neutral, &pdf, &options, Some(at)).unwrap();
        let text = pdf_words(&pdf);
        let found = bokmal_forms_in(&text, &forms);
        assert!(
            found.is_empty(),
            "{found:?} in the nynorsk innstilling (public: {public}): {text}"
        );
        // The engine's data phrased in nynorsk: the method's parts, the quorum, the stand-in.
        for phrase in [
            "endra samla skår (gjennomsnitt eller median), kalibrering, delvis finansiering",
            "rekkjefølgja ved lik totalskår",
            "For få vurderingar:",
            "var inhabil",
            "Synet til mindretalet",
        ] {
            assert!(text.contains(phrase), "«{phrase}» in {text}");
        }
    }
    // The check finds what it looks for: the same neutral round in bokmål is full of them.
    let bokmal = samvurd_app::InnstillingOptions {
        language: Some(samvurd_core::language::Language::Bokmal),
        ..samvurd_app::InnstillingOptions::default()
    };
    let pdf = directory.path().join("noytral-bokmal.pdf");
    samvurd_app::documents::write_innstilling_of(&neutral, &pdf, &bokmal, Some(at)).unwrap();
    let found = bokmal_forms_in(&pdf_words(&pdf), &forms);
    assert!(found.len() > 40, "{found:?}");
}

#[test]
fn an_applicant_from_karasjohka_gets_a_north_sami_letter_and_a_norwegian_copy() {
    let (directory, path, session) = sample();
    let input = samvurd_app::views::ApplicationInput {
        reference: "VV-2026-099".to_owned(),
        title: "Giellabargu: č, đ, ŋ, š, ŧ ja ž dearvvašvuođabálvalusas".to_owned(),
        applicant: "Kárášjoga gielda – Karasjok kommune".to_owned(),
        applicant_side: "kommune".to_owned(),
        partners: String::new(),
        priority_area: String::new(),
        period_start: String::new(),
        period_end: String::new(),
        amount_requested: "300 000".to_owned(),
        own_contribution_kommune: String::new(),
        own_contribution_hf: String::new(),
        summary: String::new(),
        kind: "ny".to_owned(),
        document: String::new(),
    };
    session.save_application(input).unwrap();
    session.adopt_as_recommended("10.12.2026".to_owned(), "26/04711".to_owned()).unwrap();
    let folder = directory.path().join("brev");
    session.write_letters(folder.display().to_string(), false).unwrap();
    let sami = folder.join("VV-2026-099.pdf");
    let copy = folder.join("VV-2026-099-norsk.pdf");
    let bytes = std::fs::read(&sami).unwrap();
    assert!(bytes.windows(12).any(|window| window == b"/Lang(se-NO)"), "/Lang se-NO");
    let copy_bytes = std::fs::read(&copy).unwrap();
    assert!(copy_bytes.windows(12).any(|window| window == b"/Lang(nb-NO)"), "/Lang nb-NO");
    let text = pdf_words(&sami);
    for letter in ['á', 'č', 'đ', 'ŋ', 'š', 'ŧ', 'ž'] {
        assert!(text.contains(letter), "{letter} in {text}");
    }
    assert!(text.contains("Kárášjoga gielda"), "{text}");
    assert!(text.contains("Dearvvuođaiguin"), "{text}");
    assert!(text.contains("Vástádus doarjjaohcamii"), "{text}");
    let text = pdf_words(&copy);
    assert!(text.contains("norsk kopi av svarbrevet"), "{text}");
    assert!(text.contains("Med vennlig hilsen"), "{text}");
    // Everyone else gets one letter in the round's language.
    assert!(folder.join("VV-2026-001.pdf").exists());
    assert!(!folder.join("VV-2026-001-norsk.pdf").exists());
    drop(path);
}

#[test]
fn a_chairs_wording_file_beside_the_round_changes_the_letters_and_a_bad_one_writes_nothing() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("runde.samvurd");
    samvurd_app::sample::create_sample_round(&path).unwrap();
    let mut open = OpenRound::open(&path).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
    open.adopt_as_recommended("leder", date, "26/04711").unwrap();
    let wording = directory.path().join("runde.brev.nb.ftl");
    assert_eq!(
        samvurd_app::documents::wording_file(&path, samvurd_app::core::language::Language::Bokmal),
        wording
    );
    std::fs::write(&wording, "letter-greeting = Beste hilsen fra oss\n").unwrap();
    let folder = directory.path().join("brev");
    let files =
        open.write_answer_letters(&folder, &samvurd_app::LetterOptions::default(), None).unwrap();
    let text = pdf_words(&files[0]);
    assert!(text.contains("Beste hilsen fra oss"), "{text}");
    assert!(!text.contains("Med vennlig hilsen"), "{text}");

    std::fs::write(&wording, "letter-greting = Hei\n").unwrap();
    let other = directory.path().join("brev2");
    let error = open
        .write_answer_letters(&other, &samvurd_app::LetterOptions::default(), None)
        .unwrap_err();
    assert!(error.message.contains("«letter-greting»"), "{}", error.message);
    assert!(!other.exists(), "nothing is written");
}

#[test]
fn a_round_on_forskningsradets_zero_to_five_scale_scores_aggregates_and_names_its_steps() {
    let directory = tempfile::tempdir().unwrap();
    let criteria = directory.path().join("kriterier.toml");
    std::fs::write(
        &criteria,
        "id = \"fr-2026\"\nname = \"Forskningsrådets kriterier 2026\"\n\n\
         [scale]\nbuiltin = \"forskningsradet-0-5\"\n\n\
         [[criteria]]\nid = \"excellence\"\nname = \"Forskning og innovasjon\"\nweight = 2\n\n\
         [[criteria]]\nid = \"impact\"\nname = \"Virkninger og effekter\"\nweight = 1\n",
    )
    .unwrap();
    let request = samvurd_app::CreateRound {
        path: directory.path().join("runde.samvurd"),
        title: "Tilskudd 2027".into(),
        helsefellesskap: None,
        budget_frame: samvurd_app::core::Money::from_kroner(1_000_000),
        deadline: None,
        criteria: samvurd_app::CriteriaSource::File(criteria),
        scale: None,
        aggregation: samvurd_app::core::Aggregation::Mean,
    };
    let mut open = samvurd_app::create_round(&request, "leder").unwrap();
    open.add_member("leder", Some("m1"), "Kari Nordmann", "Stavanger kommune", "kommune").unwrap();
    open.add_member("leder", Some("m2"), "Ola Nordmann", "Helse Stavanger HF", "hf").unwrap();
    let applications = directory.path().join("soknader.csv");
    std::fs::write(
        &applications,
        "Søknadsnr;Prosjekttittel;Ansvarlig søker;Søkerside;Omsøkt beløp\n\
         S-1;Felles team;Stavanger kommune;kommune;400 000\n\
         S-2;Hospitering;Sola kommune;kommune;300 000\n",
    )
    .unwrap();
    assert_eq!(open.import_applications("leder", &applications).unwrap(), 2);
    // 0 is a real score on this scale, not a missing one.
    let scores = directory.path().join("skarer.csv");
    std::fs::write(
        &scores,
        "Medlem;Søknad;Kriterium;Skår\n\
         m1;S-1;excellence;5\nm1;S-1;impact;4\nm2;S-1;excellence;4\nm2;S-1;impact;4\n\
         m1;S-2;excellence;0\nm1;S-2;impact;1\nm2;S-2;excellence;1\nm2;S-2;impact;0\n",
    )
    .unwrap();
    assert_eq!(open.import_scores("leder", &scores).unwrap(), 8);

    let results = open.results().unwrap();
    let total = |reference: &str| {
        results
            .applications
            .iter()
            .find(|a| a.reference.as_str() == reference)
            .unwrap()
            .total
            .clone()
    };
    let ratio = samvurd_app::core::Exact::ratio;
    // S-1: excellence 4.5 × 2 + impact 4 × 1 over weight 3 = 13/3; S-2: (0.5 × 2 + 0.5) / 3 = 0.5.
    assert_eq!(total("S-1"), Some(ratio(13, 3)));
    assert_eq!(total("S-2"), Some(ratio(1, 2)));

    let options = samvurd_app::InnstillingOptions::default();
    let innstilling = open.innstilling(&options).unwrap();
    let steps: Vec<(i32, &str)> = innstilling
        .method
        .scale
        .iter()
        .map(|step| (step.value, step.descriptor.as_str()))
        .collect();
    assert_eq!(
        steps,
        vec![
            (5, "Fremragende"),
            (4, "Svært godt"),
            (3, "Godt"),
            (2, "Nokså godt"),
            (1, "Svakt"),
            (0, "Svarer ikke på kriteriet eller kan ikke vurderes"),
        ]
    );
    let pdf = directory.path().join("innstilling.pdf");
    open.write_innstilling(&pdf, &options, None).unwrap();
    assert!(std::fs::metadata(&pdf).unwrap().len() > 1000);
}

#[test]
fn unknown_import_columns_and_the_kommune_reach_the_chairs_list_and_the_scoring_screen() {
    // The sample's application list has «Kontaktperson» and «Innsendt», which no field takes.
    let (_directory, _path, session) = sample();
    let round = session.round().unwrap();
    let first = &round.applications[0];
    assert_eq!(first.applicant, "Drammen kommune");
    assert_eq!(first.kommune, "Drammen (3301)");
    let extra: Vec<(&str, &str)> =
        first.extra.iter().map(|field| (field.header.as_str(), field.value.as_str())).collect();
    assert_eq!(extra, vec![("Kontaktperson", "Ingrid Solberg"), ("Innsendt", "01.08.2026")]);
    let hf = round.applications.iter().find(|a| a.applicant == "Vestre Viken HF").unwrap();
    assert_eq!(hf.kommune, "", "an HF has no kommune");

    let member = round.members[0].id.clone();
    session.set_identity(Some(member)).unwrap();
    let sheet = session.scoring_sheet().unwrap();
    let scored = sheet
        .applications
        .iter()
        .find(|entry| entry.application.reference == first.reference)
        .unwrap();
    assert_eq!(scored.application.extra.len(), 2);
    assert_eq!(scored.application.kommune, "Drammen (3301)");
}

// ---- «Ny runde fra denne» ------------------------------------------------------------------

/// The sample's applications whose project period runs past 2027, read by hand from
/// `assets/sample/soknader.csv` (period end, amount requested): VV-2026-003 (31.01.2028,
/// 2 400 000), VV-2026-005 (31.07.2028, 1 200 000), VV-2026-007 (31.01.2028, 1 250 000),
/// VV-2026-009 (29.02.2028, 350 000), VV-2026-014 (31.08.2028, 275 000), VV-2026-019
/// (31.03.2028, 487 500,50). Every other one ends 31.12.2027. The vedtak below decides these six
/// by hand; the rest as recommended (all of them end in 2027, so the outcome does not matter).
const RUNNING_INTO_2028: [(&str, &str, &str); 6] = [
    ("VV-2026-003", "innvilget", "2 400 000"),
    ("VV-2026-005", "delvis innvilget", "600 000"),
    ("VV-2026-007", "avslått", "0"),
    ("VV-2026-009", "innvilget", "350 000"),
    ("VV-2026-014", "avslått", "0"),
    ("VV-2026-019", "innvilget", "487 500,50"),
];

/// The continuation candidates for 2028, worked out by hand from the table above: the granted
/// and partly granted ones, with the vedtak's amount in kroner as the results JSON writes it.
const CANDIDATES_2028: [(&str, &str); 4] = [
    ("VV-2026-003", "2400000"),
    ("VV-2026-005", "600000"),
    ("VV-2026-009", "350000"),
    ("VV-2026-019", "487500.5"),
];

/// The sample round with its vedtak (the six above by hand) and the follow-up register opened
/// with Sør-Rogaland's rules (a status report and a final report per grant); VV-2026-003's
/// status report has come.
fn sample_with_vedtak(directory: &std::path::Path) -> std::path::PathBuf {
    use samvurd_app::meeting::{DecisionChange, ReceiptInput, VedtakInput};
    let path = directory.join("runde.samvurd");
    samvurd_app::sample::create_sample_round(&path).unwrap();
    let mut open = OpenRound::open(&path).unwrap();
    let mut input = VedtakInput::from_text("15.10.2026", "26/04711").unwrap();
    for (reference, outcome, amount) in RUNNING_INTO_2028 {
        input.changes.push(
            DecisionChange::from_text(reference, outcome, amount, "SSU vedtok dette.").unwrap(),
        );
    }
    open.record_vedtak("leder", &input).unwrap();
    let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/criteria/sor-rogaland.toml");
    open.open_follow_up("leder", Some(&rules)).unwrap();
    open.mark_report_received(
        "leder",
        &ReceiptInput {
            application: "VV-2026-003".into(),
            report: "status".into(),
            received_on: "15.10.2026".into(),
            note: String::new(),
            file: None,
        },
    )
    .unwrap();
    path
}

fn next_round_request(
    path: std::path::PathBuf,
    year: &str,
) -> samvurd_app::next_round::NextRoundRequest {
    samvurd_app::next_round::NextRoundRequest {
        path,
        title: "Rekrutterings- og samhandlingstilskudd 2027".into(),
        year: year.into(),
        with_members: true,
    }
}

#[test]
fn a_new_round_from_the_sample_carries_exactly_the_grants_running_into_its_year_and_no_scores() {
    let directory = tempfile::tempdir().unwrap();
    let old_path = sample_with_vedtak(directory.path());
    let old = OpenRound::open(&old_path).unwrap();
    let new_path = directory.path().join("runde-2027.samvurd");
    let made = old.next_round("leder", &next_round_request(new_path.clone(), "2028")).unwrap();
    let references: Vec<&str> =
        made.candidates.iter().map(|candidate| candidate.reference.as_str()).collect();
    assert_eq!(references, CANDIDATES_2028.map(|(reference, _)| reference));
    assert!(made.message.contains("4 tilskudd"), "{}", made.message);

    let old_round = old.load().unwrap();
    let new = OpenRound::open(&new_path).unwrap();
    let round = new.load().unwrap();
    // Taken over: the scheme and the group.
    assert_eq!(round.criteria, old_round.criteria);
    assert_eq!(round.gates, old_round.gates);
    assert_eq!(round.info.scale, old_round.info.scale);
    assert_eq!(round.info.budget_frame, old_round.info.budget_frame);
    assert_eq!(round.info.template_id, old_round.info.template_id);
    assert_eq!(round.members, old_round.members);
    assert_eq!(round.info.title, "Rekrutterings- og samhandlingstilskudd 2027");
    // Never taken over: anything this round decided.
    assert_ne!(round.info.round_id, old_round.info.round_id);
    assert!(round.applications.is_empty() && round.scores.is_empty() && round.recusals.is_empty());
    assert!(round.recommendations.is_empty() && round.gate_answers.is_empty());
    assert!(new.vedtak().unwrap().is_none() && new.lock().unwrap().is_none());
    let today = chrono::Local::now().date_naive();
    let closed = new.follow_up_view(today, samvurd_app::meeting::FollowUpSort::Due).unwrap_err();
    assert!(closed.message.contains("ikke åpnet"), "{}", closed.message);
    // The link to the old round.
    let previous = round.continuations.previous.as_ref().expect("the link is stored");
    assert_eq!(previous.round_id, old_round.info.round_id);
    assert_eq!(previous.file_name, "runde.samvurd");
    assert_eq!(previous.year, 2028);
    let carried: Vec<(&str, String)> = round
        .continuations
        .candidates
        .iter()
        .map(|grant| (grant.reference.as_str(), grant.granted.to_canonical_string()))
        .collect();
    assert_eq!(carried, CANDIDATES_2028.map(|(reference, amount)| (reference, amount.to_owned())));
    let three = &round.continuations.candidates[0];
    let tally = three.reports.expect("the register was open");
    assert_eq!((tally.owed, tally.received), (2, 1));
    assert!(actions(&new_path.display().to_string()).contains(&"link_previous_round".to_owned()));

    // The same old round for 2027: every grant runs into 2027; 2029: none does.
    let all =
        old.next_round("leder", &next_round_request(directory.path().join("a.samvurd"), "2027"));
    let granted = old
        .vedtak()
        .unwrap()
        .unwrap()
        .decisions
        .iter()
        .filter(|decision| decision.outcome != samvurd_app::core::Outcome::Rejected)
        .count();
    assert_eq!(all.unwrap().candidates.len(), granted);
    let none = old
        .next_round("leder", &next_round_request(directory.path().join("b.samvurd"), "2029"))
        .unwrap();
    assert!(none.candidates.is_empty());
    // Without members.
    let mut request = next_round_request(directory.path().join("c.samvurd"), "2028");
    request.with_members = false;
    old.next_round("leder", &request).unwrap();
    assert!(OpenRound::open(&request.path).unwrap().members().unwrap().is_empty());
}

#[test]
fn without_a_vedtak_there_is_no_new_round_and_nothing_is_written() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("runde.samvurd");
    samvurd_app::sample::create_sample_round(&path).unwrap();
    let old = OpenRound::open(&path).unwrap();
    let target = directory.path().join("ny.samvurd");
    let error = old.next_round("leder", &next_round_request(target.clone(), "2028")).unwrap_err();
    assert!(error.message.contains("registrer SSUs vedtak først"), "{}", error.message);
    assert!(!target.exists());
    let error =
        old.next_round("leder", &next_round_request(target.clone(), "neste år")).unwrap_err();
    assert!(error.message.contains("er ikke et årstall"), "{}", error.message);
    assert!(!target.exists());
}

#[test]
fn the_import_marks_videreforing_by_reference_and_by_title_and_last_years_figures_show() {
    let directory = tempfile::tempdir().unwrap();
    let old_path = sample_with_vedtak(directory.path());
    let new_path = directory.path().join("runde-2027.samvurd");
    OpenRound::open(&old_path)
        .unwrap()
        .next_round("leder", &next_round_request(new_path.clone(), "2028"))
        .unwrap();
    // VV-2026-003 by its reference (another title), VV-2026-005's title in other case and
    // spacing under a new reference, and one new project. VV-2026-009 and VV-2026-019 do not
    // apply again.
    let csv = "Søknadsnr;Prosjekttittel;Ansvarlig søker;Søkerside;Periode fra;Periode til;Omsøkt beløp\n\
        vv-2026-003;Felles inntaksteam, år to;Vestre Viken HF;HF;01.02.2028;31.01.2029;2 000 000\n\
        VV-2027-011;  barn og unges PSYKISKE helse –  tidlig innsats i skolen ;Drammen kommune;kommune;01.08.2028;31.07.2029;700 000\n\
        VV-2027-012;Et helt nytt prosjekt;Lier kommune;kommune;01.01.2028;31.12.2028;300 000\n";
    let old_title = OpenRound::open(&old_path)
        .unwrap()
        .load()
        .unwrap()
        .applications
        .into_iter()
        .find(|application| application.reference.as_str() == "VV-2026-005")
        .unwrap()
        .title;
    assert_eq!(
        samvurd_app::core::continuation::normalise(&old_title),
        "barn og unges psykiske helse – tidlig innsats i skolen",
        "the CSV's second title is the sample's VV-2026-005 in other case and spacing"
    );
    let file = directory.path().join("soknader-2027.csv");
    std::fs::write(&file, csv).unwrap();
    let mut new = OpenRound::open(&new_path).unwrap();
    assert_eq!(new.import_applications("leder", &file).unwrap(), 3);

    let round = new.load().unwrap();
    let links: Vec<(&str, &str, &str)> = round
        .continuations
        .links
        .iter()
        .map(|link| (link.application.as_str(), link.continues.as_str(), link.matched_by.as_str()))
        .collect();
    assert_eq!(
        links,
        [("vv-2026-003", "VV-2026-003", "reference"), ("VV-2027-011", "VV-2026-005", "title")]
    );
    let kinds: Vec<samvurd_app::core::ApplicationKind> =
        round.applications.iter().map(|application| application.kind).collect();
    use samvurd_app::core::ApplicationKind::{Continuation, New};
    assert_eq!(kinds, [Continuation, Continuation, New]);

    // The results JSON: last year's figures beside each, and the candidates at the top.
    let json = serde_json::to_value(new.results().unwrap()).unwrap();
    assert_eq!(json["previous_round"]["file_name"], "runde.samvurd");
    assert_eq!(json["previous_round"]["year"], 2028);
    let candidates: Vec<(String, String)> = json["continuation_candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|grant| {
            (
                grant["reference"].as_str().unwrap().to_owned(),
                grant["granted"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        candidates,
        CANDIDATES_2028.map(|(reference, amount)| (reference.to_owned(), amount.to_owned()))
    );
    let by_reference = |reference: &str| {
        json["applications"]
            .as_array()
            .unwrap()
            .iter()
            .find(|application| application["reference"] == reference)
            .unwrap()
            .clone()
    };
    let three = by_reference("vv-2026-003");
    assert_eq!(three["continuation"]["matched_by"], "reference");
    assert_eq!(three["continuation"]["last_year"]["reference"], "VV-2026-003");
    assert_eq!(three["continuation"]["last_year"]["granted"], "2400000");
    assert_eq!(three["continuation"]["last_year"]["outcome"], "granted");
    assert_eq!(three["continuation"]["last_year"]["reports"]["owed"], 2);
    assert_eq!(three["continuation"]["last_year"]["reports"]["received"], 1);
    let eleven = by_reference("VV-2027-011");
    assert_eq!(eleven["continuation"]["matched_by"], "title");
    assert_eq!(eleven["continuation"]["last_year"]["granted"], "600000");
    assert_eq!(eleven["continuation"]["last_year"]["outcome"], "partly_granted");
    assert!(by_reference("VV-2027-012").get("continuation").is_none());

    // The scoring screen's note.
    let session = Session::with_machine(Machine::at(directory.path().join("maskin")));
    let view = session.open_round(&new_path.display().to_string()).unwrap();
    let note = view.applications[0].continuation.as_ref().expect("a note for VV-2026-003");
    assert_eq!(note.last_year_granted.display, "2\u{a0}400\u{a0}000\u{a0}kr");
    assert!(note.report_status.starts_with("1 av 2 rapporter mottatt"), "{}", note.report_status);
    assert!(view.applications[2].continuation.is_none());

    // The innstilling: a table with last year's figures, and the grants without an application.
    let pdf = directory.path().join("innstilling-2027.pdf");
    new.write_innstilling(&pdf, &samvurd_app::InnstillingOptions::default(), None).unwrap();
    let text = pdf_words(&pdf);
    assert!(text.contains("Videreføringer fra forrige runde"), "{text}");
    assert!(text.contains("2 søknader viderefører tilskudd fra i fjor"), "{text}");
    assert!(text.contains("VV-2026-003 (etter søknadsnummer)"), "{text}");
    assert!(text.contains("VV-2026-005 (etter tittel)"), "{text}");
    assert!(text.contains("innvilget 2 400 000 kr"), "{text}");
    assert!(text.contains("delvis innvilget 600 000 kr"), "{text}");
    assert!(text.contains("1 av 2 rapporter mottatt (per"), "{text}");
    assert!(!text.contains("0 forfalt"), "no overdue count of nothing: {text}");
    assert!(text.contains("uten søknad i denne runden: VV-2026-009"), "{text}");
    assert!(text.contains("VV-2026-019"), "{text}");

    // The same section in a nynorsk innstilling: its own words in nynorsk, no bokmål-only form
    // among them (the titles and names in it are as typed).
    new.set_document_language("leder", "nn").unwrap();
    let pdf = directory.path().join("innstilling-2027-nn.pdf");
    new.write_innstilling(&pdf, &samvurd_app::InnstillingOptions::default(), None).unwrap();
    let text = pdf_words(&pdf);
    let section =
        &text[text.find("Vidareføringar frå førre runde").expect("the nynorsk heading")..];
    let section = &section[..section.find("VV-2026-003").expect("the table")];
    assert!(section.contains("2 søknader fører vidare tilskot frå i fjor"), "{section}");
    assert!(bokmal_forms_in(section, &bokmal_only()).is_empty(), "{section}");
    assert!(text.contains("VV-2026-003 (etter søknadsnummer)"), "{text}");
    assert!(text.contains("innvilga 2 400 000 kr"), "{text}");
    assert!(text.contains("1 av 2 rapportar mottekne (per"), "{text}");
    assert!(!text.contains("0 over frista"), "no overdue count of nothing: {text}");
    assert!(text.contains("utan søknad i denne runden: VV-2026-009"), "{text}");
}
