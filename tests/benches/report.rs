//! `cargo xtask bench`: writing the innstilling for a round of 200 applications, against
//! LibreOffice headless converting an equivalent document (the same text, as a flat ODT) to PDF.

// A benchmark reports on the terminal.
#![allow(clippy::print_stdout)]

use std::fmt::Write as _;
use std::process::Command;
use std::time::{Duration, Instant};

use samvurd_app::OpenRound;
use samvurd_app::documents::InnstillingOptions;
use samvurd_core::{ApplicationRef, CriterionId, MemberId, Score, ScoreValue};
use samvurd_store::Change;
use samvurd_tests::create_round;

const APPLICATIONS: usize = 200;
const MEMBERS: usize = 9;
const RUNS: usize = 3;
/// Issue 20: the innstilling at least 20 times as fast as LibreOffice makes a PDF of its text.
const TARGET_RATIO: f64 = 20.0;

fn main() {
    let directory = tempfile::tempdir().expect("temporary directory");
    let path = directory.path().join("runde-200.samvurd");
    let mut round = create_round(&path, MEMBERS, APPLICATIONS);
    let criteria: Vec<CriterionId> =
        round.criteria().expect("criteria").into_iter().map(|criterion| criterion.id).collect();
    let scores = (1..=MEMBERS)
        .flat_map(|member| (1..=APPLICATIONS).map(move |application| (member, application)))
        .flat_map(|(member, application)| {
            criteria.iter().enumerate().map(move |(index, criterion)| Score {
                member: MemberId(format!("m{member:02}")),
                application: ApplicationRef(format!("A-{application:04}")),
                criterion: criterion.clone(),
                value: ScoreValue::Value(
                    i32::try_from((application * 7 + member * 3 + index) % 7).unwrap_or(0) + 1,
                ),
                justification: String::new(),
            })
        })
        .collect();
    round.apply("bench", Change::SetScores(scores)).expect("scores");
    drop(round);

    let open = OpenRound::open(&path).expect("open");
    let options = InnstillingOptions::default();
    let generated_at =
        chrono::DateTime::parse_from_rfc3339("2026-11-23T14:05:00+01:00").expect("time");
    let mut ours = Vec::new();
    for run in 0..RUNS {
        let output = directory.path().join(format!("innstilling-{run}.pdf"));
        let started = Instant::now();
        open.write_innstilling(&output, &options, Some(generated_at)).expect("write");
        ours.push(started.elapsed());
    }
    ours.sort();
    let ours = ours[RUNS / 2];
    let started = Instant::now();
    let model = open.innstilling(&options).expect("model");
    let build = started.elapsed();
    let started = Instant::now();
    let pages = samvurd_report::render_text(&model, generated_at).expect("text");
    let layout = started.elapsed();
    let started = Instant::now();
    let _ = samvurd_report::render_pdf(&model, generated_at).expect("pdf");
    let render = started.elapsed();
    println!(
        "  (of which: engine + model {:.0} ms, layout {:.0} ms, layout + PDF {:.0} ms, so writing the PDF about {:.0} ms)",
        millis(build),
        millis(layout),
        millis(render),
        millis(render.saturating_sub(layout))
    );

    // The same text as a flat ODT, for LibreOffice.
    let mut body = String::new();
    for line in pages.lines() {
        let escaped = line.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
        let _ = writeln!(body, "<text:p>{escaped}</text:p>");
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text>
{body}</office:text></office:body></office:document>
"#
    );
    let odt = directory.path().join("innstilling.fodt");
    std::fs::write(&odt, document).expect("write the flat ODT");
    let lines = pages.lines().count();
    print!(
        "innstilling for {APPLICATIONS} applications × {MEMBERS} members: samvurd {:.0} ms (median of {RUNS}, {lines} lines of text)",
        millis(ours)
    );
    match libreoffice(&odt, directory.path()) {
        Some(theirs) => {
            let ratio = theirs.as_secs_f64() / ours.as_secs_f64();
            println!(
                "; LibreOffice headless converting the same text (.fodt) to PDF {:.0} ms; samvurd is {ratio:.1}× faster ({} the target of {TARGET_RATIO}×)",
                millis(theirs),
                if ratio >= TARGET_RATIO { "meets" } else { "BELOW" }
            );
        }
        None => println!(
            "; LibreOffice is not installed (apt-get install libreoffice-writer-nogui), so there is no ratio"
        ),
    }
}

/// Median time of `soffice --headless --convert-to pdf` on the document, or `None` without it.
fn libreoffice(document: &std::path::Path, directory: &std::path::Path) -> Option<Duration> {
    let profile = directory.join("lo-profil");
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let status = Command::new("soffice")
            .arg(format!("-env:UserInstallation=file://{}", profile.display()))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(directory)
            .arg(document)
            .output()
            .ok()?;
        if !status.status.success() {
            return None;
        }
        times.push(started.elapsed());
    }
    times.sort();
    Some(times[RUNS / 2])
}

fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
