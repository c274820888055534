//! Creating a round, and everything a chair or member does to an open one.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use samvurd_core::template::Template;
use samvurd_core::{
    Aggregation, ApplicationRef, CriterionId, Member, MemberId, Money, Recusal, Role, Round, Scale,
    Score,
};
use samvurd_store::{Access, Change, CopyKind, NewRound, RoundFile};
use serde::Serialize;

use crate::setup::import;
use crate::setup::import::ColumnMapping;
use crate::{AppError, AppResult};

/// Where a new round's criteria come from.
#[derive(Debug, Clone)]
pub enum CriteriaSource {
    /// One of the templates shipped in `assets/criteria/`, by id.
    Template(String),
    /// A criteria file in the same TOML format (see `docs/criteria-format.md`).
    File(PathBuf),
}

/// What the chair chooses when creating a round.
#[derive(Debug, Clone)]
pub struct CreateRound {
    pub path: PathBuf,
    pub title: String,
    pub helsefellesskap: Option<String>,
    pub budget_frame: Money,
    pub deadline: Option<NaiveDate>,
    pub criteria: CriteriaSource,
    /// Overrides the template's scale, e.g. `(0, 5)`.
    pub scale: Option<(i32, i32)>,
    pub aggregation: Aggregation,
}

/// Loads the template a new round is made from.
pub fn load_template(source: &CriteriaSource) -> AppResult<Template> {
    match source {
        CriteriaSource::Template(id) => Template::builtin(id).ok_or_else(|| {
            AppError::invalid(format!(
                "Finner ingen mal som heter «{id}». Tilgjengelige maler: {}.",
                samvurd_core::template::BUILTIN_TEMPLATE_IDS.join(", ")
            ))
        }),
        CriteriaSource::File(path) => {
            let text = fs::read_to_string(path).map_err(|error| {
                AppError::io(format!("Kunne ikke lese kriteriefila «{}»: {error}", path.display()))
            })?;
            Template::from_toml_str(&text).map_err(|error| {
                AppError::invalid(format!("Kriteriefila «{}»: {error}", path.display()))
            })
        }
    }
}

/// Creates a new round file from a template or criteria file.
pub fn create_round(request: &CreateRound, actor: &str) -> AppResult<OpenRound> {
    let template = load_template(&request.criteria)?;
    let scale = match request.scale {
        Some((min, max)) if (min, max) != (template.scale.min, template.scale.max) => {
            Scale::range(min, max).map_err(|error| AppError::invalid(error.to_string()))?
        }
        _ => template.scale.clone(),
    };
    if request.budget_frame.is_negative() {
        return Err(AppError::invalid("Rammen kan ikke være negativ."));
    }
    let new_round = NewRound {
        title: request.title.clone(),
        helsefellesskap: request
            .helsefellesskap
            .clone()
            .unwrap_or_else(|| template.helsefellesskap.clone()),
        budget_frame: request.budget_frame,
        deadline: request.deadline,
        scale,
        aggregation: request.aggregation,
        template_id: template.id.clone(),
        criteria: template.criteria.clone(),
        gates: template.gates.clone(),
    };
    Ok(OpenRound { file: RoundFile::create(&request.path, &new_round, actor)?, place: None })
}

/// Why set-up is read-only in a member's copy.
pub(crate) const MEMBER_COPY_SETUP_NOTE: &str = "Dette er en medlemskopi av runden, så oppsettet kan ikke endres her. Kriterier, vekter, skala, medlemmer og søknader endres bare i lederens masterfil; endringer i en kopi blir aldri slått sammen. Ta kontakt med lederen hvis noe er feil.";

fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// One score as a person gives it.
#[derive(Debug, Clone)]
pub struct ScoreInput {
    /// Member id or name.
    pub member: String,
    pub application: String,
    /// Criterion id or name.
    pub criterion: String,
    /// A number on the scale, or `IR` / `ikke relevant`.
    pub value: String,
    pub justification: String,
}

/// A short picture of the round, for `samvurd show` and the start screen.
#[derive(Debug, Clone, Serialize)]
pub struct RoundOverview {
    pub path: String,
    pub read_only: bool,
    pub round: samvurd_core::RoundInfo,
    pub criteria: Vec<samvurd_core::Criterion>,
    pub gates: Vec<samvurd_core::Gate>,
    pub members: Vec<MemberProgress>,
    pub applications: usize,
    pub total_requested: Money,
    pub recusals: Vec<Recusal>,
}

