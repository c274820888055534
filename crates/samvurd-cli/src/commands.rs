//! One function per command: arguments to samvurd-app to the text printed.
//!
//! Text a person typed goes through `samvurd_app::parse` into the same typed inputs the desktop
//! builds (`OptionsChange`, `GateAnswerChange`, `RecommendationChange`), and the rules are
//! checked by the core inside the store's transaction; nothing here decides anything.

use std::path::{Path, PathBuf};

use samvurd_app::core::template::{BUILTIN_TEMPLATE_IDS, Template};
use samvurd_app::core::{Aggregation, RoundOptions, TieBreak, wording};
use samvurd_app::{
    AppError, CreateRound, CriteriaSource, GateAnswerChange, InnstillingOptions, LetterOptions,
    Machine, OpenRound, OptionsChange, RecommendationChange, ScoreInput, create_round, parse,
};

use crate::args::{CreateArgs, FollowUpCommand, ImportCommand, MemberCommand, OptionsArgs};
use crate::render;
use samvurd_app::meeting::{DecisionChange, VedtakInput};

/// What a command prints, and whether it still failed (a merge prints its summary even when a
/// file was refused; the exit code says not all went in).
#[derive(Debug)]
pub struct Reply {
    pub text: String,
    pub refusal: Option<AppError>,
}

impl From<String> for Reply {
    fn from(text: String) -> Self {
        Reply { text, refusal: None }
    }
}

pub type CommandResult = Result<Reply, AppError>;

fn say(text: impl Into<String>) -> CommandResult {
    Ok(Reply::from(text.into()))
}

fn to_json(value: &impl serde::Serialize) -> Result<String, AppError> {
    serde_json::to_string_pretty(value)
        .map_err(|error| AppError::invalid(format!("Kunne ikke lage JSON: {error}")))
}

fn json_or(
    json: bool,
    value: &impl serde::Serialize,
    text: impl FnOnce() -> String,
) -> CommandResult {
    if json { say(to_json(value)?) } else { say(text()) }
}

pub fn create(args: CreateArgs, actor: &str) -> CommandResult {
    let criteria = match (args.template, args.criteria) {
        (_, Some(path)) => CriteriaSource::File(path),
        (Some(id), None) => CriteriaSource::Template(id),
        (None, None) => CriteriaSource::Template("standard".to_owned()),
    };
    let request = CreateRound {
        path: args.round.clone(),
        title: args.title,
        helsefellesskap: args.helsefellesskap,
        budget_frame: parse::money(&args.frame, "Rammen")?,
        deadline: args.deadline.as_deref().map(parse::date).transpose()?,
        criteria,
        scale: args.scale.as_deref().map(parse::scale).transpose()?,
        aggregation: if args.median { Aggregation::Median } else { Aggregation::Mean },
    };
    let mut round = create_round(&request, actor)?;
    // The master is the file made here: a copy sent before the chair opens it in the app is a
    // member's copy on every other machine.
    round.mark_as_master(&Machine::default(), actor)?;
    let overview = round.overview()?;
    say(format!(
        "Laget «{}» ({}): {} kriterier, skala {}, ramme {}.",
        args.round.display(),
        overview.round.title,
        overview.criteria.len(),
        overview.round.scale.label(),
        overview.round.budget_frame.format(),
    ))
}

pub fn templates(export: Option<String>, output: Option<PathBuf>) -> CommandResult {
    let Some(id) = export else {
        return say(render::templates());
    };
    let template = Template::builtin(&id).ok_or_else(|| {
        AppError::invalid(format!(
            "Finner ingen mal som heter «{id}». Tilgjengelige maler: {}.",
            BUILTIN_TEMPLATE_IDS.join(", ")
        ))
    })?;
    let text = template.to_toml_string();
    match output {
        Some(path) => {
            write_new_file(&path, text.as_bytes())?;
            say(format!("Skrev malen «{id}» til «{}».", path.display()))
        }
        None => say(text),
    }
}

