use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue};

use super::{
    Policy, body_message, facebook_code, facebook_regain, facebook_throttled, retry_after,
};
use crate::Vendor;

#[test]
fn retry_after_in_seconds_and_as_a_date() {
    let mut h = HeaderMap::new();
    h.insert("retry-after", HeaderValue::from_static("7"));
    assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
    h.insert("retry-after", HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"));
    assert_eq!(retry_after(&h), Some(Duration::ZERO), "a date in the past means now");
    h.insert("retry-after", HeaderValue::from_static("soon"));
    assert_eq!(retry_after(&h), None);
}

#[test]
fn facebook_throttle_codes_in_a_400_body() {
    assert!(facebook_throttled(br#"{"error":{"code":17,"error_subcode":2446079}}"#));
    assert!(facebook_throttled(br#"{"error":{"code":80004}}"#));
    assert!(facebook_throttled(br#"{"error":{"code":613,"error_subcode":1487742}}"#));
    assert!(facebook_throttled(br#"{"error":{"code":100,"error_subcode":1504018}}"#));
    assert!(!facebook_throttled(br#"{"error":{"code":100,"error_subcode":33}}"#));
    assert!(!facebook_throttled(b"not json"));
    assert_eq!(
        facebook_code(br#"{"error":{"code":190,"message":"Invalid OAuth access token"}}"#),
        Some(190)
    );
    let mut h = HeaderMap::new();
    h.insert(
        "x-business-use-case-usage",
        HeaderValue::from_static(
            r#"{"123":[{"type":"ads_insights","call_count":100,"estimated_time_to_regain_access":3}]}"#,
        ),
    );
    assert_eq!(facebook_regain(&h), Some(Duration::from_secs(180)));
}

#[test]
fn backoff_grows_with_jitter_and_is_capped() {
    let p = Policy::for_vendor(Vendor::MadKudu);
    for attempt in 0..12 {
        let exp = p.backoff_base.saturating_mul(1 << attempt).min(p.backoff_max);
        let b = p.backoff(attempt);
        assert!(
            b >= exp / 2 && b <= exp,
            "attempt {attempt}: {b:?} not in [{:?}, {exp:?}]",
            exp / 2
        );
    }
    assert!(p.backoff(30) <= p.backoff_max);
}

#[test]
fn error_messages_from_every_documented_shape() {
    assert_eq!(
        body_message(br#"{"error":{"type":"invalid_api_key","message":"bad key"}}"#),
        "bad key"
    );
    assert_eq!(body_message(br#"{"message":"Unauthorized"}"#), "Unauthorized");
    assert_eq!(body_message(br#"{"meta":{"errors":["no such customer"]}}"#), "no such customer");
    assert_eq!(
        body_message(br#"{"has_errors":true,"errors":[{"id":"x","msg":"quota"}]}"#),
        "quota"
    );
    assert_eq!(body_message(br#"[{"error":{"message":"quota exhausted"}}]"#), "quota exhausted");
    assert_eq!(body_message(b""), "no reason given");
    assert_eq!(body_message(&[b'x'; 500]).len(), 200);
}
