//! The chair's merge of members' score files into the master round.
//!
//! Every score is a record keyed by (member, application, criterion), every recusal by
//! (member, application), and each carries a version: its revision, the time it was made and a
//! hash of its content. Merging keeps, per key, the record with the greatest version in that
//! total order. Taking a maximum is idempotent, commutative and associative, so merging any set
//! of files in any order, any number of times, in one call or many, gives the same master. A
//! cleared score is a tombstone with a higher revision, so an older file cannot bring it back.
//!
//! A file is first checked as a whole and planned without writing anything (that plan is the
//! dry run); only a file without a single problem is applied, in one transaction, together with
//! its audit-log entry. Refused files leave the master byte-identical.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{TransactionBehavior, params};
use serde::Serialize;

use crate::round_file::{now, sqlite};
use crate::score_file::{
    RecusalRecord, Rubric, RubricCriterion, SCORE_FILE_FORMAT, SCORE_FILE_VERSION, ScoreFile,
    ScoreFileBody, ScoreFileMember, ScoreRecord, sha256_hex,
};
use crate::{Access, RoundFile, StoreError};

/// What merging one file does (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeCounts {
    pub scores_new: usize,
    pub scores_updated: usize,
    pub scores_unchanged: usize,
    pub recusals_new: usize,
    pub recusals_updated: usize,
    pub recusals_unchanged: usize,
    /// Scores on applications the member is recused from: merged, but kept out of every
    /// aggregate.
    pub scores_on_recused_applications: usize,
}

impl MergeCounts {
    pub fn changes(&self) -> usize {
        self.scores_new + self.scores_updated + self.recusals_new + self.recusals_updated
    }
}

/// A checked file and the records of it that win.
#[derive(Debug, Clone)]
pub struct MergePlan {
    pub member_id: String,
    pub member_name: String,
    pub checksum: String,
    pub counts: MergeCounts,
    score_winners: Vec<ScoreRecord>,
    recusal_winners: Vec<RecusalRecord>,
}

/// A record's place in the total order that decides which version wins.
fn score_version(record: &ScoreRecord) -> (i64, &str, String) {
    let content = format!(
        "{:?}|{}|{}|{}",
        record.value,
        u8::from(record.not_applicable),
        u8::from(record.cleared),
        record.justification
    );
    (record.revision, record.updated_at.as_str(), sha256_hex(content.as_bytes()))
}

fn recusal_version(record: &RecusalRecord) -> (i64, &str, String) {
    let content = format!("{}|{}", u8::from(record.cleared), record.reason);
    (record.revision, record.updated_at.as_str(), sha256_hex(content.as_bytes()))
}

impl RoundFile {
    /// The rubric of this round, as score files carry it.
    pub fn rubric(&self) -> Result<Rubric, StoreError> {
        let info = self.info()?;
        let criteria = self
            .criteria()?
            .into_iter()
            .map(|criterion| RubricCriterion {
                id: criterion.id.0,
                allow_not_applicable: criterion.allow_not_applicable,
            })
            .collect();
        Ok(Rubric::new(info.scale.min, info.scale.max, criteria))
    }

    /// Every score record, tombstones included, in key order: the "score table" that two
    /// masters must agree on after the same merges.
    pub fn score_records(&self) -> Result<Vec<ScoreRecord>, StoreError> {
        self.query_records(None)
    }

    pub fn recusal_records(&self) -> Result<Vec<RecusalRecord>, StoreError> {
        self.query_recusals(None)
    }

    /// Score records (tombstones included) in key order, of one member or of everyone.
    fn query_records(&self, member: Option<&str>) -> Result<Vec<ScoreRecord>, StoreError> {
        let run = || -> rusqlite::Result<Vec<ScoreRecord>> {
            let mut statement = self.connection.prepare_cached(
                "SELECT member, application, criterion, value, not_applicable, cleared,
                     justification, revision, updated_at FROM score
                 WHERE ?1 IS NULL OR member = ?1 ORDER BY member, application, criterion",
            )?;
            statement
                .query_map([member], |row| {
                    Ok(ScoreRecord {
                        member: row.get(0)?,
                        application: row.get(1)?,
                        criterion: row.get(2)?,
                        value: row.get(3)?,
                        not_applicable: row.get(4)?,
                        cleared: row.get(5)?,
                        justification: row.get(6)?,
                        revision: row.get(7)?,
                        updated_at: row.get(8)?,
                    })
                })?
                .collect()
        };
        run().map_err(sqlite(&self.path))
    }