pub fn member(command: MemberCommand, actor: &str) -> CommandResult {
    match command {
        MemberCommand::Add { round, name, organisation, role, id } => {
            let member = OpenRound::open(&round)?.add_member(
                actor,
                id.as_deref(),
                &name,
                &organisation,
                &role,
            )?;
            say(format!("La til {} ({}) med ID «{}».", member.name, member.role.label(), member.id))
        }
        MemberCommand::List { round, json } => {
            let members = OpenRound::open(&round)?.members()?;
            json_or(json, &members, || render::members(&members))
        }
    }
}

pub fn import(command: ImportCommand, actor: &str) -> CommandResult {
    let (round, file, what) = match &command {
        ImportCommand::Applications { round, file, columns } => {
            return import_applications(round, file, columns, actor);
        }
        ImportCommand::Scores { round, file } => (round, file, "skårer"),
        ImportCommand::Recusals { round, file } => (round, file, "inhabilitetserklæringer"),
    };
    let mut open = OpenRound::open(round)?;
    let count = match command {
        ImportCommand::Scores { .. } => open.import_scores(actor, file)?,
        _ => open.import_recusals(actor, file)?,
    };
    say(format!("Importerte {count} {what} fra «{}».", file.display()))
}

/// `import applications`, with the columns chosen by `--kolonne` (saved with the round) or the
/// ones saved for the file's form.
fn import_applications(
    round: &Path,
    file: &Path,
    columns: &[String],
    actor: &str,
) -> CommandResult {
    let mapping = samvurd_app::setup::import::ColumnMapping {
        columns: columns.iter().map(|text| parse::column_choice(text)).collect::<Result<_, _>>()?,
    };
    let mut open = OpenRound::open(round)?;
    let imported = open.import_applications_mapped(actor, file, &mapping)?;
    let mut message = format!("Importerte {} søknader fra «{}».", imported.count, file.display());
    if !mapping.is_empty() {
        message.push_str(
            " Kolonnevalget er lagret i runden og brukes for neste fil fra samme skjema.",
        );
    } else if imported.saved_mapping.is_some() {
        message.push_str(" Brukte kolonnevalget som er lagret i runden for dette skjemaet.");
    }
    say(message)
}

pub fn import_template(file: &Path) -> CommandResult {
    if file.exists() {
        return Err(AppError::invalid(format!(
            "«{}» finnes allerede. Velg et annet filnavn.",
            file.display()
        )));
    }
    let extension = file.extension().and_then(|extension| extension.to_str()).unwrap_or("");
    match extension.to_lowercase().as_str() {
        "xlsx" => samvurd_app::setup::import::write_application_template_xlsx(file)?,
        "csv" => samvurd_app::setup::import::write_application_template_csv(file)?,
        _ => {
            return Err(AppError::invalid(
                "Importmalen kan skrives som .xlsx eller .csv. Gi fila en av disse endelsene.",
            ));
        }
    }
    say(format!("Skrev importmal til «{}».", file.display()))
}

pub fn score(round: &Path, input: ScoreInput, actor: &str) -> CommandResult {
    let score = OpenRound::open(round)?.set_score(actor, &input)?;
    say(format!(
        "Lagret skår {} for {} på søknad {}, kriterium {}.",
        score.value, score.member, score.application, score.criterion
    ))
}

pub fn clear_score(
    round: &Path,
    member: &str,
    application: &str,
    criterion: &str,
    actor: &str,
) -> CommandResult {
    OpenRound::open(round)?.clear_score(actor, member, application, criterion)?;
    say(format!("Fjernet skåren til {member} på søknad {application}, kriterium {criterion}."))
}

pub fn recuse(
    round: &Path,
    member: &str,
    application: &str,
    reason: &str,
    actor: &str,
) -> CommandResult {
    let recusal = OpenRound::open(round)?.declare_recusal(actor, member, application, reason)?;
    say(format!(
        "Registrerte at {} er inhabil i søknad {}. Skårene til {0} for denne søknaden telles ikke med.",
        recusal.member, recusal.application
    ))
}

