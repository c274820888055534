//! «Ny runde fra denne»: next year's round, made from this one after the SSU's vedtak.
//!
//! The new round takes over what describes the scheme — criteria and weights, the scale, the
//! gates, the aggregation, the engine's options (not a frame override, which justified this
//! round's excess), the budget frame (the chair adjusts it), the language of the documents, the
//! reporting rules the follow-up used, and, unless left out, the members — and never what
//! belongs to this round: applications, scores, recusals, recommendations, the meeting's record,
//! the vedtak or the lock. It gets its own round id, and keeps this round's id, title and file
//! name as a link.
//!
//! The grants whose project period runs into the new round's year become continuation
//! candidates (the core's `continuation::candidates`), with last year's amount and the follow-up
//! register's report tally; the store marks every application later added to the new round that
//! continues one of them.

use std::path::{Path, PathBuf};

use samvurd_core::continuation::{self, PreviousRound, ReportTally};
use samvurd_store::{Change, NewRound, RoundFile};
use serde::{Deserialize, Serialize};
use specta::Type;

use crate::session::actor;
use crate::views::MoneyFigure;
use crate::{AppError, AppResult, OpenRound, Session, parse};

/// What the chair chooses for the new round, as typed.
#[derive(Debug, Clone)]
pub struct NextRoundRequest {
    /// Where the new round file goes; it must not exist.
    pub path: PathBuf,
    pub title: String,
    /// The year the new round is for, e.g. `2027`.
    pub year: String,
    /// Take over the working group's members.
    pub with_members: bool,
}

/// The desktop's form: title, year and whether the members come along (the path comes from the
/// save dialog).
#[derive(Debug, Clone, Deserialize, Type)]
pub struct NextRoundInput {
    pub path: String,
    pub title: String,
    pub year: String,
    pub with_members: bool,
}

/// Last year's grant carried into the new round, as the screens and the CLI show it.
#[derive(Debug, Clone, Serialize, Type)]
pub struct CandidateView {
    pub reference: String,
    pub title: String,
    pub applicant: String,
    /// «innvilget» or «delvis innvilget».
    pub outcome: String,
    pub granted: MoneyFigure,
    /// `01.02.2027–31.01.2028`.
    pub period_display: String,
    pub report_status: String,
}

/// The new round, made.
#[derive(Debug, Clone, Serialize, Type)]
pub struct NextRoundMade {
    pub path: String,
    pub file_name: String,
    pub title: String,
    pub year: i32,
    pub members: u32,
    pub candidates: Vec<CandidateView>,
    /// One sentence for the chair.
    pub message: String,
}

