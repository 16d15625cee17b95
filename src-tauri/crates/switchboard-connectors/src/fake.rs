//! Local fake vendor servers on 127.0.0.1:0 that speak each vendor's documented wire format
//! (vendor-apis.md), for the tests of this crate and of every front end. Each server checks the
//! credentials the way its vendor does, records every request, and can be told to answer the
//! next requests with a fault (a status, a 429 with `Retry-After`, a throttle body, a malformed
//! body) before going back to normal.
//!
//! Their data is generated from the key asked for (a hash), so any email, domain or day has a
//! stable answer; keys starting with `nobody` are not found. Never built into the app.

pub mod adroll;
pub mod clearbit;
pub mod customerio;
pub mod facebook;
pub mod google_ads;
pub mod madkudu;
pub mod segment_profiles;

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Router};

/// A request as the fake server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: HeaderMap,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A canned answer that replaces the next request's normal one.
#[derive(Debug, Clone)]
pub struct Fault {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Fault {
    pub fn status(status: u16) -> Fault {
        Fault { status, headers: vec![], body: r#"{"message":"fake failure"}"#.into() }
    }

    /// 429 with `Retry-After` (seconds or an HTTP date, as given).
    pub fn rate_limited(retry_after: &str) -> Fault {
        Fault {
            status: 429,
            headers: vec![("retry-after".into(), retry_after.into())],
            body: r#"{"message":"too many requests"}"#.into(),
        }
    }

    /// 200 with a body that is not JSON.
    pub fn malformed() -> Fault {
        Fault { status: 200, headers: vec![], body: "{\"truncated\": ".into() }
    }

    pub fn with_body(status: u16, body: &str) -> Fault {
        Fault { status, headers: vec![], body: body.into() }
    }

    fn respond(&self) -> Response {
        let mut response = Response::builder()
            .status(StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
            .header("content-type", "application/json");
        for (k, v) in &self.headers {
            response = response.header(k, v);
        }
        response.body(Body::from(self.body.clone())).unwrap_or_default()
    }
}

/// What a server's handlers did beyond answering (a campaign paused), in order, each once.
/// Every fake's router can take it as `Extension<Ledger>`; [`FakeServer::recorded`] reads it.
#[derive(Debug, Clone, Default)]
pub struct Ledger(Arc<Mutex<Vec<String>>>);

impl Ledger {
    pub fn record(&self, entry: &str) {
        let mut entries = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if !entries.iter().any(|e| e == entry) {
            entries.push(entry.to_owned());
        }
    }
}

type Accept = dyn Fn(&Seen) -> bool + Send + Sync;

struct Shared {
    // `None`: answer that request normally.
    faults: VecDeque<Option<Fault>>,
    seen: Vec<Seen>,
    accept: Box<Accept>,
    unauthorized: Fault,
    /// How long each request waits before it is answered.
    delay: std::time::Duration,
}

/// A running fake server. Dropping it stops it.
pub struct FakeServer {
    pub url: String,
    shared: Arc<Mutex<Shared>>,
    ledger: Ledger,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FakeServer {
    /// Serves `router` on 127.0.0.1:0. `accept` says whether a request's credentials are good;
    /// when not, `unauthorized` is the answer.
    pub async fn start(
        router: Router,
        accept: impl Fn(&Seen) -> bool + Send + Sync + 'static,
        unauthorized: Fault,
    ) -> FakeServer {
        let shared = Arc::new(Mutex::new(Shared {
            faults: VecDeque::new(),
            seen: Vec::new(),
            accept: Box::new(accept),
            unauthorized,
            delay: std::time::Duration::ZERO,
        }));
        let ledger = Ledger::default();
        let app = router
            .layer(Extension(ledger.clone()))
            .layer(middleware::from_fn_with_state(shared.clone(), gate));
        let listener =
            tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind fake server");
        let url = format!("http://{}", listener.local_addr().expect("fake server address"));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeServer { url, shared, ledger, task }
    }

    /// The next `n` requests get `fault` instead of their answer.
    pub fn fail_next(&self, n: usize, fault: &Fault) {
        let mut s = self.lock();
        s.faults.extend(std::iter::repeat_n(Some(fault.clone()), n));
    }

    /// Every request from now on waits `delay` before its answer (after it is recorded), so a
    /// test can stop a client in the middle of a run.
    pub fn slow(&self, delay: std::time::Duration) {
        self.lock().delay = delay;
    }

    /// The next `n` requests are answered normally even when faults are queued after them.
    pub fn pass_next(&self, n: usize) {
        self.lock().faults.extend(std::iter::repeat_n(None, n));
    }

    /// What the handlers recorded in the [`Ledger`], in order.
    pub fn recorded(&self) -> Vec<String> {
        self.ledger.0.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Every request so far, oldest first.
    pub fn seen(&self) -> Vec<Seen> {
        self.lock().seen.clone()
    }

    pub fn requests_to(&self, path: &str) -> usize {
        self.lock().seen.iter().filter(|s| s.path == path).count()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Shared> {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

async fn gate(State(shared): State<Arc<Mutex<Shared>>>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, 16 * 1024 * 1024).await.unwrap_or_default();
    let seen = Seen {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or_default().to_owned(),
        headers: parts.headers.clone(),
        body: String::from_utf8_lossy(&bytes).into_owned(),
    };
    let delay = shared.lock().unwrap_or_else(PoisonError::into_inner).delay;
    let verdict = {
        let mut s = shared.lock().unwrap_or_else(PoisonError::into_inner);
        s.seen.push(seen.clone());
        if let Some(fault) = s.faults.pop_front().flatten() {
            Some(fault.respond())
        } else if !(s.accept)(&seen) {
            Some(s.unauthorized.respond())
        } else {
            None
        }
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    match verdict {
        Some(response) => response,
        None => next.run(Request::from_parts(parts, Body::from(bytes))).await.into_response(),
    }
}

/// Basic auth with `user` and an empty password, as most vendors take their key.
pub fn basic(user: &str) -> String {
    use base64::Engine;
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(format!("{user}:")))
}

/// A stable number from a key, so generated data never changes between runs.
pub fn hash(key: &str) -> u64 {
    crate::stable_hash(key)
}

/// Whether the generated data should say "not found" for this key.
pub fn missing(key: &str) -> bool {
    key.starts_with("nobody")
}
