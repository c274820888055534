//! The innstilling to the SSU, built from the round and one call to [`samvurd_core::evaluate`].
//!
//! [`OpenRound::innstilling`] maps the engine's evaluation into samvurd-report's plain model:
//! every total, rank, rank interval, amount, outcome, gate, recusal and flag is the one the
//! engine computed, and the member scores per criterion are exactly the ones the engine counted
//! (numeric scores by members not recused). Nothing here computes a figure of its own beyond
//! looking up names. [`OpenRound::write_innstilling`] renders it to PDF/A-1b and writes the file
//! atomically.
//!
//! The sentences the model carries (flags, the tie ladder, the meeting's record, the method's
//! changes) are phrased here from the engine's data with the Fluent messages of the round's
//! document language (`innstilling.ftl`, through samvurd-report's `Texts`), never by rewording
//! the engine's own bokmål reasons.

mod continuation;
pub(crate) mod desktop;
mod meeting;

pub(crate) use desktop::written;
pub use desktop::{LanguageView, LetterLanguageRow, WrittenFile};

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Local, NaiveDate};
use rust_decimal::Decimal;
use samvurd_core::allocation::AwardReason;
use samvurd_core::bootstrap::RankUncertainty;
use samvurd_core::disagreement::FlagKind;
use samvurd_core::evaluate::{ApplicationEvaluation, GroupTotal};
use samvurd_core::gates::GateStatus;
use samvurd_core::language::{Language, LanguageChoices};
use samvurd_core::ranking::TieStep;
use samvurd_core::vedtak::Vedtak;
use samvurd_core::{
    ApplicantSide, ApplicationRef, CriterionId, Evaluation, Exact, MemberId, MethodPart, Round,
    Score, ScoreValue, evaluate,
};
use samvurd_report::Texts;
use samvurd_report::{
    Agreement, AnswerLetter, ApplicationEntry, Bootstrap, CriterionDescription, CriterionResult,
    Flag, GateCheck, GateDescription, GroupTotals, Innstilling, Member, Method, ReportError,
    RoundFacts, ScaleStep, Side, TieRule,
};
use std::collections::BTreeMap;

use crate::{AppError, AppResult, ErrorKind, OpenRound};

/// What the innstilling needs beyond the round file: the archive's case number, the meeting,
/// and the names of the bodies. Everything has a sensible default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InnstillingOptions {
    /// The archive's case number, e.g. `26/01234`; a blank field is printed without it.
    pub case_number: Option<String>,
    /// The date of the SSU meeting that decides.
    pub meeting_date: Option<NaiveDate>,
    /// The date of the innstilling; the date of `generated_at` when absent.
    pub date: Option<NaiveDate>,
    /// Default «Arbeidsgruppen for samhandlingstilskudd».
    pub working_group: Option<String>,
    /// Default «Strategisk samarbeidsutvalg (SSU)».
    pub decision_body: Option<String>,
    /// The chair's own summary for the cover.
    pub summary: Option<String>,
    /// Write the public version (offentleglova) instead of the full innstilling.
    pub public: Option<samvurd_report::PublicVersion>,
    /// Bokmål or nynorsk; `None` is the round's document language (`OpenRound` reads it from
    /// the file), or bokmål where no round file is at hand.
    pub language: Option<Language>,
}

impl From<ReportError> for AppError {
    fn from(error: ReportError) -> Self {
        let kind = match error {
            ReportError::MissingGlyph { .. } => ErrorKind::Invalid,
            _ => ErrorKind::Internal,
        };
        AppError { kind, message: error.to_string(), import: None }
    }
}

/// A «generated at» time from the command line: ISO 8601 with offset, e.g.
/// `2026-11-23T14:05:00+01:00`.
pub fn parse_generated_at(text: &str) -> AppResult<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text.trim()).map_err(|_| {
        AppError::invalid(format!(
            "«{}» er ikke et tidspunkt. Skriv det som 2026-11-23T14:05:00+01:00.",
            text.trim()
        ))
    })
}

/// Now, in local time, as the default «generated at».
pub fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

impl OpenRound {
    /// The innstilling as samvurd-report's model, every figure from the engine. Dated
    /// `options.date`, or today.
    pub fn innstilling(&self, options: &InnstillingOptions) -> AppResult<Innstilling> {
        Ok(innstilling_of(&self.load()?, &self.in_document_language(options)?))
    }

    /// `options` with the round's document language when they name none.
    pub fn in_document_language(
        &self,
        options: &InnstillingOptions,
    ) -> AppResult<InnstillingOptions> {
        let mut options = options.clone();
        if options.language.is_none() {
            options.language = Some(self.file().languages()?.document);
        }
        Ok(options)
    }

    /// Renders the innstilling to PDF/A-1b and writes it to `path` (a temporary file beside it,
    /// renamed into place, so a reader never sees half a file). `generated_at` defaults to now
    /// in local time; the same round and the same `generated_at` give the same bytes.
    pub fn write_innstilling(
        &self,
        path: &Path,
        options: &InnstillingOptions,
        generated_at: Option<DateTime<FixedOffset>>,
    ) -> AppResult<PathBuf> {
        write_innstilling_of(
            &self.load()?,
            path,
            &self.in_document_language(options)?,
            generated_at,
        )
    }
}

