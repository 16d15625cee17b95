//! Customer.io (vendor-apis.md §4): the Track API that writes people and events (Basic auth,
//! `site_id:track_api_key`) and the App API that reads campaigns and email deliveries (Bearer
//! App API key), in the US or the EU region. It owns the two hosts, the two auth schemes and the
//! wire shapes, and returns domain values; it does not decide what to sync or push, and it must
//! never put a key in a URL, a log line or an error.

use std::fmt::{self, Write as _};
use std::str::FromStr;

use serde::Deserialize;
use serde_json::{Map, Value, json};
use switchboard_core::{EmailActivityKind, ParseError};

use crate::http::{Http, Policy};
use crate::{ApiError, Fetched, Vendor, join};

const VENDOR: Vendor = Vendor::CustomerIo;

/// The most deliveries `GET /v1/messages` returns in one page.
pub const MAX_PAGE: u32 = 1000;

/// The data centre a Customer.io workspace lives in; a workspace only answers on its own hosts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    Us,
    Eu,
}

impl Region {
    /// The identifier in settings and in `accounts/region` answers.
    pub fn id(self) -> &'static str {
        match self {
            Region::Us => "us",
            Region::Eu => "eu",
        }
    }

    fn track_base(self) -> &'static str {
        match self {
            Region::Us => "https://track.customer.io",
            Region::Eu => "https://track-eu.customer.io",
        }
    }

    fn app_base(self) -> &'static str {
        match self {
            Region::Us => "https://api.customer.io",
            Region::Eu => "https://api-eu.customer.io",
        }
    }
}

impl FromStr for Region {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Region, ParseError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "us" => Ok(Region::Us),
            "eu" => Ok(Region::Eu),
            _ => Err(ParseError { kind: "Customer.io region", value: s.to_owned() }),
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Region::Us => "US",
            Region::Eu => "EU",
        })
    }
}

/// A campaign as the App API lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
}

/// One page of email deliveries and the cursor of the next one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessagesPage {
    pub deliveries: Vec<Delivery>,
    /// `None` when this page is the last.
    pub next: Option<String>,
}

/// One email delivery and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: String,
    pub campaign_id: Option<i64>,
    pub newsletter_id: Option<i64>,
    pub broadcast_id: Option<i64>,
    pub customer_id: Option<String>,
    /// The person's email identifier, else the address the message went to.
    pub email: Option<String>,
    /// Unix seconds.
    pub created: i64,
    /// Each metric Switchboard records, with when it happened (unix seconds), in the order of
    /// [`EmailActivityKind`]. Metrics it does not record (`converted`, `spammed`, ...) are left out.
    pub metrics: Vec<(EmailActivityKind, i64)>,
}

/// Customer.io's metric names for the activities Switchboard records.
const METRICS: [(&str, EmailActivityKind); 6] = [
    ("sent", EmailActivityKind::Sent),
    ("delivered", EmailActivityKind::Delivered),
    ("opened", EmailActivityKind::Opened),
    ("clicked", EmailActivityKind::Clicked),
    ("bounced", EmailActivityKind::Bounced),
    ("unsubscribed", EmailActivityKind::Unsubscribed),
];

/// Both APIs of one workspace. `Debug` leaves the keys out.
#[derive(Clone)]
pub struct CustomerIo {
    // One client per API: their rate limits are counted separately.
    track: Http,
    app: Http,
    track_base: String,
    app_base: String,
    /// Where `accounts/region` is asked; the US Track host answers for every workspace, which
    /// is what makes it useful before the region is known.
    region_base: String,
    region: Region,
    site_id: String,
    track_key: String,
    app_key: String,
}

impl fmt::Debug for CustomerIo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomerIo")
            .field("track_base", &self.track_base)
            .field("app_base", &self.app_base)
            .field("region", &self.region)
            .field("site_id", &self.site_id)
            .finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct WireRegion {
    region: String,
}

