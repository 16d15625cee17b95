//! AdRoll (NextRoll): spend, impressions and clicks per campaign and day for one advertisable
//! through the GraphQL Reporting API (vendor-apis.md §5.3), and pausing a campaign. The app key
//! goes in the `apikey` query parameter, as AdRoll requires, and the personal access token in
//! `Authorization: Token …`. Because the key is in the URL, this module never formats a URL into
//! an error or a log (and `Http` drops URLs from transport errors).
//!
//! AdRoll reports errors inside a 200: a `has_errors` flag with `errors: [{id, msg}]`, which is
//! checked before `data` is read. Costs may come as JSON numbers or strings; either way they
//! are read from their decimal text through `money`, never through float arithmetic.
//!
//! Pausing uses `POST /api/v1/campaign/edit?apikey=…` of AdRoll's older CRUD API with the form
//! `campaign=<eid>&status=paused`. That endpoint is [U] unverified: vendor-apis.md does not
//! document it. It goes to the same base URL as reporting, so the base URL setting can point
//! it elsewhere.

use std::fmt;

use reqwest::RequestBuilder;
use reqwest::header::{AUTHORIZATION, HeaderValue};
use serde::Deserialize;
use serde_json::json;
use switchboard_core::{AdPlatform, AdSpendDay, Day};

use crate::http::{Http, Policy};
use crate::{ApiError, Fetched, Vendor, join, money};

pub const DEFAULT_BASE_URL: &str = "https://services.adroll.com";

const VENDOR: Vendor = Vendor::AdRoll;

/// One advertisable's campaigns, reported in one currency.
#[derive(Clone)]
pub struct AdRoll {
    http: Http,
    base: String,
    api_key: String,
    token: String,
    advertisable: String,
    currency: String,
}

impl fmt::Debug for AdRoll {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AdRoll")
            .field("base", &self.base)
            .field("advertisable", &self.advertisable)
            .field("currency", &self.currency)
            .finish_non_exhaustive()
    }
}

/// AdRoll's envelope around every answer.
#[derive(Deserialize)]
struct WireEnvelope {
    #[serde(default)]
    has_errors: bool,
    #[serde(default)]
    errors: Vec<serde_json::Value>,
    #[serde(default)]
    data: Option<WireData>,
}

#[derive(Deserialize)]
struct WireData {
    advertisable: WireAdvertisableQuery,
}

#[derive(Deserialize)]
struct WireAdvertisableQuery {
    #[serde(rename = "byEID")]
    by_eid: Option<WireAdvertisable>,
}

#[derive(Deserialize)]
struct WireAdvertisable {
    #[serde(default)]
    campaigns: Vec<WireCampaign>,
}

#[derive(Deserialize)]
struct WireCampaign {
    eid: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    metrics: Option<WireMetrics>,
}

#[derive(Deserialize)]
struct WireMetrics {
    #[serde(rename = "byDate", default)]
    by_date: Vec<WireDay>,
}

#[derive(Deserialize)]
struct WireDay {
    date: String,
    // A figure AdRoll has not got is null or absent: zero.
    #[serde(default)]
    cost: Option<serde_json::Value>,
    #[serde(default)]
    impressions: Option<serde_json::Value>,
    #[serde(default)]
    clicks: Option<serde_json::Value>,
}

impl AdRoll {
    /// `currency` is the ISO code AdRoll converts the figures to; `base_url` defaults to
    /// [`DEFAULT_BASE_URL`].
    pub fn new(
        base_url: Option<&str>,
        api_key: &str,
        token: &str,
        advertisable_eid: &str,
        currency: &str,
        policy: Policy,
    ) -> AdRoll {
        AdRoll {
            http: Http::new(VENDOR, policy),
            base: base_url.unwrap_or(DEFAULT_BASE_URL).to_owned(),
            api_key: api_key.to_owned(),
            token: token.to_owned(),
            advertisable: advertisable_eid.trim().to_owned(),
            currency: currency.trim().to_owned(),
        }
    }

    /// The advertisable's EID and name: whether the key, the token and the EID all work.
    pub async fn check(&self) -> Result<(), ApiError> {
        let query = format!(
            "{{advertisable{{byEID(advertisable:{}){{eid name}}}}}}",
            literal(&self.advertisable)
        );
        self.query(&query).await.map(drop)
    }

    /// Spend, impressions and clicks per campaign and day from `since` to `until` (both
    /// included; AdRoll's range is `[start, end)`, so `end` is the day after `until`). `raw`
    /// holds the one answer. An empty range asks nothing.
    pub async fn spend(
        &self,
        since: Day,
        until: Day,
    ) -> Result<Fetched<Vec<AdSpendDay>>, ApiError> {
        if until < since {
            return Ok(Fetched { value: Vec::new(), raw: json!([]) });
        }
        let query = format!(
            "{{advertisable{{byEID(advertisable:{eid}){{eid campaigns{{eid name \
             metrics(start:\"{since}\",end:\"{end}\",currency:{currency})\
             {{byDate{{date cost impressions clicks}}}}}}}}}}}}",
            eid = literal(&self.advertisable),
            end = until.plus(1),
            currency = literal(&self.currency),
        );
        let (advertisable, raw) = self.query(&query).await?;
        let mut days = Vec::new();
        for campaign in advertisable.campaigns {
            for day in campaign.metrics.map(|m| m.by_date).unwrap_or_default() {
                days.push(self.spend_day(&campaign.eid, &campaign.name, &day)?);
            }
        }
        Ok(Fetched { value: days, raw: json!([raw]) })
    }

