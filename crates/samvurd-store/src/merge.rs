//! The chair's merge of members' score files into the master round.
//!
//! Every score is a record keyed by (member, application, criterion), every recusal by
//! (member, application), and each carries a version: its hybrid logical clock (`clock`), its
//! revision and a hash of its content. Merging keeps, per key, the record with the greatest
//! version in that total order, so the newest edit wins whichever copy it was made in. Taking a
//! maximum is idempotent, commutative and associative, so merging any set of files in any order,
//! any number of times, in one call or many, gives the same master. A cleared score is a
//! tombstone with a newer clock, so an older file cannot bring it back.
//!
//! Who a file speaks for is checked too: the name in it must be the round's name for that id,
//! and a signed file (version 2) must be signed by the key the master trusts for that member,
//! the first key it saw (trust on first merge). An unsigned file (version 1, or a member's whole
//! round file) is merged only when the chair has confirmed it, and is marked «usignert».
//!
//! A file is first checked as a whole and planned without writing anything (that plan is the
//! dry run); only a file without a single problem is applied, in one transaction, together with
//! its audit-log entry. Refused files leave the master byte-identical.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rusqlite::{TransactionBehavior, params};
use serde::Serialize;

use crate::clock::{MAX_AHEAD_MILLIS, MAX_REVISION, clock_at, clock_time};
use crate::round_file::{now, sqlite};
use crate::score_file::{
    RecusalRecord, Rubric, RubricCriterion, SCORE_FILE_FORMAT, ScoreFile, ScoreFileBody,
    ScoreFileMember, ScoreRecord, UNSIGNED_SCORE_FILE_VERSION, sha256_hex,
};
use crate::signing::{MemberKey, short_fingerprint};
use crate::{Access, RoundFile, StoreError};

/// What merging one file does (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MergeCounts {
    pub scores_new: usize,
    pub scores_updated: usize,
    /// The same version as the master's.
    pub scores_unchanged: usize,
    /// Older than the master's version of the same score, so not applied.
    pub scores_older: usize,
    pub recusals_new: usize,
    pub recusals_updated: usize,
    pub recusals_unchanged: usize,
    pub recusals_older: usize,
    /// Scores on applications the member is recused from: merged, but kept out of every
    /// aggregate.
    pub scores_on_recused_applications: usize,
}

impl MergeCounts {
    pub fn changes(&self) -> usize {
        self.scores_new + self.scores_updated + self.recusals_new + self.recusals_updated
    }
}

/// Whether the master knows the key a file was signed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyTrust {
    /// No signature: a version-1 file or a member's whole round file; merged only when the
    /// chair confirmed it.
    Unsigned,
    /// The first signed file for this member: merging it makes the master trust its key.
    FirstKey,
    /// Signed with the key the master already trusts for this member.
    Trusted,
}

/// A checked file and the records of it that win.
#[derive(Debug, Clone)]
pub struct MergePlan {
    pub member_id: String,
    /// The round's own name for the member (never the name written in the file).
    pub member_name: String,
    pub checksum: String,
    pub counts: MergeCounts,
    pub trust: KeyTrust,
    /// The signing key's full fingerprint, for a signed file.
    pub fingerprint: Option<String>,
    public_key: Option<String>,
    score_winners: Vec<ScoreRecord>,
    recusal_winners: Vec<RecusalRecord>,
}

impl MergePlan {
    /// The short fingerprint (`3F2A-9C1B-77D0-E415`) to read out on the phone.
    pub fn short_fingerprint(&self) -> Option<String> {
        self.fingerprint.as_deref().map(short_fingerprint)
    }
}

/// Compares two versions of one score in the total order: clock, then revision, then a hash of
/// everything else in the record (computed only when clock and revision tie).
fn compare_scores(
    left: &ScoreRecord,
    left_clock: i64,
    right: &ScoreRecord,
    right_clock: i64,
) -> Ordering {
    left_clock.cmp(&right_clock).then(left.revision.cmp(&right.revision)).then_with(|| {
        let content = |record: &ScoreRecord| {
            sha256_hex(
                format!(
                    "{:?}|{}|{}|{}|{}",
                    record.value,
                    u8::from(record.not_applicable),
                    u8::from(record.cleared),
                    record.updated_at,
                    record.justification
                )
                .as_bytes(),
            )
        };
        content(left).cmp(&content(right))
    })
}

