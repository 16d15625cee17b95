//! A fake Google Ads REST API for one customer: `POST /{v}/customers/{cid}/googleAds:searchStream`
//! (the customer, or campaign rows per day for `segments.date BETWEEN 'a' AND 'b'`, answered as
//! a JSON array of batches with int64 values as strings and zero metrics left out, as proto3
//! JSON does) and `POST /{v}/customers/{cid}/campaigns:mutate` (pausing). It wants the OAuth
//! token as Bearer, the `developer-token` header, and `login-customer-id` when one is set up.
//!
//! Figures come from a hash of the campaign and the day ([`expected_spend`]).

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::json;
use switchboard_core::Day;

use super::{FakeServer, Fault, Ledger, Seen, hash};
use axum::Extension;

/// The fake customer's configuration; [`Setup::new`] gives the defaults.
#[derive(Debug, Clone)]
pub struct Setup {
    /// Ten digits, no dashes.
    pub customer_id: String,
    /// When set, every request must carry it as `login-customer-id`.
    pub login_customer_id: Option<String>,
    pub developer_token: String,
    pub oauth_token: String,
    pub currency: String,
    /// `(campaign_id, campaign_name)`.
    pub campaigns: Vec<(String, String)>,
    /// Rows per streamed batch (Google sends up to 10,000).
    pub batch_size: usize,
}

impl Setup {
    /// Three campaigns in EUR, no manager account, batches of 10 rows.
    pub fn new(customer_id: &str, developer_token: &str, oauth_token: &str) -> Setup {
        Setup {
            customer_id: customer_id.to_owned(),
            login_customer_id: None,
            developer_token: developer_token.to_owned(),
            oauth_token: oauth_token.to_owned(),
            currency: "EUR".to_owned(),
            campaigns: campaigns(),
            batch_size: 10,
        }
    }
}

/// The default campaigns: `(campaign_id, campaign_name)`.
pub fn campaigns() -> Vec<(String, String)> {
    [
        ("20481000001", "Search: customer data platform"),
        ("20481000002", "Search: brand"),
        ("20481000003", "Display: remarketing"),
    ]
    .map(|(id, name)| (id.to_owned(), name.to_owned()))
    .to_vec()
}

/// The cost the fake reports for a campaign on a day, in micros (not a whole number of cents,
/// so that rounding shows).
pub fn cost_micros(campaign_id: &str, day: Day) -> i64 {
    let h = hash(&format!("google_ads/{campaign_id}/{day}"));
    (h % 300_000_000) as i64
}

/// What the fake reports for a campaign on a day: (spend in cents, impressions, clicks). Cents
/// are micros ÷ 10,000 rounded half up.
pub fn expected_spend(campaign_id: &str, day: Day) -> (i64, i64, i64) {
    let h = hash(&format!("google_ads/{campaign_id}/{day}/volume"));
    let impressions = 100 + (h >> 8) % 10_000;
    // A day without clicks now and then, which Google leaves out of the JSON.
    let clicks = if h.is_multiple_of(4) { 0 } else { impressions * ((h >> 32) % 60) / 1_000 };
    ((cost_micros(campaign_id, day) + 5_000) / 10_000, impressions as i64, clicks as i64)
}

/// The campaigns this server paused, in order, each once.
pub fn paused(server: &FakeServer) -> Vec<String> {
    server.recorded()
}

pub async fn start(customer_id: &str, developer_token: &str, oauth_token: &str) -> FakeServer {
    start_with(Setup::new(customer_id, developer_token, oauth_token)).await
}

pub async fn start_with(setup: Setup) -> FakeServer {
    let setup = Arc::new(setup);
    let router = Router::new()
        .route("/{version}/customers/{customer}/googleAds:searchStream", post(search_stream))
        .route("/{version}/customers/{customer}/campaigns:mutate", post(mutate))
        .with_state(setup.clone());
    FakeServer::start(
        router,
        move |seen| authorized(seen, &setup),
        Fault::with_body(
            401,
            r#"{"error":{"code":401,"message":"Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.","status":"UNAUTHENTICATED"}}"#,
        ),
    )
    .await
}

fn authorized(seen: &Seen, setup: &Setup) -> bool {
    seen.header("authorization") == Some(format!("Bearer {}", setup.oauth_token).as_str())
        && seen.header("developer-token") == Some(setup.developer_token.as_str())
        && setup
            .login_customer_id
            .as_deref()
            .is_none_or(|id| seen.header("login-customer-id") == Some(id))
}

fn google_error(status: StatusCode, name: &str, message: &str) -> Response {
    let body = json!({"error": {"code": status.as_u16(), "message": message, "status": name}});
    (status, Json(body)).into_response()
}

fn invalid(message: &str) -> Response {
    google_error(StatusCode::BAD_REQUEST, "INVALID_ARGUMENT", message)
}

fn denied(customer: &str) -> Response {
    google_error(
        StatusCode::FORBIDDEN,
        "PERMISSION_DENIED",
        &format!("User doesn't have permission to access customer {customer}."),
    )
}