    /// `POST /api/v1/campaign/edit?apikey=…` with `campaign=<eid>&status=paused` (an [U]
    /// unverified endpoint; see the module notes). Any 2xx without AdRoll's error envelope is
    /// success; pausing twice is harmless, so the policy may retry it.
    pub async fn pause_campaign(&self, campaign_eid: &str) -> Result<(), ApiError> {
        if campaign_eid.trim().is_empty() {
            return Err(ApiError::NotFound { vendor: VENDOR });
        }
        let request = self
            .http
            .client()
            .post(join(&self.base, "/api/v1/campaign/edit"))
            .query(&[("apikey", &self.api_key)])
            .form(&[("campaign", campaign_eid.trim()), ("status", "paused")]);
        let reply = self.http.send(self.authorized(request)).await?;
        // The answer's shape is not documented; only AdRoll's error envelope is looked for.
        match serde_json::from_slice::<WireEnvelope>(&reply.body) {
            Ok(envelope) if envelope.has_errors => Err(errors(reply.status, &envelope.errors)),
            _ => Ok(()),
        }
    }

    /// Runs a reporting query; returns the advertisable and the whole answer.
    async fn query(&self, query: &str) -> Result<(WireAdvertisable, serde_json::Value), ApiError> {
        let request = self
            .http
            .client()
            .post(join(&self.base, "/reporting/api/v1/query"))
            .query(&[("apikey", &self.api_key)])
            .json(&json!({"query": query}));
        let reply = self.http.send(self.authorized(request)).await?;
        let raw: serde_json::Value = reply.json(VENDOR)?;
        let envelope: WireEnvelope =
            serde_json::from_value(raw.clone()).map_err(|e| ApiError::bad_body(VENDOR, &e))?;
        if envelope.has_errors {
            return Err(errors(reply.status, &envelope.errors));
        }
        let data = envelope.data.ok_or_else(|| bad("the answer has neither data nor errors"))?;
        let advertisable = data.advertisable.by_eid.ok_or(ApiError::NotFound { vendor: VENDOR })?;
        Ok((advertisable, raw))
    }

    fn authorized(&self, request: RequestBuilder) -> RequestBuilder {
        match HeaderValue::try_from(format!("Token {}", self.token)) {
            Ok(mut value) => {
                value.set_sensitive(true);
                request.header(AUTHORIZATION, value)
            }
            // A token no header can carry: send none and let AdRoll refuse the request.
            Err(_) => request,
        }
    }

    fn spend_day(&self, eid: &str, name: &str, wire: &WireDay) -> Result<AdSpendDay, ApiError> {
        let at = format!("campaign {eid} on {}", wire.date);
        // Dates may come with a time; the day is the first ten characters.
        let day = wire
            .date
            .get(..10)
            .and_then(Day::parse)
            .ok_or_else(|| bad(&format!("{at}: date is not a YYYY-MM-DD date")))?;
        let spend_minor = match &wire.cost {
            None => 0,
            Some(cost) => money::json_text(cost)
                .and_then(|text| money::minor_units(&text))
                .ok_or_else(|| bad(&format!("{at}: cost {cost} is not an amount")))?,
        };
        let metric = |field: &str, value: &Option<serde_json::Value>| match value {
            None => Ok(0),
            Some(v) => {
                money::count(v).ok_or_else(|| bad(&format!("{at}: {field} {v} is not a count")))
            }
        };
        Ok(AdSpendDay {
            platform: AdPlatform::AdRoll,
            campaign_id: eid.to_owned(),
            campaign_name: name.to_owned(),
            day,
            spend_minor,
            currency: self.currency.clone(),
            impressions: metric("impressions", &wire.impressions)?,
            clicks: metric("clicks", &wire.clicks)?,
        })
    }
}

/// A GraphQL string literal; JSON's escapes are a subset of GraphQL's.
fn literal(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// AdRoll's `errors: [{id, msg}]` as one error carrying its messages.
fn errors(status: u16, errors: &[serde_json::Value]) -> ApiError {
    let messages: Vec<&str> = errors.iter().filter_map(|e| e["msg"].as_str()).collect();
    let message = if messages.is_empty() {
        "AdRoll reported an error without a message".to_owned()
    } else {
        messages.join("; ")
    };
    ApiError::BadResponse { vendor: VENDOR, status: Some(status), message }
}

fn bad(message: &str) -> ApiError {
    ApiError::BadResponse { vendor: VENDOR, status: None, message: message.to_owned() }
}

#[cfg(test)]
mod tests;
