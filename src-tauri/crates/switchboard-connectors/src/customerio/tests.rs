use std::collections::HashSet;
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{Value, json};
use switchboard_core::EmailActivityKind;

use super::{Campaign, CustomerIo, Delivery, Region};
use crate::fake::customerio::{
    CREATED_STEP, FIRST_CREATED, deliveries, start, start_with, with_metric,
};
use crate::fake::{FakeServer, Fault};
use crate::{ApiError, Policy, Vendor};

const SITE: &str = "site_123";
const TRACK: &str = "track_secret_key";
const APP: &str = "app_secret_key";

fn client(server: &FakeServer, region: Region, track_key: &str, app_key: &str) -> CustomerIo {
    CustomerIo::new(
        Some(&server.url),
        region,
        SITE,
        track_key,
        app_key,
        Policy::quick(Vendor::CustomerIo),
    )
}

async fn us() -> (FakeServer, CustomerIo) {
    let server = start(SITE, TRACK, APP, "us").await;
    let cio = client(&server, Region::Us, TRACK, APP);
    (server, cio)
}

/// What the client should make of a delivery the fake generated.
fn expected(wire: &Value) -> Delivery {
    let metrics = [
        ("sent", EmailActivityKind::Sent),
        ("delivered", EmailActivityKind::Delivered),
        ("opened", EmailActivityKind::Opened),
        ("clicked", EmailActivityKind::Clicked),
        ("bounced", EmailActivityKind::Bounced),
        ("unsubscribed", EmailActivityKind::Unsubscribed),
    ]
    .into_iter()
    .filter_map(|(name, kind)| wire["metrics"][name].as_i64().map(|at| (kind, at)))
    .collect();
    Delivery {
        id: wire["id"].as_str().unwrap().to_owned(),
        campaign_id: wire["campaign_id"].as_i64(),
        newsletter_id: wire["newsletter_id"].as_i64(),
        broadcast_id: wire["broadcast_id"].as_i64(),
        customer_id: wire["customer_id"].as_str().map(str::to_owned),
        email: wire["customer_identifiers"]["email"]
            .as_str()
            .or(wire["recipient"].as_str())
            .map(str::to_owned),
        created: wire["created"].as_i64().unwrap(),
        metrics,
    }
}

fn basic(user: &str, password: &str) -> String {
    let pair = format!("{user}:{password}");
    format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(pair))
}

#[test]
fn regions_parse_and_name_their_hosts() {
    assert_eq!("eu".parse::<Region>().unwrap(), Region::Eu);
    assert_eq!(" US ".parse::<Region>().unwrap(), Region::Us);
    assert!("mars".parse::<Region>().is_err());
    assert_eq!(Region::Eu.id(), "eu");
    assert_eq!(Region::Us.id(), "us");

    let eu = CustomerIo::new(None, Region::Eu, SITE, TRACK, APP, Policy::quick(Vendor::CustomerIo));
    let shown = format!("{eu:?}");
    assert!(shown.contains("https://track-eu.customer.io"), "{shown}");
    assert!(shown.contains("https://api-eu.customer.io"), "{shown}");
    assert!(!shown.contains(TRACK) && !shown.contains(APP), "no key in Debug: {shown}");
    let us = CustomerIo::new(None, Region::Us, SITE, TRACK, APP, Policy::quick(Vendor::CustomerIo));
    let shown = format!("{us:?}");
    assert!(
        shown.contains("https://track.customer.io") && shown.contains("https://api.customer.io")
    );
}

#[tokio::test]
async fn region_uses_track_auth_and_campaigns_app_auth() {
    let server = start(SITE, TRACK, APP, "eu").await;
    let cio = client(&server, Region::Eu, TRACK, APP);
    assert_eq!(cio.region().await.unwrap(), Region::Eu);
    let campaigns = cio.campaigns().await.unwrap();
    assert_eq!(campaigns.len(), 3);
    assert_eq!(campaigns[0], Campaign { id: 1, name: "outbound-double-forward".into() });
    assert_eq!(campaigns[2].name, "Newsletter");

    let seen = server.seen();
    assert_eq!(seen[0].path, "/api/v1/accounts/region");
    assert_eq!(seen[0].header("authorization"), Some(basic(SITE, TRACK).as_str()));
    assert_eq!(seen[1].path, "/v1/campaigns");
    assert_eq!(seen[1].header("authorization"), Some(format!("Bearer {APP}").as_str()));
}

#[tokio::test]
async fn check_needs_both_keys_and_the_right_region() {
    let server = start(SITE, TRACK, APP, "eu").await;
    client(&server, Region::Eu, TRACK, APP).check().await.unwrap();
    assert_eq!(server.seen().len(), 2, "one Track call and one App call");

    let err = client(&server, Region::Us, TRACK, APP).check().await.unwrap_err();
    assert!(err.to_string().contains("EU region"), "{err}");

    let err = client(&server, Region::Eu, TRACK, "wrong-app").check().await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { status: 401, .. }), "{err:?}");
    let err = client(&server, Region::Eu, "wrong-track", APP).check().await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { status: 401, .. }), "{err:?}");
}

