use std::collections::HashSet;
use std::time::{Duration, Instant};

use serde_json::json;

use super::{ProfileId, Profiles};
use crate::fake::segment_profiles::{MANY, events_of, start, traits_of};
use crate::fake::{self, FakeServer, Fault};
use crate::{ApiError, Policy, Vendor};

const SPACE: &str = "spa_9Xq2";
const TOKEN: &str = "profile_secret_token";

fn client(server: &FakeServer, space: &str, token: &str) -> Profiles {
    Profiles::new(Some(&server.url), space, token, Policy::quick(Vendor::SegmentProfiles))
}

async fn space() -> (FakeServer, Profiles) {
    let server = start(SPACE, TOKEN).await;
    let profiles = client(&server, SPACE, TOKEN);
    (server, profiles)
}

fn user(id: &str) -> ProfileId {
    ProfileId::UserId(id.into())
}

fn traits_path(id: &str) -> String {
    format!("/v1/spaces/{SPACE}/collections/users/profiles/{id}/traits")
}

#[test]
fn identifiers_are_lowercased_and_percent_encoded() {
    assert_eq!(user("U-42_a.b~c").segment(), "user_id:u-42_a.b~c");
    assert_eq!(ProfileId::Email("Ana+Test@Acme.io".into()).segment(), "email:ana%2Btest%40acme.io");
    assert_eq!(
        ProfileId::AnonymousId("a/b c?d#e".into()).segment(),
        "anonymous_id:a%2Fb%20c%3Fd%23e"
    );
    assert_eq!(user("Zoë").segment(), "user_id:zo%C3%AB");
}

#[tokio::test]
async fn traits_with_basic_auth_and_the_page_size() {
    let (server, profiles) = space().await;
    let traits = profiles.traits(&user("u-1")).await.unwrap().unwrap();
    assert_eq!(traits.value, traits_of("user_id:u-1"));
    assert_eq!(traits.value["email"], json!(traits_of("user_id:u-1")["email"]));
    assert!(traits.value.contains_key("plan") && traits.value.contains_key("company"));
    assert_eq!(traits.raw["traits"], json!(traits.value));
    assert_eq!(traits.raw["cursor"]["has_more"], json!(false));

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].path, traits_path("user_id:u-1"));
    assert_eq!(seen[0].query, "limit=200");
    assert_eq!(seen[0].header("authorization"), Some(fake::basic(TOKEN).as_str()));
}

#[tokio::test]
async fn the_identifier_goes_lowercased_and_encoded_in_the_path() {
    let (server, profiles) = space().await;
    let traits =
        profiles.traits(&ProfileId::Email("Ana+Test@Acme.io".into())).await.unwrap().unwrap();
    assert_eq!(traits.value["email"], json!("ana+test@acme.io"));
    assert_eq!(server.seen()[0].path, traits_path("email:ana%2Btest%40acme.io"));
}

#[tokio::test]
async fn traits_over_several_pages_each_once() {
    let (server, profiles) = space().await;
    let traits = profiles.traits(&user("many-traits")).await.unwrap().unwrap();
    let want = traits_of("user_id:many-traits");
    assert_eq!(want.len(), MANY + 6);
    assert_eq!(traits.value, want);
    assert_eq!(traits.raw["traits"].as_object().unwrap().len(), MANY + 6);

    let seen = server.seen();
    assert_eq!(seen.len(), 2, "256 traits at 200 a page");
    assert_eq!(seen[0].query, "limit=200");
    // The fake's cursor is the name of the next trait, as the real API's is.
    let first_of_second_page = want.keys().nth(200).unwrap();
    assert_eq!(seen[1].query, format!("limit=200&next={first_of_second_page}"));
}

#[tokio::test]
async fn events_page_until_the_last_or_the_maximum() {
    let (server, profiles) = space().await;
    let events = profiles.events(&user("many-events"), 1000).await.unwrap().unwrap();
    let want = events_of("user_id:many-events");
    assert_eq!(events.len(), MANY);
    let ids: Vec<&str> = events.iter().map(|e| e.message_id.as_str()).collect();
    let want_ids: Vec<&str> = want.iter().map(|e| e["message_id"].as_str().unwrap()).collect();
    assert_eq!(ids, want_ids);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), MANY, "every event once");
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].query, "limit=100");
    assert!(seen[1].query.starts_with("limit=100&next="), "{}", seen[1].query);
    assert_ne!(seen[1].query, seen[2].query);

    let (server, profiles) = space().await;
    let events = profiles.events(&user("many-events"), 120).await.unwrap().unwrap();
    assert_eq!(events.len(), 120);
    assert_eq!(events[119].raw, want[119]);
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert!(
        seen[1].query.starts_with("limit=20&next="),
        "asks only for what is missing: {}",
        seen[1].query
    );
}

