//! A fake AdRoll for one advertisable: the GraphQL Reporting API at
//! `POST /reporting/api/v1/query` (it reads `byEID(advertisable:…)` and
//! `metrics(start:…,end:…,currency:…)` out of the query, answers `byDate` rows for `[start,
//! end)` inside AdRoll's `has_errors` envelope, and reports an unknown advertisable the way
//! AdRoll does, with `errors: [{id, msg}]`), and the [U] unverified CRUD endpoint
//! `POST /api/v1/campaign/edit` for pausing. It wants the `apikey` query parameter and
//! `Authorization: Token …` (or `Bearer …`).
//!
//! Figures come from a hash of the campaign and the day ([`expected_spend`]); costs have four
//! decimals and come as JSON numbers for some rows and strings for others.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::json;
use switchboard_core::Day;

use super::{FakeServer, Fault, Ledger, Seen, hash};
use axum::Extension;

/// The fake advertisable's configuration; [`Setup::new`] gives the defaults.
#[derive(Debug, Clone)]
pub struct Setup {
    pub api_key: String,
    pub token: String,
    pub advertisable_eid: String,
    /// `(campaign_eid, campaign_name)`.
    pub campaigns: Vec<(String, String)>,
}

impl Setup {
    /// Three campaigns.
    pub fn new(api_key: &str, token: &str, advertisable_eid: &str) -> Setup {
        Setup {
            api_key: api_key.to_owned(),
            token: token.to_owned(),
            advertisable_eid: advertisable_eid.to_owned(),
            campaigns: campaigns(),
        }
    }
}

/// The default campaigns: `(campaign_eid, campaign_name)`.
pub fn campaigns() -> Vec<(String, String)> {
    [
        ("CAMPAIGNRETARGET01", "Retargeting: all site visitors"),
        ("CAMPAIGNABMTARGET02", "ABM: target accounts"),
        ("CAMPAIGNEMAILNURTURE3", "Email: trial nurture"),
    ]
    .map(|(id, name)| (id.to_owned(), name.to_owned()))
    .to_vec()
}

/// The cost the fake reports, in ten-thousandths of the currency unit.
fn cost_e4(campaign_eid: &str, day: Day) -> i64 {
    (hash(&format!("adroll/{campaign_eid}/{day}")) % 3_000_000) as i64
}

