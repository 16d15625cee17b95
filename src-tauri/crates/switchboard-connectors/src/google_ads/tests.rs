use std::collections::HashSet;
use std::time::{Duration, Instant};

use switchboard_core::{AdPlatform, Day};

use super::{DEFAULT_VERSION, GoogleAds};
use crate::fake::google_ads::{Setup, expected_spend, paused};
use crate::fake::{self, Fault};
use crate::{ApiError, Policy, Vendor};

const CUSTOMER: &str = "1234567890";
const DEV: &str = "dev-token-test";
const OAUTH: &str = "ya29.oauth-test";

fn client(url: &str, oauth: &str) -> GoogleAds {
    GoogleAds::new(
        Some(url),
        DEFAULT_VERSION,
        CUSTOMER,
        None,
        DEV,
        oauth,
        Policy::quick(Vendor::GoogleAds),
    )
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

#[tokio::test]
async fn spend_per_campaign_and_day_from_micros() {
    let server = fake::google_ads::start(CUSTOMER, DEV, OAUTH).await;
    let (since, until) = (day("2024-02-27"), day("2024-03-04"));
    let fetched = client(&server.url, OAUTH).spend(since, until).await.unwrap();
    let rows = fetched.value;
    assert_eq!(rows.len(), 3 * 7);
    for row in &rows {
        let (cents, impressions, clicks) = expected_spend(&row.campaign_id, row.day);
        assert_eq!(
            (row.spend_minor, row.impressions, row.clicks),
            (cents, impressions, clicks),
            "{} on {}",
            row.campaign_id,
            row.day
        );
        assert_eq!(row.platform, AdPlatform::GoogleAds);
        assert_eq!(row.currency, "EUR");
        assert!(row.day >= since && row.day <= until);
    }
    assert!(rows.iter().any(|r| r.clicks == 0), "a left-out metric reads as zero");
    let cdp = rows.iter().find(|r| r.campaign_name == "Search: customer data platform").unwrap();
    assert_eq!(cdp.campaign_id, "20481000001");

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path, format!("/v18/customers/{CUSTOMER}/googleAds:searchStream"));
    assert_eq!(seen[0].header("authorization"), Some(format!("Bearer {OAUTH}").as_str()));
    assert_eq!(seen[0].header("developer-token"), Some(DEV));
    assert_eq!(seen[0].header("login-customer-id"), None);
    let query: serde_json::Value = serde_json::from_str(&seen[0].body).unwrap();
    assert_eq!(
        query["query"],
        "SELECT campaign.id, campaign.name, segments.date, metrics.cost_micros, metrics.impressions, \
         metrics.clicks, customer.currency_code FROM campaign \
         WHERE segments.date BETWEEN '2024-02-27' AND '2024-03-04'"
    );
}

#[tokio::test]
async fn every_row_of_every_batch_exactly_once() {
    let setup = Setup { batch_size: 4, ..Setup::new(CUSTOMER, DEV, OAUTH) };
    let server = fake::google_ads::start_with(setup).await;
    let fetched =
        client(&server.url, OAUTH).spend(day("2024-01-01"), day("2024-01-07")).await.unwrap();
    let batches = fetched.raw.as_array().unwrap();
    assert_eq!(batches.len(), 6, "21 rows in batches of 4");
    assert!(batches.iter().all(|b| b["requestId"].is_string() && b["fieldMask"].is_string()));
    assert_eq!(fetched.value.len(), 21);
    let keys: HashSet<(String, Day)> =
        fetched.value.iter().map(|r| (r.campaign_id.clone(), r.day)).collect();
    assert_eq!(keys.len(), 21);
    assert_eq!(server.seen().len(), 1, "one stream, no paging");
}

#[tokio::test]
async fn a_range_without_rows_is_empty() {
    let setup = Setup { campaigns: vec![], ..Setup::new(CUSTOMER, DEV, OAUTH) };
    let server = fake::google_ads::start_with(setup).await;
    let fetched =
        client(&server.url, OAUTH).spend(day("2024-01-01"), day("2024-01-07")).await.unwrap();
    assert!(fetched.value.is_empty());
    assert_eq!(fetched.raw.as_array().unwrap().len(), 1, "one batch without results");
    let none =
        client(&server.url, OAUTH).spend(day("2024-01-02"), day("2024-01-01")).await.unwrap();
    assert!(none.value.is_empty());
    assert_eq!(server.seen().len(), 1, "an empty range asks nothing");
}

#[tokio::test]
async fn manager_accounts_send_login_customer_id_without_dashes() {
    let setup =
        Setup { login_customer_id: Some("9876543210".into()), ..Setup::new(CUSTOMER, DEV, OAUTH) };
    let server = fake::google_ads::start_with(setup).await;
    let through_manager = GoogleAds::new(
        Some(&server.url),
        DEFAULT_VERSION,
        "123-456-7890",
        Some("987-654-3210"),
        DEV,
        OAUTH,
        Policy::quick(Vendor::GoogleAds),
    );
    through_manager.check().await.unwrap();
    let seen = server.seen();
    assert_eq!(seen[0].header("login-customer-id"), Some("9876543210"));
    assert_eq!(seen[0].path, format!("/v18/customers/{CUSTOMER}/googleAds:searchStream"));
    assert!(seen[0].body.contains("FROM customer LIMIT 1"), "{}", seen[0].body);

    let err = client(&server.url, OAUTH).check().await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { .. }), "without the manager id: {err:?}");
}

