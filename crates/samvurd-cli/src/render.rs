//! Plain-text output for people at a terminal. Machine consumers use `--json`.

use rust_decimal::Decimal;
use samvurd_app::core::Member;
use samvurd_app::core::allocation::AwardReason;
use samvurd_app::core::template::{BUILTIN_TEMPLATE_IDS, Template};
use samvurd_app::{AuditEntry, KeyTrust, MergeReport, MergeStatus, Results, RoundOverview};

/// `5.3333…` -> `5,33`: shown with two decimals, compared elsewhere at full precision.
pub fn two_decimals(value: Decimal) -> String {
    samvurd_app::core::format::points(value)
}

/// Lays out rows in columns; `right` marks the columns to right-align (numbers and money).
fn table(header: &[&str], rows: &[Vec<String>], right: &[usize]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|cell| cell.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(index, cell)| {
                let pad = widths[index].saturating_sub(cell.chars().count());
                if right.contains(&index) {
                    format!("{}{cell}", " ".repeat(pad))
                } else {
                    format!("{cell}{}", " ".repeat(pad))
                }
            })
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    let mut lines = vec![line(header.iter().map(|cell| (*cell).to_owned()).collect())];
    lines.push(widths.iter().map(|width| "─".repeat(*width)).collect::<Vec<_>>().join("  "));
    lines.extend(rows.iter().cloned().map(line));
    lines.join("\n")
}

pub fn templates() -> String {
    let rows: Vec<Vec<String>> = BUILTIN_TEMPLATE_IDS
        .iter()
        .filter_map(|id| Template::builtin(id))
        .map(|template| {
            vec![
                template.id.clone(),
                template.name.clone(),
                template.criteria.len().to_string(),
                template.gates.len().to_string(),
            ]
        })
        .collect();
    table(&["ID", "Navn", "Kriterier", "Krav"], &rows, &[2, 3])
}

pub fn members(members: &[Member]) -> String {
    if members.is_empty() {
        return "Ingen medlemmer ennå. Legg til med `samvurd member add`.".to_owned();
    }
    let rows: Vec<Vec<String>> = members
        .iter()
        .map(|member| {
            vec![
                member.id.to_string(),
                member.name.clone(),
                member.organisation.clone(),
                member.role.label().to_owned(),
            ]
        })
        .collect();
    table(&["ID", "Navn", "Organisasjon", "Rolle"], &rows, &[])
}

pub fn overview(overview: &RoundOverview) -> String {
    let round = &overview.round;
    let mut text = format!(
        "{}\n{}\nRamme: {}   Omsøkt: {}   Søknader: {}   Skala: {}{}\n",
        round.title,
        round.helsefellesskap,
        round.budget_frame.format(),
        overview.total_requested.format(),
        overview.applications,
        round.scale.label(),
        if overview.read_only { "   (skrivebeskyttet: bare lesing)" } else { "" },
    );
    let criteria: Vec<Vec<String>> = overview
        .criteria
        .iter()
        .map(|criterion| {
            vec![
                criterion.id.to_string(),
                criterion.name.clone(),
                samvurd_core::format::number(criterion.weight),
                if criterion.allow_not_applicable { "ja" } else { "nei" }.to_owned(),
            ]
        })
        .collect();
    text.push_str("\nKriterier\n");
    text.push_str(&table(&["ID", "Navn", "Vekt", "Ikke relevant tillatt"], &criteria, &[2]));
    text.push_str("\n\nMedlemmer\n");
    if overview.members.is_empty() {
        text.push_str("Ingen ennå.");
    } else {
        let members: Vec<Vec<String>> = overview
            .members
            .iter()
            .map(|progress| {
                vec![
                    progress.member.id.to_string(),
                    progress.member.name.clone(),
                    progress.member.role.label().to_owned(),
                    format!("{} av {}", progress.scores_given, progress.scores_expected),
                ]
            })
            .collect();
        text.push_str(&table(&["ID", "Navn", "Rolle", "Skårer"], &members, &[3]));
    }
    if !overview.recusals.is_empty() {
        text.push_str("\n\nInhabilitet\n");
        for recusal in &overview.recusals {
            text.push_str(&format!(
                "{} i {}: {}\n",
                recusal.member, recusal.application, recusal.reason
            ));
        }
    }
    text.trim_end().to_owned()
}

