//! The budget guard: for each campaign whose spend has reached its cap, pause it on its platform
//! (live) or record the pause it would make (dry run, the default), and log every action with its
//! result. Runs after every ad-spend sync and on demand.

use std::collections::BTreeMap;

use switchboard_connectors::{Policy, Secrets, Vendor};
use switchboard_core::Timestamp;
use switchboard_core::cac::guard::{self, GuardMode, GuardOutcome, GuardRules, Planned};
use switchboard_core::cac::{Currency, Money};
use switchboard_store::guard::{self as store, GuardAction};
use switchboard_store::settings;

use crate::{Error, Result, Workspace};

/// The platform's connector for an `ad_spend.platform`.
fn vendor_of(platform: &str) -> Option<Vendor> {
    match platform {
        "facebook" => Some(Vendor::Facebook),
        "google_ads" => Some(Vendor::GoogleAds),
        "adroll" => Some(Vendor::AdRoll),
        _ => None,
    }
}

fn money(minor: i64, currency: &str) -> String {
    Currency::parse(currency).map_or_else(
        |_| format!("{minor} {currency} minor units"),
        |currency| Money { minor, currency }.to_string(),
    )
}

impl Workspace {
    /// Each campaign's guard mode, and the mode of the others (dry run unless set).
    pub async fn guard_rules(&self) -> Result<GuardRules> {
        let text = self.db.call(|c| settings::get(c, settings::GUARD_RULES)).await?;
        let Some(text) = text else { return Ok(GuardRules::default()) };
        let value: serde_json::Value = serde_json::from_str(&text)?;
        let mode = |v: &serde_json::Value| v.as_str().and_then(|s| s.parse::<GuardMode>().ok());
        let mut rules = GuardRules {
            default: mode(&value["default"]).unwrap_or(GuardMode::DryRun),
            ..GuardRules::default()
        };
        if let Some(map) = value["campaigns"].as_object() {
            for (id, m) in map {
                if let Some(m) = mode(m) {
                    rules.campaigns.insert(id.clone(), m);
                }
            }
        }
        Ok(rules)
    }

    /// Sets one campaign's mode, or (with `None`) the mode of every campaign without its own.
    pub async fn set_guard_mode(
        &self,
        campaign_id: Option<&str>,
        mode: GuardMode,
    ) -> Result<GuardRules> {
        self.change_guard_mode(campaign_id, Some(mode)).await
    }

    /// Lets a campaign follow the default mode again.
    pub async fn clear_guard_mode(&self, campaign_id: &str) -> Result<GuardRules> {
        self.change_guard_mode(Some(campaign_id), None).await
    }

    async fn change_guard_mode(
        &self,
        campaign_id: Option<&str>,
        mode: Option<GuardMode>,
    ) -> Result<GuardRules> {
        let mut rules = self.guard_rules().await?;
        match campaign_id {
            Some(id) => {
                let campaigns = self.db.call(|c| switchboard_store::ad_spend::campaigns(c)).await?;
                if !campaigns.iter().any(|c| c.campaign_id == id) {
                    return Err(Error::InvalidOptions(format!(
                        "no campaign `{id}` has spend; see `switchboard-cli cac report` for their ids"
                    )));
                }
                match mode {
                    Some(mode) => rules.campaigns.insert(id.to_owned(), mode),
                    None => rules.campaigns.remove(id),
                };
            }
            None => rules.default = mode.unwrap_or(GuardMode::DryRun),
        }
        let campaigns: BTreeMap<&str, &str> =
            rules.campaigns.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let text = serde_json::json!({"default": rules.default.as_str(), "campaigns": campaigns})
            .to_string();
        self.db.call(move |c| settings::set(c, settings::GUARD_RULES, &text)).await?;
        Ok(rules)
    }

    /// Acts on every campaign at or over its cap, as its mode says, and returns what it did.
    pub async fn run_budget_guard(
        &self,
        secrets: &Secrets,
        policy: &(dyn Fn(Vendor) -> Policy + Sync),
        now: Timestamp,
    ) -> Result<Vec<GuardAction>> {
        let reports = self.cac_report().await?;
        let rules = self.guard_rules().await?;
        let last = self.db.call(|c| store::latest(c)).await?;
        let planned = guard::plan(&reports, &rules, &last);
        let mut done = Vec::with_capacity(planned.len());
        for p in planned {
            let (outcome, detail) = self.guard_one(secrets, policy, &p).await;
            tracing::info!(platform = %p.platform, campaign = %p.campaign_id, outcome = outcome.as_str(), %detail, "budget guard");
            let action = self.db.call(move |c| store::record(c, &p, outcome, &detail, now)).await?;
            done.push(action);
        }
        Ok(done)
    }

    async fn guard_one(
        &self,
        secrets: &Secrets,
        policy: &(dyn Fn(Vendor) -> Policy + Sync),
        p: &Planned,
    ) -> (GuardOutcome, String) {
        let over = format!(
            "spend {} reached the cap {}",
            money(p.spend_minor, &p.currency),
            money(p.cap_minor, &p.currency)
        );
        let Some(vendor) = vendor_of(&p.platform) else {
            return (
                GuardOutcome::Failed,
                format!("{over}; `{}` is not a platform Switchboard can pause", p.platform),
            );
        };
        if p.mode == GuardMode::DryRun {
            return (
                GuardOutcome::WouldPause,
                format!("{over}; dry run: would ask {vendor} to pause campaign {}", p.campaign_id),
            );
        }
        let client = match self.client(secrets, vendor, policy(vendor)).await {
            Ok((c, _)) => c,
            Err(e) => return (GuardOutcome::Failed, format!("{over}; not paused: {e}")),
        };
        match client.pause_campaign(&p.campaign_id).await {
            Ok(()) => (
                GuardOutcome::Paused,
                format!("{over}; {vendor} paused campaign {}", p.campaign_id),
            ),
            Err(e) => (GuardOutcome::Failed, format!("{over}; not paused: {e}")),
        }
    }

    /// The guard's actions, newest first.
    pub async fn guard_log(&self, limit: u32) -> Result<Vec<GuardAction>> {
        Ok(self.db.call(move |c| store::log(c, limit)).await?)
    }
}

#[cfg(test)]
mod tests;