/// The innstilling of a round already loaded: the engine runs once.
pub fn innstilling_of(round: &Round, options: &InnstillingOptions) -> Innstilling {
    let evaluation = evaluate(round);
    let date = options.date.unwrap_or_else(|| now().date_naive());
    build(round, &evaluation, options, date)
}

/// [`OpenRound::write_innstilling`] for a round already loaded, so that the desktop can let go
/// of the open round while a long innstilling is written.
pub fn write_innstilling_of(
    round: &Round,
    path: &Path,
    options: &InnstillingOptions,
    generated_at: Option<DateTime<FixedOffset>>,
) -> AppResult<PathBuf> {
    refuse_round_file(path)?;
    let generated_at = generated_at.unwrap_or_else(now);
    let mut options = options.clone();
    options.date = options.date.or(Some(generated_at.date_naive()));
    let model = innstilling_of(round, &options);
    let bytes = samvurd_report::render_pdf(&model, generated_at)?;
    write_atomically(path, &bytes)?;
    Ok(path.to_path_buf())
}

/// Writes `bytes` to a temporary file in `path`'s folder, flushes it to disk and renames it into
/// place. Every output goes through here (PDF, letters, export, score files), so this is where a
/// round file is protected: no output may replace a `.samvurd` file or any Samvurd round,
/// whatever its name, and so never the round that is open.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> AppResult<()> {
    refuse_round_file(path)?;
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "utdata".to_owned(), |name| name.to_string_lossy().into_owned());
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let failed = |error: std::io::Error| {
        let _ = fs::remove_file(&temporary);
        AppError::io(format!(
            "Kunne ikke skrive «{}»: {error}. Sjekk at mappen finnes og at du har skrivetilgang.",
            path.display()
        ))
    };
    let mut file = fs::File::create(&temporary).map_err(failed)?;
    file.write_all(bytes).map_err(failed)?;
    file.sync_all().map_err(failed)?;
    drop(file);
    fs::rename(&temporary, path).map_err(failed)?;
    sync_folder(&folder);
    Ok(())
}

/// Makes the rename durable where the system allows it: on Unix a folder can be flushed. A
/// failure here is not reported; the file itself is already on disk.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(directory) = fs::File::open(folder) {
        let _ = directory.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

/// Refuses `path` as an output when it is a round: named `.samvurd` (in any case), or an
/// existing file whose header says it is a Samvurd round.
pub(crate) fn refuse_round_file(path: &Path) -> AppResult<()> {
    let named_as_round = path
        .extension()
        .and_then(|extension| extension.to_str())
        .is_some_and(|extension| extension.eq_ignore_ascii_case("samvurd"));
    if named_as_round || is_round_file(path) {
        return Err(AppError::invalid(format!(
            "«{}» er en rundefil. Samvurd skriver aldri innstillinger, brev, regneark eller skårfiler over en rundefil, så ingenting er skrevet. Velg et annet filnavn.",
            path.display()
        )));
    }
    Ok(())
}

/// Whether the file at `path` starts like a Samvurd round: SQLite's magic and our
/// application id (offset 68).
fn is_round_file(path: &Path) -> bool {
    use std::io::Read;
    let mut header = [0u8; 72];
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    if file.read_exact(&mut header).is_err() {
        return false;
    }
    header.starts_with(b"SQLite format 3\0")
        && header[68..72] == samvurd_store::APPLICATION_ID.to_be_bytes()
}

