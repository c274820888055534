//! `samvurd`: the command line for a søknadsrunde.
//!
//! Arguments are parsed by clap, handed to samvurd-app, and the result printed; nothing here
//! decides anything about a round. Exit codes: 0 when the command did what was asked, 1 when it
//! was refused or failed (the message on standard error says why and what to do), 2 when the
//! command line itself is wrong.

// A command-line program's job is to print; the workspace lint against printing is for libraries.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use samvurd_app::core::template::{BUILTIN_TEMPLATE_IDS, Template};
use samvurd_app::core::{Aggregation, Money};
use samvurd_app::{
    AppError, CreateRound, CriteriaSource, InnstillingOptions, LetterOptions, Machine, OpenRound,
    ScoreInput, create_round,
};

#[derive(Debug, Parser)]
#[command(
    name = "samvurd",
    version,
    about = "Samvurd: vurdering av søknader om rekrutterings- og samhandlingstilskudd",
    long_about = "Samvurd: vurdering av søknader om rekrutterings- og samhandlingstilskudd.\n\nEn søknadsrunde er én fil (.samvurd). Avslutningskoder: 0 = utført, 1 = avvist eller feilet (meldingen sier hvorfor), 2 = feil i kommandolinjen."
)]
struct Cli {
    /// Hvem som gjør endringen (står i endringsloggen). Standard: brukernavnet ditt.
    #[arg(
        long = "som",
        alias = "as",
        global = true,
        value_name = "NAVN",
        overrides_with = "actor"
    )]
    actor: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lag en ny søknadsrunde fra en mal eller en kriteriefil.
    Create(CreateArgs),
    /// Vis malene som følger med, eller skriv én ut som kriteriefil.
    Templates {
        /// Skriv malen med denne ID-en til en kriteriefil du kan redigere.
        #[arg(long, value_name = "MAL")]
        export: Option<String>,
        /// Fila malen skrives til.
        #[arg(short, long, value_name = "FIL", requires = "export")]
        output: Option<PathBuf>,
    },
    /// Legg til eller vis medlemmer av arbeidsgruppa.
    #[command(subcommand)]
    Member(MemberCommand),
    /// Importer søknader, skårer eller inhabilitet fra CSV/XLSX (alt eller ingenting).
    #[command(subcommand)]
    Import(ImportCommand),
    /// Skriv en tom importmal for søknader (.xlsx eller .csv).
    ImportTemplate {
        /// Fila som skal skrives; filendelsen avgjør formatet.
        file: PathBuf,
    },
    /// Sett én skår.
    Score {
        round: PathBuf,
        /// Medlemmets ID eller navn.
        #[arg(long, short)]
        member: String,
        /// Søknadsnummeret.
        #[arg(long, short)]
        application: String,
        /// Kriteriets ID eller navn.
        #[arg(long, short)]
        criterion: String,
        /// Skår på skalaen, eller IR for «ikke relevant».
        #[arg(long, short, allow_hyphen_values = true)]
        value: String,
        /// Kort begrunnelse.
        #[arg(long, short, default_value = "")]
        justification: String,
    },
    /// Fjern én skår.
    ClearScore {
        round: PathBuf,
        #[arg(long, short)]
        member: String,
        #[arg(long, short)]
        application: String,
        #[arg(long, short)]
        criterion: String,
    },
    /// Meld inhabilitet for et medlem i én søknad.
    Recuse {
        round: PathBuf,
        #[arg(long, short)]
        member: String,
        #[arg(long, short)]
        application: String,
        /// Grunnlaget for inhabiliteten (forvaltningsloven § 6).
        #[arg(long, short)]
        reason: String,
    },
    /// Vis runden: ramme, kriterier, medlemmer og framdrift.
    Show {
        round: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Vis resultatet: rangering, totalskår og forslag til fordeling innenfor rammen.
    Results {
        round: PathBuf,
        /// Skriv JSON (stabilt format, se docs/cli.md).
        #[arg(long)]
        json: bool,
    },
    /// Eksporter ett medlems skårer og inhabilitet til en signert skårfil som kan sendes til leder.
    ///
    /// Fila signeres med medlemmets nøkkel på denne maskinen (lages første gang).
    ExportScores {
        round: PathBuf,
        /// Medlemmets ID eller navn.
        #[arg(long, short)]
        member: String,
        /// Skårfila som skrives (f.eks. skarer-kari.json).
        #[arg(long, short, value_name = "FIL")]
        output: PathBuf,
    },
    /// Slå sammen medlemmers skårfiler (eller rundefiler) inn i denne runden.
    Merge {
        round: PathBuf,
        /// Skårfiler (.json) eller medlemmers rundefiler (.samvurd).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Vis hva som ville blitt endret, uten å endre noe.
        #[arg(long)]
        dry_run: bool,
        /// Slå også sammen usignerte filer (eldre skårfiler, hele rundefiler). Sjekk først med
        /// medlemmet at fila er deres; de merkes «usignert» i loggen.
        #[arg(long = "godta-usignert", alias = "accept-unsigned")]
        accept_unsigned: bool,
        #[arg(long)]
        json: bool,
    },
    /// Lag en kopi av runden til medlemmene: den åpner på «Hvem er du?», og oppsettet er låst.
    MemberCopy {
        round: PathBuf,
        /// Kopien som skrives (må ikke finnes fra før).
        #[arg(long, short, value_name = "FIL")]
        output: PathBuf,
    },
    /// Godta en ny nøkkel for et medlem (f.eks. ny PC), tatt fra medlemmets skårfil. Logges.
    ///
    /// Ring medlemmet og sammenlign fingeravtrykket før du godtar nøkkelen.
    TrustKey {
        round: PathBuf,
        /// Skårfila som er signert med den nye nøkkelen.
        file: PathBuf,
    },
    /// Vis eller endre rundens innstillinger for beregningen (endringer logges).
    Options(OptionsArgs),
    /// Lås runden etter SSUs vedtak: ingenting kan endres før den låses opp (logges).
    Lock {
        round: PathBuf,
        /// Hvorfor runden låses, f.eks. "SSU vedtok fordelingen 12.12.2026".
        #[arg(long, short)]
        reason: String,
    },
    /// Lås opp en låst runde; grunnen føres i loggen.
    Unlock {
        round: PathBuf,
        #[arg(long, short)]
        reason: String,
    },
    /// Svar på et krav (utelukkende vilkår) for én søknad.
    Gate {
        round: PathBuf,
        #[arg(long, short)]
        application: String,
        /// Kravets ID (se `samvurd show`).
        #[arg(long, short)]
        gate: String,
        /// Er kravet oppfylt: ja eller nei.
        #[arg(long, short, value_name = "JA|NEI")]
        passed: String,
        /// Merknad; påkrevd når kravet ikke er oppfylt.
        #[arg(long, short, default_value = "")]
        note: String,
    },
    /// Registrer leders innstilling for én søknad (avvik fra forslaget krever begrunnelse).
    Recommend {
        round: PathBuf,
        #[arg(long, short)]
        application: String,
        /// innvilget, delvis eller avslått.
        #[arg(long, short, required_unless_present = "clear")]
        outcome: Option<String>,
        /// Beløpet, f.eks. "500 000".
        #[arg(long = "amount", short = 'b', required_unless_present = "clear")]
        amount: Option<String>,
        /// Begrunnelse; påkrevd når innstillingen avviker fra det beregnede forslaget.
        #[arg(long, short, default_value = "")]
        justification: String,
        /// Fjern leders innstilling, så det beregnede forslaget gjelder igjen.
        #[arg(long, conflicts_with_all = ["outcome", "amount"])]
        clear: bool,
    },
    /// Skriv innstillingen til SSU som PDF/A (arkivformat).
    Report {
        round: PathBuf,
        /// PDF-fila som skrives, f.eks. innstilling.pdf. En eksisterende fil erstattes.
        #[arg(long, short, value_name = "FIL")]
        output: PathBuf,
        /// Tidspunktet dokumentet merkes med (ISO 8601), f.eks. 2026-11-23T14:05:00+01:00.
        /// Standard: nå. Samme runde og samme tidspunkt gir en byte-lik fil.
        #[arg(long, value_name = "TIDSPUNKT")]
        generated_at: Option<String>,
        /// Saksnummeret i arkivet, f.eks. 26/01234.
        #[arg(long, value_name = "SAKSNR")]
        case_number: Option<String>,
        /// Datoen for SSU-møtet som behandler saken, f.eks. 08.12.2026.
        #[arg(long, value_name = "DATO")]
        meeting_date: Option<String>,
    },
    /// Skriv svarbrev til alle søkere, én PDF per søknad, navngitt etter søknadsnummeret.
    Letters {
        round: PathBuf,
        /// Mappen brevene skrives til; den lages om den mangler.
        #[arg(long = "out-dir", short = 'o', value_name = "MAPPE")]
        out_dir: PathBuf,
        /// En tekstfil med vilkårene for tilskuddet (rapportering). Standard: rapport etter
        /// seks måneder og sluttrapport til SSU.
        #[arg(long, value_name = "FIL")]
        conditions: Option<PathBuf>,
        /// Kontaktlinja i brevet.
        #[arg(long, value_name = "TEKST")]
        contact: Option<String>,
        /// Tidspunktet brevene merkes med (ISO 8601). Standard: nå.
        #[arg(long, value_name = "TIDSPUNKT")]
        generated_at: Option<String>,
        /// Saksnummeret i arkivet; står foran søknadsnummeret i «Vår ref.».
        #[arg(long, value_name = "SAKSNR")]
        case_number: Option<String>,
        /// Datoen for SSU-møtet som fattet vedtaket.
        #[arg(long, value_name = "DATO")]
        meeting_date: Option<String>,
    },
    /// Eksporter resultater, skårer og inhabilitet til XLSX, eller resultatene til CSV.
    Export {
        round: PathBuf,
        /// resultater.xlsx eller resultater.csv; en eksisterende fil erstattes.
        #[arg(long, short, value_name = "FIL")]
        output: PathBuf,
    },
    /// Vis endringsloggen.
    Log {
        round: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
struct CreateArgs {
    /// Rundefila som skal lages (f.eks. tilskudd-2026.samvurd).
    round: PathBuf,
    /// Rundens tittel.
    #[arg(long, short)]
    title: String,
    /// Rammen i kroner, f.eks. "20 500 000".
    #[arg(long, short, value_name = "BELØP")]
    frame: String,
    /// Malen kriteriene hentes fra (se `samvurd templates`).
    #[arg(long, conflicts_with = "criteria", value_name = "MAL")]
    template: Option<String>,
    /// En egen kriteriefil (se docs/criteria-format.md).
    #[arg(long, value_name = "FIL")]
    criteria: Option<PathBuf>,
    /// Helsefellesskapet; standard er malens.
    #[arg(long)]
    helsefellesskap: Option<String>,
    /// Skalaen som "MIN-MAKS", f.eks. 0-5. Standard er malens (vanligvis 1-7).
    #[arg(long, value_name = "MIN-MAKS")]
    scale: Option<String>,
    /// Søknadsfrist, f.eks. 01.09.2026.
    #[arg(long, value_name = "DATO")]
    deadline: Option<String>,
    /// Bruk median i stedet for gjennomsnitt av medlemmenes skårer.
    #[arg(long)]
    median: bool,
}

/// Round options. Values: a number, or `av` to turn a threshold off.
#[derive(Debug, Args)]
struct OptionsArgs {
    round: PathBuf,
    /// gjennomsnitt eller median.
    #[arg(long, value_name = "MÅTE")]
    aggregation: Option<String>,
    /// Kalibrering av medlemmenes skårer ved siden av råskårene: på eller av.
    #[arg(long, value_name = "PÅ|AV")]
    calibration: Option<String>,
    /// Delvis finansiering ved grensen ned til denne andelen av søknadsbeløpet (f.eks. 0,5), eller av.
    #[arg(long, value_name = "ANDEL|AV")]
    partial_funding: Option<String>,
    /// Minste totalskår for å få midler, eller av.
    #[arg(long, value_name = "SKÅR|AV")]
    total_threshold: Option<String>,
    /// Spennvidde i skårer som flagger et kriterium for diskusjon, eller av (= standard).
    #[arg(long, value_name = "SKÅR|AV")]
    disagreement_range: Option<String>,
    /// Antall trekk i bootstrap for rangeringsintervall (0 slår det av).
    #[arg(long)]
    bootstrap_draws: Option<u32>,
    /// Frø for bootstrap (samme frø gir samme svar).
    #[arg(long)]
    seed: Option<u64>,
    /// Tillat at innstillingen går over rammen, opp til dette beløpet (krever --override-justification), eller av.
    #[arg(long, value_name = "BELØP|AV")]
    frame_override: Option<String>,
    #[arg(long, value_name = "TEKST", default_value = "")]
    override_justification: String,
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum MemberCommand {
    /// Legg til et medlem.
    Add {
        round: PathBuf,
        #[arg(long, short)]
        name: String,
        #[arg(long, short, default_value = "")]
        organisation: String,
        /// kommune, hf, fastlege, brukerrepresentant eller annet.
        #[arg(long, short)]
        role: String,
        /// Kort ID (a–z, 0–9, -); standard lages fra navnet.
        #[arg(long)]
        id: Option<String>,
    },
    /// Vis medlemmene.
    List {
        round: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum ImportCommand {
    /// Søknader fra CSV eller XLSX (se docs/import-format.md).
    Applications { round: PathBuf, file: PathBuf },
    /// Skårer fra CSV: medlem, søknad, kriterium, skår (eller IR), begrunnelse.
    Scores { round: PathBuf, file: PathBuf },
    /// Inhabilitet fra CSV: medlem, søknad, begrunnelse.
    Recusals { round: PathBuf, file: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let actor = cli.actor.clone().unwrap_or_else(default_actor);
    match run(cli.command, &actor) {
        Ok(output) => {
            if !output.is_empty() {
                println!("{output}");
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("Feil: {error}");
            ExitCode::from(1)
        }
    }
}

fn default_actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "ukjent".to_owned())
}

fn run(command: Command, actor: &str) -> Result<String, AppError> {
    match command {
        Command::Create(args) => {
            let criteria = match (args.template, args.criteria) {
                (_, Some(path)) => CriteriaSource::File(path),
                (Some(id), None) => CriteriaSource::Template(id),
                (None, None) => CriteriaSource::Template("standard".to_owned()),
            };
            let request = CreateRound {
                path: args.round.clone(),
                title: args.title,
                helsefellesskap: args.helsefellesskap,
                budget_frame: Money::parse(&args.frame)
                    .map_err(|error| AppError::invalid(format!("Rammen: {error}")))?,
                deadline: args.deadline.as_deref().map(samvurd_app::parse_date).transpose()?,
                criteria,
                scale: args.scale.as_deref().map(parse_scale).transpose()?,
                aggregation: if args.median { Aggregation::Median } else { Aggregation::Mean },
            };
            let round = create_round(&request, actor)?;
            let overview = round.overview()?;
            Ok(format!(
                "Laget «{}» ({}): {} kriterier, skala {}, ramme {}.",
                args.round.display(),
                overview.round.title,
                overview.criteria.len(),
                overview.round.scale.label(),
                overview.round.budget_frame.format(),
            ))
        }
        Command::Templates { export: None, .. } => Ok(render::templates()),
        Command::Templates { export: Some(id), output } => {
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
                    Ok(format!("Skrev malen «{id}» til «{}».", path.display()))
                }
                None => Ok(text),
            }
        }
        Command::Member(MemberCommand::Add { round, name, organisation, role, id }) => {
            let member = OpenRound::open(&round)?.add_member(
                actor,
                id.as_deref(),
                &name,
                &organisation,
                &role,
            )?;
            Ok(format!("La til {} ({}) med ID «{}».", member.name, member.role.label(), member.id))
        }
        Command::Member(MemberCommand::List { round, json }) => {
            let members = OpenRound::open(&round)?.members()?;
            if json { to_json(&members) } else { Ok(render::members(&members)) }
        }
        Command::Import(command) => {
            let (round, file, what) = match &command {
                ImportCommand::Applications { round, file } => (round, file, "søknader"),
                ImportCommand::Scores { round, file } => (round, file, "skårer"),
                ImportCommand::Recusals { round, file } => (round, file, "inhabilitetserklæringer"),
            };
            let mut open = OpenRound::open(round)?;
            let count = match command {
                ImportCommand::Applications { .. } => open.import_applications(actor, file)?,
                ImportCommand::Scores { .. } => open.import_scores(actor, file)?,
                ImportCommand::Recusals { .. } => open.import_recusals(actor, file)?,
            };
            Ok(format!("Importerte {count} {what} fra «{}».", file.display()))
        }
        Command::ImportTemplate { file } => {
            if file.exists() {
                return Err(AppError::invalid(format!(
                    "«{}» finnes allerede. Velg et annet filnavn.",
                    file.display()
                )));
            }
            let extension = file.extension().and_then(|extension| extension.to_str()).unwrap_or("");
            match extension.to_lowercase().as_str() {
                "xlsx" => samvurd_app::import::write_application_template_xlsx(&file)?,
                "csv" => samvurd_app::import::write_application_template_csv(&file)?,
                _ => {
                    return Err(AppError::invalid(
                        "Importmalen kan skrives som .xlsx eller .csv. Gi fila en av disse endelsene.",
                    ));
                }
            }
            Ok(format!("Skrev importmal til «{}».", file.display()))
        }
        Command::Score { round, member, application, criterion, value, justification } => {
            let input = ScoreInput { member, application, criterion, value, justification };
            let score = OpenRound::open(&round)?.set_score(actor, &input)?;
            Ok(format!(
                "Lagret skår {} for {} på søknad {}, kriterium {}.",
                score.value, score.member, score.application, score.criterion
            ))
        }
        Command::ClearScore { round, member, application, criterion } => {
            OpenRound::open(&round)?.clear_score(actor, &member, &application, &criterion)?;
            Ok(format!(
                "Fjernet skåren til {member} på søknad {application}, kriterium {criterion}."
            ))
        }
        Command::Recuse { round, member, application, reason } => {
            let recusal =
                OpenRound::open(&round)?.declare_recusal(actor, &member, &application, &reason)?;
            Ok(format!(
                "Registrerte at {} er inhabil i søknad {}. Skårene til {0} for denne søknaden telles ikke med.",
                recusal.member, recusal.application
            ))
        }
        Command::Show { round, json } => {
            let overview = OpenRound::open(&round)?.overview()?;
            if json { to_json(&overview) } else { Ok(render::overview(&overview)) }
        }
        Command::Results { round, json } => {
            let results = OpenRound::open(&round)?.results()?;
            if json { to_json(&results) } else { Ok(render::results(&results)) }
        }
        Command::ExportScores { round, member, output } => {
            let open = OpenRound::open(&round)?;
            let key = open.member_key(&Machine::default(), &member)?;
            let file = open.export_scores(&member, &output, Some(&key))?;
            Ok(format!(
                "Skrev {} skårer og {} inhabilitetserklæringer for {} til «{}», signert med nøkkelen {}.",
                file.body.scores.iter().filter(|score| !score.cleared).count(),
                file.body.recusals.iter().filter(|recusal| !recusal.cleared).count(),
                file.body.member.name,
                output.display(),
                key.public_key().short_fingerprint()
            ))
        }
        Command::MemberCopy { round, output } => {
            OpenRound::open(&round)?.copy_for_members(actor, &output)?;
            Ok(format!(
                "Skrev kopien til medlemmene: «{}». Send den til hvert medlem; den spør hvem de er når den åpnes.",
                output.display()
            ))
        }
        Command::TrustKey { round, file } => {
            let trusted = OpenRound::open(&round)?.trust_key_from_file(actor, &file)?;
            Ok(trusted.message)
        }
        Command::Merge { round, files, dry_run, accept_unsigned, json } => {
            let paths: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
            let report =
                OpenRound::open(&round)?.merge_files(actor, &paths, dry_run, accept_unsigned)?;
            let text = if json { to_json(&report)? } else { render::merge_report(&report) };
            if report.refused() > 0 {
                // The summary is still what the user needs to see; the exit code says not all went in.
                println!("{text}");
                let rest = if report.refused() == report.files.len() {
                    "Ingenting er slått sammen."
                } else if dry_run {
                    "De andre filene kan slås sammen som vist."
                } else {
                    "De andre filene er slått sammen som vist."
                };
                return Err(AppError::invalid(format!(
                    "{} av {} filer ble avvist; se årsakene over. {rest}",
                    report.refused(),
                    report.files.len()
                )));
            }
            Ok(text)
        }
        Command::Options(args) => options(args, actor),
        Command::Lock { round, reason } => {
            OpenRound::open(&round)?.lock_round(actor, &reason)?;
            Ok("Runden er låst. Den kan ikke endres før den låses opp med «samvurd unlock»."
                .to_owned())
        }
        Command::Unlock { round, reason } => {
            OpenRound::open(&round)?.unlock_round(actor, &reason)?;
            Ok("Runden er låst opp; opplåsingen og grunnen står i loggen.".to_owned())
        }
        Command::Gate { round, application, gate, passed, note } => {
            let passed = match passed.trim().to_lowercase().as_str() {
                "ja" | "j" | "yes" | "oppfylt" => true,
                "nei" | "n" | "no" | "ikke oppfylt" => false,
                other => return Err(AppError::invalid(format!("«{other}»: svar ja eller nei."))),
            };
            OpenRound::open(&round)?.answer_gate(actor, &application, &gate, passed, &note)?;
            Ok(format!(
                "Registrerte at søknad {application} {} kravet «{gate}».",
                if passed { "oppfyller" } else { "ikke oppfyller" }
            ))
        }
        Command::Recommend { round, application, clear: true, .. } => {
            OpenRound::open(&round)?.clear_recommendation(actor, &application)?;
            Ok(format!(
                "Fjernet leders innstilling for søknad {application}; det beregnede forslaget gjelder."
            ))
        }
        Command::Recommend { round, application, outcome, amount, justification, clear: false } => {
            let outcome = samvurd_app::parse_outcome(outcome.as_deref().unwrap_or_default())?;
            let amount = Money::parse(amount.as_deref().unwrap_or_default())
                .map_err(|error| AppError::invalid(format!("Beløpet: {error}")))?;
            let recommendation = OpenRound::open(&round)?.record_recommendation(
                actor,
                &application,
                outcome,
                amount,
                &justification,
            )?;
            Ok(format!(
                "Innstilling for søknad {}: {}, {}.",
                recommendation.application,
                recommendation.outcome.label(),
                recommendation.amount.format()
            ))
        }
        Command::Report { round, output, generated_at, case_number, meeting_date } => {
            let generated_at =
                generated_at.as_deref().map(samvurd_app::report::parse_generated_at).transpose()?;
            let options = InnstillingOptions {
                case_number,
                meeting_date: meeting_date.as_deref().map(samvurd_app::parse_date).transpose()?,
                ..InnstillingOptions::default()
            };
            let path =
                OpenRound::open(&round)?.write_innstilling(&output, &options, generated_at)?;
            Ok(format!("Skrev innstillingen til «{}».", path.display()))
        }
        Command::Letters {
            round,
            out_dir,
            conditions,
            contact,
            generated_at,
            case_number,
            meeting_date,
        } => {
            let generated_at =
                generated_at.as_deref().map(samvurd_app::report::parse_generated_at).transpose()?;
            let conditions = conditions
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
                    case_number,
                    meeting_date: meeting_date
                        .as_deref()
                        .map(samvurd_app::parse_date)
                        .transpose()?,
                    ..InnstillingOptions::default()
                },
                conditions,
                contact,
            };
            let files =
                OpenRound::open(&round)?.write_answer_letters(&out_dir, &options, generated_at)?;
            Ok(format!("Skrev {} svarbrev til «{}».", files.len(), out_dir.display()))
        }
        Command::Export { round, output } => {
            let path = OpenRound::open(&round)?.export_results(&output)?;
            Ok(format!("Skrev resultatene til «{}».", path.display()))
        }
        Command::Log { round, json } => {
            let log = OpenRound::open(&round)?.audit_log()?;
            if json { to_json(&log) } else { Ok(render::audit_log(&log)) }
        }
    }
}

fn to_json(value: &impl serde::Serialize) -> Result<String, AppError> {
    serde_json::to_string_pretty(value)
        .map_err(|error| AppError::invalid(format!("Kunne ikke lage JSON: {error}")))
}

fn write_new_file(path: &std::path::Path, bytes: &[u8]) -> Result<(), AppError> {
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

fn parse_scale(text: &str) -> Result<(i32, i32), AppError> {
    let bad = || {
        AppError::invalid(format!(
            "«{text}» er ingen skala. Skriv den som MIN-MAKS, f.eks. 1-7 eller 0-5."
        ))
    };
    let (min, max) = text.trim().split_once(['-', '–']).ok_or_else(bad)?;
    Ok((min.trim().parse().map_err(|_| bad())?, max.trim().parse().map_err(|_| bad())?))
}

/// `av` (or `off`) turns a setting off; anything else is parsed by `parse`.
fn optional_setting<T>(
    text: &str,
    parse: impl FnOnce(&str) -> Result<T, AppError>,
) -> Result<Option<T>, AppError> {
    match text.trim().to_lowercase().as_str() {
        "av" | "off" | "ingen" => Ok(None),
        _ => parse(text).map(Some),
    }
}

fn decimal(text: &str) -> Result<rust_decimal::Decimal, AppError> {
    text.trim().replace(',', ".").parse().map_err(|_| {
        AppError::invalid(format!("«{}» er ikke et tall. Skriv f.eks. 0,5 eller 3,5.", text.trim()))
    })
}

fn options(args: OptionsArgs, actor: &str) -> Result<String, AppError> {
    let mut round = OpenRound::open(&args.round)?;
    let mut options = round.options()?;
    let mut changed = false;
    if let Some(aggregation) = &args.aggregation {
        let aggregation = Aggregation::parse(aggregation).ok_or_else(|| {
            AppError::invalid(format!("«{aggregation}»: bruk gjennomsnitt eller median."))
        })?;
        round.set_aggregation(actor, aggregation)?;
    }
    if let Some(calibration) = &args.calibration {
        options.calibration = match calibration.trim().to_lowercase().as_str() {
            "på" | "pa" | "on" | "ja" => true,
            "av" | "off" | "nei" => false,
            other => return Err(AppError::invalid(format!("«{other}»: svar på eller av."))),
        };
        changed = true;
    }
    if let Some(text) = &args.partial_funding {
        options.partial_funding_min_share = optional_setting(text, decimal)?;
        changed = true;
    }
    if let Some(text) = &args.total_threshold {
        options.total_threshold = optional_setting(text, decimal)?;
        changed = true;
    }
    if let Some(text) = &args.disagreement_range {
        options.disagreement_range = optional_setting(text, decimal)?;
        changed = true;
    }
    if let Some(draws) = args.bootstrap_draws {
        options.bootstrap_draws = draws;
        changed = true;
    }
    if let Some(seed) = args.seed {
        options.bootstrap_seed = seed;
        changed = true;
    }
    if let Some(text) = &args.frame_override {
        options.frame_override = optional_setting(text, |text| {
            let max_total = Money::parse(text)
                .map_err(|error| AppError::invalid(format!("Beløpet: {error}")))?;
            Ok(samvurd_app::core::options::FrameOverride {
                max_total,
                justification: args.override_justification.trim().to_owned(),
            })
        })?;
        changed = true;
    }
    if changed {
        round.set_options(actor, options)?;
    }
    let options = round.options()?;
    let aggregation = round.load()?.info.aggregation;
    if args.json {
        return to_json(&serde_json::json!({ "aggregation": aggregation, "options": options }));
    }
    let off = || "av".to_owned();
    Ok(format!(
        "Aggregering: {}\nKalibrering: {}\nDelvis finansiering: {}\nMinste totalskår: {}\nSpennvidde som flagges: {}\nBootstrap: {} trekk, frø {}\nOverskridelse av rammen: {}",
        match aggregation {
            Aggregation::Mean => "gjennomsnitt",
            Aggregation::Median => "median",
        },
        if options.calibration { "på" } else { "av" },
        options.partial_funding_min_share.map_or_else(off, |share| format!(
            "ned til {} av søknadsbeløpet",
            share.to_string().replace('.', ",")
        )),
        options.total_threshold.map_or_else(off, |value| value.to_string().replace('.', ",")),
        options
            .disagreement_range
            .map_or_else(|| "standard".to_owned(), |value| value.to_string().replace('.', ",")),
        options.bootstrap_draws,
        options.bootstrap_seed,
        options.frame_override.as_ref().map_or_else(off, |frame_override| format!(
            "opp til {} ({})",
            frame_override.max_total.format(),
            frame_override.justification
        )),
    ))
}
