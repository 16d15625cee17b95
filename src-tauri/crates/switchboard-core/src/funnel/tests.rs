//! Hand-built event sets; every expected number is worked out in the comments.

use serde_json::json;

use super::*;

const H: i64 = 3_600_000;
const D: i64 = 24 * H;

fn funnel(order: Order) -> Funnel {
    Funnel::from_json(&format!(
        r#"{{"version":1,"steps":[{{"event":"A"}},{{"event":"B"}},{{"event":"C"}}],
            "window_days":1,"range":{{"last_days":30}},"order":"{}"}}"#,
        match order {
            Order::Ordered => "ordered",
            Order::Strict => "strict",
            Order::Any => "any",
        }
    ))
    .unwrap()
}

/// An event that is step `i` (0-based), or no step for `None`.
fn ev(at: i64, step: Option<u32>) -> Ev {
    Ev { at, steps: step.map_or(0, |i| 1 << i), exclusions: 0, constant: None }
}

const RANGE: (i64, i64) = (0, 10 * D);

fn reached(f: &Funnel, events: &[Ev]) -> Option<usize> {
    progress(f, events, RANGE).map(|p| p.reached)
}

#[test]
fn ordered_strict_and_any_order() {
    let (ordered, strict, any) =
        (funnel(Order::Ordered), funnel(Order::Strict), funnel(Order::Any));
    // A, B, C an hour apart: everyone's full funnel, times from the entry.
    let straight = [ev(0, Some(0)), ev(H, Some(1)), ev(2 * H, Some(2))];
    let p = progress(&ordered, &straight, RANGE).unwrap();
    assert_eq!((p.reached, p.times), (3, vec![0, H, 2 * H]));
    assert_eq!(reached(&strict, &straight), Some(3));
    // A, C, B: in order only A and B count (C came before B); in any order all three.
    let swapped = [ev(0, Some(0)), ev(H, Some(2)), ev(2 * H, Some(1))];
    assert_eq!(reached(&ordered, &swapped), Some(2));
    assert_eq!(reached(&strict, &swapped), Some(1), "the event after A is not B");
    assert_eq!(progress(&any, &swapped, RANGE).unwrap().times, vec![0, 2 * H, 2 * H]);
    // Another event between A and B: fine in order, the end of a strict attempt.
    let interrupted = [ev(0, Some(0)), ev(H / 2, None), ev(H, Some(1))];
    assert_eq!(reached(&ordered, &interrupted), Some(2));
    assert_eq!(reached(&strict, &interrupted), Some(1));
}

#[test]
fn the_window_includes_its_last_millisecond() {
    let f = funnel(Order::Ordered);
    assert_eq!(reached(&f, &[ev(0, Some(0)), ev(D, Some(1))]), Some(2), "exactly one day later");
    assert_eq!(reached(&f, &[ev(0, Some(0)), ev(D + 1, Some(1))]), Some(1), "a millisecond late");
    // Entries only inside the range: an A before it does not enter, one on its last ms does.
    assert_eq!(reached(&f, &[ev(-1, Some(0)), ev(H, Some(1))]), None);
    assert_eq!(reached(&f, &[ev(10 * D, Some(0)), ev(10 * D + H, Some(1))]), Some(2));
}

#[test]
fn re_entry_keeps_the_furthest_attempt() {
    let f = funnel(Order::Ordered);
    // A at 0 goes nowhere; A two days later goes all the way: counted once, from the second.
    let events =
        [ev(0, Some(0)), ev(2 * D, Some(0)), ev(2 * D + H, Some(1)), ev(2 * D + 3 * H, Some(2))];
    let p = progress(&f, &events, RANGE).unwrap();
    assert_eq!((p.reached, p.times), (3, vec![2 * D, 2 * D + H, 2 * D + 3 * H]));
    // Two attempts that reach B: the earlier is kept.
    let events = [ev(0, Some(0)), ev(H, Some(1)), ev(3 * D, Some(0)), ev(3 * D + 5 * H, Some(1))];
    assert_eq!(progress(&f, &events, RANGE).unwrap().times, vec![0, H]);
}

#[test]
fn exclusions_discard_the_attempt_between_their_steps() {
    let mut f = funnel(Order::Ordered);
    f.exclusions = vec![Exclusion {
        event: "E".into(),
        event_type: EventType::Track,
        filters: vec![],
        after: Some(1),
        before: Some(2),
    }];
    let x = |at| Ev { at, steps: 0, exclusions: 1, constant: None };
    // E between A and B: that attempt is gone; nobody enters.
    assert_eq!(reached(&f, &[ev(0, Some(0)), x(H / 2), ev(H, Some(1))]), None);
    // E after B (between B and C) is outside this exclusion.
    assert_eq!(
        reached(&f, &[ev(0, Some(0)), ev(H, Some(1)), x(2 * H), ev(3 * H, Some(2))]),
        Some(3)
    );
    // A later attempt without E counts.
    let events = [ev(0, Some(0)), x(H / 2), ev(2 * D, Some(0)), ev(2 * D + H, Some(1))];
    assert_eq!(reached(&f, &events), Some(2));
}

