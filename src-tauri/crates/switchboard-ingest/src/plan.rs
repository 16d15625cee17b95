//! Checking tracked messages against the active tracking plan: the plan's JSON Schemas compiled
//! once (`jsonschema`), each `track` message's properties checked, and every problem named as a
//! violation kind with the property's path. The message is stored either way.

use std::collections::HashMap;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;
use switchboard_core::plan::{PlanCheck, TrackingPlan, Violation, ViolationKind};
use switchboard_core::{Event, MessageType};
use switchboard_store::tracking_plans::StoredPlan;

/// A plan ready to check messages against.
pub struct CompiledPlan {
    pub id: i64,
    events: HashMap<String, PlannedSchema>,
}

struct PlannedSchema {
    validator: jsonschema::Validator,
    /// The top-level properties the schema lists; None when it lists none (anything goes).
    listed: Option<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the schema of `{event}` is not a valid JSON Schema: {reason}")]
pub struct SchemaError {
    pub event: String,
    pub reason: String,
}

impl std::fmt::Debug for CompiledPlan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledPlan").field("id", &self.id).finish_non_exhaustive()
    }
}

/// Compiles every event's schema, so that a plan that cannot check anything is refused at import.
pub fn compile(id: i64, plan: &TrackingPlan) -> Result<CompiledPlan, SchemaError> {
    let mut events = HashMap::new();
    for e in &plan.events {
        let validator = jsonschema::validator_for(&e.properties)
            .map_err(|err| SchemaError { event: e.name.clone(), reason: err.to_string() })?;
        let listed = e
            .properties
            .get("properties")
            .and_then(Value::as_object)
            .map(|props| props.keys().cloned().collect());
        events.insert(e.name.clone(), PlannedSchema { validator, listed });
    }
    Ok(CompiledPlan { id, events })
}

impl CompiledPlan {
    pub fn from_stored(stored: &StoredPlan) -> Result<CompiledPlan, SchemaError> {
        compile(stored.id, &stored.plan)
    }

    /// The check of one message: None for messages plans do not cover (everything but track).
    pub fn check(&self, e: &Event) -> Option<PlanCheck> {
        if e.message_type != MessageType::Track {
            return None;
        }
        let event = e.name.clone().unwrap_or_default();
        let Some(planned) = self.events.get(&event) else {
            let violation = Violation {
                kind: ViolationKind::UnplannedEvent,
                property: None,
                detail: format!("'{event}' is not in the tracking plan"),
            };
            return Some(PlanCheck { plan_id: self.id, event, violations: vec![violation] });
        };
        let properties = e
            .properties_json
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok())
            .unwrap_or_else(|| Value::Object(serde_json::Map::new()));
        let mut violations = Vec::new();
        if let (Some(listed), Value::Object(props)) = (&planned.listed, &properties) {
            for key in props.keys().filter(|k| !listed.contains(k)) {
                violations.push(Violation {
                    kind: ViolationKind::ExtraProperty,
                    property: Some(key.clone()),
                    detail: format!("'{key}' is not in the plan for '{event}'"),
                });
            }
        }
        for error in planned.validator.iter_errors(&properties) {
            let at = pointer_to_path(error.instance_path().as_str());
            let (kind, property, detail) = match error.kind() {
                // Listed above, with each property named.
                ValidationErrorKind::AdditionalProperties { .. } if at.is_empty() => continue,
                ValidationErrorKind::AdditionalProperties { unexpected } => {
                    for key in unexpected {
                        let path = join(&at, key);
                        violations.push(Violation {
                            kind: ViolationKind::ExtraProperty,
                            detail: format!("'{path}' is not in the plan for '{event}'"),
                            property: Some(path),
                        });
                    }
                    continue;
                }
                ValidationErrorKind::Required { property } => {
                    let name =
                        property.as_str().map_or_else(|| property.to_string(), str::to_owned);
                    let path = join(&at, &name);
                    let detail = format!("'{path}' is required by the plan for '{event}'");
                    (ViolationKind::MissingProperty, Some(path), detail)
                }
                ValidationErrorKind::Type { .. } => {
                    let detail = format!("'{at}': {error}");
                    (ViolationKind::WrongType, Some(at), detail)
                }
                _ => {
                    let property = (!at.is_empty()).then(|| at.clone());
                    let detail = match &property {
                        Some(p) => format!("'{p}': {error}"),
                        None => error.to_string(),
                    };
                    (ViolationKind::InvalidValue, property, detail)
                }
            };
            violations.push(Violation { kind, property, detail });
        }
        Some(PlanCheck { plan_id: self.id, event, violations })
    }
}