    /// Recusal records (withdrawn ones included) in key order, of one member or of everyone.
    fn query_recusals(&self, member: Option<&str>) -> Result<Vec<RecusalRecord>, StoreError> {
        let run = || -> rusqlite::Result<Vec<RecusalRecord>> {
            let mut statement = self.connection.prepare_cached(
                "SELECT member, application, reason, cleared, revision, updated_at FROM recusal
                 WHERE ?1 IS NULL OR member = ?1 ORDER BY member, application",
            )?;
            statement
                .query_map([member], |row| {
                    Ok(RecusalRecord {
                        member: row.get(0)?,
                        application: row.get(1)?,
                        reason: row.get(2)?,
                        cleared: row.get(3)?,
                        revision: row.get(4)?,
                        updated_at: row.get(5)?,
                    })
                })?
                .collect()
        };
        run().map_err(sqlite(&self.path))
    }

    /// The members that have any score or recusal record in this file.
    pub fn members_with_records(&self) -> Result<Vec<String>, StoreError> {
        let run = || -> rusqlite::Result<Vec<String>> {
            let mut statement = self
                .connection
                .prepare("SELECT member FROM score UNION SELECT member FROM recusal ORDER BY 1")?;
            statement.query_map([], |row| row.get(0))?.collect()
        };
        run().map_err(sqlite(&self.path))
    }

    /// A score file with every record (tombstones included) of one member.
    pub fn export_score_file(
        &self,
        member_id: &str,
        created_by: &str,
    ) -> Result<ScoreFile, StoreError> {
        let info = self.info()?;
        let member =
            self.members()?.into_iter().find(|member| member.id.as_str() == member_id).ok_or_else(
                || {
                    StoreError::refused(format!(
                        "Medlemmet «{member_id}» finnes ikke i runden. Se `samvurd member list`."
                    ))
                },
            )?;
        let scores = self.query_records(Some(member_id))?;
        Ok(ScoreFile::seal(ScoreFileBody {
            format: SCORE_FILE_FORMAT.to_owned(),
            version: SCORE_FILE_VERSION,
            round_id: info.round_id,
            round_title: info.title,
            rubric: self.rubric()?,
            member: ScoreFileMember { id: member.id.0, name: member.name },
            created_at: now(),
            created_by: created_by.to_owned(),
            scores,
            recusals: self.query_recusals(Some(member_id))?,
        }))
    }