pub(crate) fn build(
    round: &Round,
    evaluation: &Evaluation,
    options: &InnstillingOptions,
    date: NaiveDate,
) -> Innstilling {
    let budget = &evaluation.budget;
    let language = options.language.unwrap_or(Language::Bokmal);
    let texts = Texts::builtin(language);
    let scores = ScoreIndex::new(round);
    let applications: Vec<ApplicationEntry> = evaluation
        .applications
        .iter()
        .map(|application| ApplicationEntry {
            meeting: meeting::meeting_entry(round, evaluation, application, &texts),
            ..entry(round, &scores, application, &texts)
        })
        .collect();
    let continuations = continuation::continuation_table(round, &applications);
    Innstilling {
        language,
        round: RoundFacts {
            helsefellesskap: round.info.helsefellesskap.clone(),
            title: round.info.title.clone(),
            working_group: options
                .working_group
                .clone()
                .filter(|text| !text.trim().is_empty())
                .unwrap_or_else(|| texts.text("default-working-group")),
            decision_body: options
                .decision_body
                .clone()
                .filter(|text| !text.trim().is_empty())
                .unwrap_or_else(|| texts.text("default-decision-body")),
            case_number: options.case_number.clone().filter(|text| !text.trim().is_empty()),
            date,
            deadline: round.info.deadline,
            meeting_date: options.meeting_date,
            frame: budget.frame,
            total_requested: budget.total_requested,
            total_recommended: budget.recommended,
            remaining: budget.frame - budget.recommended,
            scale_min: round.info.scale.min,
            scale_max: round.info.scale.max,
        },
        summary: options.summary.clone().filter(|text| !text.trim().is_empty()),
        proposed_resolution: None,
        applications,
        group_totals: vec![
            GroupTotals {
                heading: texts.text("group-by-side"),
                rows: budget
                    .by_side
                    .iter()
                    .map(|group| group_total(group, side_label(&group.key, &texts)))
                    .collect(),
            },
            GroupTotals {
                heading: texts.text("group-by-area"),
                rows: budget
                    .by_priority_area
                    .iter()
                    .map(|group| group_total(group, area_label(&group.key, &texts)))
                    .collect(),
            },
        ],
        method: method(round, evaluation, &texts),
        members: round
            .members
            .iter()
            .map(|member| Member {
                name: member.name.clone(),
                organisation: member.organisation.clone(),
                role: {
                    let role = role_label(member.role, &texts);
                    if round.meeting.deputy.as_ref() == Some(&member.id) {
                        texts.get("role-deputy", &[("role", &role)])
                    } else {
                        role
                    }
                },
                chair: round.meeting.chair.as_ref() == Some(&member.id),
            })
            .collect(),
        lottery: meeting::lottery_appendix(round, evaluation),
        continuations,
        public: options.public.clone(),
    }
}

/// The label of an applicant side as the engine keys it (`kommune`, `hf`, `annet`).
fn side_label(key: &str, texts: &Texts) -> String {
    texts.text(match ApplicantSide::parse(key) {
        Some(ApplicantSide::Kommune) => "side-kommune",
        Some(ApplicantSide::Hf) => "side-helseforetak",
        Some(ApplicantSide::Annet) | None => "side-other",
    })
}

fn area_label(key: &str, texts: &Texts) -> String {
    if key.trim().is_empty() { texts.text("area-none") } else { key.to_owned() }
}

fn role_label(role: samvurd_core::Role, texts: &Texts) -> String {
    use samvurd_core::Role;
    texts.text(match role {
        Role::Kommune => "role-kommune",
        Role::Hf => "role-hf",
        Role::Fastlege => "role-fastlege",
        Role::Brukerrepresentant => "role-brukerrepresentant",
        Role::Annet => "role-annet",
    })
}

