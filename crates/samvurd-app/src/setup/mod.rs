//! Set-up: the round's facts, criteria, members and applications (typed in or imported).

pub mod import;

use std::path::PathBuf;

use samvurd_core::template::{BUILTIN_TEMPLATE_IDS, Template};
use samvurd_core::{
    ApplicantSide, Application, ApplicationKind, ApplicationRef, Criterion, CriterionId,
};
use samvurd_store::{Change, RoundInfoUpdate};
use std::path::Path;

use crate::session::actor;
use crate::session::round_view;
use crate::views::{
    ApplicationInput, ApplicationView, CriterionInput, CriterionView, GateView, ImportPreview,
    MemberInput, NewRoundInput, RoundInfoInput, RoundView, TemplateView,
};
use crate::{AppError, AppResult, CreateRound, CriteriaSource, Session, create_round, parse};

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

fn application_from_input(input: &ApplicationInput) -> AppResult<Application> {
    let reference = input.reference.trim();
    if reference.is_empty() {
        return Err(AppError::invalid("Søknaden må ha et søknadsnummer."));
    }
    Ok(Application {
        kommune: None,
        extra: Vec::new(),
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

    /// Corrects a member's name, organisation or role; the id (and so their scores) stays.
    pub fn update_member(&self, id: String, input: MemberInput) -> AppResult<RoundView> {
        self.with(|open| {
            open.require_master()?;
            let actor = actor(open);
            let role = samvurd_core::Role::parse(&input.role)
                .ok_or_else(|| AppError::invalid(format!("Ukjent rolle «{}».", input.role)))?;
            let member = samvurd_core::Member {
                id: samvurd_core::MemberId(id),
                name: input.name.trim().to_owned(),
                organisation: input.organisation.trim().to_owned(),
                role,
            };
            open.apply(&actor, Change::UpdateMember(member))?;
            round_view(open)
        })
    }

    /// Removes a member who has no scores, recusals or key in the round yet.
    pub fn remove_member(&self, id: String) -> AppResult<RoundView> {
        self.with(|open| {
            open.require_master()?;
            let actor = actor(open);
            open.apply(&actor, Change::RemoveMember(samvurd_core::MemberId(id)))?;
            round_view(open)
        })
    }

    /// Reads and checks an import file without saving anything, with the columns the person
    /// chose (`mapping`), or, when that is empty, those saved with the round for the file's form.
    pub fn preview_applications(
        &self,
        path: &str,
        mapping: import::ColumnMapping,
    ) -> AppResult<ImportPreview> {
        self.with(|open| {
            let round = open.load()?;
            let file_name = Path::new(path)
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut used = mapping.clone();
            let mut saved_mapping = false;
            let read = import::read_applications_mapped(Path::new(path), &round, |form| {
                if mapping.is_empty()
                    && let Ok(Some(saved)) = open.import_mapping(form)
                {
                    saved_mapping = !saved.columns.is_empty();
                    used = saved;
                }
                used.clone()
            });
            Ok(match read {
                Ok(read) => ImportPreview {
                    file_name,
                    // The preview shows which applications the import will mark as
                    // «Videreføring», by the same rule the store marks them with.
                    applications: read
                        .applications
                        .iter()
                        .map(|application| {
                            ApplicationView::new(application).with_continuation(
                                samvurd_core::continuation::find(
                                    &round.continuations.candidates,
                                    application,
                                ),
                            )
                        })
                        .collect(),
                    error: None,
                    mapping: used,
                    saved_mapping,
                },
                Err(error) => ImportPreview {
                    file_name,
                    applications: Vec::new(),
                    error: Some(error.into()),
                    mapping: used,
                    saved_mapping,
                },
            })
        })
    }

    /// Imports the file with the columns chosen (or, when none are, those saved for its form);
    /// a choice is saved with the round for the next file from the same form.
    pub fn import_applications(
        &self,
        path: &str,
        mapping: import::ColumnMapping,
    ) -> AppResult<RoundView> {
        self.with(|open| {
            open.require_master()?;
            let actor = actor(open);
            open.import_applications_mapped(&actor, Path::new(path), &mapping)?;
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
            let reference = application.reference.clone();
            let change = if exists {
                Change::UpdateApplication(application)
            } else {
                Change::AddApplications(vec![application])
            };
            let location = stored_document(open.path(), &input.document)?;
            let current = open.file().documents()?.get(reference.as_str()).cloned();
            open.apply(&actor, change)?;
            if location != current {
                open.apply(&actor, Change::SetDocument { application: reference, location })?;
            }
            round_view(open)
        })
    }
}

/// How a document the chair chose is kept: a link as typed; a path inside the round's folder
/// relative to it (so the folder can be moved or sent as a whole), any other path as it is.
fn stored_document(round: &Path, typed: &str) -> AppResult<Option<String>> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Ok(None);
    }
    if is_link(typed) {
        return Ok(Some(typed.to_owned()));
    }
    if typed.contains("://") {
        return Err(AppError::invalid(format!(
            "«{typed}» er verken en fil eller en lenke som begynner med https://. Velg fila på nytt, eller lim inn hele lenken."
        )));
    }
    let path = Path::new(typed);
    if let Some(folder) = round.parent().filter(|folder| !folder.as_os_str().is_empty())
        && let Ok(inside) = path.strip_prefix(folder)
    {
        return Ok(Some(inside.display().to_string()));
    }
    Ok(Some(typed.to_owned()))
}