    /// Checks a score file against this round and works out what merging it would change,
    /// without writing anything. `name` is the file's name, for messages.
    pub fn plan_merge(&self, file: &ScoreFile, name: &str) -> Result<MergePlan, StoreError> {
        let body = &file.body;
        let info = self.info()?;
        if body.round_id != info.round_id {
            return Err(StoreError::refused(format!(
                "«{name}» hører til en annen søknadsrunde («{}»), ikke «{}». Be medlemmet eksportere skårene fra sin kopi av denne runden.",
                body.round_title, info.title
            )));
        }
        let rubric = self.rubric()?;
        if body.rubric != rubric {
            return Err(StoreError::refused(format!(
                "«{name}» er skåret etter andre kriterier enn runden: {}. Skårene kan ikke slås sammen; be medlemmet skåre i en ny kopi av runden.",
                describe_rubric_difference(&rubric, &body.rubric)
            )));
        }
        let member_id = body.member.id.as_str();
        let members = self.members()?;
        if !members.iter().any(|member| member.id.as_str() == member_id) {
            return Err(StoreError::refused(format!(
                "«{name}» har skårene til «{}» ({member_id}), som ikke er medlem i runden. Legg medlemmet til først, eller sjekk at fila er riktig.",
                body.member.name
            )));
        }
        let applications: BTreeSet<String> =
            self.applications()?.into_iter().map(|application| application.reference.0).collect();
        let criteria: BTreeMap<&str, bool> = rubric
            .criteria
            .iter()
            .map(|criterion| (criterion.id.as_str(), criterion.allow_not_applicable))
            .collect();

        let mut seen_scores = BTreeSet::new();
        for record in &body.scores {
            check_record_member(name, member_id, &record.member)?;
            if !applications.contains(&record.application) {
                return Err(unknown_application(name, &record.application));
            }
            let Some(&allow_not_applicable) = criteria.get(record.criterion.as_str()) else {
                return Err(StoreError::refused(format!(
                    "«{name}» har en skår på kriteriet «{}», som ikke finnes i runden. Fila er ikke slått sammen.",
                    record.criterion
                )));
            };
            if !seen_scores.insert((&record.application, &record.criterion)) {
                return Err(StoreError::refused(format!(
                    "«{name}» har to skårer for søknad {} på kriteriet «{}». Fila er skadet; be medlemmet eksportere på nytt.",
                    record.application, record.criterion
                )));
            }
            if record.cleared {
                continue;
            }
            match (record.value, record.not_applicable) {
                (Some(value), false) if !(rubric.scale_min..=rubric.scale_max).contains(&value) => {
                    return Err(StoreError::refused(format!(
                        "«{name}» har skåren {value} for søknad {}, kriterium «{}», men skalaen er {}–{}. Fila er ikke slått sammen.",
                        record.application, record.criterion, rubric.scale_min, rubric.scale_max
                    )));
                }
                (None, true) if !allow_not_applicable => {
                    return Err(StoreError::refused(format!(
                        "«{name}» sier «ikke relevant» for søknad {} på kriteriet «{}», men kriteriet tillater ikke det. Fila er ikke slått sammen.",
                        record.application, record.criterion
                    )));
                }
                (Some(_), false) | (None, true) => {}
                _ => {
                    return Err(StoreError::refused(format!(
                        "«{name}» har en ugyldig skår for søknad {}, kriterium «{}». Be medlemmet eksportere på nytt.",
                        record.application, record.criterion
                    )));
                }
            }
        }
        check_record_texts(name, body)?;
        let mut seen_recusals = BTreeSet::new();
        for record in &body.recusals {
            check_record_member(name, member_id, &record.member)?;
            if !applications.contains(&record.application) {
                return Err(unknown_application(name, &record.application));
            }
            if !seen_recusals.insert(&record.application) {
                return Err(StoreError::refused(format!(
                    "«{name}» melder inhabilitet i søknad {} to ganger. Be medlemmet eksportere på nytt.",
                    record.application
                )));
            }
        }

        let mut counts = MergeCounts::default();
        let existing_scores: BTreeMap<(String, String), ScoreRecord> = self
            .query_records(Some(member_id))?
            .into_iter()
            .map(|record| ((record.application.clone(), record.criterion.clone()), record))
            .collect();
        let mut score_winners = Vec::new();
        for record in &body.scores {
            match existing_scores.get(&(record.application.clone(), record.criterion.clone())) {
                None => {
                    counts.scores_new += 1;
                    score_winners.push(record.clone());
                }
                Some(existing) => match score_version(record).cmp(&score_version(existing)) {
                    Ordering::Greater => {
                        counts.scores_updated += 1;
                        score_winners.push(record.clone());
                    }
                    Ordering::Equal | Ordering::Less => counts.scores_unchanged += 1,
                },
            }
        }
        let mut recused: BTreeMap<String, RecusalRecord> = self
            .query_recusals(Some(member_id))?
            .into_iter()
            .map(|record| (record.application.clone(), record))
            .collect();
        let mut recusal_winners = Vec::new();
        for record in &body.recusals {
            match recused.get(&record.application) {
                None => {
                    counts.recusals_new += 1;
                    recusal_winners.push(record.clone());
                }
                Some(existing) => match recusal_version(record).cmp(&recusal_version(existing)) {
                    Ordering::Greater => {
                        counts.recusals_updated += 1;
                        recusal_winners.push(record.clone());
                    }
                    Ordering::Equal | Ordering::Less => counts.recusals_unchanged += 1,
                },
            }
        }
        for record in &recusal_winners {
            recused.insert(record.application.clone(), record.clone());
        }
        counts.scores_on_recused_applications = body
            .scores
            .iter()
            .filter(|record| !record.cleared)
            .filter(|record| {
                recused.get(&record.application).is_some_and(|recusal| !recusal.cleared)
            })
            .count();

        Ok(MergePlan {
            member_id: member_id.to_owned(),
            member_name: body.member.name.clone(),
            checksum: file.checksum.clone(),
            counts,
            score_winners,
            recusal_winners,
        })
    }

