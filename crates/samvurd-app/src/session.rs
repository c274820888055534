//! The desktop app's session: the one round that is open in the window, behind a mutex, and
//! every use case the screens need as a method that returns a view.
//!
//! The Tauri shell holds one `Session` as managed state and each command is one call into it;
//! nothing here knows about Tauri.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use samvurd_core::template::{BUILTIN_TEMPLATE_IDS, Template};
use samvurd_core::{
    ApplicantSide, Application, ApplicationKind, ApplicationRef, Criterion, CriterionId, MemberId,
    Recusal, Round, Score, ScoreValue,
};
use samvurd_store::{Change, RoundInfoUpdate};

use crate::round::member_progress;
use crate::views::{
    ApplicationInput, ApplicationView, CriterionInput, CriterionView, ExportSummary, GateView,
    ImportPreview, MemberInput, MemberView, NewRoundInput, RoundInfoInput, RoundView, ScaleStep,
    ScoreCell, ScoreCellInput, ScoringApplication, ScoringSheet, TemplateView, show_date,
};
use crate::{
    AppError, AppResult, CreateRound, CriteriaSource, Machine, OpenRound, create_round, parse,
};

/// The open round, if any.
#[derive(Debug, Default)]
pub struct Session {
    round: Mutex<Option<OpenRound>>,
    /// The meeting's undo steps, newest last (see `chair`).
    pub(crate) undo: Mutex<Vec<crate::chair::UndoStep>>,
    /// This machine's own data: who the person is in each round, and their keys.
    machine: Machine,
}

fn no_round() -> AppError {
    AppError::invalid("Ingen søknadsrunde er åpen. Åpne eller lag en runde først.")
}

pub(crate) fn actor(round: &OpenRound) -> String {
    round.identity().ok().flatten().map(|member| member.0).unwrap_or_else(crate::default_actor)
}

pub fn template_views() -> Vec<TemplateView> {
    BUILTIN_TEMPLATE_IDS
        .iter()
        .filter_map(|id| Template::builtin(id))
        .map(|template| {
            let total = template.criteria.iter().map(|criterion| criterion.weight).sum();
            TemplateView {
                id: template.id.clone(),
                name: template.name.clone(),
                helsefellesskap: template.helsefellesskap.clone(),
                description: template.description.clone(),
                scale_min: template.scale.min,
                scale_max: template.scale.max,
                criteria: template
                    .criteria
                    .iter()
                    .map(|criterion| CriterionView::new(criterion, total))
                    .collect(),
                gates: template.gates.iter().map(GateView::new).collect(),
            }
        })
        .collect()
}

pub(crate) fn round_view(open: &OpenRound) -> AppResult<RoundView> {
    let round = open.load()?;
    let total_weight = round.criteria.iter().map(|criterion| criterion.weight).sum();
    let live_scores = round.scores.len();
    let members: Vec<MemberView> = round
        .members
        .iter()
        .map(|member| {
            let (given, expected) = member_progress(&round, &member.id);
            MemberView::new(member, given, expected)
        })
        .collect();
    let identity_id = open.identity()?;
    let identity = identity_id
        .as_ref()
        .and_then(|id| members.iter().find(|member| member.id == id.0).cloned());
    let key_fingerprint = match (open.machine(), &identity_id) {
        (Some(machine), Some(id)) => machine
            .existing_member_key(&round.info.round_id, id)?
            .map(|key| key.public_key().short_fingerprint())
            .unwrap_or_default(),
        _ => String::new(),
    };
    let member_copy = open.copy_kind() == samvurd_store::CopyKind::Member;
    let path = open.path();
    Ok(RoundView {
        path: path.display().to_string(),
        file_name: path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default(),
        read_only: open.is_read_only(),
        locked: open.lock()?.map(|lock| crate::views::LockView {
            at: lock.locked_at_display(),
            by: lock.locked_by,
            reason: lock.reason,
        }),
        title: round.info.title.clone(),
        helsefellesskap: round.info.helsefellesskap.clone(),
        budget_frame: round.info.budget_frame.format_number(),
        budget_frame_display: round.info.budget_frame.format(),
        deadline: round.info.deadline.map(|date| date.to_string()).unwrap_or_default(),
        deadline_display: round.info.deadline.map(show_date).unwrap_or_default(),
        scale_min: round.info.scale.min,
        scale_max: round.info.scale.max,
        scale: scale_steps(&round),
        template_id: round.info.template_id.clone(),
        criteria: round
            .criteria
            .iter()
            .map(|criterion| CriterionView::new(criterion, total_weight))
            .collect(),
        gates: round.gates.iter().map(GateView::new).collect(),
        weights_locked_reason: if live_scores > 0 {
            format!(
                "Vektene og skalaen er låst fordi skåringen har begynt ({live_scores} skårer er gitt)."
            )
        } else {
            String::new()
        },
        members,
        applications: round.applications.iter().map(ApplicationView::new).collect(),
        total_requested_display: round
            .applications
            .iter()
            .map(|application| application.amount_requested)
            .sum::<samvurd_core::Money>()
            .format(),
        identity,
        key_fingerprint,
        member_copy,
        setup_note: if member_copy {
            crate::round::MEMBER_COPY_SETUP_NOTE.to_owned()
        } else {
            String::new()
        },
    })
}

