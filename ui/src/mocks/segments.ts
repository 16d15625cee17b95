// Segments for the browser mock and the tests: a few saved segments with their histories, the
// builder's pickers, and a stand-in for the engine whose counts are a deterministic function of the
// definition (a hash of each rule picks the share of its input it keeps). Validation, descriptions
// and refusals follow switchboard-core's `audience` and the store (same messages, same paths) so
// that the UI can be tried on them; it must not grow into a second engine — the app's preview is the truth.

import type { Definition } from "../bindings/Definition";
import type { ExplainNode } from "../bindings/ExplainNode";
import type { FunnelOutcome } from "../bindings/FunnelOutcome";
import type { Problem } from "../bindings/Problem";
import type { Rule } from "../bindings/Rule";
import type { SegmentDetail } from "../bindings/SegmentDetail";
import type { SegmentFields } from "../bindings/SegmentFields";
import type { SegmentMember } from "../bindings/SegmentMember";
import type { SegmentPreview } from "../bindings/SegmentPreview";
import type { SegmentStatus } from "../bindings/SegmentStatus";
import type { SegmentSummary } from "../bindings/SegmentSummary";
import type { SegmentVersion } from "../bindings/SegmentVersion";
import type { Target } from "../bindings/Target";
import type { TraitCondition } from "../bindings/TraitCondition";
import type { Window } from "../bindings/Window";
import type { ArgsOf, ResultOf } from "../ipc";
import { hoursBefore, rejectWith } from "./sample";

const PEOPLE_TOTAL = 4_812;
export const COMPANIES_TOTAL = 637;
/** Members in the builder's sample, as the app sends. */
const SAMPLE = 12;

// ---- the workspace's pickers -----------------------------------------------------------------

const PERSON_FIELDS = ["email", "first_name", "last_name", "title", "user_id"];
const COMPANY_FIELDS = ["name", "domain", "employees", "industry", "country", "city", "technologies"];
const PEOPLE_COLUMNS = [
  "id",
  "email",
  "name",
  "first_name",
  "last_name",
  "title",
  "user_id",
  "created_at",
  "score",
  "fit_segment",
  ...COMPANY_FIELDS.map((f) => `company.${f}`),
  "company.score",
  "company.fit_segment",
];
const COMPANY_COLUMNS = [...["id", ...COMPANY_FIELDS], "people", "score", "fit_segment"];

const SAMPLE_EVENTS = [
  { eventType: "page", name: "Pricing", count: 18_420 },
  { eventType: "page", name: "Docs", count: 9_904 },
  { eventType: "screen", name: "Dashboard", count: 6_120 },
  { eventType: "track", name: "Signed Up", count: 3_912 },
  { eventType: "track", name: "Trial Started", count: 2_806 },
  { eventType: "track", name: "Source Connected", count: 2_140 },
  { eventType: "track", name: "Destination Enabled", count: 1_520 },
  { eventType: "track", name: "Invited Teammate", count: 1_418 },
  { eventType: "track", name: "Upgraded Plan", count: 412 },
  { eventType: "track", name: "Demo Requested", count: 286 },
  { eventType: "track", name: "Report Exported", count: 655 },
];

const SAMPLE_CAMPAIGNS = ["Activation day 1", "Activation day 3", "Outbound double forward", "Webinar invite"];

const TRAIT_KEYS = [
  { value: "plan", count: 3_104 },
  { value: "role", count: 2_250 },
  { value: "seats", count: 1_880 },
  { value: "newsletter", count: 1_406 },
  { value: "utm.campaign", count: 902 },
];

const VALUES: Record<string, [string, number][]> = {
  "companies:industry": [
    ["Software", 182],
    ["Logistics", 64],
    ["Healthcare", 58],
    ["Financial services", 52],
    ["Manufacturing", 47],
    ["Retail", 40],
    ["Renewables", 31],
    ["Publishing", 12],
  ],
  "companies:country": [
    ["US", 210],
    ["GB", 80],
    ["DE", 66],
    ["FR", 41],
    ["NL", 30],
    ["CA", 28],
  ],
  "companies:city": [
    ["San Francisco", 48],
    ["London", 44],
    ["Berlin", 31],
    ["New York", 29],
    ["Paris", 18],
  ],
  "companies:technologies": [
    ["React", 150],
    ["Salesforce", 140],
    ["HubSpot", 120],
    ["Segment", 96],
    ["Stripe", 90],
    ["Intercom", 70],
    ["Snowflake", 44],
    ["Marketo", 40],
    ["Zendesk", 38],
    ["Shopify", 30],
  ],
  "companies:employees": [
    ["50", 40],
    ["200", 33],
    ["1000", 12],
  ],
  "people:title": [
    ["Head of Growth", 210],
    ["VP Marketing", 144],
    ["Software Engineer", 402],
    ["Product Manager", 188],
    ["Founder", 96],
  ],
  "people:plan": [
    ["free", 2_210],
    ["pro", 702],
    ["enterprise", 192],
  ],
  "people:role": [
    ["admin", 940],
    ["member", 1_310],
  ],
  "people:seats": [
    ["1", 1_100],
    ["5", 420],
    ["25", 360],
  ],
};

