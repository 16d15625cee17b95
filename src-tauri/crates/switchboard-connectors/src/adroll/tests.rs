use std::collections::HashSet;
use std::time::{Duration, Instant};

use switchboard_core::{AdPlatform, Day};

use super::AdRoll;
use crate::fake::adroll::{expected_spend, paused};
use crate::fake::{self, Fault};
use crate::{ApiError, Policy, Vendor};

const KEY: &str = "adroll-app-key-test";
const TOKEN: &str = "adroll-pat-test";
const EID: &str = "ADVERTISABLE0001";

fn client(url: &str, key: &str, token: &str) -> AdRoll {
    AdRoll::new(Some(url), key, token, EID, "USD", Policy::quick(Vendor::AdRoll))
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn graphql(seen: &fake::Seen) -> String {
    let body: serde_json::Value = serde_json::from_str(&seen.body).unwrap();
    body["query"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn spend_per_campaign_and_day_in_minor_units() {
    let server = fake::adroll::start(KEY, TOKEN, EID).await;
    let (since, until) = (day("2024-12-28"), day("2025-01-03"));
    let fetched = client(&server.url, KEY, TOKEN).spend(since, until).await.unwrap();
    let rows = &fetched.value;
    assert_eq!(rows.len(), 3 * 7, "three campaigns, seven days, the last one included");
    for row in rows {
        let (cents, impressions, clicks) = expected_spend(&row.campaign_id, row.day);
        assert_eq!(
            (row.spend_minor, row.impressions, row.clicks),
            (cents, impressions, clicks),
            "{} on {}",
            row.campaign_id,
            row.day
        );
        assert_eq!(row.platform, AdPlatform::AdRoll);
        assert_eq!(row.currency, "USD");
    }
    let keys: HashSet<(String, Day)> =
        rows.iter().map(|r| (r.campaign_id.clone(), r.day)).collect();
    assert_eq!(keys.len(), 21);
    assert!(
        rows.iter().any(|r| r.day == until)
            && rows.iter().all(|r| r.day >= since && r.day <= until)
    );
    assert!(rows.iter().any(|r| r.campaign_name == "Retargeting: all site visitors"));
    // The fake sends some costs as numbers and some as strings: both were read.
    let costs: Vec<&serde_json::Value> =
        fetched.raw[0]["data"]["advertisable"]["byEID"]["campaigns"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["metrics"]["byDate"].as_array().unwrap())
            .map(|d| &d["cost"])
            .collect();
    assert!(costs.iter().any(|c| c.is_number()) && costs.iter().any(|c| c.is_string()));

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path, "/reporting/api/v1/query");
    assert_eq!(seen[0].query, format!("apikey={KEY}"));
    assert_eq!(seen[0].header("authorization"), Some(format!("Token {TOKEN}").as_str()));
    let query = graphql(&seen[0]);
    assert!(query.contains(&format!(r#"byEID(advertisable:"{EID}")"#)), "{query}");
    assert!(
        query.contains(r#"metrics(start:"2024-12-28",end:"2025-01-04",currency:"USD")"#),
        "[since, until + 1): {query}"
    );
    assert!(query.contains("byDate{date cost impressions clicks}"), "{query}");
}

#[tokio::test]
async fn costs_are_read_from_their_decimal_text() {
    let body = r#"{"has_errors":false,"data":{"advertisable":{"byEID":{"eid":"A","campaigns":[
        {"eid":"C1","name":"one","metrics":{"byDate":[
            {"date":"2024-06-01","cost":12.345,"impressions":10,"clicks":1},
            {"date":"2024-06-02","cost":"0.1","impressions":"20","clicks":"2"},
            {"date":"2024-06-03T00:00:00","cost":null,"impressions":0,"clicks":0},
            {"date":"2024-06-04","cost":0.30000000000000004}
        ]}},
        {"eid":"C2","name":"two","metrics":null}
    ]}}}}"#;
    let server = fake::adroll::start(KEY, TOKEN, EID).await;
    server.fail_next(1, &Fault::with_body(200, body));
    let rows = client(&server.url, KEY, TOKEN).spend(day("2024-06-01"), day("2024-06-04")).await;
    let rows = rows.unwrap().value;
    let got: Vec<(Day, i64, i64, i64)> =
        rows.iter().map(|r| (r.day, r.spend_minor, r.impressions, r.clicks)).collect();
    assert_eq!(
        got,
        [
            (day("2024-06-01"), 1235, 10, 1),
            (day("2024-06-02"), 10, 20, 2),
            (day("2024-06-03"), 0, 0, 0),
            (day("2024-06-04"), 30, 0, 0),
        ]
    );
}

#[tokio::test]
async fn has_errors_is_an_error_with_adrolls_message() {
    let server = fake::adroll::start(KEY, TOKEN, EID).await;
    let other = AdRoll::new(
        Some(&server.url),
        KEY,
        TOKEN,
        "NOSUCHEID",
        "USD",
        Policy::quick(Vendor::AdRoll),
    );
    let err = other.spend(day("2024-01-01"), day("2024-01-01")).await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: Some(200), .. }), "{err:?}");
    assert!(err.to_string().contains("Advertisable NOSUCHEID not found"), "{err}");
    assert!(other.check().await.is_err());

    // The flag wins even when data is there too.
    let body = r#"{"data":{"advertisable":{"byEID":{"eid":"A","campaigns":[]}}},"has_errors":true,"errors":[{"id":"E1","msg":"HTTP request failed"},{"id":"E2","msg":"metrics unavailable"}]}"#;
    server.fail_next(1, &Fault::with_body(200, body));
    let err = client(&server.url, KEY, TOKEN).spend(day("2024-01-01"), day("2024-01-01")).await;
    let err = err.unwrap_err();
    assert!(err.to_string().contains("HTTP request failed; metrics unavailable"), "{err}");
}

