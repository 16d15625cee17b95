// How the mock back end reads a tracking plan file, close enough to the Rust side to preview the
// screen: Switchboard's own shape ({ name, events: [{ name, description, properties: <JSON Schema> }] })
// or a Segment Protocols export ({ display_name, rules: { events: [{ name, rules: { properties: ... } }] } }).
// It must not grow into a validator: the Rust side decides what a valid plan is.

import type { PlanEvent } from "../bindings/PlanEvent";
import type { PlanProperty } from "../bindings/PlanProperty";
import type { PlanView } from "../bindings/PlanView";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** What lies at a path of object keys, if every step on the way is an object. */
function at(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

function typesOf(schema: unknown): string {
  const type = at(schema, "type");
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.filter((t) => typeof t === "string").join(" | ");
  return "";
}

function propertiesOf(schema: unknown): PlanProperty[] {
  const properties = at(schema, "properties");
  if (!isObject(properties)) return [];
  const requiredList = at(schema, "required");
  const required = Array.isArray(requiredList) ? requiredList : [];
  return Object.entries(properties).map(([name, property]) => ({
    name,
    types: typesOf(property),
    required: required.includes(name),
  }));
}

/** Reads a plan file's text into the view `plan_import` answers with, or throws one sentence saying what is wrong. */
export function readPlan(json: string, importedAt: string): PlanView {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch (error) {
    throw new Error(`The file is not valid JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  const events = at(document, "events") ?? at(document, "rules", "events");
  if (!Array.isArray(events) || events.length === 0) {
    throw new Error("The file lists no events; a tracking plan needs an \"events\" array with at least one event.");
  }
  const planEvents: PlanEvent[] = events.map((event: unknown, index) => {
    const name = at(event, "name");
    if (typeof name !== "string" || name === "") {
      throw new Error(`Event ${String(index + 1)} of the plan has no name.`);
    }
    const description = at(event, "description");
    // Switchboard's shape puts the schema of the properties under "properties"; Segment's under
    // rules.properties.properties (the event schema's "properties" property).
    const schema = at(event, "rules", "properties", "properties") ?? at(event, "properties");
    return {
      name,
      description: typeof description === "string" ? description : null,
      properties: propertiesOf(schema),
      seen: 0,
      violating: 0,
    };
  });
  const name = at(document, "name") ?? at(document, "display_name");
  return {
    plan: { name: typeof name === "string" && name !== "" ? name : "Tracking plan", importedAt, events: planEvents },
    counts: [],
    examples: [],
  };
}
