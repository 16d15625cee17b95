//! The inbound webhooks on a real socket: Customer.io's reporting webhooks (signed) and
//! Mailparser's replies move an outbound contact; every refusal is a 4xx that says what to do.

use std::sync::Arc;

use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::Sha256;
use switchboard_ingest::{Clock, Collector, WebhookAuth};
use switchboard_store::Db;

/// 2024-01-01T00:00:10Z
const NOW: i64 = 1_704_067_210_000;
const SECRET: &str = "s3cretPathToken0123456789abcdefX";
const SIGNING_KEY: &str = "cio-signing-key";

struct Running {
    base: String,
    db: Db,
    collector: Collector,
    _dir: tempfile::TempDir,
}

async fn start() -> Running {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::create(&dir.path().join("w.sqlite")).unwrap();
    db.call(|c| {
        c.execute_batch(
            "INSERT INTO companies (id, domain, name, created_at) VALUES (1, 'acme.com', 'Acme', 0);
             INSERT INTO prospects (id, company_id, email, email_verified, first_name, last_name,
                 title, role, seniority, found_at, state)
             VALUES (1, 1, 'ann@acme.com', 1, 'Ann', 'Lee', 'CTO', 'engineering', 'executive', 0,
                     'approved'),
                    (2, 1, 'bob@acme.com', 1, 'Bob', 'Ray', 'VP Sales', 'sales', 'executive', 0,
                     'approved');
             INSERT INTO outreach (email, prospect_id, campaign, event_id, state, queued_at,
                 sent_at, updated_at)
             VALUES ('ann@acme.com', 1, 'outbound', '01A', 'sent', 0, 1, 1),
                    ('bob@acme.com', 2, 'outbound', '01B', 'sent', 0, 1, 1);",
        )?;
        Ok(())
    })
    .await
    .unwrap();
    let clock: Clock = Arc::new(|| NOW);
    let collector = Collector::new(db.clone(), clock);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(collector.clone().serve(listener, std::future::pending()));
    Running { base, db, collector, _dir: dir }
}

