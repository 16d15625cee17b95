//! Funnels: ordered steps (events with property filters), a conversion window, an order mode,
//! exclusion steps, a breakdown and a property held constant. The counting is pure: the store
//! hands each person's events in time order, already matched to steps; this module decides how
//! far each person got and sums it up.
//!
//! The counting rules, as the Funnels screen states them:
//! - A person enters at a step-1 event inside the date range and has `window_days` from it to
//!   reach the last step. A person who does not finish may enter again at a later step-1 event
//!   in the range (re-entry); each person is counted once, by their furthest attempt (the
//!   earliest of equals), and times to convert are measured from that attempt's entry.
//! - `ordered`: each step after the previous one, other events in between allowed. `strict`:
//!   the step must be the very next event the person sent. `any`: after step 1, the other steps
//!   in any order; a person reaches step k when they did steps 2..k.
//! - An exclusion event between two steps of an attempt discards that attempt.
//! - `hold_constant` names an event property that must have the same value at every step.
//! - A breakdown groups people by their trait or company field as it is now.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Timestamp;
use crate::audience::{EventType, Problem, TraitCondition, TraitOp, Window};

pub const VERSION: u32 = 1;
/// Steps a funnel may have.
pub const MAX_STEPS: usize = 16;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Funnel {
    pub version: u32,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub steps: Vec<Step>,
    /// Days from entering (step 1) to reach the last step.
    pub window_days: u32,
    /// When step 1 happened.
    pub range: Window,
    #[serde(default)]
    pub order: Order,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<Exclusion>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breakdown: Option<Breakdown>,
    /// An event property that must have the same value at every step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hold_constant: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub event: String,
    #[serde(default, rename = "type")]
    pub event_type: EventType,
    #[serde(default, rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<TraitCondition>,
    /// What the chart calls it; the event name when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Step {
    pub fn label(&self) -> String {
        self.label.clone().unwrap_or_else(|| self.event.clone())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Order {
    #[default]
    Ordered,
    Strict,
    Any,
}

/// People who do `event` after reaching step `after` and before step `before` (1-based) of an
/// attempt lose that attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    pub event: String,
    #[serde(default, rename = "type")]
    pub event_type: EventType,
    #[serde(default, rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<TraitCondition>,
    /// 1-based; the first step when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<usize>,
    /// 1-based; the last step when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Breakdown {
    /// A person field or trait (`plan`, `email`, ...).
    PersonTrait(String),
    /// A field of the person's company (`industry`, `country`, `employees`, ...).
    Company(String),
}

impl Funnel {
    pub fn from_json(text: &str) -> Result<Funnel, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// Every problem, each with its JSON pointer.
    pub fn validate(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut push =
            |path: String, message: &str| out.push(Problem { path, message: message.to_owned() });
        if self.version != VERSION {
            push("/version".into(), "this build reads funnel version 1");
        }
        if self.steps.len() < 2 {
            push("/steps".into(), "a funnel needs at least two steps");
        }
        if self.steps.len() > MAX_STEPS {
            push("/steps".into(), "a funnel has at most 16 steps");
        }
        for (i, s) in self.steps.iter().enumerate() {
            if s.event.trim().is_empty() {
                push(format!("/steps/{i}/event"), "name the event");
            }
            for (j, f) in s.filters.iter().enumerate() {
                if f.op.needs_value() == f.value.is_none() {
                    push(
                        format!("/steps/{i}/where/{j}/value"),
                        "give a value for this operator, or none for exists",
                    );
                }
            }
        }
        if self.window_days == 0 {
            push("/window_days".into(), "the conversion window is at least 1 day");
        }
        if let Window::LastDays(0) = self.range {
            push("/range/last_days".into(), "a range is at least 1 day");
        }
        if let Window::Between { from, to } = &self.range
            && (crate::Day::parse(from).is_none() || crate::Day::parse(to).is_none())
        {
            push("/range/between".into(), "write dates as YYYY-MM-DD");
        }
        let n = self.steps.len();
        for (i, x) in self.exclusions.iter().enumerate() {
            let (a, b) = (x.after.unwrap_or(1), x.before.unwrap_or(n));
            if a < 1 || b > n || a >= b {
                push(
                    format!("/exclusions/{i}"),
                    "an exclusion sits between two steps: after < before, both steps of the funnel",
                );
            }
            if x.event.trim().is_empty() {
                push(format!("/exclusions/{i}/event"), "name the event");
            }
        }
        if self.order == Order::Strict && !self.exclusions.is_empty() {
            push(
                "/exclusions".into(),
                "a strict funnel allows no other event between steps; exclusions add nothing",
            );
        }
        if self.hold_constant.as_deref().is_some_and(|k| k.trim().is_empty()) {
            push("/hold_constant".into(), "name the event property, or leave it out");
        }
        out
    }
}

/// One event of a person, as the store matched it.
#[derive(Debug, Clone, PartialEq)]
pub struct Ev {
    pub at: Timestamp,
    /// Bit i: the event is step i (type, name and filters).
    pub steps: u32,
    /// Bit i: the event is exclusion i.
    pub exclusions: u32,
    /// The hold-constant property's value, when the funnel has one and the event carries it.
    pub constant: Option<String>,
}

/// How far one person got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// Steps reached, at least 1.
    pub reached: usize,
    /// When each reached step happened.
    pub times: Vec<Timestamp>,
}

