//! Scoring: the identified member's sheet, scores, drafts, recusals and score-file export.

use std::path::Path;

use std::collections::HashMap;

use samvurd_core::{ApplicationRef, CriterionId, MemberId, Recusal, Score, ScoreValue};
use samvurd_store::Change;

use crate::round::member_progress;
use crate::session::scale_steps;
use crate::views::{
    ApplicationView, CriterionView, ExportSummary, MemberView, ScoreCell, ScoreCellInput,
    ScoreSaved, ScoringApplication, ScoringSheet,
};
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
            let sheet = scoring_sheet(open, &member)?;
            Ok(ScoreSaved {
                application: sheet
                    .applications
                    .into_iter()
                    .find(|entry| entry.application.reference == input.application),
                done: sheet.done,
                total: sheet.total,
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

    pub fn export_my_scores(&self, path: &str) -> AppResult<ExportSummary> {
        self.with(|open| {
            let member = Session::require_identity(open)?;
            let key = open.member_key(&self.machine, &member.0)?;
            let file = open.export_scores(&member.0, Path::new(path), Some(&key))?;
            Ok(ExportSummary {
                fingerprint: key.public_key().short_fingerprint(),
                path: path.to_owned(),
                member_name: file.body.member.name.clone(),
                scores: u32::try_from(
                    file.body.scores.iter().filter(|score| !score.cleared).count(),
                )
                .unwrap_or(u32::MAX),
                recusals: u32::try_from(
                    file.body.recusals.iter().filter(|recusal| !recusal.cleared).count(),
                )
                .unwrap_or(u32::MAX),
            })
        })
    }
}

fn scoring_sheet(open: &OpenRound, member_id: &MemberId) -> AppResult<ScoringSheet> {
    let round = open.load()?;
    let drafts = open.file().drafts()?;
    // This member's scores and drafts by (application, criterion): looked up once per cell, not
    // searched for among every member's scores (a merged master holds tens of thousands).
    let mine: HashMap<(&str, &str), &Score> = round
        .scores
        .iter()
        .filter(|score| &score.member == member_id)
        .map(|score| ((score.application.as_str(), score.criterion.as_str()), score))
        .collect();
    let drafted: HashMap<(&str, &str), &String> = drafts
        .iter()
        .filter(|(draft_member, _, _, _)| draft_member == member_id)
        .map(|(_, application, criterion, justification)| {
            ((application.as_str(), criterion.as_str()), justification)
        })
        .collect();
    let draft = |application: &ApplicationRef, criterion: &CriterionId| {
        drafted.get(&(application.as_str(), criterion.as_str())).map(|text| (*text).clone())
    };
    let member = round.member(member_id).ok_or_else(|| {
        AppError::invalid(format!("Medlemmet «{member_id}» finnes ikke lenger i runden."))
    })?;
    let total_weight = round.criteria.iter().map(|criterion| criterion.weight).sum();
    let (given, expected) = member_progress(&round, member_id);
    let mut done = 0;
    let mut total = 0;
    let applications = round
        .applications
        .iter()
        .map(|application| {
            let recusal = round
                .recusals
                .iter()
                .find(|recusal| {
                    &recusal.member == member_id && recusal.application == application.reference
                })
                .map(|recusal| recusal.reason.clone());
            let cells: Vec<ScoreCell> = round
                .criteria
                .iter()
                .map(|criterion| {
                    let score =
                        mine.get(&(application.reference.as_str(), criterion.id.as_str())).copied();
                    ScoreCell {
                        criterion: criterion.id.0.clone(),
                        value: match score.map(|score| score.value) {
                            Some(ScoreValue::Value(value)) => Some(value),
                            _ => None,
                        },
                        not_applicable: score
                            .is_some_and(|score| score.value == ScoreValue::NotApplicable),
                        justification: score.map_or_else(
                            || draft(&application.reference, &criterion.id).unwrap_or_default(),
                            |score| score.justification.clone(),
                        ),
                    }
                })
                .collect();
            let complete = cells.iter().all(|cell| cell.value.is_some() || cell.not_applicable);
            if recusal.is_none() {
                total += 1;
                if complete {
                    done += 1;
                }
            }
            ScoringApplication {
                application: ApplicationView::new(application),
                recusal,
                cells,
                complete,
            }
        })
        .collect();
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
        applications,
        done,
        total,
    })
}
