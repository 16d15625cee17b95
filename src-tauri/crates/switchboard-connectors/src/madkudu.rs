//! MadKudu's (legacy) Scoring API: a person by email, a company by domain, each with its
//! `customer_fit` segment, score and signals (vendor-apis.md §3). Basic auth, key as user.

use serde::Deserialize;
use switchboard_core::FitSegment;

use crate::http::{Http, Policy};
use crate::{ApiError, Fetched, Vendor, join};

pub const DEFAULT_BASE_URL: &str = "https://api.madkudu.com";

/// What MadKudu says of a person or a company.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub segment: FitSegment,
    /// 0 to 100.
    pub score: f64,
    pub signals: Vec<Signal>,
    /// MadKudu's own one-line-per-signal text, when it sends it.
    pub signals_text: Option<String>,
    /// The company's domain, for a person (from their email or MadKudu's data).
    pub domain: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Signal {
    pub name: String,
    pub value: String,
    pub positive: bool,
}

#[derive(Clone)]
pub struct MadKudu {
    http: Http,
    base: String,
    key: String,
}

impl std::fmt::Debug for MadKudu {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MadKudu").field("base", &self.base).finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct Wire {
    properties: WireProperties,
}

#[derive(Deserialize)]
struct WireProperties {
    #[serde(default)]
    domain: Option<String>,
    customer_fit: WireFit,
}

#[derive(Deserialize)]
struct WireFit {
    segment: String,
    score: f64,
    #[serde(default)]
    top_signals: Vec<WireSignal>,
    // The API spells it with one "t"; its docs with two. Accept both.
    #[serde(default, alias = "top_signals_formatted")]
    top_signals_formated: Option<String>,
}

#[derive(Deserialize)]
struct WireSignal {
    name: String,
    #[serde(default)]
    value: serde_json::Value,
    #[serde(rename = "type", default)]
    kind: Option<String>,
}

impl MadKudu {
    pub fn new(base_url: &str, api_key: &str, policy: Policy) -> MadKudu {
        MadKudu {
            http: Http::new(Vendor::MadKudu, policy),
            base: base_url.to_owned(),
            key: api_key.to_owned(),
        }
    }

    /// `GET /v1/ping`: the cheapest call, for "test connection".
    pub async fn ping(&self) -> Result<(), ApiError> {
        let request = self.http.client().get(join(&self.base, "/v1/ping"));
        self.http.send(request.basic_auth(&self.key, Some(""))).await.map(drop)
    }

    /// A person's fit by email; `None` when MadKudu does not know them (404).
    pub async fn person(&self, email: &str) -> Result<Option<Fetched<Fit>>, ApiError> {
        self.lookup("/v1/persons", "email", email).await
    }

    /// A company's fit by domain; `None` when MadKudu does not know it (404).
    pub async fn company(&self, domain: &str) -> Result<Option<Fetched<Fit>>, ApiError> {
        self.lookup("/v1/companies", "domain", domain).await
    }

    async fn lookup(
        &self,
        path: &str,
        param: &str,
        value: &str,
    ) -> Result<Option<Fetched<Fit>>, ApiError> {
        let request = self
            .http
            .client()
            .get(join(&self.base, path))
            .query(&[(param, value)])
            .basic_auth(&self.key, Some(""));
        let reply = match self.http.send(request).await {
            Ok(reply) => reply,
            Err(ApiError::NotFound { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        let raw: serde_json::Value = reply.json(Vendor::MadKudu)?;
        let wire: Wire = serde_json::from_value(raw.clone())
            .map_err(|e| ApiError::bad_body(Vendor::MadKudu, &e))?;
        let fit = wire.properties.customer_fit;
        let segment = fit.segment.parse::<FitSegment>().map_err(|_| ApiError::BadResponse {
            vendor: Vendor::MadKudu,
            status: None,
            message: format!("unknown customer_fit segment {:?}", fit.segment),
        })?;
        let signals = fit
            .top_signals
            .into_iter()
            .map(|s| Signal {
                name: s.name,
                value: match s.value {
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                },
                positive: s.kind.as_deref() != Some("negative"),
            })
            .collect();
        Ok(Some(Fetched {
            value: Fit {
                segment,
                score: fit.score,
                signals,
                signals_text: fit.top_signals_formated,
                domain: wire.properties.domain,
            },
            raw,
        }))
    }
}

#[cfg(test)]
mod tests;
