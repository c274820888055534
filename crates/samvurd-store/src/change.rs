//! The one write path: every change to a round is a [`Change`], applied in one transaction
//! together with its entry in the append-only audit log.
//!
//! Keeping every mutation in one enum means there is exactly one place to enforce rules (a score
//! on the scale, *ikke relevant* only where allowed, known members and applications, the round's
//! options and the chair's recommendations as samvurd-core defines them), one place that logs,
//! and no way to change the file without leaving a trace. Whoever asks — the CLI, the desktop,
//! an undo — a refused change writes nothing.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};
use samvurd_core::{
    Application, ApplicationRef, Criterion, CriterionId, Member, MemberId, Recusal, Score,
    ScoreValue, is_valid_key,
};
use serde_json::json;

use crate::read::Reader;
use crate::round_file::{now, sqlite};
use crate::{Access, RoundFile, StoreError};

/// A change to a round.
#[derive(Debug, Clone)]
pub enum Change {
    AddMember(Member),
    /// Corrects a member's name, organisation or role (a typo would otherwise go into the
    /// innstilling). The id stays, so their scores stay theirs; the log keeps the former name,
    /// and a score file made under it is still recognised.
    UpdateMember(Member),
    /// Removes a member who has nothing in the round yet: no score, draft, recusal or key.
    RemoveMember(MemberId),
    /// New applications, all or none.
    AddApplications(Vec<Application>),
    /// Sets scores (new or replacing a member's earlier score on the same criterion), all or none.
    SetScores(Vec<Score>),
    /// A justification typed on a criterion that has no score yet: kept as a draft (a score
    /// record without a value), exported and merged like a score, counted nowhere. On a
    /// criterion that has a score it replaces that score's justification.
    SetDraft {
        member: MemberId,
        application: ApplicationRef,
        criterion: CriterionId,
        justification: String,
    },
    /// Clears a score, leaving a tombstone so an older copy of the file cannot bring it back.
    ClearScore {
        member: MemberId,
        application: ApplicationRef,
        criterion: CriterionId,
    },
    /// Declares conflicts of interest, all or none.
    DeclareRecusals(Vec<Recusal>),
    /// Takes back a conflict of interest («Angre» right after declaring it): the record stays
    /// as a tombstone with a new revision, so an older copy cannot bring the recusal back.
    WithdrawRecusal {
        member: MemberId,
        application: ApplicationRef,
    },
    /// The round's own facts. The scale can only change before the first score.
    UpdateRoundInfo(RoundInfoUpdate),
    /// A criterion's name and guidance; its weight and *ikke relevant* rule only before the first
    /// score (changing them later is a separate, explicit chair action).
    UpdateCriterion(Criterion),
    /// Replaces an application's facts, found by its reference.
    UpdateApplication(Application),
    /// Where the application's own document is: a path (relative to the round's folder when it
    /// is inside it) or an `https://` link; `None` takes it away. The file is never stored in
    /// the round.
    SetDocument {
        application: ApplicationRef,
        location: Option<String>,
    },
    /// Notes in the log that the person using this copy chose who they are, or switched («Bytt
    /// person»). The identity itself is kept on the machine, never in the file; this writes only
    /// the audit entry.
    NoteIdentity {
        previous: Option<MemberId>,
        member: MemberId,
    },
    /// The chair accepts a new signing key for a member (e.g. a new laptop), replacing the one
    /// the master trusted: an audited chair action, with both fingerprints in the log.
    TrustMemberKey {
        member: MemberId,
        /// `ed25519:` and 64 hex digits, as a score file carries it.
        public_key: String,
    },
    /// Marks the file as the chair's master (made at `path` by the app installation
    /// `installation`) or as a member's copy.
    SetCopyRole {
        kind: CopyKind,
        installation: String,
        path: String,
    },
    /// Mean or median of the members' scores. Once scoring has begun, refused when it changes
    /// the aggregation: that is a `ChangeMethod`.
    SetAggregation(samvurd_core::Aggregation),
    /// The chair changes the method after scoring has begun (aggregation, calibration, partial
    /// funding, thresholds, tie ladder): an explicit action with a justification, logged with
    /// what changed and printed in the innstilling's method appendix.
    ChangeMethod {
        aggregation: samvurd_core::Aggregation,
        options: samvurd_core::RoundOptions,
        justification: String,
    },
    /// The engine's options for the round, checked by `RoundOptions::validate` inside the
    /// transaction.
    SetOptions(samvurd_core::RoundOptions),
    /// The chair's answer to one gate for one application.
    AnswerGate(samvurd_core::GateAnswer),
    /// The chair's recommendation for one application, checked by the core's
    /// `check_recommendation` inside the transaction (a deviation needs a justification, the
    /// amount fits the outcome and the request, the frame holds unless overridden).
    SetRecommendation(samvurd_core::ChairRecommendation),
    /// Back to the computed proposal for one application.
    ClearRecommendation(ApplicationRef),
    /// Takes back the answer to one gate: it is unanswered again.
    ClearGateAnswer {
        application: ApplicationRef,
        gate: samvurd_core::GateId,
    },
    /// Locks the round after the decision: no change is taken afterwards except unlocking.
    LockRound {
        reason: String,
    },
    /// Opens a locked round for changes again; needs a reason, which is logged.
    UnlockRound {
        reason: String,
    },
    /// The working group's leader (who chairs the meeting) and deputy (nestleder); `None` for
    /// not set.
    SetChairs {
        chair: Option<MemberId>,
        deputy: Option<MemberId>,
    },
    /// Who chairs one item the leader is recused from (instead of the deputy).
    SetItemChair(samvurd_core::ItemChair),
    ClearItemChair(ApplicationRef),
    /// The group's consensus record for one application, checked by the core's
    /// `check_consensus` inside the transaction.
    SetConsensus(samvurd_core::Consensus),
    ClearConsensus(ApplicationRef),
    /// Draws lots among grey-zone applications: checked by the core's `check_lottery` against
    /// the round as evaluated without a lottery; the seed, its source, the applications and the
    /// draw's result are written to the audit log. Replaces an earlier draw.
    DrawLots(samvurd_core::Lottery),
    /// Takes the lottery back: the proposal is the ranking's again.
    ClearLottery,
    /// Records the SSU's decision (checked by the core's `check_vedtak` inside the transaction)
    /// beside the innstilling, replacing an earlier vedtak, and locks the round in the same
    /// transaction. `as_recommended` marks «Vedta som innstilt», logged as its own action.
    RecordVedtak {
        vedtak: samvurd_core::vedtak::Vedtak,
        as_recommended: bool,
    },
    /// The round's Norwegian for the innstilling and letters: bokmål or nynorsk.
    SetDocumentLanguage(samvurd_core::language::Language),
    /// The letter language of one application; `None` goes back to the default.
    SetLetterLanguage {
        application: ApplicationRef,
        language: Option<samvurd_core::language::Language>,
    },
    /// Saves the columns chosen for an application import from one form (the file's headers,
    /// normalised), replacing an earlier choice for the same form: (field, header as written).
    SaveImportMapping {
        form: String,
        columns: Vec<(String, String)>,
    },
    /// Opens the follow-up register after the vedtak: the reports each granted application owes,
    /// dated by `rules` from the vedtak date and the project period. Allowed in a locked round.
    OpenFollowUp {
        rules: samvurd_core::reporting::ReportingRules,
    },
    /// Marks one report received (replacing an earlier receipt). Allowed in a locked round.
    MarkReportReceived {
        application: ApplicationRef,
        kind: samvurd_core::reporting::ReportKind,
        number: u32,
        received: crate::follow_up::Received,
    },
    /// The money paid out for one grant, a deviation from the plan (`None`: used as planned)
    /// and the SSU's written consent to a changed use. Allowed in a locked round.
    SetGrantFollowUp {
        application: ApplicationRef,
        paid_out: samvurd_core::Money,
        deviation: Option<String>,
        consent: Option<crate::follow_up::Consent>,
    },
    /// «Ny runde fra denne»: links a round just made to the round it was made from (its id and
    /// file name, never its scores), with last year's grants that continue into it and the
    /// reporting rules the previous round followed up with. Only once, before any application.
    LinkPreviousRound {
        previous: samvurd_core::continuation::PreviousRound,
        reporting_rules: Option<samvurd_core::reporting::ReportingRules>,
        candidates: Vec<samvurd_core::continuation::ContinuedGrant>,
    },
}

