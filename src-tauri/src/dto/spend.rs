//! Spend against cap and funnels across IPC.

use serde::Serialize;
use switchboard_core::audience::Problem;
use switchboard_core::cac::report::CampaignReport;
use switchboard_core::funnel::{BUCKETS, StepResult};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "DayAmount.ts")]
pub struct DayAmount {
    pub day: String,
    pub minor: i64,
}

/// One campaign's spend against its cap.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CampaignCap.ts")]
pub struct CampaignCap {
    pub platform: String,
    pub campaign_id: String,
    pub campaign: String,
    /// The segment the campaign reaches; no cap without one.
    pub audience: Option<String>,
    pub currency: String,
    /// Formatted with the currency: "$1,245.95".
    pub spend: String,
    pub spend_minor: i64,
    pub reached: u64,
    pub cap: Option<String>,
    pub cap_minor: Option<i64>,
    /// Spend over cap (1.0 = all of it); none without a cap or with a cap of zero.
    pub share_used: Option<f64>,
    pub pace_per_day: String,
    /// The day the cap is (or was) reached at the current pace.
    pub cap_day: Option<String>,
    /// `fine`, `near cap` (80%+), `over cap`, `no audience`.
    pub alert: String,
    /// Spend to date at the end of each day.
    pub cumulative: Vec<DayAmount>,
}

impl From<&CampaignReport> for CampaignCap {
    fn from(r: &CampaignReport) -> Self {
        CampaignCap {
            platform: r.platform.clone(),
            campaign_id: r.campaign_id.clone(),
            campaign: r.campaign_name.clone(),
            audience: r.audience.clone(),
            currency: r.spend.currency.code.clone(),
            spend: r.spend.to_string(),
            spend_minor: r.spend.minor,
            reached: r.reached,
            cap: r.cap.as_ref().map(ToString::to_string),
            cap_minor: r.cap.as_ref().map(|c| c.minor),
            share_used: r.used_ppm.map(|p| p as f64 / 1_000_000.0),
            pace_per_day: r.pace_per_day.to_string(),
            cap_day: r.cap_day.map(|d| d.to_string()),
            alert: r.alert.as_str().to_owned(),
            cumulative: r
                .cumulative
                .iter()
                .map(|(d, m)| DayAmount { day: d.to_string(), minor: *m })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "BucketCount.ts")]
pub struct BucketCount {
    pub bucket: String,
    pub people: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "FunnelStepResult.ts")]
pub struct FunnelStepResult {
    pub label: String,
    pub people: u64,
    pub from_previous: f64,
    pub from_first: f64,
    pub dropped: u64,
    /// Median time from step 1, in milliseconds.
    pub median_ms: Option<i64>,
    pub distribution: Vec<BucketCount>,
}

impl From<&StepResult> for FunnelStepResult {
    fn from(s: &StepResult) -> Self {
        FunnelStepResult {
            label: s.label.clone(),
            people: s.people,
            from_previous: s.from_previous,
            from_first: s.from_first,
            dropped: s.dropped,
            median_ms: s.median_ms,
            distribution: BUCKETS
                .iter()
                .zip(&s.distribution)
                .map(|((label, _), n)| BucketCount { bucket: (*label).to_owned(), people: *n })
                .collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "FunnelGroup.ts")]
pub struct FunnelGroup {
    pub value: String,
    pub steps: Vec<FunnelStepResult>,
}

/// A funnel's figures, or the problems with its definition.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "FunnelResult.ts")]
pub struct FunnelResult {
    pub problems: Vec<Problem>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub steps: Vec<FunnelStepResult>,
    pub breakdown: Vec<FunnelGroup>,
    /// The counting rules, in sentences, for the screen to show beside the numbers.
    pub rules: Vec<String>,
}

/// How funnels count, as the screen states it next to the numbers.
pub fn counting_rules(window_days: u32, order: switchboard_core::funnel::Order) -> Vec<String> {
    use switchboard_core::funnel::Order;
    let order = match order {
        Order::Ordered => "Steps count in order; other events may come between them.",
        Order::Strict => "Each step must be the very next thing the person did.",
        Order::Any => "After step 1, the other steps count in any order.",
    };
    vec![
        format!(
            "A person enters at a step-1 event inside the date range and has {window_days} day{} from it to reach the last step.",
            if window_days == 1 { "" } else { "s" }
        ),
        order.to_owned(),
        "A person who does not finish may enter again at a later step-1 event; each person counts once, by their furthest attempt, and times are measured from that attempt's start.".to_owned(),
        "An exclusion event between its two steps discards that attempt.".to_owned(),
        "A breakdown groups people by their trait or company field as it is now.".to_owned(),
    ]
}

/// The budget guard's modes: `off`, `dry run` or `live`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "GuardRulesInfo.ts")]
pub struct GuardRulesInfo {
    /// The mode of every campaign without its own.
    pub default: String,
    /// Campaign id to mode, for the campaigns that have their own.
    pub campaigns: std::collections::BTreeMap<String, String>,
}

impl From<&switchboard_core::cac::guard::GuardRules> for GuardRulesInfo {
    fn from(r: &switchboard_core::cac::guard::GuardRules) -> Self {
        GuardRulesInfo {
            default: r.default.as_str().to_owned(),
            campaigns: r
                .campaigns
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().to_owned()))
                .collect(),
        }
    }
}

