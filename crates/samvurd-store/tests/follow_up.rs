//! The follow-up register after the grant: it opens after the vedtak, stays writable in the
//! locked round through its own audited changes, and never touches scores, recommendations or
//! the vedtak.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use samvurd_core::reporting::ReportKind;
use samvurd_core::template::Template;
use samvurd_core::{
    Aggregation, Application, ApplicationRef, ChairRecommendation, Criterion, CriterionId,
    MemberId, Money, Outcome, Scale, Score, ScoreValue, testing,
};
use samvurd_store::{Change, Consent, NewRound, Received, RoundFile, StoreError};

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%d.%m.%Y").unwrap()
}

fn application(reference: &str, kroner: i64) -> Application {
    Application {
        amount_requested: Money::from_kroner(kroner),
        period_start: Some(date("01.07.2026")),
        period_end: Some(date("30.06.2027")),
        ..testing::application(reference)
    }
}

/// A round of three applications, scored by two members, with the chair's recommendation on
/// one, decided by the SSU as recommended on 15.06.2026 (which locks it).
fn decided_round(path: &std::path::Path) -> RoundFile {
    let new_round = NewRound {
        title: "Tilskudd 2026".into(),
        helsefellesskap: "Helsefellesskapet i Sør-Rogaland".into(),
        budget_frame: Money::from_kroner(1_000_000),
        deadline: None,
        scale: Scale::default(),
        aggregation: Aggregation::Mean,
        template_id: "sor-rogaland".into(),
        criteria: vec![Criterion {
            id: CriterionId::from("nytte"),
            name: "Nytte".into(),
            guidance: String::new(),
            weight: Decimal::ONE,
            allow_not_applicable: false,
        }],
        gates: Vec::new(),
    };
    let mut round = RoundFile::create(path, &new_round, "leder").unwrap();
    for id in ["kari", "ola"] {
        round.apply("leder", Change::AddMember(testing::member(id))).unwrap();
    }
    let applications = vec![
        application("SR-1", 400_000),
        application("SR-2", 500_000),
        application("SR-3", 300_000),
    ];
    round.apply("leder", Change::AddApplications(applications)).unwrap();
    let mut scores = Vec::new();
    for (member, values) in [("kari", [6, 5, 2]), ("ola", [7, 4, 3])] {
        for (reference, value) in ["SR-1", "SR-2", "SR-3"].into_iter().zip(values) {
            scores.push(Score {
                member: MemberId::from(member),
                application: ApplicationRef::from(reference),
                criterion: CriterionId::from("nytte"),
                value: ScoreValue::Value(value),
                justification: "Godt begrunnet.".into(),
            });
        }
    }
    round.apply("leder", Change::SetScores(scores)).unwrap();
    let recommendation = ChairRecommendation {
        application: ApplicationRef::from("SR-3"),
        outcome: Outcome::Rejected,
        amount: Money::ZERO,
        justification: "Lavest skår.".into(),
    };
    round.apply("leder", Change::SetRecommendation(recommendation)).unwrap();
    let vedtak = samvurd_core::vedtak::as_recommended(
        &round.load().unwrap(),
        date("15.06.2026"),
        "26/01234",
    );
    round.apply("leder", Change::RecordVedtak { vedtak, as_recommended: true }).unwrap();
    assert!(round.lock().unwrap().is_some(), "the vedtak locks the round");
    round
}