fn compare_recusals(
    left: &RecusalRecord,
    left_clock: i64,
    right: &RecusalRecord,
    right_clock: i64,
) -> Ordering {
    left_clock.cmp(&right_clock).then(left.revision.cmp(&right.revision)).then_with(|| {
        let content = |record: &RecusalRecord| {
            sha256_hex(
                format!("{}|{}|{}", u8::from(record.cleared), record.updated_at, record.reason)
                    .as_bytes(),
            )
        };
        content(left).cmp(&content(right))
    })
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
                // Two statements, so that one member's records come from the primary key's index
                // rather than a scan of every member's.
                if member.is_some() {
                    "SELECT member, application, criterion, value, not_applicable, cleared,
                         justification, revision, updated_at, clock FROM score
                     WHERE member = ?1 ORDER BY member, application, criterion"
                } else {
                    "SELECT member, application, criterion, value, not_applicable, cleared,
                         justification, revision, updated_at, clock FROM score
                     WHERE ?1 IS NULL ORDER BY member, application, criterion"
                },
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
                        clock: Some(row.get(9)?),
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
                "SELECT member, application, reason, cleared, revision, updated_at, clock FROM recusal
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
                        clock: Some(row.get(6)?),
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

    /// A score file with every record (tombstones included) of one member, signed with `key`
    /// (version 2), or unsigned (version 1) without one.
    pub fn export_score_file(
        &self,
        member_id: &str,
        created_by: &str,
        key: Option<&MemberKey>,
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
        let body = ScoreFileBody {
            format: SCORE_FILE_FORMAT.to_owned(),
            version: UNSIGNED_SCORE_FILE_VERSION,
            round_id: info.round_id,
            round_title: info.title,
            rubric: self.rubric()?,
            member: ScoreFileMember { id: member.id.0, name: member.name },
            created_at: now(),
            created_by: created_by.to_owned(),
            public_key: None,
            scores,
            recusals: self.query_recusals(Some(member_id))?,
        };
        Ok(match key {
            Some(key) => ScoreFile::sign(body, key),
            None => ScoreFile::seal(body),
        })
    }

    /// Every application's reference, without reading the rest of each application.
    fn application_references(&self) -> Result<Vec<String>, StoreError> {
        let run = || -> rusqlite::Result<Vec<String>> {
            let mut statement =
                self.connection.prepare_cached("SELECT reference FROM application")?;
            statement.query_map([], |row| row.get(0))?.collect()
        };
        run().map_err(sqlite(&self.path))
    }

    /// The fingerprint of the key the master trusts for a member, if any.
    pub fn trusted_fingerprint(&self, member_id: &str) -> Result<Option<String>, StoreError> {
        let run = || -> rusqlite::Result<Option<String>> {
            let mut statement = self
                .connection
                .prepare_cached("SELECT fingerprint FROM member_key WHERE member = ?1")?;
            let mut rows = statement.query([member_id])?;
            rows.next()?.map(|row| row.get(0)).transpose()
        };
        run().map_err(sqlite(&self.path))
    }

    /// Checks a score file against this round and works out what merging it would change,
    /// without writing anything. `name` is the file's name, for messages. An unsigned file is
    /// refused unless `accept_unsigned` (the chair's explicit confirmation).
    pub fn plan_merge(
        &self,
        file: ScoreFile,
        name: &str,
        accept_unsigned: bool,
    ) -> Result<MergePlan, StoreError> {
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
        let Some(member) = members.iter().find(|member| member.id.as_str() == member_id) else {
            return Err(StoreError::refused(format!(
                "«{name}» har skårene til «{}» ({member_id}), som ikke er medlem i runden. Legg medlemmet til først, eller sjekk at fila er riktig.",
                body.member.name
            )));
        };
        if body.member.name != member.name
            && !self.former_member_names(member_id)?.contains(&body.member.name)
        {
            return Err(StoreError::refused(format!(
                "«{name}» sier at skårene er til «{}», men i runden heter medlemmet med ID «{member_id}» «{}». Fila er ikke slått sammen: den kan være endret for å se ut som en annens. Be medlemmet eksportere skårene på nytt fra sin kopi.",
                body.member.name, member.name
            )));
        }
        let applications: HashSet<String> = self.application_references()?.into_iter().collect();
        let criteria: HashMap<&str, bool> = rubric
            .criteria
            .iter()
            .map(|criterion| (criterion.id.as_str(), criterion.allow_not_applicable))
            .collect();

        let mut seen_scores = HashSet::with_capacity(body.scores.len());
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
        let mut seen_recusals = HashSet::new();
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

        // Versions from the future, or revisions no real copy reaches, would win over every
        // genuine later edit: the whole file is refused and the message says which record.
        let latest_allowed = clock_at(chrono::Utc::now()) + MAX_AHEAD_MILLIS * 65_536;
        let score_clocks: Vec<i64> = body
            .scores
            .iter()
            .map(|record| {
                let what =
                    || format!("søknad {}, kriterium «{}»", record.application, record.criterion);
                check_version(name, what, record.clock(), record.revision, latest_allowed)
            })
            .collect::<Result<_, _>>()?;
        let recusal_clocks: Vec<i64> = body
            .recusals
            .iter()
            .map(|record| {
                let what = || format!("inhabiliteten i søknad {}", record.application);
                check_version(name, what, record.clock(), record.revision, latest_allowed)
            })
            .collect::<Result<_, _>>()?;

        // Who signed it, and whether the master trusts that key for this member.
        let signer = file.signer();
        let trusted = self.trusted_fingerprint(member_id)?;
        let trust = match (&signer, &trusted) {
            (None, _) => {
                if !accept_unsigned {
                    return Err(StoreError::refused(format!(
                        "«{name}» er ikke signert (en skårfil fra en eldre Samvurd, eller en hel rundefil), så ingenting viser at den kommer fra {} selv. Ring medlemmet og sjekk at fila er deres; slå den så sammen med «Godta usignerte filer» (`--godta-usignert` på kommandolinjen). Den merkes «usignert» i loggen.",
                        member.name
                    )));
                }
                KeyTrust::Unsigned
            }
            (Some(key), Some(trusted)) if key.fingerprint() != *trusted => {
                return Err(StoreError::refused(format!(
                    "«{name}» er signert med nøkkelen {}, men runden stoler på nøkkelen {} for {} ({member_id}). Fila er ikke slått sammen. Har medlemmet fått ny PC eller installert Samvurd på nytt? Ring {} og sammenlign fingeravtrykket {} (vises i Samvurd hos medlemmet). Stemmer det, godta den nye nøkkelen (`samvurd trust-key`, eller «Godta ny nøkkel» i appen) og slå sammen på nytt. Stemmer det ikke, kan fila være forfalsket.",
                    key.short_fingerprint(),
                    short_fingerprint(trusted),
                    member.name,
                    member.name,
                    key.short_fingerprint()
                )));
            }
            (Some(_), Some(_)) => KeyTrust::Trusted,
            (Some(_), None) => KeyTrust::FirstKey,
        };

        let mut counts = MergeCounts::default();
        // Application -> criterion -> record: looked up by `&str`, without a key to allocate.
        let mut existing_scores: HashMap<String, HashMap<String, ScoreRecord>> = HashMap::new();
        for record in self.query_records(Some(member_id))? {
            existing_scores
                .entry(record.application.clone())
                .or_default()
                .insert(record.criterion.clone(), record);
        }
        // Which records win, by position: they are moved out of the file at the end, not cloned.
        let mut score_wins = vec![false; body.scores.len()];
        for ((record, &clock), wins) in body.scores.iter().zip(&score_clocks).zip(&mut score_wins) {
            let existing = existing_scores
                .get(record.application.as_str())
                .and_then(|criteria| criteria.get(record.criterion.as_str()));
            match existing {
                None => {
                    counts.scores_new += 1;
                    *wins = true;
                }
                Some(existing) => {
                    let existing_clock = existing.clock.unwrap_or_default();
                    match compare_scores(record, clock, existing, existing_clock) {
                        Ordering::Greater => {
                            counts.scores_updated += 1;
                            *wins = true;
                        }
                        Ordering::Equal => counts.scores_unchanged += 1,
                        Ordering::Less => counts.scores_older += 1,
                    }
                }
            }
        }
        let mut recused: BTreeMap<String, RecusalRecord> = self
            .query_recusals(Some(member_id))?
            .into_iter()
            .map(|record| (record.application.clone(), record))
            .collect();
        let mut recusal_winners = Vec::new();
        for (record, &clock) in body.recusals.iter().zip(&recusal_clocks) {
            let winner = || RecusalRecord { clock: Some(clock), ..record.clone() };
            match recused.get(&record.application) {
                None => {
                    counts.recusals_new += 1;
                    recusal_winners.push(winner());
                }
                Some(existing) => {
                    let existing_clock = existing.clock.unwrap_or_default();
                    match compare_recusals(record, clock, existing, existing_clock) {
                        Ordering::Greater => {
                            counts.recusals_updated += 1;
                            recusal_winners.push(winner());
                        }
                        Ordering::Equal => counts.recusals_unchanged += 1,
                        Ordering::Less => counts.recusals_older += 1,
                    }
                }
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

        let member_name = member.name.clone();
        let member_id = member_id.to_owned();
        let score_winners = file
            .body
            .scores
            .into_iter()
            .zip(score_clocks)
            .zip(score_wins)
            .filter(|(_, wins)| *wins)
            .map(|((record, clock), _)| ScoreRecord { clock: Some(clock), ..record })
            .collect();
        Ok(MergePlan {
            member_id,
            member_name,
            checksum: file.checksum.clone(),
            counts,
            trust,
            fingerprint: signer.as_ref().map(crate::signing::PublicKey::fingerprint),
            public_key: signer.as_ref().map(crate::signing::PublicKey::to_text),
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
        // The plan has checked every record's member, application and criterion against the
        // round, and none of those is ever deleted, so SQLite's foreign-key lookups (three per
        // record) are switched off for this one transaction and on again after it: the merge of
        // 32 000 rows is measured against plain SQL, which does not make them either.
        let path = self.path.clone();
        self.connection.pragma_update(None, "foreign_keys", false).map_err(sqlite(&path))?;
        let result = self.apply_planned(actor, plan, name);
        let restored =
            self.connection.pragma_update(None, "foreign_keys", true).map_err(sqlite(&path));
        result.and(restored)
    }

    fn apply_planned(
        &mut self,
        actor: &str,
        plan: &MergePlan,
        name: &str,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite(&path))?;
        if let Some(lock) = crate::read::lock_in(&transaction).map_err(sqlite(&path))? {
            return Err(StoreError::RoundLocked { lock });
        }
        {
            // Many rows per statement: one statement per row cost as much again in SQLite's
            // per-statement work (its statement journal, halting) as the rows themselves.
            for chunk in plan.score_winners.chunks(UPSERT_ROWS) {
                let mut upsert_score = transaction
                    .prepare_cached(&score_upsert(chunk.len()))
                    .map_err(sqlite(&path))?;
                let stored: Vec<(Option<i32>, bool)> = chunk
                    .iter()
                    .map(|record| {
                        (
                            if record.cleared { None } else { record.value },
                            record.not_applicable && !record.cleared,
                        )
                    })
                    .collect();
                let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(chunk.len() * 10);
                for (record, (value, not_applicable)) in chunk.iter().zip(&stored) {
                    values.extend([
                        &record.member as &dyn rusqlite::ToSql,
                        &record.application,
                        &record.criterion,
                        value,
                        not_applicable,
                        &record.justification,
                        &record.revision,
                        &record.updated_at,
                        &record.cleared,
                        &record.clock,
                    ]);
                }
                upsert_score.execute(rusqlite::params_from_iter(values)).map_err(sqlite(&path))?;
            }
            let mut upsert_recusal = transaction
                .prepare_cached(
                    "INSERT INTO recusal (member, application, reason, revision, updated_at, cleared,
                         clock)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (member, application) DO UPDATE SET
                         reason = excluded.reason, revision = excluded.revision,
                         updated_at = excluded.updated_at, cleared = excluded.cleared,
                         clock = excluded.clock",
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
                        record.clock,
                    ])
                    .map_err(sqlite(&path))?;
            }
        }
        if plan.trust == KeyTrust::FirstKey
            && let (Some(public_key), Some(fingerprint)) = (&plan.public_key, &plan.fingerprint)
        {
            // INSERT, not upsert: had another key been trusted since the plan was made, the
            // primary key refuses this one and the whole merge rolls back.
            transaction
                .execute(
                    "INSERT INTO member_key (member, public_key, fingerprint, trusted_at, trusted_by)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![plan.member_id, public_key, fingerprint, now(), actor.trim()],
                )
                .map_err(sqlite(&path))?;
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
                "signature": match plan.trust {
                    KeyTrust::Unsigned => "usignert",
                    KeyTrust::FirstKey => "ny nøkkel",
                    KeyTrust::Trusted => "kjent nøkkel",
                },
                "fingerprint": plan.short_fingerprint(),
            }),
        )
        .map_err(sqlite(&path))?;
        transaction.commit().map_err(sqlite(&path))
    }
}