fn is_link(location: &str) -> bool {
    let lower = location.to_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// The place the system viewer opens for a stored document, or a message saying what to do
/// when the file is not there.
pub(crate) fn resolve_document(round: &Path, location: &str) -> AppResult<String> {
    if is_link(location) {
        return Ok(location.to_owned());
    }
    let path = Path::new(location);
    let full = if path.is_absolute() {
        path.to_owned()
    } else {
        round.parent().unwrap_or_else(|| Path::new(".")).join(path)
    };
    if !full.is_file() {
        return Err(AppError::invalid(format!(
            "Finner ikke søknadsdokumentet «{}». Det skal ligge i {}. Be lederen sende dokumentet, og legg det der, eller åpne det selv fra der du har det.",
            path.file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_else(|| location.to_owned()),
            full.parent().map(|folder| folder.display().to_string()).unwrap_or_default()
        )));
    }
    Ok(full.display().to_string())
}

#[cfg(test)]
mod document_tests {
    use super::{resolve_document, stored_document};
    use std::path::Path;

    #[test]
    fn a_document_beside_the_round_is_kept_relative_and_found_again() {
        let folder = std::env::temp_dir().join(format!("samvurd-doc-{}", std::process::id()));
        std::fs::create_dir_all(folder.join("Søknader")).unwrap();
        let round = folder.join("runde.samvurd");
        let document = folder.join("Søknader").join("VV-2026-001.pdf");
        std::fs::write(&document, b"%PDF-1.4").unwrap();

        let stored = stored_document(&round, &document.display().to_string()).unwrap().unwrap();
        assert_eq!(Path::new(&stored), Path::new("Søknader").join("VV-2026-001.pdf"));
        assert_eq!(resolve_document(&round, &stored).unwrap(), document.display().to_string());

        std::fs::remove_file(&document).unwrap();
        let missing = resolve_document(&round, &stored).unwrap_err().to_string();
        assert!(missing.contains("Finner ikke søknadsdokumentet «VV-2026-001.pdf»"), "{missing}");
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn links_are_kept_as_typed_and_other_schemes_are_refused() {
        let round = Path::new("/tmp/runde.samvurd");
        assert_eq!(
            stored_document(round, " https://example.org/s.pdf ").unwrap().as_deref(),
            Some("https://example.org/s.pdf")
        );
        assert_eq!(stored_document(round, "  ").unwrap(), None);
        assert!(stored_document(round, "file:///etc/passwd").is_err());
        assert!(stored_document(round, "javascript://x").is_err());
    }
}
