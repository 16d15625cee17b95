//! The collector on a real socket, spoken to over HTTP the way Segment's libraries do.

use std::io::Write;
use std::sync::Arc;

use flate2::{Compression, write::GzEncoder};
use reqwest::StatusCode;
use serde_json::{Value, json};
use switchboard_ingest::{Clock, Collector};
use switchboard_store::{Db, rejections, sources};

const KEY: &str = "wk_test_0123456789";
/// 2024-01-01T00:00:10Z
const NOW: i64 = 1_704_067_210_000;

struct Running {
    base: String,
    db: Db,
    collector: Collector,
    _dir: tempfile::TempDir,
}

async fn start() -> Running {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::create(&dir.path().join("w.sqlite")).unwrap();
    db.call(|c| sources::create(c, "website", KEY, 0)).await.unwrap();
    let clock: Clock = Arc::new(|| NOW);
    let collector = Collector::new(db.clone(), clock);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(collector.clone().serve(listener, std::future::pending()));
    Running { base, db, collector, _dir: dir }
}

impl Running {
    async fn post(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        let res = reqwest::Client::new()
            .post(format!("{}{path}", self.base))
            .basic_auth(KEY, Some(""))
            .json(body)
            .send()
            .await
            .unwrap();
        (res.status(), res.json().await.unwrap_or(Value::Null))
    }

    async fn count(&self, sql: &'static str) -> i64 {
        self.db.call(move |c| Ok(c.query_row(sql, [], |r| r.get(0))?)).await.unwrap()
    }
}

fn batch() -> Value {
    json!({
        "batch": [
            { "type": "identify", "userId": "u1", "traits": { "email": "a@x.example" }, "messageId": "m-1",
              "timestamp": "2024-01-01T00:00:00.000Z" },
            { "type": "track", "userId": "u1", "event": "Signed Up", "properties": {}, "messageId": "m-2" }
        ],
        "context": { "ip": "203.0.113.9" },
        "integrations": {},
        "sentAt": "2024-01-01T00:00:05.000Z"
    })
}

#[tokio::test]
async fn a_batch_is_stored_once_with_its_envelope() {
    let app = start().await;
    let (status, body) = app.post("/v1/batch", &batch()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!((body["accepted"].as_u64(), body["duplicates"].as_u64()), (Some(2), Some(0)));
    // A resent batch adds nothing.
    let (status, body) = app.post("/v1/batch", &batch()).await;
    assert_eq!(
        (status, body["accepted"].as_u64(), body["duplicates"].as_u64()),
        (StatusCode::OK, Some(0), Some(2))
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM events").await, 2);
    assert_eq!(
        app.count("SELECT COUNT(*) FROM events WHERE ip = '203.0.113.9' AND source_id = 1").await,
        2
    );
    // Clock skew: sent at 00:05 by the sender's clock, received at 00:10.
    let ts = app.count("SELECT timestamp FROM events WHERE message_id = 'm-1'").await;
    assert_eq!(ts, NOW - 5_000);
    let counts = app.collector.counts();
    assert_eq!((counts.accepted, counts.duplicates), (2, 2));
}

#[tokio::test]
async fn gzip_bodies_single_calls_and_body_write_keys() {
    let app = start().await;
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(batch().to_string().as_bytes()).unwrap();
    let res = reqwest::Client::new()
        .post(format!("{}/v1/import", app.base))
        .basic_auth(KEY, None::<&str>)
        .header("Content-Type", "application/json")
        .header("Content-Encoding", "gzip")
        .body(gz.finish().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = reqwest::Client::new()
        .post(format!("{}/v1/track", app.base))
        .json(
            &json!({ "writeKey": KEY, "anonymousId": "a1", "event": "Viewed", "messageId": "m-3" }),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(app.count("SELECT COUNT(*) FROM events").await, 3);
    let raw = app.count("SELECT COUNT(*) FROM events WHERE raw LIKE '%writeKey%'").await;
    assert_eq!(raw, 0, "the write key is not stored with the message");
}

#[tokio::test]
async fn refusals_name_the_problem_and_keep_what_was_valid() {
    let app = start().await;
    let mut body = batch();
    body["batch"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "type": "track", "userId": "u2", "messageId": "m-9" }));
    body["batch"].as_array_mut().unwrap().push(json!({ "type": "page", "messageId": "m-10" }));
    let (status, answer) = app.post("/v1/batch", &body).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["code"], "invalid_messages");
    assert_eq!(answer["accepted"], 2);
    let rejected = answer["rejected"].as_array().unwrap();
    assert_eq!(rejected[0]["index"], 2);
    assert_eq!(rejected[0]["reason"], "a track call needs `event`, the event's name");
    assert_eq!(rejected[1]["index"], 3);
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("item 3: the message has neither `userId` nor `anonymousId`")
    );
    assert_eq!(app.count("SELECT COUNT(*) FROM events").await, 2);

    let (status, answer) = app.post("/v1/track", &json!({ "userId": "u" })).await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_messages"))
    );

    let res = reqwest::Client::new()
        .post(format!("{}/v1/batch", app.base))
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let answer: Value = res.json().await.unwrap();
    assert_eq!(answer["code"], "invalid_json");

    let too_many =
        json!({ "batch": vec![json!({ "type": "track", "userId": "u", "event": "e" }); 2_501] });
    let (status, answer) = app.post("/v1/batch", &too_many).await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("too_many_messages"))
    );

    let big = json!({ "userId": "u", "traits": { "blob": "x".repeat(33 * 1024) } });
    let (status, answer) = app.post("/v1/identify", &big).await;
    assert_eq!(
        (status, answer["code"].as_str()),
        (StatusCode::BAD_REQUEST, Some("payload_too_large"))
    );

    let res = reqwest::Client::new()
        .post(format!("{}/v1/batch", app.base))
        .basic_auth("wrong", Some(""))
        .json(&batch())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = reqwest::Client::new()
        .post(format!("{}/v1/batch", app.base))
        .json(&batch())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    assert_eq!(app.count("SELECT COUNT(*) FROM events").await, 2, "nothing accepted was lost");
    let kept = app.db.call(|c| rejections::recent(c, 10)).await.unwrap();
    assert_eq!(kept.len(), 7);
    assert!(kept.iter().any(|r| r.status == 401 && r.reason.starts_with("unknown write key")));
    assert_eq!(app.collector.counts().rejected_requests, 5);
}
