// How the mock back end reads a tracking plan file, close enough to the Rust side
// (switchboard-core's `TrackingPlan::from_json`) to preview the screen. The same three shapes:
// Switchboard's own ({ name, events: [{ name, description, properties: <schema> }] }), Segment's
// Config API export ({ display_name, rules: { events: [{ name, description, rules: <message schema> }] } })
// and Segment's Public API rules ({ rules: [{ type: "TRACK", key, jsonSchema: <message schema> }] }).
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

/** A schema written for the whole message is narrowed to its `properties` part. */
function messageProperties(schema: unknown): unknown {
  return at(schema, "properties", "properties") ?? schema ?? {};
}

/** Reads a plan file's text into the view `plan_import` answers with, or throws one sentence saying what is wrong. */
export function readPlan(json: string, importedAt: string): PlanView {
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The plan is not valid JSON (${reason}); export it again or fix the file.`);
  }
  // Each shape: where its events are, the key naming each one, and where its properties' schema is.
  const shapes: [unknown, string, (event: unknown) => unknown][] = [
    [at(root, "events"), "name", (e) => at(e, "properties") ?? {}],
    [at(root, "rules", "events"), "name", (e) => messageProperties(at(e, "rules"))],
    [
      Array.isArray(at(root, "rules"))
        ? (at(root, "rules") as unknown[]).filter((r) => String(at(r, "type")).toLowerCase() === "track")
        : undefined,
      "key",
      (e) => messageProperties(at(e, "jsonSchema")),
    ],
  ];
  const [list, nameKey, schemaOf] = shapes.find(([events]) => Array.isArray(events)) ?? [[], "name", () => ({})];
  const events = list as unknown[];
  if (events.length === 0) {
    throw new Error("The plan lists no events: expected `events`, `rules.events` or `rules` with TRACK entries.");
  }
  const planEvents: PlanEvent[] = events.map((event, index) => {
    const name = at(event, nameKey);
    if (typeof name !== "string" || name.trim() === "") {
      throw new Error(`Event ${String(index + 1)} in the plan has no name.`);
    }
    const description = at(event, "description");
    return {
      name: name.trim(),
      description: typeof description === "string" ? description : null,
      properties: propertiesOf(schemaOf(event)),
      seen: 0,
      violating: 0,
    };
  });
  const names = planEvents.map((e) => e.name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) throw new Error(`The plan lists \`${twice}\` twice; keep one.`);

  const name = [at(root, "display_name"), at(root, "name")].find((n) => typeof n === "string" && n.trim() !== "");
  return {
    plan: { name: typeof name === "string" ? name : "Tracking plan", importedAt, events: planEvents },
    counts: [],
    examples: [],
  };
}
