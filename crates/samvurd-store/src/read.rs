//! Reading a round back out of its file, as plain `samvurd-core` values.
//!
//! Values are checked on the way out as well: a file edited by hand (or damaged) with a weight
//! that is not a number or a role we do not know is reported, not silently defaulted.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::Row;
use rust_decimal::Decimal;
use samvurd_core::{
    Aggregation, ApplicantSide, Application, ApplicationKind, ApplicationRef, Criterion,
    CriterionId, Gate, GateId, Member, MemberId, Money, Recusal, Role, Round, RoundInfo, Scale,
    Score, ScoreValue,
};
use serde::Serialize;

use crate::round_file::sqlite;
use crate::{RoundFile, StoreError};

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub detail: String,
}

/// The SSU's decision as stored, with who recorded it and whether it adopted the innstilling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VedtakRecord {
    pub vedtak: samvurd_core::vedtak::Vedtak,
    /// Recorded with «Vedta som innstilt».
    pub as_recommended: bool,
    pub recorded_at: String,
    pub recorded_by: String,
}

/// Who locked the round, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LockInfo {
    /// RFC 3339, UTC, as the audit log writes it.
    pub locked_at: String,
    pub locked_by: String,
    pub reason: String,
}

impl LockInfo {
    /// `23.11.2026 kl. 14:05` in local time, or the stored text if it cannot be read.
    pub fn locked_at_display(&self) -> String {
        chrono::DateTime::parse_from_rfc3339(&self.locked_at).map_or_else(
            |_| self.locked_at.clone(),
            |at| at.with_timezone(&chrono::Local).format("%d.%m.%Y kl. %H:%M").to_string(),
        )
    }
}

/// What a file says about itself: master or member's copy (see `Change::SetCopyRole`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyRole {
    pub kind: crate::CopyKind,
    pub installation: String,
    pub path: String,
}

/// The lock, read inside a transaction (or on any connection). A file from before locks
/// existed (opened read-only, so not migrated) has no lock.
pub(crate) fn lock_in(connection: &rusqlite::Connection) -> rusqlite::Result<Option<LockInfo>> {
    let has_table: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'round_lock')",
        [],
        |row| row.get(0),
    )?;
    if !has_table {
        return Ok(None);
    }
    let mut statement =
        connection.prepare_cached("SELECT locked_at, locked_by, reason FROM round_lock")?;
    let mut rows = statement.query_map([], |row| {
        Ok(LockInfo { locked_at: row.get(0)?, locked_by: row.get(1)?, reason: row.get(2)? })
    })?;
    rows.next().transpose()
}

/// A value in the file that this version cannot make sense of.
pub(crate) fn bad_value(column: &str, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        format!("ugyldig verdi «{text}» i kolonnen {column}").into(),
    )
}

pub(crate) fn outcome_of(text: &str) -> rusqlite::Result<samvurd_core::Outcome> {
    match text {
        "granted" => Ok(samvurd_core::Outcome::Granted),
        "partly_granted" => Ok(samvurd_core::Outcome::PartlyGranted),
        "rejected" => Ok(samvurd_core::Outcome::Rejected),
        _ => Err(bad_value("outcome", text)),
    }
}

fn money(row: &Row<'_>, index: usize, column: &str) -> rusqlite::Result<Money> {
    let text: String = row.get(index)?;
    Money::from_canonical_str(&text).map_err(|_| bad_value(column, &text))
}

fn date(row: &Row<'_>, index: usize, column: &str) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(index)?;
    text.map(|text| NaiveDate::from_str(&text).map_err(|_| bad_value(column, &text))).transpose()
}

/// One member's own records (see [`RoundFile::member_records`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MemberRecords {
    pub scores: Vec<Score>,
    pub recusals: Vec<Recusal>,
    /// (member, application, criterion, justification), as [`RoundFile::drafts`].
    pub drafts: Vec<(MemberId, ApplicationRef, CriterionId, String)>,
}

