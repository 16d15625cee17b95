//! A fake Facebook Marketing API for one ad account: `GET /{v}/act_{id}` (the account),
//! `GET /{v}/act_{id}/insights` (campaign rows per day, numbers as strings, pages of at most
//! `limit` rows linked by an absolute `paging.next` with an `after` cursor) and
//! `POST /{v}/{campaign_id}` with `status=PAUSED`. It takes the token as a Bearer header or an
//! `access_token` query parameter, as Facebook does, and answers errors in Graph's
//! `{"error":{"code","message"}}` shape (an unknown object is code 100 in a 400).
//!
//! Figures come from a hash of the campaign and the day ([`expected_spend`]).

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;
use switchboard_core::Day;

use super::{FakeServer, Fault, Ledger, Seen, hash, missing};
use axum::Extension;

/// The fake account's configuration; [`Setup::new`] gives the defaults.
#[derive(Debug, Clone)]
pub struct Setup {
    pub ad_account_id: String,
    pub token: String,
    pub currency: String,
    /// `(campaign_id, campaign_name)`.
    pub campaigns: Vec<(String, String)>,
    /// The most rows one page holds, whatever `limit` asks (Facebook caps it too).
    pub max_page: usize,
}

impl Setup {
    /// Three campaigns in USD, pages of up to 25 rows.
    pub fn new(ad_account_id: &str, token: &str) -> Setup {
        Setup {
            ad_account_id: ad_account_id.to_owned(),
            token: token.to_owned(),
            currency: "USD".to_owned(),
            campaigns: campaigns(),
            max_page: 25,
        }
    }
}

/// The default campaigns: `(campaign_id, campaign_name)`.
pub fn campaigns() -> Vec<(String, String)> {
    [
        ("23851000000000001", "Retargeting: pricing page visitors"),
        ("23851000000000002", "Prospecting: lookalike of customers"),
        ("23851000000000003", "Brand: product video"),
    ]
    .map(|(id, name)| (id.to_owned(), name.to_owned()))
    .to_vec()
}

/// What the fake reports for a campaign on a day: (spend in cents, impressions, clicks).
pub fn expected_spend(campaign_id: &str, day: Day) -> (i64, i64, i64) {
    let h = hash(&format!("facebook/{campaign_id}/{day}"));
    let impressions = 200 + (h >> 20) % 20_000;
    let clicks = impressions * ((h >> 40) % 40) / 1_000;
    // Whole units now and then, which Facebook writes without decimals.
    let cents = if h.is_multiple_of(7) { (h % 300) * 100 } else { 50 + h % 40_000 };
    (cents as i64, impressions as i64, clicks as i64)
}

/// The campaigns this server paused, in order, each once.
pub fn paused(server: &FakeServer) -> Vec<String> {
    server.recorded()
}

pub async fn start(ad_account_id: &str, token: &str) -> FakeServer {
    start_with(Setup::new(ad_account_id, token)).await
}

pub async fn start_with(setup: Setup) -> FakeServer {
    let setup = Arc::new(setup);
    let router = Router::new()
        .route("/{version}/{node}", get(account).post(pause))
        .route("/{version}/{node}/insights", get(insights))
        .with_state(setup.clone());
    FakeServer::start(
        router,
        move |seen| authorized(seen, &setup.token),
        Fault::with_body(
            // Graph answers a bad token with 400 and code 190, not 401.
            400,
            r#"{"error":{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException","code":190,"fbtrace_id":"Afake"}}"#,
        ),
    )
    .await
}

fn authorized(seen: &Seen, token: &str) -> bool {
    let bearer = seen.header("authorization") == Some(format!("Bearer {token}").as_str());
    bearer || query_pairs(&seen.query).get("access_token").is_some_and(|t| t == token)
}

fn query_pairs(query: &str) -> HashMap<String, String> {
    reqwest::Url::parse(&format!("http://fake/?{query}"))
        .map(|u| u.query_pairs().into_owned().collect())
        .unwrap_or_default()
}

fn graph_error(code: i64, message: &str) -> Response {
    let body = json!({"error": {"message": message, "type": "OAuthException", "code": code, "fbtrace_id": "Afake"}});
    (StatusCode::BAD_REQUEST, Json(body)).into_response()
}

fn no_such_object(method: &str, id: &str) -> Response {
    graph_error(
        100,
        &format!(
            "Unsupported {method} request. Object with ID '{id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation."
        ),
    )
}