pub fn show(round: &Path, json: bool) -> CommandResult {
    let overview = OpenRound::open(round)?.overview()?;
    json_or(json, &overview, || render::overview(&overview))
}

pub fn results(round: &Path, json: bool) -> CommandResult {
    let results = OpenRound::open(round)?.results()?;
    json_or(json, &results, || render::results(&results))
}

pub fn export_scores(round: &Path, member: &str, output: &Path) -> CommandResult {
    let open = OpenRound::open(round)?;
    let key = open.member_key(&Machine::default(), member)?;
    let file = open.export_scores(member, output, Some(&key))?;
    say(format!(
        "Skrev {} skårer og {} inhabilitetserklæringer for {} til «{}», signert med nøkkelen {}.",
        file.body.scores.iter().filter(|score| !score.cleared).count(),
        file.body.recusals.iter().filter(|recusal| !recusal.cleared).count(),
        file.body.member.name,
        output.display(),
        key.public_key().short_fingerprint()
    ))
}

pub fn member_copy(round: &Path, output: &Path, actor: &str) -> CommandResult {
    OpenRound::open(round)?.copy_for_members(actor, output)?;
    say(format!(
        "Skrev kopien til medlemmene: «{}». Send den til hvert medlem; den åpner på «Hvem er du?», og oppsettet kan ikke endres i den.",
        output.display()
    ))
}

pub fn trust_key(round: &Path, file: &Path, actor: &str) -> CommandResult {
    let trusted = OpenRound::open(round)?.trust_key_from_file(actor, file)?;
    say(trusted.message)
}

pub fn merge(
    round: &Path,
    files: &[PathBuf],
    dry_run: bool,
    accept_unsigned: bool,
    json: bool,
    actor: &str,
) -> CommandResult {
    let paths: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
    let report = OpenRound::open(round)?.merge_files(actor, &paths, dry_run, accept_unsigned)?;
    let text = if json { to_json(&report)? } else { render::merge_report(&report) };
    if report.refused() == 0 {
        return say(text);
    }
    let rest = if report.refused() == report.files.len() {
        "Ingenting er slått sammen."
    } else if dry_run {
        "De andre filene kan slås sammen som vist."
    } else {
        "De andre filene er slått sammen som vist."
    };
    Ok(Reply {
        text,
        refusal: Some(AppError::invalid(format!(
            "{} av {} filer ble avvist; se årsakene over. {rest}",
            report.refused(),
            report.files.len()
        ))),
    })
}

/// The `options` arguments as the typed change both doors hand to `OpenRound::change_options`.
fn options_change(args: &OptionsArgs) -> Result<OptionsChange, AppError> {
    let optional_decimal = |text: &Option<String>, what: &str| {
        text.as_deref()
            .map(|text| parse::off_or(text, |text| parse::decimal(text, what)))
            .transpose()
    };
    let criterion_thresholds = match args.criterion_threshold.as_slice() {
        [] => None,
        [only] if parse::off_or(only, |_| Ok(()))?.is_none() => Some(Vec::new()),
        all => Some(
            all.iter().map(|text| parse::criterion_threshold(text)).collect::<Result<_, _>>()?,
        ),
    };
    Ok(OptionsChange {
        aggregation: args.aggregation.as_deref().map(parse::aggregation).transpose()?,
        calibration: args
            .calibration
            .as_deref()
            .map(|text| parse::yes_no(text, "Kalibrering"))
            .transpose()?,
        calibration_min_applications: args
            .calibration_min_applications
            .as_deref()
            .map(|text| parse::count(text, "Minste antall søknader for kalibrering"))
            .transpose()?,
        partial_funding_min_share: args
            .partial_funding
            .as_deref()
            .map(|text| parse::off_or(text, parse::share))
            .transpose()?,
        total_threshold: optional_decimal(&args.total_threshold, "Minste totalskår")?,
        criterion_thresholds,
        disagreement_range: optional_decimal(&args.disagreement_range, "Spennvidden")?,
        member_deviation: optional_decimal(&args.member_deviation, "Avviket")?,
        tie_ladder: args.tie_ladder.as_deref().map(parse::tie_ladder).transpose()?,
        bootstrap_draws: args
            .bootstrap_draws
            .as_deref()
            .map(|text| parse::count(text, "Antall trekk"))
            .transpose()?,
        bootstrap_seed: args.seed,
        frame_override: args
            .frame_override
            .as_deref()
            .map(|text| {
                parse::off_or(text, |text| {
                    Ok(samvurd_app::core::FrameOverride {
                        max_total: parse::money(text, "Beløpet")?,
                        justification: args.override_justification.trim().to_owned(),
                    })
                })
            })
            .transpose()?,
        quorum: args
            .quorum
            .as_deref()
            .map(|text| parse::off_or(text, |text| parse::count(text, "Minste antall vurderinger")))
            .transpose()?,
    })
}

