//! The round's scores laid out as a dense application × criterion × member grid, so that every
//! part of the engine (statistics, flags, agreement, calibration, bootstrap) reads one answer per
//! cell by index instead of searching the score list.
//!
//! The grid is built once per evaluation. Recused members' answers are kept out of it altogether
//! (a recused cell reads as [`Answer::Recused`]), so no later step can count them by accident.
//! A member who has not finished simply has [`Answer::Missing`] cells: an unfinished member is
//! counted as missing, never as a low score. Should the round hold two scores for the same
//! member, application and criterion (the store keeps one), the later one in the list counts.

use std::collections::{BTreeSet, HashMap};

use crate::{MemberId, Round, ScoreValue};

/// One member's answer on one application × criterion, as the engine sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    /// No answer (yet).
    Missing,
    /// The member is recused from the application; whatever they entered is left out.
    Recused,
    NotApplicable,
    Value(i32),
}

impl Answer {
    pub(crate) fn value(self) -> Option<i32> {
        match self {
            Answer::Value(value) => Some(value),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ScoreGrid {
    pub applications: usize,
    pub criteria: usize,
    /// The round's members in the round's order, then (should the store ever hold them) members
    /// that only appear in scores, by id.
    pub members: Vec<MemberId>,
    /// `answers[(application · criteria + criterion) · members + member]`.
    answers: Vec<Answer>,
    /// Answers recused members entered anyway, per application × criterion: they are reported
    /// as excluded, so the chair can see that the recusal was honoured.
    recused_answers: Vec<usize>,
    /// `recused[application · members + member]`.
    recused: Vec<bool>,
}

/// `lookup(key)`, remembering the last key and its answer.
fn cached<'a>(
    last: &mut Option<(&'a str, usize)>,
    key: &'a str,
    lookup: impl Fn(&str) -> Option<usize>,
) -> Option<usize> {
    if let Some((last_key, index)) = *last
        && last_key == key
    {
        return Some(index);
    }
    let index = lookup(key)?;
    *last = Some((key, index));
    Some(index)
}

impl ScoreGrid {
    pub(crate) fn new(round: &Round) -> ScoreGrid {
        // Lookups only; nothing is ever iterated out of these maps, so their order cannot leak
        // into a result.
        let application_index: HashMap<&str, usize> = round
            .applications
            .iter()
            .enumerate()
            .map(|(index, application)| (application.reference.as_str(), index))
            .collect();

        let mut members: Vec<MemberId> =
            round.members.iter().map(|member| member.id.clone()).collect();
        let known: BTreeSet<&MemberId> = round.members.iter().map(|member| &member.id).collect();
        let strangers: BTreeSet<&MemberId> = round
            .scores
            .iter()
            .map(|score| &score.member)
            .filter(|member| !known.contains(member))
            .collect();
        members.extend(strangers.into_iter().cloned());
        let member_index: HashMap<&str, usize> =
            members.iter().enumerate().map(|(index, member)| (member.as_str(), index)).collect();

        let applications = round.applications.len();
        let criteria = round.criteria.len();
        let member_count = members.len();
        let mut recused = vec![false; applications * member_count];
        for recusal in &round.recusals {
            if let (Some(&application), Some(&member)) = (
                application_index.get(recusal.application.as_str()),
                member_index.get(recusal.member.as_str()),
            ) {
                recused[application * member_count + member] = true;
            }
        }

        let mut answers = vec![Answer::Missing; applications * criteria * member_count];
        for application in 0..applications {
            for member in 0..member_count {
                if recused[application * member_count + member] {
                    for criterion in 0..criteria {
                        answers[(application * criteria + criterion) * member_count + member] =
                            Answer::Recused;
                    }
                }
            }
        }
        let mut recused_answers = vec![0; applications * criteria];
        // Scores come grouped by member and application, so the previous lookup usually answers
        // the next one; the maps are asked only when the key changes.
        let mut last_application: Option<(&str, usize)> = None;
        let mut last_member: Option<(&str, usize)> = None;
        for score in &round.scores {
            let application = cached(&mut last_application, score.application.as_str(), |key| {
                application_index.get(key).copied()
            });
            let member = cached(&mut last_member, score.member.as_str(), |key| {
                member_index.get(key).copied()
            });
            // A round has a handful of criteria: a scan beats hashing.
            let criterion =
                round.criteria.iter().position(|criterion| criterion.id == score.criterion);
            let (Some(application), Some(criterion), Some(member)) =
                (application, criterion, member)
            else {
                // A score for an application or criterion that is not in the round cannot be
                // aggregated; the store refuses such scores in the first place.
                continue;
            };
            if recused[application * member_count + member] {
                recused_answers[application * criteria + criterion] += 1;
                continue;
            }
            answers[(application * criteria + criterion) * member_count + member] =
                match score.value {
                    ScoreValue::Value(value) => Answer::Value(value),
                    ScoreValue::NotApplicable => Answer::NotApplicable,
                };
        }

        ScoreGrid { applications, criteria, members, answers, recused_answers, recused }
    }

    pub(crate) fn member_count(&self) -> usize {
        self.members.len()
    }

    /// Every member's answer on one application × criterion, in member order.
    pub(crate) fn cell(&self, application: usize, criterion: usize) -> &[Answer] {
        let start = (application * self.criteria + criterion) * self.members.len();
        &self.answers[start..start + self.members.len()]
    }

    pub(crate) fn answer(&self, application: usize, criterion: usize, member: usize) -> Answer {
        self.answers[(application * self.criteria + criterion) * self.members.len() + member]
    }

    pub(crate) fn is_recused(&self, application: usize, member: usize) -> bool {
        self.recused[application * self.members.len() + member]
    }

    pub(crate) fn recused_answers(&self, application: usize, criterion: usize) -> usize {
        self.recused_answers[application * self.criteria + criterion]
    }
}
