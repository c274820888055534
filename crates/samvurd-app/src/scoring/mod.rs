//! Scoring: the identified member's sheet, scores, drafts, recusals and score-file export.

use std::collections::HashMap;
use std::path::Path;

use samvurd_core::{
    Application, ApplicationRef, Criterion, CriterionId, MemberId, Recusal, Round, Score,
    ScoreValue,
};
use samvurd_store::Change;

use crate::round::member_progress;
use crate::session::scale_steps;
use crate::views::{
    ApplicationView, CriterionView, ExportSummary, MemberView, ScoreCell, ScoreCellInput,
    ScoreSaved, ScoringApplication, ScoringSheet, count,
};

/// A draft justification as the store reads it: member, application, criterion, text.
type Draft = (MemberId, ApplicationRef, CriterionId, String);
use crate::{AppError, AppResult, OpenRound, Session, parse};

impl Session {
    fn require_identity(open: &OpenRound) -> AppResult<MemberId> {
        open.identity()?.ok_or_else(|| AppError::invalid("Velg hvem du er før du skårer."))
    }

    pub fn scoring_sheet(&self) -> AppResult<ScoringSheet> {
        self.with(|open| scoring_sheet(open, &Session::require_identity(open)?))
    }

    /// Sets (or, with an empty value, clears) one of the identified member's scores.
    pub fn set_score(&self, input: ScoreCellInput) -> AppResult<ScoreSaved> {
        self.with(|open| {
            let member = Session::require_identity(open)?;
            let application = ApplicationRef(input.application.clone());
            let criterion = CriterionId(input.criterion.clone());
            let change = if input.value.trim().is_empty() && !input.justification.trim().is_empty()
            {
                // A justification typed before the score: kept as a draft, never lost.
                Change::SetDraft {
                    member: member.clone(),
                    application,
                    criterion,
                    justification: input.justification.clone(),
                }
            } else if input.value.trim().is_empty() {
                Change::ClearScore { member: member.clone(), application, criterion }
            } else {
                let value = parse::score_value(&input.value)?;
                Change::SetScores(vec![Score {
                    member: member.clone(),
                    application,
                    criterion,
                    value,
                    justification: input.justification.clone(),
                }])
            };
            open.apply(&member.0, change)?;
            // The answer to every key press: only the scored application, and the member's
            // progress, read from the member's own rows (not the whole merged round).
            let file = open.file();
            let (criteria, applications) = (file.criteria()?, file.applications()?);
            let continuations = file.continuations()?;
            let own = file.member_records(&member)?;
            let mut documents = std::collections::BTreeMap::new();
            if let Some(location) = file.document_of(&input.application)? {
                documents.insert(input.application.clone(), location);
            }
            let cells = MemberCells::new(
                &criteria,
                &continuations,
                &applications,
                (&own.scores, &own.recusals, &own.drafts),
                &member,
            )
            .with_documents(documents);
            let (done, total) = cells.progress();
            Ok(ScoreSaved {
                application: applications
                    .iter()
                    .find(|application| application.reference.as_str() == input.application)
                    .map(|application| cells.entry(application)),
                done,
                total,
            })
        })
    }

    pub fn declare_recusal(&self, application: &str, reason: &str) -> AppResult<ScoringSheet> {
        self.with(|open| {
            let member = Session::require_identity(open)?;
            let recusal = Recusal {
                member: member.clone(),
                application: ApplicationRef(application.to_owned()),
                reason: reason.to_owned(),
            };
            open.apply(&member.0, Change::DeclareRecusals(vec![recusal]))?;
            scoring_sheet(open, &member)
        })
    }

    /// Where the application's document is, ready for the system's viewer: a link as it is, a
    /// path made absolute against the round's folder. A missing file gets a message that says
    /// what to do.
    pub fn document_location(&self, application: &str) -> AppResult<String> {
        self.with(|open| {
            let documents = open.file().documents()?;
            let Some(location) = documents.get(application) else {
                return Err(AppError::invalid(format!(
                    "Søknad {application} har ikke noe søknadsdokument i runden. Be lederen legge det til under Oppsett → Søknader."
                )));
            };
            crate::setup::resolve_document(open.path(), location)
        })
    }