/// Reads a round through any connection: the file's own, or the open write transaction, so
/// that the rules the store checks inside a transaction see exactly what that transaction sees.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reader<'a> {
    pub(crate) connection: &'a rusqlite::Connection,
    pub(crate) path: &'a std::path::Path,
}

impl RoundFile {
    pub(crate) fn reader(&self) -> Reader<'_> {
        Reader { connection: &self.connection, path: &self.path }
    }

    /// The whole round in one piece, for the arithmetic.
    pub fn load(&self) -> Result<Round, StoreError> {
        self.reader().load()
    }

    pub fn info(&self) -> Result<RoundInfo, StoreError> {
        self.reader().info()
    }

    pub fn criteria(&self) -> Result<Vec<Criterion>, StoreError> {
        self.reader().criteria()
    }

    pub fn gates(&self) -> Result<Vec<Gate>, StoreError> {
        self.reader().gates()
    }

    pub fn members(&self) -> Result<Vec<Member>, StoreError> {
        self.reader().members()
    }

    /// Each application's document (path or link), by reference.
    pub fn documents(&self) -> Result<BTreeMap<String, String>, StoreError> {
        let reader = self.reader();
        let rows = reader
            .query("SELECT application, location FROM application_document", |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
            })?;
        Ok(rows.into_iter().collect())
    }

    pub fn applications(&self) -> Result<Vec<Application>, StoreError> {
        self.reader().applications()
    }

    /// Live scores (tombstones of cleared scores are left out), in a stable order.
    pub fn scores(&self) -> Result<Vec<Score>, StoreError> {
        self.reader().scores()
    }

    pub fn recusals(&self) -> Result<Vec<Recusal>, StoreError> {
        self.reader().recusals()
    }

    /// One member's live scores, recusals and drafts, read through the primary keys: what a
    /// member's scoring screen needs after a key press, without everyone else's rows.
    pub fn member_records(&self, member: &MemberId) -> Result<MemberRecords, StoreError> {
        let reader = self.reader();
        Ok(MemberRecords {
            scores: reader.scores_of(Some(member))?,
            recusals: reader.recusals_of(Some(member))?,
            drafts: reader.drafts_of(Some(member))?,
        })
    }

    /// The document (path or link) of one application, if it has one.
    pub fn document_of(&self, application: &str) -> Result<Option<String>, StoreError> {
        let reader = self.reader();
        let run = || -> rusqlite::Result<Option<String>> {
            let mut statement = reader.connection.prepare_cached(
                "SELECT location FROM application_document WHERE application = ?1",
            )?;
            let mut rows = statement.query_map([application], |row| row.get(0))?;
            rows.next().transpose()
        };
        run().map_err(sqlite(reader.path))
    }

    /// Justifications without a score (drafts), as (member, application, criterion,
    /// justification), in key order. They are no scores.
    pub fn drafts(
        &self,
    ) -> Result<Vec<(MemberId, ApplicationRef, CriterionId, String)>, StoreError> {
        self.reader().drafts()
    }

    /// The engine's options; a round that never set any has the defaults.
    pub fn options(&self) -> Result<samvurd_core::RoundOptions, StoreError> {
        self.reader().options()
    }

    pub fn gate_answers(&self) -> Result<Vec<samvurd_core::GateAnswer>, StoreError> {
        self.reader().gate_answers()
    }

    pub fn recommendations(&self) -> Result<Vec<samvurd_core::ChairRecommendation>, StoreError> {
        self.reader().recommendations()
    }

    /// The columns saved for application imports from `form` (see `Change::SaveImportMapping`).
    pub fn import_mapping(&self, form: &str) -> Result<Option<Vec<(String, String)>>, StoreError> {
        self.reader().import_mapping(form)
    }

    /// Whether this file says it is the chair's master or a member's copy (see `Reader`).
    pub fn copy_role(&self) -> Result<Option<CopyRole>, StoreError> {
        self.reader().copy_role()
    }

    /// The keys the master trusts, per member: (member id, full fingerprint).
    pub fn trusted_keys(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.reader().trusted_keys()
    }

    /// How many live scores the round holds: once there are any, weights and scale are locked.
    pub fn live_score_count(&self) -> Result<usize, StoreError> {
        self.reader().live_score_count()
    }

    /// The lock, if the round is locked.
    pub fn lock(&self) -> Result<Option<LockInfo>, StoreError> {
        self.reader().lock()
    }

    /// The SSU's decision, once recorded.
    pub fn vedtak(&self) -> Result<Option<VedtakRecord>, StoreError> {
        self.reader().vedtak()
    }

    /// The round's document language and the letter language chosen per application.
    pub fn languages(&self) -> Result<samvurd_core::language::LanguageChoices, StoreError> {
        self.reader().languages()
    }

    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        self.reader().audit_log()
    }
}

