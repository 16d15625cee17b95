use serde_json::{Value, json};
use switchboard_core::segment::{self, Arrival, Envelope};

use crate::messages::{self, Stored};
use crate::{Db, people, rollups};

fn msg(v: Value) -> switchboard_core::Event {
    let arrival =
        Arrival { received_at: 1_800_000_000_000, peer_ip: None, source_id: None, corrected: true };
    segment::accept(v, None, &Envelope::default(), &arrival).unwrap()
}

fn store(db: &Db, v: Value) -> Stored {
    let mut e = msg(v);
    db.call_blocking(move |c| {
        let tx = c.transaction()?;
        let s = messages::store(&tx, &mut e, None)?;
        tx.commit()?;
        Ok(s)
    })
    .unwrap()
}

fn q<T: rusqlite::types::FromSql + Send + 'static>(db: &Db, sql: &'static str) -> T {
    db.call_blocking(move |c| Ok(c.query_row(sql, [], |r| r.get(0))?)).unwrap()
}

fn fresh() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::create(&dir.path().join("w.sqlite")).unwrap();
    (dir, db)
}

fn track(anon: Option<&str>, user: Option<&str>, event: &str, ts: &str, id: &str) -> Value {
    json!({"type": "track", "anonymousId": anon, "userId": user, "event": event,
           "timestamp": ts, "messageId": id})
}

fn rollups_match_events(db: &Db) {
    let (kept, recomputed) =
        db.call_blocking(|c| Ok((rollups::all(c)?, rollups::recomputed(c)?))).unwrap();
    assert_eq!(kept, recomputed, "rollups drifted from the events");
}

#[test]
fn an_anonymous_visitor_becomes_the_user_who_identifies() {
    let (_d, db) = fresh();
    store(&db, track(Some("anon-1"), None, "Viewed Pricing", "2026-11-01T10:00:00Z", "m1"));
    store(&db, track(Some("anon-1"), None, "Viewed Pricing", "2026-11-01T11:00:00Z", "m2"));
    assert_eq!(q::<i64>(&db, "SELECT COUNT(*) FROM people"), 1);
    assert_eq!(q::<Option<String>>(&db, "SELECT user_id FROM people"), None);
    store(
        &db,
        json!({"type": "identify", "anonymousId": "anon-1", "userId": "u1",
                      "traits": {"email": "ada@acme.com", "name": "Ada Lovelace"},
                      "timestamp": "2026-11-01T12:00:00Z", "messageId": "m3"}),
    );
    assert_eq!(q::<i64>(&db, "SELECT COUNT(*) FROM people"), 1);
    assert_eq!(q::<String>(&db, "SELECT user_id FROM people"), "u1");
    assert_eq!(q::<i64>(&db, "SELECT COUNT(DISTINCT person_id) FROM events"), 1);
    assert_eq!(q::<i64>(&db, "SELECT n FROM rollups WHERE name = 'Viewed Pricing'"), 2);
    // The work email's domain is the person's company.
    assert_eq!(
        q::<String>(&db, "SELECT c.domain FROM people p JOIN companies c ON c.id = p.company_id"),
        "acme.com"
    );
    assert_eq!(
        q::<String>(&db, "SELECT first_name || ' ' || last_name FROM people"),
        "Ada Lovelace"
    );
    rollups_match_events(&db);
}

#[test]
fn an_anonymous_profile_merges_into_an_existing_user() {
    let (_d, db) = fresh();
    store(&db, track(None, Some("u1"), "Signed In", "2026-11-01T09:00:00Z", "a"));
    store(&db, track(Some("phone"), None, "Opened App", "2026-11-02T09:00:00Z", "b"));
    store(&db, track(Some("phone"), None, "Opened App", "2026-11-02T10:00:00Z", "c"));
    assert_eq!(q::<i64>(&db, "SELECT COUNT(*) FROM people"), 2);
    store(&db, track(Some("phone"), Some("u1"), "Signed In", "2026-11-02T11:00:00Z", "d"));
    assert_eq!(q::<i64>(&db, "SELECT COUNT(*) FROM people"), 1);
    assert_eq!(q::<i64>(&db, "SELECT COUNT(DISTINCT person_id) FROM events"), 1);
    assert_eq!(q::<i64>(&db, "SELECT COUNT(*) FROM identities"), 2);
    rollups_match_events(&db);
}