function fields(segments: { name: string; target: string }[]): SegmentFields {
  return {
    events: SAMPLE_EVENTS,
    personFields: PERSON_FIELDS,
    traitKeys: TRAIT_KEYS,
    companyFields: COMPANY_FIELDS,
    campaigns: SAMPLE_CAMPAIGNS,
    segments,
    peopleColumns: PEOPLE_COLUMNS,
    companyColumns: COMPANY_COLUMNS,
  };
}

// ---- members ---------------------------------------------------------------------------------

const FIRST = ["Maria", "Sam", "Ada", "Lena", "Tom", "Priya", "Jonas", "Chloe", "Diego", "Mei", "Omar", "Sofia", "Ben"];
const LAST = ["Keller", "Okafor", "Brooks", "Fischer", "Nguyen", "Patel", "Larsen", "Dubois", "Rossi", "Chen", "Walsh"];
const PREFIXES = ["Cedar", "Helio", "North", "Bright", "Oak", "Lumen", "Pioneer", "Quill", "Tessera", "Cobalt", "Juniper"];
const CORES = ["loop", "path", "wind", "ridge", "stack", "works", "field", "gate"];
const SUFFIXES = ["Labs", "Energy", "Logistics", "Health", "Software", "Capital", "Analytics"];
const INDUSTRIES = ["Software", "Logistics", "Healthcare", "Financial services", "Manufacturing", "Retail"];

function company(index: number) {
  const prefix = PREFIXES[index % PREFIXES.length] ?? "";
  const core = CORES[Math.floor(index / PREFIXES.length) % CORES.length] ?? "";
  const suffix = SUFFIXES[index % SUFFIXES.length] ?? "";
  const domain = `${prefix}${core}.com`.toLowerCase();
  return {
    name: `${prefix}${core} ${suffix}`,
    domain,
    industry: INDUSTRIES[index % INDUSTRIES.length] ?? "",
    employees: 20 + ((index * 37) % 4000),
  };
}

function member(target: Target, index: number): SegmentMember {
  if (target === "companies") {
    const c = company(index);
    return { id: index + 1, title: c.name, subtitle: `${c.domain} · ${c.industry} · ${c.employees} employees` };
  }
  const first = FIRST[index % FIRST.length] ?? "";
  const last = LAST[Math.floor(index / FIRST.length) % LAST.length] ?? "";
  const c = company(index % COMPANIES_TOTAL);
  return {
    id: index + 1,
    title: `${first} ${last}`,
    subtitle: `${first.toLowerCase()}.${last.toLowerCase()}@${c.domain} · ${c.name}`,
  };
}

/** `count` distinct members, picked from `seed` on (steps coprime with both totals). */
function members(target: Target, seed: number, count: number): SegmentMember[] {
  const total = target === "people" ? PEOPLE_TOTAL : COMPANIES_TOTAL;
  const step = target === "people" ? 7 : 11;
  return Array.from({ length: Math.min(count, total) }, (_, i) => member(target, (seed + i * step) % total));
}

// ---- validation, as switchboard-core's `Definition::validate` says it ----------------------------

const NUMERIC_OPS = ["greater_than", "at_least", "less_than", "at_most"];
const OP_LABELS: Record<string, string> = {
  equals: "is",
  not_equals: "is not",
  contains: "contains",
  not_contains: "does not contain",
  starts_with: "starts with",
  one_of: "is one of",
  greater_than: ">",
  at_least: "≥",
  less_than: "<",
  at_most: "≤",
  exists: "is set",
  not_exists: "is not set",
};
const FIT_SEGMENTS = ["very good", "good", "medium", "low"];
/** switchboard-core's `funnel::MAX_STEPS`. */
const MAX_FUNNEL_STEPS = 16;

function kindOf(rule: Rule): string {
  return Object.keys(rule)[0] ?? "";
}

function isScalar(v: unknown): boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(new Date(`${text}T00:00:00Z`).getTime());
}

export function validate(def: Definition): Problem[] {
  const out: Problem[] = [];
  const push = (path: string, message: string) => out.push({ path, message });
  if (def.version !== 1) push("/version", `version ${def.version} is not known; this build reads 1`);
  if (def.name.trim() === "") push("/name", "give the segment a name");
  else if (def.name.length > 120) push("/name", "keep the name under 120 characters");
  checkRule(def.rule, def.target, "/rule", push);
  return out;
}

type Push = (path: string, message: string) => void;

