use std::time::{Duration, Instant};

use switchboard_core::FitSegment;

use super::MadKudu;
use crate::fake::{self, Fault};
use crate::{ApiError, Policy, Vendor};

const KEY: &str = "mk_test_key";

async fn client(url: &str, key: &str) -> MadKudu {
    MadKudu::new(url, key, Policy::quick(Vendor::MadKudu))
}

#[tokio::test]
async fn person_and_company_with_fit_and_signals() {
    let server = fake::madkudu::start(KEY).await;
    let mk = client(&server.url, KEY).await;
    let person = mk.person("ana@acme.io").await.unwrap().unwrap();
    let (segment, score) = fake::madkudu::fit_of("ana@acme.io");
    assert_eq!(person.value.segment, segment.parse::<FitSegment>().unwrap());
    assert_eq!(person.value.score, score as f64);
    assert_eq!(person.value.signals.len(), 2);
    assert_eq!(person.value.signals[1].name, "uses segment");
    assert!(person.value.signals[1].positive);
    assert!(person.value.signals_text.as_deref().unwrap().contains("uses segment"));
    assert_eq!(person.value.domain.as_deref(), Some("acme.io"));
    assert_eq!(person.raw["object_type"], "person");

    let company = mk.company("acme.io").await.unwrap().unwrap();
    assert_eq!(company.value.score, fake::madkudu::fit_of("acme.io").1 as f64);
    // Basic auth: key as user, empty password.
    let seen = server.seen();
    assert_eq!(seen[0].header("authorization"), Some(fake::basic(KEY).as_str()));
    assert_eq!(seen[0].query, "email=ana%40acme.io");
    mk.ping().await.unwrap();
}

#[tokio::test]
async fn both_spellings_of_the_formatted_signals() {
    let body = r#"{"properties":{"customer_fit":{"segment":"good","score":71,"top_signals":[],"top_signals_formatted":"two t"}}}"#;
    let server = fake::madkudu::start(KEY).await;
    server.fail_next(1, &Fault::with_body(200, body));
    let fit = client(&server.url, KEY).await.person("a@b.io").await.unwrap().unwrap();
    assert_eq!(fit.value.signals_text.as_deref(), Some("two t"));
    assert_eq!(fit.value.segment, FitSegment::Good);
}

#[tokio::test]
async fn unknown_is_none_not_an_error() {
    let server = fake::madkudu::start(KEY).await;
    assert!(client(&server.url, KEY).await.company("nobody.example").await.unwrap().is_none());
}

#[tokio::test]
async fn wrong_key_is_unauthorized_without_retry() {
    let server = fake::madkudu::start(KEY).await;
    let err = client(&server.url, "wrong").await.person("a@b.io").await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { status: 401, .. }), "{err:?}");
    assert!(err.to_string().contains("invalid API key"), "{err}");
    assert!(!err.to_string().contains("wrong"), "the key must not appear: {err}");
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn retry_after_is_honoured_then_success() {
    let server = fake::madkudu::start(KEY).await;
    server.fail_next(1, &Fault::rate_limited("1"));
    let started = Instant::now();
    let fit = client(&server.url, KEY).await.person("a@b.io").await.unwrap();
    assert!(fit.is_some());
    assert!(started.elapsed() >= Duration::from_secs(1), "waited {:?}", started.elapsed());
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].header("x-retry-count"), Some("1"));
}

#[tokio::test]
async fn retry_after_as_an_http_date() {
    let server = fake::madkudu::start(KEY).await;
    let at = httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(2));
    server.fail_next(1, &Fault::rate_limited(&at));
    let started = Instant::now();
    client(&server.url, KEY).await.person("a@b.io").await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(900), "waited {:?}", started.elapsed());
}

#[tokio::test]
async fn server_errors_are_retried_then_succeed() {
    let server = fake::madkudu::start(KEY).await;
    server.fail_next(2, &Fault::status(503));
    assert!(client(&server.url, KEY).await.person("a@b.io").await.unwrap().is_some());
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn persistent_429_ends_rate_limited_and_501_is_not_retried() {
    let server = fake::madkudu::start(KEY).await;
    server.fail_next(10, &Fault::rate_limited("0"));
    let err = client(&server.url, KEY).await.person("a@b.io").await.unwrap_err();
    assert!(matches!(err, ApiError::RateLimited { .. }), "{err:?}");
    assert_eq!(server.seen().len(), 4, "the first try and three retries");

    let server = fake::madkudu::start(KEY).await;
    server.fail_next(1, &Fault::status(501));
    let err = client(&server.url, KEY).await.person("a@b.io").await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: Some(501), .. }), "{err:?}");
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn malformed_body_is_a_bad_response() {
    let server = fake::madkudu::start(KEY).await;
    server.fail_next(1, &Fault::malformed());
    let err = client(&server.url, KEY).await.person("a@b.io").await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: None, .. }), "{err:?}");
}

#[tokio::test]
async fn unreachable_host_is_a_network_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let err = client(&url, KEY).await.person("a@b.io").await.unwrap_err();
    assert!(matches!(err, ApiError::Network { .. }), "{err:?}");
    assert!(!err.to_string().contains("127.0.0.1"), "no URL in the message: {err}");
}

#[tokio::test]
async fn debug_does_not_show_the_key() {
    let mk = client("http://127.0.0.1:1", "mk_secret_value").await;
    assert!(!format!("{mk:?}").contains("mk_secret_value"));
}