fn group_total(group: &GroupTotal, label: String) -> samvurd_report::GroupTotal {
    samvurd_report::GroupTotal {
        label,
        applications: group.applications,
        requested: group.requested,
        recommended: group.recommended,
    }
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

fn member_name(round: &Round, id: &MemberId) -> String {
    round.member(id).map_or_else(|| id.to_string(), |member| member.name.clone())
}

fn criterion_name(round: &Round, id: &CriterionId) -> String {
    round.criterion(id).map_or_else(|| id.to_string(), |criterion| criterion.name.clone())
}

/// Each score of the round by (member, application, criterion): the first in the round's order,
/// which is the one a search through the list finds. Looking the scores up here rather than
/// searching the list per application, criterion and member keeps a round of 200 applications
/// from comparing a hundred million keys.
struct ScoreIndex<'round> {
    scores: HashMap<(&'round MemberId, &'round ApplicationRef, &'round CriterionId), &'round Score>,
}

impl<'round> ScoreIndex<'round> {
    fn new(round: &'round Round) -> ScoreIndex<'round> {
        let mut scores = HashMap::with_capacity(round.scores.len());
        for score in &round.scores {
            scores.entry((&score.member, &score.application, &score.criterion)).or_insert(score);
        }
        ScoreIndex { scores }
    }

    fn get(
        &self,
        member: &MemberId,
        application: &ApplicationRef,
        criterion: &CriterionId,
    ) -> Option<&'round Score> {
        self.scores.get(&(member, application, criterion)).copied()
    }
}

fn entry(
    round: &Round,
    scores: &ScoreIndex<'_>,
    evaluation: &ApplicationEvaluation,
    texts: &Texts,
) -> ApplicationEntry {
    let aggregate = &evaluation.aggregate;
    let reference = &aggregate.application;
    let application =
        round.application(reference).expect("the evaluation only holds applications of the round");
    let recommendation = &evaluation.recommendation;

    let criteria = aggregate
        .criteria
        .iter()
        .map(|criterion| {
            // Exactly the scores the engine counted: numeric, by members not recused.
            let scores: Vec<i32> = round
                .members
                .iter()
                .filter(|member| !round.is_recused(&member.id, reference))
                .filter_map(|member| scores.get(&member.id, reference, &criterion.criterion))
                .filter_map(|score| match score.value {
                    ScoreValue::Value(value) => Some(value),
                    ScoreValue::NotApplicable => None,
                })
                .collect();
            CriterionResult {
                criterion: criterion_name(round, &criterion.criterion),
                weight: round.criterion(&criterion.criterion).map_or(Decimal::ZERO, |c| c.weight),
                value: criterion.value.as_ref().map(Exact::to_decimal),
                scores,
                not_applicable: criterion.not_applicable,
                recused_excluded: criterion.recused_scores_excluded,
                disagreement: evaluation.flags.iter().any(|flag| {
                    flag.kind == FlagKind::CriterionRange
                        && flag.criterion.as_ref() == Some(&criterion.criterion)
                }),
            }
        })
        .collect::<Vec<_>>();

    // Answered gates only: an unanswered gate is neither passed nor failed.
    let gates = evaluation
        .gates
        .iter()
        .filter(|gate| gate.status != GateStatus::Unanswered)
        .map(|gate| GateCheck {
            gate: round
                .gates
                .iter()
                .find(|known| known.id == gate.gate)
                .map_or_else(|| gate.gate.to_string(), |known| known.question.clone()),
            passed: gate.status == GateStatus::Passed,
            note: non_empty(&gate.note),
        })
        .collect();

    let justification = non_empty(&recommendation.justification);
    let (justification, deviation) = if recommendation.deviates {
        (None, Some(justification.unwrap_or_else(|| texts.text("no-justification"))))
    } else {
        (justification, None)
    };

    ApplicationEntry {
        reference: reference.to_string(),
        title: application.title.clone(),
        applicant: application.applicant.clone(),
        partners: application.partners.split([';', '\n']).filter_map(non_empty).collect(),
        side: match application.applicant_side {
            ApplicantSide::Kommune => Some(Side::Kommune),
            ApplicantSide::Hf => Some(Side::Helseforetak),
            ApplicantSide::Annet => None,
        },
        priority_area: non_empty(&application.priority_area),
        summary: non_empty(&application.summary),
        requested: application.amount_requested,
        recommended: recommendation.amount,
        outcome: recommendation.outcome,
        computed: recommendation.proposal_amount,
        total: evaluation.ranked.total.as_ref().map(Exact::to_decimal),
        total_interval: None,
        rank: evaluation.ranked.rank,
        rank_interval: evaluation
            .uncertainty
            .as_ref()
            .map(|RankUncertainty { rank_low, rank_high, .. }| (*rank_low, *rank_high)),
        criteria,
        gates,
        recusals: aggregate.recused_members.iter().map(|id| member_name(round, id)).collect(),
        justification,
        deviation,
        flags: flags(round, evaluation),
        meeting: samvurd_report::MeetingEntry::default(),
    }
}

fn flags(round: &Round, evaluation: &ApplicationEvaluation) -> Vec<Flag> {
    let mut flags = Vec::new();
    let disagreement: Vec<String> = evaluation
        .flags
        .iter()
        .filter(|flag| flag.kind == FlagKind::CriterionRange)
        .filter_map(|flag| flag.criterion.as_ref().map(|id| criterion_name(round, id)))
        .collect();
    if !disagreement.is_empty() {
        flags.push(Flag::Disagreement { criteria: disagreement });
    }
    for flag in &evaluation.flags {
        match flag.kind {
            FlagKind::CriterionRange => {}
            FlagKind::MemberDeviation => flags.push(Flag::MemberDeviation {
                member: flag.member.as_ref().map_or_else(String::new, |id| member_name(round, id)),
            }),
            FlagKind::UnresolvedTie => flags.push(Flag::SharedPlace),
            FlagKind::BelowQuorum => flags.push(Flag::BelowQuorum),
        }
    }
    for tie in &evaluation.ranked.ties {
        match &tie.decided_by {
            Some(TieStep::Criterion(id)) => {
                flags.push(Flag::TieBroken { rule: TieRule::Criterion(criterion_name(round, id)) })
            }
            Some(TieStep::LowerRequestedAmount) => {
                flags.push(Flag::TieBroken { rule: TieRule::LowerRequestedAmount });
            }
            None => {}
        }
    }
    if evaluation.aggregate.criteria.iter().any(|criterion| criterion.missing > 0) {
        flags.push(Flag::FewScores);
    }
    flags
}

fn method(round: &Round, evaluation: &Evaluation, texts: &Texts) -> Method {
    let options = &round.options;
    let mut scale: Vec<ScaleStep> = (round.info.scale.min..=round.info.scale.max)
        .rev()
        .map(|value| ScaleStep {
            value,
            descriptor: round.info.scale.descriptor(value).unwrap_or_default().to_owned(),
        })
        .collect();
    if scale.len() > 21 {
        scale.truncate(21);
    }
    let mut tie_ladder: Vec<String> = evaluation
        .tie_steps
        .iter()
        .map(|step| match step {
            TieStep::Criterion(id) => {
                texts.get("tie-step-criterion", &[("criterion", &criterion_name(round, id))])
            }
            TieStep::LowerRequestedAmount => texts.text("tie-step-lower-amount"),
        })
        .collect();
    tie_ladder.push(texts.text("tie-step-shared"));
    Method {
        criteria: round
            .criteria
            .iter()
            .map(|criterion| CriterionDescription {
                name: criterion.name.clone(),
                weight: criterion.weight,
                guidance: criterion.guidance.clone(),
                not_applicable_allowed: criterion.allow_not_applicable,
            })
            .collect(),
        scale,
        aggregation: round.info.aggregation,
        gates: round
            .gates
            .iter()
            .map(|gate| GateDescription {
                name: gate.question.clone(),
                description: gate.guidance.clone(),
            })
            .collect(),
        tie_ladder,
        disagreement_range: Some(evaluation.thresholds.criterion_range.to_decimal()),
        bootstrap: (options.bootstrap_draws > 0).then_some(Bootstrap {
            resamples: options.bootstrap_draws,
            level_percent: 90,
            seed: options.bootstrap_seed,
        }),
        calibration: evaluation.calibration.as_ref().map(|calibration| {
            texts.get("method-calibration", &[("count", &calibration.min_applications.to_string())])
        }),
        agreement: evaluation
            .agreement
            .totals
            .alpha
            .and_then(|alpha| Decimal::try_from(alpha).ok())
            .map(|alpha| {
                let alpha = samvurd_core::format::rounded(alpha, 3);
                Agreement { alpha, interpretation: texts.text(interpretation(alpha)) }
            }),
        weight_changes: Vec::new(),
        method_changes: round
            .method_changes
            .iter()
            .map(|change| {
                // Logged under their bokmål names; a name this version does not know is printed
                // as logged.
                let changed: Vec<String> = change
                    .changed
                    .iter()
                    .map(|name| match MethodPart::from_logged_name(name) {
                        Some(part) => texts.text(&format!("method-part-{}", part.key())),
                        None => name.clone(),
                    })
                    .collect();
                texts.get(
                    "method-change",
                    &[
                        ("date", &change.date.format("%d.%m.%Y").to_string()),
                        ("changed", &changed.join(", ")),
                        ("justification", &change.justification),
                    ],
                )
            })
            .collect(),
    }
}

/// Krippendorff's usual reading of alpha: the id of its sentence in `innstilling.ftl`.
pub(crate) fn interpretation(alpha: Decimal) -> &'static str {
    if alpha >= Decimal::new(8, 1) {
        "agreement-good"
    } else if alpha >= Decimal::new(667, 3) {
        "agreement-acceptable"
    } else if alpha >= Decimal::new(4, 1) {
        "agreement-moderate"
    } else {
        "agreement-low"
    }
}

