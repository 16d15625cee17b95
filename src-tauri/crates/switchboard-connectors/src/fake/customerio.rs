//! A fake Customer.io at one base URL: the Track API (`/api/v1/accounts/region`, identify,
//! events; Basic `site_id:track_key`) and the App API (`/v1/campaigns`, `/v1/messages`; Bearer
//! App key). Its campaigns are [`CAMPAIGNS`]; its email deliveries are generated from their
//! index by [`deliveries`], so a test can count what a sync must find. Identify and track calls
//! change nothing: read them back from [`FakeServer::seen`].

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Map, Value, json};

use super::{FakeServer, Fault, hash};

/// The workspace's campaigns: (id, name).
pub const CAMPAIGNS: [(i64, &str); 3] =
    [(1, "outbound-double-forward"), (2, "Onboarding"), (3, "Newsletter")];

/// How many deliveries [`start`] serves.
pub const DEFAULT_DELIVERIES: usize = 250;

/// When delivery 0 was created (unix seconds); each later one is [`CREATED_STEP`] later.
pub const FIRST_CREATED: i64 = 1_700_000_000;
pub const CREATED_STEP: i64 = 600;

/// The page size `/v1/messages` uses when none is asked for.
const DEFAULT_LIMIT: usize = 50;

pub async fn start(site_id: &str, track_key: &str, app_key: &str, region: &str) -> FakeServer {
    start_with(site_id, track_key, app_key, region, DEFAULT_DELIVERIES).await
}

/// A workspace in `region` (`us` or `eu`) with `deliveries` generated deliveries.
pub async fn start_with(
    site_id: &str,
    track_key: &str,
    app_key: &str,
    region: &str,
    deliveries: usize,
) -> FakeServer {
    start_from(site_id, track_key, app_key, region, deliveries, FIRST_CREATED).await
}