fn signed(body: &str, ts: i64, key: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).unwrap();
    mac.update(format!("v0:{ts}:{body}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

impl Running {
    async fn post(
        &self,
        path: &str,
        body: &str,
        headers: &[(&str, String)],
    ) -> (StatusCode, Value) {
        let mut req = reqwest::Client::new()
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(body.to_owned());
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        let res = req.send().await.unwrap();
        (res.status(), res.json().await.unwrap_or(Value::Null))
    }

    async fn state(&self, email: &'static str) -> String {
        self.db
            .call(move |c| {
                Ok(c.query_row("SELECT state FROM outreach WHERE email = ?1", [email], |r| {
                    r.get(0)
                })?)
            })
            .await
            .unwrap()
    }
}

fn cio(event_id: &str, metric: &str, email: &str) -> String {
    json!({
        "event_id": event_id, "object_type": "email", "metric": metric, "timestamp": NOW / 1000,
        "data": {"customer_id": email, "identifiers": {"id": email, "email": email},
                 "delivery_id": "RPILAgABcRhIBqSp7kiPekGBIeVh", "campaign_id": 7, "action_id": 71,
                 "recipient": email, "subject": "Fwd: Fwd: a note"}
    })
    .to_string()
}

#[tokio::test]
async fn webhooks_are_off_until_set_up() {
    let app = start().await;
    let (status, body) = app.post(&format!("/webhooks/{SECRET}/customerio"), "{}", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], "webhooks_off");
    assert!(body["message"].as_str().unwrap().contains("webhook setup"), "{body}");
}

#[tokio::test]
async fn signed_customerio_webhooks_move_a_contact_forward_once() {
    let app = start().await;
    app.collector.set_webhooks(Some(WebhookAuth {
        secret: SECRET.into(),
        cio_signing_key: Some(SIGNING_KEY.into()),
    }));
    let path = format!("/webhooks/{SECRET}/customerio");
    let ts = NOW / 1000;
    let body = cio("ev-1", "opened", "ann@acme.com");
    let sig = |b: &str| {
        vec![("x-cio-timestamp", ts.to_string()), ("x-cio-signature", signed(b, ts, SIGNING_KEY))]
    };

    // No signature, a wrong one, a stale one: 401, nothing moves.
    let (status, out) = app.post(&path, &body, &[]).await;
    assert_eq!((status, out["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("bad_signature")));
    let wrong = vec![
        ("x-cio-timestamp", ts.to_string()),
        ("x-cio-signature", signed(&body, ts, "another key")),
    ];
    assert_eq!(app.post(&path, &body, &wrong).await.0, StatusCode::UNAUTHORIZED);
    let stale = vec![
        ("x-cio-timestamp", (ts - 3_600).to_string()),
        ("x-cio-signature", signed(&body, ts - 3_600, SIGNING_KEY)),
    ];
    assert_eq!(app.post(&path, &body, &stale).await.0, StatusCode::UNAUTHORIZED);
    // A wrong secret in the path.
    let (status, out) = app.post("/webhooks/wrong/customerio", &body, &sig(&body)).await;
    assert_eq!((status, out["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthorized")));
    assert_eq!(app.state("ann@acme.com").await, "sent");

    let (status, out) = app.post(&path, &body, &sig(&body)).await;
    assert_eq!((status, out["outcome"].as_str()), (StatusCode::OK, Some("opened")), "{out}");
    assert_eq!(app.state("ann@acme.com").await, "opened");
    // Resent: nothing changes. A late `delivered` does not take it back.
    let (_, out) = app.post(&path, &body, &sig(&body)).await;
    assert_eq!(out["outcome"], "already received");
    let late = cio("ev-2", "delivered", "ann@acme.com");
    assert_eq!(app.post(&path, &late, &sig(&late)).await.1["outcome"], "opened");
    // A bounce stops the address for good.
    let bounce = cio("ev-3", "bounced", "bob@acme.com");
    assert_eq!(app.post(&path, &bounce, &sig(&bounce)).await.1["outcome"], "bounced");
    let after = cio("ev-4", "opened", "bob@acme.com");
    app.post(&path, &after, &sig(&after)).await;
    assert_eq!(app.state("bob@acme.com").await, "bounced");
    // An address never sent to is recorded and left alone.
    let stranger = cio("ev-5", "opened", "eve@else.com");
    let (status, out) = app.post(&path, &stranger, &sig(&stranger)).await;
    assert_eq!(
        (status, out["outcome"].as_str()),
        (StatusCode::OK, Some("ignored: not an outbound contact"))
    );
    // Not JSON, or not a reporting webhook: 400 that says why.
    let (status, out) = app.post(&path, "not json", &sig("not json")).await;
    assert_eq!((status, out["code"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_json")));
    let (status, out) = app.post(&path, "{}", &sig("{}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(out["message"].as_str().unwrap().contains("event_id"), "{out}");
}

#[tokio::test]
async fn a_mailparser_reply_marks_the_contact_replied_with_basic_auth_or_the_path_secret() {
    let app = start().await;
    app.collector.set_webhooks(Some(WebhookAuth { secret: SECRET.into(), cio_signing_key: None }));
    let reply = json!({"id": "mp-1", "received_at": "2024-01-01T00:00:09Z",
                       "from": "Ann Lee <Ann@Acme.com>", "subject": "Re: Fwd: Fwd: a note"})
    .to_string();
    // Basic auth with a wrong password, then none.
    let wrong = vec![("authorization", format!("Basic {}", b64("switchboard:nope")))];
    let (status, out) = app.post("/webhooks/mailparser", &reply, &wrong).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(out["message"].as_str().unwrap().contains("Basic"), "{out}");
    assert_eq!(app.post("/webhooks/mailparser", &reply, &[]).await.0, StatusCode::UNAUTHORIZED);

    let good = vec![("authorization", format!("Basic {}", b64(&format!("switchboard:{SECRET}"))))];
    let (status, out) = app.post("/webhooks/mailparser", &reply, &good).await;
    assert_eq!((status, out["outcome"].as_str()), (StatusCode::OK, Some("replied")), "{out}");
    assert_eq!(app.state("ann@acme.com").await, "replied");
    // The same reply through the path: already received.
    let (_, out) = app.post(&format!("/webhooks/{SECRET}/mailparser"), &reply, &[]).await;
    assert_eq!(out["outcome"], "already received");
    // A reply without a sender is refused with what to do.
    let (status, out) =
        app.post(&format!("/webhooks/{SECRET}/mailparser"), r#"{"id":"mp-2"}"#, &[]).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(out["message"].as_str().unwrap().contains("template"), "{out}");
    let replied_at: i64 = app
        .db
        .call(|c| {
            Ok(c.query_row(
                "SELECT replied_at FROM outreach WHERE email = 'ann@acme.com'",
                [],
                |r| r.get(0),
            )?)
        })
        .await
        .unwrap();
    assert_eq!(replied_at, NOW - 1_000, "the reply's own time is kept");
}

fn b64(s: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(s)
}