fn scale_steps(round: &Round) -> Vec<ScaleStep> {
    (round.info.scale.min..=round.info.scale.max)
        .map(|value| ScaleStep {
            value,
            label: round.info.scale.descriptor(value).unwrap_or_default().to_owned(),
        })
        .collect()
}

fn application_from_input(input: &ApplicationInput) -> AppResult<Application> {
    let reference = input.reference.trim();
    if reference.is_empty() {
        return Err(AppError::invalid("Søknaden må ha et søknadsnummer."));
    }
    Ok(Application {
        reference: ApplicationRef(reference.to_owned()),
        title: input.title.trim().to_owned(),
        applicant: input.applicant.trim().to_owned(),
        applicant_side: ApplicantSide::parse(&input.applicant_side).ok_or_else(|| {
            AppError::invalid("Velg om ansvarlig søker er kommune, helseforetak eller annet.")
        })?,
        partners: input.partners.trim().to_owned(),
        priority_area: input.priority_area.trim().to_owned(),
        period_start: parse::optional_date(&input.period_start)?,
        period_end: parse::optional_date(&input.period_end)?,
        amount_requested: parse::money_or_zero(&input.amount_requested, "Omsøkt beløp")?,
        own_contribution_kommune: parse::money_or_zero(
            &input.own_contribution_kommune,
            "Egeninnsats kommune",
        )?,
        own_contribution_hf: parse::money_or_zero(&input.own_contribution_hf, "Egeninnsats HF")?,
        summary: input.summary.trim().to_owned(),
        kind: ApplicationKind::parse(&input.kind).unwrap_or(ApplicationKind::New),
    })
}

impl Session {
    pub fn new() -> Session {
        Session::default()
    }

    /// A session whose machine data (identities, keys) is in `machine`.
    pub fn with_machine(machine: Machine) -> Session {
        Session { machine, ..Session::default() }
    }

    pub(crate) fn with<T>(
        &self,
        work: impl FnOnce(&mut OpenRound) -> AppResult<T>,
    ) -> AppResult<T> {
        let mut guard = self
            .round
            .lock()
            .map_err(|_| AppError::invalid("Intern feil: økten er låst. Start Samvurd på nytt."))?;
        let open = guard.as_mut().ok_or_else(no_round)?;
        work(open)
    }

    fn replace(&self, mut open: OpenRound) -> AppResult<RoundView> {
        let actor = std::env::var("USER").unwrap_or_else(|_| "leder".to_owned());
        open.place_on(self.machine.clone(), &actor)?;
        let view = round_view(&open)?;
        let mut guard = self
            .round
            .lock()
            .map_err(|_| AppError::invalid("Intern feil: økten er låst. Start Samvurd på nytt."))?;
        *guard = Some(open);
        self.forget_undo();
        Ok(view)
    }

    pub fn templates(&self) -> Vec<TemplateView> {
        template_views()
    }

    pub fn create_round(&self, input: NewRoundInput) -> AppResult<RoundView> {
        let request = CreateRound {
            path: PathBuf::from(&input.path),
            title: input.title.clone(),
            helsefellesskap: Some(input.helsefellesskap.clone())
                .filter(|text| !text.trim().is_empty()),
            budget_frame: parse::money_or_zero(&input.budget_frame, "Rammen")?,
            deadline: parse::optional_date(&input.deadline)?,
            criteria: CriteriaSource::Template(input.template_id.clone()),
            scale: None,
            aggregation: samvurd_core::Aggregation::Mean,
        };
        let actor = crate::default_actor();
        self.replace(create_round(&request, &actor)?)
    }

    pub fn open_round(&self, path: &str) -> AppResult<RoundView> {
        self.replace(OpenRound::open(Path::new(path))?)
    }

    /// Creates (or reopens) the sample round in `directory` and opens it.
    pub fn open_sample_round(&self, directory: &Path) -> AppResult<RoundView> {
        let path = directory.join("eksempelrunde.samvurd");
        if !path.exists() {
            std::fs::create_dir_all(directory).map_err(|error| {
                AppError::io(format!("Kunne ikke lage «{}»: {error}", directory.display()))
            })?;
            crate::sample::create_sample_round(&path)?;
        }
        self.open_round(&path.display().to_string())
    }