#[tokio::test]
async fn deliveries_are_mapped_with_their_metrics() {
    let (server, cio) = us().await;
    let page = cio.messages(None, None, 1000).await.unwrap();
    let wire = deliveries(250);
    let want: Vec<Delivery> = wire.iter().map(expected).collect();
    assert_eq!(page.value.deliveries, want);
    assert_eq!(page.value.next, None);
    assert_eq!(page.raw["messages"].as_array().unwrap().len(), 250);

    // The generated data exercises every branch the mapping has.
    let d = &page.value.deliveries;
    assert!(d.iter().any(|d| d.customer_id.is_none() && d.email.is_some()), "recipient fallback");
    assert!(d.iter().any(|d| d.newsletter_id.is_some() && d.campaign_id.is_none()));
    let has = |d: &Delivery, k| d.metrics.iter().any(|(kind, _)| *kind == k);
    for kind in
        [EmailActivityKind::Clicked, EmailActivityKind::Bounced, EmailActivityKind::Unsubscribed]
    {
        assert!(d.iter().any(|d| has(d, kind)), "some delivery has {kind}");
    }
    assert!(
        d.iter()
            .all(|d| !(has(d, EmailActivityKind::Bounced) && has(d, EmailActivityKind::Delivered)))
    );
    let opened = d.iter().filter(|d| has(d, EmailActivityKind::Opened)).count();
    assert_eq!(opened, with_metric(250, "opened"));
    let converted = wire.iter().position(|w| w["metrics"].get("converted").is_some()).unwrap();
    assert_eq!(
        d[converted].metrics.len(),
        wire[converted]["metrics"].as_object().unwrap().len() - 1
    );
    assert_eq!(server.seen()[0].query, "type=email&limit=1000");
}

#[tokio::test]
async fn the_documented_shape_and_missing_fields() {
    let body = json!({"messages": [
        {"id": "dlv_a", "campaign_id": 12, "newsletter_id": null, "broadcast_id": null,
         "customer_id": "u1", "customer_identifiers": {"id": "u1", "email": "a@b.io", "cio_id": "c1"},
         "recipient": "other@b.io", "created": 1_700_000_000, "type": "email",
         "metrics": {"sent": 1_700_000_005, "delivered": 1_700_000_010, "opened": 1_700_000_100,
                     "human_opened": 1_700_000_100, "spammed": null}},
        {"id": "dlv_b", "created": 1_700_000_001, "recipient": "c@d.io", "metrics": null},
        {"id": "dlv_c", "created": 1_700_000_002}
    ], "next": ""});
    let (server, cio) = us().await;
    server.fail_next(1, &Fault::with_body(200, &body.to_string()));
    let page = cio.messages(None, None, 10).await.unwrap().value;
    assert_eq!(page.next, None, "an empty next means the last page");
    assert_eq!(
        page.deliveries[0],
        Delivery {
            id: "dlv_a".into(),
            campaign_id: Some(12),
            newsletter_id: None,
            broadcast_id: None,
            customer_id: Some("u1".into()),
            email: Some("a@b.io".into()),
            created: 1_700_000_000,
            metrics: vec![
                (EmailActivityKind::Sent, 1_700_000_005),
                (EmailActivityKind::Delivered, 1_700_000_010),
                (EmailActivityKind::Opened, 1_700_000_100),
            ],
        }
    );
    assert_eq!(page.deliveries[1].email.as_deref(), Some("c@d.io"));
    assert!(page.deliveries[1].metrics.is_empty());
    assert_eq!(page.deliveries[2].email, None);
}