async fn account(
    State(setup): State<Arc<Setup>>,
    Path((_version, node)): Path<(String, String)>,
) -> Response {
    if node != format!("act_{}", setup.ad_account_id) {
        return no_such_object("get", &node);
    }
    Json(json!({"id": node, "name": "Fake ad account", "currency": setup.currency})).into_response()
}

async fn insights(
    State(setup): State<Arc<Setup>>,
    Path((_version, node)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
    headers: HeaderMap,
    uri: Uri,
) -> Response {
    if node != format!("act_{}", setup.ad_account_id) {
        return no_such_object("get", &node);
    }
    if q.get("level").map(String::as_str) != Some("campaign") {
        return graph_error(100, "The fake serves level=campaign only");
    }
    if q.get("time_increment").map(String::as_str) != Some("1") {
        return graph_error(100, "The fake serves time_increment=1 only");
    }
    let range = q.get("time_range").and_then(|r| serde_json::from_str::<serde_json::Value>(r).ok());
    let day = |key: &str| range.as_ref().and_then(|r| r[key].as_str()).and_then(Day::parse);
    let (Some(since), Some(until)) = (day("since"), day("until")) else {
        return graph_error(100, "Param time_range must be a JSON object with since and until");
    };
    let fields: Vec<&str> = q.get("fields").map(|f| f.split(',').collect()).unwrap_or_default();
    let limit = q.get("limit").and_then(|l| l.parse::<usize>().ok()).unwrap_or(25);
    let size = limit.clamp(1, setup.max_page);
    let offset = match q.get("after") {
        None => 0,
        Some(cursor) => match decode_cursor(cursor) {
            Some(offset) => offset,
            None => return graph_error(100, "Invalid cursor"),
        },
    };

    let mut rows = Vec::new();
    let mut d = since;
    while d <= until {
        for (id, name) in &setup.campaigns {
            rows.push(row(&setup, &fields, id, name, d));
        }
        d = d.plus(1);
    }
    let end = (offset + size).min(rows.len());
    let data = rows.get(offset..end).unwrap_or_default().to_vec();
    let mut paging = json!({"cursors": {"before": cursor(offset), "after": cursor(end)}});
    if end < rows.len() {
        // Absolute, as Facebook sends it: this server's address, the same query, a new cursor.
        let host = headers.get("host").and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
        let query: Vec<&str> = uri
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("after="))
            .collect();
        paging["next"] =
            format!("http://{host}{}?{}&after={}", uri.path(), query.join("&"), cursor(end)).into();
    }
    Json(json!({"data": data, "paging": paging})).into_response()
}

fn row(setup: &Setup, fields: &[&str], id: &str, name: &str, day: Day) -> serde_json::Value {
    let (cents, impressions, clicks) = expected_spend(id, day);
    let spend = if cents % 100 == 0 {
        (cents / 100).to_string()
    } else {
        format!("{}.{:02}", cents / 100, cents % 100)
    };
    let all = [
        ("campaign_id", json!(id)),
        ("campaign_name", json!(name)),
        ("spend", json!(spend)),
        ("impressions", json!(impressions.to_string())),
        ("clicks", json!(clicks.to_string())),
        ("account_currency", json!(setup.currency)),
    ];
    let mut row = serde_json::Map::new();
    for (key, value) in all {
        if fields.contains(&key) {
            row.insert(key.to_owned(), value);
        }
    }
    // Insights always dates its rows.
    row.insert("date_start".into(), json!(day.to_string()));
    row.insert("date_stop".into(), json!(day.to_string()));
    row.into()
}

fn cursor(offset: usize) -> String {
    URL_SAFE_NO_PAD.encode(format!("offset:{offset}"))
}

fn decode_cursor(cursor: &str) -> Option<usize> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
    text.strip_prefix("offset:")?.parse().ok()
}

async fn pause(
    State(setup): State<Arc<Setup>>,
    Path((_version, node)): Path<(String, String)>,
    Extension(ledger): Extension<Ledger>,
    body: String,
) -> Response {
    if missing(&node) || !setup.campaigns.iter().any(|(id, _)| *id == node) {
        return no_such_object("post", &node);
    }
    let status = if body.trim_start().starts_with('{') {
        serde_json::from_str::<serde_json::Value>(&body)
            .ok()
            .and_then(|v| v["status"].as_str().map(str::to_owned))
    } else {
        query_pairs(&body).remove("status")
    };
    if status.as_deref() != Some("PAUSED") {
        return graph_error(100, "(#100) The fake only pauses: send status=PAUSED");
    }
    ledger.record(&node);
    Json(json!({"success": true})).into_response()
}
