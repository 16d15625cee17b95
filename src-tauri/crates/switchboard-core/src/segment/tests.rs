use serde_json::json;

use super::*;

fn arrival() -> Arrival<'static> {
    Arrival {
        received_at: parse_time("2024-01-01T00:00:10.000Z", "t").unwrap(),
        peer_ip: Some("198.51.100.7"),
        source_id: Some(1),
        corrected: false,
    }
}

#[test]
fn batch_items_get_the_envelope_and_a_corrected_timestamp() {
    let envelope = Envelope {
        context: Some(
            json!({ "ip": "203.0.113.9", "library": { "name": "analytics-python" } })
                .as_object()
                .unwrap()
                .clone(),
        ),
        integrations: Some(json!({ "All": true }).as_object().unwrap().clone()),
        sent_at: Some("2024-01-01T00:00:05.000Z".into()),
    };
    let item = json!({
        "type": "track", "userId": "u1", "event": "Signed Up", "messageId": "m-2",
        "timestamp": "2024-01-01T00:00:00.000Z",
        "context": { "library": { "name": "mine" } },
        "properties": { "plan": "team" }
    });
    let e = accept(item, None, &envelope, &arrival()).unwrap();
    assert_eq!(e.message_type, MessageType::Track);
    assert_eq!(e.name.as_deref(), Some("Signed Up"));
    assert_eq!(e.ip.as_deref(), Some("203.0.113.9"));
    // The sender's clock was 5 s behind the time it sent at; received 10 s after its "now".
    assert_eq!(rfc3339(e.timestamp), "2024-01-01T00:00:05.000Z");
    let raw: Value = serde_json::from_str(e.raw_json.as_deref().unwrap()).unwrap();
    assert_eq!(raw["context"]["library"]["name"], "mine", "the message's own context wins");
    assert_eq!(raw["context"]["ip"], "203.0.113.9");
    assert_eq!(raw["integrations"]["All"], true);
    assert_eq!(raw["originalTimestamp"], "2024-01-01T00:00:00.000Z");
    assert_eq!(raw["receivedAt"], "2024-01-01T00:00:10.000Z");
    assert_eq!(e.properties_json.as_deref(), Some(r#"{"plan":"team"}"#));
    assert!(!e.context_json.unwrap().contains("203.0.113.9"), "ip has its own column");
}

#[test]
fn each_call_needs_its_fields() {
    let none = Envelope::default();
    let check = |v: Value, call| accept(v, call, &none, &arrival()).unwrap_err();
    assert_eq!(check(json!({ "event": "x" }), Some(MessageType::Track)), Problem::NoIdentity);
    assert_eq!(check(json!({ "userId": "u" }), Some(MessageType::Track)), Problem::MissingEvent);
    assert_eq!(check(json!({ "userId": "u" }), Some(MessageType::Group)), Problem::MissingGroupId);
    assert_eq!(check(json!({ "userId": "u" }), Some(MessageType::Alias)), Problem::MissingAliasIds);
    assert_eq!(check(json!({ "userId": "u" }), None), Problem::MissingType);
    assert_eq!(
        check(json!({ "type": "click", "userId": "u" }), None),
        Problem::UnknownType("click".into())
    );
    assert_eq!(check(json!([1]), None), Problem::NotAnObject);
    assert_eq!(
        check(json!({ "userId": "u", "timestamp": "yesterday" }), Some(MessageType::Identify)),
        Problem::BadTime("timestamp")
    );
    let long = "x".repeat(101);
    assert_eq!(
        check(json!({ "userId": "u", "messageId": long }), Some(MessageType::Identify)),
        Problem::MessageIdTooLong
    );
    let big = "x".repeat(MAX_MESSAGE_BYTES);
    assert!(matches!(
        check(json!({ "userId": "u", "traits": { "b": big } }), Some(MessageType::Identify)),
        Problem::TooLarge(_)
    ));
    assert_eq!(
        check(json!({ "anonymousId": "a" }), Some(MessageType::Track)).to_string(),
        "a track call needs `event`, the event's name"
    );
}

#[test]
fn alias_page_and_numbers() {
    let none = Envelope::default();
    let e = accept(
        json!({ "previousId": "anon-1", "userId": 42 }),
        Some(MessageType::Alias),
        &none,
        &arrival(),
    )
    .unwrap();
    assert_eq!(e.user_id.as_deref(), Some("42"));
    assert_eq!(e.properties_json.as_deref(), Some(r#"{"previousId":"anon-1"}"#));
    let e = accept(
        json!({ "anonymousId": "a", "name": "Pricing", "properties": { "path": "/pricing" } }),
        Some(MessageType::Page),
        &none,
        &arrival(),
    )
    .unwrap();
    assert_eq!((e.name.as_deref(), e.timestamp), (Some("Pricing"), arrival().received_at));
}

#[test]
fn direct_senders_get_their_address_and_ids_are_stable() {
    let none = Envelope::default();
    let msg = json!({ "anonymousId": "a", "event": "Opened", "context": { "direct": true } });
    let first = accept(msg.clone(), Some(MessageType::Track), &none, &arrival()).unwrap();
    assert_eq!(first.ip.as_deref(), Some("198.51.100.7"));
    let later = Arrival { received_at: arrival().received_at + 60_000, ..arrival() };
    let again = accept(
        msg,
        Some(MessageType::Track),
        &Envelope { sent_at: Some("2024-01-01T00:01:00Z".into()), ..none },
        &later,
    )
    .unwrap();
    assert!(first.message_id.starts_with("sb-"));
    assert_eq!(first.message_id, again.message_id, "a resent message without an id keeps its id");
}

#[test]
fn archived_timestamps_are_already_corrected() {
    let none = Envelope::default();
    let archived = json!({
        "type": "track", "userId": "u", "event": "e", "messageId": "m",
        "timestamp": "2024-01-01T00:00:00.000Z", "sentAt": "2024-01-01T00:00:05.000Z",
        "originalTimestamp": "2023-12-31T23:59:58.000Z", "receivedAt": "2024-01-01T00:00:10.000Z"
    });
    let e = accept(archived, None, &none, &Arrival { corrected: true, ..arrival() }).unwrap();
    assert_eq!(rfc3339(e.timestamp), "2024-01-01T00:00:00.000Z");
    assert!(e.raw_json.unwrap().contains(r#""originalTimestamp":"2023-12-31T23:59:58.000Z""#));
}

#[test]
fn a_message_keeps_its_own_copy_exactly_when_the_stored_fields_do_not_rebuild_it() {
    let t = "2024-01-01T00:00:00.000Z";
    let messages = [
        // Rebuilt: what an archive of page views and tracks mostly holds.
        json!({"type": "page", "anonymousId": "a", "messageId": "m1", "timestamp": t,
               "name": "Home", "properties": {"path": "/", "n": 1.5, "big": 12345678901234567890u64},
               "context": {"ip": "192.0.2.1"}}),
        json!({"type": "page", "anonymousId": "a", "messageId": "m2", "timestamp": t,
               "properties": {"path": "/"}}),
        json!({"type": "screen", "userId": "u", "messageId": "m3", "timestamp": t,
               "name": "Main", "properties": {}}),
        json!({"type": "track", "userId": "u", "anonymousId": "a", "messageId": "m4",
               "timestamp": t, "event": "Signed Up", "properties": {"plan": "team"},
               "context": {"ip": "192.0.2.1", "page": {"url": "https://x.io/é\"q"}}}),
        json!({"type": "identify", "userId": "u", "messageId": "m5", "timestamp": t,
               "traits": {"email": "a@x.io", "tags": ["a", {"b": null}]}}),
        // The sender's address, which the message asked for, is in its context as sent.
        json!({"type": "page", "anonymousId": "a", "messageId": "m6", "timestamp": t,
               "properties": {}, "context": {"direct": true}}),
        // Kept: something the fields do not hold, or hold differently.
        json!({"type": "page", "anonymousId": "a", "messageId": "k1", "timestamp": t,
               "name": "", "properties": {}}),
        json!({"type": "page", "anonymousId": "a", "messageId": "k2", "timestamp": t}),
        json!({"type": "track", "userId": 42, "messageId": "k3", "timestamp": t,
               "event": "E", "properties": {}}),
        json!({"type": "track", "userId": "u", "messageId": "k4", "timestamp": t,
               "event": "E", "properties": {}, "context": {}}),
        json!({"type": "track", "userId": "u", "messageId": "k5", "timestamp": t,
               "event": "E", "properties": {}, "context": {"ip": 7}}),
        json!({"type": "track", "userId": "u", "messageId": "k6", "timestamp": t,
               "event": "E", "properties": [1]}),
        json!({"type": "track", "userId": "u", "messageId": "k7", "timestamp": t,
               "event": "E", "properties": {}, "sentAt": t}),
        json!({"type": "track", "userId": "u", "messageId": "k8", "timestamp": t,
               "event": "E", "properties": {}, "integrations": {"All": true}}),
        json!({"type": "track", "userId": "u", "messageId": "k9", "timestamp": t,
               "event": "E", "properties": {}, "name": "N"}),
        json!({"type": "identify", "userId": "u", "messageId": "k10", "timestamp": t}),
        json!({"type": "identify", "userId": "u", "messageId": "k11", "timestamp": t,
               "traits": {}, "properties": {}}),
        json!({"type": "group", "userId": "u", "messageId": "k12", "timestamp": t,
               "groupId": "x.io", "traits": {"domain": "x.io"}}),
        json!({"type": "alias", "userId": "u", "previousId": "a", "messageId": "k13",
               "timestamp": t}),
    ];
    let archived = Arrival { corrected: true, ..arrival() };
    let sent = arrival();
    for (msg, arrival) in messages.iter().flat_map(|m| [(m, &archived), (m, &sent)]) {
        let e = accept(msg.clone(), None, &Envelope::default(), arrival).unwrap();
        let stored = to_message(&e);
        let bare = Event { raw_json: None, ..e.clone() };
        // Groups and aliases keep theirs: stitching reads it.
        let stitching = matches!(e.message_type, MessageType::Group | MessageType::Alias);
        let expect_kept = to_message(&bare) != stored || stitching;
        assert_eq!(e.raw_json.is_some(), expect_kept, "{msg}");
        let id = msg["messageId"].as_str().unwrap();
        if arrival.corrected {
            assert_eq!(e.raw_json.is_none(), id.starts_with('m'), "{msg}");
        } else {
            // From a library: the original timestamp goes with it.
            assert!(e.raw_json.is_some(), "{msg}");
        }
    }
}
