//! Spend against cap, per campaign: what was spent (from `ad_spend`), the people (or companies)
//! its audience holds, the sum of their caps under the workspace's model, the share of it used,
//! and the day the cap is reached at the current pace.

use crate::cac::{CacModel, Money};
use crate::{Day, FitSegment};

/// Spend is "near" its cap from this share, in parts per million.
pub const WARN_PPM: u64 = 800_000;
/// Days of spend the pace is taken over.
pub const PACE_DAYS: i64 = 7;

/// What a campaign's report is computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignInput {
    pub platform: String,
    pub campaign_id: String,
    pub campaign_name: String,
    pub currency: String,
    /// Spend per day with data, in minor units, in day order.
    pub days: Vec<(Day, i64)>,
    /// The audience segment, when one is assigned.
    pub audience: Option<String>,
    /// Members of that audience per fit segment (very good, good, medium, low); the unscored
    /// count as low fits.
    pub members_by_fit: [u64; 4],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alert {
    /// Under 80% of the cap.
    Fine,
    /// 80% or more.
    Near,
    /// At or over the cap.
    Over,
    /// No audience, so no cap.
    NoCap,
}

impl Alert {
    pub fn as_str(self) -> &'static str {
        match self {
            Alert::Fine => "fine",
            Alert::Near => "near cap",
            Alert::Over => "over cap",
            Alert::NoCap => "no audience",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignReport {
    pub platform: String,
    pub campaign_id: String,
    pub campaign_name: String,
    pub audience: Option<String>,
    pub spend: Money,
    pub reached: u64,
    /// The sum of the audience's caps; `None` without an audience.
    pub cap: Option<Money>,
    /// Spend over cap, in parts per million.
    pub used_ppm: Option<u64>,
    /// Average spend a day over the last [`PACE_DAYS`] days with data.
    pub pace_per_day: Money,
    /// The day spend reaches the cap at that pace (the day it did, when it already has).
    pub cap_day: Option<Day>,
    pub alert: Alert,
    /// Spend to date at the end of each day, for the chart.
    pub cumulative: Vec<(Day, i64)>,
}

/// The report of one campaign. The spend's currency must be the model's (checked by the caller).
pub fn campaign(model: &CacModel, input: &CampaignInput) -> CampaignReport {
    let currency = model.ltv.currency.clone();
    let money = |minor: i64| Money { minor, currency: currency.clone() };
    let spent: i64 = input.days.iter().map(|(_, m)| m).sum();
    let mut running = 0;
    let cumulative: Vec<(Day, i64)> = input
        .days
        .iter()
        .map(|(d, m)| {
            running += m;
            (*d, running)
        })
        .collect();
    let reached: u64 = input.members_by_fit.iter().sum();
    let cap = input.audience.as_ref().map(|_| {
        FitSegment::ALL
            .iter()
            .zip(input.members_by_fit)
            .map(|(fit, n)| model.cap(*fit, Some(&input.campaign_id)).max_spend.minor * n as i64)
            .sum::<i64>()
    });
    let last = input.days.last().map(|(d, _)| *d);
    let recent: Vec<i64> = match last {
        Some(last) => {
            input.days.iter().filter(|(d, _)| d.0 > last.0 - PACE_DAYS).map(|(_, m)| *m).collect()
        }
        None => Vec::new(),
    };
    let pace = if recent.is_empty() { 0 } else { recent.iter().sum::<i64>() / recent.len() as i64 };
    // An audience with no members has a cap of zero: any spend is over it, by no ratio.
    let used_ppm =
        cap.filter(|c| *c > 0).map(|c| (spent.max(0) as u128 * 1_000_000 / c as u128) as u64);
    let cap_day = match (cap, last) {
        (Some(c), Some(_)) if spent >= c => {
            cumulative.iter().find(|(_, total)| *total >= c).map(|(d, _)| *d)
        }
        (Some(c), Some(last)) if pace > 0 => Some(last.plus((c - spent + pace - 1) / pace)),
        _ => None,
    };
    let alert = match (cap, used_ppm) {
        (None, _) => Alert::NoCap,
        (Some(_), None) if spent > 0 => Alert::Over,
        (Some(_), None) => Alert::Fine,
        (_, Some(u)) if u >= 1_000_000 => Alert::Over,
        (_, Some(u)) if u >= WARN_PPM => Alert::Near,
        (_, Some(_)) => Alert::Fine,
    };
    CampaignReport {
        platform: input.platform.clone(),
        campaign_id: input.campaign_id.clone(),
        campaign_name: input.campaign_name.clone(),
        audience: input.audience.clone(),
        spend: money(spent),
        reached,
        cap: cap.map(money),
        used_ppm,
        pace_per_day: money(pace),
        cap_day,
        alert,
        cumulative,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(days: &[i64], members: [u64; 4]) -> CampaignInput {
        let first = Day::parse("2026-11-01").unwrap();
        CampaignInput {
            platform: "facebook".into(),
            campaign_id: "fb-1".into(),
            campaign_name: "Retargeting".into(),
            currency: "USD".into(),
            days: days.iter().enumerate().map(|(i, m)| (first.plus(i as i64), *m)).collect(),
            audience: Some("Pricing regulars".into()),
            members_by_fit: members,
        }
    }

    #[test]
    fn caps_sum_over_the_audience_and_the_pace_projects_the_day() {
        // Defaults: $1,000 LTV, 20% share; P = 20%, 10%, 3%, 0.5% → caps $40, $20, $6, $1.
        // 1 very good + 2 good + 10 low = $40 + $40 + $10 = $90.
        let r = campaign(&CacModel::default(), &input(&[1_000, 1_000, 1_000], [1, 2, 0, 10]));
        assert_eq!((r.cap.as_ref().unwrap().minor, r.spend.minor, r.reached), (9_000, 3_000, 13));
        assert_eq!(r.used_ppm, Some(333_333));
        assert_eq!(r.alert, Alert::Fine);
        // $10 a day: the $60 to go takes 6 days after the last day (2026-11-03).
        assert_eq!(r.pace_per_day.minor, 1_000);
        assert_eq!(r.cap_day.unwrap().to_string(), "2026-11-09");
    }

    #[test]
    fn past_the_cap_the_day_it_was_crossed_and_the_alerts() {
        // Cap $20 (one good fit); $8, $8, $8: crossed on the third day.
        let r = campaign(&CacModel::default(), &input(&[800, 800, 800], [0, 1, 0, 0]));
        assert_eq!((r.alert, r.cap_day.unwrap().to_string()), (Alert::Over, "2026-11-03".into()));
        let near = campaign(&CacModel::default(), &input(&[800, 800], [0, 1, 0, 0]));
        assert_eq!((near.alert, near.used_ppm), (Alert::Near, Some(800_000)));
        let mut none = input(&[800], [0, 0, 0, 0]);
        none.audience = None;
        let r = campaign(&CacModel::default(), &none);
        assert_eq!((r.alert, r.cap, r.cap_day), (Alert::NoCap, None, None));
        // An empty audience: a cap of zero, any spend over it.
        let r = campaign(&CacModel::default(), &input(&[800], [0, 0, 0, 0]));
        assert_eq!((r.alert, r.used_ppm, r.cap.unwrap().minor), (Alert::Over, None, 0));
    }
}
