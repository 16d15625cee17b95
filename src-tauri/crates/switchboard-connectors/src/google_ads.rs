//! Google Ads (REST): spend, impressions and clicks per campaign and day for one customer
//! through `googleAds:searchStream`, and pausing a campaign through `campaigns:mutate`
//! (vendor-apis.md §5.4). OAuth token as Bearer, the developer token in `developer-token`, and
//! `login-customer-id` when the account is reached through a manager.
//!
//! Costs arrive as micros (int64 written as JSON strings) and become minor units through
//! `money`; no float ever holds them. Metrics that are zero are left out of the JSON, as proto3
//! does, and read as zero. Retries belong to [`Http`]: this module never retries on its own.

use std::fmt;

use serde::Deserialize;
use serde_json::json;
use switchboard_core::{AdPlatform, AdSpendDay, Day};

use crate::http::{Http, Policy};
use crate::{ApiError, Fetched, Vendor, join, money};

pub const DEFAULT_BASE_URL: &str = "https://googleads.googleapis.com";
pub const DEFAULT_VERSION: &str = "v18";

const VENDOR: Vendor = Vendor::GoogleAds;

/// One customer account's campaigns.
#[derive(Clone)]
pub struct GoogleAds {
    http: Http,
    base: String,
    version: String,
    customer: String,
    login_customer: Option<String>,
    developer_token: String,
    oauth_token: String,
}

impl fmt::Debug for GoogleAds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GoogleAds")
            .field("base", &self.base)
            .field("version", &self.version)
            .field("customer", &self.customer)
            .field("login_customer", &self.login_customer)
            .finish_non_exhaustive()
    }
}

/// One `searchStream` batch (its `fieldMask` and `requestId` are not needed).
#[derive(Deserialize)]
struct WireBatch<R> {
    #[serde(default = "Vec::new")]
    results: Vec<R>,
}

#[derive(Deserialize)]
struct WireRow {
    campaign: WireCampaign,
    segments: WireSegments,
    #[serde(default)]
    metrics: WireMetrics,
    customer: WireCustomer,
}

#[derive(Deserialize)]
struct WireCampaign {
    id: serde_json::Value,
    #[serde(default)]
    name: String,
}