/// What the answer letters need beyond the innstilling's options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterOptions {
    pub innstilling: InnstillingOptions,
    /// The conditions of a grant; [`samvurd_report::DEFAULT_CONDITIONS`] when absent.
    pub conditions: Option<String>,
    /// The contact line; a sentence pointing to the working group when absent.
    pub contact: Option<String>,
    /// Write the letters from the innstilling before the SSU's vedtak, each marked «Foreløpig».
    /// Without it, letters are refused until the vedtak is recorded.
    pub preliminary: bool,
    /// The round file: a chair's own wording for the letters is read from beside it
    /// ([`wording_file`]).
    pub round_path: Option<PathBuf>,
}

/// What the letters are written from besides the round: the SSU's vedtak and the languages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LetterInputs {
    pub vedtak: Option<Vedtak>,
    pub languages: LanguageChoices,
}

/// The file beside the round whose Fluent messages replace the built-in letter wording in
/// `language`: `runde.samvurd` → `runde.brev.nn.ftl`.
pub fn wording_file(round_path: &Path, language: Language) -> PathBuf {
    let stem = round_path
        .file_stem()
        .map_or_else(|| "runde".to_owned(), |stem| stem.to_string_lossy().into_owned());
    round_path.with_file_name(format!("{stem}.brev.{}.ftl", language.code()))
}

/// The letter texts of every language, each with the chair's own wording laid over it when a
/// file for it lies beside the round.
pub fn letter_texts(round_path: Option<&Path>) -> AppResult<BTreeMap<Language, Texts>> {
    let mut all = BTreeMap::new();
    for language in Language::ALL {
        let own = match round_path.map(|path| wording_file(path, language)) {
            Some(file) if file.exists() => {
                let text = fs::read_to_string(&file).map_err(|error| {
                    AppError::io(format!(
                        "Kunne ikke lese tekstfila «{}»: {error}. Den må være en tekstfil i UTF-8.",
                        file.display()
                    ))
                })?;
                Some((file.display().to_string(), text))
            }
            _ => None,
        };
        let texts = Texts::with_override(
            language,
            own.as_ref().map(|(name, text)| (name.as_str(), text.as_str())),
        )
        .map_err(|error| AppError::invalid(error.0))?;
        all.insert(language, texts);
    }
    Ok(all)
}