function checkRule(rule: Rule, target: Target, path: string, push: Push): void {
  const here = `${path}/${kindOf(rule)}`;
  const behavioural = () => {
    if (target === "companies") push(here, "a companies segment reads behaviour through a `people` rule");
  };
  const event = (name: string, at: string) => {
    if (name.trim() === "") push(`${at}/event`, "name the event");
  };
  if ("all" in rule || "any" in rule || "none" in rule) {
    const rules = "all" in rule ? rule.all : "any" in rule ? rule.any : rule.none;
    if (rules.length === 0 && !("all" in rule)) push(here, `add at least one rule to \`${kindOf(rule)}\``);
    rules.forEach((r, i) => {
      checkRule(r, target, `${here}/${i}`, push);
    });
  } else if ("people" in rule) {
    if (target === "people") push(here, "`people` is for companies segments; use the rules inside it directly");
    checkRule(rule.people.rule, "people", `${here}/rule`, push);
  } else if ("person_trait" in rule) {
    if (target === "companies") push(here, "a companies segment reads people through a `people` rule");
    checkCondition(rule.person_trait, here, null, push);
  } else if ("company_trait" in rule) {
    const c = rule.company_trait;
    if (!COMPANY_FIELDS.includes(c.key)) {
      push(`${here}/key`, `\`${c.key}\` is not a company field; use one of ${COMPANY_FIELDS.join(", ")}`);
    } else {
      checkCondition(c, here, c.key, push);
    }
  } else if ("score" in rule) {
    const s = rule.score;
    (s.fit_segment ?? []).forEach((f, i) => {
      if (!FIT_SEGMENTS.includes(f)) {
        push(`${here}/fit_segment/${i}`, `\`${f}\` is not a fit segment; use very good, good, medium or low`);
      }
    });
    const min = s.min ?? null;
    const max = s.max ?? null;
    if ((s.fit_segment ?? []).length === 0 && min === null && max === null) {
      push(here, "say which scores to keep: a fit segment, a minimum or a maximum");
    }
    if (min !== null && max !== null && min > max) push(`${here}/min`, `the minimum ${min} is above the maximum ${max}`);
    if (target === "companies" && s.of === "person") {
      push(`${here}/of`, "a companies segment reads people's scores through a `people` rule");
    }
  } else if ("performed" in rule) {
    behavioural();
    event(rule.performed.event, here);
    if (rule.performed.window) checkWindow(rule.performed.window, `${here}/window`, push);
    (rule.performed.where ?? []).forEach((f, i) => {
      checkCondition(f, `${here}/where/${i}`, null, push);
    });
  } else if ("not_performed" in rule || "first_time" in rule) {
    const e = "not_performed" in rule ? rule.not_performed : rule.first_time;
    behavioural();
    event(e.event, here);
    checkWindow(e.window, `${here}/window`, push);
  } else if ("sequence" in rule) {
    const s = rule.sequence;
    behavioural();
    event(s.first.event, `${here}/first`);
    event(s.then.event, `${here}/then`);
    if (s.within_days === 0) push(`${here}/within_days`, "give at least 1 day for the second event");
    if (s.window) checkWindow(s.window, `${here}/window`, push);
  } else if ("email" in rule) {
    const e = rule.email;
    behavioural();
    if (e.window) checkWindow(e.window, `${here}/window`, push);
    const days = e.within_days ?? null;
    if (e.action === "not_opened" && (days === null || days === 0)) {
      push(`${here}/within_days`, "say within how many days of receiving it the email was not opened");
    } else if (e.action !== "not_opened" && days !== null) {
      push(`${here}/within_days`, "`within_days` only applies to `not_opened`");
    }
    if (e.campaign?.trim() === "") push(`${here}/campaign`, "name the campaign, or leave it out for any");
  } else if ("in_segment" in rule) {
    if (rule.in_segment.segment.trim() === "") push(`${here}/segment`, "name the segment");
  } else {
    const f = rule.in_funnel;
    behavioural();
    if (f.funnel.trim() === "") push(`${here}/funnel`, "name a saved funnel");
    if (f.step === 0) push(`${here}/step`, "steps count from 1");
    else if (f.step === 1 && f.outcome === "dropped") {
      push(
        `${here}/step`,
        "nobody drops out at step 1: those who did not do it never entered; choose step 2 or later",
      );
    } else if (f.step > MAX_FUNNEL_STEPS) push(`${here}/step`, `a funnel has at most ${MAX_FUNNEL_STEPS} steps`);
  }
}

function checkWindow(w: Window, here: string, push: Push): void {
  if ("last_days" in w) {
    if (w.last_days === 0) push(`${here}/last_days`, "a window is at least 1 day");
    else if (w.last_days > 36_500) push(`${here}/last_days`, "a window is at most 36,500 days");
    return;
  }
  const { from, to } = w.between;
  if (!isDate(from)) push(`${here}/between/from`, `\`${from}\` is not a date; write it as YYYY-MM-DD`);
  if (!isDate(to)) push(`${here}/between/to`, `\`${to}\` is not a date; write it as YYYY-MM-DD`);
  if (isDate(from) && isDate(to) && from > to) push(`${here}/between`, `${from} is after ${to}`);
}

