//! The `samvurd` binary end to end: real round files in a temporary directory, the committed
//! fixtures under `tests/data/`, and expectations that were computed outside the code under test
//! (`tests/data/round32/make_round32.py`, with exact fractions).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rust_decimal::Decimal;
use serde_json::Value;

fn data(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data").join(relative)
}

/// This test process's own data directory for the CLI (members' keys), never the user's.
fn machine_dir() -> PathBuf {
    std::env::temp_dir().join(format!("samvurd-cli-test-{}", std::process::id()))
}

fn samvurd(arguments: &[&str]) -> Output {
    samvurd_on(&machine_dir(), arguments)
}

/// Runs samvurd as on a machine whose data directory is `machine`.
fn samvurd_on(machine: &Path, arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samvurd"))
        .env("SAMVURD_DATA_DIR", machine)
        .args(["--som", "testleder"])
        .args(arguments)
        .output()
        .expect("run samvurd")
}

/// Runs a command that must succeed, and returns its standard output.
fn ok(arguments: &[&str]) -> String {
    let output = samvurd(arguments);
    assert!(
        output.status.success(),
        "samvurd {arguments:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Runs a command that must be refused with exit code 1; returns the message.
fn refused(arguments: &[&str]) -> String {
    let output = samvurd(arguments);
    assert_eq!(output.status.code(), Some(1), "samvurd {arguments:?} should be refused");
    String::from_utf8(output.stderr).unwrap()
}

/// A merge with a refused file exits 1; the reasons are in the report on standard output.
fn refused_merge(arguments: &[&str]) -> String {
    let output = samvurd(arguments);
    assert_eq!(output.status.code(), Some(1), "samvurd {arguments:?} should be refused");
    String::from_utf8(output.stdout).unwrap()
}

fn path_text(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The 32-application round: 10 members, their score files, three recusals.
fn build_round32(directory: &Path, applications: &str) -> PathBuf {
    let round = directory.join("runde32.samvurd");
    let round_text = path_text(&round);
    ok(&[
        "create",
        round_text,
        "--title",
        "Tilskudd 2026",
        "--template",
        "standard",
        "--frame",
        "20 500 000",
    ]);
    for index in 1..=10 {
        let id = format!("m{index:02}");
        let name = format!("Medlem {index}");
        let role = ["kommune", "hf", "fastlege", "brukerrepresentant", "annet"][index % 5];
        ok(&["member", "add", round_text, "--id", &id, "--name", &name, "--role", role]);
    }
    ok(&["import", "applications", round_text, path_text(&data(applications))]);
    for index in 1..=10 {
        let file = data(&format!("round32/skarer-m{index:02}.csv"));
        ok(&["import", "scores", round_text, path_text(&file)]);
    }
    ok(&["import", "recusals", round_text, path_text(&data("round32/inhabilitet.csv"))]);
    round
}

/// `p/q` from the expectation file, checked against the program's decimal text digit for digit:
/// docs/engine.md's rule (half away from zero to 28 places, trailing zeros dropped), redone here
/// with plain integers.
fn assert_fraction(actual: &Value, expected: &Value, what: &str) {
    match (actual, expected) {
        (Value::Null, Value::Null) => {}
        (Value::String(actual), Value::String(expected)) => {
            let (numerator, denominator) = expected.split_once('/').unwrap_or((expected, "1"));
            let wanted = decimal_text(numerator.parse().unwrap(), denominator.parse().unwrap());
            assert_eq!(actual, &wanted, "{what}: program says {actual}, expected {expected}");
        }
        _ => panic!("{what}: program says {actual}, expected {expected}"),
    }
}

/// The JSON's decimal text of `numerator / denominator` (denominator positive).
fn decimal_text(numerator: i128, denominator: i128) -> String {
    let places = 28;
    let scaled = numerator.unsigned_abs() * 10u128.pow(places);
    let denominator = denominator.unsigned_abs();
    let (quotient, remainder) = (scaled / denominator, scaled % denominator);
    let rounded = if 2 * remainder >= denominator { quotient + 1 } else { quotient };
    let digits = format!("{rounded:0>29}");
    let (whole, fraction) = digits.split_at(digits.len() - places as usize);
    let fraction = fraction.trim_end_matches('0');
    let sign = if numerator < 0 && rounded != 0 { "-" } else { "" };
    if fraction.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole}.{fraction}") }
}

#[test]
fn results_of_the_32_application_round_equal_the_independently_computed_expectation() {
    let directory = tempfile::tempdir().unwrap();
    let round = build_round32(directory.path(), "import/soknader-excel.csv");
    let results: Value =
        serde_json::from_str(&ok(&["results", path_text(&round), "--json"])).unwrap();
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(data("round32/expected.json")).unwrap())
            .unwrap();

    for key in ["frame", "total_requested", "proposed", "remaining"] {
        assert_eq!(results["budget"][key], expected[key], "budget {key}");
    }
    let actual_applications = results["applications"].as_array().unwrap();
    let expected_applications = expected["applications"].as_array().unwrap();
    assert_eq!(actual_applications.len(), 32);
    for (actual, expected) in actual_applications.iter().zip(expected_applications) {
        let reference = expected["reference"].as_str().unwrap();
        assert_eq!(actual["reference"], expected["reference"], "order of the ranking");
        for key in ["rank", "amount_requested", "proposed_amount", "reason", "scores_counted"] {
            assert_eq!(actual[key], expected[key], "{reference}: {key}");
        }
        assert_fraction(&actual["total"], &expected["total"], &format!("{reference}: total"));
        for (actual_criterion, expected_criterion) in actual["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .zip(expected["criteria"].as_array().unwrap())
        {
            let criterion = expected_criterion["id"].as_str().unwrap();
            assert_eq!(actual_criterion["id"], expected_criterion["id"]);
            assert_fraction(
                &actual_criterion["value"],
                &expected_criterion["value"],
                &format!("{reference}/{criterion}"),
            );
            for key in ["scores_counted", "not_applicable", "recused_excluded"] {
                assert_eq!(
                    actual_criterion[key], expected_criterion[key],
                    "{reference}/{criterion}: {key}"
                );
            }
        }
    }

    // The text view shows each total with two decimals, as the expectation rounded it.
    let text = ok(&["results", path_text(&round)]);
    for expected in expected_applications {
        let line = text
            .lines()
            .find(|line| line.contains(expected["reference"].as_str().unwrap()))
            .unwrap();
        assert!(line.contains(expected["total_2dp"].as_str().unwrap()), "{line}");
    }
}

#[test]
fn the_same_round_imported_from_xlsx_gives_identical_results() {
    let from_csv = tempfile::tempdir().unwrap();
    let from_xlsx = tempfile::tempdir().unwrap();
    let csv_round = build_round32(from_csv.path(), "import/soknader-excel.csv");
    let xlsx_round = build_round32(from_xlsx.path(), "import/soknader.xlsx");
    let csv_results: Value =
        serde_json::from_str(&ok(&["results", path_text(&csv_round), "--json"])).unwrap();
    let xlsx_results: Value =
        serde_json::from_str(&ok(&["results", path_text(&xlsx_round), "--json"])).unwrap();
    assert_eq!(csv_results, xlsx_results);
    let csv_show: Value =
        serde_json::from_str(&ok(&["show", path_text(&csv_round), "--json"])).unwrap();
    let xlsx_show: Value =
        serde_json::from_str(&ok(&["show", path_text(&xlsx_round), "--json"])).unwrap();
    assert_eq!(csv_show["applications"], xlsx_show["applications"]);
    assert_eq!(csv_show["total_requested"], "27977500.5");
}

#[test]
fn a_round_can_be_made_from_each_shipped_template_and_from_an_exported_criteria_file() {
    let directory = tempfile::tempdir().unwrap();
    for template in ["standard", "helse-nord", "ostfold", "sor-rogaland", "vest-viken"] {
        let round = directory.path().join(format!("{template}.samvurd"));
        ok(&[
            "create",
            path_text(&round),
            "--title",
            "Runde",
            "--template",
            template,
            "--frame",
            "10,7",
        ]);
        let show: Value =
            serde_json::from_str(&ok(&["show", path_text(&round), "--json"])).unwrap();
        assert_eq!(show["round"]["template_id"], template);
        assert!(show["criteria"].as_array().unwrap().len() >= 4, "{template} has its criteria");
        assert!(!show["gates"].as_array().unwrap().is_empty(), "{template} has its gates");

        // Exported, then used as a criteria file, the template gives the same criteria.
        let criteria_file = directory.path().join(format!("{template}.toml"));
        ok(&["templates", "--export", template, "-o", path_text(&criteria_file)]);
        let copy = directory.path().join(format!("{template}-kopi.samvurd"));
        ok(&[
            "create",
            path_text(&copy),
            "--title",
            "Kopi",
            "--criteria",
            path_text(&criteria_file),
            "--frame",
            "1",
        ]);
        let copy_show: Value =
            serde_json::from_str(&ok(&["show", path_text(&copy), "--json"])).unwrap();
        assert_eq!(copy_show["criteria"], show["criteria"], "{template}");
    }
}

#[test]
fn a_bad_import_changes_nothing_and_reports_every_bad_row() {
    let directory = tempfile::tempdir().unwrap();
    let round = build_round32(directory.path(), "import/soknader-excel.csv");
    let before = std::fs::read(&round).unwrap();
    let bad_scores = directory.path().join("skarer-feil.csv");
    std::fs::write(
        &bad_scores,
        "Medlem;Søknad;Kriterium;Skår;Begrunnelse\r\nm01;VV-2026-001;baerekraft;9;\r\nm01;VV-2026-002;beon;IR;\r\nukjent;VV-2026-003;beon;4;\r\nm02;VV-2026-004;beon;5;ok\r\n",
    )
    .unwrap();
    let message = refused(&["import", "scores", path_text(&round), path_text(&bad_scores)]);
    assert!(message.contains("Rad 2"), "{message}");
    assert!(message.contains("Rad 3"), "{message}");
    assert!(message.contains("Rad 4"), "{message}");
    assert!(message.contains("Ingenting er importert"), "{message}");
    assert_eq!(std::fs::read(&round).unwrap(), before, "the round must be byte-identical");

    for bad in [
        "import/soknader-feil-belop.csv",
        "import/soknader-mangler-kolonne.csv",
        "import/soknader-tom.csv",
    ] {
        refused(&["import", "applications", path_text(&round), path_text(&data(bad))]);
        assert_eq!(std::fs::read(&round).unwrap(), before, "{bad}");
    }
    // Importing the same applications again is refused as duplicates, all or nothing.
    let message = refused(&[
        "import",
        "applications",
        path_text(&round),
        path_text(&data("import/soknader-excel.csv")),
    ]);
    assert!(message.contains("finnes allerede"), "{message}");
    assert_eq!(std::fs::read(&round).unwrap(), before);
}

#[test]
fn files_that_are_not_rounds_are_refused_with_exit_code_one_and_a_norwegian_message() {
    let directory = tempfile::tempdir().unwrap();
    let random = directory.path().join("tilfeldig.samvurd");
    std::fs::write(&random, [7u8; 4096]).unwrap();
    let message = refused(&["show", path_text(&random)]);
    assert!(message.contains("ikke en Samvurd-rundefil"), "{message}");
    let message = refused(&["results", path_text(&directory.path().join("borte.samvurd"))]);
    assert!(message.contains("Finner ikke fila"), "{message}");
}

#[test]
fn a_wrong_command_line_exits_with_two() {
    let output = samvurd(&["results"]);
    assert_eq!(output.status.code(), Some(2));
    let output = samvurd(&["create", "x.samvurd", "--title", "T", "--frame", "1.200"]);
    assert_eq!(output.status.code(), Some(1), "an ambiguous frame is refused, not guessed");
    assert!(String::from_utf8_lossy(&output.stderr).contains("Rammen"));
}

#[test]
fn a_single_score_and_a_recusal_set_on_the_command_line_change_the_results() {
    let directory = tempfile::tempdir().unwrap();
    let round = directory.path().join("liten.samvurd");
    let round_text = path_text(&round);
    ok(&["create", round_text, "--title", "Liten runde", "--frame", "1 000 000", "--scale", "0-5"]);
    ok(&["member", "add", round_text, "--name", "Kari Nordmann", "--role", "kommune"]);
    ok(&["member", "add", round_text, "--name", "Ola Normann", "--role", "hf"]);
    ok(&["import", "applications", round_text, path_text(&data("import/soknader-excel.csv"))]);
    ok(&[
        "score",
        round_text,
        "-m",
        "kari-nordmann",
        "-a",
        "VV-2026-002",
        "-c",
        "baerekraft",
        "-v",
        "5",
    ]);
    ok(&[
        "score",
        round_text,
        "-m",
        "Ola Normann",
        "-a",
        "VV-2026-002",
        "-c",
        "Bærekraft",
        "-v",
        "2",
    ]);
    let message = refused(&[
        "score",
        round_text,
        "-m",
        "kari-nordmann",
        "-a",
        "VV-2026-002",
        "-c",
        "beon",
        "-v",
        "6",
    ]);
    assert!(message.contains("utenfor skalaen 0–5"), "{message}");

    let total = |round: &str| -> Value {
        let results: Value = serde_json::from_str(&ok(&["results", round, "--json"])).unwrap();
        results["applications"][0].clone()
    };
    let first = total(round_text);
    assert_eq!(first["reference"], "VV-2026-002");
    assert_eq!(first["total"], "3.5");
    ok(&["recuse", round_text, "-m", "ola-normann", "-a", "VV-2026-002", "-r", "Leder prosjektet"]);
    let after = total(round_text);
    assert_eq!(after["total"], "5");
    assert_eq!(after["proposed_amount"], "480000");

    let log = ok(&["log", round_text]);
    assert!(log.contains("testleder  declare_recusals"), "{log}");
}

#[test]
fn nine_members_scoring_in_their_own_copies_and_merged_in_two_batches_equal_a_direct_import() {
    let directory = tempfile::tempdir().unwrap();
    let master = directory.path().join("master.samvurd");
    let master_text = path_text(&master);
    ok(&[
        "create",
        master_text,
        "--title",
        "Tilskudd 2026",
        "--template",
        "standard",
        "--frame",
        "20 500 000",
    ]);
    for index in 1..=9 {
        let id = format!("m{index:02}");
        ok(&[
            "member",
            "add",
            master_text,
            "--id",
            &id,
            "--name",
            &format!("Medlem {index}"),
            "--role",
            "kommune",
        ]);
    }
    ok(&["import", "applications", master_text, path_text(&data("import/soknader-excel.csv"))]);
    let direct = directory.path().join("direkte.samvurd");
    std::fs::copy(&master, &direct).unwrap();
    let direct_text = path_text(&direct);

    // What each member does: import their spreadsheet, then a few changes by hand.
    let member_work = |round: &str, index: usize| {
        let id = format!("m{index:02}");
        ok(&[
            "--som",
            &id,
            "import",
            "scores",
            round,
            path_text(&data(&format!("round32/skarer-{id}.csv"))),
        ]);
        ok(&[
            "--som",
            &id,
            "score",
            round,
            "-m",
            &id,
            "-a",
            "VV-2026-009",
            "-c",
            "beon",
            "-v",
            &(index % 7 + 1).to_string(),
        ]);
        if index == 4 {
            ok(&[
                "--som",
                &id,
                "clear-score",
                round,
                "-m",
                &id,
                "-a",
                "VV-2026-010",
                "-c",
                "spredning",
            ]);
        }
        if index == 7 {
            ok(&[
                "--som",
                &id,
                "recuse",
                round,
                "-m",
                &id,
                "-a",
                "VV-2026-012",
                "-r",
                "Sitter i styringsgruppa",
            ]);
        }
    };

    let mut score_files = Vec::new();
    for index in 1..=9 {
        let copy = directory.path().join(format!("kopi-m{index:02}.samvurd"));
        std::fs::copy(&master, &copy).unwrap();
        member_work(path_text(&copy), index);
        let file = directory.path().join(format!("skarer-m{index:02}.json"));
        ok(&[
            "export-scores",
            path_text(&copy),
            "--member",
            &format!("m{index:02}"),
            "-o",
            path_text(&file),
        ]);
        score_files.push(file);
        member_work(direct_text, index);
    }

    let files: Vec<&str> = score_files.iter().map(|file| path_text(file)).collect();
    let dry = ok(&["merge", master_text, "--dry-run", files[0], files[1]]);
    assert!(dry.contains("Prøvekjøring"), "{dry}");
    let first_batch = ok(&["merge", master_text, files[0], files[1], files[2], files[3], files[4]]);
    assert!(first_batch.contains("Sikkerhetskopi"), "{first_batch}");
    // The second batch carries m03's file again: it changes nothing.
    let mut second: Vec<&str> = vec!["merge", master_text, "--json"];
    second.extend_from_slice(&files[5..]);
    second.push(files[2]);
    let report: Value = serde_json::from_str(&ok(&second)).unwrap();
    let statuses: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| file["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["merged", "merged", "merged", "merged", "unchanged"]);

    let merged: Value = serde_json::from_str(&ok(&["results", master_text, "--json"])).unwrap();
    let imported: Value = serde_json::from_str(&ok(&["results", direct_text, "--json"])).unwrap();
    assert_eq!(merged, imported);
    assert_eq!(merged["applications"].as_array().unwrap().len(), 32);

    // A copy of another round, and a tampered file, are refused and change nothing.
    let before = std::fs::read(&master).unwrap();
    let tampered = directory.path().join("endret.json");
    let text = std::fs::read_to_string(&score_files[0]).unwrap().replacen(
        "\"value\": 3",
        "\"value\": 7",
        1,
    );
    std::fs::write(&tampered, text).unwrap();
    let message = refused(&["merge", master_text, path_text(&tampered)]);
    assert!(message.contains("Ingenting er slått sammen"), "{message}");
    assert_eq!(std::fs::read(&master).unwrap(), before);
}

#[test]
fn a_new_laptops_key_is_refused_until_the_chair_trusts_it_and_unsigned_files_need_godta_usignert() {
    let directory = tempfile::tempdir().unwrap();
    let master = directory.path().join("master.samvurd");
    let master_text = path_text(&master);
    ok(&[
        "create",
        master_text,
        "--title",
        "Tilskudd 2026",
        "--template",
        "standard",
        "--frame",
        "1 000 000",
    ]);
    ok(&["member", "add", master_text, "--id", "kari", "--name", "Kari Nordmann", "--role", "hf"]);
    ok(&["import", "applications", master_text, path_text(&data("import/soknader-excel.csv"))]);
    let copy = directory.path().join("kopi.samvurd");
    std::fs::copy(&master, &copy).unwrap();
    ok(&["score", path_text(&copy), "-m", "kari", "-a", "VV-2026-012", "-c", "beon", "-v", "5"]);
    let first = directory.path().join("forste.json");
    let exported = ok(&["export-scores", path_text(&copy), "-m", "kari", "-o", path_text(&first)]);
    assert!(exported.contains("signert med nøkkelen"), "{exported}");
    let dry = ok(&["merge", master_text, "--dry-run", path_text(&first)]);
    assert!(dry.contains("Kari Nordmann") && dry.contains("(ny)"), "{dry}");
    ok(&["merge", master_text, path_text(&first)]);

    // The same member on a new laptop: another key, refused with both fingerprints.
    let laptop = directory.path().join("ny-pc");
    let second = directory.path().join("andre.json");
    let output = samvurd_on(
        &laptop,
        &["export-scores", path_text(&copy), "-m", "kari", "-o", path_text(&second)],
    );
    assert!(output.status.success());
    let before = std::fs::read(&master).unwrap();
    let message = refused_merge(&["merge", master_text, path_text(&second)]);
    assert!(
        message.contains("runden stoler på nøkkelen") && message.contains("trust-key"),
        "{message}"
    );
    assert_eq!(std::fs::read(&master).unwrap(), before);
    let trusted = ok(&["trust-key", master_text, path_text(&second)]);
    assert!(trusted.contains("stoler nå på nøkkelen"), "{trusted}");
    let log = ok(&["log", master_text]);
    assert!(log.contains("trust_member_key"), "{log}");
    ok(&["merge", master_text, path_text(&second)]);

    // A member's whole round file is unsigned: merged only with --godta-usignert.
    let message = refused_merge(&["merge", master_text, path_text(&copy)]);
    assert!(message.contains("ikke signert") && message.contains("--godta-usignert"), "{message}");
    let merged = ok(&["merge", master_text, "--godta-usignert", path_text(&copy)]);
    assert!(merged.contains("usignert"), "{merged}");
}

#[test]
fn gates_options_and_the_chairs_recommendation_change_the_results_and_are_logged() {
    let directory = tempfile::tempdir().unwrap();
    let round = build_round32(directory.path(), "import/soknader-excel.csv");
    let round_text = path_text(&round);
    let results =
        || -> Value { serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap() };
    let application = |results: &Value, reference: &str| -> Value {
        results["applications"]
            .as_array()
            .unwrap()
            .iter()
            .find(|entry| entry["reference"] == reference)
            .unwrap()
            .clone()
    };
    let before = results();
    let top = before["applications"][0]["reference"].as_str().unwrap().to_owned();
    assert_eq!(before["applications"][0]["reason"], "funded");

    // A failed gate keeps the top application out of the proposal, with the gate named.
    let message = refused(&["gate", round_text, "-a", &top, "-g", "avtale", "-p", "nei"]);
    assert!(message.contains("merknad"), "a failed gate needs a note: {message}");
    ok(&[
        "gate",
        round_text,
        "-a",
        &top,
        "-g",
        "avtale",
        "-p",
        "nei",
        "-n",
        "Ingen avtale med HF er lagt ved.",
    ]);
    let gated = application(&results(), &top);
    assert_eq!(gated["reason"], "failed_gate");
    assert_eq!(gated["proposed_amount"], "0");
    assert_eq!(gated["failed_gates"][0], "avtale");

    // The chair grants it anyway: a deviation without a justification is refused.
    let requested = gated["amount_requested"].as_str().unwrap().to_owned();
    let message =
        refused(&["recommend", round_text, "-a", &top, "-o", "innvilget", "-b", &requested]);
    assert!(message.contains("må begrunnes skriftlig"), "{message}");
    let message = refused(&[
        "recommend",
        round_text,
        "-a",
        &top,
        "-o",
        "innvilget",
        "-b",
        &requested,
        "-j",
        "Avtalen er bekreftet muntlig.",
    ]);
    assert!(message.contains("rammen"), "granting it would exceed the frame: {message}");

    // With partial funding the margin changes; a recorded override lets the chair go over.
    // After scoring has begun a change of method needs a justification.
    let message = refused(&["options", round_text, "--partial-funding", "0,05"]);
    assert!(message.contains("Beregningsmåten er låst"), "{message}");
    ok(&[
        "options",
        round_text,
        "--partial-funding",
        "0,05",
        "--begrunnelse",
        "Gruppa vil fordele resten av rammen.",
    ]);
    assert!(
        results()["applications"]
            .as_array()
            .unwrap()
            .iter()
            .any(|entry| entry["reason"] == "partly_funded")
    );
    ok(&[
        "options",
        round_text,
        "--frame-override",
        "22 000 000",
        "--override-justification",
        "SSU har varslet ekstra midler.",
    ]);
    ok(&[
        "recommend",
        round_text,
        "-a",
        &top,
        "-o",
        "innvilget",
        "-b",
        &requested,
        "-j",
        "Avtalen er bekreftet muntlig.",
    ]);
    let after = results();
    let recommended = application(&after, &top);
    assert_eq!(recommended["recommendation"]["source"], "chair");
    assert_eq!(recommended["recommendation"]["deviates"], true);
    assert_eq!(recommended["recommendation"]["amount"], requested.as_str());
    assert_eq!(
        recommended["proposed_amount"], "0",
        "the computed proposal stays beside the recommendation"
    );

    let log = ok(&["log", round_text]);
    for action in ["answer_gate", "set_options", "set_recommendation"] {
        assert!(log.contains(action), "{action} is logged");
    }
    ok(&["recommend", round_text, "-a", &top, "--clear"]);
    assert_eq!(application(&results(), &top)["recommendation"]["source"], "proposal");
}

/// `1200000` -> `1 200 000`, `500.5` -> `500,50`, as pdftotext gives back the PDF's no-break
/// spaces.
fn kroner_number(canonical: &str) -> String {
    let (whole, fraction) = canonical.split_once('.').unwrap_or((canonical, ""));
    let digits: Vec<char> = whole.chars().collect();
    let mut text = String::new();
    for (index, digit) in digits.iter().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            text.push(' ');
        }
        text.push(*digit);
    }
    if !fraction.is_empty() {
        text.push_str(&format!(",{fraction:0<2}"));
    }
    text
}

/// `1200000` -> `1 200 000 kr`.
fn kroner_text(canonical: &str) -> String {
    format!("{} kr", kroner_number(canonical))
}

/// The PDF's text as poppler's `pdftotext -layout` reads it, no-break spaces as spaces.
fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(
        output.status.success(),
        "pdftotext failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().replace('\u{a0}', " ")
}

/// Round32 with a chair's recommendation that cuts the top application to a part grant.
/// Returns the round, the results before writing anything, the top reference and the amount.
fn round32_with_a_deviation(directory: &Path) -> (PathBuf, String, String) {
    let round = build_round32(directory, "import/soknader-excel.csv");
    let round_text = path_text(&round);
    let results: Value = serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap();
    let top = &results["applications"][0];
    assert_eq!(top["reason"], "funded");
    let reference = top["reference"].as_str().unwrap().to_owned();
    let requested: Decimal = top["amount_requested"].as_str().unwrap().parse().unwrap();
    let amount = (requested - Decimal::from(200_000)).to_string();
    ok(&[
        "recommend",
        round_text,
        "-a",
        &reference,
        "-o",
        "delvis",
        "-b",
        &amount,
        "-j",
        "Arbeidsgruppen mener prosjektet kan starte med et lavere beløp, fordi kommunen har utstyret.",
    ]);
    (round, reference, amount)
}

#[test]
fn the_innstilling_pdf_holds_the_engines_figures_the_justification_and_the_recusals() {
    let directory = tempfile::tempdir().unwrap();
    let (round, reference, amount) = round32_with_a_deviation(directory.path());
    let round_text = path_text(&round);
    let pdf = directory.path().join("innstilling.pdf");
    let message = ok(&[
        "report",
        round_text,
        "-o",
        path_text(&pdf),
        "--generated-at",
        "2026-11-23T14:05:00+01:00",
        "--case-number",
        "26/01234",
    ]);
    assert!(message.contains("innstilling.pdf"), "{message}");
    let text = pdf_text(&pdf);

    assert!(text.contains(&kroner_text(&amount)), "the recommended amount {amount} is in the PDF");
    assert!(text.contains("kommunen har utstyret"), "the chair's justification is in the PDF");
    assert!(text.contains(&format!("Avvik fra beregnet forslag for søknad {reference}")));
    assert!(text.contains("Medlem 3 deltok ikke i vurderingen av søknad VV-2026-005"), "recusal");
    assert!(text.contains("Side 1 av"));
    assert!(text.contains("26/01234"), "the case number is on the cover");
    assert!(text.contains("23.11.2026"));

    // The ranked table's rows agree with `results --json` for the first applications.
    let results: Value = serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap();
    assert_eq!(results["applications"][0]["recommendation"]["amount"], amount.as_str());
    for application in results["applications"].as_array().unwrap().iter().take(6) {
        let reference = application["reference"].as_str().unwrap();
        // The table's amount columns are headed «kr» and hold bare numbers.
        let requested = kroner_number(application["amount_requested"].as_str().unwrap());
        let recommended = kroner_number(application["recommendation"]["amount"].as_str().unwrap());
        assert!(
            text.lines().any(|line| line.contains(reference)
                && line.contains(&requested)
                && line.contains(&recommended)),
            "a table row holds {reference} with {requested} requested and {recommended} recommended"
        );
    }
    let frame = kroner_text(results["budget"]["frame"].as_str().unwrap());
    assert!(text.contains(&frame), "the frame {frame} is on the cover");
}

#[test]
fn the_innstilling_is_byte_identical_when_generated_twice_at_the_same_time() {
    let directory = tempfile::tempdir().unwrap();
    let (round, _, _) = round32_with_a_deviation(directory.path());
    let first = directory.path().join("første.pdf");
    let second = directory.path().join("andre.pdf");
    for pdf in [&first, &second] {
        ok(&[
            "report",
            path_text(&round),
            "-o",
            path_text(pdf),
            "--generated-at",
            "2026-11-23T14:05:00+01:00",
        ]);
    }
    assert!(std::fs::read(&first).unwrap() == std::fs::read(&second).unwrap());
    let message = refused(&["report", path_text(&round), "-o", "x.pdf", "--generated-at", "i går"]);
    assert!(message.contains("2026-11-23T14:05:00+01:00"), "{message}");
}

#[test]
fn every_applicant_gets_an_answer_letter_with_the_outcome_amount_and_conditions() {
    let directory = tempfile::tempdir().unwrap();
    let (round, reference, amount) = round32_with_a_deviation(directory.path());
    let round_text = path_text(&round);
    let folder = directory.path().join("brev");
    let conditions = directory.path().join("vilkar.txt");
    std::fs::write(&conditions, "Rapport til sekretariatet innen 1. juni 2027.").unwrap();
    ok(&[
        "vedtak",
        round_text,
        "--as-recommended",
        "--meeting-date",
        "08.12.2026",
        "--case-number",
        "26/01234",
    ]);
    let message = ok(&[
        "letters",
        round_text,
        "--out-dir",
        path_text(&folder),
        "--conditions",
        path_text(&conditions),
        "--generated-at",
        "2026-12-09T09:00:00+01:00",
    ]);
    assert!(message.contains("Skrev 32 svarbrev"), "{message}");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 32);

    // The part grant: the amount in words a public body uses, the justification, conditions.
    let results: Value = serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap();
    let requested = kroner_text(results["applications"][0]["amount_requested"].as_str().unwrap());
    let text = pdf_text(&folder.join(format!("{reference}.pdf")));
    assert!(text.contains("Vår ref.: 26/01234 – "), "{text}");
    assert!(text.contains(&reference));
    assert!(text.contains("delvis innvilget"), "{text}");
    assert!(text.contains(&format!("{} av omsøkte {requested}", kroner_text(&amount))), "{text}");
    assert!(text.contains("kommunen har utstyret"), "{text}");
    assert!(text.contains("Rapport til sekretariatet innen 1. juni 2027."), "{text}");
    assert!(text.contains("09.12.2026"));
    assert!(text.contains("Side 1 av 1"), "{text}");

    // A rejected application: no conditions, and the words for a rejection.
    let rejected = results["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|application| application["recommendation"]["outcome"] == "rejected")
        .unwrap();
    let rejected_reference = rejected["reference"].as_str().unwrap();
    let text = pdf_text(&folder.join(format!("{rejected_reference}.pdf")));
    assert!(text.contains("søknaden er avslått"), "{text}");
    // The engine's reason in an applicant's words: the rank and what the frame allowed.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("rangerte søknaden som nummer"), "the reason: {flat}");
    assert!(flat.contains("Rammen for runden var 20 500 000 kr"), "the reason: {flat}");
    assert!(!flat.contains("dens tur"), "no jargon: {flat}");
    assert!(!text.contains("Rapport til sekretariatet"), "{text}");
    assert!(text.contains(rejected["applicant"].as_str().unwrap()), "the addressee");
}

#[test]
fn the_export_writes_results_scores_and_recusals_to_xlsx_and_the_results_to_csv() {
    use calamine::{Data, Reader, Xlsx, open_workbook};

    let directory = tempfile::tempdir().unwrap();
    let (round, reference, amount) = round32_with_a_deviation(directory.path());
    let round_text = path_text(&round);
    let xlsx = directory.path().join("resultater.xlsx");
    ok(&["export", round_text, "-o", path_text(&xlsx)]);
    let results: Value = serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap();

    let mut workbook: Xlsx<_> = open_workbook(&xlsx).unwrap();
    assert_eq!(workbook.sheet_names(), ["Resultater", "Skårer", "Inhabilitet"]);
    let sheet = workbook.worksheet_range("Resultater").unwrap();
    assert_eq!(sheet.get_value((0, 1)), Some(&Data::String("Søknadsnr.".into())));
    assert_eq!(sheet.get_value((1, 0)), Some(&Data::Float(1.0)));
    assert_eq!(sheet.get_value((1, 1)), Some(&Data::String(reference.clone())));
    let top = &results["applications"][0];
    let Some(Data::Float(total)) = sheet.get_value((1, 6)) else { panic!("total is a number") };
    let expected: f64 = top["total"].as_str().unwrap()[..6].parse().unwrap();
    assert!((total - expected).abs() < 1e-3, "total {total} against {expected}");
    let amount: f64 = amount.parse().unwrap();
    assert_eq!(sheet.get_value((1, 9)), Some(&Data::Float(amount)));
    assert_eq!(sheet.get_value((1, 10)), Some(&Data::String("delvis innvilget".into())));
    assert_eq!(sheet.height(), 33, "a header and 32 applications");

    let scores = workbook.worksheet_range("Skårer").unwrap();
    assert_eq!(scores.get_value((0, 3)), Some(&Data::String("Skår".into())));
    // Medlem 3 is recused from VV-2026-005: the five stored scores are kept, and marked.
    let marked: Vec<_> = scores
        .rows()
        .filter(|row| row[5] == Data::String("Inhabil – telles ikke".into()))
        .collect();
    assert_eq!(marked.len(), 15, "three recusals, five criteria each");
    assert!(marked.iter().any(|row| row[0] == Data::String("Medlem 3".into())
        && row[1] == Data::String("VV-2026-005".into())));
    let recusals = workbook.worksheet_range("Inhabilitet").unwrap();
    assert_eq!(recusals.height(), 4, "a header and three recusals");
    assert!(recusals.rows().any(|row| row[2] == Data::String("VV-2026-005".into())
        && row[0] == Data::String("Medlem 3".into())));

    let csv = directory.path().join("resultater.csv");
    ok(&["export", round_text, "-o", path_text(&csv)]);
    let bytes = std::fs::read(&csv).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 with BOM");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("Rang;Søknadsnr.;Tittel;"));
    let first = lines.next().unwrap();
    assert!(first.starts_with(&format!("1;{reference};")), "{first}");
    assert!(first.contains(";delvis innvilget;"), "{first}");
    let message = refused(&["export", round_text, "-o", "resultater.ods"]);
    assert!(message.contains(".xlsx eller .csv"), "{message}");
}

#[test]
fn a_locked_round_refuses_changes_until_it_is_unlocked_and_both_are_logged() {
    let directory = tempfile::tempdir().unwrap();
    let round = directory.path().join("runde.samvurd");
    let round_text = path_text(&round);
    ok(&[
        "create",
        round_text,
        "--title",
        "Tilskudd 2026",
        "--template",
        "standard",
        "--frame",
        "1 000 000",
    ]);
    ok(&["member", "add", round_text, "--id", "kari", "--name", "Kari", "--role", "kommune"]);
    ok(&["import", "applications", round_text, path_text(&data("import/soknader-excel.csv"))]);
    // Nobody has scored: every application is below quorum, so the round cannot be finished
    // before the meeting records the group's assessment of each; the refusal lists them.
    let before = std::fs::read(&round).unwrap();
    let message = refused(&["lock", round_text, "--reason", "SSU vedtok fordelingen 12.12.2026"]);
    assert!(message.contains("Runden kan ikke avsluttes"), "{message}");
    assert!(message.contains("VV-2026-001: mangler gruppens vurdering"), "{message}");
    assert_eq!(std::fs::read(&round).unwrap(), before, "a refused lock writes nothing");
    let results: Value = serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap();
    for application in results["applications"].as_array().unwrap() {
        let reference = application["reference"].as_str().unwrap();
        ok(&[
            "consensus",
            round_text,
            "-a",
            reference,
            "--assessment",
            "Ingen har vurdert søknaden; gruppen tar den opp i neste runde.",
        ]);
    }
    ok(&["lock", round_text, "--reason", "SSU vedtok fordelingen 12.12.2026"]);
    let bytes = std::fs::read(&round).unwrap();
    let message =
        refused(&["score", round_text, "-m", "kari", "-a", "VV-2026-001", "-c", "beon", "-v", "5"]);
    assert!(message.contains("Runden er låst"), "{message}");
    assert!(message.contains("SSU vedtok fordelingen"), "{message}");
    assert_eq!(std::fs::read(&round).unwrap(), bytes, "a locked round is left as it was");
    refused(&["unlock", round_text, "--reason", " "]);
    ok(&["unlock", round_text, "--reason", "Feil i et beløp"]);
    ok(&["score", round_text, "-m", "kari", "-a", "VV-2026-001", "-c", "beon", "-v", "5"]);
    let log = ok(&["log", round_text, "--json"]);
    let actions: Vec<String> = serde_json::from_str::<Vec<Value>>(&log)
        .unwrap()
        .iter()
        .map(|entry| entry["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(&actions[actions.len() - 3..], ["lock_round", "unlock_round", "set_scores"]);
}

/// The sample round, opened in a desktop `Session` as well: the two doors onto one file.
fn sample_for_both_doors(directory: &Path) -> (PathBuf, samvurd_app::Session) {
    let round = directory.join("runde.samvurd");
    samvurd_app::sample::create_sample_round(&round).unwrap();
    let session = samvurd_app::Session::new();
    session.open_round(path_text(&round)).unwrap();
    (round, session)
}

#[test]
fn one_table_of_bad_inputs_gets_the_same_norwegian_refusal_from_the_cli_and_the_desktop() {
    use samvurd_app::RecommendationInput;
    use samvurd_app::results::OptionsInput;

    let directory = tempfile::tempdir().unwrap();
    let (round, session) = sample_for_both_doors(directory.path());
    let round_text = path_text(&round).to_owned();
    let dashboard = session.dashboard().unwrap();
    let application = dashboard.applications[0].reference.clone();
    let gate = dashboard.applications[0].gates[0].id.clone();
    let results: Value = serde_json::from_str(&ok(&["results", &round_text, "--json"])).unwrap();
    let requested: Decimal = results["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["reference"] == application.as_str())
        .unwrap()["amount_requested"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let above_request = (requested + Decimal::from(1000)).to_string();
    let options = |change: fn(&mut OptionsInput)| {
        let mut input = OptionsInput {
            aggregation: "mean".to_owned(),
            calibration: false,
            partial_funding: false,
            partial_min_percent: "50".to_owned(),
            total_threshold: String::new(),
            justification: Some("Prøver beregningsmåten.".to_owned()),
        };
        change(&mut input);
        input
    };
    let recommendation = |amount: &str| RecommendationInput {
        application: application.clone(),
        outcome: "delvis".to_owned(),
        amount: amount.to_owned(),
        justification: "Prøver en grense.".to_owned(),
    };

    // (what, the CLI's arguments, the same input through the desktop's Session, a part of the
    // refusal). The desktop's share field is in percent, so the share 1,5 is typed as 150 there.
    type Desktop<'a> = Box<dyn Fn() -> Result<(), samvurd_app::AppError> + 'a>;
    let table: Vec<(&str, Vec<&str>, Desktop<'_>, &str)> = vec![
        (
            "threshold 8 on 1–7",
            vec!["options", &round_text, "--total-threshold", "8"],
            Box::new(|| {
                session
                    .set_round_options(options(|input| input.total_threshold = "8".to_owned()))
                    .map(drop)
            }),
            "Minste totalskår (8) må ligge på skalaen, fra 1 til 7.",
        ),
        (
            "aggregation middel",
            vec!["options", &round_text, "--aggregation", "middel"],
            Box::new(|| {
                session
                    .set_round_options(options(|input| input.aggregation = "middel".to_owned()))
                    .map(drop)
            }),
            "«middel» er ingen måte å slå sammen skårene på.",
        ),
        (
            "gate answer kanskje",
            vec!["gate", &round_text, "-a", &application, "-g", &gate, "-p", "kanskje"],
            Box::new(|| {
                session
                    .answer_gate(application.clone(), gate.clone(), "kanskje".into(), String::new())
                    .map(drop)
            }),
            "«kanskje» er ikke et svar på kravet.",
        ),
        (
            "partial-funding share 1,5",
            vec!["options", &round_text, "--partial-funding", "1,5"],
            Box::new(|| {
                session
                    .set_round_options(options(|input| {
                        input.partial_funding = true;
                        input.partial_min_percent = "150".to_owned();
                    }))
                    .map(drop)
            }),
            "Minste andel ved delvis finansiering (1,5) må være en andel over 0 og høyst 1",
        ),
        (
            "a recommendation above the request",
            vec![
                "recommend",
                &round_text,
                "-a",
                &application,
                "-o",
                "delvis",
                "-b",
                &above_request,
                "-j",
                "Prøver en grense.",
            ],
            Box::new(|| session.record_recommendation(recommendation(&above_request)).map(drop)),
            "er mer enn omsøkt",
        ),
        (
            "amount 1.200",
            vec![
                "recommend",
                &round_text,
                "-a",
                &application,
                "-o",
                "delvis",
                "-b",
                "1.200",
                "-j",
                "Prøver en grense.",
            ],
            Box::new(|| session.record_recommendation(recommendation("1.200")).map(drop)),
            "Beløpet: «1.200»",
        ),
    ];

    for (what, arguments, desktop, expected) in &table {
        let before = std::fs::read(&round).unwrap();
        let from_cli = refused(arguments);
        let from_desktop = desktop().expect_err(what).message;
        assert_eq!(from_cli, format!("Feil: {from_desktop}\n"), "{what}: the doors disagree");
        assert!(from_desktop.contains(expected), "{what}: {from_desktop}");
        assert_eq!(std::fs::read(&round).unwrap(), before, "{what}: a refusal writes nothing");
    }
}

#[test]
fn every_engine_option_can_be_set_from_the_command_line() {
    let directory = tempfile::tempdir().unwrap();
    let (round, _session) = sample_for_both_doors(directory.path());
    let round_text = path_text(&round);
    let criterion: Value = serde_json::from_str(&ok(&["show", round_text, "--json"])).unwrap();
    let criterion = criterion["criteria"][0]["id"].as_str().unwrap().to_owned();
    let minimum = format!("{criterion}=3,5");
    let ladder = format!("beløp, kriterium:{criterion}");
    ok(&[
        "options",
        round_text,
        "--begrunnelse",
        "Prøver alle valgene.",
        "--member-deviation",
        "2,5",
        "--criterion-threshold",
        &minimum,
        "--tie-ladder",
        &ladder,
        "--calibration-min-applications",
        "3",
        "--disagreement-range",
        "4",
        "--bootstrap-draws",
        "500",
    ]);
    let shown: Value = serde_json::from_str(&ok(&["options", round_text, "--json"])).unwrap();
    let options = &shown["options"];
    assert_eq!(options["member_deviation"], "2.5");
    assert_eq!(options["criterion_thresholds"][0], serde_json::json!([criterion, "3.5"]));
    assert_eq!(
        options["tie_ladder"],
        serde_json::json!([
            { "rule": "lower_requested_amount" },
            { "rule": "criterion", "criterion": criterion }
        ])
    );
    assert_eq!(options["calibration_min_applications"], 3);
    assert_eq!(options["disagreement_range"], "4");
    assert_eq!(options["bootstrap_draws"], 500);

    // The same rules as the desktop: a minimum off the scale or an unknown criterion is refused.
    let message = refused(&["options", round_text, "--criterion-threshold", "ukjent=3"]);
    assert!(message.contains("Kriteriet «ukjent» finnes ikke i runden"), "{message}");
    let message = refused(&["options", round_text, "--member-deviation", "9"]);
    assert!(message.contains("høyst 6"), "{message}");
    // `av` takes the minimums away and `standard` goes back to the default.
    ok(&[
        "options",
        round_text,
        "--criterion-threshold",
        "av",
        "--member-deviation",
        "standard",
        "--begrunnelse",
        "Tilbake til standard.",
    ]);
    let shown: Value = serde_json::from_str(&ok(&["options", round_text, "--json"])).unwrap();
    assert_eq!(shown["options"]["criterion_thresholds"], serde_json::json!([]));
    assert_eq!(shown["options"]["member_deviation"], Value::Null);
}

#[test]
fn a_reader_that_stops_early_ends_the_program_quietly_with_exit_code_zero() {
    use std::io::Read;
    let directory = tempfile::tempdir().unwrap();
    let (round, _session) = sample_for_both_doors(directory.path());
    // More than a pipe holds (64 KiB on Linux), so the program is still writing when it closes.
    let whole = ok(&["results", path_text(&round), "--json"]);
    assert!(whole.len() > 128 * 1024, "{} bytes", whole.len());
    let mut child = Command::new(env!("CARGO_BIN_EXE_samvurd"))
        .args(["results", path_text(&round), "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, like `head -c 1`, and close the pipe before the program has written all.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_total_of_exactly_x_125_shows_as_x_13_on_the_dashboard_in_results_in_the_pdf_and_in_the_export()
{
    use calamine::{Data, Reader, Xlsx, open_workbook};

    // Eight members: seven give 5 and one gives 6 on every criterion, so S(a, c) and the total
    // are exactly 41/8 = 5,125 whatever the weights. Half to even would show 5,12.
    let directory = tempfile::tempdir().unwrap();
    let round = directory.path().join("runde.samvurd");
    let round_text = path_text(&round);
    ok(&[
        "create",
        round_text,
        "--title",
        "Avrunding",
        "--template",
        "standard",
        "--frame",
        "1 000 000",
    ]);
    for index in 1..=8 {
        let name = format!("Medlem {index}");
        let id = format!("m{index}");
        ok(&["member", "add", round_text, "--name", &name, "--role", "kommune", "--id", &id]);
    }
    let applications = directory.path().join("soknader.csv");
    std::fs::write(
        &applications,
        "Søknadsnr;Prosjekttittel;Ansvarlig søker;Søkerside;Omsøkt beløp\n\
         X-1;Felles team;Drammen kommune;kommune;100 000\n",
    )
    .unwrap();
    ok(&["import", "applications", round_text, path_text(&applications)]);
    let show: Value = serde_json::from_str(&ok(&["show", round_text, "--json"])).unwrap();
    let mut scores = String::from("Medlem;Søknad;Kriterium;Skår\n");
    for criterion in show["criteria"].as_array().unwrap() {
        for index in 1..=8 {
            let value = if index == 8 { 6 } else { 5 };
            scores
                .push_str(&format!("m{index};X-1;{};{value}\n", criterion["id"].as_str().unwrap()));
        }
    }
    let scores_file = directory.path().join("skarer.csv");
    std::fs::write(&scores_file, scores).unwrap();
    ok(&["import", "scores", round_text, path_text(&scores_file)]);

    let json: Value = serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap();
    assert_eq!(json["applications"][0]["total"], "5.125", "the exact total stays exact");

    let session = samvurd_app::Session::new();
    session.open_round(round_text).unwrap();
    assert_eq!(session.dashboard().unwrap().applications[0].total_display, "5,13");

    let text = ok(&["results", round_text]);
    assert!(text.lines().any(|line| line.contains("X-1") && line.contains("5,13")), "{text}");
    assert!(!text.contains("5,12"), "{text}");

    let pdf = directory.path().join("innstilling.pdf");
    ok(&[
        "report",
        round_text,
        "-o",
        path_text(&pdf),
        "--generated-at",
        "2026-11-23T14:05:00+01:00",
    ]);
    let pdf = pdf_text(&pdf);
    assert!(pdf.contains("5,13"), "the PDF shows 5,13");
    assert!(!pdf.contains("5,12"), "and never 5,12");

    let csv = directory.path().join("resultater.csv");
    ok(&["export", round_text, "-o", path_text(&csv)]);
    let csv = std::fs::read_to_string(&csv).unwrap();
    assert!(
        csv.lines().any(|line| line.contains("X-1") && line.split(';').any(|cell| cell == "5,13")),
        "{csv}"
    );

    // The XLSX cell holds the exact 5,125 with the two-decimal format «0.00», which spreadsheets
    // display rounded half away from zero: 5,13.
    let xlsx = directory.path().join("resultater.xlsx");
    ok(&["export", round_text, "-o", path_text(&xlsx)]);
    let mut workbook: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let sheet = workbook.worksheet_range("Resultater").unwrap();
    assert_eq!(sheet.get_value((1, 6)), Some(&Data::Float(5.125)));
}

#[test]
fn a_copy_made_for_the_members_is_marked_as_a_members_copy_and_the_master_is_unchanged() {
    let directory = tempfile::tempdir().unwrap();
    let master = directory.path().join("master.samvurd");
    let master_text = path_text(&master);
    ok(&[
        "create",
        master_text,
        "--title",
        "Tilskudd 2026",
        "--template",
        "standard",
        "--frame",
        "1 000 000",
    ]);
    let before = std::fs::read(&master).unwrap();
    let copy = directory.path().join("til-medlemmene.samvurd");
    let written = ok(&["member-copy", master_text, "-o", path_text(&copy)]);
    assert!(written.contains("Hvem er du"), "{written}");
    assert_eq!(std::fs::read(&master).unwrap(), before);
    let log = ok(&["log", path_text(&copy)]);
    assert!(log.contains("set_copy_role") && log.contains("\"member\""), "{log}");
    let again = refused(&["member-copy", master_text, "-o", path_text(&copy)]);
    assert!(again.contains("finnes allerede"), "{again}");
}

#[test]
fn a_justified_change_of_method_after_scoring_is_in_the_innstillings_method_appendix() {
    let directory = tempfile::tempdir().unwrap();
    let round = build_round32(directory.path(), "import/soknader-excel.csv");
    let round_text = path_text(&round);
    let message = refused(&["options", round_text, "--aggregation", "median"]);
    assert!(message.contains("Beregningsmåten er låst"), "{message}");
    ok(&[
        "options",
        round_text,
        "--aggregation",
        "median",
        "--begrunnelse",
        "Én ekstrem skår skal ikke avgjøre plassen.",
    ]);
    let log = ok(&["log", round_text, "--json"]);
    assert!(log.contains("change_method"), "the change is in the audit log");
    let pdf = directory.path().join("innstilling.pdf");
    ok(&[
        "report",
        round_text,
        "-o",
        path_text(&pdf),
        "--generated-at",
        "2026-11-23T14:05:00+01:00",
    ]);
    let text = pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Endringer i beregningsmåten etter at skåringen startet"), "{text}");
    assert!(text.contains("Én ekstrem skår skal ikke avgjøre plassen."), "{text}");
    assert!(text.contains("samlet skår (gjennomsnitt eller median)"), "{text}");
}

/// The references of the round's grey-zone applications, in rank order.
fn grey_zone(results: &Value) -> Vec<String> {
    results["applications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|application| application["uncertainty"]["label"] == "grey_zone")
        .map(|application| application["reference"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_meeting_records_chairs_consensus_and_a_lottery_into_the_results_the_pdf_the_letter_and_the_log()
 {
    let directory = tempfile::tempdir().unwrap();
    let round = build_round32(directory.path(), "import/soknader-excel.csv");
    let round_text = path_text(&round);

    // Leader Medlem 1 is recused from VV-2026-020: the deputy chairs that item.
    ok(&["chair", round_text, "--leader", "m01", "--deputy", "m02"]);
    let message = refused(&["chair", round_text, "-a", "VV-2026-020", "--member", "m01"]);
    assert!(message.contains("inhabil i VV-2026-020"), "{message}");

    // A consensus with a majority and a minority view on the top application.
    let results: Value = serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap();
    assert_eq!(results["round"]["options"]["quorum"], 3, "min(3, 10/2)");
    let top = results["applications"][0]["reference"].as_str().unwrap().to_owned();
    let before = std::fs::read(&round).unwrap();
    let message = refused(&[
        "consensus",
        round_text,
        "-a",
        &top,
        "--assessment",
        "Godt prosjekt.",
        "--majority",
        "Full støtte.",
    ]);
    assert!(message.contains("både flertallets og mindretallets syn"), "{message}");
    assert_eq!(std::fs::read(&round).unwrap(), before, "a refused record writes nothing");
    ok(&[
        "consensus",
        round_text,
        "-a",
        &top,
        "--assessment",
        "Et modent samarbeidsprosjekt med tydelig forankring i begge forvaltningsnivåer.",
        "--majority",
        "Flertallet mener prosjektet bør få fullt beløp fra start.",
        "--minority",
        "Mindretallet mener første år bør være et forprosjekt.",
        "--minority-members",
        "m06,m04",
    ]);

    let recorded = std::fs::read(&round).unwrap();

    // The lottery: only grey-zone applications, a seed of six digits or more.
    let grey = grey_zone(&results);
    assert!(grey.len() >= 2, "the round has grey-zone applications: {grey:?}");
    let drawn: Vec<&str> = grey.iter().take(3).map(String::as_str).collect();
    let listed = drawn.join(",");
    let with_top = format!("{listed},{top}");
    for (arguments, expected) in [
        (
            vec!["--seed", "3 5 1 6 2 4", "--source", "Terninger", "--applications", &with_top],
            "ikke i gråsonen",
        ),
        (
            vec!["--seed", "3 5 1", "--source", "Terninger", "--applications", &listed],
            "minst 6 sifre",
        ),
        (
            vec!["--seed", "3 5 1 6 2 4", "--source", " ", "--applications", &listed],
            "hvor tallene kommer fra",
        ),
    ] {
        let mut command = vec!["lottery", round_text];
        command.extend(arguments);
        let message = refused(&command);
        assert!(message.to_lowercase().contains(expected), "{message}");
    }
    assert_eq!(std::fs::read(&round).unwrap(), recorded, "a refused draw writes nothing");
    let draw = |seed: &str| -> Value {
        serde_json::from_str(&ok(&[
            "lottery",
            round_text,
            "--seed",
            seed,
            "--source",
            "Terningkast av Medlem 3 og Medlem 5",
            "--applications",
            &listed,
            "--json",
        ]))
        .unwrap()
    };
    let first = draw("Terninger: 3 5 1 6 2 4");
    assert_eq!(first["seed"], 351_624);
    assert_eq!(
        draw("Terninger: 3 5 1 6 2 4")["sequence"],
        first["sequence"],
        "same seed, same draw"
    );
    let sequences: std::collections::BTreeSet<String> =
        ["6 6 1 2 3 4", "1 2 3 4 5 6", "6 5 4 3 2 1", "2 2 2 3 3 3", "Terninger: 3 5 1 6 2 4"]
            .iter()
            .map(|seed| draw(seed)["sequence"].to_string())
            .collect();
    assert!(sequences.len() > 1, "another seed can give another draw: {sequences:?}");
    let first = draw("Terninger: 3 5 1 6 2 4");
    let mut in_draw: Vec<&str> =
        first["sequence"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    in_draw.sort_unstable();
    let mut chosen = drawn.clone();
    chosen.sort_unstable();
    assert_eq!(in_draw, chosen, "only the applications put in the draw");
    let available: Decimal = first["available"].as_str().unwrap().parse().unwrap();
    let allocated: Decimal = first["allocated"].as_str().unwrap().parse().unwrap();
    assert!(allocated <= available, "{allocated} of {available}");

    let results: Value = serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap();
    assert_eq!(results["lottery"]["seed"], "351624");
    assert_eq!(results["chairs"]["deputy"], "m02");
    let by_reference = |reference: &str| -> Value {
        results["applications"]
            .as_array()
            .unwrap()
            .iter()
            .find(|application| application["reference"] == reference)
            .unwrap()
            .clone()
    };
    assert_eq!(by_reference("VV-2026-020")["chaired_by"], "m02");
    assert_eq!(
        by_reference(&top)["consensus"]["minority_members"],
        serde_json::json!(["m04", "m06"])
    );
    let mut lottery_money = Decimal::ZERO;
    for application in results["applications"].as_array().unwrap() {
        let reference = application["reference"].as_str().unwrap();
        let reason = application["reason"].as_str().unwrap();
        let in_it = drawn.contains(&reference);
        assert_eq!(
            in_it,
            matches!(reason, "drawn_by_lot" | "not_drawn_by_lot"),
            "{reference}: {reason}"
        );
        if in_it {
            lottery_money +=
                application["proposed_amount"].as_str().unwrap().parse::<Decimal>().unwrap();
        }
    }
    assert_eq!(lottery_money, allocated);
    let frame: Decimal = results["budget"]["frame"].as_str().unwrap().parse().unwrap();
    let proposed: Decimal = results["budget"]["proposed"].as_str().unwrap().parse().unwrap();
    assert!(proposed <= frame, "{proposed} within {frame}");

    // The audit log holds the seed, its source and the result.
    let log: Vec<Value> = serde_json::from_str(&ok(&["log", round_text, "--json"])).unwrap();
    let entry = log.iter().rev().find(|entry| entry["action"] == "draw_lots").unwrap();
    let detail: Value = serde_json::from_str(entry["detail"].as_str().unwrap()).unwrap();
    assert_eq!(detail["seed"], "Terninger: 3 5 1 6 2 4");
    assert_eq!(detail["source"], "Terningkast av Medlem 3 og Medlem 5");
    assert_eq!(detail["result"]["sequence"], first["sequence"]);
    assert_eq!(detail["result"]["seed"], 351_624);

    // The innstilling: consensus, majority, minority with names, the stand-in chair, the lottery.
    let pdf = directory.path().join("innstilling.pdf");
    ok(&[
        "report",
        round_text,
        "-o",
        path_text(&pdf),
        "--generated-at",
        "2026-11-23T14:05:00+01:00",
    ]);
    let text = pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("tydelig forankring i begge forvaltningsnivåer"), "the consensus");
    assert!(
        text.contains("Flertallets syn: Flertallet mener prosjektet bør få fullt beløp"),
        "{text}"
    );
    assert!(
        text.contains("Mindretallets syn (Medlem 4 og Medlem 6): Mindretallet mener"),
        "{text}"
    );
    assert!(text.contains("Leder Medlem 1 var inhabil, og nestleder Medlem 2 ledet behandlingen"));
    assert!(text.contains("Loddtrekning i gråsonen"), "the appendix explains the method");
    assert!(text.contains("Fisher–Yates") && text.contains("frøet 351624"), "{text}");
    assert!(text.contains("Trukket ut ved loddtrekning"), "{text}");

    // After the SSU's vedtak, the answer letter quotes the consensus as its justification.
    ok(&[
        "vedtak",
        round_text,
        "--as-recommended",
        "--meeting-date",
        "10.12.2026",
        "--case-number",
        "26/01234",
    ]);
    let folder = directory.path().join("brev");
    ok(&[
        "letters",
        round_text,
        "--out-dir",
        path_text(&folder),
        "--generated-at",
        "2026-12-09T09:00:00+01:00",
    ]);
    let letter = pdf_text(&folder.join(format!("{top}.pdf")))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(letter.contains("Et modent samarbeidsprosjekt med tydelig forankring"), "{letter}");
}

/// Every application's outcome and amount as `results --json` gives the innstilling.
fn innstilt(results: &Value) -> Vec<(String, String, String)> {
    results["applications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|application| {
            (
                application["reference"].as_str().unwrap().to_owned(),
                application["recommendation"]["outcome"].as_str().unwrap().to_owned(),
                application["recommendation"]["amount"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_ssus_vedtak_changes_two_outcomes_and_the_letters_say_so_while_the_innstilling_stays() {
    let directory = tempfile::tempdir().unwrap();
    let (round, _, _) = round32_with_a_deviation(directory.path());
    let round_text = path_text(&round);
    let results: Value = serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap();
    let applications = innstilt(&results);
    let granted = applications.iter().find(|(_, outcome, _)| outcome == "granted").unwrap().clone();
    let rejected =
        applications.iter().find(|(_, outcome, _)| outcome == "rejected").unwrap().clone();
    let rejected_requested = results["applications"]
        .as_array()
        .unwrap()
        .iter()
        .find(|application| application["reference"] == rejected.0.as_str())
        .unwrap()["amount_requested"]
        .as_str()
        .unwrap()
        .to_owned();
    let generated = "2026-12-01T09:00:00+01:00";
    let before = directory.path().join("innstilling-for.pdf");
    ok(&["report", round_text, "-o", path_text(&before), "--generated-at", generated]);

    // Before the vedtak: letters are refused, and nothing is written.
    let folder = directory.path().join("brev");
    let message = refused(&["letters", round_text, "-o", path_text(&folder)]);
    assert!(message.contains("SSU har ikke fattet vedtak"), "{message}");
    assert!(message.contains("--preliminary"), "{message}");
    assert!(!folder.exists(), "a refused command writes nothing");

    // Unless the chair asks for preliminary letters: each says so.
    let preliminary = directory.path().join("forelopig");
    let message = ok(&["letters", round_text, "-o", path_text(&preliminary), "--preliminary"]);
    assert!(message.contains("Skrev 32 foreløpige svarbrev"), "{message}");
    let text = pdf_text(&preliminary.join(format!("{}.pdf", granted.0)));
    assert!(text.contains("FORELØPIG SVAR"), "{text}");
    assert!(text.contains("Foreløpig svar på søknad"), "{text}");

    // A differing decision without the SSU's note is refused and writes nothing.
    let bytes = std::fs::read(&round).unwrap();
    let no_note = format!("{};avslått;0;", granted.0);
    let message = refused(&[
        "vedtak",
        round_text,
        "--meeting-date",
        "10.12.2026",
        "--case-number",
        "26/04711",
        "--change",
        &no_note,
    ]);
    assert!(message.contains("Skriv SSUs merknad"), "{message}");
    assert_eq!(std::fs::read(&round).unwrap(), bytes, "the refused vedtak wrote nothing");

    // The SSU turns one grant down and grants one rejected application in full.
    let turned_down = format!(
        "{};avslått;0;SSU vil heller styrke tiltak i kommunene i år, og avslår derfor søknaden.",
        granted.0
    );
    let granted_instead = format!(
        "{};innvilget;{rejected_requested};SSU la vekt på at tiltaket når brukere i distriktene.",
        rejected.0
    );
    let message = ok(&[
        "vedtak",
        round_text,
        "--meeting-date",
        "10.12.2026",
        "--case-number",
        "26/04711",
        "--change",
        &turned_down,
        "--change",
        &granted_instead,
        "--conditions",
        &format!("{};Tilskuddet utbetales når samarbeidsavtalen er signert.", rejected.0),
    ]);
    assert!(message.contains("Registrerte SSUs vedtak 10.12.2026 (sak 26/04711)"), "{message}");
    assert!(message.contains("2 vedtak er annerledes enn innstillingen"), "{message}");

    // The innstilling is kept beside the vedtak: the same PDF, byte for byte.
    let after = directory.path().join("innstilling-etter.pdf");
    ok(&["report", round_text, "-o", path_text(&after), "--generated-at", generated]);
    assert!(std::fs::read(&before).unwrap() == std::fs::read(&after).unwrap());
    let results_after: Value =
        serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap();
    assert_eq!(innstilt(&results_after), applications, "the recommendation is unchanged");

    // The letters give the SSU's outcome, amount and note.
    ok(&["letters", round_text, "-o", path_text(&folder)]);
    let text = pdf_text(&folder.join(format!("{}.pdf", granted.0)));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("søknaden er avslått"), "{flat}");
    assert!(flat.contains("SSU vil heller styrke tiltak i kommunene"), "{flat}");
    assert!(flat.contains("i møte 10.12.2026"), "{flat}");
    assert!(flat.contains("Vår ref.: 26/04711 – "), "{flat}");
    assert!(!flat.contains("Foreløpig") && !flat.contains("FORELØPIG"), "{flat}");
    let text = pdf_text(&folder.join(format!("{}.pdf", rejected.0)));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("søknaden er innvilget"), "{flat}");
    assert!(flat.contains(&format!("tilskudd på {}", kroner_text(&rejected_requested))), "{flat}");
    assert!(flat.contains("brukere i distriktene"), "{flat}");
    assert!(flat.contains("utbetales når samarbeidsavtalen er signert"), "{flat}");
    assert!(
        !flat.contains("rangerte søknaden som nummer"),
        "no reason for another outcome: {flat}"
    );
    // The round title is quoted as written, never lower-cased mid-sentence.
    assert!(flat.contains("i runden «Tilskudd 2026»"), "{flat}");

    // The round is locked after the vedtak, and the log holds it with both differences.
    let message = refused(&[
        "recommend",
        round_text,
        "-a",
        &granted.0,
        "-o",
        "avslått",
        "-b",
        "0",
        "-j",
        "Endret.",
    ]);
    assert!(message.contains("låst"), "{message}");
    let log: Value = serde_json::from_str(&ok(&["log", round_text, "--json"])).unwrap();
    let entry = log.as_array().unwrap().last().unwrap();
    assert_eq!(entry["action"], "record_vedtak");
    let detail: Value = serde_json::from_str(entry["detail"].as_str().unwrap()).unwrap();
    assert_eq!(detail["differences"].as_array().unwrap().len(), 2, "{detail}");
}

#[test]
fn vedta_som_innstilt_copies_the_innstilling_in_one_logged_action() {
    let directory = tempfile::tempdir().unwrap();
    let (round, _, _) = round32_with_a_deviation(directory.path());
    let round_text = path_text(&round);
    let message = refused(&["vedtak", round_text, "--as-recommended"]);
    assert!(message.contains("--meeting-date"), "{message}");
    let entries_before = serde_json::from_str::<Value>(&ok(&["log", round_text, "--json"]))
        .unwrap()
        .as_array()
        .unwrap()
        .len();
    let message = ok(&[
        "vedtak",
        round_text,
        "--as-recommended",
        "--meeting-date",
        "10.12.2026",
        "--case-number",
        "26/04711",
    ]);
    assert!(message.contains("vedtatt som innstilt"), "{message}");
    assert!(message.contains("0 vedtak er annerledes"), "{message}");
    let log: Value = serde_json::from_str(&ok(&["log", round_text, "--json"])).unwrap();
    let log = log.as_array().unwrap();
    assert_eq!(log.len(), entries_before + 1, "one action");
    assert_eq!(log.last().unwrap()["action"], "vedta_som_innstilt");
    let shown = ok(&["vedtak", round_text]);
    assert!(shown.contains("Registrert: SSUs vedtak 10.12.2026"), "{shown}");
}

#[test]
fn report_offentlig_writes_the_public_version_with_every_amount_and_the_rounds_own_ground() {
    let directory = tempfile::tempdir().unwrap();
    let (round, _, _) = round32_with_a_deviation(directory.path());
    let round_text = path_text(&round);
    let public = directory.path().join("innstilling-offentlig.pdf");
    let message = ok(&["report", round_text, "-o", path_text(&public), "--offentlig"]);
    assert!(message.contains("den offentlige versjonen"), "{message}");
    let text = pdf_text(&public).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Unntatt offentlighet, offl. § 13 jf. fvl. § 13 første ledd nr. 1"));
    let results: Value = serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap();
    for application in results["applications"].as_array().unwrap() {
        let amount = kroner_text(application["recommendation"]["amount"].as_str().unwrap());
        assert!(text.contains(&amount), "{amount} is in the public version");
    }

    let own = directory.path().join("egen-hjemmel.pdf");
    ok(&[
        "report",
        round_text,
        "-o",
        path_text(&own),
        "--offentlig",
        "--withheld-ground",
        "offl. § 26 femte ledd",
    ]);
    let text = pdf_text(&own).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Unntatt offentlighet, offl. § 26 femte ledd"), "{text}");
    assert!(!text.contains("fvl. § 13"), "only the round's own ground");
}

#[test]
fn samvurd_language_sets_nynorsk_for_the_round_and_north_sami_for_one_applicant() {
    let directory = tempfile::tempdir().unwrap();
    let (round, reference, _) = round32_with_a_deviation(directory.path());
    let round_text = path_text(&round);
    let bytes = std::fs::read(&round).unwrap();
    let message = refused(&["language", round_text, "--documents", "tysk"]);
    assert!(message.contains("nb (bokmål), nn (nynorsk) eller se (nordsamisk)"), "{message}");
    assert_eq!(std::fs::read(&round).unwrap(), bytes, "a refused choice writes nothing");
    let choice = format!("{reference}=se");
    let shown = ok(&["language", round_text, "--documents", "nn", "--letter", &choice]);
    assert!(shown.contains(&format!("{reference}  ")), "{shown}");
    assert!(shown.contains("nordsamisk med norsk kopi på nynorsk"), "{shown}");
    assert!(shown.lines().filter(|line| line.ends_with(": nynorsk")).count() == 31, "{shown}");
    ok(&[
        "vedtak",
        round_text,
        "--as-recommended",
        "--meeting-date",
        "10.12.2026",
        "--case-number",
        "26/1",
    ]);
    // The language is no part of the decision: it can still be chosen in the locked round.
    ok(&["language", round_text, "--letter", &format!("{reference}=standard")]);
    ok(&["language", round_text, "--letter", &choice]);
    let folder = directory.path().join("brev");
    let message = ok(&["letters", round_text, "-o", path_text(&folder)]);
    assert!(message.contains("Skrev 33 svarbrev"), "{message}");
    let text = pdf_text(&folder.join(format!("{reference}.pdf")));
    assert!(text.contains("Dearvvuođaiguin"), "{text}");
    let text = pdf_text(&folder.join(format!("{reference}-norsk.pdf")));
    assert!(text.contains("Med venleg helsing"), "{text}");
    let log: Value = serde_json::from_str(&ok(&["log", round_text, "--json"])).unwrap();
    let actions: Vec<&str> =
        log.as_array().unwrap().iter().map(|entry| entry["action"].as_str().unwrap()).collect();
    assert!(actions.contains(&"set_document_language") && actions.contains(&"set_letter_language"));
}

#[test]
fn a_forms_export_imports_after_choosing_its_columns_and_the_next_export_reuses_the_choice() {
    let directory = tempfile::tempdir().unwrap();
    let round = directory.path().join("forms.samvurd");
    let round_text = path_text(&round);
    ok(&[
        "create",
        round_text,
        "--title",
        "Tilskudd 2027",
        "--template",
        "standard",
        "--frame",
        "5 000 000",
    ]);
    let first = data("import/forms-eksport-1.xlsx");
    let second = data("import/forms-eksport-2.xlsx");

    // Question texts as headers: the import names the fields and the file's headers.
    let before = std::fs::read(&round).unwrap();
    let message = refused(&["import", "applications", round_text, path_text(&first)]);
    assert!(message.contains("«Omsøkt beløp» (felt beløp"), "{message}");
    assert!(message.contains("«Søkt beløp (kr)»"), "{message}");
    assert_eq!(std::fs::read(&round).unwrap(), before, "a refused file changes nothing");

    // A column that is not in the file is refused, naming it.
    let message = refused(&[
        "import",
        "applications",
        round_text,
        path_text(&first),
        "--kolonne",
        "beløp=Beløp i kroner",
    ]);
    assert!(message.contains("«Beløp i kroner»"), "{message}");
    assert_eq!(std::fs::read(&round).unwrap(), before);

    let output = ok(&[
        "import",
        "applications",
        round_text,
        path_text(&first),
        "--kolonne",
        "søknadsnr=ID",
        "--kolonne",
        "tittel=Navn på prosjektet",
        "--kolonne",
        "søker=Hvilken organisasjon søker?",
        "--kolonne",
        "beløp=Søkt beløp (kr)",
        "--kolonne",
        "sammendrag=Beskriv prosjektet kort",
    ]);
    assert!(output.contains("Importerte 3 søknader"), "{output}");
    assert!(output.contains("lagret i runden"), "{output}");

    // The next export of the same form needs no choice.
    let output = ok(&["import", "applications", round_text, path_text(&second)]);
    assert!(output.contains("Importerte 2 søknader"), "{output}");
    assert!(output.contains("Brukte kolonnevalget"), "{output}");

    let results: Value = serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap();
    let applications = results["applications"].as_array().unwrap();
    assert_eq!(applications.len(), 5);
    let sides: Vec<(&str, &str)> = applications
        .iter()
        .map(|a| (a["applicant"].as_str().unwrap(), a["applicant_side"].as_str().unwrap()))
        .collect();
    assert!(
        sides.contains(&("Helse Stavanger – Stavanger universitetssjukehus", "hf")),
        "{sides:?}"
    );
    assert!(sides.contains(&("Guovdageainnu suohkan", "kommune")), "{sides:?}");
    assert!(sides.contains(&("Helse Bergen, Haukeland universitetssjukehus", "hf")), "{sides:?}");
    let show: Value = serde_json::from_str(&ok(&["show", round_text, "--json"])).unwrap();
    assert_eq!(show["total_requested"], "3750000");
}

#[test]
fn the_follow_up_lists_overdue_reports_with_days_and_marking_one_received_moves_it_out() {
    let directory = tempfile::tempdir().unwrap();
    let round = build_round32(directory.path(), "import/soknader-excel.csv");
    let round_text = path_text(&round);

    // Not before the vedtak.
    let message = refused(&["oppfolging", "apne", round_text]);
    assert!(message.contains("Registrer vedtaket først"), "{message}");
    ok(&[
        "vedtak",
        round_text,
        "--meeting-date",
        "15.06.2026",
        "--case-number",
        "26/01234",
        "--as-recommended",
    ]);

    // The round is from the standard template, which asks for no reports: Østfold's rules
    // come from its criteria file instead.
    let criteria = directory.path().join("ostfold.toml");
    ok(&["templates", "--export", "ostfold", "-o", path_text(&criteria)]);
    let message = ok(&["oppfolging", "apne", round_text, "--criteria", path_text(&criteria)]);
    assert!(message.contains("Åpnet oppfølgingen"), "{message}");

    let list = |date: &str| -> Value {
        serde_json::from_str(&ok(&["oppfolging", "vis", round_text, "--date", date, "--json"]))
            .unwrap()
    };
    let results: Value = serde_json::from_str(&ok(&["results", round_text, "--json"])).unwrap();
    let mut granted: Vec<String> = innstilt(&results)
        .into_iter()
        .filter(|(_, outcome, _)| outcome != "rejected")
        .map(|(reference, _, _)| reference)
        .collect();
    granted.sort();
    let before = list("15.07.2027");
    let listed: Vec<&str> = before["grants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["reference"].as_str().unwrap())
        .collect();
    assert_eq!(listed, granted, "every granted application, and only those");

    // VV-2026-002 (period 01.01.2027–31.12.2027) owes a half-year report 30.06.2027, 15 days
    // overdue on 15.07.2027, and a final report 31.03.2028 (three months after the end).
    assert!(granted.iter().any(|reference| reference == "VV-2026-002"), "{granted:?}");
    let rows_of = |view: &Value, reference: &str| -> Vec<Value> {
        view["reports"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|row| row["reference"] == reference)
            .cloned()
            .collect()
    };
    let rows = rows_of(&before, "VV-2026-002");
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["kind"], "periodic");
    assert_eq!(rows[0]["due"], "2027-06-30");
    assert_eq!(rows[0]["status"], "overdue");
    assert_eq!(rows[0]["days_overdue"], 15);
    assert_eq!(rows[1]["kind"], "final");
    assert_eq!(rows[1]["due"], "2028-03-31");
    assert_eq!(rows[1]["status"], "due");
    assert_eq!(rows[1]["days_overdue"], Value::Null);
    let text =
        ok(&["oppfolging", "vis", round_text, "--date", "15.07.2027", "--sort", "forsinkelse"]);
    assert!(text.contains("forfalt, 15 dager"), "{text}");

    // A receipt for a report the application does not owe is refused and writes nothing.
    let bytes = std::fs::read(&round).unwrap();
    let message = refused(&[
        "oppfolging",
        "mottatt",
        round_text,
        "-a",
        "VV-2026-002",
        "-r",
        "status",
        "-d",
        "01.12.2026",
    ]);
    assert!(message.contains("skylder ingen statusrapport"), "{message}");
    assert_eq!(std::fs::read(&round).unwrap(), bytes);

    // Marked received (with the report file referenced by name and checksum): out of «forfalt».
    let report = directory.path().join("halvårsrapport.pdf");
    std::fs::write(&report, b"rapport").unwrap();
    ok(&[
        "oppfolging",
        "mottatt",
        round_text,
        "-a",
        "VV-2026-002",
        "-r",
        "periodisk:1",
        "-d",
        "01.12.2026",
        "-n",
        "Sendt via Forms.",
        "-f",
        path_text(&report),
    ]);
    let after = list("15.07.2027");
    let rows = rows_of(&after, "VV-2026-002");
    assert_eq!(rows[0]["status"], "received");
    assert_eq!(rows[0]["days_overdue"], Value::Null);
    assert_eq!(rows[0]["file_name"], "halvårsrapport.pdf");
    // `printf rapport | sha256sum`
    assert_eq!(
        rows[0]["file_sha256"],
        "862f957bff971a511b2a804c86639d819d6c5a78cc82800440a14316ce692fd0"
    );
    assert_eq!(after["overdue"].as_u64().unwrap() + 1, before["overdue"].as_u64().unwrap());
    assert_eq!(after["received"], 1);
}

/// The PDF's text in the order it was drawn (`pdftotext -raw`), which keeps each table cell
/// together, with no-break spaces as spaces and lines joined.
fn raw_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8(output.stdout)
        .unwrap()
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`ok`] with no-break spaces as spaces.
fn ok_text(arguments: &[&str]) -> String {
    ok(arguments).replace('\u{a0}', " ")
}

/// PDFBox Preflight (Debian's libpdfbox2-java) on one file: PDF/A-1b with no error.
fn preflight(pdf: &Path) {
    let classpath = [
        "pdfbox2.jar",
        "pdfbox2-tools.jar",
        "preflight.jar",
        "xmpbox.jar",
        "fontbox2.jar",
        "commons-logging.jar",
        "javax.activation.jar",
        "jaxb-api.jar",
    ]
    .map(|jar| format!("/usr/share/java/{jar}"))
    .join(":");
    let output = Command::new("java")
        .args(["-cp", &classpath, "org.apache.pdfbox.preflight.Validator_A1b"])
        .arg(pdf)
        .output()
        .expect("java (default-jre-headless) and libpdfbox2-java are installed");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("is a valid PDF/A-1b file"), "{}: {stdout}", pdf.display());
}

/// The round32 round after a vedtak of 15.06.2026 as recommended, with the follow-up opened on
/// Østfold's rules (half-yearly reports, a final report three months after the period).
fn round32_in_follow_up(directory: &Path) -> PathBuf {
    let round = build_round32(directory, "import/soknader-excel.csv");
    let round_text = path_text(&round);
    ok(&[
        "vedtak",
        round_text,
        "--meeting-date",
        "15.06.2026",
        "--case-number",
        "26/01234",
        "--as-recommended",
    ]);
    let criteria = directory.join("ostfold.toml");
    ok(&["templates", "--export", "ostfold", "-o", path_text(&criteria)]);
    ok(&["oppfolging", "apne", round_text, "--criteria", path_text(&criteria)]);
    round
}

#[test]
fn reminders_are_written_only_for_overdue_reports_and_a_receipt_takes_its_letter_away() {
    let directory = tempfile::tempdir().unwrap();
    let round = round32_in_follow_up(directory.path());
    let round_text = path_text(&round);
    let list = |date: &str| -> Value {
        serde_json::from_str(&ok(&["oppfolging", "vis", round_text, "--date", date, "--json"]))
            .unwrap()
    };
    let overdue_applications = |view: &Value| -> Vec<String> {
        let mut references: Vec<String> = view["reports"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|row| row["status"] == "overdue")
            .map(|row| row["reference"].as_str().unwrap().to_owned())
            .collect();
        references.sort();
        references.dedup();
        references
    };
    let letters_in = |folder: &Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .map(|entries| {
                entries.map(|entry| entry.unwrap().file_name().into_string().unwrap()).collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    };

    // Nothing is overdue the day after the vedtak: no letter, no folder.
    let early = directory.path().join("purring-tidlig");
    let message = ok(&[
        "oppfolging",
        "purring",
        round_text,
        "--mappe",
        path_text(&early),
        "--dato",
        "16.06.2026",
    ]);
    assert!(message.contains("Ingen rapporter er forfalt per 16.06.2026"), "{message}");
    assert!(letters_in(&early).is_empty());

    // On 15.07.2027 some reports are overdue and others not yet due: one letter per applicant
    // with an overdue report, and only for them.
    let view = list("15.07.2027");
    let expected = overdue_applications(&view);
    assert!(!expected.is_empty());
    let not_overdue: Vec<&str> = view["grants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|grant| grant["reference"].as_str().unwrap())
        .filter(|reference| !expected.iter().any(|overdue| overdue == reference))
        .collect();
    assert!(!not_overdue.is_empty(), "the day must leave some grants without an overdue report");
    let folder = directory.path().join("purring");
    ok(&[
        "oppfolging",
        "purring",
        round_text,
        "--mappe",
        path_text(&folder),
        "--dato",
        "15.07.2027",
    ]);
    let written = letters_in(&folder);
    let wanted: Vec<String> =
        expected.iter().map(|reference| format!("purring-{reference}.pdf")).collect();
    assert_eq!(written, wanted);

    // VV-2026-002's letter names its half-year report and the due date, 15 days overdue.
    let letter = folder.join("purring-VV-2026-002.pdf");
    preflight(&letter);
    let text = raw_text(&letter);
    for needle in [
        "Purring på rapport",
        "Periodisk rapport nr. 1",
        "30.06.2027",
        "15 dager",
        "Søknad VV-2026-002",
    ] {
        assert!(text.contains(needle), "«{needle}» in {text}");
    }
    assert!(!text.contains("Sluttrapport"), "the final report is not overdue yet: {text}");

    // Received: VV-2026-002 has nothing overdue left and gets no letter the next time.
    ok(&[
        "oppfolging",
        "mottatt",
        round_text,
        "-a",
        "VV-2026-002",
        "-r",
        "periodisk:1",
        "-d",
        "01.12.2026",
    ]);
    let after = list("15.07.2027");
    assert!(!overdue_applications(&after).contains(&"VV-2026-002".to_owned()));
    let again = directory.path().join("purring-igjen");
    ok(&[
        "oppfolging",
        "purring",
        round_text,
        "--mappe",
        path_text(&again),
        "--dato",
        "15.07.2027",
    ]);
    let written = letters_in(&again);
    assert!(!written.contains(&"purring-VV-2026-002.pdf".to_owned()), "{written:?}");
    assert_eq!(written.len(), overdue_applications(&after).len());
}

#[test]
fn the_half_year_status_lists_every_granted_project_with_its_money_and_status_line() {
    let directory = tempfile::tempdir().unwrap();
    let round = round32_in_follow_up(directory.path());
    let round_text = path_text(&round);
    let view: Value = serde_json::from_str(&ok(&[
        "oppfolging",
        "vis",
        round_text,
        "--date",
        "15.07.2027",
        "--json",
    ]))
    .unwrap();
    let grants = view["grants"].as_array().unwrap().clone();
    let first = grants[0]["reference"].as_str().unwrap().to_owned();
    let second = grants[1]["reference"].as_str().unwrap().to_owned();

    // Money paid out and the use of it: refused when more than granted, and nothing is written.
    let bytes = std::fs::read(&round).unwrap();
    let message =
        refused(&["oppfolging", "tilskudd", round_text, "-a", &first, "--utbetalt", "999 999 999"]);
    assert!(message.contains("er mer enn tildelt"), "{message}");
    let message = refused(&[
        "oppfolging",
        "tilskudd",
        round_text,
        "-a",
        &first,
        "--samtykke-dato",
        "01.03.2027",
        "--samtykke-sak",
        "27/00321",
    ]);
    assert!(message.contains("Beskriv avviket først"), "{message}");
    assert_eq!(std::fs::read(&round).unwrap(), bytes, "a refused change writes nothing");

    let said = ok_text(&[
        "oppfolging",
        "tilskudd",
        round_text,
        "-a",
        &first,
        "--utbetalt",
        "100 000",
        "--avvik",
        "Prosjektleder sluttet; oppstart flyttet til høsten.",
        "--samtykke-dato",
        "01.03.2027",
        "--samtykke-sak",
        "27/00321",
    ]);
    assert!(said.contains("utbetalt 100 000 kr"), "{said}");
    assert!(said.contains("SSUs samtykke 01.03.2027, sak 27/00321"), "{said}");
    // The amount alone keeps the deviation and consent; «som planlagt» drops both.
    ok(&[
        "oppfolging",
        "tilskudd",
        round_text,
        "-a",
        &second,
        "--avvik",
        "Utstyr i stedet for kurs.",
    ]);
    let said =
        ok_text(&["oppfolging", "tilskudd", round_text, "-a", &first, "--utbetalt", "150 000"]);
    assert!(said.contains("utbetalt 150 000 kr, avvik: Prosjektleder sluttet"), "{said}");
    let log: Value = serde_json::from_str(&ok(&["log", round_text, "--json"])).unwrap();
    let actions: Vec<&str> =
        log.as_array().unwrap().iter().map(|entry| entry["action"].as_str().unwrap()).collect();
    assert_eq!(
        actions.iter().filter(|action| **action == "set_grant_follow_up").count(),
        3,
        "{actions:?}"
    );

    let pdf = directory.path().join("status").join("halvarsstatus.pdf");
    let message =
        ok(&["oppfolging", "status", round_text, "--ut", path_text(&pdf), "--dato", "15.07.2027"]);
    assert!(message.contains("per 15.07.2027"), "{message}");
    preflight(&pdf);
    let text = raw_text(&pdf);
    assert!(text.contains("Halvårsstatus til SSU"), "{text}");
    assert!(text.contains("Status per 15.07.2027"), "{text}");
    // Every granted project, with its granted amount and a status line.
    for grant in &grants {
        let reference = grant["reference"].as_str().unwrap();
        assert!(text.contains(reference), "{reference} in {text}");
        let granted = grant["granted"]["display"].as_str().unwrap().replace('\u{a0}', " ");
        assert!(text.contains(&granted), "{granted} in {text}");
    }
    let lines =
        ["Rapport forfalt", "rapporter forfalt", "I rute; neste er", "Alle rapporter er mottatt"];
    let status_lines: usize = lines.iter().map(|line| text.matches(line).count()).sum();
    assert_eq!(status_lines, grants.len(), "one status line per project: {text}");
    assert!(text.contains("150 000 kr"), "{text}");
    assert!(text.contains("endret bruk med SSUs samtykke"), "{text}");
    assert!(text.contains("avvik uten SSUs samtykke"), "{text}");
    assert!(text.contains("SSU samtykket skriftlig 01.03.2027 (sak 27/00321)"), "{text}");
}

#[test]
fn bad_follow_up_inputs_get_the_same_refusal_from_the_cli_and_the_desktop_and_write_nothing() {
    use samvurd_app::meeting::{GrantForm, ReceiptForm};

    let directory = tempfile::tempdir().unwrap();
    let round = round32_in_follow_up(directory.path());
    let round_text = path_text(&round).to_owned();
    // The desktop on the machine that made the round, so it opens as the chair's master.
    let session = samvurd_app::Session::with_machine(samvurd_app::Machine::at(machine_dir()));
    session.open_round(&round_text).unwrap();
    let receipt = |report: &str, date: &str| ReceiptForm {
        application: "VV-2026-002".to_owned(),
        report: report.to_owned(),
        received_on: date.to_owned(),
        note: String::new(),
        file: None,
    };
    let grant = |paid: &str, deviation: &str, consent_date: &str, consent_case: &str| GrantForm {
        application: "VV-2026-002".to_owned(),
        paid_out: paid.to_owned(),
        as_planned: deviation.is_empty(),
        deviation: deviation.to_owned(),
        consent_date: consent_date.to_owned(),
        consent_case_number: consent_case.to_owned(),
    };
    let sort = || "forfall".to_owned();
    type Desktop<'a> = Box<dyn Fn() -> Result<(), samvurd_app::AppError> + 'a>;
    let table: Vec<(&str, Vec<&str>, Desktop, &str)> = vec![
        (
            "a report the grant does not owe",
            vec![
                "oppfolging",
                "mottatt",
                &round_text,
                "-a",
                "VV-2026-002",
                "-r",
                "status",
                "-d",
                "01.12.2026",
            ],
            Box::new(|| {
                session.mark_report_received(receipt("status", "01.12.2026"), sort()).map(drop)
            }),
            "skylder ingen statusrapport",
        ),
        (
            "received before the vedtak",
            vec![
                "oppfolging",
                "mottatt",
                &round_text,
                "-a",
                "VV-2026-002",
                "-r",
                "periodisk:1",
                "-d",
                "01.06.2026",
            ],
            Box::new(|| {
                session.mark_report_received(receipt("periodic:1", "01.06.2026"), sort()).map(drop)
            }),
            "er før SSUs vedtak",
        ),
        (
            "paid out more than granted",
            vec![
                "oppfolging",
                "tilskudd",
                &round_text,
                "-a",
                "VV-2026-002",
                "--utbetalt",
                "9 000 000",
            ],
            Box::new(|| {
                session.set_grant_follow_up(grant("9 000 000", "", "", ""), sort()).map(drop)
            }),
            "er mer enn tildelt",
        ),
        (
            "an ambiguous amount",
            vec!["oppfolging", "tilskudd", &round_text, "-a", "VV-2026-002", "--utbetalt", "1.200"],
            Box::new(|| session.set_grant_follow_up(grant("1.200", "", "", ""), sort()).map(drop)),
            "«1.200»",
        ),
        (
            "a consent without a case number",
            vec![
                "oppfolging",
                "tilskudd",
                &round_text,
                "-a",
                "VV-2026-002",
                "--utbetalt",
                "0",
                "--avvik",
                "Senere oppstart.",
                "--samtykke-dato",
                "01.12.2026",
                "--samtykke-sak",
                " ",
            ],
            Box::new(|| {
                session
                    .set_grant_follow_up(grant("0", "Senere oppstart.", "01.12.2026", " "), sort())
                    .map(drop)
            }),
            "Skriv saksnummeret",
        ),
    ];
    for (what, arguments, desktop, expected) in &table {
        let before = std::fs::read(&round).unwrap();
        let from_cli = refused(arguments);
        let from_desktop = desktop().expect_err(what).message;
        assert_eq!(from_cli, format!("Feil: {from_desktop}\n"), "{what}: the doors disagree");
        assert!(from_desktop.contains(expected), "{what}: {from_desktop}");
        assert_eq!(std::fs::read(&round).unwrap(), before, "{what}: a refusal writes nothing");
    }
    // And a good receipt through the desktop moves the report out of «forfalt».
    let view = session.mark_report_received(receipt("periodic:1", "01.12.2026"), sort()).unwrap();
    let row = view
        .reports
        .iter()
        .find(|row| row.reference == "VV-2026-002" && row.kind == "periodic")
        .unwrap();
    assert_eq!(row.status, samvurd_app::meeting::ReportStatus::Received);
}

#[test]
fn ny_runde_refuses_before_the_vedtak_and_afterwards_writes_a_round_that_the_results_link() {
    let directory = tempfile::tempdir().unwrap();
    let old = directory.path().join("runde.samvurd");
    samvurd_app::sample::create_sample_round(&old).unwrap();
    let new = directory.path().join("runde-2027.samvurd");
    let arguments = [
        "ny-runde",
        path_text(&old),
        path_text(&new),
        "--tittel",
        "Tilskudd 2027",
        "--aar",
        "2028",
        "--uten-medlemmer",
    ];
    let message = refused(&arguments);
    assert!(message.contains("registrer SSUs vedtak først"), "{message}");
    assert!(!new.exists());
    ok(&[
        "vedtak",
        path_text(&old),
        "--meeting-date",
        "15.10.2026",
        "--case-number",
        "26/04711",
        "--as-recommended",
    ]);
    let text = ok(&arguments);
    assert!(text.contains("ingen medlemmer"), "{text}");
    assert!(text.contains("kandidater til videreføring i 2028"), "{text}");
    let results: Value =
        serde_json::from_str(&ok(&["results", path_text(&new), "--json"])).unwrap();
    assert_eq!(results["round"]["title"], "Tilskudd 2027");
    assert_eq!(results["previous_round"]["file_name"], "runde.samvurd");
    assert_eq!(results["round"]["members"].as_array().unwrap().len(), 0);
    // Every candidate's period runs past 2027, and the new file is not the old one.
    for grant in results["continuation_candidates"].as_array().unwrap() {
        assert!(grant["period_end"].as_str().unwrap() >= "2028-01-01", "{grant}");
    }
    let again = refused(&arguments);
    assert!(again.contains("finnes"), "{again}");
}
