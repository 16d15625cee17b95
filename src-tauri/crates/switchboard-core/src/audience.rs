//! Audience segments: the versioned JSON tree a growth manager builds, and its validation.
//!
//! (The module is `audience` because `segment` is Segment's message format.) A definition targets
//! people or companies and has one root rule. Rules are groups (`all`, `any`, `none`) or leaves.
//! Validation reports every problem at once, each with the JSON pointer of the rule it is about,
//! so the builder can put the message beside the rule. Compiling to SQL is the store's job.

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Day, FitSegment, Timestamp};

/// The schema version this build writes and reads.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Switchboard segment",
    description = "An audience segment of people or companies."
)]
pub struct Definition {
    /// The definition format's version: 1.
    pub version: u32,
    /// Unique in the workspace; how the CLI and other segments refer to it.
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub target: Target,
    pub rule: Rule,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Target {
    People,
    Companies,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::People => "people",
            Target::Companies => "companies",
        }
    }

    pub fn parse(s: &str) -> Option<Target> {
        match s {
            "people" => Some(Target::People),
            "companies" => Some(Target::Companies),
            _ => None,
        }
    }
}

/// A group or a leaf. Written as an object with one key, the rule's kind: `{"all": [...]}`,
/// `{"performed": {"event": "Signed Up"}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// Every rule inside matches (an empty `all` keeps everyone).
    All(Vec<Rule>),
    /// At least one rule inside matches.
    Any(Vec<Rule>),
    /// No rule inside matches.
    None(Vec<Rule>),
    /// A person's field or trait (people segments, or inside `people`).
    PersonTrait(TraitCondition),
    /// A company's field: the company itself, or a person's company.
    CompanyTrait(TraitCondition),
    /// A score from a scoring model (MadKudu's by default).
    Score(ScoreCondition),
    /// Performed an event, a number of times, in a window, with property filters.
    Performed(Performed),
    /// Did not perform an event in a window.
    NotPerformed(EventInWindow),
    /// Performed an event for the first time ever in a window.
    FirstTime(EventInWindow),
    /// Performed one event and then another within a number of days.
    Sequence(Sequence),
    /// Email engagement with a campaign.
    Email(EmailCondition),
    /// A member of another segment of the same target (evaluated live).
    InSegment(InSegment),
    /// Reached (or dropped out at) a step of a saved funnel, as the funnel counts now.
    InFunnel(InFunnel),
    /// Companies segments: any, all or none of the company's people match a people rule.
    People(PeopleCondition),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct TraitCondition {
    /// A field (`email`, `employees`, `technologies`, ...) or a trait key; `a.b` reads a nested
    /// trait.
    pub key: String,
    pub op: TraitOp,
    /// A string, number or boolean; an array for `one_of`; absent for `exists` and `not_exists`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TraitOp {
    Equals,
    NotEquals,
    /// Case-insensitive substring of a text, or an element of a list (`technologies`).
    Contains,
    NotContains,
    StartsWith,
    OneOf,
    GreaterThan,
    AtLeast,
    LessThan,
    AtMost,
    Exists,
    NotExists,
}

impl TraitOp {
    pub fn needs_value(self) -> bool {
        !matches!(self, TraitOp::Exists | TraitOp::NotExists)
    }

    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            TraitOp::GreaterThan | TraitOp::AtLeast | TraitOp::LessThan | TraitOp::AtMost
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            TraitOp::Equals => "is",
            TraitOp::NotEquals => "is not",
            TraitOp::Contains => "contains",
            TraitOp::NotContains => "does not contain",
            TraitOp::StartsWith => "starts with",
            TraitOp::OneOf => "is one of",
            TraitOp::GreaterThan => ">",
            TraitOp::AtLeast => "≥",
            TraitOp::LessThan => "<",
            TraitOp::AtMost => "≤",
            TraitOp::Exists => "is set",
            TraitOp::NotExists => "is not set",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ScoreCondition {
    /// The scoring model; the workspace's default (`madkudu`) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Whose score: the target's own by default; `company` in a people segment reads the
    /// person's company's score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<ScoreOf>,
    /// Fit segments to keep (`very good`, `good`, `medium`, `low`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fit_segment: Vec<String>,
    /// Lowest score kept (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Highest score kept (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ScoreOf {
    Person,
    Company,
}

/// Segment's message types that name an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    #[default]
    Track,
    Page,
    Screen,
}