#[test]
fn follow_up_changes_in_a_locked_round_are_logged_and_leave_scores_and_recommendations_alone() {
    let directory = tempfile::tempdir().unwrap();
    let mut round = decided_round(&directory.path().join("runde.samvurd"));
    let scores_before = round.scores().unwrap();
    let recommendations_before = round.recommendations().unwrap();
    let vedtak_before = round.vedtak().unwrap().unwrap().vedtak;
    let round_before = round.load().unwrap();
    let log_before = round.audit_log().unwrap().len();

    // Not before it is opened.
    let error = round
        .apply(
            "leder",
            Change::SetGrantFollowUp {
                application: "SR-1".into(),
                paid_out: Money::from_kroner(1),
                deviation: None,
                consent: None,
            },
        )
        .unwrap_err();
    assert!(error.to_string().contains("ikke åpnet"), "{error}");

    let rules = Template::builtin("sor-rogaland").unwrap().reporting;
    round.apply("leder", Change::OpenFollowUp { rules }).unwrap();
    let register = round.follow_up().unwrap().expect("the register is open");
    // SR-3 was rejected: no follow-up. SR-1 and SR-2 owe a status report 15.12.2026 and a
    // final report 30.06.2027.
    let granted: Vec<&str> = register.grants.iter().map(|g| g.application.as_str()).collect();
    assert_eq!(granted, ["SR-1", "SR-2"]);
    let dues: Vec<(&str, ReportKind, NaiveDate)> = register
        .reports
        .iter()
        .map(|report| (report.application.as_str(), report.kind, report.due))
        .collect();
    assert_eq!(
        dues,
        [
            ("SR-1", ReportKind::Status, date("15.12.2026")),
            ("SR-2", ReportKind::Status, date("15.12.2026")),
            ("SR-1", ReportKind::Final, date("30.06.2027")),
            ("SR-2", ReportKind::Final, date("30.06.2027")),
        ]
    );

    let received = Received {
        on: date("20.11.2026"),
        note: "Kom via rapporteringsskjemaet.".into(),
        file_name: Some("statusrapport SR-1.pdf".into()),
        file_sha256: Some("AB".repeat(32)),
    };
    round
        .apply(
            "leder",
            Change::MarkReportReceived {
                application: "sr-1".into(),
                kind: ReportKind::Status,
                number: 1,
                received,
            },
        )
        .unwrap();
    round
        .apply(
            "leder",
            Change::SetGrantFollowUp {
                application: "SR-2".into(),
                paid_out: Money::from_kroner(250_000),
                deviation: Some("Halve beløpet brukes til opplæring i stedet for utstyr.".into()),
                consent: Some(Consent { date: date("01.10.2026"), case_number: "26/04567".into() }),
            },
        )
        .unwrap();

    // Bad input is refused with what to do, and writes nothing.
    let refusals = [
        (
            Change::SetGrantFollowUp {
                application: "SR-1".into(),
                paid_out: Money::from_kroner(400_001),
                deviation: None,
                consent: None,
            },
            "mer enn tildelt",
        ),
        (
            Change::SetGrantFollowUp {
                application: "SR-3".into(),
                paid_out: Money::ZERO,
                deviation: None,
                consent: None,
            },
            "fikk ikke tilskudd",
        ),
        (
            Change::SetGrantFollowUp {
                application: "SR-1".into(),
                paid_out: Money::ZERO,
                deviation: None,
                consent: Some(Consent { date: date("01.10.2026"), case_number: "26/1".into() }),
            },
            "Beskriv avviket først",
        ),
        (
            Change::MarkReportReceived {
                application: "SR-1".into(),
                kind: ReportKind::Periodic,
                number: 1,
                received: Received {
                    on: date("20.11.2026"),
                    note: String::new(),
                    file_name: None,
                    file_sha256: None,
                },
            },
            "skylder ingen periodisk rapport",
        ),
        (
            Change::MarkReportReceived {
                application: "SR-2".into(),
                kind: ReportKind::Status,
                number: 1,
                received: Received {
                    on: date("01.06.2026"),
                    note: String::new(),
                    file_name: None,
                    file_sha256: None,
                },
            },
            "før SSUs vedtak",
        ),
        (Change::OpenFollowUp { rules: Default::default() }, "allerede åpnet"),
    ];
    let log_after_changes = round.audit_log().unwrap().len();
    for (change, fragment) in refusals {
        let error = round.apply("leder", change).unwrap_err();
        assert!(matches!(error, StoreError::Refused(_)), "{error:?}");
        assert!(error.to_string().contains(fragment), "{error} should say {fragment}");
    }
    assert_eq!(round.audit_log().unwrap().len(), log_after_changes, "refusals write nothing");

    // Scores and recommendations stay locked.
    let error = round
        .apply("leder", Change::SetScores(vec![testing::score("kari", "SR-3", "nytte", Some(7))]))
        .unwrap_err();
    assert!(matches!(error, StoreError::RoundLocked { .. }), "{error:?}");
    let error = round
        .apply("leder", Change::ClearRecommendation(ApplicationRef::from("SR-3")))
        .unwrap_err();
    assert!(matches!(error, StoreError::RoundLocked { .. }), "{error:?}");

    // Every follow-up change is in the log, and nothing else moved.
    let log = round.audit_log().unwrap();
    let actions: Vec<&str> = log[log_before..].iter().map(|entry| entry.action.as_str()).collect();
    assert_eq!(actions, ["open_follow_up", "mark_report_received", "set_grant_follow_up"]);
    assert!(
        log[log_before + 1].detail.contains("statusrapport SR-1.pdf"),
        "{:?}",
        log[log_before + 1]
    );
    assert!(log[log_before + 2].detail.contains("26/04567"), "{:?}", log[log_before + 2]);
    assert_eq!(round.scores().unwrap(), scores_before);
    assert_eq!(round.recommendations().unwrap(), recommendations_before);
    assert_eq!(round.vedtak().unwrap().unwrap().vedtak, vedtak_before);
    assert_eq!(
        samvurd_core::evaluate(&round.load().unwrap()),
        samvurd_core::evaluate(&round_before)
    );

    // The register shows what was recorded, and survives reopening the file.
    let path = directory.path().join("runde.samvurd");
    drop(round);
    let round = RoundFile::open(&path).unwrap();
    let register = round.follow_up().unwrap().unwrap();
    let status = &register.reports[0];
    assert_eq!(status.received.as_ref().unwrap().on, date("20.11.2026"));
    assert_eq!(status.received.as_ref().unwrap().file_sha256.as_deref(), Some(&*"ab".repeat(32)));
    let grant = &register.grants[1];
    assert_eq!(grant.paid_out, Money::from_kroner(250_000));
    assert_eq!(grant.granted, Money::from_kroner(500_000));
    assert_eq!(grant.consent.as_ref().unwrap().case_number, "26/04567");
}

#[test]
fn the_register_opens_only_after_the_vedtak() {
    let directory = tempfile::tempdir().unwrap();
    let path = directory.path().join("runde.samvurd");
    let mut round = RoundFile::create(
        &path,
        &NewRound {
            title: "Tilskudd 2026".into(),
            helsefellesskap: "Helsefellesskapet Østfold".into(),
            budget_frame: Money::from_kroner(1_000_000),
            deadline: None,
            scale: Scale::default(),
            aggregation: Aggregation::Mean,
            template_id: "ostfold".into(),
            criteria: vec![testing::criterion("nytte", 1, false)],
            gates: Vec::new(),
        },
        "leder",
    )
    .unwrap();
    let before = round.audit_log().unwrap().len();
    let rules = Template::builtin("ostfold").unwrap().reporting;
    let error = round.apply("leder", Change::OpenFollowUp { rules }).unwrap_err();
    assert!(error.to_string().contains("Registrer vedtaket først"), "{error}");
    assert!(round.follow_up().unwrap().is_none());
    assert_eq!(round.audit_log().unwrap().len(), before);
}
