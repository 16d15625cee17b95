//! Tracking plans: the events a workspace expects, each with a JSON Schema for its properties, and
//! the kinds of violation a message can have against one. Reading a plan file is here; compiling
//! the schemas and checking messages is `switchboard-ingest`'s (it owns the validator).
//!
//! Three file shapes are read: Switchboard's own (`{"name", "events": [{"name", "description",
//! "properties": <schema>}]}`), Segment's Config API export (`{"display_name", "rules": {"events":
//! [{"name", "description", "rules": <schema of the whole message>}]}}`) and Segment's Public API
//! rules (`{"rules": [{"type": "TRACK", "key", "jsonSchema": <schema of the whole message>}]}`).

use serde_json::{Map, Value};

crate::text_enum!(
    /// What a tracked message did against the plan.
    ViolationKind, "violation kind", {
        UnplannedEvent => "unplanned_event",
        MissingProperty => "missing_property",
        WrongType => "wrong_type",
        ExtraProperty => "extra_property",
        InvalidValue => "invalid_value",
    }
);

/// One thing a message did wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub kind: ViolationKind,
    /// The property concerned, as a dotted path (`items.0.sku`), when there is one.
    pub property: Option<String>,
    pub detail: String,
}

/// A message's violations, as stored beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanCheck {
    pub plan_id: i64,
    pub event: String,
    pub violations: Vec<Violation>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TrackingPlan {
    pub name: String,
    pub events: Vec<PlannedEvent>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedEvent {
    pub name: String,
    pub description: Option<String>,
    /// JSON Schema for the message's `properties` object.
    pub properties: Value,
}

/// A property a planned event lists, for display.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedProperty {
    pub name: String,
    pub types: String,
    pub required: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("the plan is not valid JSON ({0}); export it again or fix the file")]
    Json(String),
    #[error(
        "the plan lists no events: expected `events` (Switchboard), `rules.events` (Segment Config \
         API) or `rules` with TRACK entries (Segment Public API)"
    )]
    NoEvents,
    #[error("event {} in the plan has no name (counting from 1)", index + 1)]
    Unnamed { index: usize },
    #[error("the plan lists `{0}` twice; keep one")]
    Duplicate(String),
    #[error("the schema of `{event}` is not an object; it must be a JSON Schema")]
    NotASchema { event: String },
}

impl TrackingPlan {
    /// Reads a plan file in any of the three shapes.
    pub fn from_json(text: &str, fallback_name: &str) -> Result<TrackingPlan, PlanError> {
        let root: Value = serde_json::from_str(text).map_err(|e| PlanError::Json(e.to_string()))?;
        let Value::Object(root) = root else { return Err(PlanError::NoEvents) };
        let name = ["display_name", "name"]
            .iter()
            .find_map(|k| root.get(*k).and_then(Value::as_str))
            .filter(|n| !n.trim().is_empty())
            .unwrap_or(fallback_name)
            .to_owned();

        let mut events = Vec::new();
        if let Some(Value::Array(list)) = root.get("events") {
            for (index, e) in list.iter().enumerate() {
                let schema = e.get("properties").cloned().unwrap_or_else(any_object);
                events.push(planned(e, "name", index, schema)?);
            }
        } else if let Some(Value::Array(list)) = root.get("rules").and_then(|r| r.get("events")) {
            for (index, e) in list.iter().enumerate() {
                let schema = message_properties(e.get("rules"));
                events.push(planned(e, "name", index, schema)?);
            }
        } else if let Some(Value::Array(list)) = root.get("rules") {
            let tracks = list.iter().filter(|r| {
                r.get("type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.eq_ignore_ascii_case("track"))
            });
            for (index, e) in tracks.enumerate() {
                let schema = message_properties(e.get("jsonSchema"));
                events.push(planned(e, "key", index, schema)?);
            }
        }
        if events.is_empty() {
            return Err(PlanError::NoEvents);
        }
        let mut names: Vec<&str> = events.iter().map(|e| e.name.as_str()).collect();
        names.sort_unstable();
        if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
            return Err(PlanError::Duplicate(w[0].to_owned()));
        }
        Ok(TrackingPlan { name, events })
    }

    /// The plan as stored: Switchboard's own shape.
    pub fn to_json(&self) -> Value {
        let events: Vec<Value> = self
            .events
            .iter()
            .map(|e| {
                let mut o = Map::new();
                o.insert("name".into(), e.name.clone().into());
                if let Some(d) = &e.description {
                    o.insert("description".into(), d.clone().into());
                }
                o.insert("properties".into(), e.properties.clone());
                Value::Object(o)
            })
            .collect();
        serde_json::json!({ "name": self.name, "events": events })
    }