/// As [`start_with`], the first delivery created at `first_created` (unix seconds), so that a
/// workspace's recent days can be filled.
pub async fn start_from(
    site_id: &str,
    track_key: &str,
    app_key: &str,
    region: &str,
    deliveries: usize,
    first_created: i64,
) -> FakeServer {
    let host = if region == "eu" { "track-eu" } else { "track" };
    let region_body = json!({"url": format!("https://{host}.customer.io"), "region": region, "environment_id": 4242});
    let router = Router::new()
        .route("/api/v1/accounts/region", get(move || async move { Json(region_body) }))
        .route("/api/v1/customers/{id}", put(identify))
        .route("/api/v1/customers/{id}/events", post(event))
        .route("/v1/campaigns", get(campaigns))
        .route("/v1/messages", get(messages))
        .with_state(Arc::new(deliveries_from(deliveries, first_created)));
    let track = format!("Basic {}", STANDARD.encode(format!("{site_id}:{track_key}")));
    let app = format!("Bearer {app_key}");
    FakeServer::start(
        router,
        move |seen| {
            let expected = if seen.path.starts_with("/api/") {
                &track
            } else if seen.path.starts_with("/v1/") {
                &app
            } else {
                return false;
            };
            seen.header("authorization") == Some(expected.as_str())
        },
        Fault::with_body(401, r#"{"meta":{"errors":["Unauthorized request"]}}"#),
    )
    .await
}

/// The first `n` deliveries, in the wire shape `/v1/messages` serves, oldest first.
///
/// Every one was sent; about 4% bounced (and were not delivered), the rest were delivered;
/// about 45% were opened, a third of those clicked, a few unsubscribed. Some carry metrics Switchboard does not
/// record (`converted`), and one in seven names its person only by `recipient`.
pub fn deliveries(n: usize) -> Vec<Value> {
    deliveries_from(n, FIRST_CREATED)
}

/// The first `n` deliveries, the first created at `first_created`.
pub fn deliveries_from(n: usize, first_created: i64) -> Vec<Value> {
    (0..n).map(|i| delivery(i, first_created)).collect()
}

/// How many of the first `n` deliveries have `metric` (`opened`, `bounced`, ...).
pub fn with_metric(n: usize, metric: &str) -> usize {
    deliveries(n).iter().filter(|d| d["metrics"].get(metric).is_some()).count()
}

fn delivery(i: usize, first_created: i64) -> Value {
    let h = hash(&format!("delivery/{i}"));
    let person = h % 97;
    let email = format!("person{person}@company{}.example", person % 13);
    let customer_id = format!("u{person}");
    let created = first_created + i as i64 * CREATED_STEP;
    let (campaign_id, newsletter_id, broadcast_id) = match (h >> 8) % 10 {
        0 => (None, Some(100 + (h >> 12) % 3), None),
        1 => (None, None, Some(7)),
        k => (Some(CAMPAIGNS[(k % 3) as usize].0), None, None),
    };
    // Each outcome has its own roll, so the proportions hold in any prefix of the list.
    let roll = |what: &str| hash(&format!("delivery/{i}/{what}")) % 100;
    let mut metrics = Map::new();
    let mut at = |name: &str, t: i64| metrics.insert(name.to_owned(), t.into());
    at("sent", created + 5);
    if roll("bounced") < 4 {
        at("bounced", created + 30);
    } else {
        at("delivered", created + 10);
        if roll("opened") < 45 {
            let opened = created + 300 + (h >> 32) as i64 % 3600;
            at("opened", opened);
            if roll("clicked") < 35 {
                at("clicked", opened + 60);
                if roll("converted") < 30 {
                    at("converted", opened + 600);
                }
            }
            if roll("unsubscribed") < 5 {
                at("unsubscribed", opened + 90);
            }
        }
    }
    let known = i % 7 != 3;
    json!({
        "id": format!("dlv_{i:06}"),
        "campaign_id": campaign_id,
        "newsletter_id": newsletter_id,
        "broadcast_id": broadcast_id,
        "action_id": campaign_id.map(|c| c * 10 + 1),
        "customer_id": known.then(|| customer_id.clone()),
        "customer_identifiers": known.then(|| json!({
            "id": customer_id,
            "email": email,
            "cio_id": format!("{:x}", hash(&customer_id) & 0xff_ffff),
        })),
        "recipient": email,
        "subject": format!("Hello from company{}", person % 13),
        "created": created,
        "type": "email",
        "forgotten": false,
        "metrics": metrics,
    })
}

fn meta_error(message: &str) -> Response {
    (StatusCode::BAD_REQUEST, Json(json!({"meta": {"errors": [message]}}))).into_response()
}

async fn identify(body: String) -> Response {
    match serde_json::from_str::<Value>(&body) {
        Ok(Value::Object(_)) => Json(json!({})).into_response(),
        _ => meta_error("the body must be a JSON object of attributes"),
    }
}

async fn event(body: String) -> Response {
    let Ok(event) = serde_json::from_str::<Value>(&body) else {
        return meta_error("the body is not JSON");
    };
    match event["name"].as_str() {
        Some(name) if !name.is_empty() => Json(json!({})).into_response(),
        _ => meta_error("name is required"),
    }
}

async fn campaigns() -> Json<Value> {
    let campaigns: Vec<Value> = CAMPAIGNS
        .iter()
        .map(|(id, name)| {
            json!({
                "id": id, "deduplicate_id": format!("{id}:1700000000"), "name": name,
                "type": "segment", "state": "running", "active": true,
                "created": FIRST_CREATED - 86_400, "updated": FIRST_CREATED, "tags": [],
                "actions": [{"id": id * 10 + 1, "type": "email"}]
            })
        })
        .collect();
    Json(json!({"campaigns": campaigns}))
}

async fn messages(
    State(all): State<Arc<Vec<Value>>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let limit = match q.get("limit").map(|l| l.parse::<usize>()) {
        None => DEFAULT_LIMIT,
        Some(Ok(l @ 1..=1000)) => l,
        Some(_) => return meta_error("limit must be between 1 and 1000"),
    };
    let since = match q.get("start_ts").map(|t| t.parse::<i64>()) {
        None => i64::MIN,
        Some(Ok(t)) => t,
        Some(Err(_)) => return meta_error("start_ts must be unix seconds"),
    };
    let offset = match q.get("start").map(|c| cursor_offset(c)) {
        None => 0,
        Some(Some(o)) => o,
        Some(None) => return meta_error("start is not a cursor this API gave out"),
    };
    let email = q.get("type").is_none_or(|t| t == "email");
    let matching: Vec<&Value> =
        all.iter().filter(|d| email && d["created"].as_i64().is_some_and(|c| c >= since)).collect();
    let page: Vec<&Value> = matching.iter().skip(offset).take(limit).copied().collect();
    let mut body = json!({"messages": page});
    if offset + limit < matching.len() {
        body["next"] = URL_SAFE_NO_PAD.encode(format!("offset:{}", offset + limit)).into();
    }
    Json(body).into_response()
}

fn cursor_offset(cursor: &str) -> Option<usize> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
    text.strip_prefix("offset:")?.parse().ok()
}