pub fn options(args: &OptionsArgs, actor: &str) -> CommandResult {
    let change = options_change(args)?;
    let mut round = OpenRound::open(&args.round)?;
    if change != OptionsChange::default() {
        round.change_options(actor, &change, args.begrunnelse.as_deref())?;
    }
    let options = round.options()?;
    let aggregation = round.load()?.info.aggregation;
    if args.json {
        return say(to_json(
            &serde_json::json!({ "aggregation": aggregation, "options": options }),
        )?);
    }
    say(options_text(aggregation, &options))
}

fn options_text(aggregation: Aggregation, options: &RoundOptions) -> String {
    let off = || "av".to_owned();
    let standard = || "standard".to_owned();
    let ladder: Vec<String> = options
        .tie_ladder
        .iter()
        .map(|rung| match rung {
            TieBreak::HighestWeightedCriteria => "vekter".to_owned(),
            TieBreak::LowerRequestedAmount => "beløp".to_owned(),
            TieBreak::Criterion(criterion) => format!("kriterium:{criterion}"),
        })
        .collect();
    let minimums: Vec<String> = options
        .criterion_thresholds
        .iter()
        .map(|(criterion, value)| format!("{criterion}={}", wording::number(*value)))
        .collect();
    format!(
        "Aggregering: {}\nKalibrering: {}\nDelvis finansiering: {}\nMinste totalskår: {}\nSpennvidde som flagges: {}\nBootstrap: {} trekk, frø {}\nOverskridelse av rammen: {}\nMinstekrav per kriterium: {}\nAvvik som flagges for et medlem: {}\nRekkefølge ved likhet: {}\nKalibrering krever: {} søknader\nMinste antall vurderinger per søknad: {}",
        match aggregation {
            Aggregation::Mean => "gjennomsnitt",
            Aggregation::Median => "median",
        },
        if options.calibration { "på" } else { "av" },
        options.partial_funding_min_share.map_or_else(off, |share| format!(
            "ned til {} av søknadsbeløpet",
            wording::number(share)
        )),
        options.total_threshold.map_or_else(off, wording::number),
        options.disagreement_range.map_or_else(standard, wording::number),
        options.bootstrap_draws,
        options.bootstrap_seed,
        options.frame_override.as_ref().map_or_else(off, |frame_override| format!(
            "opp til {} ({})",
            frame_override.max_total.format(),
            frame_override.justification
        )),
        if minimums.is_empty() { "ingen".to_owned() } else { minimums.join(", ") },
        options.member_deviation.map_or_else(standard, wording::number),
        if ladder.is_empty() { "søknadsnummer".to_owned() } else { ladder.join(", ") },
        options.calibration_min_applications,
        options.quorum.map_or_else(standard, |quorum| quorum.to_string()),
    )
}