function checkCondition(c: TraitCondition, here: string, companyField: string | null, push: Push): void {
  if (c.key.trim() === "" || c.key.split(".").some((part) => part === "")) push(`${here}/key`, "name the field or trait");
  const at = `${here}/value`;
  const label = OP_LABELS[c.op] ?? c.op;
  const needsValue = c.op !== "exists" && c.op !== "not_exists";
  const v = c.value ?? null;
  if (v === null && needsValue) push(at, `\`${label}\` needs a value`);
  else if (v !== null && !needsValue) push(at, `\`${label}\` takes no value`);
  else if (v !== null) {
    if (c.op === "one_of") {
      if (!Array.isArray(v) || v.length === 0 || !v.every(isScalar)) push(at, "`is one of` needs a non-empty list of values");
    } else if (!isScalar(v)) push(at, "give a string, number or true/false");
    else if (NUMERIC_OPS.includes(c.op) && typeof v !== "number") push(at, `\`${label}\` compares numbers; give a number`);
    else if (["contains", "not_contains", "starts_with"].includes(c.op) && typeof v !== "string") {
      push(at, `\`${label}\` needs text`);
    }
  }
  if (companyField !== null) {
    if (NUMERIC_OPS.includes(c.op) && companyField !== "employees") push(`${here}/op`, `\`${companyField}\` is not a number`);
    if (companyField === "technologies" && !["contains", "not_contains", "exists", "not_exists"].includes(c.op)) {
      push(`${here}/op`, "`technologies` is a list: use contains or does not contain");
    }
  }
}

// ---- descriptions, as `Rule::describe` reads them ----------------------------------------------

function windowText(w: Window): string {
  if ("last_days" in w) return w.last_days === 1 ? "today" : `in the last ${w.last_days} days`;
  return `between ${w.between.from} and ${w.between.to}`;
}

function eventText(event: string, type: string | undefined): string {
  return type === undefined || type === "track" ? `“${event}”` : `“${event}” (${type})`;
}

function conditionText(c: TraitCondition): string {
  const v = c.value ?? null;
  const value =
    v === null
      ? ""
      : typeof v === "string"
        ? ` “${v}”`
        : Array.isArray(v)
          ? ` ${v.map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join(", ")}`
          : ` ${JSON.stringify(v)}`;
  return `${c.key} ${OP_LABELS[c.op] ?? c.op}${value}`;
}

export function describe(rule: Rule): string {
  if ("all" in rule) return "all of these";
  if ("any" in rule) return "any of these";
  if ("none" in rule) return "none of these";
  if ("person_trait" in rule) return `person's ${conditionText(rule.person_trait)}`;
  if ("company_trait" in rule) return `company's ${conditionText(rule.company_trait)}`;
  if ("score" in rule) {
    const s = rule.score;
    const parts: string[] = [];
    if ((s.fit_segment ?? []).length > 0) parts.push(`fit ${(s.fit_segment ?? []).join(" or ")}`);
    const min = s.min ?? null;
    const max = s.max ?? null;
    if (min !== null && max !== null) parts.push(`score ${min}–${max}`);
    else if (min !== null) parts.push(`score ≥ ${min}`);
    else if (max !== null) parts.push(`score ≤ ${max}`);
    return `${s.of === "company" ? "company's " : ""}${parts.join(", ")}`;
  }
  if ("performed" in rule) {
    const p = rule.performed;
    const count = p.count ? ` ${p.count.op.replace("_", " ")} ${p.count.n} time${p.count.n === 1 ? "" : "s"}` : "";
    const window = p.window ? ` ${windowText(p.window)}` : "";
    const where = (p.where ?? []).length > 0 ? ` where ${(p.where ?? []).map(conditionText).join(" and ")}` : "";
    return `performed ${eventText(p.event, p.type)}${where}${count}${window}`;
  }
  if ("not_performed" in rule) {
    const e = rule.not_performed;
    return `did not perform ${eventText(e.event, e.type)} ${windowText(e.window)}`;
  }
  if ("first_time" in rule) {
    const e = rule.first_time;
    return `performed ${eventText(e.event, e.type)} for the first time ${windowText(e.window)}`;
  }
  if ("sequence" in rule) {
    const s = rule.sequence;
    const first = s.window ? `, first ${windowText(s.window)}` : "";
    return `performed ${eventText(s.first.event, s.first.type)} then ${eventText(s.then.event, s.then.type)} within ${s.within_days} days${first}`;
  }
  if ("email" in rule) {
    const e = rule.email;
    const campaign = e.campaign ? `“${e.campaign}”` : "any campaign";
    const window = e.window ? ` ${windowText(e.window)}` : "";
    if (e.action === "not_opened") {
      return `received ${campaign}${window} and did not open it within ${e.within_days ?? 0} days`;
    }
    const verb = { received: "received", opened: "opened", clicked: "clicked", replied: "replied to", bounced: "bounced from" }[
      e.action
    ];
    return `${verb} ${campaign}${window}`;
  }
  if ("in_segment" in rule) return `in segment “${rule.in_segment.segment}”`;
  if ("in_funnel" in rule) {
    const f = rule.in_funnel;
    const verb = f.outcome === "reached" ? "reached" : "dropped out at";
    return `${verb} step ${f.step} of funnel “${f.funnel}”`;
  }
  return `${rule.people.match} of its people`;
}