#[tokio::test]
async fn events_are_mapped_field_by_field() {
    let (_server, profiles) = space().await;
    let events = profiles.events(&user("u-7"), 200).await.unwrap().unwrap();
    let want = events_of("user_id:u-7");
    assert_eq!(events.len(), want.len());
    for (got, wire) in events.iter().zip(&want) {
        assert_eq!(got.message_id, wire["message_id"].as_str().unwrap());
        assert_eq!(got.kind, wire["type"].as_str().unwrap());
        assert_eq!(got.event.as_deref(), wire["event"].as_str());
        assert_eq!(got.properties, wire["properties"]);
        assert_eq!(got.context, wire["context"]);
        assert_eq!(got.timestamp, wire["timestamp"].as_str().unwrap());
        assert_eq!(&got.raw, wire);
    }

    let (server, profiles) = space().await;
    let body = json!({"data": [{"type": "identify", "message_id": "m1", "timestamp": "2024-06-01T00:00:00.000Z"}],
                      "cursor": {"has_more": false, "next": ""}});
    server.fail_next(1, &Fault::with_body(200, &body.to_string()));
    let events = profiles.events(&user("u-7"), 10).await.unwrap().unwrap();
    assert_eq!(events[0].event, None);
    assert_eq!(events[0].properties, json!({}), "a missing object reads as empty");
    assert_eq!(events[0].context, json!({}));
}

#[tokio::test]
async fn an_unknown_profile_is_none() {
    let (server, profiles) = space().await;
    assert!(profiles.traits(&user("nobody-42")).await.unwrap().is_none());
    assert!(profiles.events(&user("nobody-42"), 10).await.unwrap().is_none());
    assert_eq!(server.seen().len(), 2, "a 404 is not retried");
}

#[tokio::test]
async fn check_accepts_an_unknown_user_and_refuses_a_bad_token() {
    let (server, profiles) = space().await;
    profiles.check().await.unwrap();
    server.fail_next(
        1,
        &Fault::with_body(
            404,
            r#"{"error":{"code":"not_found","message":"Profile was not found."}}"#,
        ),
    );
    profiles.check().await.unwrap();

    let err = client(&server, SPACE, "wrong-token").check().await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { status: 401, .. }), "{err:?}");
    let err = client(&server, "other_space", TOKEN).check().await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { status: 401, .. }), "{err:?}");
}

#[tokio::test]
async fn wrong_token_is_unauthorized_without_retry() {
    let (server, _) = space().await;
    let err = client(&server, SPACE, "wrong-token").traits(&user("u-1")).await.unwrap_err();
    assert!(matches!(err, ApiError::Unauthorized { status: 401, .. }), "{err:?}");
    assert!(err.to_string().contains("not valid for this space"), "{err}");
    assert!(!err.to_string().contains("wrong-token"), "the token must not appear: {err}");
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn retry_after_is_honoured_then_success() {
    let (server, profiles) = space().await;
    server.fail_next(1, &Fault::rate_limited("1"));
    let started = Instant::now();
    assert!(profiles.traits(&user("u-1")).await.unwrap().is_some());
    assert!(started.elapsed() >= Duration::from_secs(1), "waited {:?}", started.elapsed());
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].header("x-retry-count"), Some("1"));
}

#[tokio::test]
async fn server_errors_are_retried_then_paging_goes_on() {
    let (server, profiles) = space().await;
    server.fail_next(2, &Fault::status(503));
    let traits = profiles.traits(&user("many-traits")).await.unwrap().unwrap();
    assert_eq!(traits.value, traits_of("user_id:many-traits"));
    let seen = server.seen();
    assert_eq!(seen.len(), 4, "page one three times, then page two");
    assert!(seen[..3].iter().all(|s| s.query == "limit=200"));
    assert!(seen[3].query.contains("next="), "{}", seen[3].query);
}

#[tokio::test]
async fn malformed_and_stuck_pages_are_bad_responses() {
    let (server, profiles) = space().await;
    server.fail_next(1, &Fault::malformed());
    let err = profiles.traits(&user("u-1")).await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: None, .. }), "{err:?}");

    server.fail_next(1, &Fault::with_body(200, r#"{"data":[{"type":"track"}]}"#));
    let err = profiles.events(&user("u-1"), 10).await.unwrap_err();
    assert!(matches!(err, ApiError::BadResponse { status: None, .. }), "{err:?}");

    let stuck = r#"{"traits":{"a":1},"cursor":{"has_more":true,"next":"a"}}"#;
    server.fail_next(2, &Fault::with_body(200, stuck));
    let err = profiles.traits(&user("u-1")).await.unwrap_err();
    assert!(err.to_string().contains("did not move on"), "{err}");
}