/// The cost as AdRoll would write it: `123.4567`, trailing zeros dropped.
fn cost_text(cost_e4: i64) -> String {
    let text = format!("{}.{:04}", cost_e4 / 10_000, cost_e4 % 10_000);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// What the fake reports for a campaign on a day: (spend in cents, impressions, clicks). Cents
/// are the four-decimal cost rounded half away from zero.
pub fn expected_spend(campaign_eid: &str, day: Day) -> (i64, i64, i64) {
    let h = hash(&format!("adroll/{campaign_eid}/{day}/volume"));
    let impressions = 1_000 + (h >> 4) % 50_000;
    let clicks = impressions * ((h >> 36) % 20) / 1_000;
    ((cost_e4(campaign_eid, day) + 50) / 100, impressions as i64, clicks as i64)
}

/// The campaigns this server paused, in order, each once.
pub fn paused(server: &FakeServer) -> Vec<String> {
    server.recorded()
}

pub async fn start(api_key: &str, token: &str, advertisable_eid: &str) -> FakeServer {
    start_with(Setup::new(api_key, token, advertisable_eid)).await
}

pub async fn start_with(setup: Setup) -> FakeServer {
    let setup = Arc::new(setup);
    let router = Router::new()
        .route("/reporting/api/v1/query", post(query))
        .route("/api/v1/campaign/edit", post(edit))
        .with_state(setup.clone());
    FakeServer::start(
        router,
        move |seen| authorized(seen, &setup),
        Fault::with_body(401, r#"{"message":"Invalid or missing credentials"}"#),
    )
    .await
}

fn authorized(seen: &Seen, setup: &Setup) -> bool {
    let key = reqwest::Url::parse(&format!("http://fake/?{}", seen.query))
        .ok()
        .and_then(|u| u.query_pairs().find(|(k, _)| k == "apikey").map(|(_, v)| v.into_owned()));
    let token = seen.header("authorization").and_then(|h| {
        h.strip_prefix("Token ").or_else(|| h.strip_prefix("Bearer ")).map(str::to_owned)
    });
    key.as_deref() == Some(setup.api_key.as_str()) && token.as_deref() == Some(setup.token.as_str())
}

/// AdRoll's error envelope: a 200 with `has_errors` and the messages.
fn adroll_errors(id: &str, msg: &str) -> Response {
    Json(json!({
        "data": {"advertisable": {"byEID": null, "has_errors": true, "errors": [id]}, "has_errors": true},
        "errors": [{"id": id, "msg": msg}],
        "has_errors": true,
        "request": "req-fake",
        "version": "fake"
    }))
    .into_response()
}

/// The string value of `name:"…"` in a GraphQL query.
fn argument(query: &str, name: &str) -> Option<String> {
    let pattern = format!("{name}:");
    let mut from = 0;
    while let Some(at) = query[from..].find(&pattern) {
        let start = from + at;
        from = start + pattern.len();
        // A whole word: not `spend:` for `end:`.
        let before = query[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = query[from..].trim_start();
        let body = rest.strip_prefix('"')?;
        let mut end = None;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        return serde_json::from_str(&format!("\"{}\"", &body[..end?])).ok();
    }
    None
}

async fn query(State(setup): State<Arc<Setup>>, Json(body): Json<serde_json::Value>) -> Response {
    let Some(query) = body["query"].as_str() else {
        return (StatusCode::BAD_REQUEST, Json(json!({"message": "query is required"})))
            .into_response();
    };
    let Some(eid) = argument(query, "advertisable") else {
        return adroll_errors("E100", "The fake needs advertisable { byEID(advertisable: \"…\") }");
    };
    if eid != setup.advertisable_eid {
        return adroll_errors("E001", &format!("Advertisable {eid} not found or not accessible"));
    }
    let mut advertisable = json!({"eid": eid, "name": "Fake advertisable", "currency": "USD"});
    if query.contains("campaigns") {
        let range = argument(query, "start")
            .zip(argument(query, "end"))
            .and_then(|(s, e)| Some((Day::parse(&s)?, Day::parse(&e)?)));
        let Some((start, end)) = range else {
            return adroll_errors("E101", "metrics needs start and end as YYYY-MM-DD");
        };
        let campaigns: Vec<serde_json::Value> = setup
            .campaigns
            .iter()
            .map(|(id, name)| {
                let mut by_date = Vec::new();
                let mut d = start;
                while d < end {
                    let (_, impressions, clicks) = expected_spend(id, d);
                    let cost = cost_text(cost_e4(id, d));
                    // Numbers for some rows, strings for others, as AdRoll's figures vary.
                    let cost = if hash(&format!("{id}/{d}/as-text")).is_multiple_of(2) {
                        json!(cost)
                    } else {
                        serde_json::from_str(&cost).unwrap_or_default()
                    };
                    by_date.push(json!({
                        "date": d.to_string(), "cost": cost,
                        "impressions": impressions, "clicks": clicks
                    }));
                    d = d.plus(1);
                }
                json!({"eid": id, "name": name, "metrics": {"byDate": by_date}, "has_errors": false})
            })
            .collect();
        advertisable["campaigns"] = campaigns.into();
    }
    Json(json!({
        "data": {"advertisable": {"byEID": advertisable, "has_errors": false}, "has_errors": false},
        "has_errors": false,
        "request": "req-fake",
        "version": "fake"
    }))
    .into_response()
}

async fn edit(
    State(setup): State<Arc<Setup>>,
    Extension(ledger): Extension<Ledger>,
    body: String,
) -> Response {
    let fields: HashMap<String, String> = if body.trim_start().starts_with('{') {
        serde_json::from_str::<HashMap<String, serde_json::Value>>(&body)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|(k, v)| Some((k, v.as_str()?.to_owned())))
            .collect()
    } else {
        reqwest::Url::parse(&format!("http://fake/?{body}"))
            .map(|u| u.query_pairs().into_owned().collect())
            .unwrap_or_default()
    };
    let Some(eid) = fields.get("campaign") else {
        return (StatusCode::BAD_REQUEST, Json(json!({"message": "campaign is required"})))
            .into_response();
    };
    if !setup.campaigns.iter().any(|(id, _)| id == eid) {
        return (
            StatusCode::NOT_FOUND,
            Json(json!({"message": format!("Campaign {eid} not found")})),
        )
            .into_response();
    }
    if fields.get("status").map(String::as_str) != Some("paused") {
        return (
            StatusCode::BAD_REQUEST,
            Json(json!({"message": "the fake only pauses: status=paused"})),
        )
            .into_response();
    }
    ledger.record(eid);
    Json(json!({"results": {"eid": eid, "status": "paused"}, "message": ""})).into_response()
}