// ---- the stand-in engine ----------------------------------------------------------------------

/** FNV-1a: a stable number from a text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function total(target: Target): number {
  return target === "people" ? PEOPLE_TOTAL : COMPANIES_TOTAL;
}

type Lookup = (name: string) => Definition | undefined;

/**
 * How many people reached (or dropped out at) `step` of the saved funnel `funnel`, as it counts
 * now; null when no funnel is saved under that name (case aside).
 */
export type FunnelReach = (funnel: string, step: number, outcome: FunnelOutcome) => number | null;

/** No funnel is saved. */
const NO_FUNNELS: FunnelReach = () => null;

function noFunnel(name: string): string {
  return `no saved funnel named \`${name}\`; \`funnel list\` shows them`;
}

class CompileError extends Error {}

/** The share of its input a rule keeps, between 0 and 1. */
function share(rule: Rule, target: Target, lookup: Lookup, depth = 0, reach: FunnelReach = NO_FUNNELS): number {
  if ("all" in rule) return rule.all.reduce((s, r) => s * share(r, target, lookup, depth, reach), 1);
  if ("any" in rule) return 1 - rule.any.reduce((s, r) => s * (1 - share(r, target, lookup, depth, reach)), 1);
  if ("none" in rule) return rule.none.reduce((s, r) => s * (1 - share(r, target, lookup, depth, reach)), 1);
  if ("people" in rule) {
    const each = share(rule.people.rule, "people", lookup, depth, reach);
    if (rule.people.match === "any") return 1 - (1 - each) ** 3;
    if (rule.people.match === "all") return each ** 2;
    return (1 - each) ** 3;
  }
  if ("in_segment" in rule) {
    const inner = lookup(rule.in_segment.segment);
    if (!inner) throw new CompileError(`segment \`${rule.in_segment.segment}\` does not exist; save it first`);
    if (inner.target !== target) {
      throw new CompileError(
        `segment \`${rule.in_segment.segment}\` is a segment of ${inner.target}, this one of ${target}`,
      );
    }
    if (depth > 8) throw new CompileError("segments read each other too deeply");
    return share(inner.rule, target, lookup, depth + 1, reach);
  }
  if ("in_funnel" in rule) {
    // The people the funnel counts at that step, out of everyone (a person is one of its people).
    const { funnel, step, outcome } = rule.in_funnel;
    const people = reach(funnel, step, outcome);
    if (people === null) throw new CompileError(noFunnel(funnel));
    return Math.min(1, Math.max(0, people / PEOPLE_TOTAL));
  }
  return 0.15 + ((hash(JSON.stringify(rule)) % 1000) / 1000) * 0.7;
}

function explainNode(
  rule: Rule,
  target: Target,
  input: number,
  path: string,
  negated: boolean,
  lookup: Lookup,
  reach: FunnelReach = NO_FUNNELS,
): ExplainNode {
  const here = `${path}/${kindOf(rule)}`;
  const children: ExplainNode[] = [];
  let kept: number;
  if ("all" in rule) {
    let running = input;
    rule.all.forEach((r, i) => {
      const child = explainNode(r, target, running, `${here}/${i}`, negated, lookup, reach);
      children.push(child);
      running = child.kept;
    });
    kept = running;
  } else if ("any" in rule || "none" in rule) {
    const rules = "any" in rule ? rule.any : rule.none;
    rules.forEach((r, i) => {
      children.push(explainNode(r, target, input, `${here}/${i}`, "none" in rule ? !negated : negated, lookup, reach));
    });
    kept = Math.round(input * share(rule, target, lookup, 0, reach));
  } else if ("people" in rule) {
    const people = Math.round((input * PEOPLE_TOTAL) / COMPANIES_TOTAL);
    children.push(explainNode(rule.people.rule, "people", people, `${here}/rule`, false, lookup, reach));
    kept = Math.round(input * share(rule, target, lookup, 0, reach));
  } else {
    kept = Math.round(input * share(rule, target, lookup, 0, reach));
  }
  return {
    path: here,
    kind: kindOf(rule),
    description: describe(rule),
    unit: target,
    input,
    kept,
    dropped: input - kept,
    negated,
    tooNew: "not_performed" in rule ? Math.round(kept * 0.06) : null,
    children,
  };
}

/** The count and explanation of a valid definition; throws a CompileError for an unknown segment. */
function evaluate(def: Definition, lookup: Lookup, reach: FunnelReach = NO_FUNNELS): { count: number; explanation: ExplainNode } {
  const explanation = explainNode(def.rule, def.target, total(def.target), "/rule", false, lookup, reach);
  return { count: explanation.kept, explanation };
}

export function previewOf(def: Definition, lookup: Lookup, reach: FunnelReach = NO_FUNNELS): SegmentPreview {
  const problems = validate(def);
  const none = { problems, error: null, count: null, explanation: null, sample: [] };
  if (problems.length > 0) return none;
  try {
    const { count, explanation } = evaluate(def, lookup, reach);
    return { ...none, count, explanation, sample: members(def.target, hash(def.name) % 97, Math.min(SAMPLE, count)) };
  } catch (error) {
    if (error instanceof CompileError) return { ...none, error: error.message };
    throw error;
  }
}

