//! «Videreføring» in the innstilling: the applications that continue last year's grants, with
//! last year's figures beside this year's recommendation, and the grants that got no
//! application this year. Figures only; the report writes the words.

use samvurd_core::Round;
use samvurd_report::{ApplicationEntry, ContinuationRow, ContinuationTable};

/// The table, in the innstilling's (rank) order; `None` for a round not made from a previous one.
pub(crate) fn continuation_table(
    round: &Round,
    applications: &[ApplicationEntry],
) -> Option<ContinuationTable> {
    let continuations = &round.continuations;
    let previous = continuations.previous.as_ref()?;
    let rows = applications
        .iter()
        .filter_map(|entry| {
            let reference = samvurd_core::ApplicationRef(entry.reference.clone());
            let (grant, matched_by) = continuations.of(&reference)?;
            Some(ContinuationRow {
                reference: entry.reference.clone(),
                title: entry.title.clone(),
                continues: grant.reference.0.clone(),
                matched_by,
                last_year_outcome: grant.outcome,
                last_year_granted: grant.granted,
                recommended: entry.recommended,
                reports: grant.reports,
            })
        })
        .collect();
    let without_application = continuations
        .candidates
        .iter()
        .filter(|grant| !continuations.links.iter().any(|link| link.continues == grant.reference))
        .map(|grant| (grant.reference.0.clone(), grant.title.clone()))
        .collect();
    Some(ContinuationTable {
        previous_title: previous.title.clone(),
        previous_file_name: previous.file_name.clone(),
        year: previous.year,
        rows,
        without_application,
    })
}