/// Where a letter's justification can come from, in the order they are tried: the first that
/// has a text is the letter's «Begrunnelse». Issue 16's consensus assessment slots in as
/// [`JustificationSource::Consensus`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JustificationSource {
    /// The SSU's own note in the vedtak.
    SsuNote(String),
    /// The working group's consensus assessment of the application.
    Consensus(String),
    /// The chair's justification of the recommendation (or of a deviation from the proposal).
    Chair(String),
    /// The engine's reason for the outcome, phrased for the applicant.
    EngineReason(String),
}

impl JustificationSource {
    fn text(&self) -> &str {
        match self {
            JustificationSource::SsuNote(text)
            | JustificationSource::Consensus(text)
            | JustificationSource::Chair(text)
            | JustificationSource::EngineReason(text) => text,
        }
    }
}

/// The letter's justification: the first source, in order, with a text.
pub fn letter_justification(sources: &[JustificationSource]) -> Option<String> {
    sources
        .iter()
        .map(|source| source.text().trim())
        .find(|text| !text.is_empty())
        .map(str::to_owned)
}

impl OpenRound {
    /// One answer letter per application, in the innstilling's order, every outcome and amount
    /// the SSU's vedtak; refused before the vedtak unless `options.preliminary`.
    pub fn answer_letters(&self, options: &LetterOptions) -> AppResult<Vec<AnswerLetter>> {
        let mut options = options.clone();
        options.round_path = options.round_path.or_else(|| Some(self.path().to_path_buf()));
        answer_letters_of(&self.load()?, &self.letter_inputs()?, &options)
    }

    /// The vedtak and the language choices the letters are written from.
    pub fn letter_inputs(&self) -> AppResult<LetterInputs> {
        Ok(LetterInputs { vedtak: self.vedtak()?, languages: self.file().languages()? })
    }

    /// Writes one answer letter per application into `folder` (created when missing), named by
    /// the application's reference, e.g. `VV-2026-007.pdf`. Returns the files in order.
    pub fn write_answer_letters(
        &self,
        folder: &Path,
        options: &LetterOptions,
        generated_at: Option<DateTime<FixedOffset>>,
    ) -> AppResult<Vec<PathBuf>> {
        let mut options = options.clone();
        options.round_path = options.round_path.or_else(|| Some(self.path().to_path_buf()));
        write_answer_letters_of(
            &self.load()?,
            &self.letter_inputs()?,
            folder,
            &options,
            generated_at,
        )
    }
}

impl OpenRound {
    /// Bokmål or nynorsk for the round's letters (logged).
    pub fn set_document_language(&mut self, actor: &str, language: &str) -> AppResult<Language> {
        let language = parse_language(language)?;
        self.apply(actor, samvurd_store::Change::SetDocumentLanguage(language))?;
        Ok(language)
    }

    /// The letter language of one application, from `nb`, `nn`, `se`, or `standard` for the
    /// default (logged).
    pub fn set_letter_language(
        &mut self,
        actor: &str,
        application: &str,
        language: &str,
    ) -> AppResult<Option<Language>> {
        let language = if language.trim().eq_ignore_ascii_case("standard") {
            None
        } else {
            Some(parse_language(language)?)
        };
        self.apply(
            actor,
            samvurd_store::Change::SetLetterLanguage {
                application: ApplicationRef(application.trim().to_owned()),
                language,
            },
        )?;
        Ok(language)
    }

    /// Per application: the letter's language, and the Norwegian copy's when there is one.
    pub fn letter_languages(
        &self,
    ) -> AppResult<Vec<(String, String, samvurd_core::language::LetterLanguages)>> {
        let round = self.load()?;
        let choices = self.file().languages()?;
        Ok(round
            .applications
            .iter()
            .map(|application| {
                (
                    application.reference.to_string(),
                    application.applicant.clone(),
                    choices.for_application(&application.reference, &application.applicant),
                )
            })
            .collect())
    }
}

fn parse_language(text: &str) -> AppResult<Language> {
    Language::parse(text).ok_or_else(|| {
        AppError::invalid(format!(
            "«{}» er ikke et språk Samvurd skriver brev på. Skriv nb (bokmål), nn (nynorsk) eller \
             se (nordsamisk).",
            text.trim()
        ))
    })
}

/// Why the engine gave a rejected application nothing, for the applicant: the rank and what the
/// frame allowed, the requirement not met, or the minimum not reached.
fn engine_reason(
    evaluation: &Evaluation,
    entry: &ApplicationEntry,
    frame: samvurd_core::Money,
    count: usize,
    texts: &Texts,
) -> Option<String> {
    let evaluated = evaluation
        .applications
        .iter()
        .find(|application| application.aggregate.application.as_str() == entry.reference)?;
    let rank = entry.rank.unwrap_or_default().to_string();
    let count = count.to_string();
    match evaluated.award.reason {
        AwardReason::OverFrame => Some(match evaluated.award.remaining_before {
            Some(left) => texts.get(
                "reason-over-frame",
                &[
                    ("rank", &rank),
                    ("count", &count),
                    ("frame", &frame.format()),
                    ("used", &(frame - left).format()),
                    ("left", &left.format()),
                    ("requested", &entry.requested.format()),
                ],
            ),
            None => texts.get(
                "reason-frame-used",
                &[("rank", &rank), ("count", &count), ("frame", &frame.format())],
            ),
        }),
        AwardReason::FailedGate => {
            let failed: Vec<String> = entry
                .failed_gates()
                .map(|gate| match &gate.note {
                    Some(note) => format!("«{}» ({note})", gate.gate),
                    None => format!("«{}»", gate.gate),
                })
                .collect();
            Some(texts.get("reason-failed-gate", &[("gates", &failed.join("; "))]))
        }
        AwardReason::BelowThreshold => Some(texts.text("reason-below-threshold")),
        AwardReason::NotDrawnByLot => Some(texts.text("reason-not-drawn-by-lot")),
        _ => None,
    }
}

