// The funnel as the builder edits it: the one it starts from, the order modes in plain words, and
// the small edits (a step moved, a field left out as Rust leaves it out). Pure functions over the
// generated `Funnel` types; what a funnel means and whether it is valid is the Rust side's to say.

import type { Funnel } from "../bindings/Funnel";
import type { Order } from "../bindings/Order";
import type { Problem } from "../bindings/Problem";
import type { SegmentFields } from "../bindings/SegmentFields";
import type { Step } from "../bindings/Step";
import { commonEvents, eventRef, omit } from "../segments/rules";

/** The product's own activation funnel, when this workspace has its events. */
const ACTIVATION = ["Signed Up", "Source Connected", "Destination Enabled", "Report Exported"];
/** A funnel has at most this many steps (switchboard-core's MAX_STEPS). */
export const MAX_STEPS = 16;

export const ORDER_MODES: readonly { value: Order; label: string; description: string }[] = [
  { value: "ordered", label: "In order", description: "Each step after the one before; other events may happen in between." },
  { value: "strict", label: "Strictly in order", description: "Each step must be the very next thing the person did." },
  { value: "any", label: "In any order", description: "After step 1, the other steps may happen in any order." },
];

/** A step for an event as the pickers list it (type always spelled out, as the binding requires). */
export function stepFor(name: string, eventType: string): Step {
  const ref = eventRef({ name, eventType });
  return { event: ref.event, type: ref.type ?? "track" };
}

/**
 * The funnel the screen starts from: sign-up to exported report over 14 days, entered in the last
 * 30 days — or, when this workspace has not seen those events, its four most common events.
 */
export function defaultFunnel(fields: SegmentFields | undefined): Funnel {
  const events = commonEvents(fields);
  const activation = ACTIVATION.map((name) => events.find((e) => e.name === name && e.eventType === "track"));
  const chosen = activation.every((e) => e !== undefined) ? activation : events.slice(0, 4);
  const steps = chosen.map((e) => stepFor(e.name, e.eventType));
  while (steps.length < 2) steps.push({ event: "", type: "track" });
  return { version: 1, steps, window_days: 14, range: { last_days: 30 }, order: "ordered" };
}

/** `items` with the one at `from` moved to `to`. */
export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  const [item] = out.splice(from, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

/** `value` with `key` set, or without it when `next` is empty (as Rust leaves it out). */
export function withOptional<T extends object, K extends keyof T>(value: T, key: K, next: T[K] | null | undefined): T {
  const empty = next === null || next === undefined || next === "" || (Array.isArray(next) && next.length === 0);
  return empty ? (omit(value, key) as T) : { ...value, [key]: next };
}

/** The problems at `path` itself (not inside it): those about a whole section. */
export function problemsAt(problems: readonly Problem[], path: string): Problem[] {
  return problems.filter((p) => p.path === path);
}

/** The problems at `path` or inside it. */
export function problemsUnder(problems: readonly Problem[], path: string): Problem[] {
  return problems.filter((p) => p.path === path || p.path.startsWith(`${path}/`));
}

/** A funnel as Rust writes it: keys in order, without what serde leaves out (nulls, empty lists, empty labels). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[name];
    if (item === undefined || item === null || (Array.isArray(item) && item.length === 0)) continue;
    if ((name === "label" || name === "hold_constant") && item === "") continue;
    out[name] = canonical(item);
  }
  return out;
}

/** Same funnel, whatever optional fields one of them spells out: the screen's "nothing changed". */
export function sameFunnel(a: Funnel, b: Funnel): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** A step's label as the app writes it: its own, or its event's name. */
export function stepLabel(step: Step): string {
  return step.label ?? step.event;
}

/** The name a funnel is first offered to be saved under: "Signed Up to Report Exported". */
export function suggestedName(funnel: Funnel): string {
  const first = funnel.steps[0];
  const last = funnel.steps.at(-1);
  if (first === undefined || last === undefined || funnel.steps.length < 2) return "";
  return `${stepLabel(first)} to ${stepLabel(last)}`;
}

/** The saved funnel of that name (case aside), as a name is matched when saving. */
export function findByName<T extends { name: string }>(saved: readonly T[], name: string): T | undefined {
  const wanted = name.trim().toLowerCase();
  return saved.find((f) => f.name.toLowerCase() === wanted);
}
