//! The innstilling as plain data: every figure, name and sentence the PDF shows, already
//! computed. The report never calculates a total, a rank or an amount of its own; it only lays
//! out what the engine (through samvurd-app) put here, so the PDF cannot disagree with the
//! engine. Fields the engine does not produce yet (rank intervals, flags, gates, bootstrap,
//! agreement) are optional and rendered when present.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use samvurd_core::language::Language;
use samvurd_core::{Aggregation, Money, Outcome};

use crate::Texts;

/// The working group's recommendation to the SSU for one round.
#[derive(Debug, Clone, PartialEq)]
pub struct Innstilling {
    /// Bokmål or nynorsk: every text the report adds is this language's (`innstilling.ftl`),
    /// and the PDF's `/Lang` is its tag.
    pub language: Language,
    pub round: RoundFacts,
    /// The chair's own summary, shown on the cover under the generated one.
    pub summary: Option<String>,
    /// The proposed resolution for the SSU («Forslag til vedtak»); a standard wording built from
    /// the figures is used when absent.
    pub proposed_resolution: Option<String>,
    /// All applications in rank order; unranked ones last.
    pub applications: Vec<ApplicationEntry>,
    /// Totals per group: by responsible side (kommune / helseforetak), by priority area.
    pub group_totals: Vec<GroupTotals>,
    pub method: Method,
    pub members: Vec<Member>,
    /// The grey-zone lottery, explained in the method appendix; `None` without one.
    pub lottery: Option<LotteryAppendix>,
    /// Last year's grants that continue into this round («Ny runde fra denne»); `None` for a
    /// round not made from a previous one.
    pub continuations: Option<ContinuationTable>,
    /// The public version (offentleglova): member-level information is left out, and each place
    /// says so with this ground. `None` is the full innstilling.
    pub public: Option<PublicVersion>,
}

/// The round's link to the previous round and the applications that continue its grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContinuationTable {
    pub previous_title: String,
    pub previous_file_name: String,
    /// The year this round is for.
    pub year: i32,
    /// This round's applications that continue a grant, in rank order.
    pub rows: Vec<ContinuationRow>,
    /// Last year's grants running into this year that no application continues: (reference,
    /// title).
    pub without_application: Vec<(String, String)>,
}

/// One application that continues last year's grant, with last year's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContinuationRow {
    pub reference: String,
    pub title: String,
    /// Last year's reference.
    pub continues: String,
    /// Matched to last year's grant by its reference or by its title.
    pub matched_by: samvurd_core::continuation::MatchedBy,
    pub last_year_outcome: Outcome,
    pub last_year_granted: Money,
    /// What the working group recommends this year.
    pub recommended: Money,
    /// Last year's reports as counted the day this round was made; `None` when the follow-up
    /// was never opened in the previous round.
    pub reports: Option<samvurd_core::continuation::ReportTally>,
}

/// What the public version withholds under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicVersion {
    /// The legal ground, e.g. «offl. § 13 jf. fvl. § 13 første ledd nr. 1».
    pub ground: String,
}

/// The ground for withholding personal information in the public version, unless the round
/// states its own.
pub const DEFAULT_WITHHELD_GROUND: &str = "offl. § 13 jf. fvl. § 13 første ledd nr. 1";

