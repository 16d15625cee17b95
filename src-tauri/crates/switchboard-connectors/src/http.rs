//! The one HTTP policy every client shares: timeouts, a per-vendor rate limiter (`governor`),
//! retries of 408, 429 and 5xx (not 501 or 505) with exponential backoff and jitter, `Retry-After`
//! as seconds or an HTTP date (capped), Facebook's throttle codes inside a 400 body, and the
//! mapping of what is left to [`ApiError`]. Clients build requests and parse bodies; they never
//! retry on their own.
//!
//! It must not log or return a URL: Facebook and AdRoll take credentials in the query string.

use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use rand::Rng;
use reqwest::header::{HeaderMap, RETRY_AFTER};

use crate::{ApiError, Vendor};

/// How patient a client is. Every number is configurable; the defaults follow the vendors' own
/// SDKs (analytics-python, customerio-node).
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    pub timeout: Duration,
    /// Retries after the first attempt.
    pub max_retries: u32,
    pub backoff_base: Duration,
    pub backoff_max: Duration,
    /// The longest wait a `Retry-After` (or Facebook's regain-access estimate) may impose.
    pub retry_after_cap: Duration,
    /// Requests per period; `None` turns the limiter off.
    pub rate: Option<(u32, Duration)>,
}

impl Policy {
    pub fn for_vendor(vendor: Vendor) -> Policy {
        Policy {
            timeout: Duration::from_secs(30),
            max_retries: 5,
            backoff_base: Duration::from_millis(500),
            backoff_max: Duration::from_secs(60),
            retry_after_cap: Duration::from_secs(300),
            rate: Some(vendor.rate()),
        }
    }

    /// A policy for tests against local servers: the same rules with millisecond waits.
    pub fn quick(vendor: Vendor) -> Policy {
        Policy {
            timeout: Duration::from_secs(5),
            max_retries: 3,
            backoff_base: Duration::from_millis(5),
            backoff_max: Duration::from_millis(50),
            retry_after_cap: Duration::from_secs(2),
            rate: Some(vendor.rate()).filter(|_| false),
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let exp = self.backoff_base.saturating_mul(1u32 << attempt.min(16)).min(self.backoff_max);
        // "Equal jitter": at least half the exponential step, so waits still grow.
        let half = exp / 2;
        half + rand::rng().random_range(Duration::ZERO..=half)
    }
}

/// A successful answer: 2xx, body read.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json<T: serde::de::DeserializeOwned>(&self, vendor: Vendor) -> Result<T, ApiError> {
        serde_json::from_slice(&self.body).map_err(|e| ApiError::bad_body(vendor, &e))
    }
}

/// One vendor's HTTP client with its policy and limiter.
#[derive(Debug, Clone)]
pub struct Http {
    vendor: Vendor,
    client: reqwest::Client,
    policy: Policy,
    limiter: Option<Arc<DefaultDirectRateLimiter>>,
}

enum Verdict {
    Retry { after: Option<Duration>, throttled: bool },
    Fail(ApiError),
}

impl Http {
    pub fn new(vendor: Vendor, policy: Policy) -> Http {
        let client = reqwest::Client::builder()
            .timeout(policy.timeout)
            .user_agent(concat!("switchboard/", env!("CARGO_PKG_VERSION")))
            .build()
            .unwrap_or_default();
        let limiter = policy.rate.and_then(|(n, per)| {
            let n = NonZeroU32::new(n)?;
            let quota = Quota::with_period(per / n.get())?.allow_burst(n);
            Some(Arc::new(RateLimiter::direct(quota)))
        });
        Http { vendor, client, policy, limiter }
    }

    pub fn vendor(&self) -> Vendor {
        self.vendor
    }