#[test]
fn a_property_held_constant_must_match_the_entry() {
    let mut f = funnel(Order::Ordered);
    f.hold_constant = Some("plan".into());
    let c = |at, step: u32, plan: &str| Ev {
        at,
        steps: 1 << step,
        exclusions: 0,
        constant: Some(plan.into()),
    };
    // B on another plan does not count; B on the same plan does.
    let p = progress(&f, &[c(0, 0, "pro"), c(H, 1, "free"), c(2 * H, 1, "pro")], RANGE).unwrap();
    assert_eq!(p.times, vec![0, 2 * H]);
    // An entry without the property cannot hold it constant.
    assert_eq!(reached(&f, &[ev(0, Some(0)), c(H, 1, "pro")]), None);
}

#[test]
fn figures_per_step_and_breakdown() {
    let f = funnel(Order::Ordered);
    // Four people: A only; A→B in 2 h; A→B→C in 1 h and 5 h; A→B→C in 3 h and 30 h (C late).
    let people = vec![
        Progress { reached: 1, times: vec![0] },
        Progress { reached: 2, times: vec![0, 2 * H] },
        Progress { reached: 3, times: vec![0, H, 5 * H] },
        Progress { reached: 3, times: vec![0, 3 * H, 20 * H] },
    ];
    let r = summarise(&f, &people);
    assert_eq!(r.iter().map(|s| s.people).collect::<Vec<_>>(), [4, 3, 2]);
    assert_eq!(r.iter().map(|s| s.dropped).collect::<Vec<_>>(), [0, 1, 1]);
    assert_eq!((r[1].from_previous, r[2].from_previous, r[2].from_first), (0.75, 2.0 / 3.0, 0.5));
    // B's times: 1 h, 2 h, 3 h → median 2 h; C's: 5 h and 20 h → median 12.5 h.
    assert_eq!((r[1].median_ms, r[2].median_ms), (Some(2 * H), Some(25 * H / 2)));
    assert_eq!(r[1].distribution, [0, 3, 0, 0, 0, 0]);
    assert_eq!(r[0].median_ms, None);
    let groups = by_breakdown(
        &f,
        &[
            (Some("pro".into()), people[2].clone()),
            (None, people[0].clone()),
            (Some("pro".into()), people[1].clone()),
        ],
    );
    assert_eq!(
        groups.iter().map(|(k, r)| (k.as_str(), r[0].people, r[2].people)).collect::<Vec<_>>(),
        [("pro", 2, 1), ("(none)", 1, 0)]
    );
}

#[test]
fn property_filters_follow_the_segment_rules() {
    let c = |op: &str, value: Value| -> TraitCondition {
        serde_json::from_value(json!({"key": "plan", "op": op, "value": value})).unwrap()
    };
    let props = json!({"plan": "Pro", "seats": 12, "tags": ["a", "b"], "nested": {"x": 1}});
    assert!(passes(&[c("equals", json!("pro"))], Some(&props)));
    assert!(!passes(&[c("equals", json!("free"))], Some(&props)));
    let on = |key: &str, op: &str, value: Value| -> bool {
        let cond: TraitCondition =
            serde_json::from_value(json!({"key": key, "op": op, "value": value})).unwrap();
        matches(&cond, lookup(Some(&props), key))
    };
    assert!(on("seats", "at_least", json!(12)) && !on("seats", "greater_than", json!(12)));
    assert!(on("tags", "contains", json!("B")) && on("plan", "contains", json!("r")));
    assert!(on("nested.x", "equals", json!(1)) && on("missing", "not_equals", json!(1)));
    assert!(!on("missing", "equals", json!(1)) && on("plan", "one_of", json!(["x", "PRO"])));
}

#[test]
fn validation_names_each_problem() {
    let f = Funnel::from_json(
        r#"{"version":1,"steps":[{"event":""}],"window_days":0,"range":{"last_days":0},
            "exclusions":[{"event":"E","after":2,"before":1}]}"#,
    )
    .unwrap();
    let paths: Vec<String> = f.validate().into_iter().map(|p| p.path).collect();
    assert_eq!(
        paths,
        ["/steps", "/steps/0/event", "/window_days", "/range/last_days", "/exclusions/0"]
    );
}