#[derive(Deserialize)]
struct WireCampaigns {
    campaigns: Vec<WireCampaign>,
}

#[derive(Deserialize)]
struct WireCampaign {
    id: i64,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct WireMessages {
    messages: Vec<WireDelivery>,
    #[serde(default)]
    next: Option<String>,
}

// The per-message shape is unverified (vendor-apis.md §10): everything but `id` and `created`
// may be missing or null.
#[derive(Deserialize)]
struct WireDelivery {
    id: String,
    #[serde(default)]
    campaign_id: Option<i64>,
    #[serde(default)]
    newsletter_id: Option<i64>,
    #[serde(default)]
    broadcast_id: Option<i64>,
    #[serde(default)]
    customer_id: Option<String>,
    #[serde(default)]
    customer_identifiers: Option<WireIdentifiers>,
    #[serde(default)]
    recipient: Option<String>,
    created: i64,
    #[serde(default)]
    metrics: Option<Map<String, Value>>,
}

#[derive(Deserialize)]
struct WireIdentifiers {
    #[serde(default)]
    email: Option<String>,
}

impl CustomerIo {
    /// `base_url` `None` means the region's own hosts; `Some` puts both APIs at that base (Track
    /// paths under `/api/v1`, App paths under `/v1`), for fakes and proxies.
    pub fn new(
        base_url: Option<&str>,
        region: Region,
        site_id: &str,
        track_api_key: &str,
        app_api_key: &str,
        policy: Policy,
    ) -> CustomerIo {
        let (track_base, app_base, region_base) = match base_url {
            Some(base) => (base, base, base),
            None => (region.track_base(), region.app_base(), Region::Us.track_base()),
        };
        CustomerIo {
            track: Http::new(VENDOR, policy.clone()),
            app: Http::new(VENDOR, policy),
            track_base: track_base.to_owned(),
            app_base: app_base.to_owned(),
            region_base: region_base.to_owned(),
            region,
            site_id: site_id.to_owned(),
            track_key: track_api_key.to_owned(),
            app_key: app_api_key.to_owned(),
        }
    }

    /// The region the workspace lives in: `GET /api/v1/accounts/region` with Track auth.
    pub async fn region(&self) -> Result<Region, ApiError> {
        let request = self
            .track
            .client()
            .get(join(&self.region_base, "/api/v1/accounts/region"))
            .basic_auth(&self.site_id, Some(&self.track_key));
        let wire: WireRegion = self.track.send(request).await?.json(VENDOR)?;
        wire.region.parse().map_err(|_| ApiError::BadResponse {
            vendor: VENDOR,
            status: None,
            message: format!("unknown region {:?}", wire.region),
        })
    }

    /// "Test connection": the region through the Track API (the site id, the Track key, and
    /// the region chosen in settings), then the campaign list through the App API (the App key).
    /// Both keys are checked because a sync uses both.
    pub async fn check(&self) -> Result<(), ApiError> {
        let actual = self.region().await?;
        if actual != self.region {
            return Err(ApiError::BadResponse {
                vendor: VENDOR,
                status: None,
                message: format!(
                    "the workspace is in the {actual} region, not {}; choose {actual} in Connections",
                    self.region
                ),
            });
        }
        self.campaigns().await.map(drop)
    }

    /// Every campaign's id and name: `GET /v1/campaigns`.
    pub async fn campaigns(&self) -> Result<Vec<Campaign>, ApiError> {
        let request = self.app.client().get(join(&self.app_base, "/v1/campaigns"));
        let wire: WireCampaigns =
            self.app.send(request.bearer_auth(&self.app_key)).await?.json(VENDOR)?;
        Ok(wire
            .campaigns
            .into_iter()
            .map(|c| Campaign { id: c.id, name: c.name.unwrap_or_default() })
            .collect())
    }