/// Rows per upsert statement in a merge: 10 parameters each, well inside SQLite's limit.
const UPSERT_ROWS: usize = 100;

/// The upsert of `rows` score records, newest version winning as the plan decided.
fn score_upsert(rows: usize) -> String {
    let row = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    format!(
        "INSERT INTO score (member, application, criterion, value, not_applicable,
             justification, revision, updated_at, cleared, clock)
         VALUES {}
         ON CONFLICT (member, application, criterion) DO UPDATE SET
             value = excluded.value, not_applicable = excluded.not_applicable,
             justification = excluded.justification, revision = excluded.revision,
             updated_at = excluded.updated_at, cleared = excluded.cleared,
             clock = excluded.clock",
        vec![row; rows].join(", ")
    )
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

impl RoundFile {
    /// «Lag kopi til medlemmene»: a copy of the whole round at `target` (which must not exist),
    /// marked as a member's copy, so that it opens on «Hvem er du?» and its set-up is read-only
    /// wherever it is opened. The master is not changed.
    pub fn copy_for_members(&self, target: &Path, actor: &str) -> Result<(), StoreError> {
        if target.exists() {
            return Err(StoreError::AlreadyExists { path: target.to_owned() });
        }
        let temporary = target.with_extension("samvurd-ny");
        let _ = std::fs::remove_file(&temporary);
        let result = (|| {
            self.backup_to(&temporary)?;
            let mut copy = RoundFile::open(&temporary)?;
            copy.apply(
                actor,
                crate::Change::SetCopyRole {
                    kind: crate::CopyKind::Member,
                    installation: String::new(),
                    path: String::new(),
                },
            )?;
            drop(copy);
            std::fs::rename(&temporary, target)
                .map_err(|source| StoreError::Io { path: target.to_owned(), source })
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
        result
    }

    /// The names a member had before the chair corrected them («update_member» in the log): a
    /// score file made in a copy from before the correction carries the old name.
    fn former_member_names(&self, member: &str) -> Result<Vec<String>, StoreError> {
        let mut statement = self
            .connection
            .prepare(
                "SELECT json_extract(detail, '$.previous_name') FROM audit_log
                 WHERE action = 'update_member' AND json_extract(detail, '$.member') = ?1",
            )
            .map_err(sqlite(&self.path))?;
        let names = statement
            .query_map([member], |row| row.get::<_, Option<String>>(0))
            .map_err(sqlite(&self.path))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(sqlite(&self.path))?;
        Ok(names.into_iter().flatten().collect())
    }

    /// Copies the whole round with SQLite's backup API into a new file at `target`.
    fn backup_to(&self, target: &Path) -> Result<(), StoreError> {
        let mut connection = rusqlite::Connection::open(target).map_err(sqlite(target))?;
        crate::round_file::defend(
            &mut connection,
            &crate::round_file::Watchdog::default(),
            target,
        )?;
        let backup = rusqlite::backup::Backup::new(&self.connection, &mut connection)
            .map_err(sqlite(target))?;
        backup.run_to_completion(256, std::time::Duration::ZERO, None).map_err(sqlite(target))
    }
}

fn check_version(
    name: &str,
    what: impl Fn() -> String,
    clock: Option<i64>,
    revision: i64,
    latest_allowed: i64,
) -> Result<i64, StoreError> {
    let Some(clock) = clock.filter(|clock| *clock >= 0) else {
        return Err(StoreError::refused(format!(
            "«{name}» har et ugyldig tidspunkt for {}. Fila er ikke slått sammen; be medlemmet eksportere skårene på nytt.",
            what()
        )));
    };
    if clock > latest_allowed {
        return Err(StoreError::refused(format!(
            "«{name}» sier at {} ble endret {}, mer enn ett døgn fram i tid. En slik endring ville vunnet over alle senere, ekte endringer, så fila er ikke slått sammen. Be medlemmet rette klokka på maskinen sin og eksportere skårene på nytt.",
            what(),
            clock_time(clock)
        )));
    }
    if !(1..=MAX_REVISION).contains(&revision) {
        return Err(StoreError::refused(format!(
            "«{name}» har revisjon {revision} for {}, men en ekte kopi kommer aldri dit (største godtatte er {MAX_REVISION}). Fila er ikke slått sammen: den er skadet eller laget for å vinne over andres endringer. Be medlemmet eksportere skårene på nytt.",
            what()
        )));
    }
    Ok(clock)
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