/// How far a member has come: scores given out of those expected (recusals excepted).
#[derive(Debug, Clone, Serialize)]
pub struct MemberProgress {
    pub member: Member,
    pub scores_given: usize,
    pub scores_expected: usize,
}

/// What an application import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationsImported {
    pub count: usize,
    /// The mapping saved with the round for this form that the import used, if it used one.
    pub saved_mapping: Option<ColumnMapping>,
}

/// An open round file and the use cases on it.
#[derive(Debug)]
pub struct OpenRound {
    file: RoundFile,
    /// Where it is open: the machine and whether the file is the master or a member's copy
    /// there. Only the desktop session places a round; the CLI names the member itself.
    place: Option<Place>,
}

/// A round as seen from one machine.
#[derive(Debug, Clone)]
struct Place {
    machine: crate::Machine,
    round_id: String,
    kind: CopyKind,
}

impl OpenRound {
    pub fn open(path: &Path) -> AppResult<OpenRound> {
        Ok(OpenRound { file: RoundFile::open(path)?, place: None })
    }

    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// Decides whether this file is the chair's master or a member's copy on `machine`:
    ///
    /// - a file marked as a member's copy is one;
    /// - a file marked as a master is the master only on the installation and at the path it
    ///   was made at (or moved from, when nothing is left there), and a member's copy anywhere
    ///   else (copied by hand, sent by e-mail);
    /// - an unmarked file (from before, or made with the CLI) is a member's copy if the person
    ///   at this machine has already chosen who they are in a copy of this round; otherwise it
    ///   is the master, and is marked as the master here when it can be written.
    pub(crate) fn place_on(&mut self, machine: crate::Machine, actor: &str) -> AppResult<()> {
        let round_id = self.file.info()?.round_id;
        let installation = machine.installation()?;
        let here = canonical(self.path());
        let kind = match self.file.copy_role()? {
            Some(role) if role.kind == CopyKind::Member => CopyKind::Member,
            Some(role) if role.installation == installation => {
                let made_at = canonical(Path::new(&role.path));
                if made_at == here {
                    CopyKind::Master
                } else if !made_at.exists() {
                    // The chair moved or renamed the master on this machine: it is still the
                    // master, now here.
                    if !self.is_read_only() && self.lock()?.is_none() {
                        self.mark_master_here(&installation, &here, actor)?;
                    }
                    CopyKind::Master
                } else {
                    CopyKind::Member
                }
            }
            Some(_) => CopyKind::Member,
            None if machine.identity(&round_id, CopyKind::Member)?.is_some() => CopyKind::Member,
            None => {
                if !self.is_read_only() && self.lock()?.is_none() {
                    self.mark_master_here(&installation, &here, actor)?;
                }
                CopyKind::Master
            }
        };
        self.place = Some(Place { machine, round_id, kind });
        Ok(())
    }

    /// Marks a round just made (by the CLI's `create`) as the master on `machine` at its path,
    /// so that a copy of it sent before the chair ever opens it in the app is a member's copy
    /// everywhere else, never a second master.
    pub fn mark_as_master(&mut self, machine: &crate::Machine, actor: &str) -> AppResult<()> {
        let installation = machine.installation()?;
        let here = canonical(self.path());
        self.mark_master_here(&installation, &here, actor)
    }

    fn mark_master_here(&mut self, installation: &str, here: &Path, actor: &str) -> AppResult<()> {
        self.file.apply(
            actor,
            Change::SetCopyRole {
                kind: CopyKind::Master,
                installation: installation.to_owned(),
                path: here.display().to_string(),
            },
        )?;
        Ok(())
    }

    /// Master or member's copy, as placed; a round opened without a machine (the CLI) is
    /// treated as the master.
    pub fn copy_kind(&self) -> CopyKind {
        self.place.as_ref().map_or(CopyKind::Master, |place| place.kind)
    }

    pub(crate) fn machine(&self) -> Option<&crate::Machine> {
        self.place.as_ref().map(|place| &place.machine)
    }

    /// The member the person at this machine is in this round, if they have chosen. It is
    /// kept on the machine, never in the file.
    pub fn identity(&self) -> AppResult<Option<MemberId>> {
        match &self.place {
            Some(place) => place.machine.identity(&place.round_id, place.kind),
            None => Ok(None),
        }
    }

