//! The Tracking API's routes and answers.

use std::net::SocketAddr;

use axum::body::Bytes;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use serde_json::{Map, Value, json};
use switchboard_core::segment::{
    self, Arrival, Envelope, MAX_BATCH_BYTES, MAX_BATCH_MESSAGES, MAX_MESSAGE_BYTES,
};
use switchboard_core::{Event, MessageType, Rejection};
use switchboard_store::messages::{self, Stored};
use switchboard_store::{rejections, sources};
use tower::limit::ConcurrencyLimitLayer;

use crate::body::{self, BodyError};
use crate::{Collector, MAX_IN_FLIGHT};

const ENDPOINTS: &str = "no such endpoint; post to /v1/batch, /v1/import, /v1/identify, /v1/track, \
                         /v1/page, /v1/screen, /v1/group or /v1/alias";

pub(crate) fn router(collector: Collector) -> Router {
    Router::new()
        .route("/v1/{call}", post(receive))
        .merge(crate::webhooks::routes())
        .fallback(|| async { refusal(StatusCode::NOT_FOUND, "not_found", ENDPOINTS) })
        // Compressed bodies are checked again once decompressed.
        .layer(DefaultBodyLimit::max(MAX_BATCH_BYTES * 2))
        .layer(ConcurrencyLimitLayer::new(MAX_IN_FLIGHT))
        .with_state(collector)
}

enum Call {
    One(MessageType),
    Batch,
}

/// A refused request, as the body every refusal has: `{code, message}` plus details.
struct Refused {
    status: StatusCode,
    code: &'static str,
    message: String,
    source_id: Option<i64>,
}

fn refusal(status: StatusCode, code: &'static str, message: &str) -> Response {
    (status, Json(json!({ "code": code, "message": message }))).into_response()
}

