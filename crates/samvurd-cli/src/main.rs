//! `samvurd`: the command line for a søknadsrunde.
//!
//! Arguments are parsed by clap (`args`), handed to samvurd-app by one function per command
//! (`commands`), and the result printed here; nothing decides anything about a round. Exit codes:
//! 0 when the command did what was asked, 1 when it was refused or failed (the message on
//! standard error says why and what to do), 2 when the command line itself is wrong. A reader
//! that stops early (`samvurd results runde.samvurd | head`) ends the program quietly with 0.

// A command-line program's job is to print; the workspace lint against printing is for libraries.
#![allow(clippy::print_stdout, clippy::print_stderr)]

mod args;
mod commands;
mod render;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use samvurd_app::ScoreInput;

use crate::args::{Cli, Command};
use crate::commands::{CommandResult, LetterArgs};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let actor = cli.actor.clone().unwrap_or_else(samvurd_app::default_actor);
    let (text, refusal) = match run(cli.command, &actor) {
        Ok(reply) => (reply.text, reply.refusal),
        Err(error) => (String::new(), Some(error)),
    };
    if !text.is_empty() {
        let mut stdout = std::io::stdout().lock();
        if let Err(error) = writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
            // The reader went away (`| head`): what it wanted it has, and that is no failure.
            if error.kind() == std::io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("Feil: kunne ikke skrive svaret: {error}");
            return ExitCode::from(1);
        }
    }
    match refusal {
        None => ExitCode::SUCCESS,
        Some(error) => {
            eprintln!("Feil: {error}");
            ExitCode::from(1)
        }
    }
}

fn run(command: Command, actor: &str) -> CommandResult {
    match command {
        Command::Create(args) => commands::create(args, actor),
        Command::Templates { export, output } => commands::templates(export, output),
        Command::Member(command) => commands::member(command, actor),
        Command::Import(command) => commands::import(command, actor),
        Command::ImportTemplate { file } => commands::import_template(&file),
        Command::Score { round, member, application, criterion, value, justification } => {
            let input = ScoreInput { member, application, criterion, value, justification };
            commands::score(&round, input, actor)
        }
        Command::ClearScore { round, member, application, criterion } => {
            commands::clear_score(&round, &member, &application, &criterion, actor)
        }
        Command::Recuse { round, member, application, reason } => {
            commands::recuse(&round, &member, &application, &reason, actor)
        }
        Command::Show { round, json } => commands::show(&round, json),
        Command::Results { round, json } => commands::results(&round, json),
        Command::ExportScores { round, member, output } => {
            commands::export_scores(&round, &member, &output)
        }
        Command::Merge { round, files, dry_run, accept_unsigned, json } => {
            commands::merge(&round, &files, dry_run, accept_unsigned, json, actor)
        }
        Command::MemberCopy { round, output } => commands::member_copy(&round, &output, actor),
        Command::TrustKey { round, file } => commands::trust_key(&round, &file, actor),
        Command::Options(args) => commands::options(&args, actor),
        Command::Vedtak {
            round,
            meeting_date,
            case_number,
            as_recommended,
            change,
            conditions,
        } => commands::vedtak(
            &round,
            commands::VedtakArgs { meeting_date, case_number, as_recommended, change, conditions },
            actor,
        ),
        Command::Language { round, documents, letter } => {
            commands::language(&round, documents.as_deref(), &letter, actor)
        }
        Command::Oppfolging(command) => commands::follow_up(command, actor),
        Command::NyRunde { old, new, title, year, without_members, json } => {
            commands::next_round(&old, new, title, year, !without_members, json, actor)
        }
        Command::Lock { round, reason } => commands::lock(&round, &reason, actor),
        Command::Unlock { round, reason } => commands::unlock(&round, &reason, actor),
        Command::Gate { round, application, gate, passed, note } => {
            commands::gate(&round, &application, &gate, &passed, &note, actor)
        }
        Command::Recommend { round, application, clear: true, .. } => {
            commands::clear_recommendation(&round, &application, actor)
        }
        Command::Recommend { round, application, outcome, amount, justification, clear: false } => {
            commands::recommend(
                &round,
                &application,
                outcome.as_deref().unwrap_or_default(),
                amount.as_deref().unwrap_or_default(),
                &justification,
                actor,
            )
        }
        Command::Consensus { round, application, clear: true, .. } => {
            commands::clear_consensus(&round, &application, actor)
        }
        Command::Consensus {
            round,
            application,
            assessment,
            majority,
            minority,
            minority_members,
            clear: false,
        } => commands::consensus(
            &round,
            &application,
            [&assessment, &majority, &minority],
            &minority_members,
            actor,
        ),
        Command::Chair { round, leader, deputy, application, member } => commands::chair(
            &round,
            leader.as_deref(),
            deputy.as_deref(),
            application.as_deref().zip(member.as_deref()),
            actor,
        ),
        Command::Lottery { round, clear: true, .. } => commands::clear_lottery(&round, actor),
        Command::Lottery { round, seed, source, applications, clear: false, json } => {
            commands::lottery(&round, &seed, &source, &applications, json, actor)
        }
        Command::Report {
            round,
            output,
            generated_at,
            case_number,
            meeting_date,
            public,
            withheld_ground,
        } => commands::report(
            &round,
            &output,
            generated_at.as_deref(),
            case_number,
            meeting_date.as_deref(),
            public.then(|| withheld_ground.unwrap_or_default()),
        ),
        Command::Letters {
            round,
            out_dir,
            conditions,
            contact,
            generated_at,
            case_number,
            meeting_date,
            preliminary,
        } => commands::letters(
            &round,
            LetterArgs {
                out_dir,
                conditions,
                contact,
                generated_at,
                case_number,
                meeting_date,
                preliminary,
            },
        ),
        Command::Export { round, output } => commands::export(&round, &output),
        Command::Log { round, json } => commands::log(&round, json),
    }
}