async fn search_stream(
    State(setup): State<Arc<Setup>>,
    Path((_version, customer)): Path<(String, String)>,
    Json(body): Json<serde_json::Value>,
) -> Response {
    if customer != setup.customer_id {
        return denied(&customer);
    }
    let Some(query) = body["query"].as_str() else {
        return invalid("The query is missing.");
    };
    let customer_json = |fields: &[&str]| {
        let mut c = json!({"resourceName": format!("customers/{customer}")});
        if fields.contains(&"customer.id") {
            c["id"] = json!(customer);
        }
        if fields.contains(&"customer.currency_code") {
            c["currencyCode"] = json!(setup.currency);
        }
        c
    };
    let Some((select, from)) = query.split_once(" FROM ") else {
        return invalid("Error in query: a SELECT ... FROM ... is expected.");
    };
    let fields: Vec<&str> = select.trim_start_matches("SELECT").split(',').map(str::trim).collect();
    let request_id = format!("fake-{:x}", hash(query) % 0xffff_ffff);
    if from.trim_start().starts_with("customer") {
        let row = json!({"customer": customer_json(&fields)});
        return Json(json!([{"results": [row], "fieldMask": "customer.id,customer.currencyCode", "requestId": request_id}]))
            .into_response();
    }
    if !from.trim_start().starts_with("campaign") {
        return invalid("The fake serves FROM customer and FROM campaign only.");
    }
    let Some((since, until)) = between(from) else {
        return invalid(
            "The fake needs WHERE segments.date BETWEEN 'YYYY-MM-DD' AND 'YYYY-MM-DD'.",
        );
    };

    let mut rows = Vec::new();
    let mut d = since;
    while d <= until {
        for (id, name) in &setup.campaigns {
            let (_, impressions, clicks) = expected_spend(id, d);
            let mut campaign =
                json!({"resourceName": format!("customers/{customer}/campaigns/{id}")});
            if fields.contains(&"campaign.id") {
                campaign["id"] = json!(id);
            }
            if fields.contains(&"campaign.name") {
                campaign["name"] = json!(name);
            }
            // proto3 JSON: int64 as strings, and a zero left out altogether.
            let mut metrics = serde_json::Map::new();
            for (field, key, value) in [
                ("metrics.cost_micros", "costMicros", cost_micros(id, d)),
                ("metrics.impressions", "impressions", impressions),
                ("metrics.clicks", "clicks", clicks),
            ] {
                if fields.contains(&field) && value != 0 {
                    metrics.insert(key.to_owned(), json!(value.to_string()));
                }
            }
            let mut row = json!({"campaign": campaign, "metrics": metrics, "customer": customer_json(&fields)});
            if fields.contains(&"segments.date") {
                row["segments"] = json!({"date": d.to_string()});
            }
            rows.push(row);
        }
        d = d.plus(1);
    }
    let mask = fields.iter().map(|f| camel(f)).collect::<Vec<_>>().join(",");
    let batches: Vec<serde_json::Value> = if rows.is_empty() {
        vec![json!({"fieldMask": mask, "requestId": request_id})]
    } else {
        rows.chunks(setup.batch_size.max(1))
            .map(|chunk| json!({"results": chunk, "fieldMask": mask, "requestId": request_id}))
            .collect()
    };
    Json(batches).into_response()
}

/// The two days of `segments.date BETWEEN 'a' AND 'b'`.
fn between(text: &str) -> Option<(Day, Day)> {
    let rest = text.split_once("segments.date BETWEEN '")?.1;
    let (since, rest) = rest.split_once('\'')?;
    let until = rest.trim_start().strip_prefix("AND '")?.split_once('\'')?.0;
    Some((Day::parse(since)?, Day::parse(until)?))
}

/// `metrics.cost_micros` → `metrics.costMicros`, as field masks name fields.
fn camel(field: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in field.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

async fn mutate(
    State(setup): State<Arc<Setup>>,
    Path((_version, customer)): Path<(String, String)>,
    Extension(ledger): Extension<Ledger>,
    Json(body): Json<serde_json::Value>,
) -> Response {
    if customer != setup.customer_id {
        return denied(&customer);
    }
    let operations = body["operations"].as_array().cloned().unwrap_or_default();
    let [operation] = operations.as_slice() else {
        return invalid("The fake takes exactly one operation.");
    };
    let update = &operation["update"];
    let name = update["resourceName"].as_str().unwrap_or_default();
    let prefix = format!("customers/{customer}/campaigns/");
    let Some(id) = name.strip_prefix(&prefix) else {
        return invalid("Invalid resource name.");
    };
    if operation["updateMask"] != "status" || update["status"] != "PAUSED" {
        return invalid("The fake only pauses: update.status = PAUSED with updateMask status.");
    }
    if !setup.campaigns.iter().any(|(known, _)| known == id) {
        return invalid(&format!("Resource was not found: {name}."));
    }
    ledger.record(id);
    Json(json!({"results": [{"resourceName": name}]})).into_response()
}