#[derive(Deserialize)]
struct WireSegments {
    date: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct WireMetrics {
    cost_micros: Option<serde_json::Value>,
    impressions: Option<serde_json::Value>,
    clicks: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireCustomer {
    currency_code: String,
}

#[derive(Deserialize)]
struct WireMutate {
    #[serde(default)]
    results: Vec<serde_json::Value>,
}

impl GoogleAds {
    /// Customer ids may be written `123-456-7890`; the dashes are dropped. `base_url` defaults
    /// to [`DEFAULT_BASE_URL`].
    pub fn new(
        base_url: Option<&str>,
        version: &str,
        customer_id: &str,
        login_customer_id: Option<&str>,
        developer_token: &str,
        oauth_token: &str,
        policy: Policy,
    ) -> GoogleAds {
        GoogleAds {
            http: Http::new(VENDOR, policy),
            base: base_url.unwrap_or(DEFAULT_BASE_URL).to_owned(),
            version: version.trim_matches('/').to_owned(),
            customer: bare_id(customer_id),
            login_customer: login_customer_id.map(bare_id).filter(|id| !id.is_empty()),
            developer_token: developer_token.to_owned(),
            oauth_token: oauth_token.to_owned(),
        }
    }

    /// One tiny query: whether the tokens can read the customer.
    pub async fn check(&self) -> Result<(), ApiError> {
        let raw =
            self.search("SELECT customer.id, customer.currency_code FROM customer LIMIT 1").await?;
        let batches: Vec<WireBatch<serde_json::Value>> =
            serde_json::from_value(raw).map_err(|e| ApiError::bad_body(VENDOR, &e))?;
        if batches.iter().any(|b| !b.results.is_empty()) {
            Ok(())
        } else {
            Err(bad("the customer query returned no customer"))
        }
    }

    /// Spend, impressions and clicks per campaign and day from `since` to `until` (both
    /// included). `raw` is the stream as Google sent it: an array of batches. An empty range
    /// asks nothing.
    pub async fn spend(
        &self,
        since: Day,
        until: Day,
    ) -> Result<Fetched<Vec<AdSpendDay>>, ApiError> {
        if until < since {
            return Ok(Fetched { value: Vec::new(), raw: json!([]) });
        }
        // Days print as YYYY-MM-DD, so nothing else can reach the query text.
        let query = format!(
            "SELECT campaign.id, campaign.name, segments.date, metrics.cost_micros, \
             metrics.impressions, metrics.clicks, customer.currency_code FROM campaign \
             WHERE segments.date BETWEEN '{since}' AND '{until}'"
        );
        let raw = self.search(&query).await?;
        let batches: Vec<WireBatch<WireRow>> =
            serde_json::from_value(raw.clone()).map_err(|e| ApiError::bad_body(VENDOR, &e))?;
        let days = batches
            .into_iter()
            .flat_map(|b| b.results)
            .map(WireRow::into_domain)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Fetched { value: days, raw })
    }

    /// `campaigns:mutate` setting the campaign's status to `PAUSED`. Pausing twice is harmless,
    /// so the policy may retry it. An id that is not a number is [`ApiError::NotFound`] without
    /// asking; one Google does not know is its 400 as [`ApiError::BadResponse`].
    pub async fn pause_campaign(&self, campaign_id: &str) -> Result<(), ApiError> {
        if campaign_id.is_empty() || !campaign_id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ApiError::NotFound { vendor: VENDOR });
        }
        let body = json!({"operations": [{
            "update": {
                "resourceName": format!("customers/{}/campaigns/{campaign_id}", self.customer),
                "status": "PAUSED",
            },
            "updateMask": "status",
        }]});
        let reply = self.http.send(self.post("campaigns:mutate").json(&body)).await?;
        if reply.json::<WireMutate>(VENDOR)?.results.is_empty() {
            Err(bad("Google Ads did not confirm the pause (no results)"))
        } else {
            Ok(())
        }
    }

    /// Runs a GAQL query through `searchStream`; the answer is a JSON array of batches.
    async fn search(&self, query: &str) -> Result<serde_json::Value, ApiError> {
        let request = self.post("googleAds:searchStream").json(&json!({"query": query}));
        self.http.send(request).await?.json(VENDOR)
    }

    /// A POST to `/{v}/customers/{cid}/{method}` with every header Google asks for.
    fn post(&self, method: &str) -> reqwest::RequestBuilder {
        let url =
            join(&self.base, &format!("/{}/customers/{}/{method}", self.version, self.customer));
        let request = self
            .http
            .client()
            .post(url)
            .bearer_auth(&self.oauth_token)
            .header("developer-token", &self.developer_token);
        match &self.login_customer {
            Some(id) => request.header("login-customer-id", id),
            None => request,
        }
    }
}

impl WireRow {
    fn into_domain(self) -> Result<AdSpendDay, ApiError> {
        let campaign_id = money::json_text(&self.campaign.id)
            .ok_or_else(|| bad(&format!("campaign.id {} is not an id", self.campaign.id)))?;
        let at = format!("campaign {campaign_id} on {}", self.segments.date);
        let day = Day::parse(&self.segments.date)
            .ok_or_else(|| bad(&format!("{at}: segments.date is not a YYYY-MM-DD date")))?;
        let metric = |name: &str, value: Option<serde_json::Value>| match value {
            None => Ok(0),
            Some(v) => {
                money::count(&v).ok_or_else(|| bad(&format!("{at}: {name} {v} is not a count")))
            }
        };
        let micros = metric("metrics.costMicros", self.metrics.cost_micros)?;
        Ok(AdSpendDay {
            platform: AdPlatform::GoogleAds,
            day,
            spend_minor: money::micros_to_minor(micros),
            currency: self.customer.currency_code,
            impressions: metric("metrics.impressions", self.metrics.impressions)?,
            clicks: metric("metrics.clicks", self.metrics.clicks)?,
            campaign_name: self.campaign.name,
            campaign_id,
        })
    }
}

/// An id as Google wants it: `123-456-7890` without its dashes (or spaces).
fn bare_id(id: &str) -> String {
    id.chars().filter(|c| *c != '-' && !c.is_whitespace()).collect()
}

fn bad(message: &str) -> ApiError {
    ApiError::BadResponse { vendor: VENDOR, status: None, message: message.to_owned() }
}

#[cfg(test)]
mod tests;