/// `/items/0/sku` → `items.0.sku` (JSON Pointer escapes undone).
fn pointer_to_path(pointer: &str) -> String {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect::<Vec<_>>()
        .join(".")
}

fn join(at: &str, key: &str) -> String {
    if at.is_empty() { key.to_owned() } else { format!("{at}.{key}") }
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use switchboard_core::segment::{self, Arrival, Envelope};

    use super::*;

    fn plan() -> CompiledPlan {
        let plan = TrackingPlan::from_json(
            &json!({"name": "P", "events": [{"name": "Order Completed", "properties": {
                "type": "object", "required": ["total", "currency"],
                "properties": {
                    "total": {"type": "number"},
                    "currency": {"type": "string", "enum": ["USD", "EUR"]},
                    "items": {"type": "array", "items": {"type": "object", "required": ["sku"],
                              "properties": {"sku": {"type": "string"}},
                              "additionalProperties": false}}}}}]})
            .to_string(),
            "x",
        )
        .unwrap();
        compile(7, &plan).unwrap()
    }

    #[allow(clippy::needless_pass_by_value)]
    fn track(event: &str, properties: Value) -> Event {
        let arrival = Arrival { received_at: 0, peer_ip: None, source_id: None, corrected: true };
        let msg = json!({"type": "track", "userId": "u", "event": event, "properties": properties});
        segment::accept(msg, None, &Envelope::default(), &arrival).unwrap()
    }

    fn kinds(check: &PlanCheck) -> Vec<(ViolationKind, Option<&str>)> {
        let mut v: Vec<_> =
            check.violations.iter().map(|v| (v.kind, v.property.as_deref())).collect();
        v.sort();
        v
    }

    #[test]
    fn a_good_message_has_no_violations() {
        let check = plan()
            .check(&track(
                "Order Completed",
                json!({"total": 9.5, "currency": "USD",
            "items": [{"sku": "a"}]}),
            ))
            .unwrap();
        assert_eq!((check.plan_id, check.event.as_str()), (7, "Order Completed"));
        assert!(check.violations.is_empty(), "{:?}", check.violations);
    }

    #[test]
    fn each_kind_of_violation_is_named_with_its_property() {
        let p = plan();
        let unplanned = p.check(&track("Order Refunded", json!({}))).unwrap();
        assert_eq!(kinds(&unplanned), [(ViolationKind::UnplannedEvent, None)]);

        let bad = p
            .check(&track(
                "Order Completed",
                json!({"total": "12", "currency": "GBP", "coupon": "X",
                       "items": [{"sku": 3, "color": "red"}, {}]}),
            ))
            .unwrap();
        assert_eq!(
            kinds(&bad),
            [
                (ViolationKind::MissingProperty, Some("items.1.sku")),
                (ViolationKind::WrongType, Some("items.0.sku")),
                (ViolationKind::WrongType, Some("total")),
                (ViolationKind::ExtraProperty, Some("coupon")),
                (ViolationKind::ExtraProperty, Some("items.0.color")),
                (ViolationKind::InvalidValue, Some("currency")),
            ]
        );
        let missing = p.check(&track("Order Completed", json!({"currency": "EUR"}))).unwrap();
        assert_eq!(kinds(&missing), [(ViolationKind::MissingProperty, Some("total"))]);
        assert!(missing.violations[0].detail.contains("required"));
    }

    #[test]
    fn only_track_messages_are_checked() {
        let arrival = Arrival { received_at: 0, peer_ip: None, source_id: None, corrected: true };
        let page = segment::accept(
            json!({"type": "page", "userId": "u"}),
            None,
            &Envelope::default(),
            &arrival,
        )
        .unwrap();
        assert!(plan().check(&page).is_none());
    }

    #[test]
    fn a_broken_schema_is_refused_at_compile() {
        let plan = TrackingPlan::from_json(
            r#"{"events": [{"name": "A", "properties": {"type": "no-such-type"}}]}"#,
            "x",
        )
        .unwrap();
        let err = compile(1, &plan).unwrap_err();
        assert_eq!(err.event, "A");
    }
}