/// The person's best attempt, or `None` when they did not enter (or every attempt was excluded).
/// `events` are in time order; `range` bounds the entries (inclusive).
pub fn progress(f: &Funnel, events: &[Ev], range: (Timestamp, Timestamp)) -> Option<Progress> {
    let n = f.steps.len();
    let window = i64::from(f.window_days) * crate::day::MS_PER_DAY;
    let mut best: Option<Progress> = None;
    for (i, entry) in events.iter().enumerate() {
        if entry.steps & 1 == 0 || entry.at < range.0 || entry.at > range.1 {
            continue;
        }
        if f.hold_constant.is_some() && entry.constant.is_none() {
            continue;
        }
        let Some(p) = attempt(f, events, i, entry.at + window, n) else { continue };
        let better = best.as_ref().is_none_or(|b| p.reached > b.reached);
        if better {
            let done = p.reached == n;
            best = Some(p);
            if done {
                break;
            }
        }
    }
    best
}

fn attempt(
    f: &Funnel,
    events: &[Ev],
    start: usize,
    deadline: Timestamp,
    n: usize,
) -> Option<Progress> {
    let entry = &events[start];
    let constant = entry.constant.as_deref();
    let same = |e: &Ev| f.hold_constant.is_none() || e.constant.as_deref() == constant;
    let mut times = vec![entry.at];
    // Steps done, for `any` order (bit i = step i).
    let mut done: u32 = 1;
    for e in &events[start + 1..] {
        if e.at > deadline {
            break;
        }
        let reached = match f.order {
            Order::Any => (done.trailing_ones()) as usize,
            _ => times.len(),
        };
        if reached == n {
            break;
        }
        // An exclusion between the step reached and the next one discards the attempt.
        for (x, excl) in f.exclusions.iter().enumerate() {
            let (after, before) = (excl.after.unwrap_or(1), excl.before.unwrap_or(n));
            if e.exclusions & (1 << x) != 0 && reached >= after && reached < before {
                return None;
            }
        }
        match f.order {
            Order::Ordered => {
                if e.steps & (1 << reached) != 0 && same(e) {
                    times.push(e.at);
                }
            }
            Order::Strict => {
                if e.steps & (1 << reached) != 0 && same(e) {
                    times.push(e.at);
                } else {
                    break;
                }
            }
            Order::Any => {
                let new = e.steps & !done & ((1u32 << n) - 1);
                if new != 0 && same(e) {
                    // Each event counts for one step: the lowest one it can still be.
                    done |= 1 << new.trailing_zeros();
                    // Step k is reached when steps 1..k are all done.
                    let now_reached = done.trailing_ones() as usize;
                    while times.len() < now_reached {
                        times.push(e.at);
                    }
                }
            }
        }
    }
    let reached = times.len();
    Some(Progress { reached, times })
}

/// Whether an event's properties pass a step's filters (the segment engine's rules, in Rust).
pub fn passes(filters: &[TraitCondition], properties: Option<&Value>) -> bool {
    filters.iter().all(|c| matches(c, lookup(properties, &c.key)))
}

fn lookup<'a>(doc: Option<&'a Value>, key: &str) -> Option<&'a Value> {
    key.split('.').try_fold(doc?, |v, part| v.get(part)).filter(|v| !v.is_null())
}

