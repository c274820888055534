//! A member's key presses in scoring. The answer to each is read from the member's own rows
//! only (not the whole merged round), so it is checked against the whole sheet, which is read
//! the long way: after every kind of change, the scored application and the progress must be
//! exactly what the sheet shows.

use samvurd_app::views::{ScoreCellInput, ScoringSheet};
use samvurd_app::{Machine, Session};

fn input(application: &str, criterion: &str, value: &str, justification: &str) -> ScoreCellInput {
    ScoreCellInput {
        application: application.to_owned(),
        criterion: criterion.to_owned(),
        value: value.to_owned(),
        justification: justification.to_owned(),
    }
}

fn entry_of(sheet: &ScoringSheet, application: &str) -> serde_json::Value {
    let entry = sheet
        .applications
        .iter()
        .find(|entry| entry.application.reference == application)
        .expect("the application is in the sheet");
    serde_json::to_value(entry).unwrap()
}

#[test]
fn every_key_press_answers_with_what_the_whole_sheet_shows() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("runde.samvurd");
    samvurd_app::sample::create_sample_round(&path).unwrap();
    let session = Session::with_machine(Machine::at(directory.path().join("maskin")));
    session.open_round(&path.display().to_string()).unwrap();
    // The sample round is merged: other members' scores are in it, and must not leak into
    // this member's answer.
    let round = session.round().unwrap();
    let member = round.members[1].id.clone();
    session.set_identity(Some(member)).unwrap();
    let sheet = session.scoring_sheet().unwrap();
    let first = sheet.applications[0].application.reference.clone();
    let second = sheet.applications[1].application.reference.clone();
    let criteria: Vec<String> =
        sheet.criteria.iter().map(|criterion| criterion.id.clone()).collect();

    let presses = [
        input(&first, &criteria[0], "1", "Svak forankring."),
        input(&first, &criteria[1], "", ""),
        input(&first, &criteria[1], "", "Et utkast før skåren."),
        input(&first, &criteria[1], &sheet.scale_max.to_string(), "Sterk plan."),
        input(&second, &criteria[0], "", ""),
        input(&second, &criteria[0], "2", ""),
    ];
    for press in presses {
        let application = press.application.clone();
        let saved = session.set_score(press).unwrap();
        let sheet = session.scoring_sheet().unwrap();
        let answered = serde_json::to_value(saved.application.expect("the scored application"));
        assert_eq!(answered.unwrap(), entry_of(&sheet, &application), "{application}");
        assert_eq!((saved.done, saved.total), (sheet.done, sheet.total));
    }

    // A recusal takes the application out of the member's count; the answer agrees.
    session.declare_recusal(&second, "Jeg er ansatt hos søkeren.").unwrap();
    let saved = session.set_score(input(&first, &criteria[0], "3", "")).unwrap();
    let sheet = session.scoring_sheet().unwrap();
    assert_eq!((saved.done, saved.total), (sheet.done, sheet.total));
    assert_eq!(serde_json::to_value(saved.application.unwrap()).unwrap(), entry_of(&sheet, &first));
}
