//! The merge's screens: the dry run and its result, and the status before the meeting.

use samvurd_core::Round;
use serde::Serialize;
use specta::Type;

use crate::merge::{MergeReport, MergeStatus};
use crate::views::count;

#[derive(Debug, Clone, Serialize, Type)]
pub struct MergeFileView {
    /// The path as chosen, so the screen can merge exactly these files after the dry run.
    pub path: String,
    pub file: String,
    /// SHA-256 of the bytes the preview read; the merge after it takes only these bytes.
    pub content_hash: String,
    /// `would_merge`, `merged`, `unchanged` or `refused`.
    pub status: MergeStatus,
    pub status_label: String,
    pub member_name: String,
    pub scores_new: u32,
    pub scores_updated: u32,
    pub scores_unchanged: u32,
    pub recusals_new: u32,
    pub recusals_updated: u32,
    /// Scores on applications the member is recused from: kept, never counted.
    pub scores_on_recused: u32,
    /// Records older than the round's version of them: not applied.
    pub older: u32,
    /// «usignert», «ny nøkkel» (the first signed file for this member) or «kjent nøkkel»; empty
    /// for a refused file.
    pub signature: String,
    /// The signing key's short fingerprint, to compare with the member on the phone.
    pub fingerprint: String,
    /// Refused because the master trusts another key for this member: «Godta ny nøkkel».
    pub key_conflict: bool,
    /// Why the file was refused; empty otherwise.
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct MergeView {
    pub dry_run: bool,
    /// The backup made before the first change, if anything changed.
    pub backup: Option<String>,
    pub files: Vec<MergeFileView>,
    /// One sentence: what was (or would be) done.
    pub summary: String,
    /// How many files can be merged (dry run) or were merged.
    pub mergeable: u32,
    pub refused: u32,
}

pub(crate) fn merge_view(report: &MergeReport, paths: &[String]) -> MergeView {
    let files: Vec<MergeFileView> = report
        .files
        .iter()
        .zip(paths)
        .map(|(file, path)| {
            let counts = file.counts.clone().unwrap_or_default();
            let (status, status_label) = match file.status {
                MergeStatus::WouldMerge if counts.changes() == 0 => {
                    (file.status, "Ingenting nytt".to_owned())
                }
                MergeStatus::WouldMerge => (file.status, "Klar til å slås sammen".to_owned()),
                MergeStatus::Merged => (file.status, "Slått sammen".to_owned()),
                MergeStatus::Unchanged => (file.status, "Ingenting nytt".to_owned()),
                MergeStatus::Refused => (file.status, "Avvist".to_owned()),
            };
            MergeFileView {
                path: path.clone(),
                file: file.file.clone(),
                content_hash: file.content_hash.clone().unwrap_or_default(),
                status,
                status_label,
                member_name: file.member_name.clone().unwrap_or_default(),
                scores_new: count(counts.scores_new),
                scores_updated: count(counts.scores_updated),
                scores_unchanged: count(counts.scores_unchanged),
                recusals_new: count(counts.recusals_new),
                recusals_updated: count(counts.recusals_updated),
                scores_on_recused: count(counts.scores_on_recused_applications),
                older: count(counts.scores_older + counts.recusals_older),
                signature: match file.signature {
                    Some(samvurd_store::KeyTrust::Unsigned) => "usignert",
                    Some(samvurd_store::KeyTrust::FirstKey) => "ny nøkkel",
                    Some(samvurd_store::KeyTrust::Trusted) => "kjent nøkkel",
                    None => "",
                }
                .to_owned(),
                fingerprint: file.fingerprint.clone().unwrap_or_default(),
                key_conflict: file.key_conflict,
                reason: file.reason.clone().unwrap_or_default(),
            }
        })
        .collect();
    let refused = files.iter().filter(|file| file.status == MergeStatus::Refused).count();
    let mergeable = files.len() - refused;
    let summary = match (report.dry_run, mergeable, refused) {
        (_, 0, 0) => "Ingen filer valgt.".to_owned(),
        (true, 0, _) => "Ingen av filene kan slås sammen. Se grunnen ved hver fil.".to_owned(),
        (true, ok, 0) => {
            format!("{ok} {} kan slås sammen. Ingenting er skrevet ennå.", files_word(ok))
        }
        (true, ok, bad) => format!(
            "{ok} {} kan slås sammen, {bad} blir avvist. Ingenting er skrevet ennå.",
            files_word(ok)
        ),
        (false, ok, bad) => {
            let backup = report
                .backup
                .as_deref()
                .map(|backup| format!(" Sikkerhetskopi før sammenslåingen: {backup}."))
                .unwrap_or_default();
            let refused = if bad > 0 { format!(" {bad} avvist.") } else { String::new() };
            format!("{ok} {} behandlet.{refused}{backup}", files_word(ok))
        }
    };
    MergeView {
        dry_run: report.dry_run,
        backup: report.backup.clone(),
        files,
        summary,
        mergeable: count(mergeable),
        refused: count(refused),
    }
}

fn files_word(count: usize) -> &'static str {
    if count == 1 { "fil" } else { "filer" }
}

// ---- status --------------------------------------------------------------------------------

