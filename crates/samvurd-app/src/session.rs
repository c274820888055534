//! The desktop app's session: the one round that is open in the window (behind a mutex), who
//! the person at this machine is in it, and the meeting's undo stack.
//!
//! The Tauri shell holds one `Session` as managed state and each command is one call into it;
//! nothing here knows about Tauri. The use cases themselves are `impl Session` blocks in their
//! feature modules (`setup`, `scoring`, `merge`, `results`, `meeting`, `documents`), each
//! returning the view its screen shows next.
//!
//! Undo: every meeting change (an option, a gate answer, a recommendation) pushes the change
//! that restores what was there before; «Angre» applies it through the same audited write path,
//! so the log shows both the change and its undoing. The stack lives as long as the round is
//! open in the window.

use std::path::Path;
use std::sync::Mutex;

use samvurd_core::Round;
use samvurd_store::Change;

use crate::results::DashboardView;
use crate::round::member_progress;
use crate::views::{
    ApplicationView, CriterionView, GateView, MemberView, RoundView, ScaleStep, show_date,
};
use crate::{AppError, AppResult, Machine, OpenRound};
use samvurd_core::MemberId;

/// The open round, if any.
#[derive(Debug, Default)]
pub struct Session {
    pub(crate) round: Mutex<Option<OpenRound>>,
    /// The meeting's undo steps, newest last (see `chair`).
    pub(crate) undo: Mutex<Vec<UndoStep>>,
    /// This machine's own data: who the person is in each round, and their keys.
    pub(crate) machine: Machine,
}

fn no_round() -> AppError {
    AppError::invalid("Ingen søknadsrunde er åpen. Åpne eller lag en runde først.")
}

pub(crate) fn actor(round: &OpenRound) -> String {
    round.identity().ok().flatten().map(|member| member.0).unwrap_or_else(crate::default_actor)
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
        applications: {
            let documents = open.file().documents()?;
            round
                .applications
                .iter()
                .map(|application| {
                    ApplicationView::new(application)
                        .with_document(documents.get(application.reference.as_str()))
                        .with_continuation(round.continuations.of(&application.reference))
                })
                .collect()
        },
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
        vedtak_recorded: open.file().vedtak()?.is_some(),
    })
}

pub(crate) fn scale_steps(round: &Round) -> Vec<ScaleStep> {
    (round.info.scale.min..=round.info.scale.max)
        .map(|value| ScaleStep {
            value,
            label: round.info.scale.descriptor(value).unwrap_or_default().to_owned(),
        })
        .collect()
}

/// One undoable step: what it did, and the changes that restore the state before it.
#[derive(Debug, Clone)]
pub(crate) struct UndoStep {
    label: String,
    restore: Vec<Change>,
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

    pub(crate) fn replace(&self, mut open: OpenRound) -> AppResult<RoundView> {
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
}

// ---- undo ----------------------------------------------------------------------------------

impl Session {
    pub(crate) fn undo_label(&self) -> Option<String> {
        self.undo.lock().ok().and_then(|stack| stack.last().map(|step| step.label.clone()))
    }

    pub(crate) fn push_undo(&self, label: String, restore: Vec<Change>) {
        if let Ok(mut stack) = self.undo.lock() {
            stack.push(UndoStep { label, restore });
        }
    }

    pub(crate) fn forget_undo(&self) {
        if let Ok(mut stack) = self.undo.lock() {
            stack.clear();
        }
    }

    /// Takes back the last meeting change, through the store's write path and its checks.
    pub fn undo(&self) -> AppResult<DashboardView> {
        self.with(|open| {
            let step = self
                .undo
                .lock()
                .ok()
                .and_then(|mut stack| stack.pop())
                .ok_or_else(|| AppError::invalid("Det er ingen endring å angre."))?;
            if let Err(error) = open.restore(&actor(open), &step.restore) {
                self.push_undo(step.label, step.restore);
                return Err(error);
            }
            self.dashboard_of(open)
        })
    }

    /// The open round as it is now, read under the lock; the slow work that follows (the engine,
    /// a PDF, a spreadsheet) runs on this copy without holding the session, so the window can
    /// go on asking for other things meanwhile.
    pub(crate) fn snapshot(&self) -> AppResult<Round> {
        self.with(|open| open.load())
    }
}
