//! Facebook Ads Insights (Marketing API): spend, impressions and clicks per campaign and day for
//! one ad account, and pausing a campaign for the budget guard (vendor-apis.md §5.2). The token
//! travels in a Bearer header, never in the query string, and a `paging.next` link is followed
//! only on the host this client was built for, so the token cannot leak to another one.
//!
//! Spend arrives as decimal strings in the account currency and becomes minor units through
//! `money`; no float ever holds it. Retries, including Facebook's throttle codes inside a 400
//! body, belong to [`Http`]: this module never retries on its own.

use std::collections::HashSet;
use std::fmt;

use serde::Deserialize;
use switchboard_core::{AdPlatform, AdSpendDay, Day};

use crate::http::{Http, Policy};
use crate::{ApiError, Fetched, Vendor, join, money};

pub const DEFAULT_BASE_URL: &str = "https://graph.facebook.com";
pub const DEFAULT_VERSION: &str = "v21.0";

const VENDOR: Vendor = Vendor::Facebook;
/// Rows asked for per page; Facebook may send fewer.
const PAGE_SIZE: &str = "500";
const FIELDS: &str = "campaign_id,campaign_name,spend,impressions,clicks,account_currency";

/// One ad account's Insights and campaigns.
#[derive(Clone)]
pub struct Facebook {
    http: Http,
    base: String,
    version: String,
    account: String,
    token: String,
}

impl fmt::Debug for Facebook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Facebook")
            .field("base", &self.base)
            .field("version", &self.version)
            .field("account", &self.account)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct WireAccount {
    #[allow(dead_code, reason = "read to prove the account answered")]
    currency: String,
}

#[derive(Deserialize)]
struct WirePage {
    data: Vec<WireRow>,
    #[serde(default)]
    paging: Option<WirePaging>,
}

#[derive(Deserialize)]
struct WirePaging {
    #[serde(default)]
    next: Option<String>,
}

#[derive(Deserialize)]
struct WireRow {
    campaign_id: String,
    #[serde(default)]
    campaign_name: String,
    spend: serde_json::Value,
    // Facebook leaves a metric out when it has nothing to report.
    #[serde(default)]
    impressions: Option<serde_json::Value>,
    #[serde(default)]
    clicks: Option<serde_json::Value>,
    account_currency: String,
    date_start: String,
}

#[derive(Deserialize)]
struct WireSuccess {
    success: bool,
}

impl Facebook {
    /// `ad_account_id` is the number without `act_` (a leading `act_` is tolerated); `base_url`
    /// defaults to [`DEFAULT_BASE_URL`].
    pub fn new(
        base_url: Option<&str>,
        version: &str,
        ad_account_id: &str,
        access_token: &str,
        policy: Policy,
    ) -> Facebook {
        let account = ad_account_id.trim();
        Facebook {
            http: Http::new(VENDOR, policy),
            base: base_url.unwrap_or(DEFAULT_BASE_URL).to_owned(),
            version: version.trim_matches('/').to_owned(),
            account: account.strip_prefix("act_").unwrap_or(account).to_owned(),
            token: access_token.to_owned(),
        }
    }

    /// `GET /{v}/act_{id}?fields=name,currency`: whether the token can read the ad account.
    pub async fn check(&self) -> Result<(), ApiError> {
        let request = self
            .http
            .client()
            .get(self.url(&format!("/act_{}", self.account)))
            .query(&[("fields", "name,currency")]);
        let reply = self.http.send(request.bearer_auth(&self.token)).await?;
        reply.json::<WireAccount>(VENDOR).map(drop)
    }