async fn receive(
    State(collector): State<Collector>,
    Path(call): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    raw: Bytes,
) -> Response {
    let received_at = (collector.inner.clock)();
    let path = format!("/v1/{call}");
    let call = match call.as_str() {
        "batch" | "import" => Call::Batch,
        one => match one.parse::<MessageType>() {
            Ok(t) => Call::One(t),
            Err(_) => {
                return refusal(
                    StatusCode::NOT_FOUND,
                    "not_found",
                    &format!("{path} is not a Tracking API endpoint"),
                );
            }
        },
    };
    match handle(&collector, &call, &path, &headers, &raw, peer, received_at).await {
        Ok(response) => response,
        Err(refused) => {
            collector.inner.counts.reject_request();
            tracing::info!(%path, code = refused.code, reason = %refused.message, "request refused");
            let rejection = Rejection {
                source_id: refused.source_id,
                received_at,
                path,
                status: refused.status.as_u16(),
                reason: refused.message.clone(),
            };
            if let Err(e) =
                collector.inner.db.call(move |c| rejections::record(c, &rejection)).await
            {
                tracing::warn!(error = ?e, "could not keep a rejection");
            }
            refusal(refused.status, refused.code, &refused.message)
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn handle(
    collector: &Collector,
    call: &Call,
    path: &str,
    headers: &HeaderMap,
    raw: &[u8],
    peer: SocketAddr,
    received_at: i64,
) -> Result<Response, Refused> {
    let bad = |status, code, message: String| Refused { status, code, message, source_id: None };
    let limit = match call {
        Call::Batch => MAX_BATCH_BYTES,
        Call::One(_) => MAX_MESSAGE_BYTES,
    };
    let encoding = headers.get(header::CONTENT_ENCODING).and_then(|v| v.to_str().ok());
    let bytes = body::decode(raw, encoding, limit).map_err(|e| match e {
        BodyError::TooLarge(_) => bad(StatusCode::BAD_REQUEST, "payload_too_large", e.to_string()),
        BodyError::UnsupportedEncoding(_) => {
            bad(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_encoding", e.to_string())
        }
        BodyError::BadGzip(_) => bad(StatusCode::BAD_REQUEST, "invalid_gzip", e.to_string()),
    })?;
    let body: Value = serde_json::from_slice(&bytes).map_err(|e| {
        bad(StatusCode::BAD_REQUEST, "invalid_json", format!("the body is not valid JSON: {e}"))
    })?;
    let Value::Object(mut body) = body else {
        return Err(bad(
            StatusCode::BAD_REQUEST,
            "invalid_json",
            "the body must be a JSON object".into(),
        ));
    };

    let source_id = authenticate(collector, headers, &body).await?;
    let bad = |status, code, message: String| Refused {
        status,
        code,
        message,
        source_id: Some(source_id),
    };

    let (items, envelope, one) = match call {
        Call::Batch => {
            let items = match body.remove("batch") {
                Some(Value::Array(items)) => items,
                _ => {
                    return Err(bad(
                        StatusCode::BAD_REQUEST,
                        "invalid_batch",
                        "a batch needs `batch`, an array of messages".into(),
                    ));
                }
            };
            if items.len() > MAX_BATCH_MESSAGES {
                return Err(bad(
                    StatusCode::BAD_REQUEST,
                    "too_many_messages",
                    format!(
                        "the batch has {} messages; send at most {MAX_BATCH_MESSAGES} per request",
                        items.len()
                    ),
                ));
            }
            let envelope = Envelope {
                context: object(&body, "context"),
                integrations: object(&body, "integrations"),
                sent_at: body.get("sentAt").and_then(Value::as_str).map(str::to_owned),
            };
            (items, envelope, None)
        }
        Call::One(t) => (vec![Value::Object(body)], Envelope::default(), Some(*t)),
    };

    let peer_ip = peer.ip().to_string();
    let arrival = Arrival {
        received_at,
        peer_ip: Some(&peer_ip),
        source_id: Some(source_id),
        corrected: false,
    };
    let mut accepted: Vec<Event> = Vec::with_capacity(items.len());
    let mut problems: Vec<(usize, String)> = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        match segment::accept(item, one, &envelope, &arrival) {
            Ok(event) => accepted.push(event),
            Err(p) => problems.push((index, p.to_string())),
        }
    }

    let plan = collector.plan().await;
    let accepted: Vec<_> = accepted
        .into_iter()
        .map(|e| {
            let check = plan.as_ref().and_then(|p| p.check(&e));
            (e, check)
        })
        .collect();
    let total = accepted.len();
    // What was valid is stored; the sender learns exactly which items were not.
    let message = match (&one, problems.as_slice()) {
        (_, []) => String::new(),
        (Some(_), [(_, reason)]) => reason.clone(),
        _ => format!(
            "{} of {} messages were rejected (the other {total} were accepted): {}",
            problems.len(),
            problems.len() + total,
            problems.iter().map(|(i, r)| format!("item {i}: {r}")).collect::<Vec<_>>().join("; ")
        ),
    };
    let rejection = (!problems.is_empty()).then(|| Rejection {
        source_id: Some(source_id),
        received_at,
        path: path.to_owned(),
        status: 400,
        reason: message.clone(),
    });
    let (stored, duplicates) = collector
        .inner
        .db
        .call(move |conn| {
            let tx = conn.transaction()?;
            let mut stored = 0u64;
            let mut accepted = accepted;
            for (e, check) in &mut accepted {
                stored += u64::from(messages::store(&tx, e, check.as_ref())? == Stored::New);
            }
            if let Some(rejection) = &rejection {
                rejections::record(&tx, rejection)?;
            }
            tx.commit()?;
            Ok((stored, accepted.len() as u64 - stored))
        })
        .await
        .map_err(|e| {
            tracing::error!(error = ?e, "could not store messages");
            Refused {
                status: StatusCode::SERVICE_UNAVAILABLE,
                code: "storage_failed",
                message: "the messages could not be stored; send them again".into(),
                source_id: Some(source_id),
            }
        })?;
    collector.inner.counts.add(stored, duplicates, problems.len() as u64);

    if problems.is_empty() {
        return Ok((
            StatusCode::OK,
            Json(json!({ "success": true, "accepted": stored, "duplicates": duplicates })),
        )
            .into_response());
    }
    let rejected: Vec<Value> =
        problems.iter().map(|(i, r)| json!({ "index": i, "reason": r })).collect();
    Ok((
        StatusCode::BAD_REQUEST,
        Json(json!({
            "code": "invalid_messages",
            "message": message,
            "accepted": stored,
            "duplicates": duplicates,
            "rejected": rejected,
        })),
    )
        .into_response())
}

fn object(body: &Map<String, Value>, key: &str) -> Option<Map<String, Value>> {
    body.get(key).and_then(Value::as_object).cloned()
}

/// The source behind the write key: HTTP Basic (key as user, empty password) or `writeKey`.
async fn authenticate(
    collector: &Collector,
    headers: &HeaderMap,
    body: &Map<String, Value>,
) -> Result<i64, Refused> {
    let unauthorized = |message: &str| Refused {
        status: StatusCode::UNAUTHORIZED,
        code: "unauthorized",
        message: message.to_owned(),
        source_id: None,
    };
    let from_header = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic ").or_else(|| v.strip_prefix("basic ")))
        .and_then(|b64| base64::engine::general_purpose::STANDARD.decode(b64.trim()).ok())
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map(|pair| pair.split_once(':').map_or(pair.clone(), |(user, _)| user.to_owned()));
    let key = from_header
        .filter(|k| !k.is_empty())
        .or_else(|| body.get("writeKey").and_then(Value::as_str).map(str::to_owned))
        .ok_or_else(|| {
            unauthorized("no write key: send it as the Basic auth user name or as `writeKey`")
        })?;

    if let Some(id) = collector.inner.keys.read().ok().and_then(|k| k.get(&key).copied()) {
        return Ok(id);
    }
    let lookup = key.clone();
    let source = collector
        .inner
        .db
        .call(move |c| sources::by_write_key(c, &lookup))
        .await
        .map_err(|_| unauthorized("the write key could not be checked; try again"))?
        .ok_or_else(|| unauthorized("unknown write key: copy it from `switchboard-cli source list` or the Sources screen"))?;
    if let Ok(mut keys) = collector.inner.keys.write() {
        keys.insert(key, source.id);
    }
    Ok(source.id)
}