    pub(crate) fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Sends `request` under the policy: waits for the limiter, retries what may be retried,
    /// and returns a 2xx reply or the error that is left.
    pub(crate) async fn send(&self, request: reqwest::RequestBuilder) -> Result<Reply, ApiError> {
        let vendor = self.vendor;
        let request = request.build().map_err(|e| network(vendor, &e))?;
        let mut attempt = 0u32;
        loop {
            if let Some(limiter) = &self.limiter {
                limiter.until_ready().await;
            }
            let Some(mut this) = request.try_clone() else {
                return Err(ApiError::BadResponse {
                    vendor,
                    status: None,
                    message: "the request body cannot be resent".into(),
                });
            };
            if attempt > 0 {
                this.headers_mut().insert("x-retry-count", attempt.into());
            }
            let verdict = match self.client.execute(this).await {
                Err(e) if e.is_timeout() || e.is_connect() || e.is_request() => {
                    Verdict::Retry { after: None, throttled: false }.or_fail_after(
                        attempt,
                        &self.policy,
                        || network(vendor, &e),
                    )
                }
                Err(e) => Verdict::Fail(network(vendor, &e)),
                Ok(response) => {
                    let status = response.status().as_u16();
                    let headers = response.headers().clone();
                    let body = match response.bytes().await {
                        Ok(b) => b.to_vec(),
                        Err(e) => return Err(network(vendor, &e)),
                    };
                    if (200..300).contains(&status) {
                        return Ok(Reply { status, headers, body });
                    }
                    let verdict = self.classify(status, &headers, &body);
                    match verdict {
                        Verdict::Retry { after, throttled } => Verdict::Retry { after, throttled }
                            .or_fail_after(attempt, &self.policy, || {
                                exhausted(vendor, status, after, throttled, &body)
                            }),
                        fail => fail,
                    }
                }
            };
            match verdict {
                Verdict::Fail(e) => return Err(e),
                Verdict::Retry { after, .. } => {
                    let wait = match after {
                        Some(after) => after.min(self.policy.retry_after_cap),
                        None => self.policy.backoff(attempt),
                    };
                    tracing::debug!(%vendor, attempt, ?wait, "retrying");
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
            }
        }
    }

    fn classify(&self, status: u16, headers: &HeaderMap, body: &[u8]) -> Verdict {
        let vendor = self.vendor;
        if vendor == Vendor::Facebook && facebook_throttled(body) {
            return Verdict::Retry { after: facebook_regain(headers), throttled: true };
        }
        // Facebook reports a bad or expired token as a 400 with code 190.
        if vendor == Vendor::Facebook && facebook_code(body) == Some(190) {
            return Verdict::Fail(ApiError::Unauthorized {
                vendor,
                status,
                message: body_message(body),
            });
        }
        match status {
            408 => Verdict::Retry { after: None, throttled: false },
            429 => Verdict::Retry { after: retry_after(headers), throttled: true },
            501 | 505 => Verdict::Fail(ApiError::BadResponse {
                vendor,
                status: Some(status),
                message: body_message(body),
            }),
            500..=599 => Verdict::Retry { after: retry_after(headers), throttled: false },
            401 | 403 => Verdict::Fail(ApiError::Unauthorized {
                vendor,
                status,
                message: body_message(body),
            }),
            404 => Verdict::Fail(ApiError::NotFound { vendor }),
            _ => Verdict::Fail(ApiError::BadResponse {
                vendor,
                status: Some(status),
                message: body_message(body),
            }),
        }
    }
}

impl Verdict {
    fn or_fail_after(
        self,
        attempt: u32,
        policy: &Policy,
        fail: impl FnOnce() -> ApiError,
    ) -> Verdict {
        if attempt >= policy.max_retries { Verdict::Fail(fail()) } else { self }
    }
}

fn exhausted(
    vendor: Vendor,
    status: u16,
    after: Option<Duration>,
    throttled: bool,
    body: &[u8],
) -> ApiError {
    if throttled {
        ApiError::RateLimited { vendor, retry_after: after }
    } else {
        ApiError::BadResponse { vendor, status: Some(status), message: body_message(body) }
    }
}

fn network(vendor: Vendor, error: &reqwest::Error) -> ApiError {
    // Not `error.to_string()`: it names the URL, and the query string may hold a key.
    let mut message = reqwest_text(error);
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        message.push_str(": ");
        message.push_str(&e.to_string());
        source = e.source();
    }
    ApiError::Network { vendor, message }
}

fn reqwest_text(error: &reqwest::Error) -> String {
    if error.is_timeout() {
        "timed out".into()
    } else if error.is_connect() {
        "connection failed".into()
    } else if error.is_body() || error.is_decode() {
        "the body could not be read".into()
    } else {
        "request failed".into()
    }
}

/// `Retry-After` as delta-seconds or an HTTP date.
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(SystemTime::now()).unwrap_or(Duration::ZERO))
}

/// Facebook signals throttling with codes in the JSON `error`, not with 429.
fn facebook_throttled(body: &[u8]) -> bool {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(body) else { return false };
    let code = v["error"]["code"].as_i64().unwrap_or(-1);
    let sub = v["error"]["error_subcode"].as_i64().unwrap_or(-1);
    matches!(code, 4 | 17 | 32 | 613 | 80000..=80014) || (code == 100 && sub == 1_504_018)
}

fn facebook_code(body: &[u8]) -> Option<i64> {
    serde_json::from_slice::<serde_json::Value>(body).ok()?["error"]["code"].as_i64()
}

/// The longest `estimated_time_to_regain_access` (minutes) in `X-Business-Use-Case-Usage`.
fn facebook_regain(headers: &HeaderMap) -> Option<Duration> {
    let raw = headers.get("x-business-use-case-usage")?.to_str().ok()?;
    let usage: serde_json::Value = serde_json::from_str(raw).ok()?;
    let minutes = usage
        .as_object()?
        .values()
        .filter_map(|v| v.as_array())
        .flatten()
        .filter_map(|u| u["estimated_time_to_regain_access"].as_u64())
        .max()?;
    Some(Duration::from_secs(minutes * 60))
}

/// The vendor's own words from an error body, in any of the documented shapes, or its start.
pub(crate) fn body_message(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let from_json = serde_json::from_str::<serde_json::Value>(&text).ok().and_then(|v| {
        let candidates = [
            &v["error"]["message"],
            &v["message"],
            &v["error"],
            &v["meta"]["errors"][0],
            &v["errors"][0]["msg"],
            &v["errors"][0]["message"],
            &v[0]["error"]["message"],
            &v[0]["message"],
        ];
        candidates.into_iter().find_map(|c| c.as_str().map(str::to_owned))
    });
    let message = from_json.unwrap_or_else(|| text.trim().to_owned());
    if message.is_empty() {
        return "no reason given".into();
    }
    message.chars().take(200).collect()
}

#[cfg(test)]
mod tests;