/// The answer letters of a round already loaded, from its vedtak (or, marked «Foreløpig», from
/// the innstilling when `options.preliminary`).
pub fn answer_letters_of(
    loaded: &Round,
    inputs: &LetterInputs,
    options: &LetterOptions,
) -> AppResult<Vec<AnswerLetter>> {
    let vedtak = inputs.vedtak.as_ref();
    let all_texts = letter_texts(options.round_path.as_deref())?;
    let preliminary = match vedtak {
        Some(_) => false,
        None if options.preliminary => true,
        None => {
            return Err(AppError::invalid(
                "SSU har ikke fattet vedtak i denne runden ennå, og svarbrevene skal gi SSUs svar. \
                 Registrer vedtaket først («samvurd vedtak», eller «Vedtak» under «Innstilling og brev»). \
                 Trenger dere brev før vedtaket, kan du lage foreløpige brev fra innstillingen \
                 (--preliminary); de merkes «Foreløpig». Ingen brev er skrevet.",
            ));
        }
    };
    let evaluation = evaluate(loaded);
    let date = options.innstilling.date.unwrap_or_else(|| now().date_naive());
    let mut innstilling_options = options.innstilling.clone();
    innstilling_options.language = innstilling_options.language.or(Some(inputs.languages.document));
    if let Some(vedtak) = vedtak {
        innstilling_options.meeting_date = Some(vedtak.meeting_date);
        innstilling_options.case_number = Some(vedtak.case_number.clone());
    }
    let model = build(loaded, &evaluation, &innstilling_options, date);
    let round = &model.round;
    let count = model.applications.len();
    // The names of the bodies, the contact line and the conditions in one language: the
    // chair's own text when given (used as written), otherwise the language's.
    let in_language = |texts: &Texts| {
        let group = options
            .innstilling
            .working_group
            .clone()
            .filter(|text| !text.trim().is_empty())
            .unwrap_or_else(|| texts.text("default-working-group"));
        let body = options
            .innstilling
            .decision_body
            .clone()
            .filter(|text| !text.trim().is_empty())
            .unwrap_or_else(|| texts.text("default-decision-body"));
        let contact =
            options.contact.clone().filter(|text| !text.trim().is_empty()).unwrap_or_else(|| {
                let lowered = samvurd_core::format::lowercase_first(&group);
                if round.helsefellesskap.trim().is_empty() {
                    texts.get("letter-default-contact", &[("group", &lowered)])
                } else {
                    texts.get(
                        "letter-default-contact-at",
                        &[("group", &lowered), ("helsefellesskap", &round.helsefellesskap)],
                    )
                }
            });
        let conditions = options
            .conditions
            .clone()
            .filter(|text| !text.trim().is_empty())
            .unwrap_or_else(|| samvurd_report::default_conditions(texts));
        (group, body, contact, conditions)
    };
    let mut letters = Vec::with_capacity(count);
    for entry in &model.applications {
        let reference = ApplicationRef(entry.reference.clone());
        let decision = vedtak.and_then(|vedtak| vedtak.decision(&reference));
        if vedtak.is_some() && decision.is_none() {
            return Err(AppError::invalid(format!(
                "Vedtaket har ikke noe utfall for søknad {reference}, som ble lagt til etter \
                 vedtaket. Registrer vedtaket på nytt. Ingen brev er skrevet."
            )));
        }
        let (outcome, amount) =
            decision.map_or((entry.outcome, entry.recommended), |d| (d.outcome, d.amount));
        let differs =
            decision.is_some_and(|d| d.outcome != entry.outcome || d.amount != entry.recommended);
        let ssu_note = decision.map(|d| d.note.clone()).unwrap_or_default();
        // When the SSU decided otherwise, only its own note explains the outcome: the working
        // group's reasons were for another outcome.
        let sources_in = |texts: &Texts| {
            if differs {
                vec![JustificationSource::SsuNote(ssu_note.clone())]
            } else {
                let chair = entry.deviation.clone().or_else(|| entry.justification.clone());
                let engine = (outcome == samvurd_core::Outcome::Rejected)
                    .then(|| engine_reason(&evaluation, entry, round.frame, count, texts))
                    .flatten();
                vec![
                    JustificationSource::SsuNote(ssu_note.clone()),
                    // The group's consensus from the meeting, when it was recorded.
                    JustificationSource::Consensus(
                        entry.meeting.consensus.clone().unwrap_or_default(),
                    ),
                    JustificationSource::Chair(chair.unwrap_or_default()),
                    JustificationSource::EngineReason(engine.unwrap_or_default()),
                ]
            }
        };
        let languages = inputs.languages.for_application(&reference, &entry.applicant);
        let texts = &all_texts[&languages.letter];
        let sources = sources_in(texts);
        let copy_sources = languages
            .norwegian_copy
            .map(|language| sources_in(&all_texts[&language]))
            .unwrap_or_default();
        let (group, body, contact, conditions) = in_language(texts);
        let letter = AnswerLetter {
            helsefellesskap: round.helsefellesskap.clone(),
            working_group: group,
            decision_body: body,
            meeting_date: round.meeting_date,
            round_title: round.title.clone(),
            case_number: round.case_number.clone(),
            date: round.date,
            applicant: entry.applicant.clone(),
            reference: entry.reference.clone(),
            title: entry.title.clone(),
            requested: entry.requested,
            outcome,
            amount,
            justification: letter_justification(&sources),
            conditions,
            special_conditions: decision
                .map(|d| d.conditions.clone())
                .filter(|text| !text.trim().is_empty()),
            preliminary,
            language: languages.letter,
            copy_note: None,
            norwegian_copy: false,
            contact,
        };
        match languages.norwegian_copy {
            Some(norwegian) => {
                let copy_texts = &all_texts[&norwegian];
                let (group, body, contact, conditions) = in_language(copy_texts);
                let copy = AnswerLetter {
                    working_group: group,
                    decision_body: body,
                    contact,
                    conditions,
                    language: norwegian,
                    copy_note: Some(copy_texts.text("letter-norwegian-copy")),
                    norwegian_copy: true,
                    justification: letter_justification(&copy_sources),
                    ..letter.clone()
                };
                letters.push(AnswerLetter {
                    copy_note: Some(texts.text("letter-sami-copy-note")),
                    ..letter
                });
                letters.push(copy);
            }
            None => letters.push(letter),
        }
    }
    Ok(letters)
}