#[tokio::test]
async fn wrong_tokens_are_unauthorized_without_retry() {
    let server = fake::google_ads::start(CUSTOMER, DEV, OAUTH).await;
    let err = client(&server.url, "ya29.wrong").spend(day("2024-01-01"), day("2024-01-01")).await;
    let err = err.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { status: 401, .. }), "{err:?}");
    assert!(err.to_string().contains("authentication credential"), "{err}");
    assert!(!err.to_string().contains("ya29.wrong"), "the token must not appear: {err}");

    let wrong_dev = GoogleAds::new(
        Some(&server.url),
        DEFAULT_VERSION,
        CUSTOMER,
        None,
        "dev-wrong",
        OAUTH,
        Policy::quick(Vendor::GoogleAds),
    );
    let err = wrong_dev.check().await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { .. }), "{err:?}");
    assert!(!err.to_string().contains("dev-wrong"), "{err}");
    assert_eq!(server.seen().len(), 2);

    let other = GoogleAds::new(
        Some(&server.url),
        DEFAULT_VERSION,
        "5555555555",
        None,
        DEV,
        OAUTH,
        Policy::quick(Vendor::GoogleAds),
    );
    let err = other.check().await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { status: 403, .. }), "{err:?}");
}

#[tokio::test]
async fn retry_after_is_honoured_then_success() {
    let server = fake::google_ads::start(CUSTOMER, DEV, OAUTH).await;
    let quota = Fault {
        status: 429,
        headers: vec![("retry-after".into(), "1".into())],
        body: r#"[{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED"}}]"#.into(),
    };
    server.fail_next(1, &quota);
    let started = Instant::now();
    let rows =
        client(&server.url, OAUTH).spend(day("2024-01-01"), day("2024-01-01")).await.unwrap();
    assert_eq!(rows.value.len(), 3);
    assert!(started.elapsed() >= Duration::from_secs(1), "waited {:?}", started.elapsed());
    assert_eq!(server.seen().len(), 2);

    let quota = Fault { headers: vec![("retry-after".into(), "0".into())], ..quota };
    server.fail_next(10, &quota);
    let err = client(&server.url, OAUTH).spend(day("2024-01-01"), day("2024-01-01")).await;
    let err = err.unwrap_err();
    assert!(matches!(err, ApiError::RateLimited { vendor: Vendor::GoogleAds, .. }), "{err:?}");
}

#[tokio::test]
async fn server_errors_are_retried_then_succeed() {
    let server = fake::google_ads::start(CUSTOMER, DEV, OAUTH).await;
    server.fail_next(2, &Fault::status(500));
    let rows =
        client(&server.url, OAUTH).spend(day("2024-01-01"), day("2024-01-02")).await.unwrap();
    assert_eq!(rows.value.len(), 6);
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn malformed_bodies_are_bad_responses() {
    let server = fake::google_ads::start(CUSTOMER, DEV, OAUTH).await;
    let g = client(&server.url, OAUTH);
    for body in [
        "{\"truncated\": ",
        r#"{"results":[]}"#,
        r#"[{"results":[{"campaign":{"id":"1"},"segments":{"date":"2024-01-01"},"metrics":{"costMicros":"12.5"},"customer":{"currencyCode":"EUR"}}]}]"#,
        r#"[{"results":[{"campaign":{"id":"1"},"segments":{"date":"01/01/2024"},"customer":{"currencyCode":"EUR"}}]}]"#,
    ] {
        server.fail_next(1, &Fault::with_body(200, body));
        let err = g.spend(day("2024-01-01"), day("2024-01-01")).await;
        assert!(matches!(err, Err(ApiError::BadResponse { status: None, .. })), "{body}: {err:?}");
    }
}

#[tokio::test]
async fn pause_sends_the_documented_mutate() {
    let server = fake::google_ads::start(CUSTOMER, DEV, OAUTH).await;
    let g = client(&server.url, OAUTH);
    g.pause_campaign("20481000003").await.unwrap();
    assert_eq!(paused(&server), ["20481000003"]);
    let seen = server.seen();
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path, format!("/v18/customers/{CUSTOMER}/campaigns:mutate"));
    assert_eq!(seen[0].header("developer-token"), Some(DEV));
    let body: serde_json::Value = serde_json::from_str(&seen[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"operations": [{
            "update": {"resourceName": "customers/1234567890/campaigns/20481000003", "status": "PAUSED"},
            "updateMask": "status"
        }]})
    );

    let err = g.pause_campaign("42").await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: Some(400), .. }), "{err:?}");
    assert!(err.to_string().contains("not found"), "{err}");
    let err = g.pause_campaign("1/../2").await.unwrap_err();
    assert!(matches!(err, ApiError::NotFound { .. }), "{err:?}");
    assert_eq!(server.seen().len(), 2, "a malformed id is not sent");
    assert_eq!(paused(&server), ["20481000003"]);
}
