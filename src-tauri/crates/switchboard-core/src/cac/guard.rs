//! The budget guard's rule: a campaign whose spend has reached its cap is paused on its platform,
//! or, in a dry run, the pause it would make is recorded. Decides what to do; the workspace makes
//! the calls and keeps the log.
//!
//! Pure: the caller passes the spend-against-cap reports, each campaign's mode and what the log
//! already says.

use std::collections::BTreeMap;

use super::report::CampaignReport;

crate::text_enum!(
    /// What the guard does for a campaign at its cap. `dry run` (the default) records the pause it
    /// would make; `live` calls the platform.
    GuardMode, "guard mode", {
        Off => "off",
        DryRun => "dry run",
        Live => "live",
    }
);

crate::text_enum!(
    /// What came of a guard action.
    GuardOutcome, "guard outcome", {
        WouldPause => "would pause",
        Paused => "paused",
        Failed => "failed",
    }
);

/// Each campaign's mode (by campaign id) and the mode of the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuardRules {
    pub default: GuardMode,
    pub campaigns: BTreeMap<String, GuardMode>,
}

impl Default for GuardRules {
    fn default() -> Self {
        GuardRules { default: GuardMode::DryRun, campaigns: BTreeMap::new() }
    }
}

impl GuardRules {
    pub fn mode(&self, campaign_id: &str) -> GuardMode {
        self.campaigns.get(campaign_id).copied().unwrap_or(self.default)
    }
}

/// The latest action the log holds for a campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastAction {
    pub outcome: GuardOutcome,
    pub spend_minor: i64,
}

/// A pause to make (live) or to record (dry run).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub platform: String,
    pub campaign_id: String,
    pub campaign_name: String,
    pub spend_minor: i64,
    pub cap_minor: i64,
    pub currency: String,
    pub mode: GuardMode,
}

/// The campaigns at or over their cap that the guard acts on now. A campaign already paused is
/// left alone; a dry run is recorded again only when spend has moved since the last record.
pub fn plan(
    reports: &[CampaignReport],
    rules: &GuardRules,
    last: &BTreeMap<(String, String), LastAction>,
) -> Vec<Planned> {
    reports
        .iter()
        .filter_map(|r| {
            let cap = r.cap.as_ref()?;
            if r.spend.minor < cap.minor || cap.minor <= 0 && r.spend.minor == 0 {
                return None;
            }
            let mode = rules.mode(&r.campaign_id);
            let previous = last.get(&(r.platform.clone(), r.campaign_id.clone()));
            let skip = match (mode, previous) {
                (GuardMode::Off, _) => true,
                (_, Some(p)) if p.outcome == GuardOutcome::Paused => true,
                (GuardMode::DryRun, Some(p)) => {
                    p.outcome == GuardOutcome::WouldPause && p.spend_minor == r.spend.minor
                }
                _ => false,
            };
            (!skip).then(|| Planned {
                platform: r.platform.clone(),
                campaign_id: r.campaign_id.clone(),
                campaign_name: r.campaign_name.clone(),
                spend_minor: r.spend.minor,
                cap_minor: cap.minor,
                currency: r.spend.currency.code.clone(),
                mode,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cac::report::Alert;
    use crate::cac::{Currency, Money};

    fn report(id: &str, spend: i64, cap: Option<i64>) -> CampaignReport {
        let usd = Currency::parse("USD").unwrap();
        let money = |minor| Money { minor, currency: usd.clone() };
        CampaignReport {
            platform: "facebook".into(),
            campaign_id: id.into(),
            campaign_name: format!("Campaign {id}"),
            audience: cap.map(|_| "Segment".into()),
            spend: money(spend),
            reached: 10,
            cap: cap.map(money),
            used_ppm: None,
            pace_per_day: money(0),
            cap_day: None,
            alert: Alert::Fine,
            cumulative: vec![],
        }
    }

    #[test]
    fn only_campaigns_at_or_over_their_cap_are_acted_on() {
        let reports =
            [report("a", 2000, Some(2000)), report("b", 1999, Some(2000)), report("c", 9000, None)];
        let planned = plan(&reports, &GuardRules::default(), &BTreeMap::new());
        assert_eq!(planned.len(), 1);
        assert_eq!(planned[0].campaign_id, "a");
        assert_eq!(planned[0].mode, GuardMode::DryRun, "a dry run unless asked otherwise");
        assert_eq!((planned[0].spend_minor, planned[0].cap_minor), (2000, 2000));
    }

    #[test]
    fn modes_and_the_log_decide_what_happens_again() {
        let reports = [report("a", 3000, Some(2000)), report("b", 3000, Some(2000))];
        let mut rules = GuardRules::default();
        rules.campaigns.insert("a".into(), GuardMode::Live);
        rules.campaigns.insert("b".into(), GuardMode::Off);
        let planned = plan(&reports, &rules, &BTreeMap::new());
        assert_eq!(
            planned.iter().map(|p| (&*p.campaign_id, p.mode)).collect::<Vec<_>>(),
            [("a", GuardMode::Live)]
        );

        let key = ("facebook".to_owned(), "a".to_owned());
        let mut last = BTreeMap::new();
        last.insert(key.clone(), LastAction { outcome: GuardOutcome::Paused, spend_minor: 3000 });
        assert!(plan(&reports, &rules, &last).is_empty(), "paused once is enough");

        last.insert(key.clone(), LastAction { outcome: GuardOutcome::Failed, spend_minor: 3000 });
        assert_eq!(plan(&reports, &rules, &last).len(), 1, "a failed pause is tried again");

        let dry = GuardRules::default();
        last.insert(
            key.clone(),
            LastAction { outcome: GuardOutcome::WouldPause, spend_minor: 3000 },
        );
        assert_eq!(plan(&reports, &dry, &last).len(), 1, "only b: a's dry run is already recorded");
        last.insert(key, LastAction { outcome: GuardOutcome::WouldPause, spend_minor: 2500 });
        assert_eq!(plan(&reports, &dry, &last).len(), 2, "spend moved: recorded again");
    }
}