function references(rule: Rule): string[] {
  if ("all" in rule) return rule.all.flatMap(references);
  if ("any" in rule) return rule.any.flatMap(references);
  if ("none" in rule) return rule.none.flatMap(references);
  if ("people" in rule) return references(rule.people.rule);
  if ("in_segment" in rule) return [rule.in_segment.segment];
  return [];
}

/** The saved funnels a rule reads through `in_funnel`, by name. */
export function funnelReferences(rule: Rule): string[] {
  if ("all" in rule) return rule.all.flatMap(funnelReferences);
  if ("any" in rule) return rule.any.flatMap(funnelReferences);
  if ("none" in rule) return rule.none.flatMap(funnelReferences);
  if ("people" in rule) return funnelReferences(rule.people.rule);
  if ("in_funnel" in rule) return [rule.in_funnel.funnel];
  return [];
}

function renameReferences(rule: Rule, from: string, to: string): Rule {
  const same = (name: string) => name.toLowerCase() === from.toLowerCase();
  if ("all" in rule) return { all: rule.all.map((r) => renameReferences(r, from, to)) };
  if ("any" in rule) return { any: rule.any.map((r) => renameReferences(r, from, to)) };
  if ("none" in rule) return { none: rule.none.map((r) => renameReferences(r, from, to)) };
  if ("people" in rule) return { people: { ...rule.people, rule: renameReferences(rule.people.rule, from, to) } };
  if ("in_segment" in rule && same(rule.in_segment.segment)) return { in_segment: { segment: to } };
  return rule;
}

function problemsText(problems: Problem[]): string {
  const each = problems.map((p) => `${p.path}: ${p.message}`);
  return each.length === 1 ? (each[0] ?? "") : `${each.length} problems: ${each.join("; ")}`;
}

// ---- saved segments ----------------------------------------------------------------------------

interface Stored {
  definition: Definition;
  status: SegmentStatus;
  statusDetail: string | null;
  computedAt: string | null;
  updatedAt: string;
  /** Newest first. */
  history: SegmentVersion[];
}

export const SAMPLE_SEGMENTS: readonly Definition[] = [
  {
    version: 1,
    name: "Engaged companies",
    description: "Mid-size and up, with someone reading the pricing page",
    target: "companies",
    rule: {
      all: [
        { company_trait: { key: "employees", op: "at_least", value: 200 } },
        {
          people: {
            match: "any",
            rule: { all: [{ performed: { event: "Pricing", type: "page", count: { op: "at_least", n: 2 }, window: { last_days: 30 } } }] },
          },
        },
      ],
    },
  },
  {
    version: 1,
    name: "Trial users",
    description: "Started a trial in the last two weeks",
    target: "people",
    rule: { all: [{ performed: { event: "Trial Started", window: { last_days: 14 } } }] },
  },
  {
    version: 1,
    name: "Did not open activation",
    description: "Trial users to move to retargeting",
    target: "people",
    rule: {
      all: [
        { in_segment: { segment: "Trial users" } },
        { email: { action: "not_opened", campaign: "Activation day 1", within_days: 3 } },
      ],
    },
  },
  {
    version: 1,
    name: "Enterprise accounts",
    target: "companies",
    rule: { all: [{ company_trait: { key: "employees", op: "at_least", value: 1000 } }] },
  },
  {
    version: 1,
    name: "Churn risk",
    description: "Paying users who went quiet",
    target: "people",
    rule: {
      all: [
        { person_trait: { key: "plan", op: "one_of", value: ["pro", "enterprise"] } },
        { not_performed: { event: "Dashboard", type: "screen", window: { last_days: 21 } } },
      ],
    },
  },
];

/** A version's size moves a little each time it is computed, as a real audience does. */
function versionSize(base: number, version: number, name: string): number {
  return Math.max(0, base + (hash(`${name}#${version}`) % 41) - 20);
}

function nextVersion(previous: SegmentVersion | undefined, size: number, reason: string, at: string): SegmentVersion {
  const before = previous?.size ?? 0;
  const churn = previous ? Math.min(before, size, hash(`${at}${size}`) % 9) : 0;
  return {
    version: (previous?.version ?? 0) + 1,
    computedAt: at,
    reason,
    size,
    entered: Math.max(0, size - before) + churn,
    exited: Math.max(0, before - size) + churn,
    tooNew: 0,
  };
}