pub struct VedtakArgs {
    pub meeting_date: Option<String>,
    pub case_number: Option<String>,
    pub as_recommended: bool,
    pub change: Vec<String>,
    pub conditions: Vec<String>,
}

pub fn vedtak(round: &Path, args: VedtakArgs, actor: &str) -> CommandResult {
    let mut open = OpenRound::open(round)?;
    let recording = args.as_recommended || !args.change.is_empty() || !args.conditions.is_empty();
    if recording {
        let (Some(meeting_date), Some(case_number)) = (&args.meeting_date, &args.case_number)
        else {
            return Err(AppError::invalid(
                "Oppgi datoen for SSU-møtet (--meeting-date 10.12.2026) og saksnummeret \
                 (--case-number 26/01234). Ingenting er registrert.",
            ));
        };
        let mut input = VedtakInput::from_text(meeting_date, case_number)?;
        if args.as_recommended {
            open.adopt_as_recommended(actor, input.meeting_date, &input.case_number)?;
        } else {
            for line in &args.change {
                input.changes.push(DecisionChange::from_line(line)?);
            }
            for line in &args.conditions {
                input.add_conditions_line(line)?;
            }
            open.record_vedtak(actor, &input)?;
        }
    }
    say(render::vedtak(&open.vedtak_view()?, recording))
}

pub fn follow_up(command: FollowUpCommand, actor: &str) -> CommandResult {
    use samvurd_app::meeting::{FollowUpSort, ReceiptInput};
    match command {
        FollowUpCommand::Open { round, criteria } => {
            let mut open = OpenRound::open(&round)?;
            let rules = open.open_follow_up(actor, criteria.as_deref())?;
            let view = open.follow_up_view(chrono::Local::now().date_naive(), FollowUpSort::Due)?;
            let mut text = format!(
                "Åpnet oppfølgingen: {} rapporter for {} tilskudd.\n",
                view.reports.len(),
                view.grants.len()
            );
            if rules.is_empty() {
                text.push_str(
                    "Malen krever ingen rapporter. Legg reglene i en kriteriefil ([reporting]) \
                     hvis ordningen har dem.\n",
                );
            }
            text.push('\n');
            text.push_str(&render::follow_up(&view));
            say(text)
        }
        FollowUpCommand::List { round, date, sort, json } => {
            let open = OpenRound::open(&round)?;
            let today = day_or_today(date.as_deref())?;
            let view = open.follow_up_view(today, FollowUpSort::from_text(&sort)?)?;
            json_or(json, &view, || render::follow_up(&view))
        }
        FollowUpCommand::Received { round, application, report, date, note, file } => {
            let mut open = OpenRound::open(&round)?;
            let input = ReceiptInput {
                application: application.clone(),
                report: report.clone(),
                received_on: date.clone(),
                note,
                file,
            };
            open.mark_report_received(actor, &input)?;
            say(format!(
                "Registrerte {} for søknad {} som mottatt {}.\n",
                report.trim(),
                application.trim(),
                date.trim()
            ))
        }
        FollowUpCommand::Grant {
            round,
            application,
            paid_out,
            as_planned,
            deviation,
            consent_date,
            consent_case,
            no_consent,
        } => {
            let mut open = OpenRound::open(&round)?;
            let input = samvurd_app::meeting::GrantInput {
                application: application.clone(),
                paid_out,
                deviation: if as_planned { Some(None) } else { deviation.map(Some) },
                consent: match (consent_date, consent_case) {
                    (Some(date), Some(case)) => Some(Some((date, case))),
                    _ if no_consent => Some(None),
                    _ => None,
                },
            };
            open.set_grant_follow_up(actor, &input)?;
            let view = open.follow_up_view(chrono::Local::now().date_naive(), FollowUpSort::Due)?;
            let grant = view
                .grants
                .iter()
                .find(|grant| grant.reference.eq_ignore_ascii_case(application.trim()));
            say(match grant {
                Some(grant) => render::follow_up_grant(grant),
                None => String::new(),
            })
        }
        FollowUpCommand::Reminders { round, folder, date } => {
            let open = OpenRound::open(&round)?;
            let today = day_or_today(date.as_deref())?;
            let written = open.write_reminders(&folder, today, None)?;
            if written.is_empty() {
                return say(format!(
                    "Ingen rapporter er forfalt per {}. Ingen purrebrev er skrevet.\n",
                    samvurd_core::format::date(today)
                ));
            }
            let mut text =
                format!("{} purrebrev er skrevet i {}:\n", written.len(), folder.display());
            for path in &written {
                text.push_str(&format!("  {}\n", path.display()));
            }
            say(text)
        }
        FollowUpCommand::Status { round, output, date } => {
            let open = OpenRound::open(&round)?;
            let today = day_or_today(date.as_deref())?;
            open.write_half_year_status(&output, today, None)?;
            say(format!(
                "Halvårsstatusen per {} er skrevet til {}.\n",
                samvurd_core::format::date(today),
                output.display()
            ))
        }
    }
}

