//! Inbound webhooks beside the Tracking API: Customer.io's reporting webhooks (delivered, opened,
//! bounced, unsubscribed…) and Mailparser's parsed replies, each moving the outbound contact they
//! name (`switchboard_store::outreach`).
//!
//! Every call is authenticated: the secret in the path (`/webhooks/{secret}/customerio`), or
//! HTTP Basic with the user `switchboard` and the secret as password (`/webhooks/customerio`).
//! Customer.io's calls must also carry a valid `x-cio-signature` when a signing key is set:
//! HMAC-SHA256 over `v0:{x-cio-timestamp}:{raw body}`, hex (vendor-apis.md §4.4), with the
//! timestamp within five minutes. A call is stored once per event id, so a resent webhook changes
//! nothing; the 200 is sent after the commit.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router};
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use switchboard_core::Timestamp;
use switchboard_store::outreach::{self, Outcome};

use crate::Collector;

/// The Basic-auth user name the webhooks take (the password is the secret).
pub const BASIC_USER: &str = "switchboard";

/// How far `x-cio-timestamp` may be from the collector's clock.
const SIGNATURE_TOLERANCE_S: i64 = 300;

/// What authenticates the webhooks. Without it they answer 404 and say how to set them up.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookAuth {
    /// In the path, or the Basic-auth password.
    pub secret: String,
    /// Customer.io's webhook signing key, when the user gave it.
    pub cio_signing_key: Option<String>,
}

impl std::fmt::Debug for WebhookAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookAuth")
            .field("signed", &self.cio_signing_key.is_some())
            .finish_non_exhaustive()
    }
}

/// The JSON template to paste into Mailparser's webhook ("Generic/Advanced Webhook", content
/// type JSON). `{{…}}` are Mailparser's own fields; `from` must be the sender's address.
pub const MAILPARSER_TEMPLATE: &str = r#"{
  "id": "{{id}}",
  "received_at": "{{received_at}}",
  "from": "{{from_email}}",
  "subject": "{{subject}}",
  "to": "{{to}}"
}"#;

pub(crate) fn routes() -> Router<Collector> {
    Router::new()
        .route("/webhooks/{secret}/{source}", axum::routing::post(with_secret))
        .route("/webhooks/{source}", axum::routing::post(with_basic))
}