    /// «Angre» right after declaring a conflict of interest: the application is back in the
    /// member's list, with the scores they had given before.
    pub fn withdraw_recusal(&self, application: &str) -> AppResult<ScoringSheet> {
        self.with(|open| {
            let member = Session::require_identity(open)?;
            open.apply(
                &member.0,
                Change::WithdrawRecusal {
                    member: member.clone(),
                    application: ApplicationRef(application.to_owned()),
                },
            )?;
            scoring_sheet(open, &member)
        })
    }

    /// The name the member's score file is offered under, or `None` before anyone is chosen.
    pub fn score_file_name(&self) -> Option<String> {
        self.with(|open| match open.identity()? {
            Some(member) => open.score_file_name(&member).map(Some),
            None => Ok(None),
        })
        .ok()
        .flatten()
    }

    pub fn export_my_scores(&self, path: &str) -> AppResult<ExportSummary> {
        self.with(|open| {
            let member = Session::require_identity(open)?;
            let key = open.member_key(&self.machine, &member.0)?;
            let file = open.export_scores(&member.0, Path::new(path), Some(&key))?;
            let recused: std::collections::HashSet<&str> = file
                .body
                .recusals
                .iter()
                .filter(|recusal| !recusal.cleared)
                .map(|recusal| recusal.application.as_str())
                .collect();
            let given = file.body.scores.iter().filter(|score| !score.cleared);
            let (on_recused, counted): (Vec<_>, Vec<_>) =
                given.partition(|score| recused.contains(score.application.as_str()));
            let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            Ok(ExportSummary {
                fingerprint: key.public_key().short_fingerprint(),
                path: path.to_owned(),
                folder: Path::new(path)
                    .parent()
                    .map(|folder| folder.display().to_string())
                    .unwrap_or_default(),
                member_name: file.body.member.name.clone(),
                scores: count(counted.len()),
                scores_on_recused: count(on_recused.len()),
                recusals: count(recused.len()),
            })
        })
    }
}

fn scoring_sheet(open: &OpenRound, member_id: &MemberId) -> AppResult<ScoringSheet> {
    let round = open.load()?;
    let drafts = open.file().drafts()?;
    let member = round.member(member_id).ok_or_else(|| {
        AppError::invalid(format!("Medlemmet «{member_id}» finnes ikke lenger i runden."))
    })?;
    let cells =
        MemberCells::of_round(&round, &drafts, member_id).with_documents(open.file().documents()?);
    let total_weight = round.criteria.iter().map(|criterion| criterion.weight).sum();
    let (given, expected) = member_progress(&round, member_id);
    let (done, total) = cells.progress();
    Ok(ScoringSheet {
        member: MemberView::new(member, given, expected),
        round_title: round.info.title.clone(),
        criteria: round
            .criteria
            .iter()
            .map(|criterion| CriterionView::new(criterion, total_weight))
            .collect(),
        scale: scale_steps(&round),
        scale_min: round.info.scale.min,
        scale_max: round.info.scale.max,
        applications: round
            .applications
            .iter()
            .map(|application| cells.entry(application))
            .collect(),
        done,
        total,
    })
}

/// One member's scores, drafts and recusals in a round, by application and criterion: each cell
/// is looked up, not searched for among every member's scores (a merged master holds tens of
/// thousands).
struct MemberCells<'a> {
    criteria: &'a [Criterion],
    /// Last year's grants this round's applications continue («Videreføring»).
    continuations: &'a samvurd_core::continuation::Continuations,
    applications: &'a [Application],
    scores: HashMap<(&'a str, &'a str), &'a Score>,
    recusals: HashMap<&'a str, &'a Recusal>,
    drafts: HashMap<(&'a str, &'a str), &'a String>,
    /// Each application's document (path or link), for «Åpne søknaden».
    documents: std::collections::BTreeMap<String, String>,
}