/// Whether a round file is the chair's master or a member's copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyKind {
    Master,
    Member,
}

impl CopyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CopyKind::Master => "master",
            CopyKind::Member => "member",
        }
    }
}

/// New values for the round's own facts.
#[derive(Debug, Clone)]
pub struct RoundInfoUpdate {
    pub title: String,
    pub helsefellesskap: String,
    pub budget_frame: samvurd_core::Money,
    pub deadline: Option<chrono::NaiveDate>,
    pub scale_min: i32,
    pub scale_max: i32,
}

/// What a change did, for the caller to report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub action: &'static str,
    /// How many records were written.
    pub records: usize,
}

impl RoundFile {
    /// Applies `change` on behalf of `actor` (the person making it), with its audit entry, in one
    /// transaction: either all of it is in the file afterwards, or nothing is.
    pub fn apply(&mut self, actor: &str, change: Change) -> Result<Applied, StoreError> {
        if self.access == Access::ReadOnly {
            return Err(StoreError::ReadOnly { path: self.path.clone() });
        }
        if actor.trim().is_empty() {
            return Err(StoreError::refused("Oppgi hvem som gjør endringen."));
        }
        let path = self.path.clone();
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sqlite(&path))?;
        // The language of the letters is not part of the decision: it can be chosen after the
        // vedtak has locked the round, when the letters are written. The follow-up register
        // comes after the vedtak by nature and writes only its own tables.
        let allowed_when_locked = matches!(
            change,
            Change::UnlockRound { .. }
                | Change::SetDocumentLanguage(_)
                | Change::SetLetterLanguage { .. }
                | Change::OpenFollowUp { .. }
                | Change::MarkReportReceived { .. }
                | Change::SetGrantFollowUp { .. }
        );
        if !allowed_when_locked
            && let Some(lock) = crate::read::lock_in(&transaction).map_err(sqlite(&path))?
        {
            return Err(StoreError::RoundLocked { lock });
        }
        let (applied, detail) =
            apply_in(&transaction, &path, actor, &change).map_err(|error| match error {
                ChangeError::Refused(message) => StoreError::Refused(message),
                ChangeError::Sqlite(error) => crate::round_file::classify(&path, error),
                ChangeError::Store(error) => error,
            })?;
        append_audit(&transaction, actor, applied.action, &detail).map_err(sqlite(&path))?;
        transaction.commit().map_err(sqlite(&path))?;
        Ok(applied)
    }
}

enum ChangeError {
    Refused(String),
    Sqlite(rusqlite::Error),
    /// Reading the round inside the transaction, for a rule that needs all of it, failed.
    Store(StoreError),
}

impl From<StoreError> for ChangeError {
    fn from(error: StoreError) -> Self {
        ChangeError::Store(error)
    }
}

impl From<samvurd_core::RuleViolation> for ChangeError {
    fn from(violation: samvurd_core::RuleViolation) -> Self {
        ChangeError::Refused(violation.0)
    }
}

impl From<crate::follow_up::ChangeFailure> for ChangeError {
    fn from(failure: crate::follow_up::ChangeFailure) -> Self {
        match failure {
            crate::follow_up::ChangeFailure::Refused(message) => ChangeError::Refused(message),
            crate::follow_up::ChangeFailure::Sqlite(error) => ChangeError::Sqlite(error),
        }
    }
}

impl From<rusqlite::Error> for ChangeError {
    fn from(error: rusqlite::Error) -> Self {
        ChangeError::Sqlite(error)
    }
}

fn refused<T>(message: impl Into<String>) -> Result<T, ChangeError> {
    Err(ChangeError::Refused(message.into()))
}

