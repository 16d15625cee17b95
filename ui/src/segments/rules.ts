// The rule tree as the builder edits it: the kinds a target offers, the rule each kind starts as,
// where a rule sits (its JSON pointer, which the preview's problems and explanation use), and
// when two definitions say the same thing. Pure functions over the generated `Definition` types;
// what a rule means and whether it is valid is the Rust side's to say.

import type { Definition } from "../bindings/Definition";
import type { EventOption } from "../bindings/EventOption";
import type { EventType } from "../bindings/EventType";
import type { Problem } from "../bindings/Problem";
import type { Rule } from "../bindings/Rule";
import type { SegmentFields } from "../bindings/SegmentFields";
import type { Target } from "../bindings/Target";
import type { Window } from "../bindings/Window";

export type GroupKind = "all" | "any" | "none";
export type LeafKind =
  | "person_trait"
  | "company_trait"
  | "score"
  | "performed"
  | "not_performed"
  | "first_time"
  | "sequence"
  | "email"
  | "in_segment"
  | "in_funnel"
  | "people";
type RuleKind = GroupKind | LeafKind;

export const GROUP_KINDS: readonly GroupKind[] = ["all", "any", "none"];

/** The leaves each target offers, in the order the "Add rule" menu lists them. */
export const LEAF_KINDS: Record<Target, readonly LeafKind[]> = {
  people: [
    "person_trait",
    "company_trait",
    "score",
    "performed",
    "not_performed",
    "first_time",
    "sequence",
    "email",
    "in_segment",
    "in_funnel",
  ],
  companies: ["company_trait", "score", "people", "in_segment"],
};

/** The one key of a rule object: its kind. */
export function ruleKind(rule: Rule): RuleKind {
  return Object.keys(rule)[0] as RuleKind;
}

/** The group's kind and rules, or null for a leaf. */
export function groupOf(rule: Rule): { kind: GroupKind; rules: Rule[] } | null {
  if ("all" in rule) return { kind: "all", rules: rule.all };
  if ("any" in rule) return { kind: "any", rules: rule.any };
  if ("none" in rule) return { kind: "none", rules: rule.none };
  return null;
}

export function makeGroup(kind: GroupKind, rules: Rule[]): Rule {
  if (kind === "all") return { all: rules };
  if (kind === "any") return { any: rules };
  return { none: rules };
}

/** A rule's JSON pointer, given where it sits (`/rule`, `/rule/all/2`, `/rule/all/1/people/rule`). */
export function rulePath(at: string, rule: Rule): string {
  return `${at}/${ruleKind(rule)}`;
}

/** The event an EventOption names, as a rule refers to it: the type is left out for `track`. */
export function eventRef(option: Pick<EventOption, "name" | "eventType">): { event: string; type?: EventType } {
  const type = option.eventType as EventType;
  return type === "track" ? { event: option.name } : { event: option.name, type };
}

/** The events by how often they happened, most common first. */
export function commonEvents(fields: SegmentFields | undefined): EventOption[] {
  return [...(fields?.events ?? [])].sort((a, b) => b.count - a.count);
}

const LAST_30_DAYS: Window = { last_days: 30 };

/**
 * The rule a new leaf of `kind` starts as: valid where the workspace has what it needs (the most
 * common event, a campaign, another segment), so the count updates as soon as it is added. An
 * `in_funnel` rule starts at step 2 of no funnel yet: its picker chooses the first saved one.
 */
export function defaultLeaf(
  kind: LeafKind,
  target: Target,
  fields: SegmentFields | undefined,
  ownName: string | null,
): Rule {
  const events = commonEvents(fields);
  const first = events[0] ? eventRef(events[0]) : { event: "" };
  const second = events[1] ? eventRef(events[1]) : first;
  switch (kind) {
    case "person_trait":
      return { person_trait: { key: fields?.traitKeys[0]?.value ?? "email", op: "exists" } };
    case "company_trait":
      return { company_trait: { key: "industry", op: "exists" } };
    case "score":
      return { score: { fit_segment: ["very good", "good"] } };
    case "performed":
      return { performed: { ...first, count: { op: "at_least", n: 1 }, window: LAST_30_DAYS } };
    case "not_performed":
      return { not_performed: { ...first, window: LAST_30_DAYS } };
    case "first_time":
      return { first_time: { ...first, window: { last_days: 7 } } };
    case "sequence":
      return { sequence: { first, then: second, within_days: 7 } };
    case "email": {
      const campaign = fields?.campaigns[0];
      return { email: { action: "opened", ...(campaign === undefined ? {} : { campaign }), window: LAST_30_DAYS } };
    }
    case "in_segment":
      return { in_segment: { segment: otherSegments(fields, target, ownName)[0] ?? "" } };
    case "in_funnel":
      // The rule's picker fills in the first saved funnel once it has them.
      return { in_funnel: { funnel: "", step: 2, outcome: "reached" } };
    case "people":
      return { people: { match: "any", rule: { all: [defaultLeaf("performed", "people", fields, ownName)] } } };
  }
}