#[test]
fn alias_joins_a_previous_id_and_a_shared_device_stays_with_its_first_user() {
    let (_d, db) = fresh();
    store(&db, track(Some("old-anon"), None, "Viewed Docs", "2026-11-01T09:00:00Z", "a"));
    store(
        &db,
        json!({"type": "alias", "previousId": "old-anon", "userId": "u9",
                      "timestamp": "2026-11-01T10:00:00Z", "messageId": "b"}),
    );
    assert_eq!(q::<i64>(&db, "SELECT COUNT(*) FROM people"), 1);
    assert_eq!(q::<String>(&db, "SELECT user_id FROM people"), "u9");

    store(&db, track(Some("kiosk"), Some("alice"), "X", "2026-11-03T09:00:00Z", "c"));
    store(&db, track(Some("kiosk"), Some("bob"), "X", "2026-11-03T10:00:00Z", "d"));
    assert_eq!(q::<i64>(&db, "SELECT COUNT(*) FROM people WHERE user_id IN ('alice', 'bob')"), 2);
    assert_eq!(
        q::<String>(
            &db,
            "SELECT p.user_id FROM identities i JOIN people p ON p.id = i.person_id WHERE i.value = 'kiosk'"
        ),
        "alice"
    );
    rollups_match_events(&db);
}

#[test]
fn traits_keep_the_newest_value_and_every_change() {
    let (_d, db) = fresh();
    let identify = |plan: &str, ts: &str, id: &str| {
        json!({"type": "identify", "userId": "u1", "traits": {"plan": plan},
               "timestamp": ts, "messageId": id})
    };
    store(&db, identify("pro", "2026-11-02T00:00:00Z", "new"));
    // An older message that arrives late does not overwrite the newer value.
    store(&db, identify("free", "2026-11-01T00:00:00Z", "old"));
    assert_eq!(q::<String>(&db, "SELECT traits ->> '$.plan' FROM people"), "pro");
    assert_eq!(q::<i64>(&db, "SELECT COUNT(*) FROM trait_history"), 2);
    store(&db, identify("team", "2026-11-03T00:00:00Z", "newer"));
    assert_eq!(q::<String>(&db, "SELECT traits ->> '$.plan' FROM people"), "team");
    let profile = db.call_blocking(|c| people::profile(c, 1, 10)).unwrap().unwrap();
    assert_eq!(profile.traits.len(), 1);
    assert_eq!(profile.traits[0].value, "\"team\"");
    assert_eq!(
        profile.history.iter().map(|t| t.value.as_str()).collect::<Vec<_>>(),
        ["\"team\"", "\"pro\"", "\"free\""]
    );
    // A resent message is a duplicate and changes nothing.
    assert_eq!(store(&db, identify("free", "2026-11-01T00:00:00Z", "old")), Stored::Duplicate);
    assert_eq!(q::<i64>(&db, "SELECT COUNT(*) FROM trait_history"), 3);
}

#[test]
fn free_mail_links_no_company_and_groups_link_by_domain() {
    let (_d, db) = fresh();
    store(
        &db,
        json!({"type": "identify", "userId": "g", "traits": {"email": "g@gmail.com"},
                      "timestamp": "2026-11-01T00:00:00Z", "messageId": "1"}),
    );
    assert_eq!(q::<i64>(&db, "SELECT COUNT(*) FROM companies"), 0);
    store(
        &db,
        json!({"type": "group", "userId": "g", "groupId": "grp-7", "traits": {"name": "Initech"},
                      "timestamp": "2026-11-01T01:00:00Z", "messageId": "2"}),
    );
    assert_eq!(q::<i64>(&db, "SELECT COUNT(*) FROM companies"), 0);
    assert_eq!(q::<Option<i64>>(&db, "SELECT company_id FROM people"), None);
    // A later call for the same group gives its website: the company is created and linked.
    store(
        &db,
        json!({"type": "group", "userId": "g", "groupId": "grp-7",
                      "traits": {"website": "https://www.initech.com", "employees": 120},
                      "timestamp": "2026-11-01T02:00:00Z", "messageId": "3"}),
    );
    assert_eq!(
        q::<String>(&db, "SELECT name || ' ' || domain || ' ' || employees FROM companies"),
        "Initech initech.com 120"
    );
    assert_eq!(
        q::<String>(&db, "SELECT c.domain FROM people p JOIN companies c ON c.id = p.company_id"),
        "initech.com"
    );
    let found = db.call_blocking(|c| people::search(c, "initech", 10)).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].user_id.as_deref(), Some("g"));
}