fn apply_in(
    transaction: &Transaction<'_>,
    path: &std::path::Path,
    actor: &str,
    change: &Change,
) -> Result<(Applied, serde_json::Value), ChangeError> {
    check_change_texts(change).map_err(ChangeError::Refused)?;
    match change {
        Change::OpenFollowUp { rules } => {
            let (records, detail) = crate::follow_up::open(transaction, actor, rules)?;
            Ok((Applied { action: "open_follow_up", records }, detail))
        }
        Change::MarkReportReceived { application, kind, number, received } => {
            let detail = crate::follow_up::mark_received(
                transaction,
                application,
                *kind,
                *number,
                received,
            )?;
            Ok((Applied { action: "mark_report_received", records: 1 }, detail))
        }
        Change::SetGrantFollowUp { application, paid_out, deviation, consent } => {
            let detail = crate::follow_up::set_grant(
                transaction,
                application,
                *paid_out,
                deviation.as_deref(),
                consent.as_ref(),
            )?;
            Ok((Applied { action: "set_grant_follow_up", records: 1 }, detail))
        }
        Change::AddMember(member) => {
            add_member(transaction, member)?;
            Ok((
                Applied { action: "add_member", records: 1 },
                json!({ "member": member.id, "name": member.name, "role": member.role }),
            ))
        }
        Change::SetDocument { application, location } => {
            let known: Option<String> = transaction
                .query_row(
                    "SELECT reference FROM application WHERE reference = ?1",
                    [application.as_str()],
                    |row| row.get(0),
                )
                .optional()?;
            if known.is_none() {
                return refused(format!("Søknad «{application}» finnes ikke i runden."));
            }
            match location.as_deref().map(str::trim).filter(|location| !location.is_empty()) {
                Some(location) => {
                    transaction.execute(
                        "INSERT INTO application_document (application, location) VALUES (?1, ?2)
                         ON CONFLICT (application) DO UPDATE SET location = excluded.location",
                        params![application.as_str(), location],
                    )?;
                }
                None => {
                    transaction.execute(
                        "DELETE FROM application_document WHERE application = ?1",
                        [application.as_str()],
                    )?;
                }
            }
            Ok((
                Applied { action: "set_document", records: 1 },
                json!({ "application": application, "location": location }),
            ))
        }
        Change::WithdrawRecusal { member, application } => {
            let clock = next_clock(transaction)?;
            let changed = transaction.execute(
                "UPDATE recusal SET cleared = 1, revision = revision + 1, updated_at = ?3, clock = ?4
                 WHERE member = ?1 AND application = ?2 AND cleared = 0",
                params![member.as_str(), application.as_str(), now(), clock],
            )?;
            if changed == 0 {
                return refused(format!(
                    "Det er ingen inhabilitet å angre for søknad {application}. Den kan allerede være angret."
                ));
            }
            Ok((
                Applied { action: "withdraw_recusal", records: 1 },
                json!({ "member": member, "application": application }),
            ))
        }
        Change::UpdateMember(member) => {
            let previous = update_member(transaction, member)?;
            Ok((
                Applied { action: "update_member", records: 1 },
                json!({
                    "member": member.id,
                    "name": member.name.trim(),
                    "previous_name": previous.name,
                    "organisation": member.organisation.trim(),
                    "role": member.role,
                }),
            ))
        }
        Change::RemoveMember(member) => {
            let name = remove_member(transaction, member)?;
            Ok((
                Applied { action: "remove_member", records: 1 },
                json!({ "member": member, "name": name }),
            ))
        }
        Change::AddApplications(applications) => {
            add_applications(transaction, applications)?;
            let continuations = crate::continuation::mark_added(transaction, path, applications)?;
            let references: Vec<&str> =
                applications.iter().map(|application| application.reference.as_str()).collect();
            let mut detail = json!({ "count": applications.len(), "references": references });
            if !continuations.is_empty() {
                detail["continuations"] = json!(continuations);
            }
            Ok((Applied { action: "add_applications", records: applications.len() }, detail))
        }
        Change::LinkPreviousRound { previous, reporting_rules, candidates } => {
            let detail = crate::continuation::link(
                transaction,
                previous,
                reporting_rules.as_ref(),
                candidates,
            )?;
            Ok((Applied { action: "link_previous_round", records: candidates.len() }, detail))
        }
        Change::SetScores(scores) => {
            set_scores(transaction, scores)?;
            let detail = if let [score] = scores.as_slice() {
                json!({
                    "member": score.member,
                    "application": score.application,
                    "criterion": score.criterion,
                    "value": score.value.to_string(),
                })
            } else {
                json!({ "count": scores.len() })
            };
            Ok((Applied { action: "set_scores", records: scores.len() }, detail))
        }
        Change::SetDraft { member, application, criterion, justification } => {
            let rubric = Rubric::read(transaction)?;
            rubric.check_member_and_application(member, application)?;
            if !rubric.criteria.contains_key(criterion.as_str()) {
                return refused(format!("Kriteriet «{criterion}» finnes ikke i runden."));
            }
            if justification.trim().is_empty() {
                return refused("Et utkast må ha en begrunnelse.");
            }
            // A draft is a tombstone that carries a justification (a cleared score's is
            // empty): it counts nowhere, and travels and merges like any version of the record.
            // A live score keeps its value and gets the new justification.
            let clock = next_clock(transaction)?;
            transaction.execute(
                "INSERT INTO score (member, application, criterion, value, not_applicable,
                     justification, revision, updated_at, cleared, clock)
                 VALUES (?1, ?2, ?3, NULL, 0, ?4, 1, ?5, 1, ?6)
                 ON CONFLICT (member, application, criterion) DO UPDATE SET
                     justification = excluded.justification, revision = score.revision + 1,
                     updated_at = excluded.updated_at, clock = excluded.clock",
                params![
                    member.as_str(),
                    application.as_str(),
                    criterion.as_str(),
                    justification.trim(),
                    now(),
                    clock
                ],
            )?;
            Ok((
                Applied { action: "set_draft", records: 1 },
                json!({ "member": member, "application": application, "criterion": criterion }),
            ))
        }
        Change::ClearScore { member, application, criterion } => {
            let clock = next_clock(transaction)?;
            let updated = transaction.execute(
                "UPDATE score SET value = NULL, not_applicable = 0, justification = '',
                     cleared = 1, revision = revision + 1, updated_at = ?4, clock = ?5
                 WHERE member = ?1 AND application = ?2 AND criterion = ?3
                     AND (cleared = 0 OR justification <> '')",
                params![member.as_str(), application.as_str(), criterion.as_str(), now(), clock],
            )?;
            Ok((
                Applied { action: "clear_score", records: updated },
                json!({ "member": member, "application": application, "criterion": criterion }),
            ))
        }
        Change::UpdateRoundInfo(update) => {
            update_round_info(transaction, update)?;
            Ok((
                Applied { action: "update_round_info", records: 1 },
                json!({
                    "title": update.title,
                    "helsefellesskap": update.helsefellesskap,
                    "budget_frame": update.budget_frame,
                    "deadline": update.deadline.map(|date| date.to_string()),
                    "scale": format!("{}–{}", update.scale_min, update.scale_max),
                }),
            ))
        }
        Change::UpdateCriterion(criterion) => {
            update_criterion(transaction, criterion)?;
            Ok((
                Applied { action: "update_criterion", records: 1 },
                json!({
                    "criterion": criterion.id,
                    "name": criterion.name,
                    "weight": criterion.weight.normalize().to_string(),
                    "allow_not_applicable": criterion.allow_not_applicable,
                }),
            ))
        }
        Change::UpdateApplication(application) => {
            update_application(transaction, application)?;
            Ok((
                Applied { action: "update_application", records: 1 },
                json!({ "application": application.reference, "title": application.title }),
            ))
        }
        Change::NoteIdentity { previous, member } => {
            let name: Option<String> = transaction
                .query_row("SELECT name FROM member WHERE id = ?1", [member.as_str()], |row| {
                    row.get(0)
                })
                .optional()?;
            let Some(name) = name else {
                return refused(format!("Medlemmet «{member}» finnes ikke i runden."));
            };
            let action = if previous.is_some() { "switch_person" } else { "choose_person" };
            Ok((
                Applied { action, records: 0 },
                json!({ "previous": previous, "member": member, "name": name }),
            ))
        }
        Change::TrustMemberKey { member, public_key } => {
            let Some(key) = crate::signing::PublicKey::parse(public_key) else {
                return refused(
                    "Nøkkelen er ikke en gyldig Ed25519-nøkkel. Ta den fra medlemmets skårfil.",
                );
            };
            let exists: bool = transaction.query_row(
                "SELECT EXISTS (SELECT 1 FROM member WHERE id = ?1)",
                [member.as_str()],
                |row| row.get(0),
            )?;
            if !exists {
                return refused(format!("Medlemmet «{member}» finnes ikke i runden."));
            }
            let previous: Option<String> = transaction
                .query_row(
                    "SELECT fingerprint FROM member_key WHERE member = ?1",
                    [member.as_str()],
                    |row| row.get(0),
                )
                .optional()?;
            transaction.execute(
                "INSERT INTO member_key (member, public_key, fingerprint, trusted_at, trusted_by)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (member) DO UPDATE SET public_key = excluded.public_key,
                     fingerprint = excluded.fingerprint, trusted_at = excluded.trusted_at,
                     trusted_by = excluded.trusted_by",
                params![member.as_str(), key.to_text(), key.fingerprint(), now(), actor.trim()],
            )?;
            Ok((
                Applied { action: "trust_member_key", records: 1 },
                json!({
                    "member": member,
                    "previous": previous.as_deref().map(crate::signing::short_fingerprint),
                    "fingerprint": key.short_fingerprint(),
                }),
            ))
        }
        Change::SetCopyRole { kind, installation, path } => {
            transaction.execute(
                "INSERT INTO copy_role (singleton, kind, installation, path) VALUES (1, ?1, ?2, ?3)
                 ON CONFLICT (singleton) DO UPDATE SET kind = excluded.kind,
                     installation = excluded.installation, path = excluded.path",
                params![kind.as_str(), installation, path],
            )?;
            Ok((
                Applied { action: "set_copy_role", records: 1 },
                json!({ "kind": kind.as_str(), "path": path }),
            ))
        }
        Change::ChangeMethod { aggregation, options, justification } => {
            if justification.trim().is_empty() {
                return refused(
                    "Skriv hvorfor beregningsmåten endres. Begrunnelsen føres i loggen og i innstillingens metodevedlegg.",
                );
            }
            let reader = Reader { connection: transaction, path };
            let info = reader.info()?;
            check_options(&reader, options)?;
            let current = reader.options()?;
            let mut changed: Vec<&str> = Vec::new();
            if *aggregation != info.aggregation {
                changed.push(samvurd_core::MethodPart::Aggregation.logged_name());
            }
            changed.extend(current.method_differences(options));
            if changed.is_empty() {
                return refused("Beregningsmåten er den samme som før; det er ingenting å endre.");
            }
            transaction.execute("UPDATE round SET aggregation = ?1", [aggregation.as_str()])?;
            write_options(transaction, options)?;
            Ok((
                Applied { action: "change_method", records: 1 },
                json!({
                    "changed": changed,
                    "aggregation_before": info.aggregation,
                    "aggregation": aggregation,
                    "options_before": current,
                    "options": options,
                    "justification": justification.trim(),
                }),
            ))
        }
        Change::SaveImportMapping { form, columns } => {
            let text = serde_json::to_string(
                &columns
                    .iter()
                    .map(|(field, header)| json!({ "field": field, "header": header }))
                    .collect::<Vec<_>>(),
            )
            .map_err(|error| ChangeError::Refused(error.to_string()))?;
            transaction.execute(
                "INSERT INTO import_mapping (form, columns, saved_at, saved_by) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (form) DO UPDATE SET columns = excluded.columns,
                     saved_at = excluded.saved_at, saved_by = excluded.saved_by",
                params![form, text, now(), actor.trim()],
            )?;
            Ok((
                Applied { action: "save_import_mapping", records: 1 },
                json!({ "form": form, "columns": columns }),
            ))
        }
        Change::SetAggregation(aggregation) => {
            let current = Reader { connection: transaction, path }.info()?.aggregation;
            if *aggregation != current {
                refuse_method_change_after_scoring(
                    transaction,
                    "samlet skår (gjennomsnitt eller median)",
                )?;
            }
            transaction.execute("UPDATE round SET aggregation = ?1", [aggregation.as_str()])?;
            Ok((
                Applied { action: "set_aggregation", records: 1 },
                json!({ "aggregation": aggregation }),
            ))
        }
        Change::SetOptions(options) => {
            // The rules are the core's; they see the round as this transaction sees it.
            let reader = Reader { connection: transaction, path };
            check_options(&reader, options)?;
            let changed = reader.options()?.method_differences(options);
            if !changed.is_empty() {
                refuse_method_change_after_scoring(transaction, &changed.join(", "))?;
            }
            write_options(transaction, options)?;
            Ok((Applied { action: "set_options", records: 1 }, json!({ "options": options })))
        }
        Change::AnswerGate(answer) => {
            answer_gate(transaction, answer)?;
            Ok((
                Applied { action: "answer_gate", records: 1 },
                json!({ "application": answer.application, "gate": answer.gate, "passed": answer.passed, "note": answer.note }),
            ))
        }
        Change::SetRecommendation(recommendation) => {
            let round = Reader { connection: transaction, path }.load()?;
            samvurd_core::recommendation::check_recommendation(&round, recommendation)?;
            set_recommendation(transaction, recommendation)?;
            Ok((
                Applied { action: "set_recommendation", records: 1 },
                json!({
                    "application": recommendation.application,
                    "outcome": recommendation.outcome,
                    "amount": recommendation.amount,
                    "justification": recommendation.justification,
                }),
            ))
        }
        Change::ClearRecommendation(application) => {
            let removed = transaction.execute(
                "DELETE FROM recommendation WHERE application = ?1",
                [application.as_str()],
            )?;
            Ok((
                Applied { action: "clear_recommendation", records: removed },
                json!({ "application": application }),
            ))
        }
        Change::ClearGateAnswer { application, gate } => {
            let removed = transaction.execute(
                "DELETE FROM gate_answer WHERE application = ?1 AND gate = ?2",
                [application.as_str(), gate.as_str()],
            )?;
            Ok((
                Applied { action: "clear_gate_answer", records: removed },
                json!({ "application": application, "gate": gate }),
            ))
        }
        Change::LockRound { reason } => {
            if reason.trim().is_empty() {
                return refused(
                    "Skriv hvorfor runden låses, f.eks. «SSU vedtok fordelingen 12.12.2026».",
                );
            }
            // The round is finished only when the meeting has recorded what it must.
            let round = Reader { connection: transaction, path }.load()?;
            let missing =
                samvurd_core::meeting::missing_records(&round, &samvurd_core::evaluate(&round));
            if !missing.is_empty() {
                return refused(format!(
                    "Runden kan ikke avsluttes før møtet har ført opp dette:\n- {}",
                    missing.join("\n- ")
                ));
            }
            transaction.execute(
                "INSERT INTO round_lock (singleton, locked_at, locked_by, reason)
                 VALUES (1, ?1, ?2, ?3)",
                params![now(), actor.trim(), reason.trim()],
            )?;
            Ok((Applied { action: "lock_round", records: 1 }, json!({ "reason": reason.trim() })))
        }
        Change::UnlockRound { reason } => {
            if reason.trim().is_empty() {
                return refused(
                    "Skriv hvorfor runden låses opp; grunnen står i loggen over endringer.",
                );
            }
            let removed = transaction.execute("DELETE FROM round_lock", [])?;
            if removed == 0 {
                return refused("Runden er ikke låst.");
            }
            Ok((Applied { action: "unlock_round", records: 1 }, json!({ "reason": reason.trim() })))
        }
        Change::SetChairs { chair, deputy } => {
            let round = Reader { connection: transaction, path }.load()?;
            samvurd_core::meeting::check_chairs(&round, chair.as_ref(), deputy.as_ref())?;
            transaction.execute(
                "INSERT INTO meeting_chairs (singleton, chair, deputy) VALUES (1, ?1, ?2)
                 ON CONFLICT (singleton) DO UPDATE SET chair = excluded.chair, deputy = excluded.deputy",
                params![chair.as_ref().map(MemberId::as_str), deputy.as_ref().map(MemberId::as_str)],
            )?;
            Ok((
                Applied { action: "set_chairs", records: 1 },
                json!({ "chair": chair, "deputy": deputy }),
            ))
        }
        Change::SetItemChair(item) => {
            let round = Reader { connection: transaction, path }.load()?;
            samvurd_core::meeting::check_item_chair(&round, item)?;
            transaction.execute(
                "INSERT INTO item_chair (application, member, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (application) DO UPDATE SET member = excluded.member,
                     updated_at = excluded.updated_at",
                params![item.application.as_str(), item.member.as_str(), now()],
            )?;
            Ok((
                Applied { action: "set_item_chair", records: 1 },
                json!({ "application": item.application, "member": item.member }),
            ))
        }
        Change::ClearItemChair(application) => {
            let removed = transaction
                .execute("DELETE FROM item_chair WHERE application = ?1", [application.as_str()])?;
            Ok((
                Applied { action: "clear_item_chair", records: removed },
                json!({ "application": application }),
            ))
        }
        Change::SetConsensus(consensus) => {
            let round = Reader { connection: transaction, path }.load()?;
            samvurd_core::meeting::check_consensus(&round, consensus)?;
            // Kept in the round's member order, whatever order they were chosen in.
            let minority: Vec<&str> = round
                .members
                .iter()
                .filter(|member| consensus.minority_members.contains(&member.id))
                .map(|member| member.id.as_str())
                .collect();
            let members = serde_json::to_string(&minority)
                .map_err(|error| ChangeError::Refused(error.to_string()))?;
            transaction.execute(
                "INSERT INTO consensus (application, assessment, majority, minority,
                     minority_members, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (application) DO UPDATE SET assessment = excluded.assessment,
                     majority = excluded.majority, minority = excluded.minority,
                     minority_members = excluded.minority_members, updated_at = excluded.updated_at",
                params![
                    consensus.application.as_str(),
                    consensus.assessment.trim(),
                    consensus.majority.trim(),
                    consensus.minority.trim(),
                    members,
                    now()
                ],
            )?;
            Ok((
                Applied { action: "set_consensus", records: 1 },
                json!({
                    "application": consensus.application,
                    "assessment": consensus.assessment.trim(),
                    "majority": consensus.majority.trim(),
                    "minority": consensus.minority.trim(),
                    "minority_members": minority,
                }),
            ))
        }
        Change::ClearConsensus(application) => {
            let removed = transaction
                .execute("DELETE FROM consensus WHERE application = ?1", [application.as_str()])?;
            Ok((
                Applied { action: "clear_consensus", records: removed },
                json!({ "application": application }),
            ))
        }
        Change::DrawLots(lottery) => {
            let mut round = Reader { connection: transaction, path }.load()?;
            round.meeting.lottery = None;
            let without = samvurd_core::evaluate(&round);
            samvurd_core::meeting::check_lottery(&round, &without, lottery)?;
            let applications: Vec<&str> =
                lottery.applications.iter().map(ApplicationRef::as_str).collect();
            let listed = serde_json::to_string(&applications)
                .map_err(|error| ChangeError::Refused(error.to_string()))?;
            transaction.execute(
                "INSERT INTO lottery (singleton, seed, source, applications, drawn_at, drawn_by)
                 VALUES (1, ?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (singleton) DO UPDATE SET seed = excluded.seed,
                     source = excluded.source, applications = excluded.applications,
                     drawn_at = excluded.drawn_at, drawn_by = excluded.drawn_by",
                params![lottery.seed.trim(), lottery.source.trim(), listed, now(), actor.trim()],
            )?;
            round.meeting.lottery = Some(samvurd_core::Lottery {
                seed: lottery.seed.trim().to_owned(),
                source: lottery.source.trim().to_owned(),
                applications: lottery.applications.clone(),
            });
            let drawn = samvurd_core::evaluate(&round).lottery;
            Ok((
                Applied { action: "draw_lots", records: 1 },
                json!({
                    "seed": lottery.seed.trim(),
                    "source": lottery.source.trim(),
                    "applications": applications,
                    "result": drawn,
                }),
            ))
        }
        Change::ClearLottery => {
            let removed = transaction.execute("DELETE FROM lottery", [])?;
            Ok((Applied { action: "clear_lottery", records: removed }, json!({})))
        }
        Change::SetDocumentLanguage(language) => {
            if !language.is_norwegian() {
                return refused(
                    "Innstillingen og brevene skrives på bokmål eller nynorsk. Nordsamisk velges \
                     per søker, for svarbrevet.",
                );
            }
            transaction.execute(
                "INSERT INTO document_language (singleton, language) VALUES (1, ?1)
                 ON CONFLICT (singleton) DO UPDATE SET language = excluded.language",
                [language.code()],
            )?;
            Ok((
                Applied { action: "set_document_language", records: 1 },
                json!({ "language": language.code() }),
            ))
        }
        Change::SetLetterLanguage { application, language } => {
            let exists: bool = transaction.query_row(
                "SELECT EXISTS (SELECT 1 FROM application WHERE reference = ?1)",
                [application.as_str()],
                |row| row.get(0),
            )?;
            if !exists {
                return refused(format!("Søknad «{application}» finnes ikke i runden."));
            }
            match language {
                Some(language) => transaction.execute(
                    "INSERT INTO letter_language (application, language) VALUES (?1, ?2)
                     ON CONFLICT (application) DO UPDATE SET language = excluded.language",
                    [application.as_str(), language.code()],
                )?,
                None => transaction.execute(
                    "DELETE FROM letter_language WHERE application = ?1",
                    [application.as_str()],
                )?,
            };
            Ok((
                Applied { action: "set_letter_language", records: 1 },
                json!({ "application": application, "language": language.map(|l| l.code()) }),
            ))
        }
        Change::RecordVedtak { vedtak, as_recommended } => {
            let round = Reader { connection: transaction, path }.load()?;
            samvurd_core::vedtak::check_vedtak(&round, vedtak)?;
            let recommended = samvurd_core::vedtak::recommended(&round);
            record_vedtak(transaction, actor, vedtak, *as_recommended)?;
            let differences: Vec<serde_json::Value> = vedtak
                .decisions
                .iter()
                .filter(|decision| {
                    recommended
                        .get(&decision.application)
                        .is_some_and(|recommended| decision.differs_from(*recommended))
                })
                .map(|decision| {
                    json!({
                        "application": decision.application,
                        "outcome": decision.outcome,
                        "amount": decision.amount,
                        "note": decision.note,
                    })
                })
                .collect();
            let action = if *as_recommended { "vedta_som_innstilt" } else { "record_vedtak" };
            Ok((
                Applied { action, records: vedtak.decisions.len() },
                json!({
                    "meeting_date": vedtak.meeting_date.to_string(),
                    "case_number": vedtak.case_number.trim(),
                    "decisions": vedtak.decisions.len(),
                    "differences": differences,
                }),
            ))
        }
        Change::DeclareRecusals(recusals) => {
            declare_recusals(transaction, recusals)?;
            let detail = if let [recusal] = recusals.as_slice() {
                json!({ "member": recusal.member, "application": recusal.application, "reason": recusal.reason })
            } else {
                json!({ "count": recusals.len() })
            };
            Ok((Applied { action: "declare_recusals", records: recusals.len() }, detail))
        }
    }
}