    /// Spend, impressions and clicks per campaign and day from `since` to `until` (both
    /// included), following `paging.next` until it is absent. `raw` holds every page as
    /// Facebook sent it. An empty range asks nothing.
    pub async fn spend(
        &self,
        since: Day,
        until: Day,
    ) -> Result<Fetched<Vec<AdSpendDay>>, ApiError> {
        let mut days = Vec::new();
        let mut pages = Vec::new();
        if until < since {
            return Ok(Fetched { value: days, raw: pages.into() });
        }
        let time_range =
            serde_json::json!({"since": since.to_string(), "until": until.to_string()}).to_string();
        let mut request =
            self.http.client().get(self.url(&format!("/act_{}/insights", self.account))).query(&[
                ("level", "campaign"),
                ("fields", FIELDS),
                ("time_range", &time_range),
                ("time_increment", "1"),
                ("limit", PAGE_SIZE),
            ]);
        let mut followed = HashSet::new();
        loop {
            let reply = self.http.send(request.bearer_auth(&self.token)).await?;
            let raw: serde_json::Value = reply.json(VENDOR)?;
            let page: WirePage =
                serde_json::from_value(raw.clone()).map_err(|e| ApiError::bad_body(VENDOR, &e))?;
            pages.push(raw);
            for row in page.data {
                days.push(row.into_domain()?);
            }
            let Some(next) = page.paging.and_then(|p| p.next) else { break };
            if !followed.insert(next.clone()) {
                return Err(bad("paging.next repeats a page already read"));
            }
            request = self.http.client().get(self.next_page(&next)?);
        }
        Ok(Fetched { value: days, raw: pages.into() })
    }

    /// `POST /{v}/{campaign_id}` with `status=PAUSED`. Pausing twice is harmless, so the policy
    /// may retry it. An unknown campaign is Facebook's 400 (code 100) as
    /// [`ApiError::BadResponse`] with its message; an id that is not a number is
    /// [`ApiError::NotFound`] without asking.
    pub async fn pause_campaign(&self, campaign_id: &str) -> Result<(), ApiError> {
        if campaign_id.is_empty() || !campaign_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ApiError::NotFound { vendor: VENDOR });
        }
        let request = self
            .http
            .client()
            .post(self.url(&format!("/{campaign_id}")))
            .form(&[("status", "PAUSED")])
            .bearer_auth(&self.token);
        let reply = self.http.send(request).await?;
        if reply.json::<WireSuccess>(VENDOR)?.success {
            Ok(())
        } else {
            Err(bad("Facebook did not confirm the pause (success: false)"))
        }
    }

    fn url(&self, path: &str) -> String {
        join(&self.base, &format!("/{}{path}", self.version))
    }

    /// The `paging.next` link, if it stays on the configured host: it is requested with the
    /// token, so a link elsewhere is refused rather than followed.
    fn next_page(&self, next: &str) -> Result<reqwest::Url, ApiError> {
        let origin = |url: &reqwest::Url| {
            (
                url.scheme().to_owned(),
                url.host_str().map(str::to_owned),
                url.port_or_known_default(),
            )
        };
        let base = reqwest::Url::parse(&self.base).ok();
        match (reqwest::Url::parse(next), base) {
            (Ok(url), Some(base)) if origin(&url) == origin(&base) => Ok(url),
            // Never the link itself in the message: it may carry a token.
            _ => Err(bad("paging.next points away from the configured base URL; not followed")),
        }
    }
}

impl WireRow {
    fn into_domain(self) -> Result<AdSpendDay, ApiError> {
        let at = || format!("campaign {} on {}", self.campaign_id, self.date_start);
        let day = Day::parse(&self.date_start)
            .ok_or_else(|| bad(&format!("{}: date_start is not a YYYY-MM-DD date", at())))?;
        let spend_minor = money::json_text(&self.spend)
            .and_then(|text| money::minor_units(&text))
            .ok_or_else(|| bad(&format!("{}: spend {} is not an amount", at(), self.spend)))?;
        let metric = |name: &str, value: &Option<serde_json::Value>| match value {
            None => Ok(0),
            Some(v) => {
                money::count(v).ok_or_else(|| bad(&format!("{}: {name} {v} is not a count", at())))
            }
        };
        Ok(AdSpendDay {
            platform: AdPlatform::Facebook,
            day,
            spend_minor,
            currency: self.account_currency.clone(),
            impressions: metric("impressions", &self.impressions)?,
            clicks: metric("clicks", &self.clicks)?,
            campaign_name: self.campaign_name.clone(),
            campaign_id: self.campaign_id,
        })
    }
}

fn bad(message: &str) -> ApiError {
    ApiError::BadResponse { vendor: VENDOR, status: None, message: message.to_owned() }
}

#[cfg(test)]
mod tests;
