use std::collections::{BTreeMap, BTreeSet};

use super::*;

const PRICING: &str = r#"{
  "version": 1,
  "name": "Engaged mid-market on Segment",
  "target": "companies",
  "rule": { "all": [
    { "company_trait": { "key": "employees", "op": "at_least", "value": 50 } },
    { "company_trait": { "key": "technologies", "op": "contains", "value": "Segment" } },
    { "people": { "match": "any", "rule": { "performed": {
        "event": "Pricing", "type": "page",
        "count": { "op": "at_least", "n": 3 }, "window": { "last_days": 14 } } } } },
    { "people": { "match": "none", "rule": { "email": { "action": "replied" } } } }
  ] }
}"#;

#[test]
fn parses_and_round_trips() {
    let def = Definition::from_json(PRICING).unwrap();
    assert_eq!(def.target, Target::Companies);
    assert!(def.validate().is_empty(), "{:?}", def.validate());
    let again = Definition::from_json(&def.to_json()).unwrap();
    assert_eq!(again, def);
    let Rule::All(rules) = &def.rule else { panic!("all") };
    assert_eq!(rules[2].describe(), "any of its people");
    let Rule::People(p) = &rules[2] else { panic!("people") };
    assert_eq!(
        p.rule.describe(),
        "performed “Pricing” (page) at least 3 times in the last 14 days"
    );
}

#[test]
fn unknown_keys_and_kinds_are_refused_with_their_place() {
    let err = Definition::from_json(
        r#"{"version":1,"name":"x","target":"people","rule":{"performd":{"event":"A"}}}"#,
    )
    .unwrap_err();
    assert!(err.contains("performd"), "{err}");
    let err = Definition::from_json(
        r#"{"version":1,"name":"x","target":"people","rule":{"performed":{"event":"A","cnt":1}}}"#,
    )
    .unwrap_err();
    assert!(err.contains("cnt"), "{err}");
}

fn problems(json: &str) -> Vec<(String, String)> {
    Definition::from_json(json)
        .unwrap()
        .validate()
        .into_iter()
        .map(|p| (p.path, p.message))
        .collect()
}

#[test]
fn every_problem_is_reported_with_its_path() {
    let found = problems(
        r#"{"version":2,"name":" ","target":"companies","rule":{"all":[
            {"performed":{"event":""}},
            {"company_trait":{"key":"revenue","op":"equals","value":1}},
            {"company_trait":{"key":"industry","op":"at_least","value":"x"}},
            {"any":[]},
            {"people":{"match":"all","rule":{"not_performed":{"event":"A","window":{"last_days":0}}}}},
            {"people":{"match":"any","rule":{"email":{"action":"not_opened"}}}},
            {"score":{}},
            {"people":{"match":"any","rule":{"person_trait":{"key":"plan","op":"exists","value":1}}}},
            {"people":{"match":"any","rule":{"performed":{"event":"A","window":{"between":{"from":"2026-02-01","to":"2026-01-01"}}}}}}
        ]}}"#,
    );
    let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/version",
            "/name",
            "/rule/all/0/performed",
            "/rule/all/0/performed/event",
            "/rule/all/1/company_trait/key",
            "/rule/all/2/company_trait/value",
            "/rule/all/2/company_trait/op",
            "/rule/all/3/any",
            "/rule/all/4/people/rule/not_performed/window/last_days",
            "/rule/all/5/people/rule/email/within_days",
            "/rule/all/6/score",
            "/rule/all/7/people/rule/person_trait/value",
            "/rule/all/8/people/rule/performed/window/between",
        ],
        "{found:#?}"
    );
    assert!(found[4].1.contains("revenue") && found[4].1.contains("employees"));
}

#[test]
fn people_rules_belong_to_company_segments() {
    let found = problems(
        r#"{"version":1,"name":"x","target":"people","rule":{"people":{"match":"any","rule":{"all":[]}}}}"#,
    );
    assert_eq!(found.len(), 1);
    assert!(found[0].1.contains("companies segments"));
}

#[test]
fn windows_are_calendar_days_ending_today() {
    let today = Day::parse("2026-11-29").unwrap();
    let (from, to) = Window::LastDays(14).days(today).unwrap();
    assert_eq!((from.to_string().as_str(), to), ("2026-11-16", today));
    assert_eq!(Window::LastDays(1).days(today).unwrap(), (today, today));
    let between = Window::Between { from: "2026-01-01".into(), to: "2026-01-31".into() };
    assert_eq!(between.days(today).unwrap().1.to_string(), "2026-01-31");
}

#[test]
fn cycles_are_found_through_saved_segments() {
    let saved: BTreeMap<&str, BTreeSet<String>> = [
        ("b", BTreeSet::from(["c".to_owned()])),
        ("c", BTreeSet::from(["a".to_owned()])),
        ("d", BTreeSet::new()),
    ]
    .into_iter()
    .collect();
    let lookup = |name: &str| saved.get(name).cloned();
    let cycle = find_cycle("a", &BTreeSet::from(["d".to_owned(), "b".to_owned()]), &lookup);
    assert_eq!(cycle.unwrap(), ["a", "b", "c", "a"]);
    assert_eq!(find_cycle("a", &BTreeSet::from(["d".to_owned()]), &lookup), None);
    assert_eq!(find_cycle("a", &BTreeSet::from(["a".to_owned()]), &lookup).unwrap(), ["a", "a"]);
}

#[test]
fn the_schema_names_every_rule_kind() {
    let schema = json_schema();
    for kind in [
        "all",
        "any",
        "none",
        "person_trait",
        "company_trait",
        "score",
        "performed",
        "not_performed",
        "first_time",
        "sequence",
        "email",
        "in_segment",
        "people",
    ] {
        assert!(schema.contains(&format!("\"{kind}\"")), "{kind} missing from the schema");
    }
    let parsed: Value = serde_json::from_str(&schema).unwrap();
    assert_eq!(parsed["title"], "Switchboard segment");
}