/// [`OpenRound::write_answer_letters`] for a round already loaded.
pub fn write_answer_letters_of(
    round: &Round,
    inputs: &LetterInputs,
    folder: &Path,
    options: &LetterOptions,
    generated_at: Option<DateTime<FixedOffset>>,
) -> AppResult<Vec<PathBuf>> {
    let generated_at = generated_at.unwrap_or_else(now);
    let mut options = options.clone();
    options.innstilling.date = options.innstilling.date.or(Some(generated_at.date_naive()));
    refuse_round_file(folder)?;
    let letters = answer_letters_of(round, inputs, &options)?;
    let texts = letter_texts(options.round_path.as_deref())?;
    fs::create_dir_all(folder).map_err(|error| {
        AppError::io(format!("Kunne ikke lage mappen «{}»: {error}", folder.display()))
    })?;
    let mut written = Vec::new();
    let mut taken = std::collections::BTreeSet::new();
    for letter in &letters {
        let bytes =
            samvurd_report::render_answer_letter(letter, &texts[&letter.language], generated_at)?;
        let stem = if letter.norwegian_copy {
            format!("{}-norsk", letter.reference)
        } else {
            letter.reference.clone()
        };
        let path = folder.join(letter_file_name(&stem, &mut taken));
        write_atomically(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

/// A reference as a file name: letters, digits, `-` and `_` kept, anything else `_`.
fn file_stem(reference: &str) -> String {
    reference
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect()
}

/// The letter's file name, unique among `taken` without regard to case: `VV/1` and `VV_1` both
/// make `VV_1`, and Windows and macOS see `vv-1.pdf` and `VV-1.pdf` as one file, so a later
/// one gets `-2`, `-3`, ... rather than overwriting an earlier letter.
pub(crate) fn letter_file_name(
    reference: &str,
    taken: &mut std::collections::BTreeSet<String>,
) -> String {
    let stem = file_stem(reference);
    let mut name = format!("{stem}.pdf");
    let mut counter = 2;
    while !taken.insert(name.to_lowercase()) {
        name = format!("{stem}-{counter}.pdf");
        counter += 1;
    }
    name
}

#[cfg(test)]
mod output_tests {
    use super::*;

    #[test]
    fn letter_names_are_unique_without_regard_to_case() {
        let mut taken = std::collections::BTreeSet::new();
        let names: Vec<String> = ["VV/1", "VV_1", "vv-1", "VV-1", "VV_1-2"]
            .iter()
            .map(|reference| letter_file_name(reference, &mut taken))
            .collect();
        assert_eq!(names, ["VV_1.pdf", "VV_1-2.pdf", "vv-1.pdf", "VV-1-2.pdf", "VV_1-2-2.pdf"]);
    }
}