/** The segment commands over a store holding the sample segments (none for an empty workspace). */
export function segmentCommands(
  now: () => Date,
  { empty = false, funnels = NO_FUNNELS }: { empty?: boolean; funnels?: FunnelReach } = {},
) {
  const saved = new Map<string, Stored>();
  const key = (name: string) => name.trim().toLowerCase();
  const lookup: Lookup = (name) => saved.get(key(name))?.definition;
  const nowIso = () => hoursBefore(now(), 0);

  /** A new version; `drift` makes an older one differ from what the rules count today. */
  function compute(stored: Stored, reason: string, at: string, drift = false): SegmentVersion {
    const { count, explanation } = evaluate(stored.definition, lookup, funnels);
    const size = drift ? versionSize(count, (stored.history[0]?.version ?? 0) + 1, stored.definition.name) : count;
    const version = nextVersion(stored.history[0], size, reason, at);
    const tooNew = explanation.children.reduce((sum, child) => sum + (child.tooNew ?? 0), 0);
    const withTooNew = { ...version, tooNew };
    stored.history.unshift(withTooNew);
    stored.status = "ready";
    stored.statusDetail = null;
    stored.computedAt = at;
    return withTooNew;
  }

  if (!empty) {
    for (const definition of SAMPLE_SEGMENTS) {
      saved.set(key(definition.name), {
        definition,
        status: "pending",
        statusDetail: null,
        computedAt: null,
        updatedAt: hoursBefore(now(), 24 * 21),
        history: [],
      });
    }
    for (const definition of SAMPLE_SEGMENTS) {
      const stored = saved.get(key(definition.name));
      if (!stored || definition.name === "Enterprise accounts") continue;
      // Three weeks of daily imports after it was first saved.
      for (let day = 20; day >= 0; day--) {
        compute(stored, day === 20 ? "saved" : "import", hoursBefore(now(), day * 24 + 2), day > 0);
      }
      if (definition.name === "Churn risk") {
        stored.status = "failed";
        stored.statusDetail = "the workspace file was locked by another program; close it and recompute";
      }
    }
  }

  function missing(name: string): Promise<never> {
    return rejectWith({ code: "notFound", message: `no segment named \`${name}\`; \`segment list\` shows them` });
  }

  function summary(stored: Stored): SegmentSummary {
    return {
      name: stored.definition.name,
      target: stored.definition.target,
      description: stored.definition.description ?? "",
      status: stored.status,
      statusDetail: stored.statusDetail,
      computedAt: stored.computedAt,
      updatedAt: stored.updatedAt,
      latest: stored.history[0] ?? null,
    };
  }

  function list(): SegmentSummary[] {
    return [...saved.values()].map(summary).sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }));
  }

  function usedBy(name: string): string[] {
    return [...saved.values()]
      .filter((s) => key(s.definition.name) !== key(name) && references(s.definition.rule).some((r) => key(r) === key(name)))
      .map((s) => s.definition.name);
  }

  /** Whether `start` reaches itself through `refs`: segments reading each other in a circle. */
  function cycle(start: string, refs: string[], seen = new Set<string>()): string[] | null {
    for (const next of refs) {
      if (key(next) === key(start)) return [next];
      if (seen.has(key(next))) continue;
      seen.add(key(next));
      const inner = lookup(next);
      const found = inner ? cycle(start, references(inner.rule), seen) : null;
      if (found) return [next, ...found];
    }
    return null;
  }

  function save({ definition, replacing }: ArgsOf<"segment_save">) {
    const problems = validate(definition);
    if (problems.length > 0) return rejectWith({ code: "invalidInput", message: problemsText(problems) });
    const existing = replacing === null ? undefined : saved.get(key(replacing));
    if (replacing !== null && !existing) return missing(replacing);
    const renamed = existing !== undefined && key(existing.definition.name) !== key(definition.name);
    if ((!existing || renamed) && saved.has(key(definition.name))) {
      return rejectWith({ code: "invalidInput", message: `a segment named \`${definition.name}\` already exists; choose another name` });
    }
    const refs = references(definition.rule);
    for (const name of refs) {
      if (!saved.has(key(name)) && key(name) !== key(definition.name)) {
        return rejectWith({ code: "invalidInput", message: `/rule: segment \`${name}\` does not exist; save it first` });
      }
    }
    const unknownFunnel = funnelReferences(definition.rule).find((name) => funnels(name, 1, "reached") === null);
    if (unknownFunnel !== undefined) return rejectWith({ code: "invalidInput", message: noFunnel(unknownFunnel) });
    const circle = cycle(existing?.definition.name ?? definition.name, refs);
    if (circle) {
      const path = [definition.name, ...circle].join(" → ");
      return rejectWith({ code: "invalidInput", message: `segments would read each other in a circle: ${path}` });
    }
    const stored: Stored = existing ?? { definition, status: "pending", statusDetail: null, computedAt: null, updatedAt: "", history: [] };
    if (existing && renamed) {
      saved.delete(key(existing.definition.name));
      for (const other of saved.values()) {
        other.definition = { ...other.definition, rule: renameReferences(other.definition.rule, existing.definition.name, definition.name) };
      }
    }
    stored.definition = definition;
    stored.updatedAt = nowIso();
    saved.set(key(definition.name), stored);
    compute(stored, "saved", nowIso());
    return summary(stored);
  }

  function copyOrRename(name: string, newName: string, rename: boolean) {
    const stored = saved.get(key(name));
    if (!stored) return missing(name);
    return save({ definition: { ...stored.definition, name: newName }, replacing: rename ? stored.definition.name : null });
  }

  function remove({ name }: ArgsOf<"segment_delete">) {
    const stored = saved.get(key(name));
    if (!stored) return missing(name);
    const users = usedBy(name);
    if (users.length > 0) {
      return rejectWith({ code: "invalidInput", message: `\`${stored.definition.name}\` is used by ${users.join(", ")}; remove it from them first` });
    }
    saved.delete(key(name));
    return null;
  }

  function diff({ name, version }: ArgsOf<"segment_diff">) {
    const stored = saved.get(key(name));
    if (!stored) return missing(name);
    const latest = stored.history[0];
    const chosen = version === null ? latest : stored.history.find((v) => v.version === version);
    if (!chosen) {
      const message = `no version ${version ?? "latest"} of \`${name}\`; it has ${latest?.version ?? 0}`;
      return rejectWith({ code: "notFound", message });
    }
    const target = stored.definition.target;
    return {
      version: chosen,
      entered: members(target, hash(`${name}+${chosen.version}`) % 500, chosen.entered),
      exited: members(target, hash(`${name}-${chosen.version}`) % 500, chosen.exited),
    };
  }

  function exportable(name: string, columns: string[]) {
    const stored = saved.get(key(name));
    if (!stored) return missing(name);
    const target = stored.definition.target;
    const allowed = target === "people" ? PEOPLE_COLUMNS : COMPANY_COLUMNS;
    const unknown = columns.find((c) => !allowed.includes(c) && !(target === "people" && /^traits\..+/.test(c)));
    if (unknown !== undefined) {
      const more = target === "people" ? " or traits.KEY" : "";
      return rejectWith({ code: "invalidInput", message: `\`${unknown}\` is not a column; use one of ${allowed.join(", ")}${more}` });
    }
    return { stored, columns: columns.length > 0 ? columns : allowed.slice(0, 7) };
  }

  function estimate({ name, columns, format }: ArgsOf<"segment_export_estimate">) {
    const found = exportable(name, columns);
    if (found instanceof Promise) return found;
    const rows = found.stored.history[0]?.size ?? 0;
    const width = found.columns.reduce((sum, c) => sum + (c === "email" ? 26 : c === "id" ? 5 : 12) + (format === "jsonl" ? c.length + 4 : 1), 2);
    return { rows, bytes: rows * width };
  }

  function exportTo({ name, columns, path }: ArgsOf<"segment_export">) {
    const found = exportable(name, columns);
    if (found instanceof Promise) return found;
    if (!path.startsWith("/")) return rejectWith({ code: "invalidInput", message: "Choose where to save the file." });
    return { rows: found.stored.history[0]?.size ?? 0, path };
  }

  function values({ target, key: field, prefix }: ArgsOf<"segment_values">) {
    const all = VALUES[`${target}:${field}`] ?? [];
    return all
      .filter(([value]) => value.toLowerCase().startsWith(prefix.toLowerCase()))
      .map(([value, count]) => ({ value, count }));
  }

  const commands: { [C in SegmentCommand]: (args: ArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>> } = {
    segments: list,
    segment: ({ name }): SegmentDetail | Promise<never> => {
      const stored = saved.get(key(name));
      if (!stored) return missing(name);
      return { summary: summary(stored), definition: stored.definition, history: stored.history.slice(0, 90) };
    },
    segment_preview: ({ definition }) => previewOf(definition, lookup, funnels),
    segment_save: save,
    segment_duplicate: ({ name, newName }) => copyOrRename(name, newName, false),
    segment_rename: ({ name, newName }) => copyOrRename(name, newName, true),
    segment_delete: remove,
    segment_recompute: ({ name }) => {
      const stored = saved.get(key(name));
      return stored ? compute(stored, "recompute", nowIso()) : missing(name);
    },
    segment_diff: diff,
    segment_members: ({ name, limit }) => {
      const stored = saved.get(key(name));
      if (!stored) return missing(name);
      return members(stored.definition.target, hash(stored.definition.name) % 97, Math.min(limit, stored.history[0]?.size ?? 0));
    },
    segment_fields: () => fields(list().map((s) => ({ name: s.name, target: s.target }))),
    segment_values: values,
    segment_export_estimate: estimate,
    segment_export: exportTo,
  };
  return commands;
}

type SegmentCommand =
  | "segments"
  | "segment"
  | "segment_preview"
  | "segment_save"
  | "segment_duplicate"
  | "segment_rename"
  | "segment_delete"
  | "segment_recompute"
  | "segment_diff"
  | "segment_members"
  | "segment_fields"
  | "segment_values"
  | "segment_export_estimate"
  | "segment_export";

export function isSegmentCommand(command: string): command is SegmentCommand {
  return command === "segments" || command.startsWith("segment_") || command === "segment";
}

/** Where the browser mock's save dialog "saves": the Downloads folder, under the suggested name. */
export function chosenPath(options: { defaultPath?: string } | undefined): string {
  return `/home/alex/Downloads/${options?.defaultPath ?? "segment.csv"}`;
}