    /// Records who the person at this machine is (and makes their key), and notes the choice
    /// or the switch in the round's log when the file can be written.
    pub(crate) fn choose_identity(&mut self, member: &MemberId) -> AppResult<()> {
        let place = self.place.clone().ok_or_else(|| {
            AppError::invalid("Intern feil: runden er ikke åpnet i appen. Åpne den på nytt.")
        })?;
        if self.load()?.member(member).is_none() {
            return Err(AppError::invalid(format!("Medlemmet «{member}» finnes ikke i runden.")));
        }
        let previous = self.identity()?;
        place.machine.set_identity(&place.round_id, place.kind, member)?;
        if previous.as_ref() != Some(member) && !self.is_read_only() && self.lock()?.is_none() {
            self.file.apply(
                member.as_str(),
                Change::NoteIdentity { previous, member: member.clone() },
            )?;
        }
        Ok(())
    }

    /// «Lag kopi til medlemmene»: writes a copy of the round at `target`, marked as a member's
    /// copy (it opens on «Hvem er du?» and its set-up is read-only). Only from the master.
    pub fn copy_for_members(&self, actor: &str, target: &Path) -> AppResult<()> {
        self.require_master()?;
        Ok(self.file.copy_for_members(target, actor)?)
    }

    /// «Lag kopier til medlemmene»: one member's copy per member in `folder`, each named by the
    /// member («Kari Nordmann – Tilskudd 2026.samvurd»), so the chair can see which file goes to
    /// whom. Nothing is written when any of the files is there already; a failure half-way
    /// removes the copies this call wrote. Only from the master.
    pub fn copies_for_members(
        &self,
        actor: &str,
        folder: &Path,
    ) -> AppResult<Vec<(Member, PathBuf)>> {
        self.require_master()?;
        let round = self.load()?;
        if round.members.is_empty() {
            return Err(AppError::invalid(
                "Runden har ingen medlemmer ennå. Legg dem til under Oppsett → Arbeidsgruppa først.",
            ));
        }
        if !folder.is_dir() {
            return Err(AppError::invalid(format!(
                "Mappen «{}» finnes ikke. Velg en mappe som finnes.",
                folder.display()
            )));
        }
        let planned: Vec<(Member, PathBuf)> = round
            .members
            .iter()
            .map(|member| {
                let name = file_name_part(&format!("{} – {}", member.name, round.info.title));
                (member.clone(), folder.join(format!("{name}.samvurd")))
            })
            .collect();
        let existing: Vec<String> = planned
            .iter()
            .filter(|(_, path)| path.exists())
            .map(|(_, path)| {
                path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
            })
            .collect();
        if !existing.is_empty() {
            return Err(AppError::invalid(format!(
                "Mappen har allerede {}: {}. Velg en annen mappe, eller flytt de gamle kopiene først.",
                if existing.len() == 1 { "en fil med samme navn" } else { "filer med samme navn" },
                existing.join(", ")
            )));
        }
        let mut written: Vec<&Path> = Vec::new();
        for (_, path) in &planned {
            if let Err(error) = self.file.copy_for_members(path, actor) {
                for done in written {
                    let _ = fs::remove_file(done);
                }
                return Err(error.into());
            }
            written.push(path);
        }
        Ok(planned)
    }