#[tokio::test]
async fn pages_cover_every_delivery_exactly_once() {
    let (server, cio) = us().await;
    let mut cursors: Vec<String> = Vec::new();
    let mut ids = Vec::new();
    // Bounded, so a client that ignores the cursor fails instead of hanging.
    for _ in 0..10 {
        let page = cio.messages(cursors.last().map(String::as_str), None, 100).await.unwrap().value;
        ids.extend(page.deliveries.into_iter().map(|d| d.id));
        match page.next {
            Some(next) => cursors.push(next),
            None => break,
        }
    }
    assert_eq!(cursors.len(), 2, "three pages");
    let want: Vec<String> =
        deliveries(250).iter().map(|d| d["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(ids, want);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 250);

    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert!(!seen[0].query.contains("start="), "{}", seen[0].query);
    for (request, cursor) in seen[1..].iter().zip(&cursors) {
        assert!(request.query.contains(&format!("start={cursor}")), "{}", request.query);
    }
}

#[tokio::test]
async fn since_keeps_deliveries_created_at_or_after_it() {
    let (server, cio) = us().await;
    let since = FIRST_CREATED + 200 * CREATED_STEP;
    let page = cio.messages(None, Some(since), 1000).await.unwrap().value;
    assert_eq!(page.deliveries.len(), 50);
    assert!(page.deliveries.iter().all(|d| d.created >= since));
    assert_eq!(page.deliveries[0].id, "dlv_000200");
    assert!(server.seen()[0].query.contains(&format!("start_ts={since}")));
}

#[tokio::test]
async fn an_empty_workspace_is_one_empty_last_page() {
    let server = start_with(SITE, TRACK, APP, "us", 0).await;
    let page = client(&server, Region::Us, TRACK, APP).messages(None, None, 0).await.unwrap();
    assert_eq!(page.value, super::MessagesPage { deliveries: vec![], next: None });
    assert_eq!(server.seen()[0].query, "type=email&limit=1", "a zero limit is raised to one");
}

#[tokio::test]
async fn identify_puts_flat_attributes_with_track_auth() {
    let (server, cio) = us().await;
    let attributes =
        json!({"email": "ana+test@acme.io", "plan": "pro", "created_at": 1_700_000_000});
    cio.identify("ana+test@acme.io", attributes.as_object().unwrap()).await.unwrap();
    let seen = &server.seen()[0];
    assert_eq!(seen.method, "PUT");
    assert_eq!(seen.path, "/api/v1/customers/ana%2Btest%40acme.io");
    assert_eq!(seen.header("authorization"), Some(basic(SITE, TRACK).as_str()));
    assert_eq!(serde_json::from_str::<Value>(&seen.body).unwrap(), attributes);
}

#[tokio::test]
async fn track_posts_the_event_with_its_dedupe_id() {
    let (server, cio) = us().await;
    let data = json!({"campaign": "outbound-double-forward", "recipient": "x@y.io"});
    cio.track("user/42", "double_forward", "01HZX", 1_700_000_123, &data).await.unwrap();
    let seen = &server.seen()[0];
    assert_eq!(seen.method, "POST");
    assert_eq!(seen.path, "/api/v1/customers/user%2F42/events");
    assert_eq!(seen.header("authorization"), Some(basic(SITE, TRACK).as_str()));
    assert_eq!(
        serde_json::from_str::<Value>(&seen.body).unwrap(),
        json!({"name": "double_forward", "id": "01HZX", "timestamp": 1_700_000_123, "data": data})
    );
}

#[tokio::test]
async fn track_errors_in_meta_are_surfaced_without_retry() {
    let (server, cio) = us().await;
    let err = cio.track("u1", "", "01HZX", 1_700_000_123, &json!({})).await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: Some(400), .. }), "{err:?}");
    assert!(err.to_string().contains("name is required"), "{err}");
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn wrong_keys_are_unauthorized_without_retry() {
    let (server, _) = us().await;
    let err = client(&server, Region::Us, "wrong-track-key", APP)
        .identify("u1", &serde_json::Map::new())
        .await
        .unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { status: 401, .. }), "{err:?}");
    assert!(err.to_string().contains("Unauthorized request"), "{err}");
    assert!(!err.to_string().contains("wrong-track-key"), "the key must not appear: {err}");
    assert_eq!(server.seen().len(), 1);

    // The App key does not open the Track API, nor the other way round.
    let err = client(&server, Region::Us, APP, TRACK).campaigns().await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { .. }), "{err:?}");
    assert!(!err.to_string().contains(TRACK) && !err.to_string().contains(APP), "{err}");
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn retry_after_is_honoured_then_success() {
    let (server, cio) = us().await;
    server.fail_next(1, &Fault::rate_limited("1"));
    let started = Instant::now();
    let page = cio.messages(None, None, 10).await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "waited {:?}", started.elapsed());
    assert_eq!(page.value.deliveries.len(), 10);
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].header("x-retry-count"), Some("1"));
    assert_eq!(seen[0].query, seen[1].query);
}

#[tokio::test]
async fn server_errors_are_retried_with_the_same_body() {
    let (server, cio) = us().await;
    server.fail_next(2, &Fault::status(503));
    let attributes = json!({"plan": "pro"});
    cio.identify("u1", attributes.as_object().unwrap()).await.unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|s| s.body == seen[0].body && s.path == "/api/v1/customers/u1"));

    let server = start(SITE, TRACK, APP, "us").await;
    server.fail_next(1, &Fault::status(502));
    let campaigns = client(&server, Region::Us, TRACK, APP).campaigns().await.unwrap();
    assert_eq!(campaigns.len(), 3);
}

#[tokio::test]
async fn malformed_bodies_are_bad_responses() {
    let (server, cio) = us().await;
    server.fail_next(1, &Fault::malformed());
    let err = cio.messages(None, None, 10).await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: None, .. }), "{err:?}");

    server.fail_next(
        1,
        &Fault::with_body(
            200,
            r#"{"messages":[{"id":"d","created":1,"metrics":{"opened":"yesterday"}}]}"#,
        ),
    );
    let err = cio.messages(None, None, 10).await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: None, .. }), "{err:?}");
    assert!(err.to_string().contains("opened"), "{err}");

    server.fail_next(1, &Fault::with_body(200, r#"{"region":"mars"}"#));
    let err = cio.region().await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: None, .. }), "{err:?}");
}