/// The day a command works for: the date given, or today.
fn day_or_today(date: Option<&str>) -> Result<chrono::NaiveDate, AppError> {
    match date {
        Some(text) => parse::date(text),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

/// `samvurd ny-runde`: next year's round from this one, marked as the master on this machine as
/// `create` marks a new round.
pub fn next_round(
    old: &Path,
    new: PathBuf,
    title: String,
    year: String,
    with_members: bool,
    json: bool,
    actor: &str,
) -> CommandResult {
    use samvurd_app::next_round::NextRoundRequest;
    let open = OpenRound::open(old)?;
    let made =
        open.next_round(actor, &NextRoundRequest { path: new.clone(), title, year, with_members })?;
    OpenRound::open(&new)?.mark_as_master(&Machine::default(), actor)?;
    json_or(json, &made, || render::next_round(&made))
}

pub fn language(
    round: &Path,
    documents: Option<&str>,
    letters: &[String],
    actor: &str,
) -> CommandResult {
    let mut open = OpenRound::open(round)?;
    if let Some(language) = documents {
        open.set_document_language(actor, language)?;
    }
    for line in letters {
        let Some((application, language)) = line.split_once('=') else {
            return Err(AppError::invalid(format!(
                "«{}» er ikke et språkvalg. Skriv det som SØKNAD=SPRÅK, f.eks. «VV-2026-007=se».",
                line.trim()
            )));
        };
        open.set_letter_language(actor, application, language)?;
    }
    let lines: Vec<String> = open
        .letter_languages()?
        .into_iter()
        .map(|(reference, applicant, languages)| match languages.norwegian_copy {
            Some(copy) => format!(
                "{reference}  {applicant}: {} med norsk kopi på {}",
                languages.letter.label(),
                copy.label()
            ),
            None => format!("{reference}  {applicant}: {}", languages.letter.label()),
        })
        .collect();
    say(lines.join("\n"))
}

pub fn lock(round: &Path, reason: &str, actor: &str) -> CommandResult {
    OpenRound::open(round)?.lock_round(actor, reason)?;
    say("Runden er låst. Den kan ikke endres før den låses opp med «samvurd unlock».")
}

pub fn unlock(round: &Path, reason: &str, actor: &str) -> CommandResult {
    OpenRound::open(round)?.unlock_round(actor, reason)?;
    say("Runden er låst opp; opplåsingen og grunnen står i loggen.")
}

pub fn gate(
    round: &Path,
    application: &str,
    gate: &str,
    passed: &str,
    note: &str,
    actor: &str,
) -> CommandResult {
    let change = GateAnswerChange::from_text(application, gate, passed, note)?;
    OpenRound::open(round)?.answer_gate(actor, &change)?;
    say(match change.answer {
        Some(passed) => format!(
            "Registrerte at søknad {application} {} kravet «{gate}».",
            if passed { "oppfyller" } else { "ikke oppfyller" }
        ),
        None => format!("Fjernet svaret på kravet «{gate}» for søknad {application}."),
    })
}

pub fn recommend(
    round: &Path,
    application: &str,
    outcome: &str,
    amount: &str,
    justification: &str,
    actor: &str,
) -> CommandResult {
    let change = RecommendationChange::from_text(application, outcome, amount, justification)?;
    let recorded = OpenRound::open(round)?.record_recommendation(actor, &change)?;
    let recommendation = recorded.value;
    say(format!(
        "Innstilling for søknad {}: {}, {}.",
        recommendation.application,
        recommendation.outcome.label(),
        recommendation.amount.format()
    ))
}

pub fn consensus(
    round: &Path,
    application: &str,
    texts: [&str; 3],
    minority_members: &str,
    actor: &str,
) -> CommandResult {
    let [assessment, majority, minority] = texts;
    let change = samvurd_app::ConsensusChange::from_text(
        application,
        assessment,
        majority,
        minority,
        &[minority_members.to_owned()],
    );
    OpenRound::open(round)?.record_consensus(actor, &change)?;
    say(format!("Førte gruppens vurdering av søknad {}.", change.0.application))
}

pub fn clear_consensus(round: &Path, application: &str, actor: &str) -> CommandResult {
    OpenRound::open(round)?.clear_consensus(actor, application)?;
    say(format!("Fjernet gruppens vurdering av søknad {}.", application.trim()))
}

pub fn chair(
    round: &Path,
    leader: Option<&str>,
    deputy: Option<&str>,
    item: Option<(&str, &str)>,
    actor: &str,
) -> CommandResult {
    let mut open = OpenRound::open(round)?;
    let mut said = Vec::new();
    if leader.is_some() || deputy.is_some() {
        let before = open.load()?.meeting;
        let keep =
            |member: Option<samvurd_app::core::MemberId>| member.map(|id| id.0).unwrap_or_default();
        let leader = leader.map_or_else(|| keep(before.chair), str::to_owned);
        let deputy = deputy.map_or_else(|| keep(before.deputy), str::to_owned);
        open.set_chairs(actor, &leader, &deputy)?;
        said.push(format!(
            "Leder: {}. Nestleder: {}.",
            if leader.trim().is_empty() { "ingen" } else { leader.trim() },
            if deputy.trim().is_empty() { "ingen" } else { deputy.trim() }
        ));
    }
    if let Some((application, member)) = item {
        open.set_item_chair(actor, application, member)?;
        said.push(if member.trim().is_empty() {
            format!("Søknad {}: valget av møteleder er tatt tilbake.", application.trim())
        } else {
            format!("Søknad {}: {} leder behandlingen.", application.trim(), member.trim())
        });
    }
    if said.is_empty() {
        return Err(AppError::invalid(
            "Oppgi --leader og/eller --deputy, eller --application med --member.",
        ));
    }
    say(said.join("\n"))
}

pub fn lottery(
    round: &Path,
    seed: &str,
    source: &str,
    applications: &str,
    json: bool,
    actor: &str,
) -> CommandResult {
    let change = samvurd_app::LotteryChange::from_text(seed, source, &[applications.to_owned()]);
    let drawn = OpenRound::open(round)?.draw_lots(actor, &change)?.value;
    if json {
        return say(to_json(&drawn)?);
    }
    let mut lines = vec![format!(
        "Loddtrekning med tallene «{}» ({}): frø {}. Igjen til trekningen: {}.",
        drawn.seed_text,
        drawn.source,
        drawn.seed,
        drawn.available.format()
    )];
    for entry in &drawn.entries {
        lines.push(format!(
            "{}. {}: {}",
            entry.position,
            entry.application,
            if entry.drawn {
                format!("trukket ut ved loddtrekning, {}", entry.amount.format())
            } else {
                "ikke trukket ut".to_owned()
            }
        ));
    }
    lines.push(format!("Fordelt ved loddtrekning: {}.", drawn.allocated.format()));
    say(lines.join("\n"))
}

pub fn clear_lottery(round: &Path, actor: &str) -> CommandResult {
    OpenRound::open(round)?.clear_lottery(actor)?;
    say("Loddtrekningen er fjernet; rangeringens forslag gjelder igjen.")
}

pub fn clear_recommendation(round: &Path, application: &str, actor: &str) -> CommandResult {
    OpenRound::open(round)?.clear_recommendation(actor, application)?;
    say(format!(
        "Fjernet leders innstilling for søknad {application}; det beregnede forslaget gjelder."
    ))
}

pub fn report(
    round: &Path,
    output: &Path,
    generated_at: Option<&str>,
    case_number: Option<String>,
    meeting_date: Option<&str>,
    public: Option<String>,
) -> CommandResult {
    let generated_at = generated_at.map(samvurd_app::documents::parse_generated_at).transpose()?;
    let public = public.map(|ground| samvurd_app::report_model::PublicVersion {
        ground: if ground.trim().is_empty() {
            samvurd_app::report_model::DEFAULT_WITHHELD_GROUND.to_owned()
        } else {
            ground.trim().to_owned()
        },
    });
    let what = if public.is_some() {
        "den offentlige versjonen av innstillingen"
    } else {
        "innstillingen"
    };
    let options = InnstillingOptions {
        case_number,
        meeting_date: meeting_date.map(parse::date).transpose()?,
        public,
        ..InnstillingOptions::default()
    };
    let path = OpenRound::open(round)?.write_innstilling(output, &options, generated_at)?;
    say(format!("Skrev {what} til «{}».", path.display()))
}

pub struct LetterArgs {
    pub out_dir: PathBuf,
    pub conditions: Option<PathBuf>,
    pub contact: Option<String>,
    pub generated_at: Option<String>,
    pub case_number: Option<String>,
    pub meeting_date: Option<String>,
    pub preliminary: bool,
}

pub fn letters(round: &Path, args: LetterArgs) -> CommandResult {
    let generated_at =
        args.generated_at.as_deref().map(samvurd_app::documents::parse_generated_at).transpose()?;
    let conditions = args
        .conditions
        .map(|path| {
            std::fs::read_to_string(&path).map_err(|error| {
                AppError::io(format!(
                    "Kunne ikke lese vilkårsfila «{}»: {error}. Den må være en tekstfil i UTF-8.",
                    path.display()
                ))
            })
        })
        .transpose()?;
    let options = LetterOptions {
        innstilling: InnstillingOptions {
            case_number: args.case_number,
            meeting_date: args.meeting_date.as_deref().map(parse::date).transpose()?,
            ..InnstillingOptions::default()
        },
        conditions,
        contact: args.contact,
        preliminary: args.preliminary,
        round_path: None,
    };
    let files =
        OpenRound::open(round)?.write_answer_letters(&args.out_dir, &options, generated_at)?;
    let kind = if args.preliminary { "foreløpige svarbrev" } else { "svarbrev" };
    say(format!("Skrev {} {kind} til «{}».", files.len(), args.out_dir.display()))
}

pub fn export(round: &Path, output: &Path) -> CommandResult {
    let path = OpenRound::open(round)?.export_results(output)?;
    say(format!("Skrev resultatene til «{}».", path.display()))
}

pub fn log(round: &Path, json: bool) -> CommandResult {
    let log = OpenRound::open(round)?.audit_log()?;
    json_or(json, &log, || render::audit_log(&log))
}

fn write_new_file(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    use std::io::Write;
    let mut file =
        std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|error| {
            AppError::io(format!(
                "Kunne ikke lage «{}»: {error}. Finnes den allerede?",
                path.display()
            ))
        })?;
    file.write_all(bytes)
        .map_err(|error| AppError::io(format!("Kunne ikke skrive «{}»: {error}", path.display())))
}