    /// One page of email deliveries with their metrics: `GET /v1/messages?type=email`. `cursor`
    /// is the previous page's `next`; `since_unix` keeps deliveries created at or after it;
    /// `limit` is clamped to 1..=[`MAX_PAGE`].
    pub async fn messages(
        &self,
        cursor: Option<&str>,
        since_unix: Option<i64>,
        limit: u32,
    ) -> Result<Fetched<MessagesPage>, ApiError> {
        let mut query =
            vec![("type", "email".to_owned()), ("limit", limit.clamp(1, MAX_PAGE).to_string())];
        if let Some(cursor) = cursor {
            query.push(("start", cursor.to_owned()));
        }
        if let Some(since) = since_unix {
            query.push(("start_ts", since.to_string()));
        }
        let request = self
            .app
            .client()
            .get(join(&self.app_base, "/v1/messages"))
            .query(&query)
            .bearer_auth(&self.app_key);
        let raw: Value = self.app.send(request).await?.json(VENDOR)?;
        let wire = WireMessages::deserialize(&raw).map_err(|e| ApiError::bad_body(VENDOR, &e))?;
        let deliveries = wire.messages.into_iter().map(delivery).collect::<Result<_, _>>()?;
        let next = wire.next.filter(|n| !n.is_empty());
        Ok(Fetched { value: MessagesPage { deliveries, next }, raw })
    }

    /// Creates or updates a person: `PUT /api/v1/customers/{identifier}` with flat attributes.
    /// `identifier` is an id, an email or `cio_<id>`.
    pub async fn identify(
        &self,
        identifier: &str,
        attributes: &Map<String, Value>,
    ) -> Result<(), ApiError> {
        let path = format!("/api/v1/customers/{}", path_segment(identifier));
        let request = self
            .track
            .client()
            .put(join(&self.track_base, &path))
            .basic_auth(&self.site_id, Some(&self.track_key))
            .json(attributes);
        self.track.send(request).await.map(drop)
    }

    /// Records an event for a person: `POST /api/v1/customers/{identifier}/events`. `event_id`
    /// is Customer.io's dedupe id; `data` is the event's Liquid merge data.
    pub async fn track(
        &self,
        identifier: &str,
        name: &str,
        event_id: &str,
        timestamp_unix: i64,
        data: &Value,
    ) -> Result<(), ApiError> {
        let path = format!("/api/v1/customers/{}/events", path_segment(identifier));
        let body = json!({"name": name, "id": event_id, "timestamp": timestamp_unix, "data": data});
        let request = self
            .track
            .client()
            .post(join(&self.track_base, &path))
            .basic_auth(&self.site_id, Some(&self.track_key))
            .json(&body);
        self.track.send(request).await.map(drop)
    }
}

fn delivery(wire: WireDelivery) -> Result<Delivery, ApiError> {
    let metrics = wire.metrics.unwrap_or_default();
    let metrics = METRICS
        .iter()
        .filter_map(|&(name, kind)| match metrics.get(name) {
            None | Some(Value::Null) => None,
            Some(at) => {
                Some(at.as_i64().map(|at| (kind, at)).ok_or_else(|| ApiError::BadResponse {
                    vendor: VENDOR,
                    status: None,
                    message: format!(
                        "delivery {} has a `{name}` metric that is not unix seconds: {at}",
                        wire.id
                    ),
                }))
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    let non_empty = |s: Option<String>| s.filter(|s| !s.is_empty());
    let email =
        non_empty(wire.customer_identifiers.and_then(|i| i.email)).or(non_empty(wire.recipient));
    Ok(Delivery {
        id: wire.id,
        campaign_id: wire.campaign_id,
        newsletter_id: wire.newsletter_id,
        broadcast_id: wire.broadcast_id,
        customer_id: non_empty(wire.customer_id),
        email,
        created: wire.created,
        metrics,
    })
}

/// Percent-encodes all but RFC 3986's unreserved characters, so an identifier (an email with
/// `+`, an id with `/`) stays exactly one path segment.
fn path_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests;
