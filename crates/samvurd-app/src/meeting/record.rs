//! What the meeting records beside the recommendation: the leader and deputy, who chairs an item
//! the leader is recused from, the group's consensus record per application, and the grey-zone
//! lottery. Both doors build the same typed input through [`crate::parse`]-style helpers here
//! and call the same `OpenRound` method; the rules are the core's (`samvurd_core::meeting`),
//! run by the store inside its write transaction.

use samvurd_core::{ApplicationRef, Consensus, ItemChair, Lottery, MemberId};
use samvurd_store::Change;

use super::Recorded;
use crate::{AppResult, OpenRound};

/// The group's consensus record for one application, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsensusChange(pub Consensus);

impl ConsensusChange {
    /// From what was typed; `minority_members` are member ids (blank entries are dropped).
    pub fn from_text(
        application: &str,
        assessment: &str,
        majority: &str,
        minority: &str,
        minority_members: &[String],
    ) -> Self {
        ConsensusChange(Consensus {
            application: ApplicationRef(application.trim().to_owned()),
            assessment: assessment.trim().to_owned(),
            majority: majority.trim().to_owned(),
            minority: minority.trim().to_owned(),
            minority_members: member_ids(minority_members),
        })
    }
}

/// The chair's decision to draw lots, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotteryChange(pub Lottery);

impl LotteryChange {
    /// From what was typed; `applications` are references, also split on commas (the CLI's
    /// `R2,R3`).
    pub fn from_text(seed: &str, source: &str, applications: &[String]) -> Self {
        LotteryChange(Lottery {
            seed: seed.trim().to_owned(),
            source: source.trim().to_owned(),
            applications: applications
                .iter()
                .flat_map(|text| text.split(','))
                .map(str::trim)
                .filter(|reference| !reference.is_empty())
                .map(|reference| ApplicationRef(reference.to_owned()))
                .collect(),
        })
    }
}

/// Member ids as typed: trimmed, blanks dropped, also split on commas (the CLI's `a,b`).
pub fn member_ids(typed: &[String]) -> Vec<MemberId> {
    typed
        .iter()
        .flat_map(|text| text.split(','))
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| MemberId(id.to_owned()))
        .collect()
}

fn optional_member(text: &str) -> Option<MemberId> {
    let text = text.trim();
    (!text.is_empty()).then(|| MemberId(text.to_owned()))
}

impl OpenRound {
    /// Names the working group's leader and deputy (empty text: none).
    pub fn set_chairs(
        &mut self,
        actor: &str,
        chair: &str,
        deputy: &str,
    ) -> AppResult<Recorded<()>> {
        let before = self.load()?.meeting;
        self.apply(
            actor,
            Change::SetChairs { chair: optional_member(chair), deputy: optional_member(deputy) },
        )?;
        Ok(Recorded {
            value: (),
            restore: vec![Change::SetChairs { chair: before.chair, deputy: before.deputy }],
        })
    }

    /// Chooses who chairs an item the leader is recused from; empty `member` takes it back (the
    /// deputy chairs it again).
    pub fn set_item_chair(
        &mut self,
        actor: &str,
        application: &str,
        member: &str,
    ) -> AppResult<Recorded<()>> {
        let application = ApplicationRef(application.trim().to_owned());
        let before = self
            .file()
            .load()?
            .meeting
            .item_chairs
            .into_iter()
            .find(|item| item.application == application);
        match optional_member(member) {
            Some(member) => self.apply(
                actor,
                Change::SetItemChair(ItemChair { application: application.clone(), member }),
            )?,
            None => self.apply(actor, Change::ClearItemChair(application.clone()))?,
        };
        let restore = before.map_or(Change::ClearItemChair(application), Change::SetItemChair);
        Ok(Recorded { value: (), restore: vec![restore] })
    }

    /// Records the group's consensus for one application (the store checks it).
    pub fn record_consensus(
        &mut self,
        actor: &str,
        change: &ConsensusChange,
    ) -> AppResult<Recorded<()>> {
        let restore = self.restore_consensus(&change.0.application)?;
        self.apply(actor, Change::SetConsensus(change.0.clone()))?;
        Ok(Recorded { value: (), restore: vec![restore] })
    }

    /// Takes the consensus record of one application back.
    pub fn clear_consensus(&mut self, actor: &str, application: &str) -> AppResult<Recorded<()>> {
        let application = ApplicationRef(application.trim().to_owned());
        let restore = self.restore_consensus(&application)?;
        self.apply(actor, Change::ClearConsensus(application))?;
        Ok(Recorded { value: (), restore: vec![restore] })
    }

    fn restore_consensus(&self, application: &ApplicationRef) -> AppResult<Change> {
        Ok(self
            .file()
            .load()?
            .meeting
            .consensus
            .into_iter()
            .find(|existing| &existing.application == application)
            .map_or_else(|| Change::ClearConsensus(application.clone()), Change::SetConsensus))
    }

    /// Draws lots among grey-zone applications (the store checks who may be in it and logs the
    /// seed and the result). Returns the draw as the engine computes it from the seed.
    pub fn draw_lots(
        &mut self,
        actor: &str,
        change: &LotteryChange,
    ) -> AppResult<Recorded<samvurd_core::meeting::LotteryResult>> {
        let before = self.load()?.meeting.lottery;
        self.apply(actor, Change::DrawLots(change.0.clone()))?;
        let drawn = samvurd_core::evaluate(&self.load()?)
            .lottery
            .expect("a lottery just recorded with a checked seed is drawn");
        let restore = before.map_or(Change::ClearLottery, Change::DrawLots);
        Ok(Recorded { value: drawn, restore: vec![restore] })
    }

    /// Takes the lottery back: the ranking's proposal applies again.
    pub fn clear_lottery(&mut self, actor: &str) -> AppResult<Recorded<()>> {
        let before = self.load()?.meeting.lottery;
        self.apply(actor, Change::ClearLottery)?;
        let restore = before.map_or(Change::ClearLottery, Change::DrawLots);
        Ok(Recorded { value: (), restore: vec![restore] })
    }
}