#[derive(Debug, Clone, Serialize, Type)]
pub struct MergeHistoryEntry {
    pub at: String,
    /// The member's id, so the status screen finds each member's last file even when two
    /// members share a name.
    pub member: String,
    pub actor: String,
    pub file: String,
    pub member_name: String,
    pub summary: String,
    /// True for a file merged without a signature, after the chair confirmed it («usignert»).
    pub unsigned: bool,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct MemberStatus {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub role_label: String,
    pub scores_given: u32,
    pub scores_expected: u32,
    pub percent: u32,
    pub complete: bool,
    pub recusals: u32,
    /// The last score file merged from this member, and when; empty when none has come.
    pub last_file: String,
    pub last_received: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct RecusalView {
    pub member_name: String,
    pub application: String,
    pub application_title: String,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, Type)]
pub struct StatusView {
    pub members: Vec<MemberStatus>,
    pub complete_members: u32,
    pub recusals: Vec<RecusalView>,
    /// Newest first.
    pub history: Vec<MergeHistoryEntry>,
}

/// `2026-11-23T13:05:00.000Z` as `23.11.2026 kl. 14:05` in local time.
pub(crate) fn show_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_owned(),
        |at| at.with_timezone(&chrono::Local).format("%d.%m.%Y kl. %H:%M").to_string(),
    )
}

pub(crate) fn merge_history(
    round: &Round,
    log: &[samvurd_store::AuditEntry],
) -> Vec<MergeHistoryEntry> {
    log.iter()
        .rev()
        .filter(|entry| entry.action == "merge_score_file")
        .map(|entry| {
            let detail: serde_json::Value = serde_json::from_str(&entry.detail).unwrap_or_default();
            let member = detail["member"].as_str().unwrap_or_default();
            let member_name = round
                .members
                .iter()
                .find(|candidate| candidate.id.0 == member)
                .map_or_else(|| member.to_owned(), |member| member.name.clone());
            let counts = &detail["counts"];
            let number = |key: &str| counts[key].as_u64().unwrap_or(0);
            let summary = merged_counts_text(
                number("scores_new"),
                number("scores_updated"),
                number("recusals_new"),
                number("recusals_updated"),
            );
            MergeHistoryEntry {
                at: show_time(&entry.at),
                member: member.to_owned(),
                actor: entry.actor.clone(),
                file: detail["file"].as_str().unwrap_or_default().to_owned(),
                member_name,
                summary,
                unsigned: detail["signature"].as_str() == Some("usignert"),
            }
        })
        .collect()
}

/// What one merge brought in, in Norwegian with singular and plural right and no zero counts:
/// «15 nye skårer og 1 ny inhabilitetserklæring».
fn merged_counts_text(
    scores_new: u64,
    scores_updated: u64,
    recusals_new: u64,
    recusals_updated: u64,
) -> String {
    let parts: Vec<String> = [
        (scores_new, "ny skår", "nye skårer"),
        (scores_updated, "endret skår", "endrede skårer"),
        (recusals_new, "ny inhabilitetserklæring", "nye inhabilitetserklæringer"),
        (recusals_updated, "endret inhabilitetserklæring", "endrede inhabilitetserklæringer"),
    ]
    .into_iter()
    .filter(|(count, _, _)| *count > 0)
    .map(|(count, one, many)| format!("{count} {}", if count == 1 { one } else { many }))
    .collect();
    match parts.as_slice() {
        [] => "ingenting nytt".to_owned(),
        [only] => only.clone(),
        [first @ .., last] => format!("{} og {last}", first.join(", ")),
    }
}

pub(crate) fn status_view(round: &Round, log: &[samvurd_store::AuditEntry]) -> StatusView {
    let history = merge_history(round, log);
    let members: Vec<MemberStatus> = round
        .members
        .iter()
        .map(|member| {
            let (given, expected) = crate::round::member_progress(round, &member.id);
            let percent = (given * 100).checked_div(expected).unwrap_or(100);
            let last = history.iter().find(|entry| entry.member == member.id.0);
            MemberStatus {
                id: member.id.0.clone(),
                name: member.name.clone(),
                organisation: member.organisation.clone(),
                role_label: member.role.label().to_owned(),
                scores_given: count(given),
                scores_expected: count(expected),
                percent: count(percent),
                complete: expected > 0 && given >= expected,
                recusals: count(
                    round.recusals.iter().filter(|recusal| recusal.member == member.id).count(),
                ),
                last_file: last.map(|entry| entry.file.clone()).unwrap_or_default(),
                last_received: last.map(|entry| entry.at.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let recusals = round
        .recusals
        .iter()
        .map(|recusal| RecusalView {
            member_name: round
                .member(&recusal.member)
                .map_or_else(|| recusal.member.0.clone(), |member| member.name.clone()),
            application: recusal.application.0.clone(),
            application_title: round
                .application(&recusal.application)
                .map(|application| application.title.clone())
                .unwrap_or_default(),
            reason: recusal.reason.clone(),
        })
        .collect();
    StatusView {
        complete_members: count(members.iter().filter(|member| member.complete).count()),
        members,
        recusals,
        history,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_merge_in_the_history_says_what_came_in_with_singular_and_plural_right() {
        assert_eq!(merged_counts_text(15, 0, 1, 0), "15 nye skårer og 1 ny inhabilitetserklæring");
        assert_eq!(merged_counts_text(1, 0, 0, 0), "1 ny skår");
        assert_eq!(
            merged_counts_text(2, 1, 0, 3),
            "2 nye skårer, 1 endret skår og 3 endrede inhabilitetserklæringer"
        );
        assert_eq!(merged_counts_text(0, 0, 0, 0), "ingenting nytt");
    }
}