/// Checks every text a change would write against the limits of `samvurd_core::text`, so the
/// limits hold whichever way the change came in (form, import, CLI).
fn check_change_texts(change: &Change) -> Result<(), String> {
    use samvurd_core::TextField::{Justification, Line, Summary, Title};
    let mut texts: Vec<(&str, samvurd_core::TextField, &str)> = Vec::new();
    match change {
        Change::AddMember(member) | Change::UpdateMember(member) => {
            texts.push(("Navnet", Line, &member.name));
            texts.push(("Organisasjonen", Line, &member.organisation));
        }
        Change::AddApplications(applications) => {
            for application in applications {
                push_application_texts(&mut texts, application);
            }
        }
        Change::UpdateApplication(application) => push_application_texts(&mut texts, application),
        Change::SetScores(scores) => {
            for score in scores {
                texts.push(("Begrunnelsen", Justification, &score.justification));
            }
        }
        Change::DeclareRecusals(recusals) => {
            for recusal in recusals {
                texts.push(("Begrunnelsen for inhabiliteten", Justification, &recusal.reason));
            }
        }
        Change::UpdateRoundInfo(update) => {
            texts.push(("Rundens tittel", Title, &update.title));
            texts.push(("Helsefellesskapet", Line, &update.helsefellesskap));
        }
        Change::UpdateCriterion(criterion) => {
            texts.push(("Kriteriets navn", Line, &criterion.name));
            texts.push(("Veiledningen til kriteriet", Summary, &criterion.guidance));
        }
        Change::AnswerGate(answer) => texts.push(("Notatet", Justification, &answer.note)),
        Change::SetRecommendation(recommendation) => {
            texts.push(("Begrunnelsen", Justification, &recommendation.justification));
        }
        Change::LockRound { reason } | Change::UnlockRound { reason } => {
            texts.push(("Grunnen", Justification, reason));
        }
        Change::SetDraft { justification, .. } => {
            texts.push(("Begrunnelsen", Justification, justification));
        }
        Change::ChangeMethod { justification, .. } => {
            texts.push(("Begrunnelsen", Justification, justification));
        }
        Change::SetDocument { location, .. } => {
            if let Some(location) = location {
                texts.push(("Plasseringen av søknadsdokumentet", Line, location));
            }
        }
        Change::SetConsensus(consensus) => {
            texts.push(("Gruppens vurdering", Justification, &consensus.assessment));
            texts.push(("Flertallets syn", Justification, &consensus.majority));
            texts.push(("Mindretallets syn", Justification, &consensus.minority));
        }
        Change::DrawLots(lottery) => {
            texts.push(("Tallene til loddtrekningen", Line, &lottery.seed));
            texts.push(("Hvor tallene kommer fra", Line, &lottery.source));
        }
        Change::RecordVedtak { vedtak, .. } => {
            texts.push(("Saksnummeret", Line, &vedtak.case_number));
            for decision in &vedtak.decisions {
                texts.push(("SSUs merknad", Justification, &decision.note));
                texts.push(("Vilkårene", Justification, &decision.conditions));
            }
        }
        Change::SaveImportMapping { form, columns } => {
            texts.push(("Skjemaets overskrifter", Summary, form));
            for (field, header) in columns {
                texts.push(("Feltet", Line, field));
                texts.push(("Kolonnen", Line, header));
            }
        }
        Change::MarkReportReceived { received, .. } => {
            texts.push(("Notatet", Justification, &received.note));
            if let Some(name) = &received.file_name {
                texts.push(("Filnavnet", Line, name));
            }
        }
        Change::SetGrantFollowUp { deviation, consent, .. } => {
            if let Some(deviation) = deviation {
                texts.push(("Avviket", Justification, deviation));
            }
            if let Some(consent) = consent {
                texts.push(("Saksnummeret for samtykket", Line, &consent.case_number));
            }
        }
        Change::OpenFollowUp { rules } => {
            texts.push(("Kilden til reglene", Summary, &rules.source))
        }
        Change::LinkPreviousRound { previous, reporting_rules, candidates } => {
            texts.push(("Tittelen på forrige runde", Title, &previous.title));
            texts.push(("Filnavnet til forrige runde", Line, &previous.file_name));
            if let Some(rules) = reporting_rules {
                texts.push(("Kilden til reglene", Summary, &rules.source));
            }
            for grant in candidates {
                texts.push(("Søknadsnummeret", Line, grant.reference.as_str()));
                texts.push(("Tittelen", Title, &grant.title));
                texts.push(("Ansvarlig søker", Line, &grant.applicant));
            }
        }
        Change::ClearScore { .. }
        | Change::WithdrawRecusal { .. }
        | Change::RemoveMember(_)
        | Change::SetChairs { .. }
        | Change::SetItemChair(_)
        | Change::ClearItemChair(_)
        | Change::ClearConsensus(_)
        | Change::ClearLottery
        | Change::NoteIdentity { .. }
        | Change::TrustMemberKey { .. }
        | Change::SetCopyRole { .. }
        | Change::SetAggregation(_)
        | Change::SetOptions(_)
        | Change::ClearRecommendation(_)
        | Change::ClearGateAnswer { .. }
        | Change::SetDocumentLanguage(_)
        | Change::SetLetterLanguage { .. } => {}
    }
    for (what, field, text) in texts {
        samvurd_core::check_text(field, text).map_err(|problem| format!("{what}: {problem}"))?;
    }
    Ok(())
}

