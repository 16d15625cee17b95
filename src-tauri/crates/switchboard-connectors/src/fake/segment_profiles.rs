//! A fake Segment Profile API for one space: `/traits` and `/events` of
//! `/v1/spaces/{space}/collections/users/profiles/{type:value}`, Basic auth with the access
//! token as user. A profile's traits ([`traits_of`]) and events ([`events_of`]) are generated from
//! its identifier; identifiers whose value contains `many` have more than one page of each, and
//! values starting with `nobody` are not found. Like the real API it pages with
//! `limit` and `next`, and it refuses identifiers that are not lowercase or carry a raw `+`.

use std::collections::HashMap;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Map, Value, json};
use switchboard_core::day::rfc3339;

use super::{FakeServer, Fault, basic, hash, missing};

/// How many generated traits (`trait_000`, ...) and events a `many` profile has.
pub const MANY: usize = 250;

/// When every profile's newest event happened (ms since the epoch); older ones are 10 minutes
/// apart.
pub const NEWEST_EVENT: i64 = 1_717_200_000_000;

const PROFILE: &str = "/v1/spaces/{space}/collections/users/profiles/{id}";

pub async fn start(space_id: &str, token: &str) -> FakeServer {
    let router = Router::new()
        .route(&format!("{PROFILE}/traits"), get(traits))
        .route(&format!("{PROFILE}/events"), get(events));
    let expected = basic(token);
    let space = format!("/v1/spaces/{space_id}/");
    FakeServer::start(
        router,
        // A token only opens its own space.
        move |seen| {
            seen.header("authorization") == Some(expected.as_str()) && seen.path.starts_with(&space)
        },
        Fault::with_body(
            401,
            r#"{"error":{"code":"authentication_error","message":"The access token is not valid for this space."}}"#,
        ),
    )
    .await
}

/// Every trait of the profile `id` (`type:value`, as the path has it decoded), sorted by name.
pub fn traits_of(id: &str) -> Map<String, Value> {
    let (kind, value) = id.split_once(':').unwrap_or(("user_id", id));
    let h = hash(id);
    let company = format!("company{}", h % 13);
    let email = if kind == "email" {
        value.to_owned()
    } else {
        format!("{}@{company}.example", value.replace(|c: char| !c.is_ascii_alphanumeric(), "."))
    };
    let mut traits = Map::new();
    traits.insert("email".into(), email.into());
    traits.insert("plan".into(), ["free", "pro", "business"][(h % 3) as usize].into());
    traits.insert("company".into(), company.into());
    traits.insert("first_name".into(), ["Ana", "Bo", "Cyd", "Dee"][((h >> 8) % 4) as usize].into());
    traits.insert("logins".into(), ((h >> 16) % 50).into());
    traits.insert(
        "created_at".into(),
        rfc3339(NEWEST_EVENT - 86_400_000 * (1 + (h >> 24) % 300) as i64).into(),
    );
    if value.contains("many") {
        for i in 0..MANY {
            traits.insert(format!("trait_{i:03}"), (hash(&format!("{id}/{i}")) % 1000).into());
        }
    }
    traits
}

/// The profile's events, newest first, as `/events` serves them.
pub fn events_of(id: &str) -> Vec<Value> {
    let (_, value) = id.split_once(':').unwrap_or(("user_id", id));
    let h = hash(id);
    let count = if value.contains("many") { MANY } else { 3 + (h % 5) as usize };
    (0..count)
        .map(|i| {
            let eh = hash(&format!("{id}/event/{i}"));
            let (kind, event, properties) = match eh % 5 {
                0 => ("identify", Value::Null, json!({})),
                1 | 2 => ("page", json!("Pricing"), json!({"path": "/pricing", "title": "Pricing"})),
                _ => ("track", json!(["Signed Up", "Report Built", "Invite Sent"][(eh >> 8) as usize % 3]), json!({"plan": "pro", "seats": eh % 20})),
            };
            json!({
                "external_ids": [{"collection": "users", "type": "user_id", "id": value, "encoding": "none"}],
                "context": {"library": {"name": "analytics.js", "version": "3.2.5"}, "ip": "203.0.113.7"},
                "type": kind,
                "message_id": format!("ajs-{:012x}-{i}", eh & 0xffff_ffff_ffff),
                "source_id": "fake_source",
                "timestamp": rfc3339(NEWEST_EVENT - 600_000 * i as i64),
                "properties": properties,
                "event": event,
                "related": {"users": format!("use_{:x}", h & 0xffff_ffff)},
            })
        })
        .collect()
}

/// Why a request is refused, as the API's error body says it: (status, code, message).
struct Refusal(StatusCode, &'static str, String);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        let Refusal(status, code, message) = self;
        (status, Json(json!({"error": {"code": code, "message": message}}))).into_response()
    }
}

fn invalid(message: &str) -> Refusal {
    Refusal(StatusCode::BAD_REQUEST, "validation_error", message.to_owned())
}

/// Refuses an identifier the real API would not find or would not take.
fn profile(uri: &Uri, id: &str) -> Result<(), Refusal> {
    if uri.path().contains('+') {
        return Err(invalid("Encode `+` in identifiers as %2B."));
    }
    let Some((_, value)) = id.split_once(':') else {
        return Err(invalid("Identifiers are `type:value`."));
    };
    if id.chars().any(char::is_uppercase) {
        return Err(invalid("Identifier values must be lowercase."));
    }
    if missing(value) {
        return Err(Refusal(StatusCode::NOT_FOUND, "not_found", "Profile was not found.".into()));
    }
    Ok(())
}

fn limit(q: &HashMap<String, String>, default: usize, max: usize) -> Result<usize, Refusal> {
    match q.get("limit").map(|l| l.parse::<usize>()) {
        None => Ok(default),
        Some(Ok(l)) if (1..=max).contains(&l) => Ok(l),
        Some(_) => Err(Refusal(
            StatusCode::BAD_REQUEST,
            "invalid_request_error",
            format!("limit must be between 1 and {max}"),
        )),
    }
}

fn cursor(uri: &Uri, next: Option<String>, limit: usize) -> Value {
    json!({"url": uri.path(), "has_more": next.is_some(), "next": next.unwrap_or_default(), "limit": limit})
}

async fn traits(
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Value>, Refusal> {
    profile(&uri, &id)?;
    let limit = limit(&q, 10, 200)?;
    // As in the real API, the cursor is the name of the next trait.
    let from = q.get("next").cloned().unwrap_or_default();
    let mut rest = traits_of(&id).into_iter().filter(|(k, _)| *k >= from);
    let page: Map<String, Value> = rest.by_ref().take(limit).collect();
    let next = rest.next().map(|(k, _)| k);
    Ok(Json(json!({"traits": page, "cursor": cursor(&uri, next, limit)})))
}

async fn events(
    uri: Uri,
    Path((_, id)): Path<(String, String)>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<Value>, Refusal> {
    profile(&uri, &id)?;
    let limit = limit(&q, 10, 100)?;
    let offset = match q.get("next") {
        None => 0,
        Some(next) => URL_SAFE_NO_PAD
            .decode(next)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| s.parse::<usize>().ok())
            .ok_or_else(|| invalid("next is not a cursor this API gave out."))?,
    };
    let all = events_of(&id);
    let page: Vec<&Value> = all.iter().skip(offset).take(limit).collect();
    let next =
        (offset + limit < all.len()).then(|| URL_SAFE_NO_PAD.encode((offset + limit).to_string()));
    Ok(Json(json!({"data": page, "cursor": cursor(&uri, next, limit)})))
}