pub fn results(results: &Results) -> String {
    let rows: Vec<Vec<String>> = results
        .applications
        .iter()
        .map(|application| {
            vec![
                application.rank.map_or_else(|| "–".to_owned(), |rank| rank.to_string()),
                application.reference.clone(),
                application.title.clone(),
                application
                    .total
                    .as_ref()
                    .map_or_else(|| "–".to_owned(), |total| two_decimals(total.round_dp(2))),
                application.amount_requested.format(),
                application.proposed_amount.format(),
                match application.reason {
                    AwardReason::Funded => "",
                    AwardReason::OverFrame => "over rammen",
                    AwardReason::NotRanked => "ikke skåret",
                    AwardReason::PartlyFunded => "delvis",
                    AwardReason::FailedGate => "oppfyller ikke krav",
                    AwardReason::BelowThreshold => "under minstekrav",
                    AwardReason::DrawnByLot => "trukket ut ved loddtrekning",
                    AwardReason::NotDrawnByLot => "ikke trukket ut",
                }
                .to_owned(),
            ]
        })
        .collect();
    let budget = &results.budget;
    format!(
        "{}\n\n{}\n\nRamme {}   Foreslått {}   Gjenstår {}",
        results.round.title,
        table(
            &["Rang", "Søknad", "Tittel", "Total", "Omsøkt", "Foreslått", "Merknad"],
            &rows,
            &[0, 3, 4, 5]
        ),
        budget.frame.format(),
        budget.proposed.format(),
        budget.remaining.format(),
    )
}

