//! The workspace's CAC model: read (Switchboard's defaults until it is set), set, and what the
//! workspace has observed of conversion per fit segment beside it.

use std::collections::BTreeMap;

use switchboard_core::cac::report::{self, CampaignInput, CampaignReport};
use switchboard_core::cac::{CacError, CacModel};
use switchboard_store::cac::{self as store, Observed};
use switchboard_store::{ad_spend, segments, settings};

use crate::{Error, Result, Workspace};

impl Workspace {
    pub async fn cac_model(&self) -> Result<CacModel> {
        let text = self.db.call(|c| settings::get(c, settings::CAC_MODEL)).await?;
        let Some(text) = text else { return Ok(CacModel::default()) };
        let value: serde_json::Value = serde_json::from_str(&text)?;
        CacModel::from_json(&value).map_err(|e| Error::InvalidOptions(e.to_string()))
    }

    pub async fn set_cac_model(&self, model: &CacModel) -> Result<()> {
        let text = model.to_json().to_string();
        Ok(self.db.call(move |c| settings::set(c, settings::CAC_MODEL, &text)).await?)
    }

    /// Per fit segment: companies scored, and those with a person who signed up.
    pub async fn observed_conversion(&self) -> Result<Vec<Observed>> {
        Ok(self.db.call(|c| store::observed_by_fit(c)).await?)
    }
}

impl Workspace {
    /// Which segment each campaign reaches, by campaign id.
    pub async fn campaign_audiences(&self) -> Result<BTreeMap<String, String>> {
        let text = self.db.call(|c| settings::get(c, settings::CAMPAIGN_AUDIENCES)).await?;
        Ok(match text {
            Some(t) => serde_json::from_str(&t)?,
            None => BTreeMap::new(),
        })
    }

    /// Sets (or, with `None`, clears) the segment a campaign reaches. The campaign must have
    /// spend and the segment must exist.
    pub async fn set_campaign_audience(
        &self,
        campaign_id: &str,
        segment: Option<&str>,
    ) -> Result<()> {
        let campaigns = self.db.call(|c| ad_spend::campaigns(c)).await?;
        if !campaigns.iter().any(|c| c.campaign_id == campaign_id) {
            let known: Vec<String> = campaigns.iter().map(|c| c.campaign_id.clone()).collect();
            return Err(Error::InvalidOptions(format!(
                "no campaign `{campaign_id}` has spend; campaigns: {}",
                known.join(", ")
            )));
        }
        let mut audiences = self.campaign_audiences().await?;
        match segment {
            Some(name) => {
                let saved = self.segment(name).await?;
                audiences.insert(campaign_id.to_owned(), saved.name().to_owned());
            }
            None => {
                audiences.remove(campaign_id);
            }
        }
        let text = serde_json::to_string(&audiences)?;
        Ok(self.db.call(move |c| settings::set(c, settings::CAMPAIGN_AUDIENCES, &text)).await?)
    }

    /// Spend against cap for every campaign with spend.
    pub async fn cac_report(&self) -> Result<Vec<CampaignReport>> {
        let model = self.cac_model().await?;
        let audiences = self.campaign_audiences().await?;
        let campaigns = self.db.call(|c| ad_spend::campaigns(c)).await?;
        let mut out = Vec::with_capacity(campaigns.len());
        for c in campaigns {
            if !c.currency.eq_ignore_ascii_case(&model.ltv.currency.code) {
                return Err(Error::InvalidOptions(format!(
                    "campaign `{}` spends in {}, the CAC model is in {}; set the model's currency with `cac set --currency {}`",
                    c.campaign_id, c.currency, model.ltv.currency.code, c.currency
                )));
            }
            let audience = audiences.get(&c.campaign_id).cloned();
            let members_by_fit = match &audience {
                Some(name) => {
                    let name = name.clone();
                    self.db.call(move |conn| segments::members_by_fit(conn, &name)).await?
                }
                None => [0; 4],
            };
            let input = CampaignInput {
                platform: c.platform,
                campaign_id: c.campaign_id,
                campaign_name: c.campaign_name,
                currency: c.currency,
                days: c.days,
                audience,
                members_by_fit,
            };
            out.push(report::campaign(&model, &input));
        }
        Ok(out)
    }
}

impl From<CacError> for Error {
    fn from(e: CacError) -> Error {
        Error::InvalidOptions(e.to_string())
    }
}