impl Reader<'_> {
    /// The whole round in one piece, for the arithmetic.
    pub fn load(&self) -> Result<Round, StoreError> {
        Ok(Round {
            info: self.info()?,
            criteria: self.criteria()?,
            gates: self.gates()?,
            members: self.members()?,
            applications: self.applications()?,
            scores: self.scores()?,
            recusals: self.recusals()?,
            options: self.options()?,
            gate_answers: self.gate_answers()?,
            recommendations: self.recommendations()?,
            method_changes: self.method_changes()?,
            meeting: self.meeting()?,
            continuations: self.continuations()?,
        })
    }

    /// What the meeting recorded: leader and deputy, item chairs, consensus records, lottery.
    pub fn meeting(&self) -> Result<samvurd_core::MeetingRecord, StoreError> {
        let chairs = self.query("SELECT chair, deputy FROM meeting_chairs", |row| {
            Ok((row.get::<_, Option<String>>(0)?, row.get::<_, Option<String>>(1)?))
        })?;
        let (chair, deputy) = chairs.into_iter().next().unwrap_or_default();
        let item_chairs = self.query(
            "SELECT i.application, i.member FROM item_chair i
             JOIN application a ON a.reference = i.application ORDER BY a.position",
            |row| {
                Ok(samvurd_core::ItemChair {
                    application: ApplicationRef(row.get(0)?),
                    member: MemberId(row.get(1)?),
                })
            },
        )?;
        let consensus = self.query(
            "SELECT c.application, c.assessment, c.majority, c.minority, c.minority_members
             FROM consensus c JOIN application a ON a.reference = c.application
             ORDER BY a.position",
            |row| {
                let members: String = row.get(4)?;
                let minority_members: Vec<String> = serde_json::from_str(&members)
                    .map_err(|_| bad_value("minority_members", &members))?;
                Ok(samvurd_core::Consensus {
                    application: ApplicationRef(row.get(0)?),
                    assessment: row.get(1)?,
                    majority: row.get(2)?,
                    minority: row.get(3)?,
                    minority_members: minority_members.into_iter().map(MemberId).collect(),
                })
            },
        )?;
        let lottery = self
            .query("SELECT seed, source, applications FROM lottery", |row| {
                let applications: String = row.get(2)?;
                let references: Vec<String> = serde_json::from_str(&applications)
                    .map_err(|_| bad_value("applications", &applications))?;
                Ok(samvurd_core::Lottery {
                    seed: row.get(0)?,
                    source: row.get(1)?,
                    applications: references.into_iter().map(ApplicationRef).collect(),
                })
            })?
            .into_iter()
            .next();
        Ok(samvurd_core::MeetingRecord {
            chair: chair.map(MemberId),
            deputy: deputy.map(MemberId),
            item_chairs,
            consensus,
            lottery,
        })
    }

    /// The justified changes of method, from the audit log («change_method»), oldest first.
    pub fn method_changes(&self) -> Result<Vec<samvurd_core::MethodChange>, StoreError> {
        let rows = self.query(
            "SELECT at, detail FROM audit_log WHERE action = 'change_method' ORDER BY id",
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)),
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(at, detail)| {
                let detail: serde_json::Value = serde_json::from_str(&detail).ok()?;
                let date = NaiveDate::parse_from_str(at.get(..10)?, "%Y-%m-%d").ok()?;
                Some(samvurd_core::MethodChange {
                    date,
                    changed: detail["changed"]
                        .as_array()?
                        .iter()
                        .filter_map(|item| item.as_str().map(str::to_owned))
                        .collect(),
                    justification: detail["justification"].as_str()?.to_owned(),
                })
            })
            .collect())
    }

    pub fn info(&self) -> Result<RoundInfo, StoreError> {
        let descriptors = self
            .query("SELECT value, label FROM scale_descriptor ORDER BY value", |row| {
                Ok((row.get(0)?, row.get(1)?))
            })?;
        self.connection
            .query_row(
                "SELECT round_id, title, helsefellesskap, budget_frame, deadline, scale_min,
                     scale_max, aggregation, template_id FROM round",
                [],
                |row| {
                    let aggregation: String = row.get(7)?;
                    let (min, max): (i32, i32) = (row.get(5)?, row.get(6)?);
                    Ok(RoundInfo {
                        round_id: row.get(0)?,
                        title: row.get(1)?,
                        helsefellesskap: row.get(2)?,
                        budget_frame: money(row, 3, "budget_frame")?,
                        deadline: date(row, 4, "deadline")?,
                        scale: Scale::with_descriptors(min, max, descriptors.clone())
                            .map_err(|_| bad_value("scale", &format!("{min}–{max}")))?,
                        aggregation: Aggregation::parse(&aggregation)
                            .ok_or_else(|| bad_value("aggregation", &aggregation))?,
                        template_id: row.get(8)?,
                    })
                },
            )
            .map_err(sqlite(self.path))
    }

    pub fn criteria(&self) -> Result<Vec<Criterion>, StoreError> {
        self.query(
            "SELECT id, name, guidance, weight, allow_not_applicable FROM criterion ORDER BY position",
            |row| {
                let weight: String = row.get(3)?;
                Ok(Criterion {
                    id: CriterionId(row.get(0)?),
                    name: row.get(1)?,
                    guidance: row.get(2)?,
                    weight: Decimal::from_str(&weight).map_err(|_| bad_value("weight", &weight))?,
                    allow_not_applicable: row.get(4)?,
                })
            },
        )
    }

    pub fn gates(&self) -> Result<Vec<Gate>, StoreError> {
        self.query("SELECT id, question, guidance FROM gate ORDER BY position", |row| {
            Ok(Gate { id: GateId(row.get(0)?), question: row.get(1)?, guidance: row.get(2)? })
        })
    }

    pub fn members(&self) -> Result<Vec<Member>, StoreError> {
        self.query("SELECT id, name, organisation, role FROM member ORDER BY position", |row| {
            let role: String = row.get(3)?;
            Ok(Member {
                id: MemberId(row.get(0)?),
                name: row.get(1)?,
                organisation: row.get(2)?,
                role: Role::parse(&role).ok_or_else(|| bad_value("role", &role))?,
            })
        })
    }

    pub fn applications(&self) -> Result<Vec<Application>, StoreError> {
        self.query(
            "SELECT reference, title, applicant, applicant_side, partners, priority_area,
                 period_start, period_end, amount_requested, own_contribution_kommune,
                 own_contribution_hf, summary, kind, kommune, extra
             FROM application ORDER BY position",
            |row| {
                let side: String = row.get(3)?;
                let kind: String = row.get(12)?;
                Ok(Application {
                    reference: ApplicationRef(row.get(0)?),
                    title: row.get(1)?,
                    applicant: row.get(2)?,
                    applicant_side: ApplicantSide::parse(&side)
                        .ok_or_else(|| bad_value("applicant_side", &side))?,
                    partners: row.get(4)?,
                    priority_area: row.get(5)?,
                    period_start: date(row, 6, "period_start")?,
                    period_end: date(row, 7, "period_end")?,
                    amount_requested: money(row, 8, "amount_requested")?,
                    own_contribution_kommune: money(row, 9, "own_contribution_kommune")?,
                    own_contribution_hf: money(row, 10, "own_contribution_hf")?,
                    summary: row.get(11)?,
                    kind: ApplicationKind::parse(&kind).ok_or_else(|| bad_value("kind", &kind))?,
                    kommune: row.get(13)?,
                    extra: {
                        let extra: String = row.get(14)?;
                        serde_json::from_str(&extra).map_err(|_| bad_value("extra", &extra))?
                    },
                })
            },
        )
    }

    /// Live scores (tombstones of cleared scores are left out), in a stable order.
    pub fn scores(&self) -> Result<Vec<Score>, StoreError> {
        self.scores_of(None)
    }

    /// Live scores, of one member when `member` is given.
    pub fn scores_of(&self, member: Option<&MemberId>) -> Result<Vec<Score>, StoreError> {
        self.query_of(
            member,
            "SELECT member, application, criterion, value, not_applicable, justification
             FROM score WHERE cleared = 0 ORDER BY member, application, criterion",
            "SELECT member, application, criterion, value, not_applicable, justification
             FROM score WHERE member = ?1 AND cleared = 0 ORDER BY application, criterion",
            |row| {
                let value: Option<i32> = row.get(3)?;
                let not_applicable: bool = row.get(4)?;
                Ok(Score {
                    member: MemberId(row.get(0)?),
                    application: ApplicationRef(row.get(1)?),
                    criterion: CriterionId(row.get(2)?),
                    value: match (value, not_applicable) {
                        (_, true) => ScoreValue::NotApplicable,
                        (Some(value), false) => ScoreValue::Value(value),
                        (None, false) => return Err(bad_value("value", "NULL")),
                    },
                    justification: row.get(5)?,
                })
            },
        )
    }

    pub fn recusals(&self) -> Result<Vec<Recusal>, StoreError> {
        self.recusals_of(None)
    }

    /// Live recusals, of one member when `member` is given.
    pub fn recusals_of(&self, member: Option<&MemberId>) -> Result<Vec<Recusal>, StoreError> {
        self.query_of(
            member,
            "SELECT member, application, reason FROM recusal WHERE cleared = 0
             ORDER BY member, application",
            "SELECT member, application, reason FROM recusal WHERE member = ?1 AND cleared = 0
             ORDER BY application",
            |row| {
                Ok(Recusal {
                    member: MemberId(row.get(0)?),
                    application: ApplicationRef(row.get(1)?),
                    reason: row.get(2)?,
                })
            },
        )
    }

    /// The engine's options; a round that never set any has the defaults.
    pub fn options(&self) -> Result<samvurd_core::RoundOptions, StoreError> {
        let stored =
            self.query("SELECT options FROM round_options", |row| row.get::<_, String>(0))?;
        match stored.first() {
            None => Ok(samvurd_core::RoundOptions::default()),
            Some(text) => serde_json::from_str(text).map_err(|error| StoreError::Corrupt {
                path: self.path.to_path_buf(),
                detail: format!("rundens innstillinger kan ikke leses ({error})"),
                backup: crate::backup::newest_backup(self.path),
            }),
        }
    }

    pub fn gate_answers(&self) -> Result<Vec<samvurd_core::GateAnswer>, StoreError> {
        self.query(
            "SELECT application, gate, passed, note FROM gate_answer ORDER BY application, gate",
            |row| {
                Ok(samvurd_core::GateAnswer {
                    application: ApplicationRef(row.get(0)?),
                    gate: GateId(row.get(1)?),
                    passed: row.get(2)?,
                    note: row.get(3)?,
                })
            },
        )
    }

    pub fn recommendations(&self) -> Result<Vec<samvurd_core::ChairRecommendation>, StoreError> {
        self.query(
            "SELECT application, outcome, amount, justification FROM recommendation ORDER BY application",
            |row| {
                let outcome: String = row.get(1)?;
                Ok(samvurd_core::ChairRecommendation {
                    application: ApplicationRef(row.get(0)?),
                    outcome: outcome_of(&outcome)?,
                    amount: money(row, 2, "amount")?,
                    justification: row.get(3)?,
                })
            },
        )
    }

    /// The round's document language (bokmål when never chosen) and the letter language chosen
    /// per application; a file from before these existed has the defaults.
    pub fn languages(&self) -> Result<samvurd_core::language::LanguageChoices, StoreError> {
        use samvurd_core::language::{Language, LanguageChoices};
        let exists: bool = self
            .connection
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'letter_language')",
                [],
                |row| row.get(0),
            )
            .map_err(sqlite(self.path))?;
        if !exists {
            return Ok(LanguageChoices::default());
        }
        let language = |row: &Row<'_>, index: usize| -> rusqlite::Result<Language> {
            let code: String = row.get(index)?;
            Language::parse(&code).ok_or_else(|| bad_value("language", &code))
        };
        let document = self
            .query("SELECT language FROM document_language", |row| language(row, 0))?
            .into_iter()
            .next()
            .unwrap_or(Language::Bokmal);
        let letters = self.query(
            "SELECT application, language FROM letter_language ORDER BY application",
            |row| Ok((ApplicationRef(row.get(0)?), language(row, 1)?)),
        )?;
        Ok(LanguageChoices { document, letters })
    }

    /// The SSU's decision, once recorded; `None` before (and in a file from before vedtak
    /// existed, opened read-only and so not migrated).
    pub fn vedtak(&self) -> Result<Option<VedtakRecord>, StoreError> {
        let exists: bool = self
            .connection
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'vedtak')",
                [],
                |row| row.get(0),
            )
            .map_err(sqlite(self.path))?;
        if !exists {
            return Ok(None);
        }
        let heads = self.query(
            "SELECT meeting_date, case_number, as_recommended, recorded_at, recorded_by FROM vedtak",
            |row| {
                let meeting_date = date(row, 0, "meeting_date")?
                    .ok_or_else(|| bad_value("meeting_date", ""))?;
                Ok((meeting_date, row.get::<_, String>(1)?, row.get::<_, bool>(2)?, row.get(3)?, row.get(4)?))
            },
        )?;
        let Some((meeting_date, case_number, as_recommended, recorded_at, recorded_by)) =
            heads.into_iter().next()
        else {
            return Ok(None);
        };
        let decisions = self.query(
            "SELECT d.application, d.outcome, d.amount, d.note, d.conditions
             FROM vedtak_decision d JOIN application a ON a.reference = d.application
             ORDER BY a.rowid",
            |row| {
                let outcome: String = row.get(1)?;
                Ok(samvurd_core::vedtak::Decision {
                    application: ApplicationRef(row.get(0)?),
                    outcome: outcome_of(&outcome)?,
                    amount: money(row, 2, "amount")?,
                    note: row.get(3)?,
                    conditions: row.get(4)?,
                })
            },
        )?;
        Ok(Some(VedtakRecord {
            vedtak: samvurd_core::vedtak::Vedtak { meeting_date, case_number, decisions },
            as_recommended,
            recorded_at,
            recorded_by,
        }))
    }

    /// The columns saved for application imports from `form`, as (field, header).
    pub fn import_mapping(&self, form: &str) -> Result<Option<Vec<(String, String)>>, StoreError> {
        let saved = self.query("SELECT form, columns FROM import_mapping", |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
        })?;
        let Some((_, text)) = saved.into_iter().find(|(saved_form, _)| saved_form == form) else {
            return Ok(None);
        };
        let values: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap_or_default();
        Ok(Some(
            values
                .iter()
                .filter_map(|value| {
                    Some((
                        value.get("field")?.as_str()?.to_owned(),
                        value.get("header")?.as_str()?.to_owned(),
                    ))
                })
                .collect(),
        ))
    }

    /// Whether this file says it is the chair's master or a member's copy, and for the master
    /// where and by which app installation it was made; `None` for a file from before that.
    pub fn copy_role(&self) -> Result<Option<CopyRole>, StoreError> {
        Ok(self
            .query("SELECT kind, installation, path FROM copy_role", |row| {
                let kind: String = row.get(0)?;
                Ok(CopyRole {
                    kind: if kind == "member" {
                        crate::CopyKind::Member
                    } else {
                        crate::CopyKind::Master
                    },
                    installation: row.get(1)?,
                    path: row.get(2)?,
                })
            })?
            .into_iter()
            .next())
    }

    /// Justifications without a score (drafts: tombstones that carry a justification), as
    /// (member, application, criterion, justification), in key order. They are no scores.
    pub fn drafts(
        &self,
    ) -> Result<Vec<(MemberId, ApplicationRef, CriterionId, String)>, StoreError> {
        self.drafts_of(None)
    }

    /// Drafts, of one member when `member` is given.
    pub fn drafts_of(
        &self,
        member: Option<&MemberId>,
    ) -> Result<Vec<(MemberId, ApplicationRef, CriterionId, String)>, StoreError> {
        self.query_of(
            member,
            "SELECT member, application, criterion, justification FROM score
             WHERE cleared = 1 AND justification <> ''
             ORDER BY member, application, criterion",
            "SELECT member, application, criterion, justification FROM score
             WHERE member = ?1 AND cleared = 1 AND justification <> ''
             ORDER BY application, criterion",
            |row| {
                Ok((
                    MemberId(row.get(0)?),
                    ApplicationRef(row.get(1)?),
                    CriterionId(row.get(2)?),
                    row.get(3)?,
                ))
            },
        )
    }

    /// The keys the master trusts, per member: (member id, full fingerprint).
    pub fn trusted_keys(&self) -> Result<Vec<(String, String)>, StoreError> {
        self.query("SELECT member, fingerprint FROM member_key ORDER BY member", |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
    }

    /// How many live scores the round holds: once there are any, weights and scale are locked.
    pub fn live_score_count(&self) -> Result<usize, StoreError> {
        Ok(self
            .query("SELECT count(*) FROM score WHERE cleared = 0", |row| row.get::<_, i64>(0))?
            .first()
            .map_or(0, |count| usize::try_from(*count).unwrap_or(0)))
    }

    /// The lock, if the round is locked.
    pub fn lock(&self) -> Result<Option<LockInfo>, StoreError> {
        lock_in(self.connection).map_err(sqlite(self.path))
    }

    pub fn audit_log(&self) -> Result<Vec<AuditEntry>, StoreError> {
        self.query("SELECT at, actor, action, detail FROM audit_log ORDER BY id", |row| {
            Ok(AuditEntry {
                at: row.get(0)?,
                actor: row.get(1)?,
                action: row.get(2)?,
                detail: row.get(3)?,
            })
        })
    }

    pub(crate) fn query<T>(
        &self,
        sql: &str,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let run = || -> rusqlite::Result<Vec<T>> {
            let mut statement = self.connection.prepare_cached(sql)?;
            statement.query_map([], map)?.collect()
        };
        run().map_err(sqlite(self.path))
    }

    /// `all` without a member, else `one` with the member's id as `?1`: the rows of one member
    /// are found through the primary key, not filtered from everyone's.
    fn query_of<T>(
        &self,
        member: Option<&MemberId>,
        all: &str,
        one: &str,
        map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, StoreError> {
        let Some(member) = member else { return self.query(all, map) };
        let run = || -> rusqlite::Result<Vec<T>> {
            let mut statement = self.connection.prepare_cached(one)?;
            statement.query_map([member.as_str()], map)?.collect()
        };
        run().map_err(sqlite(self.path))
    }
}
