use std::collections::HashSet;
use std::time::{Duration, Instant};

use switchboard_core::{AdPlatform, Day};

use super::{DEFAULT_VERSION, Facebook};
use crate::fake::facebook::{Setup, expected_spend, paused};
use crate::fake::{self, Fault};
use crate::{ApiError, Policy, Vendor};

const ACCOUNT: &str = "1122334455";
const TOKEN: &str = "EAAB-fb-test-token";

fn client(url: &str, token: &str) -> Facebook {
    Facebook::new(Some(url), DEFAULT_VERSION, ACCOUNT, token, Policy::quick(Vendor::Facebook))
}

fn day(s: &str) -> Day {
    Day::parse(s).unwrap()
}

fn throttled(code: i64) -> Fault {
    Fault::with_body(
        400,
        &format!(
            r#"{{"error":{{"message":"User request limit reached","type":"OAuthException","code":{code},"error_subcode":2446079}}}}"#
        ),
    )
}

#[tokio::test]
async fn spend_per_campaign_and_day_in_minor_units() {
    let server = fake::facebook::start(ACCOUNT, TOKEN).await;
    let fetched =
        client(&server.url, TOKEN).spend(day("2024-03-30"), day("2024-04-01")).await.unwrap();
    let rows = fetched.value;
    assert_eq!(rows.len(), 9, "three campaigns, three days");
    for row in &rows {
        let (cents, impressions, clicks) = expected_spend(&row.campaign_id, row.day);
        assert_eq!(
            (row.spend_minor, row.impressions, row.clicks),
            (cents, impressions, clicks),
            "{} on {}",
            row.campaign_id,
            row.day
        );
        assert_eq!(row.platform, AdPlatform::Facebook);
        assert_eq!(row.currency, "USD");
    }
    let retargeting =
        rows.iter().find(|r| r.campaign_name == "Retargeting: pricing page visitors").unwrap();
    assert_eq!(retargeting.campaign_id, "23851000000000001");
    let days: HashSet<Day> = rows.iter().map(|r| r.day).collect();
    assert_eq!(days, HashSet::from([day("2024-03-30"), day("2024-03-31"), day("2024-04-01")]));
    assert_eq!(fetched.raw.as_array().unwrap().len(), 1, "one page");
    assert!(fetched.raw[0]["data"][0]["spend"].is_string(), "raw keeps Facebook's strings");

    let seen = server.seen();
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].path, format!("/v21.0/act_{ACCOUNT}/insights"));
    assert_eq!(seen[0].header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    assert!(!seen[0].query.contains("access_token"), "the token stays out of the URL");
    let q: std::collections::HashMap<String, String> =
        reqwest::Url::parse(&format!("http://x/?{}", seen[0].query))
            .unwrap()
            .query_pairs()
            .into_owned()
            .collect();
    assert_eq!(q["level"], "campaign");
    assert_eq!(q["time_increment"], "1");
    assert_eq!(q["limit"], "500");
    assert_eq!(q["time_range"], r#"{"since":"2024-03-30","until":"2024-04-01"}"#);
    assert_eq!(q["fields"], "campaign_id,campaign_name,spend,impressions,clicks,account_currency");
}

#[tokio::test]
async fn follows_paging_next_until_it_is_absent() {
    let setup = Setup { max_page: 25, ..Setup::new(ACCOUNT, TOKEN) };
    let server = fake::facebook::start_with(setup).await;
    let since = day("2024-01-01");
    let until = day("2024-01-30");
    let fetched = client(&server.url, TOKEN).spend(since, until).await.unwrap();
    // 3 campaigns × 30 days = 90 rows in pages of 25, 25, 25, 15.
    assert_eq!(server.seen().len(), 4);
    assert_eq!(fetched.raw.as_array().unwrap().len(), 4);
    assert!(fetched.raw[3]["paging"].get("next").is_none());
    assert_eq!(fetched.value.len(), 90);
    let keys: HashSet<(String, Day)> =
        fetched.value.iter().map(|r| (r.campaign_id.clone(), r.day)).collect();
    assert_eq!(keys.len(), 90, "every campaign and day exactly once");
    assert!(keys.iter().all(|(_, d)| *d >= since && *d <= until));
    for seen in server.seen() {
        assert_eq!(seen.header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
    }
    assert!(server.seen()[1].query.contains("after="));
    let total: i64 = fetched.value.iter().map(|r| r.spend_minor).sum();
    let expected: i64 = fetched.value.iter().map(|r| expected_spend(&r.campaign_id, r.day).0).sum();
    assert_eq!(total, expected);
}

#[tokio::test]
async fn an_empty_range_asks_nothing() {
    let server = fake::facebook::start(ACCOUNT, TOKEN).await;
    let fetched =
        client(&server.url, TOKEN).spend(day("2024-02-02"), day("2024-02-01")).await.unwrap();
    assert!(fetched.value.is_empty());
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn amounts_are_read_as_exact_decimal_text() {
    let body = r#"{"data":[
        {"campaign_id":"1","campaign_name":"a","spend":"1234.565","impressions":"10","account_currency":"EUR","date_start":"2024-05-01","date_stop":"2024-05-01"},
        {"campaign_id":"2","campaign_name":"b","spend":"0.1","clicks":"3","impressions":"7","account_currency":"EUR","date_start":"2024-05-01","date_stop":"2024-05-01"}
    ]}"#;
    let server = fake::facebook::start(ACCOUNT, TOKEN).await;
    server.fail_next(1, &Fault::with_body(200, body));
    let day = day("2024-05-01");
    let rows = client(&server.url, TOKEN).spend(day, day).await.unwrap().value;
    assert_eq!(rows[0].spend_minor, 123_457, "half away from zero");
    assert_eq!(rows[0].clicks, 0, "a metric left out is zero");
    assert_eq!(rows[0].currency, "EUR");
    assert_eq!((rows[1].spend_minor, rows[1].impressions, rows[1].clicks), (10, 7, 3));

    let body = r#"{"data":[{"campaign_id":"1","spend":"-3.00","account_currency":"EUR","date_start":"2024-05-01"}]}"#;
    server.fail_next(1, &Fault::with_body(200, body));
    let err = client(&server.url, TOKEN).spend(day, day).await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: None, .. }), "{err:?}");
    assert!(err.to_string().contains("spend"), "{err}");
}