#[derive(Debug)]
struct Refused(StatusCode, &'static str, String);

impl IntoResponse for Refused {
    fn into_response(self) -> Response {
        (self.0, Json(json!({"code": self.1, "message": self.2}))).into_response()
    }
}

async fn with_secret(
    State(collector): State<Collector>,
    Path((secret, source)): Path<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let refusal =
        "the secret in the path is wrong; copy the webhook URL again from Switchboard".to_owned();
    let ok = |a: &WebhookAuth| same(a.secret.as_bytes(), secret.as_bytes());
    authorised(&collector, ok, refusal, &source, &headers, &body).await
}

async fn with_basic(
    State(collector): State<Collector>,
    Path(source): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let refusal = format!(
        "send HTTP Basic auth with the user `{BASIC_USER}` and the webhook secret as password, \
         or put the secret in the path"
    );
    let ok = |a: &WebhookAuth| basic_matches(&headers, &a.secret);
    authorised(&collector, ok, refusal, &source, &headers, &body).await
}

/// Receives a call when the webhooks are set up and `ok` accepts its credentials.
async fn authorised(
    collector: &Collector,
    ok: impl Fn(&WebhookAuth) -> bool,
    refusal: String,
    source: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Response {
    let result = match collector.webhook_auth() {
        None => Err(not_set_up()),
        Some(a) if !ok(&a) => Err(Refused(StatusCode::UNAUTHORIZED, "unauthorized", refusal)),
        Some(a) => receive(collector, &a, source, headers, body).await,
    };
    result.unwrap_or_else(IntoResponse::into_response)
}

fn not_set_up() -> Refused {
    Refused(
        StatusCode::NOT_FOUND,
        "webhooks_off",
        "webhooks are not set up; run `switchboard-cli webhook setup` and restart the collector"
            .into(),
    )
}

/// Compares without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn basic_matches(headers: &HeaderMap, secret: &str) -> bool {
    let Some(value) = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let Some(encoded) = value.strip_prefix("Basic ").or_else(|| value.strip_prefix("basic "))
    else {
        return false;
    };
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(encoded.trim()) else {
        return false;
    };
    let expected = format!("{BASIC_USER}:{secret}");
    same(&decoded, expected.as_bytes())
}

async fn receive(
    collector: &Collector,
    auth: &WebhookAuth,
    source: &str,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Response, Refused> {
    let now = (collector.inner.clock)();
    let call = match source {
        "customerio" => {
            if let Some(key) = &auth.cio_signing_key {
                check_signature(key, headers, body, now)?;
            }
            customerio_call(body)?
        }
        "mailparser" => mailparser_call(body)?,
        other => {
            return Err(Refused(
                StatusCode::NOT_FOUND,
                "not_found",
                format!("`{other}` is not a webhook; use /webhooks/…/customerio or …/mailparser"),
            ));
        }
    };
    let source = source.to_owned();
    let outcome =
        collector.inner.db.call(move |c| apply(c, &source, &call, now)).await.map_err(|e| {
            tracing::error!(error = ?e, "could not store a webhook");
            Refused(
                StatusCode::SERVICE_UNAVAILABLE,
                "store_failed",
                "the workspace could not store the call; send it again".into(),
            )
        })?;
    Ok((StatusCode::OK, Json(json!({"status": "ok", "outcome": outcome}))).into_response())
}

fn check_signature(
    key: &str,
    headers: &HeaderMap,
    body: &[u8],
    now: Timestamp,
) -> Result<(), Refused> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
    let bad = |why: &str| Refused(StatusCode::UNAUTHORIZED, "bad_signature", why.to_owned());
    let (Some(ts), Some(signature)) = (header("x-cio-timestamp"), header("x-cio-signature")) else {
        return Err(bad(
            "x-cio-timestamp and x-cio-signature are required: a signing key is set for \
             Customer.io's webhooks",
        ));
    };
    let Ok(seconds) = ts.parse::<i64>() else {
        return Err(bad("x-cio-timestamp must be unix seconds"));
    };
    if (now / 1000 - seconds).abs() > SIGNATURE_TOLERANCE_S {
        return Err(bad("x-cio-timestamp is more than five minutes from this machine's clock"));
    }
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(key.as_bytes()) else {
        return Err(bad("the signing key cannot be used"));
    };
    mac.update(format!("v0:{ts}:").as_bytes());
    mac.update(body);
    let expected = hex(&mac.finalize().into_bytes());
    if same(expected.as_bytes(), signature.to_ascii_lowercase().as_bytes()) {
        Ok(())
    } else {
        Err(bad("x-cio-signature does not match the body; check the signing key in Switchboard"))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A webhook call, read.
#[derive(Debug, Clone, PartialEq)]
struct Call {
    event_id: String,
    metric: String,
    email: Option<String>,
    delivery_id: Option<String>,
    at: Timestamp,
}

fn json_body(body: &[u8]) -> Result<Value, Refused> {
    serde_json::from_slice(body).map_err(|e| {
        Refused(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            format!("the body is not JSON ({e}); set the webhook's content type to JSON"),
        )
    })
}

fn customerio_call(body: &[u8]) -> Result<Call, Refused> {
    let v = json_body(body)?;
    let missing = |field: &str| {
        Refused(
            StatusCode::BAD_REQUEST,
            "invalid_webhook",
            format!("a Customer.io reporting webhook has `{field}`; this body has none"),
        )
    };
    let event_id = v["event_id"].as_str().ok_or_else(|| missing("event_id"))?.to_owned();
    let metric = v["metric"].as_str().ok_or_else(|| missing("metric"))?.to_owned();
    let at = v["timestamp"].as_i64().ok_or_else(|| missing("timestamp"))? * 1000;
    let data = &v["data"];
    let email = [&data["identifiers"]["email"], &data["recipient"], &data["email_address"]]
        .into_iter()
        .find_map(|e| e.as_str().and_then(address))
        .or_else(|| data["customer_id"].as_str().and_then(address))
        .or_else(|| data["identifiers"]["id"].as_str().and_then(address));
    let delivery_id = data["delivery_id"].as_str().map(str::to_owned);
    Ok(Call { event_id, metric, email, delivery_id, at })
}

fn mailparser_call(body: &[u8]) -> Result<Call, Refused> {
    let v = json_body(body)?;
    let field = |name: &str| v[name].as_str().map(str::trim).filter(|s| !s.is_empty());
    let Some(from) = field("from") else {
        return Err(Refused(
            StatusCode::BAD_REQUEST,
            "invalid_webhook",
            "a reply needs `from`, the sender's address; paste Switchboard's Mailparser template"
                .into(),
        ));
    };
    let Some(email) = address(from) else {
        return Err(Refused(
            StatusCode::BAD_REQUEST,
            "invalid_webhook",
            format!("`from` holds no email address: {from}"),
        ));
    };
    let at = field("received_at")
        .and_then(|t| switchboard_core::segment::parse_time(t, "received_at").ok())
        .unwrap_or_default();
    // Without Mailparser's id, the sender and the time stand for the reply.
    let event_id = field("id")
        .map_or_else(|| format!("{email}/{}", field("received_at").unwrap_or("")), str::to_owned);
    Ok(Call { event_id, metric: "replied".into(), email: Some(email), delivery_id: None, at })
}

/// The address in `Name <a@b.com>` or `a@b.com`, lower-cased.
fn address(text: &str) -> Option<String> {
    let inner = match (text.rfind('<'), text.rfind('>')) {
        (Some(a), Some(b)) if a < b => &text[a + 1..b],
        _ => text,
    };
    let inner = inner.trim().trim_start_matches("mailto:");
    let (user, domain) = inner.split_once('@')?;
    (!user.is_empty() && domain.contains('.') && !inner.contains(char::is_whitespace))
        .then(|| inner.to_lowercase())
}

fn apply(
    c: &mut switchboard_store::Connection,
    source: &str,
    call: &Call,
    now: Timestamp,
) -> switchboard_store::Result<String> {
    let tx = c.transaction()?;
    let email = match &call.email {
        Some(e) => Some(e.clone()),
        None => match &call.delivery_id {
            Some(d) => outreach::email_of_delivery(&tx, d)?,
            None => None,
        },
    };
    let outcome = match (metric_outcome(&call.metric), &email) {
        (None, _) => format!("ignored: `{}` does not move a contact", call.metric),
        (Some(_), None) => "ignored: names no address".to_owned(),
        (Some(o), Some(e)) => {
            let at = if call.at > 0 { call.at } else { now };
            match outreach::advance(&tx, e, o, at, Some(&format!("{source}: {}", call.metric)))? {
                Some(state) => state,
                None => "ignored: not an outbound contact".to_owned(),
            }
        }
    };
    let fresh = outreach::record_webhook(
        &tx,
        source,
        &call.event_id,
        email.as_deref(),
        &call.metric,
        &outcome,
        now,
    )?;
    if fresh {
        tx.commit()?;
        Ok(outcome)
    } else {
        Ok("already received".to_owned())
    }
}

/// What a Customer.io metric (or a reply) does to the contact.
fn metric_outcome(metric: &str) -> Option<Outcome> {
    match metric {
        "delivered" => Some(Outcome::Delivered),
        "opened" | "clicked" => Some(Outcome::Opened),
        "replied" => Some(Outcome::Replied),
        "bounced" | "dropped" | "failed" | "undeliverable" => Some(Outcome::Bounced),
        "unsubscribed" | "spammed" => Some(Outcome::Unsubscribed),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_read_from_a_name_or_alone() {
        assert_eq!(address("Ann Lee <Ann@Acme.com>").as_deref(), Some("ann@acme.com"));
        assert_eq!(address("bob@beta.io").as_deref(), Some("bob@beta.io"));
        assert_eq!(address("not an address"), None);
        assert_eq!(address("cust_123"), None);
    }

    #[test]
    fn the_signature_is_hmac_sha256_over_v0_timestamp_body() {
        let body = br#"{"event_id":"e1"}"#;
        let mut mac = Hmac::<Sha256>::new_from_slice(b"key").unwrap();
        mac.update(b"v0:1700000000:");
        mac.update(body);
        let good = hex(&mac.finalize().into_bytes());
        let mut headers = HeaderMap::new();
        headers.insert("x-cio-timestamp", "1700000000".parse().unwrap());
        headers.insert("x-cio-signature", good.parse().unwrap());
        assert!(check_signature("key", &headers, body, 1_700_000_010_000).is_ok());
        assert!(check_signature("other", &headers, body, 1_700_000_010_000).is_err());
        assert!(check_signature("key", &headers, b"{}", 1_700_000_010_000).is_err());
        // Too old: a replay.
        assert!(check_signature("key", &headers, body, 1_700_001_000_000).is_err());
    }
}