impl OpenRound {
    /// «Ny runde fra denne»: writes the new round at `request.path` (all or nothing) and says
    /// what it carried over. Only from the master, and only after the vedtak.
    pub fn next_round(&self, actor: &str, request: &NextRoundRequest) -> AppResult<NextRoundMade> {
        self.require_master()?;
        let year = parse::year(&request.year, "Året for den nye runden")?;
        if request.title.trim().is_empty() {
            return Err(AppError::invalid(
                "Skriv en tittel for den nye runden, f.eks. «Tilskudd 2027».",
            ));
        }
        let Some(vedtak) = self.file().vedtak()? else {
            return Err(AppError::invalid(
                "Runden har ikke noe vedtak ennå. «Ny runde fra denne» tar med søknadene SSU \
                 innvilget, så registrer SSUs vedtak først (under Innstilling og brev, eller \
                 samvurd vedtak).",
            ));
        };
        if same_file(self.path(), &request.path) {
            return Err(AppError::invalid(
                "Den nye runden kan ikke lagres over denne. Velg et nytt filnavn.",
            ));
        }
        let round = self.load()?;
        let register = self.file().follow_up()?;
        let today = chrono::Local::now().date_naive();
        let tally = |reference: &samvurd_core::ApplicationRef| {
            register.as_ref().map(|register| {
                ReportTally::count(
                    today,
                    register
                        .reports
                        .iter()
                        .filter(|report| &report.application == reference)
                        .map(|report| (report.due, report.received.is_some())),
                )
            })
        };
        let candidates = continuation::candidates(&round.applications, &vedtak.vedtak, year, tally);
        // The rules this round's follow-up used; else those it carried over itself; else the
        // new round's follow-up takes its template's, as any round does.
        let reporting_rules = match &register {
            Some(register) => Some(register.rules.clone()),
            None => self.file().previous_reporting_rules()?,
        };
        let info = &round.info;
        let new_round = NewRound {
            title: request.title.trim().to_owned(),
            helsefellesskap: info.helsefellesskap.clone(),
            budget_frame: info.budget_frame,
            deadline: None,
            scale: info.scale.clone(),
            aggregation: info.aggregation,
            template_id: info.template_id.clone(),
            criteria: round.criteria.clone(),
            gates: round.gates.clone(),
        };
        let mut changes = Vec::new();
        if request.with_members {
            changes.extend(round.members.iter().cloned().map(Change::AddMember));
        }
        let options = samvurd_core::RoundOptions { frame_override: None, ..round.options.clone() };
        if options != samvurd_core::RoundOptions::default() {
            changes.push(Change::SetOptions(options));
        }
        let languages = self.file().languages()?;
        if languages.document != samvurd_core::language::LanguageChoices::default().document {
            changes.push(Change::SetDocumentLanguage(languages.document));
        }
        let file_name = self
            .path()
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        changes.push(Change::LinkPreviousRound {
            previous: PreviousRound {
                round_id: info.round_id.clone(),
                title: info.title.clone(),
                file_name,
                year,
            },
            reporting_rules,
            candidates: candidates.clone(),
        });
        RoundFile::create_with(&request.path, &new_round, actor, changes)?;
        let members = if request.with_members { round.members.len() } else { 0 };
        let shown: Vec<CandidateView> = candidates.iter().map(candidate_view).collect();
        let file_name = request
            .path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let message = format!(
            "Ny runde «{}» er laget i «{file_name}»: kriterier, vekter, skala og krav er tatt med, \
             {}, og {} fra i fjor er kandidater til videreføring i {year}. Ingen skårer, \
             inhabilitet eller vedtak er tatt med.",
            new_round.title,
            match members {
                0 => "ingen medlemmer".to_owned(),
                1 => "1 medlem".to_owned(),
                count => format!("{count} medlemmer"),
            },
            match shown.len() {
                0 => "ingen tilskudd".to_owned(),
                1 => "1 tilskudd".to_owned(),
                count => format!("{count} tilskudd"),
            },
        );
        Ok(NextRoundMade {
            path: request.path.display().to_string(),
            file_name,
            title: new_round.title,
            year,
            members: crate::views::count(members),
            candidates: shown,
            message,
        })
    }
}

fn candidate_view(grant: &continuation::ContinuedGrant) -> CandidateView {
    CandidateView {
        reference: grant.reference.0.clone(),
        title: grant.title.clone(),
        applicant: grant.applicant.clone(),
        outcome: grant.outcome.label().to_owned(),
        granted: MoneyFigure::new(grant.granted),
        period_display: crate::views::period_display(grant.period_start, grant.period_end),
        report_status: grant.report_status_label(),
    }
}

/// Whether two paths name the same file (the second may not exist yet).
fn same_file(open: &Path, target: &Path) -> bool {
    let canonical_target = target
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .and_then(|parent| std::fs::canonicalize(parent).ok())
        .zip(target.file_name())
        .map(|(parent, name)| parent.join(name));
    match (std::fs::canonicalize(open).ok(), canonical_target) {
        (Some(open), Some(target)) => open == target,
        _ => open == target,
    }
}

impl Session {
    /// «Ny runde fra denne» from the open round; the window offers to open the new one.
    pub fn next_round(&self, input: NextRoundInput) -> AppResult<NextRoundMade> {
        self.with(|open| {
            open.next_round(
                &actor(open),
                &NextRoundRequest {
                    path: PathBuf::from(input.path),
                    title: input.title,
                    year: input.year,
                    with_members: input.with_members,
                },
            )
        })
    }
}