    /// Applies a planned merge in one transaction with its audit-log entry.
    pub fn apply_merge(
        &mut self,
        actor: &str,
        plan: &MergePlan,
        name: &str,
    ) -> Result<(), StoreError> {
        if self.access == Access::ReadOnly {
            return Err(StoreError::ReadOnly { path: self.path.clone() });
        }
        let path = self.path.clone();
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite(&path))?;
        if let Some(lock) = crate::read::lock_in(&transaction).map_err(sqlite(&path))? {
            return Err(StoreError::RoundLocked { lock });
        }
        {
            let mut upsert_score = transaction
                .prepare_cached(
                    "INSERT INTO score (member, application, criterion, value, not_applicable,
                         justification, revision, updated_at, cleared)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                     ON CONFLICT (member, application, criterion) DO UPDATE SET
                         value = excluded.value, not_applicable = excluded.not_applicable,
                         justification = excluded.justification, revision = excluded.revision,
                         updated_at = excluded.updated_at, cleared = excluded.cleared",
                )
                .map_err(sqlite(&path))?;
            for record in &plan.score_winners {
                upsert_score
                    .execute(params![
                        record.member,
                        record.application,
                        record.criterion,
                        if record.cleared { None } else { record.value },
                        record.not_applicable && !record.cleared,
                        record.justification,
                        record.revision,
                        record.updated_at,
                        record.cleared,
                    ])
                    .map_err(sqlite(&path))?;
            }
            let mut upsert_recusal = transaction
                .prepare_cached(
                    "INSERT INTO recusal (member, application, reason, revision, updated_at, cleared)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (member, application) DO UPDATE SET
                         reason = excluded.reason, revision = excluded.revision,
                         updated_at = excluded.updated_at, cleared = excluded.cleared",
                )
                .map_err(sqlite(&path))?;
            for record in &plan.recusal_winners {
                upsert_recusal
                    .execute(params![
                        record.member,
                        record.application,
                        record.reason,
                        record.revision,
                        record.updated_at,
                        record.cleared,
                    ])
                    .map_err(sqlite(&path))?;
            }
        }
        crate::change::append_audit(
            &transaction,
            actor,
            "merge_score_file",
            &serde_json::json!({
                "file": name,
                "member": plan.member_id,
                "checksum": plan.checksum,
                "counts": plan.counts,
            }),
        )
        .map_err(sqlite(&path))?;
        transaction.commit().map_err(sqlite(&path))
    }
}

/// A score file's texts keep the same limits as texts typed into the round.
fn check_record_texts(name: &str, body: &ScoreFileBody) -> Result<(), StoreError> {
    let field = samvurd_core::TextField::Justification;
    let texts = body
        .scores
        .iter()
        .map(|record| (&record.application, &record.justification))
        .chain(body.recusals.iter().map(|record| (&record.application, &record.reason)));
    for (application, text) in texts {
        samvurd_core::check_text(field, text).map_err(|problem| {
            StoreError::refused(format!(
                "«{name}» har en begrunnelse for søknad {application} som ikke kan lagres: {problem} Fila er ikke slått sammen."
            ))
        })?;
    }
    Ok(())
}

fn check_record_member(name: &str, member_id: &str, record_member: &str) -> Result<(), StoreError> {
    if record_member == member_id {
        return Ok(());
    }
    Err(StoreError::refused(format!(
        "«{name}» er fila til «{member_id}», men inneholder en oppføring for «{record_member}». En skårfil kan bare inneholde ett medlems skårer; fila er ikke slått sammen."
    )))
}

fn unknown_application(name: &str, reference: &str) -> StoreError {
    StoreError::refused(format!(
        "«{name}» har skårer for søknad {reference}, som ikke finnes i runden. Fila er ikke slått sammen; sjekk at den hører til denne runden."
    ))
}

/// Says in words how a file's rubric differs from the round's.
fn describe_rubric_difference(round: &Rubric, file: &Rubric) -> String {
    let mut differences = Vec::new();
    if (round.scale_min, round.scale_max) != (file.scale_min, file.scale_max) {
        differences.push(format!(
            "skalaen er {}–{} i fila, men {}–{} i runden",
            file.scale_min, file.scale_max, round.scale_min, round.scale_max
        ));
    }
    let round_ids: BTreeMap<&str, bool> = round
        .criteria
        .iter()
        .map(|criterion| (criterion.id.as_str(), criterion.allow_not_applicable))
        .collect();
    let file_ids: BTreeMap<&str, bool> = file
        .criteria
        .iter()
        .map(|criterion| (criterion.id.as_str(), criterion.allow_not_applicable))
        .collect();
    let added: Vec<&str> =
        file_ids.keys().filter(|id| !round_ids.contains_key(*id)).copied().collect();
    let removed: Vec<&str> =
        round_ids.keys().filter(|id| !file_ids.contains_key(*id)).copied().collect();
    if !added.is_empty() {
        differences.push(format!("fila har kriterier runden ikke har ({})", added.join(", ")));
    }
    if !removed.is_empty() {
        differences.push(format!("fila mangler kriterier runden har ({})", removed.join(", ")));
    }
    let changed: Vec<&str> = round_ids
        .iter()
        .filter(|(id, allow)| file_ids.get(*id).is_some_and(|file_allow| file_allow != *allow))
        .map(|(id, _)| *id)
        .collect();
    if !changed.is_empty() {
        differences.push(format!("«ikke relevant» er tillatt ulikt for {}", changed.join(", ")));
    }
    if differences.is_empty() {
        differences.push(format!(
            "fingeravtrykket er {} i fila, men {} i runden",
            file.fingerprint, round.fingerprint
        ));
    }
    differences.join("; ")
}