/// One condition on one value, with the segment engine's semantics: text compares without case,
/// numbers only with numbers, `contains` finds an element of a list or a substring.
pub fn matches(c: &TraitCondition, value: Option<&Value>) -> bool {
    let want = c.value.as_ref();
    let eq = |v: &Value, w: &Value| match (v, w) {
        (Value::String(a), Value::String(b)) => {
            a.eq_ignore_ascii_case(b) || a.to_lowercase() == b.to_lowercase()
        }
        (Value::Number(a), Value::Number(b)) => a.as_f64() == b.as_f64(),
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Bool(a), Value::Number(b)) | (Value::Number(b), Value::Bool(a)) => {
            b.as_f64() == Some(if *a { 1.0 } else { 0.0 })
        }
        _ => false,
    };
    let contains = |v: &Value| {
        let needle = want.and_then(Value::as_str).unwrap_or_default().to_lowercase();
        match v {
            Value::Array(items) => {
                items.iter().any(|i| i.as_str().is_some_and(|s| s.to_lowercase() == needle))
            }
            Value::String(s) => s.to_lowercase().contains(&needle),
            Value::Number(n) => n.to_string().contains(&needle),
            _ => false,
        }
    };
    let compare =
        |v: &Value, pass: fn(f64, f64) -> bool| match (v.as_f64(), want.and_then(Value::as_f64)) {
            (Some(a), Some(b)) if v.is_number() => pass(a, b),
            _ => false,
        };
    match (c.op, value) {
        (TraitOp::Exists, v) => v.is_some(),
        (TraitOp::NotExists, v) => v.is_none(),
        (TraitOp::NotEquals, None) | (TraitOp::NotContains, None) => true,
        (_, None) => false,
        (TraitOp::Equals, Some(v)) => want.is_some_and(|w| eq(v, w)),
        (TraitOp::NotEquals, Some(v)) => !want.is_some_and(|w| eq(v, w)),
        (TraitOp::OneOf, Some(v)) => {
            want.and_then(Value::as_array).is_some_and(|ws| ws.iter().any(|w| eq(v, w)))
        }
        (TraitOp::Contains, Some(v)) => contains(v),
        (TraitOp::NotContains, Some(v)) => !contains(v),
        (TraitOp::StartsWith, Some(v)) => {
            let prefix = want.and_then(Value::as_str).unwrap_or_default().to_lowercase();
            v.as_str().is_some_and(|s| s.to_lowercase().starts_with(&prefix))
        }
        (TraitOp::GreaterThan, Some(v)) => compare(v, |a, b| a > b),
        (TraitOp::AtLeast, Some(v)) => compare(v, |a, b| a >= b),
        (TraitOp::LessThan, Some(v)) => compare(v, |a, b| a < b),
        (TraitOp::AtMost, Some(v)) => compare(v, |a, b| a <= b),
    }
}

/// One step's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepResult {
    pub label: String,
    pub people: u64,
    /// Of those at the previous step (1 for the first).
    pub from_previous: f64,
    /// Of those at the first step.
    pub from_first: f64,
    /// Those at the previous step who did not reach this one.
    pub dropped: u64,
    /// Median time from step 1 to this step, in milliseconds (None for step 1 or nobody).
    pub median_ms: Option<i64>,
    /// People per time-to-convert bucket (see [`BUCKETS`]).
    pub distribution: Vec<u64>,
}

/// Upper bounds (exclusive) of the time-to-convert buckets, in hours; the last is open.
pub const BUCKETS: [(&str, i64); 6] = [
    ("< 1 h", 1),
    ("1–24 h", 24),
    ("1–3 d", 72),
    ("3–7 d", 168),
    ("7–14 d", 336),
    ("14 d +", i64::MAX),
];

/// Sums people's progress into per-step figures.
pub fn summarise(f: &Funnel, people: &[Progress]) -> Vec<StepResult> {
    let n = f.steps.len();
    let mut out: Vec<StepResult> = Vec::with_capacity(n);
    for (k, step) in f.steps.iter().enumerate() {
        let at: Vec<&Progress> = people.iter().filter(|p| p.reached > k).collect();
        let count = at.len() as u64;
        let mut durations: Vec<i64> = at.iter().map(|p| p.times[k] - p.times[0]).collect();
        durations.sort_unstable();
        let first = out.first().map_or(count, |s| s.people);
        let previous = out.last().map_or(count, |s| s.people);
        let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let mut distribution = vec![0u64; BUCKETS.len()];
        if k > 0 {
            for d in &durations {
                let hours = d / 3_600_000;
                let i = BUCKETS.iter().position(|(_, hi)| hours < *hi).unwrap_or(BUCKETS.len() - 1);
                distribution[i] += 1;
            }
        }
        out.push(StepResult {
            label: step.label(),
            people: count,
            from_previous: ratio(count, previous),
            from_first: ratio(count, first),
            dropped: previous - count,
            median_ms: if k == 0 || durations.is_empty() { None } else { Some(median(&durations)) },
            distribution,
        });
    }
    out
}

fn median(sorted: &[i64]) -> i64 {
    let m = sorted.len() / 2;
    if sorted.len().is_multiple_of(2) { (sorted[m - 1] + sorted[m]) / 2 } else { sorted[m] }
}

/// Results per breakdown value (people without a value under "(none)"), largest group first.
pub fn by_breakdown(
    f: &Funnel,
    people: &[(Option<String>, Progress)],
) -> Vec<(String, Vec<StepResult>)> {
    let mut groups: BTreeMap<String, Vec<Progress>> = BTreeMap::new();
    for (value, p) in people {
        groups
            .entry(value.clone().unwrap_or_else(|| "(none)".to_owned()))
            .or_default()
            .push(p.clone());
    }
    let mut out: Vec<(String, Vec<StepResult>)> =
        groups.into_iter().map(|(k, ps)| (k, summarise(f, &ps))).collect();
    out.sort_by(|a, b| b.1[0].people.cmp(&a.1[0].people).then_with(|| a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests;