pub fn audit_log(log: &[AuditEntry]) -> String {
    log.iter()
        .map(|entry| format!("{}  {}  {}  {}", entry.at, entry.actor, entry.action, entry.detail))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn merge_report(report: &MergeReport) -> String {
    let rows: Vec<Vec<String>> = report
        .files
        .iter()
        .map(|file| {
            let status = match file.status {
                MergeStatus::Merged => "slått sammen",
                MergeStatus::Unchanged => "ingen endring",
                MergeStatus::WouldMerge => "kan slås sammen",
                MergeStatus::Refused => "AVVIST",
            };
            let counts = file.counts.as_ref().map_or_else(String::new, |counts| {
                let older = counts.scores_older + counts.recusals_older;
                format!(
                    "{} nye, {} endret, {} uendret skårer; {} nye, {} endret inhabilitet{}{}",
                    counts.scores_new,
                    counts.scores_updated,
                    counts.scores_unchanged,
                    counts.recusals_new,
                    counts.recusals_updated,
                    if older > 0 {
                        format!("; {older} eldre enn rundens, tas ikke med")
                    } else {
                        String::new()
                    },
                    if counts.scores_on_recused_applications > 0 {
                        format!(
                            "; {} skårer holdes utenfor (inhabil)",
                            counts.scores_on_recused_applications
                        )
                    } else {
                        String::new()
                    }
                )
            });
            let signature = match (file.signature, &file.fingerprint) {
                (Some(KeyTrust::Unsigned), _) => "usignert".to_owned(),
                (Some(KeyTrust::FirstKey), Some(fingerprint)) => format!("{fingerprint} (ny)"),
                (Some(KeyTrust::Trusted), Some(fingerprint)) => fingerprint.clone(),
                _ => String::new(),
            };
            vec![
                file.file.clone(),
                file.member_name.clone().unwrap_or_default(),
                signature,
                status.to_owned(),
                if file.reason.is_some() { "se under".to_owned() } else { counts },
            ]
        })
        .collect();
    let mut text = String::new();
    if report.dry_run {
        text.push_str("Prøvekjøring: ingenting er endret.\n\n");
    }
    text.push_str(&table(&["Fil", "Medlem", "Nøkkel", "Status", "Detaljer"], &rows, &[]));
    for file in &report.files {
        if let Some(reason) = &file.reason {
            text.push_str(&format!("\n\nAvvist: {reason}"));
        }
    }
    if let Some(backup) = &report.backup {
        text.push_str(&format!("\n\nSikkerhetskopi før sammenslåing: {backup}"));
    }
    text
}

/// The vedtak beside the innstilling, one application a line; the differences marked.
pub fn vedtak(view: &samvurd_app::meeting::VedtakView, recorded_now: bool) -> String {
    let mut text = String::new();
    if view.recorded {
        let how = if view.as_recommended { ", vedtatt som innstilt" } else { "" };
        text.push_str(&format!(
            "{} SSUs vedtak {} (sak {}){how}. Runden er låst.\n",
            if recorded_now { "Registrerte" } else { "Registrert:" },
            view.meeting_date,
            view.case_number
        ));
        text.push_str(&format!("{} vedtak er annerledes enn innstillingen.\n\n", view.differences));
    } else {
        text.push_str(
            "SSU har ikke fattet vedtak ennå. Registrer det med --as-recommended eller --change, \
             sammen med --meeting-date og --case-number.\n\n",
        );
    }
    let rows: Vec<Vec<String>> = view
        .rows
        .iter()
        .map(|row| {
            vec![
                row.reference.clone(),
                format!("{} {}", row.recommended_outcome.label(), row.recommended_amount.display),
                match (&row.decided_outcome, &row.decided_amount) {
                    (Some(outcome), Some(amount)) => {
                        format!("{} {}", outcome.label(), amount.display)
                    }
                    _ => "–".to_owned(),
                },
                if row.differs { format!("endret: {}", row.note) } else { String::new() },
            ]
        })
        .collect();
    text.push_str(&table(&["Søknad", "Innstilt", "Vedtatt", "Merknad"], &rows, &[]));
    text
}

pub fn follow_up(view: &samvurd_app::meeting::FollowUpView) -> String {
    use samvurd_app::meeting::ReportStatus;
    let mut text = format!(
        "Per {}: {} forfalt, {} ikke forfalt, {} mottatt.\n\n",
        display_date(&view.as_of),
        view.overdue,
        view.due,
        view.received
    );
    let rows: Vec<Vec<String>> = view
        .reports
        .iter()
        .map(|row| {
            let kind = if row.number > 1 || row.kind == "periodic" || row.kind == "confirmation" {
                format!("{} nr. {}", row.kind_label, row.number)
            } else {
                row.kind_label.clone()
            };
            let status = match (row.status, row.days_overdue, &row.received_on) {
                (ReportStatus::Overdue, Some(days), _) => {
                    format!("forfalt, {days} {}", if days == 1 { "dag" } else { "dager" })
                }
                (ReportStatus::Received, _, Some(on)) => format!("mottatt {}", display_date(on)),
                (status, _, _) => status.label().to_owned(),
            };
            vec![row.reference.clone(), kind, row.due_display.clone(), status]
        })
        .collect();
    if rows.is_empty() {
        text.push_str("Ingen rapporter å følge opp.\n");
    } else {
        text.push_str(&table(&["Søknad", "Rapport", "Forfaller", "Status"], &rows, &[]));
    }
    if !view.grants.is_empty() {
        text.push('\n');
        let rows: Vec<Vec<String>> = view
            .grants
            .iter()
            .map(|grant| {
                vec![
                    grant.reference.clone(),
                    grant.granted.display.clone(),
                    grant.paid_out.display.clone(),
                    grant_use(grant),
                ]
            })
            .collect();
        text.push_str(&table(&["Søknad", "Tildelt", "Utbetalt", "Bruk av midlene"], &rows, &[]));
    }
    text
}

/// «som planlagt», or the deviation and whether the SSU consented.
fn grant_use(grant: &samvurd_app::meeting::FollowUpGrant) -> String {
    match (&grant.deviation, &grant.consent_date_display, &grant.consent_case_number) {
        (None, _, _) => "som planlagt".to_owned(),
        (Some(deviation), Some(date), Some(case)) => {
            format!("avvik: {deviation} (SSUs samtykke {date}, sak {case})")
        }
        (Some(deviation), _, _) => format!("avvik: {deviation} (uten SSUs samtykke)"),
    }
}

/// One grant's money and use after a change.
pub fn follow_up_grant(grant: &samvurd_app::meeting::FollowUpGrant) -> String {
    format!(
        "Søknad {}: tildelt {}, utbetalt {}, {}.\n",
        grant.reference,
        grant.granted.display,
        grant.paid_out.display,
        grant_use(grant)
    )
}

pub fn next_round(made: &samvurd_app::next_round::NextRoundMade) -> String {
    let mut text = format!("{}\n", made.message);
    if !made.candidates.is_empty() {
        let rows: Vec<Vec<String>> = made
            .candidates
            .iter()
            .map(|candidate| {
                vec![
                    candidate.reference.clone(),
                    candidate.title.clone(),
                    format!("{} {}", candidate.outcome, candidate.granted.display),
                    candidate.period_display.clone(),
                    candidate.report_status.clone(),
                ]
            })
            .collect();
        text.push('\n');
        text.push_str(&table(
            &["Søknad i fjor", "Tittel", "Vedtak", "Periode", "Rapporter"],
            &rows,
            &[],
        ));
    }
    text
}

/// `2026-12-15` as `15.12.2026`.
fn display_date(iso: &str) -> String {
    iso.parse::<chrono::NaiveDate>().map_or_else(|_| iso.to_owned(), samvurd_core::format::date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_are_shown_with_two_decimals_and_a_comma() {
        assert_eq!(two_decimals(Decimal::new(53333, 4)), "5,33");
        assert_eq!(two_decimals(Decimal::new(5335, 3)), "5,34");
        assert_eq!(two_decimals(Decimal::from(6)), "6,00");
    }
}
