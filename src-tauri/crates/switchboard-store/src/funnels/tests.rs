//! A funnel over a hand-built workspace: today is 2026-11-29, the range the last 7 days
//! (2026-11-23 to 2026-11-29), the window one day.

use rusqlite::{Connection, params};
use switchboard_core::Day;
use switchboard_core::funnel::Funnel;

use super::run;

const H: i64 = 3_600_000;

fn at(day: &str, hours: i64) -> i64 {
    Day::parse(day).unwrap().start() + hours * H
}

fn workspace() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    crate::migrations::all().to_latest(&mut conn).unwrap();
    conn.execute_batch(
        r#"INSERT INTO companies (id, domain, name, industry, created_at) VALUES (1, 'a.com', 'A', 'Software', 0);
           INSERT INTO people (id, user_id, company_id, traits, created_at) VALUES
             (1, 'u1', 1, '{"plan":"pro"}', 0), (2, 'u2', 1, '{}', 0), (3, 'u3', NULL, '{"plan":"free"}', 0),
             (4, 'u4', NULL, '{}', 0);"#,
    )
    .unwrap();
    let mut n = 0;
    let mut e = |person: i64, t: &str, name: Option<&str>, ts: i64, props: &str| {
        n += 1;
        conn.execute(
            "INSERT INTO events (message_id, type, name, user_id, person_id, timestamp, received_at, properties)
             VALUES (?1, ?2, ?3, 'u', ?4, ?5, ?5, ?6)",
            params![format!("m{n}"), t, name, person, ts, props],
        )
        .unwrap();
    };
    // 1: A, B (on the pro plan), C within the hour; an unrelated page between B and C.
    e(1, "track", Some("A"), at("2026-11-25", 10), r#"{"plan":"pro"}"#);
    e(1, "track", Some("B"), at("2026-11-25", 11), r#"{"plan":"pro"}"#);
    e(1, "page", Some("Docs"), at("2026-11-25", 11) + 1, "{}");
    e(1, "track", Some("C"), at("2026-11-25", 12), r#"{"plan":"pro"}"#);
    // 2: A, an identify (not an action), B two days later: out of the window.
    e(2, "track", Some("A"), at("2026-11-25", 10), "{}");
    e(2, "identify", None, at("2026-11-25", 10) + 1, "{}");
    e(2, "track", Some("B"), at("2026-11-27", 10), r#"{"plan":"pro"}"#);
    // 3: an A a millisecond before the range, then one on its first millisecond; B on another plan.
    e(3, "track", Some("A"), at("2026-11-23", 0) - 1, "{}");
    e(3, "track", Some("A"), at("2026-11-23", 0), r#"{"plan":"free"}"#);
    e(3, "track", Some("B"), at("2026-11-23", 1), r#"{"plan":"free"}"#);
    // 4: B only.
    e(4, "track", Some("B"), at("2026-11-25", 10), "{}");
    conn
}

fn funnel(extra: &str) -> Funnel {
    Funnel::from_json(&format!(
        r#"{{"version":1,"steps":[{{"event":"A"}},{{"event":"B","where":[{{"key":"plan","op":"equals","value":"pro"}}]}},{{"event":"C"}}],
            "window_days":1,"range":{{"last_days":7}}{extra}}}"#
    ))
    .unwrap()
}

fn counts(conn: &Connection, f: &Funnel) -> Vec<u64> {
    run(conn, f, Day::parse("2026-11-29").unwrap())
        .unwrap()
        .steps
        .iter()
        .map(|s| s.people)
        .collect()
}

#[test]
fn steps_filters_windows_and_range() {
    let c = workspace();
    // 1, 2 and 3 enter; only 1's B is on the pro plan within a day; 1 does C.
    assert_eq!(counts(&c, &funnel("")), [3, 1, 1]);
    let r = run(&c, &funnel(""), Day::parse("2026-11-29").unwrap()).unwrap();
    assert_eq!((r.candidates, r.steps[2].median_ms), (3, Some(2 * H)));
    // Without the filter, 3's B counts too (2's is still too late).
    let open = Funnel::from_json(
        r#"{"version":1,"steps":[{"event":"A"},{"event":"B"}],"window_days":1,"range":{"last_days":7}}"#,
    )
    .unwrap();
    assert_eq!(counts(&c, &open), [3, 2]);
    // With three days, 2's B arrives in time.
    let mut wide = open.clone();
    wide.window_days = 3;
    assert_eq!(counts(&c, &wide), [3, 3]);
}

#[test]
fn strict_order_hold_constant_and_breakdown() {
    let c = workspace();
    // The page between B and C ends 1's strict attempt at B; the identify between 2's A and B
    // does not count as an event.
    assert_eq!(counts(&c, &funnel(r#","order":"strict""#)), [3, 1, 0]);
    // 1 keeps the plan across all three steps; 3 does not reach B on "pro".
    assert_eq!(counts(&c, &funnel(r#","hold_constant":"plan""#)), [2, 1, 1], "2's A has no plan");
    let r = run(
        &c,
        &funnel(r#","breakdown":{"person_trait":"plan"}"#),
        Day::parse("2026-11-29").unwrap(),
    )
    .unwrap();
    let groups: Vec<(&str, Vec<u64>)> = r
        .breakdown
        .iter()
        .map(|(k, s)| (k.as_str(), s.iter().map(|x| x.people).collect()))
        .collect();
    assert_eq!(
        groups,
        [("(none)", vec![1, 0, 0]), ("free", vec![1, 0, 0]), ("pro", vec![1, 1, 1])]
    );
    let r = run(
        &c,
        &funnel(r#","breakdown":{"company":"industry"}"#),
        Day::parse("2026-11-29").unwrap(),
    )
    .unwrap();
    assert_eq!(r.breakdown[0].0, "Software");
    assert_eq!(r.breakdown[0].1[0].people, 2);
}

#[test]
fn exclusions_between_steps() {
    let c = workspace();
    // 1 viewed Docs between B and C: excluded between steps 2 and 3, so 1 drops out entirely.
    let f = funnel(r#","exclusions":[{"event":"Docs","type":"page","after":2,"before":3}]"#);
    assert_eq!(counts(&c, &f), [2, 0, 0]);
}

#[test]
fn a_segment_of_the_people_who_reached_or_dropped_at_a_step_follows_the_funnel() {
    use switchboard_core::audience::Definition;

    let conn = workspace();
    let today = Day::parse("2026-11-29").unwrap();
    let now = today.start();
    // Without a plan filter on B, person 3 reaches B too: 1 reaches C, 2 only A (B too late), 3 A and B.
    let f = Funnel::from_json(
        r#"{"version":1,"steps":[{"event":"A"},{"event":"B"},{"event":"C"}],"window_days":1,"range":{"last_days":7}}"#,
    )
    .unwrap();
    let mut reached = super::reached(&conn, &f, today).unwrap();
    reached.sort_unstable();
    assert_eq!(reached, vec![(1, 3), (2, 1), (3, 2)], "worked out by hand from the events above");

    super::save(&conn, "Activation", &f, now).unwrap();
    let def = |rule: &str| -> Definition {
        serde_json::from_str(&format!(
            r#"{{"version":1,"name":"s","target":"people","rule":{rule}}}"#
        ))
        .unwrap()
    };
    let members = |rule: &str| crate::segments::members(&conn, &def(rule), today, now).unwrap();
    assert_eq!(
        members(r#"{"in_funnel":{"funnel":"Activation","step":2,"outcome":"reached"}}"#),
        vec![1, 3]
    );
    assert_eq!(
        members(r#"{"in_funnel":{"funnel":"activation","step":3,"outcome":"reached"}}"#),
        vec![1]
    );
    assert_eq!(
        members(r#"{"in_funnel":{"funnel":"Activation","step":2,"outcome":"dropped"}}"#),
        vec![2]
    );
    assert_eq!(
        members(r#"{"in_funnel":{"funnel":"Activation","step":3,"outcome":"dropped"}}"#),
        vec![3]
    );
    assert_eq!(
        members(
            r#"{"all":[{"in_funnel":{"funnel":"Activation","step":1,"outcome":"reached"}},{"person_trait":{"key":"plan","op":"exists"}}]}"#
        ),
        vec![1, 3]
    );
    let missing = crate::segments::count(
        &conn,
        &def(r#"{"in_funnel":{"funnel":"Nope","step":2,"outcome":"reached"}}"#),
        today,
        now,
    );
    assert!(missing.unwrap_err().to_string().contains("no saved funnel named"));
    let dropped_at_one =
        def(r#"{"in_funnel":{"funnel":"Activation","step":1,"outcome":"dropped"}}"#).validate();
    assert!(dropped_at_one[0].message.contains("nobody drops out at step 1"), "{dropped_at_one:?}");

    // A saved segment keeps the funnel from being deleted.
    crate::segments::save(
        &conn,
        &{
            let mut d =
                def(r#"{"in_funnel":{"funnel":"Activation","step":2,"outcome":"dropped"}}"#);
            d.name = "Dropped at B".into();
            d
        },
        None,
        now,
    )
    .unwrap();
    let refused = super::delete(&conn, "Activation").unwrap_err().to_string();
    assert!(refused.contains("Dropped at B"), "{refused}");
    assert_eq!(super::list(&conn).unwrap().len(), 1);
}