#[tokio::test]
async fn wrong_token_is_unauthorized_without_retry() {
    let server = fake::facebook::start(ACCOUNT, TOKEN).await;
    let err = client(&server.url, "EAAB-wrong").spend(day("2024-01-01"), day("2024-01-02")).await;
    let err = err.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { status: 400, .. }), "{err:?}");
    assert!(err.to_string().contains("Invalid OAuth access token"), "{err}");
    assert!(!err.to_string().contains("EAAB-wrong"), "the token must not appear: {err}");
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn retry_after_is_honoured_then_success() {
    let server = fake::facebook::start(ACCOUNT, TOKEN).await;
    server.fail_next(1, &Fault::rate_limited("1"));
    let started = Instant::now();
    let rows =
        client(&server.url, TOKEN).spend(day("2024-01-01"), day("2024-01-01")).await.unwrap();
    assert_eq!(rows.value.len(), 3);
    assert!(started.elapsed() >= Duration::from_secs(1), "waited {:?}", started.elapsed());
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn server_errors_between_pages_are_retried() {
    let server =
        fake::facebook::start_with(Setup { max_page: 2, ..Setup::new(ACCOUNT, TOKEN) }).await;
    // Page one as the fake serves it, replayed as the first answer, so that the two failures
    // queued behind it land on page two.
    let page_one = reqwest::Client::new()
        .get(format!("{}/v21.0/act_{ACCOUNT}/insights", server.url))
        .query(&[
            ("level", "campaign"),
            ("fields", "campaign_id,campaign_name,spend,impressions,clicks,account_currency"),
            ("time_range", r#"{"since":"2024-01-01","until":"2024-01-01"}"#),
            ("time_increment", "1"),
            ("limit", "500"),
        ])
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page_one.contains("\"next\""), "{page_one}");
    server.fail_next(1, &Fault::with_body(200, &page_one));
    server.fail_next(2, &Fault::status(503));
    let fetched = client(&server.url, TOKEN).spend(day("2024-01-01"), day("2024-01-01")).await;
    let fetched = fetched.unwrap();
    let keys: HashSet<String> = fetched.value.iter().map(|r| r.campaign_id.clone()).collect();
    assert_eq!((fetched.value.len(), keys.len()), (3, 3), "every row once");
    let seen = server.seen();
    assert_eq!(seen.len(), 1 + 4, "page one, two failures, page two");
    assert_eq!(seen[2].query, seen[4].query, "the same page asked again");
    assert!(seen[4].query.contains("after="));
}

#[tokio::test]
async fn throttle_codes_in_a_400_body_are_retried() {
    for code in [17, 80004] {
        let server = fake::facebook::start(ACCOUNT, TOKEN).await;
        server.fail_next(1, &throttled(code));
        let rows =
            client(&server.url, TOKEN).spend(day("2024-01-01"), day("2024-01-01")).await.unwrap();
        assert_eq!(rows.value.len(), 3, "code {code}");
        assert_eq!(server.seen().len(), 2, "code {code}");
    }
}

#[tokio::test]
async fn persistent_throttling_ends_rate_limited() {
    let server = fake::facebook::start(ACCOUNT, TOKEN).await;
    server.fail_next(10, &throttled(80004));
    let err = client(&server.url, TOKEN).spend(day("2024-01-01"), day("2024-01-01")).await;
    let err = err.unwrap_err();
    assert!(matches!(err, ApiError::RateLimited { vendor: Vendor::Facebook, .. }), "{err:?}");
    assert_eq!(server.seen().len(), 4, "the first try and three retries");
}

#[tokio::test]
async fn malformed_body_is_a_bad_response() {
    let server = fake::facebook::start(ACCOUNT, TOKEN).await;
    server.fail_next(1, &Fault::malformed());
    let err = client(&server.url, TOKEN).spend(day("2024-01-01"), day("2024-01-01")).await;
    assert!(matches!(err, Err(ApiError::BadResponse { status: None, .. })), "{err:?}");

    server.fail_next(1, &Fault::with_body(200, r#"{"rows":[]}"#));
    let err = client(&server.url, TOKEN).spend(day("2024-01-01"), day("2024-01-01")).await;
    assert!(matches!(err, Err(ApiError::BadResponse { status: None, .. })), "{err:?}");
}

#[tokio::test]
async fn paging_next_to_another_host_is_not_followed() {
    let body = r#"{"data":[],"paging":{"next":"https://elsewhere.example/v21.0/act_1/insights?access_token=secret&after=x"}}"#;
    let server = fake::facebook::start(ACCOUNT, TOKEN).await;
    server.fail_next(1, &Fault::with_body(200, body));
    let err = client(&server.url, TOKEN).spend(day("2024-01-01"), day("2024-01-01")).await;
    let err = err.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { .. }), "{err:?}");
    assert!(!err.to_string().contains("secret"), "{err}");
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn pause_posts_status_paused() {
    let server = fake::facebook::start(ACCOUNT, TOKEN).await;
    let fb = client(&server.url, TOKEN);
    fb.pause_campaign("23851000000000002").await.unwrap();
    assert_eq!(paused(&server), ["23851000000000002"]);
    let seen = server.seen();
    assert_eq!(seen[0].method, "POST");
    assert_eq!(seen[0].path, "/v21.0/23851000000000002");
    assert_eq!(seen[0].body, "status=PAUSED");
    assert_eq!(seen[0].header("authorization"), Some(format!("Bearer {TOKEN}").as_str()));
}

#[tokio::test]
async fn pausing_an_unknown_campaign_is_facebooks_error() {
    let server = fake::facebook::start(ACCOUNT, TOKEN).await;
    let fb = client(&server.url, TOKEN);
    let err = fb.pause_campaign("999").await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: Some(400), .. }), "{err:?}");
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert_eq!(server.seen().len(), 1, "code 100 is not retried");
    let err = fb.pause_campaign("../act_1").await.unwrap_err();
    assert!(matches!(err, ApiError::NotFound { .. }), "{err:?}");
    assert_eq!(server.seen().len(), 1, "a malformed id is not sent");
    assert!(paused(&server).is_empty());
}

#[tokio::test]
async fn check_reads_the_account() {
    let server = fake::facebook::start(ACCOUNT, TOKEN).await;
    client(&server.url, TOKEN).check().await.unwrap();
    let seen = server.seen();
    assert_eq!(seen[0].path, format!("/v21.0/act_{ACCOUNT}"));
    assert_eq!(seen[0].query, "fields=name%2Ccurrency");
    // An `act_` prefix is tolerated.
    let prefixed = Facebook::new(
        Some(&server.url),
        DEFAULT_VERSION,
        &format!("act_{ACCOUNT}"),
        TOKEN,
        Policy::quick(Vendor::Facebook),
    );
    prefixed.check().await.unwrap();
    let other =
        Facebook::new(Some(&server.url), "v21.0", "999", TOKEN, Policy::quick(Vendor::Facebook));
    let err = other.check().await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: Some(400), .. }), "{err:?}");
}