fn push_application_texts<'a>(
    texts: &mut Vec<(&'static str, samvurd_core::TextField, &'a str)>,
    application: &'a Application,
) {
    use samvurd_core::TextField::{Line, Summary, Title};
    texts.push(("Søknadsnummeret", Line, application.reference.as_str()));
    texts.push(("Tittelen", Title, &application.title));
    texts.push(("Ansvarlig søker", Line, &application.applicant));
    texts.push(("Samarbeidspartnerne", Line, &application.partners));
    texts.push(("Målgruppen", Line, &application.priority_area));
    texts.push(("Sammendraget", Summary, &application.summary));
}

/// The core's rules for the options, against the round as the transaction sees it.
fn check_options(
    reader: &Reader<'_>,
    options: &samvurd_core::RoundOptions,
) -> Result<(), ChangeError> {
    options.validate(&reader.info()?.scale)?;
    options.validate_criteria(&reader.criteria()?)?;
    Ok(())
}

/// Stores the round's options (one row), for `SetOptions` and `ChangeMethod` alike.
fn write_options(
    transaction: &Transaction<'_>,
    options: &samvurd_core::RoundOptions,
) -> Result<(), ChangeError> {
    let text =
        serde_json::to_string(options).map_err(|error| ChangeError::Refused(error.to_string()))?;
    transaction.execute(
        "INSERT INTO round_options (singleton, options) VALUES (1, ?1)
         ON CONFLICT (singleton) DO UPDATE SET options = excluded.options",
        [&text],
    )?;
    Ok(())
}