/// One action of the budget guard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "GuardActionInfo.ts")]
pub struct GuardActionInfo {
    pub id: i64,
    pub at: String,
    pub platform: String,
    pub campaign_id: String,
    pub campaign: String,
    /// Formatted with the currency.
    pub spend: String,
    pub cap: String,
    /// `dry run` or `live`.
    pub mode: String,
    /// `would pause`, `paused` or `failed`.
    pub outcome: String,
    /// What the platform answered, or why nothing was called.
    pub detail: String,
}

impl From<&switchboard_workspace::GuardAction> for GuardActionInfo {
    fn from(a: &switchboard_workspace::GuardAction) -> Self {
        let money = |minor: i64| match switchboard_core::cac::Currency::parse(&a.planned.currency) {
            Ok(currency) => switchboard_core::cac::Money { minor, currency }.to_string(),
            Err(_) => format!("{minor} {}", a.planned.currency),
        };
        GuardActionInfo {
            id: a.id,
            at: switchboard_core::day::rfc3339(a.at),
            platform: a.planned.platform.clone(),
            campaign_id: a.planned.campaign_id.clone(),
            campaign: a.planned.campaign_name.clone(),
            spend: money(a.planned.spend_minor),
            cap: money(a.planned.cap_minor),
            mode: a.planned.mode.as_str().to_owned(),
            outcome: a.outcome.as_str().to_owned(),
            detail: a.detail.clone(),
        }
    }
}

/// An LTV and/or share that replaces the model's for a fit segment or a campaign.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CacOverride.ts")]
pub struct CacOverride {
    /// In the currency's units, as text: "1500" or "1500.50".
    pub ltv: Option<String>,
    /// "0.25" or "25%".
    pub share: Option<String>,
}

/// The workspace's CAC model as the screen edits it: every number as exact decimal text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CacModelText.ts")]
pub struct CacModelText {
    pub currency: String,
    pub ltv: String,
    pub share: String,
    /// P(convert) per fit segment (`very good`, `good`, `medium`, `low`).
    pub p: std::collections::BTreeMap<String, String>,
    pub segments: std::collections::BTreeMap<String, CacOverride>,
    /// Keyed by campaign id (as the spend report lists them).
    pub campaigns: std::collections::BTreeMap<String, CacOverride>,
}

/// One fit segment: the model's P(convert), the cap it gives, and what the workspace observed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CacFitRow.ts")]
pub struct CacFitRow {
    pub fit: String,
    /// "10%".
    pub p: String,
    /// The cap per prospect of this fit: P x LTV x share (with the segment's override).
    pub cap: String,
    /// Companies of this fit, and those with a person who signed up.
    pub scored: i64,
    pub signed_up: i64,
    /// signed_up / scored; null when none are scored.
    pub observed: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "CacModelInfo.ts")]
pub struct CacModelInfo {
    pub model: CacModelText,
    pub fits: Vec<CacFitRow>,
}

/// One rung of the channel ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "LadderRungInfo.ts")]
pub struct LadderRungInfo {
    pub channel: String,
    /// Formatted with the currency.
    pub spend: String,
    pub spend_minor: i64,
    pub reached: u64,
    /// Spend per person reached, formatted; null when nobody was reached.
    pub per_person: Option<String>,
    pub per_person_minor: Option<i64>,
    /// People (of the segment, when one is chosen) whose cheapest channel this is.
    pub people: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "ChannelLadderInfo.ts")]
pub struct ChannelLadderInfo {
    /// Cheapest per person first; rungs that reached nobody last.
    pub rungs: Vec<LadderRungInfo>,
    pub segment: Option<String>,
    /// Subscription channels (`email`, `web personalisation`) left off until their monthly cost is set.
    pub costs_missing: Vec<String>,
    /// The monthly cost set for each subscription channel, formatted.
    pub costs: std::collections::BTreeMap<String, String>,
}

impl ChannelLadderInfo {
    pub fn new(
        ladder: &switchboard_workspace::Ladder,
        costs: &std::collections::BTreeMap<String, switchboard_core::cac::Money>,
    ) -> ChannelLadderInfo {
        ChannelLadderInfo {
            rungs: ladder
                .rungs
                .iter()
                .map(|r| LadderRungInfo {
                    channel: r.channel.clone(),
                    spend: r.spend.to_string(),
                    spend_minor: r.spend.minor,
                    reached: r.reached,
                    per_person: r.per_person().map(|m| m.to_string()),
                    per_person_minor: r.per_person().map(|m| m.minor),
                    people: r.people,
                })
                .collect(),
            segment: ladder.segment.clone(),
            costs_missing: ladder.costs_missing.clone(),
            costs: costs.iter().map(|(k, v)| (k.clone(), v.to_string())).collect(),
        }
    }
}

/// A saved funnel.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export_to = "SavedFunnelInfo.ts")]
pub struct SavedFunnelInfo {
    pub name: String,
    pub definition: switchboard_core::funnel::Funnel,
    /// Each step's label, in order.
    pub steps: Vec<String>,
    pub updated_at: String,
}

impl From<&switchboard_workspace::SavedFunnel> for SavedFunnelInfo {
    fn from(f: &switchboard_workspace::SavedFunnel) -> Self {
        SavedFunnelInfo {
            name: f.name.clone(),
            definition: f.funnel.clone(),
            steps: f.funnel.steps.iter().map(|s| s.label()).collect(),
            updated_at: switchboard_core::day::rfc3339(f.updated_at),
        }
    }
}
