//! Every rule kind on a small workspace whose members are known by hand. Today is 2026-11-29;
//! "the last 14 days" are 2026-11-16 to 2026-11-29.

use rusqlite::{Connection, params};
use switchboard_core::Day;
use switchboard_core::audience::Definition;

use super::*;

const HOUR: i64 = 3_600_000;

fn today() -> Day {
    Day::parse("2026-11-29").unwrap()
}

fn now() -> i64 {
    today().start() + 12 * HOUR
}

/// The start of `n` days before today.
fn ago(n: i64) -> i64 {
    today().plus(-n).start()
}

fn workspace() -> Connection {
    let mut conn = Connection::open_in_memory().unwrap();
    crate::migrations::all().to_latest(&mut conn).unwrap();
    conn.execute_batch(
        r#"
        INSERT INTO companies (id, domain, name, employees, industry, country, technologies, created_at) VALUES
          (1, 'acme.com', 'Acme', 120, 'Software', 'US', '["Segment","Google Analytics"]', 0),
          (2, 'beta.io', 'Beta', 30, 'Retail', 'DE', '["Mixpanel"]', 0),
          (3, 'empty.co', 'Empty Co', 500, 'Software', 'FR', '["Segment"]', 0);
        INSERT INTO scores (entity, entity_id, model, score, segment, scored_at) VALUES
          ('company', 1, 'madkudu', 90, 'very good', 0),
          ('company', 2, 'madkudu', 60, 'medium', 0),
          ('person', 1, 'madkudu', 75, 'good', 0);
        "#,
    )
    .unwrap();
    let person = |id: i64, email: &str, company: Option<i64>, traits: &str, created: i64| {
        conn.execute(
            "INSERT INTO people (id, user_id, email, first_name, company_id, traits, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, format!("u{id}"), email, email.split('@').next(), company, traits, created],
        )
        .unwrap();
    };
    person(
        1,
        "alice@acme.com",
        Some(1),
        r#"{"plan":"pro","seats":12,"tags":["beta","vip"]}"#,
        ago(100),
    );
    person(2, "bob@acme.com", Some(1), r#"{"plan":"free","seats":"12"}"#, ago(3));
    person(3, "carol@gmail.com", None, "{}", ago(50));
    person(4, "dan@beta.io", Some(2), "{}", ago(60));
    person(5, "erin@beta.io", Some(2), "{}", ago(5) + HOUR);
    let mut n = 0;
    let mut event = |person: i64, t: &str, name: &str, at: i64, props: &str| {
        n += 1;
        conn.execute(
            "INSERT INTO events (message_id, type, name, user_id, person_id, timestamp, received_at, properties)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
            params![format!("m{n}"), t, name, format!("u{person}"), person, at, props],
        )
        .unwrap();
    };
    // Alice: pricing three times in the window, signed up long ago.
    for d in [1, 5, 13] {
        event(1, "page", "Pricing", ago(d) + 10 * HOUR, r#"{"path":"/pricing"}"#);
    }
    event(1, "track", "Signed Up", ago(100), r#"{"plan":"free"}"#);
    event(1, "track", "Report Exported", ago(2), r#"{"format":"csv","rows":500}"#);
    // Bob: pricing on the window's first millisecond, today, and the last millisecond before it.
    event(2, "page", "Pricing", ago(13), "{}");
    event(2, "page", "Pricing", ago(0) + HOUR, "{}");
    event(2, "page", "Pricing", ago(13) - 1, "{}");
    event(2, "track", "Report Exported", ago(1), r#"{"format":"pdf","rows":20}"#);
    // Dan: signed up 10 days ago, connected a source 25 hours later.
    event(4, "track", "Signed Up", ago(10) + 10 * HOUR, "{}");
    event(4, "track", "Source Connected", ago(9) + 11 * HOUR, "{}");
    let email = |delivery: &str, person: i64, campaign: &str, kind: &str, at: i64| {
        conn.execute(
            "INSERT INTO email_activity (delivery_id, person_id, email, campaign, kind, at)
             VALUES (?1, ?2, 'x@y.z', ?3, ?4, ?5)",
            params![delivery, person, campaign, kind, at],
        )
        .unwrap();
    };
    email("d1", 4, "activation", "delivered", ago(20));
    email("d1", 4, "activation", "opened", ago(19));
    email("d2", 5, "activation", "delivered", ago(20));
    email("d3", 5, "activation", "delivered", ago(1));
    email("d4", 5, "outbound", "delivered", ago(8));
    email("d4", 5, "outbound", "replied", ago(7));
    conn
}

fn def(target: &str, rule: &str) -> Definition {
    Definition::from_json(&format!(
        r#"{{"version":1,"name":"t","target":"{target}","rule":{rule}}}"#
    ))
    .unwrap_or_else(|e| panic!("{e}: {rule}"))
}

fn people(conn: &Connection, rule: &str) -> Vec<i64> {
    let d = def("people", rule);
    let ids = members(conn, &d, today(), now()).unwrap();
    assert_eq!(count(conn, &d, today(), now()).unwrap(), ids.len() as i64, "count of {rule}");
    ids
}

fn companies(conn: &Connection, rule: &str) -> Vec<i64> {
    members(conn, &def("companies", rule), today(), now()).unwrap()
}

#[test]
fn person_traits() {
    let c = workspace();
    let t = |op: &str, key: &str, value: &str| {
        let v = if value.is_empty() { String::new() } else { format!(r#","value":{value}"#) };
        people(&c, &format!(r#"{{"person_trait":{{"key":"{key}","op":"{op}"{v}}}}}"#))
    };
    assert_eq!(t("equals", "plan", r#""PRO""#), [1]);
    assert_eq!(
        t("not_equals", "plan", r#""pro""#),
        [2, 3, 4, 5],
        "people without the trait are not it"
    );
    assert_eq!(t("at_least", "seats", "12"), [1], "a number kept as text is not a number");
    assert_eq!(t("greater_than", "seats", "12"), Vec::<i64>::new());
    assert_eq!(t("less_than", "seats", "13"), [1]);
    assert_eq!(t("contains", "tags", r#""VIP""#), [1], "an element of a list");
    assert_eq!(t("contains", "plan", r#""r""#), [1, 2], "a substring of a text");
    assert_eq!(t("not_contains", "plan", r#""r""#), [3, 4, 5]);
    assert_eq!(t("starts_with", "email", r#""ALI""#), [1]);
    assert_eq!(t("one_of", "plan", r#"["pro","free"]"#), [1, 2]);
    assert_eq!(t("exists", "plan", ""), [1, 2]);
    assert_eq!(t("not_exists", "plan", ""), [3, 4, 5]);
    assert_eq!(t("equals", "first_name", r#""dan""#), [4], "a column, not a trait");
}

#[test]
fn company_traits_and_scores() {
    let c = workspace();
    assert_eq!(
        people(&c, r#"{"company_trait":{"key":"employees","op":"at_least","value":50}}"#),
        [1, 2],
        "a person's company"
    );
    assert_eq!(
        companies(
            &c,
            r#"{"company_trait":{"key":"technologies","op":"contains","value":"segment"}}"#
        ),
        [1, 3]
    );
    assert_eq!(
        companies(
            &c,
            r#"{"company_trait":{"key":"technologies","op":"not_contains","value":"Segment"}}"#
        ),
        [2]
    );
    assert_eq!(
        companies(&c, r#"{"company_trait":{"key":"industry","op":"equals","value":"software"}}"#),
        [1, 3]
    );
    assert_eq!(people(&c, r#"{"score":{"min":70}}"#), [1], "the person's own score");
    assert_eq!(people(&c, r#"{"score":{"of":"company","fit_segment":["very good"]}}"#), [1, 2]);
    assert_eq!(companies(&c, r#"{"score":{"max":89.9}}"#), [2]);
    assert_eq!(companies(&c, r#"{"score":{"model":"other","min":0}}"#), Vec::<i64>::new());
}

#[test]
fn performed_counts_and_window_boundaries() {
    let c = workspace();
    let pricing = |count: &str| {
        people(
            &c,
            &format!(
                r#"{{"performed":{{"event":"Pricing","type":"page","count":{count},"window":{{"last_days":14}}}}}}"#
            ),
        )
    };
    assert_eq!(pricing(r#"{"op":"at_least","n":3}"#), [1]);
    assert_eq!(
        pricing(r#"{"op":"at_least","n":2}"#),
        [1, 2],
        "Bob's first ms counts, the ms before does not"
    );
    assert_eq!(pricing(r#"{"op":"exactly","n":2}"#), [2]);
    assert_eq!(pricing(r#"{"op":"at_most","n":1}"#), [3, 4, 5], "no events is at most one");
    assert_eq!(pricing(r#"{"op":"exactly","n":0}"#), [3, 4, 5]);
    assert_eq!(pricing(r#"{"op":"at_least","n":0}"#), [1, 2, 3, 4, 5]);
    // Without a window Bob has three.
    assert_eq!(
        people(
            &c,
            r#"{"performed":{"event":"Pricing","type":"page","count":{"op":"exactly","n":3}}}"#
        ),
        [1, 2]
    );
    // The type matters: no track called Pricing.
    assert_eq!(people(&c, r#"{"performed":{"event":"Pricing"}}"#), Vec::<i64>::new());
    // Between two dates, both included.
    assert_eq!(
        people(
            &c,
            r#"{"performed":{"event":"Pricing","type":"page","window":{"between":{"from":"2026-11-28","to":"2026-11-28"}}}}"#
        ),
        [1]
    );
}

#[test]
fn performed_with_property_filters() {
    let c = workspace();
    let exported = |filter: &str| {
        people(&c, &format!(r#"{{"performed":{{"event":"Report Exported","where":[{filter}]}}}}"#))
    };
    assert_eq!(exported(r#"{"key":"format","op":"equals","value":"csv"}"#), [1]);
    assert_eq!(exported(r#"{"key":"rows","op":"at_least","value":100}"#), [1]);
    assert_eq!(exported(r#"{"key":"rows","op":"less_than","value":100}"#), [2]);
    assert_eq!(
        people(
            &c,
            r#"{"performed":{"event":"Report Exported","where":[{"key":"format","op":"one_of","value":["csv","pdf"]}],"count":{"op":"at_least","n":2}}}"#
        ),
        Vec::<i64>::new()
    );
}

#[test]
fn not_performed_and_the_too_new_rule() {
    let c = workspace();
    let d = def(
        "people",
        r#"{"not_performed":{"event":"Pricing","type":"page","window":{"last_days":14}}}"#,
    );
    assert_eq!(members(&c, &d, today(), now()).unwrap(), [3, 4, 5]);
    let ex = explain(&c, &d, today(), now()).unwrap();
    assert_eq!((ex.input, ex.kept, ex.dropped), (5, 3, 2));
    assert_eq!(ex.too_new, Some(1), "Erin was first seen five days ago");
}

#[test]
fn first_time_and_sequence() {
    let c = workspace();
    assert_eq!(
        people(&c, r#"{"first_time":{"event":"Signed Up","window":{"last_days":14}}}"#),
        [4]
    );
    assert_eq!(
        people(&c, r#"{"first_time":{"event":"Signed Up","window":{"last_days":10}}}"#),
        Vec::<i64>::new()
    );
    let seq = |days: u32| {
        people(
            &c,
            &format!(
                r#"{{"sequence":{{"first":{{"event":"Signed Up"}},"then":{{"event":"Source Connected"}},"within_days":{days}}}}}"#
            ),
        )
    };
    assert_eq!(seq(2), [4]);
    assert_eq!(seq(1), Vec::<i64>::new(), "25 hours is more than a day");
    assert_eq!(
        people(
            &c,
            r#"{"sequence":{"first":{"event":"Source Connected"},"then":{"event":"Signed Up"},"within_days":30}}"#
        ),
        Vec::<i64>::new(),
        "order matters"
    );
    assert_eq!(
        people(
            &c,
            r#"{"sequence":{"first":{"event":"Pricing","type":"page"},"then":{"event":"Pricing","type":"page"},"within_days":5,"window":{"last_days":14}}}"#
        ),
        [1],
        "Alice came back within five days; Bob's visits are 13 days apart"
    );
}

#[test]
fn email_engagement() {
    let c = workspace();
    let e = |body: &str| people(&c, &format!(r#"{{"email":{body}}}"#));
    assert_eq!(e(r#"{"action":"received","campaign":"activation"}"#), [4, 5]);
    assert_eq!(e(r#"{"action":"opened"}"#), [4]);
    assert_eq!(e(r#"{"action":"replied"}"#), [5]);
    assert_eq!(e(r#"{"action":"received","window":{"last_days":7}}"#), [5]);
    // Erin's first activation email went unopened for three days; her second is too recent to say.
    assert_eq!(e(r#"{"action":"not_opened","campaign":"activation","within_days":3}"#), [5]);
    assert_eq!(
        e(
            r#"{"action":"not_opened","campaign":"activation","within_days":3,"window":{"last_days":7}}"#
        ),
        Vec::<i64>::new()
    );
    assert_eq!(e(r#"{"action":"clicked"}"#), Vec::<i64>::new());
}

#[test]
fn groups_combine() {
    let c = workspace();
    assert_eq!(
        people(
            &c,
            r#"{"any":[{"person_trait":{"key":"plan","op":"equals","value":"pro"}},{"email":{"action":"replied"}}]}"#
        ),
        [1, 5]
    );
    assert_eq!(
        people(&c, r#"{"none":[{"person_trait":{"key":"plan","op":"exists"}}]}"#),
        [3, 4, 5]
    );
    assert_eq!(people(&c, r#"{"all":[]}"#), [1, 2, 3, 4, 5]);
}

#[test]
fn company_segments_read_their_people() {
    let c = workspace();
    let q = |m: &str, rule: &str| {
        companies(&c, &format!(r#"{{"people":{{"match":"{m}","rule":{rule}}}}}"#))
    };
    let pricing = r#"{"performed":{"event":"Pricing","type":"page","count":{"op":"at_least","n":3},"window":{"last_days":14}}}"#;
    assert_eq!(q("any", pricing), [1]);
    assert_eq!(
        q("none", r#"{"email":{"action":"replied"}}"#),
        [1, 3],
        "Empty Co has nobody who replied"
    );
    assert_eq!(
        q("all", r#"{"person_trait":{"key":"plan","op":"exists"}}"#),
        [1],
        "a company without people is not 'all'"
    );
    assert_eq!(q("all", r#"{"all":[]}"#), [1, 2]);
}

const THE_ISSUES_SEGMENT: &str = r#"{"all":[
    {"company_trait":{"key":"employees","op":"at_least","value":50}},
    {"company_trait":{"key":"technologies","op":"contains","value":"Segment"}},
    {"people":{"match":"any","rule":{"performed":{"event":"Pricing","type":"page","count":{"op":"at_least","n":3},"window":{"last_days":14}}}}},
    {"people":{"match":"none","rule":{"email":{"action":"replied"}}}}
]}"#;

#[test]
fn the_growth_managers_segment_and_its_explanation() {
    let c = workspace();
    let d = def("companies", THE_ISSUES_SEGMENT);
    assert_eq!(members(&c, &d, today(), now()).unwrap(), [1]);
    let ex = explain(&c, &d, today(), now()).unwrap();
    assert_eq!((ex.input, ex.kept), (3, 1));
    let kept: Vec<(i64, i64)> = ex.children.iter().map(|n| (n.input, n.kept)).collect();
    assert_eq!(kept, [(3, 2), (2, 2), (2, 1), (1, 1)]);
    let inner = &ex.children[2].children[0];
    assert_eq!(
        (inner.unit, inner.input, inner.kept),
        ("people", 2, 1),
        "Acme's two people, Empty Co has none"
    );
    assert_eq!(inner.path, "/rule/all/2/people/rule/performed");
    let (sqlite, postgres) = sql(&c, &d, today(), now()).unwrap();
    assert!(!sqlite.contains("Pricing") && sqlite.contains('?'), "values are bound: {sqlite}");
    assert!(postgres.contains("$1"), "{postgres}");
}

#[test]
fn segments_save_version_and_diff() {
    let mut c = workspace();
    let mut fans = def(
        "people",
        r#"{"performed":{"event":"Pricing","type":"page","count":{"op":"at_least","n":2},"window":{"last_days":14}}}"#,
    );
    fans.name = "Pricing fans".into();
    let id = save(&c, &fans, None, now()).unwrap();
    assert_eq!(get(&c, "pricing FANS").unwrap().status, Status::Pending);
    let v1 = recompute(&mut c, id, "saved", today(), now()).unwrap();
    assert_eq!((v1.version, v1.size, v1.entered, v1.exited), (1, 2, 2, 0));
    // Carol visits pricing twice; Bob's visits fall out of the window a day later.
    c.execute_batch(&format!(
        "INSERT INTO events (message_id, type, name, user_id, person_id, timestamp, received_at)
         VALUES ('c1', 'page', 'Pricing', 'u3', 3, {t}, {t}), ('c2', 'page', 'Pricing', 'u3', 3, {t}, {t});",
        t = now()
    ))
    .unwrap();
    let tomorrow = today().plus(1);
    let v2 = recompute(&mut c, id, "recompute", tomorrow, now() + 24 * HOUR).unwrap();
    assert_eq!((v2.version, v2.size, v2.entered, v2.exited), (2, 2, 1, 1));
    let d = diff(&c, "Pricing fans", None).unwrap();
    assert_eq!((d.entered, d.exited), (vec![3], vec![2]));
    assert_eq!(diff(&c, "Pricing fans", Some(1)).unwrap().entered, [1, 2]);
    assert!(matches!(
        diff(&c, "Pricing fans", Some(9)),
        Err(crate::Error::Segment(SegmentError::NoVersion { latest: 2, .. }))
    ));
    let saved = get(&c, "Pricing fans").unwrap();
    assert_eq!((saved.status, saved.latest.unwrap().version), (Status::Ready, 2));
    // A computation a kill interrupted does not stay "computing".
    mark_computing(&c, id).unwrap();
    assert_eq!(reset_interrupted(&c).unwrap(), 1);
    let saved = get(&c, "Pricing fans").unwrap();
    assert_eq!(saved.status, Status::Pending);
    assert!(saved.status_detail.unwrap().contains("interrupted"));

    // Used by another segment: live, and it cannot be deleted or made circular.
    let mut inner = def("people", r#"{"in_segment":{"segment":"pricing fans"}}"#);
    inner.name = "Fans again".into();
    save(&c, &inner, None, now()).unwrap();
    assert_eq!(members(&c, &inner, tomorrow, now() + 24 * HOUR).unwrap(), [1, 3]);
    assert!(matches!(
        delete(&c, "Pricing fans"),
        Err(crate::Error::Segment(SegmentError::InUse { .. }))
    ));
    let mut circular = fans.clone();
    circular.rule = def("people", r#"{"in_segment":{"segment":"Fans again"}}"#).rule;
    let err = save(&c, &circular, Some("Pricing fans"), now()).unwrap_err();
    assert!(err.to_string().contains("Pricing fans → Fans again → Pricing fans"), "{err}");
    assert!(matches!(
        save(&c, &fans, None, now()),
        Err(crate::Error::Segment(SegmentError::Duplicate(_)))
    ));

    // Renaming follows into the segments that use it.
    let mut renamed = fans.clone();
    renamed.name = "Pricing regulars".into();
    save(&c, &renamed, Some("Pricing fans"), now()).unwrap();
    assert_eq!(
        get(&c, "Fans again").unwrap().definition.references().into_iter().collect::<Vec<_>>(),
        ["Pricing regulars"]
    );
    delete(&c, "Fans again").unwrap();
    delete(&c, "Pricing regulars").unwrap();
    assert!(list(&c).unwrap().is_empty());
    let left: i64 = c.query_row("SELECT COUNT(*) FROM segment_members", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 0);
}

#[test]
fn invalid_definitions_are_refused_with_every_problem() {
    let c = workspace();
    let d =
        def("people", r#"{"all":[{"performed":{"event":""}},{"in_segment":{"segment":"nope"}}]}"#);
    let err = save(&c, &d, None, now()).unwrap_err().to_string();
    assert!(err.contains("/rule/all/0/performed/event: name the event"), "{err}");
    let err = count(&c, &def("people", r#"{"in_segment":{"segment":"nope"}}"#), today(), now())
        .unwrap_err();
    assert_eq!(err.to_string(), "segment `nope` does not exist; save it first");
}

#[test]
fn exports_stream_the_latest_members() {
    let mut c = workspace();
    let mut d =
        def("people", r#"{"company_trait":{"key":"employees","op":"at_least","value":50}}"#);
    d.name = "Big".into();
    let id = save(&c, &d, None, now()).unwrap();
    recompute(&mut c, id, "saved", today(), now()).unwrap();
    let cols: Vec<String> = [
        "id",
        "email",
        "traits.plan",
        "traits.tags",
        "company.name",
        "company.technologies",
        "company.score",
        "score",
    ]
    .map(String::from)
    .to_vec();
    let mut out = Vec::new();
    let n =
        export::write(&c, id, Target::People, &cols, export::Format::Csv, &mut out, &mut |_| {})
            .unwrap();
    assert_eq!(n, 2);
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text.lines().collect::<Vec<_>>(),
        [
            "id,email,traits.plan,traits.tags,company.name,company.technologies,company.score,score",
            r#"1,alice@acme.com,pro,"[""beta"",""vip""]",Acme,"[""Segment"",""Google Analytics""]",90,75"#,
            r#"2,bob@acme.com,free,,Acme,"[""Segment"",""Google Analytics""]",90,"#,
        ]
    );
    let mut out = Vec::new();
    export::write(&c, id, Target::People, &cols, export::Format::Jsonl, &mut out, &mut |_| {})
        .unwrap();
    let first: serde_json::Value =
        serde_json::from_slice(out.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!(first["traits.tags"], serde_json::json!(["beta", "vip"]));
    assert_eq!(first["id"], 1);
    let (rows, bytes) =
        export::estimate(&c, id, Target::People, &cols, export::Format::Jsonl).unwrap();
    assert_eq!(rows, 2);
    assert!(
        bytes as usize >= out.len() / 2 && bytes as usize <= out.len() * 2,
        "{bytes} vs {}",
        out.len()
    );
    let err = export::write(
        &c,
        id,
        Target::People,
        &["nope".into()],
        export::Format::Csv,
        &mut Vec::new(),
        &mut |_| {},
    )
    .unwrap_err();
    assert!(err.to_string().contains("`nope` is not a column"), "{err}");
}

#[test]
fn pickers_read_what_the_workspace_holds() {
    let c = workspace();
    let names = event_names(&c).unwrap();
    assert_eq!(
        (names[0].event_type.as_str(), names[0].name.as_str(), names[0].count),
        ("page", "Pricing", 6)
    );
    let keys = trait_keys(&c).unwrap();
    assert_eq!(keys[0], ("plan".to_owned(), 2));
    assert_eq!(values(&c, Target::People, "plan", "P").unwrap(), [("pro".to_owned(), 1)]);
    assert_eq!(
        values(&c, Target::Companies, "technologies", "").unwrap()[0],
        ("Segment".to_owned(), 2)
    );
    assert_eq!(values(&c, Target::Companies, "employees", "1").unwrap(), [("120".to_owned(), 1)]);
}

#[test]
fn the_trait_index_follows_every_change_of_traits() {
    let c = workspace();
    let plan = |value: &str| {
        people(
            &c,
            &format!(r#"{{"person_trait":{{"key":"plan","op":"equals","value":"{value}"}}}}"#),
        )
    };
    c.execute("UPDATE people SET traits = '{\"plan\":\"pro\",\"address\":{\"city\":\"Paris\"}}' WHERE id = 2", [])
        .unwrap();
    assert_eq!(plan("pro"), [1, 2]);
    assert_eq!(plan("free"), Vec::<i64>::new());
    assert_eq!(
        people(&c, r#"{"person_trait":{"key":"address.city","op":"equals","value":"paris"}}"#),
        [2]
    );
    assert_eq!(
        people(&c, r#"{"person_trait":{"key":"address","op":"exists"}}"#),
        [2],
        "an object exists"
    );
    assert_eq!(
        people(&c, r#"{"person_trait":{"key":"tags","op":"equals","value":"vip"}}"#),
        Vec::<i64>::new(),
        "a list is not one of its elements"
    );
    c.execute_batch("DELETE FROM events WHERE person_id = 2; DELETE FROM people WHERE id = 2;")
        .unwrap();
    let left: i64 = c
        .query_row("SELECT COUNT(*) FROM person_traits WHERE person_id = 2", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
    // The index holds exactly what the JSON says.
    let (indexed, recomputed): (i64, i64) = c
        .query_row(
            "SELECT (SELECT COUNT(*) FROM person_traits), (SELECT COUNT(*) FROM person_trait_rows)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(indexed, recomputed);
}