    /// The applications' documents kept beside the master (relative paths), copied beside the
    /// members' copies so «Åpne søknaden» finds them there too. A document already in place is
    /// left alone; one missing beside the master is skipped (the chair sees it in Oppsett).
    /// Returns how many were copied.
    pub fn copy_documents_beside(&self, folder: &Path) -> AppResult<usize> {
        let Some(home) = self.path().parent() else { return Ok(0) };
        let mut copied = 0;
        for location in self.file.documents()?.values() {
            let relative = Path::new(location);
            if relative.is_absolute()
                || location.contains("://")
                || relative.components().any(|part| matches!(part, std::path::Component::ParentDir))
            {
                continue;
            }
            let (source, target) = (home.join(relative), folder.join(relative));
            if !source.is_file() || target.exists() || source == target {
                continue;
            }
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent).map_err(|error| {
                    AppError::invalid(format!(
                        "Kunne ikke lage mappen «{}» ({error}).",
                        parent.display()
                    ))
                })?;
            }
            fs::copy(&source, &target).map_err(|error| {
                AppError::invalid(format!(
                    "Kunne ikke kopiere søknadsdokumentet «{}» til «{}» ({error}).",
                    source.display(),
                    target.display()
                ))
            })?;
            copied += 1;
        }
        Ok(copied)
    }

    /// The name the member's score file is offered under: «Kari Nordmann – skårer – Tilskudd
    /// 2026.json», so ten files on the chair's desk say whose they are.
    pub fn score_file_name(&self, member: &MemberId) -> AppResult<String> {
        let round = self.load()?;
        let name = round.member(member).map(|member| member.name.clone()).unwrap_or_default();
        Ok(format!("{}.json", file_name_part(&format!("{name} – skårer – {}", round.info.title))))
    }

    /// Set-up changes only in the master: in a member's copy they would never be merged.
    pub(crate) fn require_master(&self) -> AppResult<()> {
        if self.copy_kind() == CopyKind::Member {
            return Err(AppError::invalid(MEMBER_COPY_SETUP_NOTE));
        }
        Ok(())
    }

    /// Applies one change through the store's single write path.
    pub(crate) fn apply(
        &mut self,
        actor: &str,
        change: Change,
    ) -> AppResult<samvurd_store::Applied> {
        Ok(self.file.apply(actor, change)?)
    }

    pub(crate) fn file(&self) -> &RoundFile {
        &self.file
    }

    pub(crate) fn file_mut(&mut self) -> &mut RoundFile {
        &mut self.file
    }

    /// Who locked the round and why, when it is locked.
    pub fn lock(&self) -> AppResult<Option<samvurd_store::LockInfo>> {
        Ok(self.file.lock()?)
    }

    pub fn is_read_only(&self) -> bool {
        self.file.access() == Access::ReadOnly
    }

    pub fn load(&self) -> AppResult<Round> {
        Ok(self.file.load()?)
    }

    pub fn add_member(
        &mut self,
        actor: &str,
        id: Option<&str>,
        name: &str,
        organisation: &str,
        role: &str,
    ) -> AppResult<Member> {
        let role = Role::parse(role).ok_or_else(|| {
            AppError::invalid(format!(
                "Ukjent rolle «{role}». Bruk en av: {}.",
                Role::ALL.map(Role::as_str).join(", ")
            ))
        })?;
        let id = match id {
            Some(id) => id.to_owned(),
            None => member_key(name),
        };
        let member = Member {
            id: MemberId(id),
            name: name.trim().to_owned(),
            organisation: organisation.trim().to_owned(),
            role,
        };
        self.file.apply(actor, Change::AddMember(member.clone()))?;
        Ok(member)
    }

    pub fn members(&self) -> AppResult<Vec<Member>> {
        Ok(self.file.members()?)
    }

    /// Imports applications from a CSV or XLSX file, all or nothing, with the columns saved for
    /// the file's form if there are any. Returns how many.
    pub fn import_applications(&mut self, actor: &str, source: &Path) -> AppResult<usize> {
        Ok(self.import_applications_mapped(actor, source, &ColumnMapping::default())?.count)
    }

    /// The columns saved with the round for application imports from `form`.
    pub fn import_mapping(&self, form: &str) -> AppResult<Option<ColumnMapping>> {
        Ok(self.file.import_mapping(form)?.map(|columns| ColumnMapping {
            columns: columns
                .into_iter()
                .map(|(field, header)| import::ColumnChoice { field, header })
                .collect(),
        }))
    }

    /// Imports applications with the columns the person chose (`mapping`), all or nothing. A
    /// chosen mapping is saved with the round for the file's form, after the applications, and
    /// an empty one takes the mapping saved for that form, if any.
    pub fn import_applications_mapped(
        &mut self,
        actor: &str,
        source: &Path,
        mapping: &ColumnMapping,
    ) -> AppResult<ApplicationsImported> {
        let round = self.file.load()?;
        let mut saved_mapping = None;
        let read = import::read_applications_mapped(source, &round, |form| {
            if !mapping.is_empty() {
                return mapping.clone();
            }
            match self.import_mapping(form) {
                Ok(Some(saved)) => {
                    saved_mapping = Some(saved.clone());
                    saved
                }
                _ => ColumnMapping::default(),
            }
        })?;
        let count = self.file.apply(actor, Change::AddApplications(read.applications))?.records;
        if !mapping.is_empty() {
            let columns = mapping
                .columns
                .iter()
                .map(|choice| (choice.field.clone(), choice.header.clone()))
                .collect();
            self.file.apply(actor, Change::SaveImportMapping { form: read.form, columns })?;
        }
        Ok(ApplicationsImported { count, saved_mapping })
    }

    /// Imports scores from a CSV file, all or nothing. Returns how many.
    pub fn import_scores(&mut self, actor: &str, source: &Path) -> AppResult<usize> {
        let round = self.file.load()?;
        let bytes = read_file(source)?;
        let scores = import::parse_scores_csv(&bytes, &file_name(source), &round)?;
        Ok(self.file.apply(actor, Change::SetScores(scores))?.records)
    }

    /// Imports recusals from a CSV file, all or nothing. Returns how many.
    pub fn import_recusals(&mut self, actor: &str, source: &Path) -> AppResult<usize> {
        let round = self.file.load()?;
        let bytes = read_file(source)?;
        let recusals = import::parse_recusals_csv(&bytes, &file_name(source), &round)?;
        Ok(self.file.apply(actor, Change::DeclareRecusals(recusals))?.records)
    }

    /// Sets one score. The member and criterion may be given by id or by name.
    pub fn set_score(&mut self, actor: &str, input: &ScoreInput) -> AppResult<Score> {
        let round = self.file.load()?;
        let member = resolve_member(&round, &input.member)?;
        let criterion = resolve_criterion(&round, &input.criterion)?;
        let value = crate::parse::score_value(&input.value)?;
        let score = Score {
            member,
            application: resolve_application(&round, &input.application),
            criterion,
            value,
            justification: input.justification.trim().to_owned(),
        };
        self.file.apply(actor, Change::SetScores(vec![score.clone()]))?;
        Ok(score)
    }

    /// Clears a score (kept as a tombstone in the file).
    pub fn clear_score(
        &mut self,
        actor: &str,
        member: &str,
        application: &str,
        criterion: &str,
    ) -> AppResult<()> {
        let round = self.file.load()?;
        let change = Change::ClearScore {
            member: resolve_member(&round, member)?,
            application: resolve_application(&round, application),
            criterion: resolve_criterion(&round, criterion)?,
        };
        self.file.apply(actor, change)?;
        Ok(())
    }

    /// Declares a member's conflict of interest for one application.
    pub fn declare_recusal(
        &mut self,
        actor: &str,
        member: &str,
        application: &str,
        reason: &str,
    ) -> AppResult<Recusal> {
        let round = self.file.load()?;
        let recusal = Recusal {
            member: resolve_member(&round, member)?,
            application: resolve_application(&round, application),
            reason: reason.trim().to_owned(),
        };
        self.file.apply(actor, Change::DeclareRecusals(vec![recusal.clone()]))?;
        Ok(recusal)
    }

    pub fn overview(&self) -> AppResult<RoundOverview> {
        let round = self.file.load()?;
        let members = round
            .members
            .iter()
            .map(|member| {
                let (scores_given, scores_expected) = member_progress(&round, &member.id);
                MemberProgress { member: member.clone(), scores_given, scores_expected }
            })
            .collect();
        Ok(RoundOverview {
            path: self.file.path().display().to_string(),
            read_only: self.is_read_only(),
            total_requested: round
                .applications
                .iter()
                .map(|application| application.amount_requested)
                .sum(),
            applications: round.applications.len(),
            round: round.info,
            criteria: round.criteria,
            gates: round.gates,
            members,
            recusals: round.recusals,
        })
    }

    pub fn audit_log(&self) -> AppResult<Vec<samvurd_store::AuditEntry>> {
        Ok(self.file.audit_log()?)
    }

    pub fn results(&self) -> AppResult<crate::Results> {
        Ok(crate::results::compute(&self.file.load()?))
    }
}