/// Refuses a change of method (named by `what`) once scoring has begun, and says how it is done.
fn refuse_method_change_after_scoring(
    transaction: &Transaction<'_>,
    what: &str,
) -> Result<(), ChangeError> {
    let scores = live_scores(transaction)?;
    if scores > 0 {
        return refused(format!(
            "Beregningsmåten er låst fordi skåringen har begynt ({scores} skårer er gitt): å endre {what} nå kan endre hvem som får penger. Bruk «Endre beregningsmåten» og skriv hvorfor; endringen føres i loggen og i innstillingens metodevedlegg."
        ));
    }
    Ok(())
}

fn live_scores(transaction: &Transaction<'_>) -> rusqlite::Result<i64> {
    transaction.query_row("SELECT count(*) FROM score WHERE cleared = 0", [], |row| row.get(0))
}

fn update_round_info(
    transaction: &Transaction<'_>,
    update: &RoundInfoUpdate,
) -> Result<(), ChangeError> {
    if update.title.trim().is_empty() {
        return refused("Runden må ha en tittel.");
    }
    if update.budget_frame.is_negative() {
        return refused("Rammen kan ikke være negativ.");
    }
    if samvurd_core::Scale::range(update.scale_min, update.scale_max).is_err() {
        return refused(format!(
            "Skalaen {}–{} er ugyldig: laveste verdi må være mindre enn høyeste.",
            update.scale_min, update.scale_max
        ));
    }
    let (scale_min, scale_max): (i32, i32) =
        transaction.query_row("SELECT scale_min, scale_max FROM round", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
    let scale_changed = (scale_min, scale_max) != (update.scale_min, update.scale_max);
    if scale_changed {
        let scores = live_scores(transaction)?;
        if scores > 0 {
            return refused(format!(
                "Skalaen kan ikke endres etter at skåringen har begynt ({scores} skårer er gitt)."
            ));
        }
        transaction.execute("DELETE FROM scale_descriptor", [])?;
        for (value, label) in samvurd_core::Scale::range(update.scale_min, update.scale_max)
            .map(|scale| scale.descriptors)
            .unwrap_or_default()
        {
            transaction.execute(
                "INSERT INTO scale_descriptor (value, label) VALUES (?1, ?2)",
                params![value, label],
            )?;
        }
    }
    transaction.execute(
        "UPDATE round SET title = ?1, helsefellesskap = ?2, budget_frame = ?3, deadline = ?4,
             scale_min = ?5, scale_max = ?6",
        params![
            update.title.trim(),
            update.helsefellesskap.trim(),
            update.budget_frame.to_canonical_string(),
            update.deadline.map(|date| date.to_string()),
            update.scale_min,
            update.scale_max,
        ],
    )?;
    Ok(())
}

fn update_criterion(
    transaction: &Transaction<'_>,
    criterion: &Criterion,
) -> Result<(), ChangeError> {
    let existing: Option<(String, bool)> = transaction
        .query_row(
            "SELECT weight, allow_not_applicable FROM criterion WHERE id = ?1",
            [criterion.id.as_str()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((weight, allow_not_applicable)) = existing else {
        return refused(format!("Kriteriet «{}» finnes ikke i runden.", criterion.id));
    };
    if criterion.name.trim().is_empty() {
        return refused("Kriteriet må ha et navn.");
    }
    if criterion.weight <= rust_decimal::Decimal::ZERO {
        return refused(format!("Vekten for «{}» må være større enn 0.", criterion.name.trim()));
    }
    let new_weight = criterion.weight.normalize().to_string();
    if new_weight != weight || criterion.allow_not_applicable != allow_not_applicable {
        let scores = live_scores(transaction)?;
        if scores > 0 {
            return refused(format!(
                "Vektene er låst fordi skåringen har begynt ({scores} skårer er gitt). Navn og veiledning kan fortsatt endres."
            ));
        }
    }
    transaction.execute(
        "UPDATE criterion SET name = ?2, guidance = ?3, weight = ?4, allow_not_applicable = ?5
         WHERE id = ?1",
        params![
            criterion.id.as_str(),
            criterion.name.trim(),
            criterion.guidance.trim(),
            new_weight,
            criterion.allow_not_applicable
        ],
    )?;
    Ok(())
}

fn update_application(
    transaction: &Transaction<'_>,
    application: &Application,
) -> Result<(), ChangeError> {
    if application.title.trim().is_empty() || application.applicant.trim().is_empty() {
        return refused("Søknaden må ha tittel og ansvarlig søker.");
    }
    if application.amount_requested.is_negative() {
        return refused("Omsøkt beløp kan ikke være negativt.");
    }
    let updated = transaction.execute(
        "UPDATE application SET title = ?2, applicant = ?3, applicant_side = ?4, partners = ?5,
             priority_area = ?6, period_start = ?7, period_end = ?8, amount_requested = ?9,
             own_contribution_kommune = ?10, own_contribution_hf = ?11, summary = ?12, kind = ?13
         WHERE reference = ?1",
        params![
            application.reference.as_str(),
            application.title.trim(),
            application.applicant.trim(),
            application.applicant_side.as_str(),
            application.partners.trim(),
            application.priority_area.trim(),
            application.period_start.map(|date| date.to_string()),
            application.period_end.map(|date| date.to_string()),
            application.amount_requested.to_canonical_string(),
            application.own_contribution_kommune.to_canonical_string(),
            application.own_contribution_hf.to_canonical_string(),
            application.summary.trim(),
            application.kind.as_str(),
        ],
    )?;
    if updated == 0 {
        return refused(format!("Søknad «{}» finnes ikke i runden.", application.reference));
    }
    Ok(())
}

fn answer_gate(
    transaction: &Transaction<'_>,
    answer: &samvurd_core::GateAnswer,
) -> Result<(), ChangeError> {
    let application_exists: bool = transaction.query_row(
        "SELECT EXISTS (SELECT 1 FROM application WHERE reference = ?1)",
        [answer.application.as_str()],
        |row| row.get(0),
    )?;
    if !application_exists {
        return refused(format!("Søknad «{}» finnes ikke i runden.", answer.application));
    }
    let gate_exists: bool = transaction.query_row(
        "SELECT EXISTS (SELECT 1 FROM gate WHERE id = ?1)",
        [answer.gate.as_str()],
        |row| row.get(0),
    )?;
    if !gate_exists {
        let known: Vec<String> = transaction
            .prepare("SELECT id FROM gate ORDER BY position")?
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        return refused(format!(
            "Kravet «{}» finnes ikke i runden. Krav i runden: {}.",
            answer.gate,
            if known.is_empty() { "ingen".to_owned() } else { known.join(", ") }
        ));
    }
    if !answer.passed && answer.note.trim().is_empty() {
        return refused(format!(
            "Skriv en kort merknad om hvorfor søknad «{}» ikke oppfyller kravet «{}»; den står i innstillingen.",
            answer.application, answer.gate
        ));
    }
    transaction.execute(
        "INSERT INTO gate_answer (application, gate, passed, note, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (application, gate) DO UPDATE SET passed = excluded.passed, note = excluded.note,
             updated_at = excluded.updated_at",
        params![answer.application.as_str(), answer.gate.as_str(), answer.passed, answer.note.trim(), now()],
    )?;
    Ok(())
}

/// Writes the vedtak over any earlier one and locks the round, in the caller's transaction.
fn record_vedtak(
    transaction: &Transaction<'_>,
    actor: &str,
    vedtak: &samvurd_core::vedtak::Vedtak,
    as_recommended: bool,
) -> Result<(), ChangeError> {
    transaction.execute("DELETE FROM vedtak_decision", [])?;
    transaction.execute("DELETE FROM vedtak", [])?;
    transaction.execute(
        "INSERT INTO vedtak (singleton, meeting_date, case_number, as_recommended, recorded_at,
             recorded_by) VALUES (1, ?1, ?2, ?3, ?4, ?5)",
        params![
            vedtak.meeting_date.to_string(),
            vedtak.case_number.trim(),
            as_recommended,
            now(),
            actor.trim()
        ],
    )?;
    let mut insert = transaction.prepare_cached(
        "INSERT INTO vedtak_decision (application, outcome, amount, note, conditions)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for decision in &vedtak.decisions {
        insert.execute(params![
            decision.application.as_str(),
            decision.outcome.as_str(),
            decision.amount.to_canonical_string(),
            decision.note.trim(),
            decision.conditions.trim(),
        ])?;
    }
    transaction.execute(
        "INSERT INTO round_lock (singleton, locked_at, locked_by, reason) VALUES (1, ?1, ?2, ?3)",
        params![
            now(),
            actor.trim(),
            format!(
                "SSU fattet vedtak {} (sak {})",
                samvurd_core::format::date(vedtak.meeting_date),
                vedtak.case_number.trim()
            )
        ],
    )?;
    Ok(())
}

fn set_recommendation(
    transaction: &Transaction<'_>,
    recommendation: &samvurd_core::ChairRecommendation,
) -> Result<(), ChangeError> {
    if recommendation.amount.is_negative() {
        return refused("Beløpet kan ikke være negativt.");
    }
    let exists: bool = transaction.query_row(
        "SELECT EXISTS (SELECT 1 FROM application WHERE reference = ?1)",
        [recommendation.application.as_str()],
        |row| row.get(0),
    )?;
    if !exists {
        return refused(format!("Søknad «{}» finnes ikke i runden.", recommendation.application));
    }
    transaction.execute(
        "INSERT INTO recommendation (application, outcome, amount, justification, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (application) DO UPDATE SET outcome = excluded.outcome, amount = excluded.amount,
             justification = excluded.justification, updated_at = excluded.updated_at",
        params![
            recommendation.application.as_str(),
            recommendation.outcome.as_str(),
            recommendation.amount.to_canonical_string(),
            recommendation.justification.trim(),
            now()
        ],
    )?;
    Ok(())
}

/// Changes name, organisation and role of an existing member; returns the member as it was.
fn update_member(transaction: &Transaction<'_>, member: &Member) -> Result<Member, ChangeError> {
    let previous: Option<String> = transaction
        .query_row("SELECT name FROM member WHERE id = ?1", [member.id.as_str()], |row| row.get(0))
        .optional()?;
    let Some(previous_name) = previous else {
        return refused(format!("Medlemmet «{}» finnes ikke i runden.", member.id));
    };
    let previous = Member { name: previous_name, ..member.clone() };
    if member.name.trim().is_empty() {
        return refused("Medlemmet må ha et navn.");
    }
    let clash: Option<String> = transaction
        .query_row(
            "SELECT name FROM member WHERE id <> ?1 AND lower(name) = lower(?2)",
            params![member.id.as_str(), member.name.trim()],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(clash) = clash {
        return refused(format!(
            "Det finnes allerede et medlem som heter «{clash}». To medlemmer kan ikke ha samme navn."
        ));
    }
    transaction.execute(
        "UPDATE member SET name = ?2, organisation = ?3, role = ?4 WHERE id = ?1",
        params![
            member.id.as_str(),
            member.name.trim(),
            member.organisation.trim(),
            member.role.as_str()
        ],
    )?;
    Ok(previous)
}

/// Removes a member with nothing in the round; returns their name.
fn remove_member(transaction: &Transaction<'_>, member: &MemberId) -> Result<String, ChangeError> {
    let name: Option<String> = transaction
        .query_row("SELECT name FROM member WHERE id = ?1", [member.as_str()], |row| row.get(0))
        .optional()?;
    let Some(name) = name else {
        return refused(format!("Medlemmet «{member}» finnes ikke i runden."));
    };
    let records: i64 = transaction.query_row(
        "SELECT (SELECT count(*) FROM score WHERE member = ?1)
              + (SELECT count(*) FROM recusal WHERE member = ?1)
              + (SELECT count(*) FROM member_key WHERE member = ?1)",
        [member.as_str()],
        |row| row.get(0),
    )?;
    if records > 0 {
        return refused(format!(
            "{name} har allerede skårer eller inhabiliteter i runden og kan ikke fjernes: da ville det de har gjort, forsvinne. Rett heller navnet eller rollen."
        ));
    }
    transaction.execute("DELETE FROM member WHERE id = ?1", [member.as_str()])?;
    Ok(name)
}

fn add_member(transaction: &Transaction<'_>, member: &Member) -> Result<(), ChangeError> {
    if !is_valid_key(member.id.as_str()) {
        return refused(format!(
            "Medlems-ID-en «{}» er ugyldig. Bruk små bokstaver a–z, sifre og bindestrek, f.eks. «kari-nordmann».",
            member.id
        ));
    }
    if member.name.trim().is_empty() {
        return refused("Medlemmet må ha et navn.");
    }
    let existing: Option<String> = transaction
        .query_row(
            "SELECT id FROM member WHERE id = ?1 OR lower(name) = lower(?2)",
            params![member.id.as_str(), member.name.trim()],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(existing) = existing {
        return refused(format!(
            "Det finnes allerede et medlem med ID «{existing}» eller navnet «{}». Velg en annen ID eller et annet navn.",
            member.name.trim()
        ));
    }
    transaction.execute(
        "INSERT INTO member (id, position, name, organisation, role)
         VALUES (?1, (SELECT coalesce(max(position), -1) + 1 FROM member), ?2, ?3, ?4)",
        params![
            member.id.as_str(),
            member.name.trim(),
            member.organisation.trim(),
            member.role.as_str()
        ],
    )?;
    Ok(())
}

fn add_applications(
    transaction: &Transaction<'_>,
    applications: &[Application],
) -> Result<(), ChangeError> {
    // References are compared without regard to case (`vv-1` is `VV-1`), as the import does:
    // two that differ only in case would be two applications to the group but one answer letter
    // on Windows and macOS, whose file names ignore case.
    let existing: BTreeMap<String, String> = transaction
        .prepare("SELECT reference FROM application")?
        .query_map([], |row| row.get::<_, String>(0))?
        .map(|reference| reference.map(|reference| (reference.to_lowercase(), reference)))
        .collect::<rusqlite::Result<_>>()?;
    let mut seen = BTreeSet::new();
    for application in applications {
        let reference = application.reference.as_str();
        if reference.trim().is_empty() {
            return refused(format!("Søknaden «{}» mangler søknadsnummer.", application.title));
        }
        if !seen.insert(reference.to_lowercase()) {
            return refused(format!(
                "Søknadsnummeret «{reference}» står to ganger (store og små bokstaver regnes som like). Hvert søknadsnummer må være unikt."
            ));
        }
        if application.amount_requested.is_negative() {
            return refused(format!("Søknad «{reference}»: omsøkt beløp kan ikke være negativt."));
        }
        if let Some(stored) = existing.get(&reference.to_lowercase()) {
            return refused(format!(
                "Søknad «{stored}» finnes allerede i runden (store og små bokstaver regnes som like), så «{reference}» kan ikke legges til. Ingen søknader ble lagt til."
            ));
        }
    }
    let mut insert = transaction.prepare(
        "INSERT INTO application (reference, position, title, applicant, applicant_side, partners,
             priority_area, period_start, period_end, amount_requested, own_contribution_kommune,
             own_contribution_hf, summary, kind, kommune, extra)
         VALUES (?1, (SELECT coalesce(max(position), -1) + 1 FROM application), ?2, ?3, ?4, ?5,
             ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?;
    for application in applications {
        insert.execute(params![
            application.reference.as_str(),
            application.title,
            application.applicant,
            application.applicant_side.as_str(),
            application.partners,
            application.priority_area,
            application.period_start.map(|date| date.to_string()),
            application.period_end.map(|date| date.to_string()),
            application.amount_requested.to_canonical_string(),
            application.own_contribution_kommune.to_canonical_string(),
            application.own_contribution_hf.to_canonical_string(),
            application.summary,
            application.kind.as_str(),
            application.kommune,
            serde_json::to_string(&application.extra).map_err(|error| {
                ChangeError::Refused(format!("Ekstrakolonnene kunne ikke lagres: {error}"))
            })?,
        ])?;
    }
    Ok(())
}

/// The facts needed to check scores and recusals, read once per change.
struct Rubric {
    scale: (i32, i32),
    /// Criterion id -> whether *ikke relevant* is allowed.
    criteria: BTreeMap<String, bool>,
    members: BTreeSet<String>,
    applications: BTreeSet<String>,
}

impl Rubric {
    fn read(transaction: &Transaction<'_>) -> rusqlite::Result<Rubric> {
        let scale = transaction.query_row("SELECT scale_min, scale_max FROM round", [], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?;
        let criteria = transaction
            .prepare("SELECT id, allow_not_applicable FROM criterion")?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let keys = |sql: &str| -> rusqlite::Result<BTreeSet<String>> {
            transaction.prepare(sql)?.query_map([], |row| row.get(0))?.collect()
        };
        Ok(Rubric {
            scale,
            criteria,
            members: keys("SELECT id FROM member")?,
            applications: keys("SELECT reference FROM application")?,
        })
    }

    fn check_member_and_application(
        &self,
        member: &MemberId,
        application: &ApplicationRef,
    ) -> Result<(), ChangeError> {
        if !self.members.contains(member.as_str()) {
            return refused(format!(
                "Medlemmet «{member}» finnes ikke i runden. Legg det til først."
            ));
        }
        if !self.applications.contains(application.as_str()) {
            return refused(format!("Søknad «{application}» finnes ikke i runden."));
        }
        Ok(())
    }

    fn check_score(&self, score: &Score) -> Result<(), ChangeError> {
        self.check_member_and_application(&score.member, &score.application)?;
        let Some(&allow_not_applicable) = self.criteria.get(score.criterion.as_str()) else {
            let known: Vec<&str> = self.criteria.keys().map(String::as_str).collect();
            return refused(format!(
                "Kriteriet «{}» finnes ikke i runden. Kjente kriterier: {}.",
                score.criterion,
                known.join(", ")
            ));
        };
        match score.value {
            ScoreValue::Value(value) if !(self.scale.0..=self.scale.1).contains(&value) => {
                refused(format!(
                    "Skåren {value} for søknad «{}», kriterium «{}», ligger utenfor skalaen {}–{}.",
                    score.application, score.criterion, self.scale.0, self.scale.1
                ))
            }
            ScoreValue::NotApplicable if !allow_not_applicable => refused(format!(
                "«Ikke relevant» er ikke tillatt på kriteriet «{}» (søknad «{}»). Gi en skår på skalaen {}–{}.",
                score.criterion, score.application, self.scale.0, self.scale.1
            )),
            _ => Ok(()),
        }
    }
}

fn set_scores(transaction: &Transaction<'_>, scores: &[Score]) -> Result<(), ChangeError> {
    let rubric = Rubric::read(transaction)?;
    let mut seen = BTreeSet::new();
    for score in scores {
        rubric.check_score(score)?;
        if !seen.insert((&score.member, &score.application, &score.criterion)) {
            return refused(format!(
                "{} har to skårer for søknad «{}», kriterium «{}», i samme endring. Behold bare én.",
                score.member, score.application, score.criterion
            ));
        }
    }
    let updated_at = now();
    let clock = next_clock(transaction)?;
    let mut upsert = transaction.prepare(
        "INSERT INTO score (member, application, criterion, value, not_applicable, justification,
             revision, updated_at, cleared, clock)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, 0, ?8)
         ON CONFLICT (member, application, criterion) DO UPDATE SET
             value = excluded.value, not_applicable = excluded.not_applicable,
             justification = excluded.justification, revision = score.revision + 1,
             updated_at = excluded.updated_at, cleared = 0, clock = excluded.clock",
    )?;
    for score in scores {
        let (value, not_applicable) = match score.value {
            ScoreValue::Value(value) => (Some(value), false),
            ScoreValue::NotApplicable => (None, true),
        };
        upsert.execute(params![
            score.member.as_str(),
            score.application.as_str(),
            score.criterion.as_str(),
            value,
            not_applicable,
            score.justification.trim(),
            updated_at,
            clock,
        ])?;
    }
    Ok(())
}

fn declare_recusals(
    transaction: &Transaction<'_>,
    recusals: &[Recusal],
) -> Result<(), ChangeError> {
    let rubric = Rubric::read(transaction)?;
    for recusal in recusals {
        rubric.check_member_and_application(&recusal.member, &recusal.application)?;
        if recusal.reason.trim().is_empty() {
            return refused(format!(
                "Inhabiliteten til «{}» for søknad «{}» mangler begrunnelse. Skriv kort hvorfor (forvaltningsloven § 6).",
                recusal.member, recusal.application
            ));
        }
    }
    let updated_at = now();
    let clock = next_clock(transaction)?;
    let mut upsert = transaction.prepare(
        "INSERT INTO recusal (member, application, reason, revision, updated_at, cleared, clock)
         VALUES (?1, ?2, ?3, 1, ?4, 0, ?5)
         ON CONFLICT (member, application) DO UPDATE SET
             reason = excluded.reason, revision = recusal.revision + 1,
             updated_at = excluded.updated_at, cleared = 0, clock = excluded.clock",
    )?;
    for recusal in recusals {
        upsert.execute(params![
            recusal.member.as_str(),
            recusal.application.as_str(),
            recusal.reason.trim(),
            updated_at,
            clock
        ])?;
    }
    Ok(())
}

/// The hybrid logical clock for a local edit: the machine's time, or just past the newest
/// version already in the file if that is later (see `clock`).
fn next_clock(transaction: &Transaction<'_>) -> rusqlite::Result<i64> {
    let greatest: Option<i64> = transaction.query_row(
        "SELECT max(clock) FROM (SELECT max(clock) AS clock FROM score
             UNION ALL SELECT max(clock) FROM recusal)",
        [],
        |row| row.get(0),
    )?;
    Ok(crate::clock::next_clock(greatest, chrono::Utc::now()))
}

/// Appends one entry to the audit log. Only the write path and round creation call this.
pub(crate) fn append_audit(
    transaction: &Transaction<'_>,
    actor: &str,
    action: &str,
    detail: &serde_json::Value,
) -> rusqlite::Result<()> {
    transaction.execute(
        "INSERT INTO audit_log (at, actor, action, detail) VALUES (?1, ?2, ?3, ?4)",
        params![now(), actor.trim(), action, detail.to_string()],
    )?;
    Ok(())
}