    pub fn close_round(&self) {
        if let Ok(mut guard) = self.round.lock() {
            *guard = None;
        }
        self.forget_undo();
    }

    pub fn round(&self) -> AppResult<RoundView> {
        self.with(|open| round_view(open))
    }

    pub fn update_round_info(&self, input: RoundInfoInput) -> AppResult<RoundView> {
        self.with(|open| {
            open.require_master()?;
            let update = RoundInfoUpdate {
                title: input.title.clone(),
                helsefellesskap: input.helsefellesskap.clone(),
                budget_frame: parse::money_or_zero(&input.budget_frame, "Rammen")?,
                deadline: parse::optional_date(&input.deadline)?,
                scale_min: input.scale_min,
                scale_max: input.scale_max,
            };
            let actor = actor(open);
            open.apply(&actor, Change::UpdateRoundInfo(update))?;
            round_view(open)
        })
    }

    pub fn update_criterion(&self, input: CriterionInput) -> AppResult<RoundView> {
        self.with(|open| {
            open.require_master()?;
            let weight = parse::decimal(&input.weight, "Vekten")?;
            let criterion = Criterion {
                id: CriterionId(input.id.clone()),
                name: input.name.clone(),
                guidance: input.guidance.clone(),
                weight,
                allow_not_applicable: input.allow_not_applicable,
            };
            let actor = actor(open);
            open.apply(&actor, Change::UpdateCriterion(criterion))?;
            round_view(open)
        })
    }

    pub fn add_member(&self, input: MemberInput) -> AppResult<RoundView> {
        self.with(|open| {
            open.require_master()?;
            let actor = actor(open);
            open.add_member(&actor, None, &input.name, &input.organisation, &input.role)?;
            round_view(open)
        })
    }

    /// Reads and checks an import file without saving anything.
    pub fn preview_applications(&self, path: &str) -> AppResult<ImportPreview> {
        self.with(|open| {
            let round = open.load()?;
            let file_name = Path::new(path)
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(match crate::import::read_applications(Path::new(path), &round) {
                Ok(applications) => ImportPreview {
                    file_name,
                    applications: applications.iter().map(ApplicationView::new).collect(),
                    error: None,
                },
                Err(error) => {
                    ImportPreview { file_name, applications: Vec::new(), error: Some(error.into()) }
                }
            })
        })
    }

    pub fn import_applications(&self, path: &str) -> AppResult<RoundView> {
        self.with(|open| {
            open.require_master()?;
            let actor = actor(open);
            open.import_applications(&actor, Path::new(path))?;
            round_view(open)
        })
    }

    /// Saves an application: a new one if its reference is new, else replaces the existing one.
    pub fn save_application(&self, input: ApplicationInput) -> AppResult<RoundView> {
        self.with(|open| {
            open.require_master()?;
            let application = application_from_input(&input)?;
            let exists = open.load()?.application(&application.reference).is_some();
            let actor = actor(open);
            let change = if exists {
                Change::UpdateApplication(application)
            } else {
                Change::AddApplications(vec![application])
            };
            open.apply(&actor, change)?;
            round_view(open)
        })
    }

    /// «Hvem er du?» and «Bytt person»: records on this machine who the person is in this
    /// round (making their signing key the first time), and notes it in the round's log.
    pub fn set_identity(&self, member: Option<String>) -> AppResult<RoundView> {
        self.with(|open| {
            let member = member
                .filter(|member| !member.trim().is_empty())
                .ok_or_else(|| AppError::invalid("Velg hvem du er i lista."))?;
            open.choose_identity(&MemberId(member))?;
            round_view(open)
        })
    }

    fn require_identity(open: &OpenRound) -> AppResult<MemberId> {
        open.identity()?.ok_or_else(|| AppError::invalid("Velg hvem du er før du skårer."))
    }

    pub fn scoring_sheet(&self) -> AppResult<ScoringSheet> {
        self.with(|open| scoring_sheet(open, &Session::require_identity(open)?))
    }

    /// Sets (or, with an empty value, clears) one of the identified member's scores.
    pub fn set_score(&self, input: ScoreCellInput) -> AppResult<ScoringSheet> {
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
            scoring_sheet(open, &member)
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
    let draft = |application: &ApplicationRef, criterion: &CriterionId| {
        drafts
            .iter()
            .find(|(draft_member, draft_application, draft_criterion, _)| {
                draft_member == member_id
                    && draft_application == application
                    && draft_criterion == criterion
            })
            .map(|(_, _, _, justification)| justification.clone())
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
                    let score = round.scores.iter().find(|score| {
                        &score.member == member_id
                            && score.application == application.reference
                            && score.criterion == criterion.id
                    });
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