impl PublicVersion {
    /// «Unntatt offentlighet, offl. § 13 jf. fvl. § 13 første ledd nr. 1», in the language of
    /// `texts`.
    pub fn withheld(&self, texts: &Texts) -> String {
        texts.get("withheld", &[("ground", self.ground.trim())])
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoundFacts {
    pub helsefellesskap: String,
    /// The round's title, e.g. «Rekrutterings- og samhandlingstilskudd 2026».
    pub title: String,
    /// Who the innstilling is from, e.g. «Arbeidsgruppen for samhandlingstilskudd».
    pub working_group: String,
    /// Who decides, e.g. «Strategisk samarbeidsutvalg (SSU)».
    pub decision_body: String,
    /// The archive's case number; an empty field to fill in by hand is printed when absent.
    pub case_number: Option<String>,
    /// The date of the innstilling.
    pub date: NaiveDate,
    pub deadline: Option<NaiveDate>,
    pub meeting_date: Option<NaiveDate>,
    pub frame: Money,
    pub total_requested: Money,
    pub total_recommended: Money,
    pub remaining: Money,
    pub scale_min: i32,
    pub scale_max: i32,
}

/// Which party is responsible for (leads) an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Kommune,
    Helseforetak,
}

impl Side {
    /// «Kommune», «Helseforetak» in the language of `texts`.
    pub fn label(self, texts: &Texts) -> String {
        texts.text(match self {
            Side::Kommune => "side-kommune",
            Side::Helseforetak => "side-helseforetak",
        })
    }
}

/// A marker the engine sets for the SSU's attention.
#[derive(Debug, Clone, PartialEq)]
pub enum Flag {
    /// The members' scores on these criteria lie far apart.
    Disagreement {
        criteria: Vec<String>,
    },
    /// The rank was decided by this step of the tie ladder.
    TieBroken {
        rule: TieRule,
    },
    /// Fewer scores than members who could score it.
    FewScores,
    /// This member's total lies far from the rest of the group's. The public version names no
    /// member.
    MemberDeviation {
        member: String,
    },
    /// Equal totals that the tie ladder does not separate: the applications share a place.
    SharedPlace,
    /// Fewer members scored the application than the quorum asks for.
    BelowQuorum,
    Other(String),
}

/// The step of the tie ladder that separated two applications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TieRule {
    /// The higher score on this criterion.
    Criterion(String),
    /// The lower requested amount.
    LowerRequestedAmount,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApplicationEntry {
    pub reference: String,
    pub title: String,
    pub applicant: String,
    pub partners: Vec<String>,
    pub side: Option<Side>,
    pub priority_area: Option<String>,
    pub summary: Option<String>,
    pub requested: Money,
    /// What the working group recommends.
    pub recommended: Money,
    pub outcome: Outcome,
    /// What the computed allocation proposed, before the chair's adjustments.
    pub computed: Money,
    /// `T(a)`, or `None` when nobody gave a numeric score.
    pub total: Option<Decimal>,
    /// An uncertainty interval for the total (bootstrap), when computed.
    pub total_interval: Option<(Decimal, Decimal)>,
    pub rank: Option<u32>,
    /// The ranks the application takes in most resamples (bootstrap), when computed.
    pub rank_interval: Option<(u32, u32)>,
    pub criteria: Vec<CriterionResult>,
    pub gates: Vec<GateCheck>,
    /// Names of the members who were recused (inhabile) for this application.
    pub recusals: Vec<String>,
    /// The chair's justification of the recommendation.
    pub justification: Option<String>,
    /// Why the recommendation differs from the computed proposal; present exactly when the
    /// chair changed the outcome or the amount.
    pub deviation: Option<String>,
    pub flags: Vec<Flag>,
    /// What the meeting recorded for the application.
    pub meeting: MeetingEntry,
}

/// What the meeting recorded for one application; every part optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeetingEntry {
    /// Who chaired the item when the leader was recused, as a sentence.
    pub chaired_by: Option<String>,
    /// The group's consensus assessment.
    pub consensus: Option<String>,
    /// Where the group did not agree: the majority's view.
    pub majority: Option<String>,
    /// The minority's view and the names of the members who hold it.
    pub minority: Option<(String, Vec<String>)>,
    /// «Trukket ut ved loddtrekning …» or «Ikke trukket ut …», when it was in the draw.
    pub lottery: Option<String>,
    /// Why the application is below quorum, when it is.
    pub below_quorum: Option<String>,
}

/// The lottery as the method appendix states it.
#[derive(Debug, Clone, PartialEq)]
pub struct LotteryAppendix {
    /// The seed text as typed, and where it comes from.
    pub seed_text: String,
    pub source: String,
    pub seed: u64,
    /// The applications in the draw, in rank order.
    pub candidates: Vec<String>,
    /// In drawn order: reference, title, amount, drawn.
    pub draw: Vec<(String, String, Money, bool)>,
    pub available: Money,
    pub allocated: Money,
}

impl ApplicationEntry {
    pub fn deviates(&self) -> bool {
        self.deviation.is_some() || self.recommended != self.computed
    }

    pub fn failed_gates(&self) -> impl Iterator<Item = &GateCheck> {
        self.gates.iter().filter(|gate| !gate.passed)
    }
}

/// One criterion's result for one application.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionResult {
    pub criterion: String,
    pub weight: Decimal,
    /// `S(a, c)`, or `None` without numeric scores.
    pub value: Option<Decimal>,
    /// The counted numeric scores, one per member who scored (recused members left out).
    pub scores: Vec<i32>,
    pub not_applicable: usize,
    pub recused_excluded: usize,
    /// The scores lie so far apart that the group should discuss them.
    pub disagreement: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GateCheck {
    pub gate: String,
    pub passed: bool,
    pub note: Option<String>,
}

/// Totals of one grouping, e.g. «Fordeling på ansvarlig part».
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTotals {
    pub heading: String,
    pub rows: Vec<GroupTotal>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupTotal {
    pub label: String,
    pub applications: usize,
    pub requested: Money,
    pub recommended: Money,
}

/// What the method appendix says.
#[derive(Debug, Clone, PartialEq)]
pub struct Method {
    pub criteria: Vec<CriterionDescription>,
    pub scale: Vec<ScaleStep>,
    pub aggregation: Aggregation,
    pub gates: Vec<GateDescription>,
    /// The tie ladder, step by step, in words.
    pub tie_ladder: Vec<String>,
    /// A criterion is flagged when the range of its scores reaches this.
    pub disagreement_range: Option<Decimal>,
    pub bootstrap: Option<Bootstrap>,
    /// How calibration was used, in words, when it was.
    pub calibration: Option<String>,
    pub agreement: Option<Agreement>,
    /// Logged chair actions that changed weights after scoring began.
    pub weight_changes: Vec<String>,
    /// Justified changes of method (aggregation, calibration, partial funding, thresholds, tie
    /// ladder) after scoring began, one sentence each, oldest first.
    pub method_changes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CriterionDescription {
    pub name: String,
    pub weight: Decimal,
    pub guidance: String,
    pub not_applicable_allowed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScaleStep {
    pub value: i32,
    pub descriptor: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GateDescription {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Bootstrap {
    pub resamples: u32,
    /// The interval's coverage in percent, e.g. 90.
    pub level_percent: u32,
    pub seed: u64,
}

/// Inter-rater agreement (Krippendorff's alpha).
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    pub alpha: Decimal,
    pub interpretation: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub organisation: String,
    /// The role as shown, e.g. «Kommune», «Helseforetak», «Brukerrepresentant».
    pub role: String,
    pub chair: bool,
}