/** Saved segments an `in_segment` rule can name: the same target, not the one being edited. */
export function otherSegments(fields: SegmentFields | undefined, target: Target, ownName: string | null): string[] {
  const own = ownName?.toLowerCase();
  return (fields?.segments ?? [])
    .filter((s) => s.target === target && s.name.toLowerCase() !== own)
    .map((s) => s.name);
}

/** A new, empty segment: it keeps everyone until rules are added. */
export function emptyDefinition(name: string, target: Target): Definition {
  return { version: 1, name, description: "", target, rule: { all: [] } };
}

/** "Companies segment", or "Companies segment 2" when that name is taken. */
export function newSegmentName(target: Target, taken: readonly string[]): string {
  const base = target === "people" ? "People segment" : "Companies segment";
  const lower = taken.map((name) => name.toLowerCase());
  if (!lower.includes(base.toLowerCase())) return base;
  let n = 2;
  while (lower.includes(`${base} ${n}`.toLowerCase())) n += 1;
  return `${base} ${n}`;
}

/** "Trial users copy", or "Trial users copy 2" when that is taken. */
export function copyName(name: string, taken: readonly string[]): string {
  const lower = taken.map((t) => t.toLowerCase());
  const base = `${name} copy`;
  if (!lower.includes(base.toLowerCase())) return base;
  let n = 2;
  while (lower.includes(`${base} ${n}`.toLowerCase())) n += 1;
  return `${base} ${n}`;
}

/** Every rule's JSON pointer in the tree under `at`, parents first. */
export function rulePaths(rule: Rule, at = "/rule"): string[] {
  const here = rulePath(at, rule);
  const group = groupOf(rule);
  if (group) return [here, ...group.rules.flatMap((r, i) => rulePaths(r, `${here}/${i}`))];
  if ("people" in rule) return [here, ...rulePaths(rule.people.rule, `${here}/rule`)];
  return [here];
}

/**
 * The problems beside each rule: a problem belongs to the deepest rule whose pointer starts its
 * path (`/rule/all/2/performed/event` is the performed rule's). Those about no rule (the name,
 * the version) are under `general`.
 */
export function problemsByRule(
  problems: readonly Problem[],
  rule: Rule,
): { byRule: Map<string, Problem[]>; general: Problem[] } {
  const paths = rulePaths(rule).sort((a, b) => b.length - a.length);
  const byRule = new Map<string, Problem[]>();
  const general: Problem[] = [];
  for (const problem of problems) {
    const owner = paths.find((p) => problem.path === p || problem.path.startsWith(`${p}/`));
    if (owner === undefined) general.push(problem);
    else byRule.set(owner, [...(byRule.get(owner) ?? []), problem]);
  }
  return { byRule, general };
}

/** Whether one of `problems` is about the field at `path` or inside it. */
export function fieldHasProblem(problems: readonly Problem[], path: string): boolean {
  return problems.some((p) => p.path === path || p.path.startsWith(`${path}/`));
}

/** The message of the problems about the field at `path`, for the input's error slot. */
export function fieldError(problems: readonly Problem[], path: string): string | undefined {
  const mine = problems.filter((p) => p.path === path || p.path.startsWith(`${path}/`));
  return mine.length === 0 ? undefined : mine.map((p) => p.message).join("; ");
}

/** Definitions as Rust writes them: what serde leaves out (defaults, empty lists, nulls) is dropped. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[name];
    if (item === undefined || item === null) continue;
    if (name === "type" && item === "track") continue;
    if (name === "description" && item === "") continue;
    if ((name === "where" || name === "fit_segment") && Array.isArray(item) && item.length === 0) continue;
    out[name] = canonical(item);
  }
  return out;
}

/** Same meaning, whatever defaults one of them spells out: the builder's "nothing changed". */
export function sameDefinition(a: Definition, b: Definition): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** `value` without `key`: how an unset optional field leaves a rule (Rust omits it too). */
export function omit<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== key)) as Omit<T, K>;
}

/**
 * The example the empty screen offers (so no segment has its name yet): companies of 200 people or more where someone did the
 * workspace's most common event at least twice in the last 30 days.
 */
export function exampleDefinition(fields: SegmentFields | undefined): Definition {
  const people = defaultLeaf("performed", "people", fields, null);
  const twice = "performed" in people ? { performed: { ...people.performed, count: { op: "at_least" as const, n: 2 } } } : people;
  return {
    ...emptyDefinition("Engaged companies", "companies"),
    description: "Companies of 200 people or more where someone came back twice this month",
    rule: {
      all: [
        { company_trait: { key: "employees", op: "at_least", value: 200 } },
        { people: { match: "any", rule: { all: [twice] } } },
      ],
    },
  };
}
