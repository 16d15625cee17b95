//! A fake MadKudu Scoring API: `/v1/ping`, `/v1/persons?email=`, `/v1/companies?domain=`, Basic
//! auth with the key as user. Scores come from a hash of the email or domain.

use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::json;

use super::{FakeServer, Fault, basic, hash, missing};

pub async fn start(key: &str) -> FakeServer {
    let router = Router::new()
        .route("/v1/ping", get(|| async { Json(json!({"message": "pong"})) }))
        .route("/v1/persons", get(person))
        .route("/v1/companies", get(company));
    let expected = basic(key);
    FakeServer::start(
        router,
        move |seen| seen.header("authorization") == Some(expected.as_str()),
        Fault::with_body(401, r#"{"message":"Unauthorized: invalid API key"}"#),
    )
    .await
}

/// The fit MadKudu's fake gives a key: (segment, score).
pub fn fit_of(key: &str) -> (&'static str, u64) {
    let score = hash(key) % 101;
    let segment = match score {
        85.. => "very good",
        70.. => "good",
        50.. => "medium",
        _ => "low",
    };
    (segment, score)
}

fn customer_fit(key: &str) -> serde_json::Value {
    let (segment, score) = fit_of(key);
    let employees = 10 + hash(&format!("{key}/size")) % 5000;
    json!({
        "segment": segment,
        "score": score,
        "top_signals": [
            {"name": "employee count", "value": employees, "type": if employees > 200 { "positive" } else { "negative" }},
            {"name": "uses segment", "value": "yes", "type": "positive"}
        ],
        // Spelled as the live API spells it.
        "top_signals_formated": format!("↑ employee count {employees}\n↑ uses segment")
    })
}

async fn person(Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(email) = q.get("email") else {
        return (StatusCode::BAD_REQUEST, Json(json!({"message": "email is required"})))
            .into_response();
    };
    if missing(email) {
        return (StatusCode::NOT_FOUND, Json(json!({"message": "Not found"}))).into_response();
    }
    let domain = email.split('@').nth(1).unwrap_or_default();
    Json(json!({
        "object_type": "person",
        "email": email,
        "properties": {
            "first_name": "", "last_name": "", "domain": domain,
            "is_student": false, "is_spam": false, "is_personal_email": false,
            "customer_fit": customer_fit(email),
            "predicted_value": 327.4
        },
        "company": {"properties": {"name": domain, "domain": domain, "number_of_employees": 120, "industry": "Software"}}
    }))
    .into_response()
}

async fn company(Query(q): Query<HashMap<String, String>>) -> Response {
    let Some(domain) = q.get("domain") else {
        return (StatusCode::BAD_REQUEST, Json(json!({"message": "domain is required"})))
            .into_response();
    };
    if missing(domain) {
        return (StatusCode::NOT_FOUND, Json(json!({"message": "Not found"}))).into_response();
    }
    Json(json!({
        "object_type": "company",
        "domain": domain,
        "properties": {
            "name": domain, "domain": domain, "number_of_employees": 120, "industry": "Software",
            "location": {"state": "California", "state_code": "CA", "country": "United States", "country_code": "US", "tags": []},
            "customer_fit": customer_fit(domain)
        }
    }))
    .into_response()
}