    pub fn event(&self, name: &str) -> Option<&PlannedEvent> {
        self.events.iter().find(|e| e.name == name)
    }
}

impl PlannedEvent {
    /// The top-level properties the schema lists, in its order, with their types.
    pub fn listed_properties(&self) -> Vec<PlannedProperty> {
        let required: Vec<&str> = self
            .properties
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let Some(props) = self.properties.get("properties").and_then(Value::as_object) else {
            return Vec::new();
        };
        props
            .iter()
            .map(|(name, schema)| PlannedProperty {
                name: name.clone(),
                types: match schema.get("type") {
                    Some(Value::String(t)) => t.clone(),
                    Some(Value::Array(ts)) => {
                        ts.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(" | ")
                    }
                    _ => String::new(),
                },
                required: required.contains(&name.as_str()),
            })
            .collect()
    }
}

fn any_object() -> Value {
    serde_json::json!({ "type": "object" })
}

/// The `properties` part of a schema written for the whole message, or the schema itself when it
/// is already about properties.
fn message_properties(schema: Option<&Value>) -> Value {
    match schema {
        Some(s) => s.pointer("/properties/properties").cloned().unwrap_or_else(|| s.clone()),
        None => any_object(),
    }
}

fn planned(e: &Value, key: &str, index: usize, schema: Value) -> Result<PlannedEvent, PlanError> {
    let name = e
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or(PlanError::Unnamed { index })?
        .to_owned();
    if !schema.is_object() {
        return Err(PlanError::NotASchema { event: name });
    }
    let description = e.get("description").and_then(Value::as_str).map(str::to_owned);
    Ok(PlannedEvent { name, description, properties: schema })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_switchboards_own_shape() {
        let plan = TrackingPlan::from_json(
            r#"{"name": "Web", "events": [{"name": "Signed Up", "description": "d",
                "properties": {"type": "object", "required": ["plan"],
                               "properties": {"plan": {"type": "string"},
                                              "seats": {"type": ["integer", "null"]}}}}]}"#,
            "x",
        )
        .unwrap();
        assert_eq!(plan.name, "Web");
        let props = plan.event("Signed Up").unwrap().listed_properties();
        assert_eq!(
            props[0],
            PlannedProperty { name: "plan".into(), types: "string".into(), required: true }
        );
        assert_eq!(props[1].types, "integer | null");
        assert!(!props[1].required);
        let again = TrackingPlan::from_json(&plan.to_json().to_string(), "x").unwrap();
        assert_eq!(again, plan);
    }

    #[test]
    fn reads_segments_config_api_export() {
        let plan = TrackingPlan::from_json(
            r#"{"name": "workspaces/w/tracking-plans/rs_1", "display_name": "Prod",
                "rules": {"events": [{"name": "Order Completed", "version": 1,
                  "rules": {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
                    "properties": {"properties": {"type": "object", "required": ["total"],
                      "properties": {"total": {"type": "number"}}}}}}]}}"#,
            "x",
        )
        .unwrap();
        assert_eq!(plan.name, "Prod");
        let e = plan.event("Order Completed").unwrap();
        assert_eq!(e.properties["required"][0], "total");
    }

    #[test]
    fn reads_segments_public_api_rules() {
        let plan = TrackingPlan::from_json(
            r#"{"rules": [{"type": "IDENTIFY", "jsonSchema": {}},
                          {"type": "TRACK", "key": "Viewed", "jsonSchema": {"type": "object",
                            "properties": {"properties": {"type": "object"}}}}]}"#,
            "fallback",
        )
        .unwrap();
        assert_eq!(plan.name, "fallback");
        assert_eq!(plan.events.len(), 1);
        assert_eq!(plan.events[0].name, "Viewed");
    }

    #[test]
    fn bad_plans_say_what_is_wrong() {
        assert!(matches!(TrackingPlan::from_json("{", "x"), Err(PlanError::Json(_))));
        assert_eq!(TrackingPlan::from_json("{}", "x"), Err(PlanError::NoEvents));
        assert_eq!(
            TrackingPlan::from_json(r#"{"events": [{"name": "A"}, {"name": "A"}]}"#, "x"),
            Err(PlanError::Duplicate("A".into()))
        );
        assert_eq!(
            TrackingPlan::from_json(r#"{"events": [{"description": "no name"}]}"#, "x"),
            Err(PlanError::Unnamed { index: 0 })
        );
        assert_eq!(
            TrackingPlan::from_json(r#"{"events": [{"name": "A", "properties": 3}]}"#, "x"),
            Err(PlanError::NotASchema { event: "A".into() })
        );
    }
}
