use switchboard_core::{Company, Event, MessageType, Person};

use super::*;
use crate::{companies, people};

fn event(id: &str, t: MessageType, ts: i64) -> Event {
    Event {
        message_id: id.to_owned(),
        message_type: t,
        name: Some("Signed Up".to_owned()),
        user_id: None,
        anonymous_id: Some("anon-1".to_owned()),
        person_id: None,
        timestamp: ts,
        received_at: ts + 10,
        ip: Some("203.0.113.9".to_owned()),
        properties_json: Some(r#"{"plan":"team"}"#.to_owned()),
        context_json: None,
        source_id: None,
        raw_json: None,
    }
}

fn conn() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    crate::migrations::all().to_latest(&mut conn).unwrap();
    conn
}

#[test]
fn duplicates_are_dropped_and_counted_once() {
    let conn = conn();
    let day = 20_000 * 86_400_000;
    assert!(insert(&conn, &event("m-1", MessageType::Track, day)).unwrap());
    assert!(!insert(&conn, &event("m-1", MessageType::Track, day + 5)).unwrap());
    assert!(insert(&conn, &event("m-2", MessageType::Page, day + 86_400_000)).unwrap());
    let counts = count_by_type(&conn).unwrap();
    assert_eq!(counts.len(), 6);
    let get = |t| counts.iter().find(|c| c.message_type == t).unwrap().count;
    assert_eq!(
        (get(MessageType::Track), get(MessageType::Page), get(MessageType::Alias)),
        (1, 1, 0)
    );
    assert_eq!(day_range(&conn).unwrap(), Some((Day(20_000), Day(20_001))));
    conn.execute("DELETE FROM events WHERE message_id = 'm-2'", []).unwrap();
    assert_eq!(day_range(&conn).unwrap(), Some((Day(20_000), Day(20_000))));
}

#[test]
fn a_message_needs_a_user_or_anonymous_id() {
    let conn = conn();
    let mut e = event("m-1", MessageType::Track, 0);
    e.anonymous_id = None;
    assert!(insert(&conn, &e).is_err());
}

#[test]
fn latest_names_the_person_company() {
    let conn = conn();
    let company = companies::insert(
        &conn,
        &Company {
            id: None,
            domain: "acme.example".into(),
            name: "Acme".into(),
            employees: Some(40),
            industry: None,
            country: None,
            city: None,
            technologies: vec![],
            first_seen_at: None,
            qualified_at: None,
            created_at: 0,
        },
    )
    .unwrap();
    let person = people::insert(
        &conn,
        &Person {
            id: None,
            user_id: Some("u1".into()),
            email: None,
            first_name: None,
            last_name: None,
            title: None,
            company_id: Some(company),
            traits_json: "{}".into(),
            created_at: 0,
        },
    )
    .unwrap();
    let mut e = event("m-1", MessageType::Identify, 100);
    e.user_id = Some("u1".into());
    e.person_id = Some(person);
    insert(&conn, &e).unwrap();
    insert(&conn, &event("m-0", MessageType::Page, 50)).unwrap();
    let rows = latest(&conn, 10).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].message_id, "m-1");
    assert_eq!(rows[0].who, "u1");
    assert_eq!(rows[0].company_domain.as_deref(), Some("acme.example"));
    assert_eq!(rows[1].who, "anon-1");
    assert_eq!(rows[1].company_domain, None);
}

#[test]
fn the_latest_received_interleave_sources_by_arrival_and_counts_follow() {
    let c = conn();
    let web = crate::sources::create(&c, "web", "k1", 0).unwrap();
    let ios = crate::sources::create(&c, "ios", "k2", 0).unwrap();
    for (i, (source, received)) in
        [(web.id, 100), (ios.id, 300), (web.id, 200), (ios.id, 50)].into_iter().enumerate()
    {
        let mut e = event(&format!("m{i}"), MessageType::Track, 1);
        e.received_at = received;
        e.source_id = Some(source);
        assert!(insert(&c, &e).unwrap());
    }
    let order: Vec<String> =
        latest_received(&c, 3).unwrap().into_iter().map(|e| e.message_id).collect();
    assert_eq!(order, ["m1", "m2", "m0"]);
    assert_eq!(received_since(&c, 100).unwrap(), 3);
    let listed = crate::sources::list(&c, 150).unwrap();
    let counts: Vec<(String, i64, i64, Option<i64>)> =
        listed.into_iter().map(|s| (s.source.name, s.events, s.since, s.last_seen)).collect();
    assert_eq!(counts, [("ios".to_owned(), 2, 1, Some(300)), ("web".to_owned(), 2, 1, Some(200))]);
}