/// A member's scores given and expected. Scores on applications the member is recused from
/// count for neither.
pub(crate) fn member_progress(round: &Round, member: &MemberId) -> (usize, usize) {
    let recused = round.recusals.iter().filter(|recusal| &recusal.member == member).count();
    let given = round
        .scores
        .iter()
        .filter(|score| &score.member == member && !round.is_recused(member, &score.application))
        .count();
    (given, round.applications.len().saturating_sub(recused) * round.criteria.len())
}

/// Text made safe as part of a file name on Windows, macOS and Linux: the characters those
/// systems refuse become «-», and the name is trimmed of dots and spaces at the ends.
pub(crate) fn file_name_part(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|character| match character {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            character if character.is_control() => ' ',
            character => character,
        })
        .collect();
    let trimmed =
        cleaned.trim_matches(|character: char| character == '.' || character.is_whitespace());
    if trimmed.is_empty() { "runde".to_owned() } else { trimmed.to_owned() }
}

/// A key for a member from their name: `Kari Nordmann` -> `kari-nordmann`.
fn member_key(name: &str) -> String {
    let mut key = String::new();
    for character in name.trim().to_lowercase().chars() {
        let mapped = match character {
            'æ' => "ae".to_owned(),
            'ø' => "o".to_owned(),
            'å' => "a".to_owned(),
            'á' | 'à' => "a".to_owned(),
            'č' => "c".to_owned(),
            'đ' => "d".to_owned(),
            'ŋ' => "n".to_owned(),
            'š' => "s".to_owned(),
            'ŧ' => "t".to_owned(),
            'ž' => "z".to_owned(),
            'ï' => "i".to_owned(),
            'é' | 'è' => "e".to_owned(),
            character if character.is_ascii_alphanumeric() => character.to_string(),
            _ => "-".to_owned(),
        };
        key.push_str(&mapped);
    }
    let collapsed: Vec<&str> = key.split('-').filter(|part| !part.is_empty()).collect();
    collapsed.join("-")
}