#[tokio::test]
async fn wrong_key_or_token_is_unauthorized_and_never_shown() {
    let server = fake::adroll::start(KEY, TOKEN, EID).await;
    for (key, token) in [("adroll-wrong-key", TOKEN), (KEY, "adroll-wrong-token")] {
        let err = client(&server.url, key, token).spend(day("2024-01-01"), day("2024-01-01")).await;
        let err = err.unwrap_err();
        assert!(matches!(err, ApiError::Unauthorized { status: 401, .. }), "{err:?}");
        let text = format!("{err} {err:?}");
        assert!(!text.contains(key) && !text.contains(token), "no credential in the error: {text}");
    }
    assert_eq!(server.seen().len(), 2, "not retried");
}

#[tokio::test]
async fn the_key_in_the_url_never_reaches_a_network_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let err = client(&url, KEY, TOKEN).check().await.unwrap_err();
    assert!(matches!(err, ApiError::Network { .. }), "{err:?}");
    let text = format!("{err} {err:?}");
    assert!(!text.contains(KEY) && !text.contains("apikey"), "{text}");
    let err = client(&url, KEY, TOKEN).pause_campaign("CAMPAIGNRETARGET01").await.unwrap_err();
    assert!(!format!("{err} {err:?}").contains(KEY));
}

#[tokio::test]
async fn retry_after_is_honoured_then_success() {
    let server = fake::adroll::start(KEY, TOKEN, EID).await;
    server.fail_next(1, &Fault::rate_limited("1"));
    let started = Instant::now();
    let rows = client(&server.url, KEY, TOKEN).spend(day("2024-01-01"), day("2024-01-01")).await;
    assert_eq!(rows.unwrap().value.len(), 3);
    assert!(started.elapsed() >= Duration::from_secs(1), "waited {:?}", started.elapsed());
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn server_errors_are_retried_then_succeed() {
    let server = fake::adroll::start(KEY, TOKEN, EID).await;
    server.fail_next(3, &Fault::status(502));
    let rows = client(&server.url, KEY, TOKEN).spend(day("2024-01-01"), day("2024-01-01")).await;
    assert_eq!(rows.unwrap().value.len(), 3);
    assert_eq!(server.seen().len(), 4);
}

#[tokio::test]
async fn malformed_bodies_are_bad_responses() {
    let server = fake::adroll::start(KEY, TOKEN, EID).await;
    let a = client(&server.url, KEY, TOKEN);
    for body in [
        "{\"truncated\": ",
        r#"{"has_errors":false}"#,
        r#"{"has_errors":false,"data":{"advertisable":{"byEID":{"campaigns":[{"eid":"C","metrics":{"byDate":[{"date":"2024-01-01","cost":"-1.00"}]}}]}}}}"#,
        r#"{"has_errors":false,"data":{"advertisable":{"byEID":{"campaigns":[{"eid":"C","metrics":{"byDate":[{"date":"2024-01-01","cost":true}]}}]}}}}"#,
    ] {
        server.fail_next(1, &Fault::with_body(200, body));
        let err = a.spend(day("2024-01-01"), day("2024-01-01")).await;
        assert!(matches!(err, Err(ApiError::BadResponse { status: None, .. })), "{body}: {err:?}");
    }
    server.fail_next(
        1,
        &Fault::with_body(200, r#"{"has_errors":false,"data":{"advertisable":{"byEID":null}}}"#),
    );
    assert!(matches!(a.check().await, Err(ApiError::NotFound { .. })));
}

#[tokio::test]
async fn pause_posts_the_campaign_edit() {
    let server = fake::adroll::start(KEY, TOKEN, EID).await;
    let a = client(&server.url, KEY, TOKEN);
    a.pause_campaign("CAMPAIGNABMTARGET02").await.unwrap();
    assert_eq!(paused(&server), ["CAMPAIGNABMTARGET02"]);
    let seen = server.seen();
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path, "/api/v1/campaign/edit");
    assert_eq!(seen[0].query, format!("apikey={KEY}"));
    assert_eq!(seen[0].header("authorization"), Some(format!("Token {TOKEN}").as_str()));
    assert_eq!(seen[0].body, "campaign=CAMPAIGNABMTARGET02&status=paused");

    let err = a.pause_campaign("NOSUCHCAMPAIGN").await.unwrap_err();
    assert!(matches!(err, ApiError::NotFound { .. }), "{err:?}");
    server.fail_next(
        1,
        &Fault::with_body(
            200,
            r#"{"has_errors":true,"errors":[{"id":"E9","msg":"campaign is archived"}]}"#,
        ),
    );
    let err = a.pause_campaign("CAMPAIGNRETARGET01").await.unwrap_err();
    assert!(err.to_string().contains("campaign is archived"), "{err}");
    assert_eq!(paused(&server), ["CAMPAIGNABMTARGET02"]);
}

#[tokio::test]
async fn check_asks_for_the_advertisable() {
    let server = fake::adroll::start(KEY, TOKEN, EID).await;
    client(&server.url, KEY, TOKEN).check().await.unwrap();
    let query = graphql(&server.seen()[0]);
    assert_eq!(query, format!(r#"{{advertisable{{byEID(advertisable:"{EID}"){{eid name}}}}}}"#));
}