impl EventType {
    pub fn as_str(self) -> &'static str {
        match self {
            EventType::Track => "track",
            EventType::Page => "page",
            EventType::Screen => "screen",
        }
    }
}

fn is_track(t: &EventType) -> bool {
    *t == EventType::Track
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Performed {
    /// The event name (a track's `event`, a page's or screen's `name`).
    pub event: String,
    #[serde(default, rename = "type", skip_serializing_if = "is_track")]
    pub event_type: EventType,
    /// How many times; at least once when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<Count>,
    /// When; ever when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    /// Conditions on the event's properties; all must hold.
    #[serde(default, rename = "where", skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<TraitCondition>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct EventInWindow {
    pub event: String,
    #[serde(default, rename = "type", skip_serializing_if = "is_track")]
    pub event_type: EventType,
    pub window: Window,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct EventRef {
    pub event: String,
    #[serde(default, rename = "type", skip_serializing_if = "is_track")]
    pub event_type: EventType,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Sequence {
    pub first: EventRef,
    pub then: EventRef,
    /// The second event at most this many days after the first.
    pub within_days: u32,
    /// When the first event happened; ever when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Count {
    pub op: CountOp,
    pub n: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CountOp {
    AtLeast,
    AtMost,
    Exactly,
}

/// UTC calendar days. `last_days: N` is today and the N - 1 days before it; `between` includes
/// both of its days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Window {
    LastDays(u32),
    Between { from: String, to: String },
}

impl Window {
    /// The first and last day, given today; `None` when a date does not parse.
    pub fn days(&self, today: Day) -> Option<(Day, Day)> {
        match self {
            Window::LastDays(n) => Some((today.plus(1 - i64::from(*n)), today)),
            Window::Between { from, to } => Some((Day::parse(from)?, Day::parse(to)?)),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Window::LastDays(1) => "today".to_owned(),
            Window::LastDays(n) => format!("in the last {n} days"),
            Window::Between { from, to } => format!("between {from} and {to}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct EmailCondition {
    pub action: EmailAction,
    /// The campaign; any campaign when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<String>,
    /// When the email was received; ever when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<Window>,
    /// For `not_opened`: the days after receiving it in which it was not opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub within_days: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EmailAction {
    /// Delivered to them.
    Received,
    Opened,
    Clicked,
    Replied,
    Bounced,
    /// Received it and did not open it within `within_days` (the days must have passed).
    NotOpened,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct InSegment {
    pub segment: String,
}

/// People who reached a step of a saved funnel (step and every one before it, as the funnel
/// counts: its window, order and exclusions), or who dropped out there: reached the step before
/// it and no further.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct InFunnel {
    /// A saved funnel's name.
    pub funnel: String,
    /// 1 for the first step.
    pub step: u32,
    pub outcome: FunnelOutcome,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FunnelOutcome {
    Reached,
    Dropped,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PeopleCondition {
    #[serde(rename = "match")]
    pub quantifier: Quantifier,
    pub rule: Box<Rule>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Quantifier {
    /// At least one of its people matches.
    Any,
    /// It has people and every one of them matches.
    All,
    /// None of its people matches (companies without people included).
    None,
}

/// Fields stored as columns; any other person key is a trait.
pub const PERSON_FIELDS: &[&str] = &["email", "first_name", "last_name", "title", "user_id"];
/// A company's fields; companies have no free-form traits.
pub const COMPANY_FIELDS: &[&str] =
    &["name", "domain", "employees", "industry", "country", "city", "technologies"];
/// Company fields holding numbers.
pub const COMPANY_NUMBERS: &[&str] = &["employees"];

/// One problem with a definition, at a JSON pointer into it (`/rule/all/1/performed/count`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl Definition {
    /// Parses a definition, with serde's message (which names the line and column) on failure.
    pub fn from_json(text: &str) -> Result<Definition, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("definitions serialise")
    }

    /// Every problem, in document order. Empty when the definition can be compiled.
    pub fn validate(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut push = |path: &str, message: String| {
            problems.push(Problem { path: path.to_owned(), message });
        };
        if self.version != VERSION {
            push(
                "/version",
                format!("version {} is not known; this build reads {VERSION}", self.version),
            );
        }
        if self.name.trim().is_empty() {
            push("/name", "give the segment a name".to_owned());
        } else if self.name.len() > 120 {
            push("/name", "keep the name under 120 characters".to_owned());
        }
        check_rule(&self.rule, self.target, "/rule", &mut problems);
        problems
    }

    /// The saved funnels this one reads through `in_funnel`, by name.
    pub fn funnels(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        self.rule.visit(&mut |rule| {
            if let Rule::InFunnel(f) = rule {
                out.insert(f.funnel.clone());
            }
        });
        out
    }

    /// The segments this one reads through `in_segment`, by name.
    pub fn references(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        self.rule.visit(&mut |rule| {
            if let Rule::InSegment(InSegment { segment }) = rule {
                out.insert(segment.clone());
            }
        });
        out
    }

    /// An empty segment of `target`, the builder's starting point.
    pub fn empty(name: &str, target: Target) -> Definition {
        Definition {
            version: VERSION,
            name: name.to_owned(),
            description: String::new(),
            target,
            rule: Rule::All(Vec::new()),
        }
    }
}

impl Rule {
    /// Calls `f` on this rule and every rule inside it, parents first.
    pub fn visit(&self, f: &mut dyn FnMut(&Rule)) {
        f(self);
        match self {
            Rule::All(rules) | Rule::Any(rules) | Rule::None(rules) => {
                rules.iter().for_each(|r| r.visit(f));
            }
            Rule::People(p) => p.rule.visit(f),
            _ => {}
        }
    }

    /// The rule's key in JSON (`all`, `performed`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Rule::All(_) => "all",
            Rule::Any(_) => "any",
            Rule::None(_) => "none",
            Rule::PersonTrait(_) => "person_trait",
            Rule::CompanyTrait(_) => "company_trait",
            Rule::Score(_) => "score",
            Rule::Performed(_) => "performed",
            Rule::NotPerformed(_) => "not_performed",
            Rule::FirstTime(_) => "first_time",
            Rule::Sequence(_) => "sequence",
            Rule::Email(_) => "email",
            Rule::InSegment(_) => "in_segment",
            Rule::InFunnel(_) => "in_funnel",
            Rule::People(_) => "people",
        }
    }

    /// One line a person can read: "performed Pricing (page) at least 3 times in the last 14 days".
    pub fn describe(&self) -> String {
        match self {
            Rule::All(_) => "all of these".to_owned(),
            Rule::Any(_) => "any of these".to_owned(),
            Rule::None(_) => "none of these".to_owned(),
            Rule::PersonTrait(c) => format!("person's {}", describe_condition(c)),
            Rule::CompanyTrait(c) => format!("company's {}", describe_condition(c)),
            Rule::Score(s) => {
                let mut parts = Vec::new();
                if !s.fit_segment.is_empty() {
                    parts.push(format!("fit {}", s.fit_segment.join(" or ")));
                }
                match (s.min, s.max) {
                    (Some(lo), Some(hi)) => parts.push(format!("score {lo}–{hi}")),
                    (Some(lo), None) => parts.push(format!("score ≥ {lo}")),
                    (None, Some(hi)) => parts.push(format!("score ≤ {hi}")),
                    (None, None) => {}
                }
                let of = match s.of {
                    Some(ScoreOf::Company) => "company's ",
                    _ => "",
                };
                format!("{of}{}", parts.join(", "))
            }
            Rule::Performed(p) => {
                let count = match p.count {
                    None => String::new(),
                    Some(Count { op, n }) => {
                        let op = match op {
                            CountOp::AtLeast => "at least",
                            CountOp::AtMost => "at most",
                            CountOp::Exactly => "exactly",
                        };
                        format!(" {op} {n} time{}", if n == 1 { "" } else { "s" })
                    }
                };
                let window =
                    p.window.as_ref().map(|w| format!(" {}", w.describe())).unwrap_or_default();
                let filters = if p.filters.is_empty() {
                    String::new()
                } else {
                    let each: Vec<String> = p.filters.iter().map(describe_condition).collect();
                    format!(" where {}", each.join(" and "))
                };
                format!("performed {}{filters}{count}{window}", event_label(&p.event, p.event_type))
            }
            Rule::NotPerformed(e) => {
                format!(
                    "did not perform {} {}",
                    event_label(&e.event, e.event_type),
                    e.window.describe()
                )
            }
            Rule::FirstTime(e) => format!(
                "performed {} for the first time {}",
                event_label(&e.event, e.event_type),
                e.window.describe()
            ),
            Rule::Sequence(s) => format!(
                "performed {} then {} within {} days{}",
                event_label(&s.first.event, s.first.event_type),
                event_label(&s.then.event, s.then.event_type),
                s.within_days,
                s.window.as_ref().map(|w| format!(", first {}", w.describe())).unwrap_or_default()
            ),
            Rule::Email(e) => {
                let campaign = e
                    .campaign
                    .as_deref()
                    .map(|c| format!("“{c}”"))
                    .unwrap_or("any campaign".to_owned());
                let window =
                    e.window.as_ref().map(|w| format!(" {}", w.describe())).unwrap_or_default();
                match e.action {
                    EmailAction::NotOpened => format!(
                        "received {campaign}{window} and did not open it within {} days",
                        e.within_days.unwrap_or(0)
                    ),
                    action => {
                        let verb = match action {
                            EmailAction::Received => "received",
                            EmailAction::Opened => "opened",
                            EmailAction::Clicked => "clicked",
                            EmailAction::Replied => "replied to",
                            _ => "bounced from",
                        };
                        format!("{verb} {campaign}{window}")
                    }
                }
            }
            Rule::InSegment(s) => format!("in segment “{}”", s.segment),
            Rule::InFunnel(f) => match f.outcome {
                FunnelOutcome::Reached => {
                    format!("reached step {} of funnel “{}”", f.step, f.funnel)
                }
                FunnelOutcome::Dropped => {
                    format!("dropped out at step {} of funnel “{}”", f.step, f.funnel)
                }
            },
            Rule::People(p) => match p.quantifier {
                Quantifier::Any => "any of its people".to_owned(),
                Quantifier::All => "all of its people".to_owned(),
                Quantifier::None => "none of its people".to_owned(),
            },
        }
    }
}

fn event_label(event: &str, t: EventType) -> String {
    match t {
        EventType::Track => format!("“{event}”"),
        other => format!("“{event}” ({})", other.as_str()),
    }
}

fn describe_condition(c: &TraitCondition) -> String {
    let value = match &c.value {
        None => String::new(),
        Some(Value::String(s)) => format!(" “{s}”"),
        Some(Value::Array(items)) => {
            let each: Vec<String> = items
                .iter()
                .map(|v| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()))
                .collect();
            format!(" {}", each.join(", "))
        }
        Some(other) => format!(" {other}"),
    };
    format!("{} {}{value}", c.key, c.op.label())
}

fn check_rule(rule: &Rule, target: Target, path: &str, out: &mut Vec<Problem>) {
    let mut push = |at: String, message: String| out.push(Problem { path: at, message });
    let here = format!("{path}/{}", rule.kind());
    match rule {
        Rule::All(rules) | Rule::Any(rules) | Rule::None(rules) => {
            if rules.is_empty() && !matches!(rule, Rule::All(_)) {
                push(here.clone(), format!("add at least one rule to `{}`", rule.kind()));
            }
            for (i, r) in rules.iter().enumerate() {
                check_rule(r, target, &format!("{here}/{i}"), out);
            }
        }
        Rule::People(p) => {
            if target == Target::People {
                push(
                    here.clone(),
                    "`people` is for companies segments; use the rules inside it directly"
                        .to_owned(),
                );
            }
            check_rule(&p.rule, Target::People, &format!("{here}/rule"), out);
        }
        Rule::PersonTrait(c) => {
            if target == Target::Companies {
                push(
                    here.clone(),
                    "a companies segment reads people through a `people` rule".to_owned(),
                );
            }
            check_condition(c, &here, None, &mut push);
        }
        Rule::CompanyTrait(c) => {
            if !COMPANY_FIELDS.contains(&c.key.as_str()) {
                push(
                    format!("{here}/key"),
                    format!(
                        "`{}` is not a company field; use one of {}",
                        c.key,
                        COMPANY_FIELDS.join(", ")
                    ),
                );
            } else {
                check_condition(c, &here, Some(c.key.as_str()), &mut push);
            }
        }
        Rule::Score(s) => {
            for (i, f) in s.fit_segment.iter().enumerate() {
                if f.parse::<FitSegment>().is_err() {
                    push(
                        format!("{here}/fit_segment/{i}"),
                        format!("`{f}` is not a fit segment; use very good, good, medium or low"),
                    );
                }
            }
            if s.fit_segment.is_empty() && s.min.is_none() && s.max.is_none() {
                push(
                    here.clone(),
                    "say which scores to keep: a fit segment, a minimum or a maximum".to_owned(),
                );
            }
            if let (Some(lo), Some(hi)) = (s.min, s.max)
                && lo > hi
            {
                push(format!("{here}/min"), format!("the minimum {lo} is above the maximum {hi}"));
            }
            if target == Target::Companies && s.of == Some(ScoreOf::Person) {
                push(
                    format!("{here}/of"),
                    "a companies segment reads people's scores through a `people` rule".to_owned(),
                );
            }
        }
        Rule::Performed(p) => {
            behavioural(target, &here, &mut push);
            check_event(&p.event, &here, &mut push);
            if let Some(w) = &p.window {
                check_window(w, &format!("{here}/window"), &mut push);
            }
            for (i, f) in p.filters.iter().enumerate() {
                check_condition(f, &format!("{here}/where/{i}"), None, &mut push);
            }
        }
        Rule::NotPerformed(e) | Rule::FirstTime(e) => {
            behavioural(target, &here, &mut push);
            check_event(&e.event, &here, &mut push);
            check_window(&e.window, &format!("{here}/window"), &mut push);
        }
        Rule::Sequence(s) => {
            behavioural(target, &here, &mut push);
            check_event(&s.first.event, &format!("{here}/first"), &mut push);
            check_event(&s.then.event, &format!("{here}/then"), &mut push);
            if s.within_days == 0 {
                push(
                    format!("{here}/within_days"),
                    "give at least 1 day for the second event".to_owned(),
                );
            }
            if let Some(w) = &s.window {
                check_window(w, &format!("{here}/window"), &mut push);
            }
        }
        Rule::Email(e) => {
            behavioural(target, &here, &mut push);
            if let Some(w) = &e.window {
                check_window(w, &format!("{here}/window"), &mut push);
            }
            match (e.action, e.within_days) {
                (EmailAction::NotOpened, None | Some(0)) => push(
                    format!("{here}/within_days"),
                    "say within how many days of receiving it the email was not opened".to_owned(),
                ),
                (EmailAction::NotOpened, _) | (_, None) => {}
                (_, Some(_)) => push(
                    format!("{here}/within_days"),
                    "`within_days` only applies to `not_opened`".to_owned(),
                ),
            }
            if e.campaign.as_deref().is_some_and(|c| c.trim().is_empty()) {
                push(
                    format!("{here}/campaign"),
                    "name the campaign, or leave it out for any".to_owned(),
                );
            }
        }
        Rule::InSegment(s) => {
            if s.segment.trim().is_empty() {
                push(format!("{here}/segment"), "name the segment".to_owned());
            }
        }
        Rule::InFunnel(f) => {
            behavioural(target, &here, &mut push);
            if f.funnel.trim().is_empty() {
                push(format!("{here}/funnel"), "name a saved funnel".to_owned());
            }
            match (f.step, f.outcome) {
                (0, _) => push(format!("{here}/step"), "steps count from 1".to_owned()),
                (1, FunnelOutcome::Dropped) => push(
                    format!("{here}/step"),
                    "nobody drops out at step 1: those who did not do it never entered; choose step 2 or later".to_owned(),
                ),
                (n, _) if n as usize > crate::funnel::MAX_STEPS => {
                    push(format!("{here}/step"), format!("a funnel has at most {} steps", crate::funnel::MAX_STEPS))
                }
                _ => {}
            }
        }
    }
}

fn behavioural(target: Target, here: &str, push: &mut dyn FnMut(String, String)) {
    if target == Target::Companies {
        push(
            here.to_owned(),
            "a companies segment reads behaviour through a `people` rule".to_owned(),
        );
    }
}

fn check_event(event: &str, here: &str, push: &mut dyn FnMut(String, String)) {
    if event.trim().is_empty() {
        push(format!("{here}/event"), "name the event".to_owned());
    }
}

fn check_window(w: &Window, here: &str, push: &mut dyn FnMut(String, String)) {
    match w {
        Window::LastDays(0) => {
            push(format!("{here}/last_days"), "a window is at least 1 day".to_owned())
        }
        Window::LastDays(n) if *n > 36_500 => {
            push(format!("{here}/last_days"), "a window is at most 36,500 days".to_owned());
        }
        Window::LastDays(_) => {}
        Window::Between { from, to } => {
            let parsed = [("from", from), ("to", to)].map(|(k, v)| {
                let day = Day::parse(v);
                if day.is_none() {
                    push(
                        format!("{here}/between/{k}"),
                        format!("`{v}` is not a date; write it as YYYY-MM-DD"),
                    );
                }
                day
            });
            if let [Some(a), Some(b)] = parsed
                && a > b
            {
                push(format!("{here}/between"), format!("{from} is after {to}"));
            }
        }
    }
}

/// `company_field` is the field's name when the condition is on a company column.
fn check_condition(
    c: &TraitCondition,
    here: &str,
    company_field: Option<&str>,
    push: &mut dyn FnMut(String, String),
) {
    if c.key.trim().is_empty() || c.key.split('.').any(str::is_empty) {
        push(format!("{here}/key"), "name the field or trait".to_owned());
    }
    let at = format!("{here}/value");
    match (&c.value, c.op.needs_value()) {
        (None, true) => push(at, format!("`{}` needs a value", c.op.label())),
        (Some(_), false) => push(at, format!("`{}` takes no value", c.op.label())),
        (None, false) => {}
        (Some(v), true) => {
            if c.op == TraitOp::OneOf {
                match v.as_array() {
                    Some(items) if !items.is_empty() && items.iter().all(is_scalar) => {}
                    _ => push(at, "`is one of` needs a non-empty list of values".to_owned()),
                }
            } else if !is_scalar(v) {
                push(at, "give a string, number or true/false".to_owned());
            } else if c.op.is_numeric() && !v.is_number() {
                push(at, format!("`{}` compares numbers; give a number", c.op.label()));
            } else if matches!(c.op, TraitOp::Contains | TraitOp::NotContains | TraitOp::StartsWith)
                && !v.is_string()
            {
                push(at, format!("`{}` needs text", c.op.label()));
            }
        }
    }
    if let Some(field) = company_field {
        let numeric = COMPANY_NUMBERS.contains(&field);
        if c.op.is_numeric() && !numeric {
            push(format!("{here}/op"), format!("`{field}` is not a number"));
        }
        if field == "technologies"
            && !matches!(
                c.op,
                TraitOp::Contains | TraitOp::NotContains | TraitOp::Exists | TraitOp::NotExists
            )
        {
            push(
                format!("{here}/op"),
                "`technologies` is a list: use contains or does not contain".to_owned(),
            );
        }
    }
}

fn is_scalar(v: &Value) -> bool {
    v.is_string() || v.is_number() || v.is_boolean()
}

/// The JSON Schema of a definition, as `segment schema` prints it.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Definition);
    serde_json::to_string_pretty(&schema).expect("the schema serialises")
}

/// Names compare without ASCII case, as the store does. The first segment in `start`'s chain of references that leads back to it, if any: the
/// `lookup` gives a saved segment's references by name.
pub fn find_cycle(
    start: &str,
    references: &BTreeSet<String>,
    lookup: &dyn Fn(&str) -> Option<BTreeSet<String>>,
) -> Option<Vec<String>> {
    fn walk(
        name: &str,
        start: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
        lookup: &dyn Fn(&str) -> Option<BTreeSet<String>>,
    ) -> bool {
        if name.eq_ignore_ascii_case(start) {
            return true;
        }
        if !seen.insert(name.to_ascii_lowercase()) {
            return false;
        }
        path.push(name.to_owned());
        for next in lookup(name).unwrap_or_default() {
            if walk(&next, start, path, seen, lookup) {
                return true;
            }
        }
        path.pop();
        false
    }
    let mut seen = BTreeSet::new();
    for first in references {
        let mut path = vec![start.to_owned()];
        if walk(first, start, &mut path, &mut seen, lookup) {
            path.push(start.to_owned());
            return Some(path);
        }
    }
    None
}

/// Milliseconds in `days` days.
pub fn days_ms(days: u32) -> Timestamp {
    i64::from(days) * 86_400_000
}

#[cfg(test)]
mod tests;