pub(crate) fn resolve_member(round: &Round, text: &str) -> AppResult<MemberId> {
    let text = text.trim();
    round
        .members
        .iter()
        .find(|member| {
            member.id.as_str() == text
                || member.name.eq_ignore_ascii_case(text)
                || member.name.to_lowercase() == text.to_lowercase()
        })
        .map(|member| member.id.clone())
        .ok_or_else(|| {
            let known: Vec<&str> = round.members.iter().map(|member| member.id.as_str()).collect();
            AppError::invalid(format!(
                "Finner ikke medlemmet «{text}». Medlemmer i runden: {}.",
                if known.is_empty() { "ingen ennå".to_owned() } else { known.join(", ") }
            ))
        })
}

/// The stored reference that `text` names, compared without regard to case (`vv-1` is
/// `VV-1`), as everywhere else; an unknown one is passed on as typed for the store to refuse.
pub(crate) fn resolve_application(round: &Round, text: &str) -> ApplicationRef {
    let text = text.trim();
    round
        .applications
        .iter()
        .map(|application| &application.reference)
        .find(|reference| reference.as_str() == text)
        .or_else(|| {
            let lowered = text.to_lowercase();
            round
                .applications
                .iter()
                .map(|application| &application.reference)
                .find(|reference| reference.as_str().to_lowercase() == lowered)
        })
        .cloned()
        .unwrap_or_else(|| ApplicationRef(text.to_owned()))
}

fn resolve_criterion(round: &Round, text: &str) -> AppResult<CriterionId> {
    let text = text.trim();
    round
        .criteria
        .iter()
        .find(|criterion| {
            criterion.id.as_str() == text || criterion.name.to_lowercase() == text.to_lowercase()
        })
        .map(|criterion| criterion.id.clone())
        .ok_or_else(|| {
            let known: Vec<&str> =
                round.criteria.iter().map(|criterion| criterion.id.as_str()).collect();
            AppError::invalid(format!(
                "Finner ikke kriteriet «{text}». Kriterier i runden: {}.",
                known.join(", ")
            ))
        })
}

/// Who makes a change when nobody said: the login name, or «ukjent». The one default of both
/// doors (the desktop uses the round's chosen member first).
pub fn default_actor() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .ok()
        .filter(|name| !name.trim().is_empty())
        .unwrap_or_else(|| "ukjent".to_owned())
}

fn read_file(path: &Path) -> AppResult<Vec<u8>> {
    fs::read(path)
        .map_err(|error| AppError::io(format!("Kunne ikke lese «{}»: {error}", path.display())))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| path.display().to_string(), |name| name.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_keys_are_made_from_names_with_norwegian_and_sami_letters() {
        assert_eq!(member_key("Kari Nordmann"), "kari-nordmann");
        assert_eq!(member_key("  Bjørn Ås-Ødegård "), "bjorn-as-odegard");
        assert_eq!(member_key("Máret Čoavddáš"), "maret-coavddas");
    }
}