impl<'a> MemberCells<'a> {
    /// From a whole round, or from the member's own records (`scores`, `recusals` and `drafts`
    /// may hold other members' too: only `member`'s are taken).
    fn new(
        criteria: &'a [Criterion],
        continuations: &'a samvurd_core::continuation::Continuations,
        applications: &'a [Application],
        records: (&'a [Score], &'a [Recusal], &'a [Draft]),
        member: &'a MemberId,
    ) -> MemberCells<'a> {
        let (scores, recusals, drafts) = records;
        MemberCells {
            criteria,
            continuations,
            applications,
            scores: scores
                .iter()
                .filter(|score| &score.member == member)
                .map(|score| ((score.application.as_str(), score.criterion.as_str()), score))
                .collect(),
            recusals: recusals
                .iter()
                .filter(|recusal| &recusal.member == member)
                .map(|recusal| (recusal.application.as_str(), recusal))
                .collect(),
            drafts: drafts
                .iter()
                .filter(|(draft_member, _, _, _)| draft_member == member)
                .map(|(_, application, criterion, justification)| {
                    ((application.as_str(), criterion.as_str()), justification)
                })
                .collect(),
            documents: std::collections::BTreeMap::new(),
        }
    }

    fn of_round(round: &'a Round, drafts: &'a [Draft], member: &'a MemberId) -> MemberCells<'a> {
        MemberCells::new(
            &round.criteria,
            &round.continuations,
            &round.applications,
            (&round.scores, &round.recusals, drafts),
            member,
        )
    }

    fn with_documents(mut self, documents: std::collections::BTreeMap<String, String>) -> Self {
        self.documents = documents;
        self
    }

    fn score(&self, application: &Application, criterion: &Criterion) -> Option<&'a Score> {
        self.scores.get(&(application.reference.as_str(), criterion.id.as_str())).copied()
    }

    fn recusal(&self, application: &Application) -> Option<&'a Recusal> {
        self.recusals.get(application.reference.as_str()).copied()
    }

    /// Every criterion has a value or *ikke relevant*.
    fn complete(&self, application: &Application) -> bool {
        self.criteria.iter().all(|criterion| self.score(application, criterion).is_some())
    }

    /// Applications fully scored, out of those the member is not recused from.
    fn progress(&self) -> (u32, u32) {
        let open: Vec<&Application> = self
            .applications
            .iter()
            .filter(|application| self.recusal(application).is_none())
            .collect();
        let done = open.iter().filter(|application| self.complete(application)).count();
        (count(done), count(open.len()))
    }

    fn entry(&self, application: &Application) -> ScoringApplication {
        let cells: Vec<ScoreCell> = self
            .criteria
            .iter()
            .map(|criterion| {
                let score = self.score(application, criterion);
                ScoreCell {
                    criterion: criterion.id.0.clone(),
                    value: match score.map(|score| score.value) {
                        Some(ScoreValue::Value(value)) => Some(value),
                        _ => None,
                    },
                    not_applicable: score
                        .is_some_and(|score| score.value == ScoreValue::NotApplicable),
                    justification: score.map_or_else(
                        || {
                            self.drafts
                                .get(&(application.reference.as_str(), criterion.id.as_str()))
                                .map(|text| (*text).clone())
                                .unwrap_or_default()
                        },
                        |score| score.justification.clone(),
                    ),
                }
            })
            .collect();
        ScoringApplication {
            application: ApplicationView::new(application)
                .with_document(self.documents.get(application.reference.as_str()))
                .with_continuation(self.continuations.of(&application.reference)),
            recusal: self.recusal(application).map(|recusal| recusal.reason.clone()),
            complete: cells.iter().all(|cell| cell.value.is_some() || cell.not_applicable),
            cells,
        }
    }
}
