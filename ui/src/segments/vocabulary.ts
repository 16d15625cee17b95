// Words for segments: the kinds of rule in plain language, operators, statuses, sizes and changes.

import type { CountOp } from "../bindings/CountOp";
import type { EmailAction } from "../bindings/EmailAction";
import type { FunnelOutcome } from "../bindings/FunnelOutcome";
import type { InFunnel } from "../bindings/InFunnel";
import type { Quantifier } from "../bindings/Quantifier";
import type { SegmentSummary } from "../bindings/SegmentSummary";
import type { SegmentVersion } from "../bindings/SegmentVersion";
import type { Target } from "../bindings/Target";
import type { TraitOp } from "../bindings/TraitOp";
import { formatCount, formatRelative } from "../format";
import type { GroupKind, LeafKind } from "./rules";

export const GROUP_LABELS: Record<GroupKind, { label: string; hint: string }> = {
  all: { label: "All of", hint: "every rule below must match" },
  any: { label: "Any of", hint: "at least one rule below must match" },
  none: { label: "None of", hint: "no rule below may match" },
};

/** What each kind of rule is called in the "Add rule" menu and on its card, per target where it differs. */
export function kindLabel(kind: LeafKind, target: Target): { label: string; hint: string } {
  switch (kind) {
    case "person_trait":
      return { label: "Person's field or trait", hint: "Email, title, plan, role… as identify calls set them" };
    case "company_trait":
      return target === "people"
        ? { label: "Their company", hint: "Industry, size, country, technologies of the person's company" }
        : { label: "Company field", hint: "Industry, size, country, technologies…" };
    case "score":
      return target === "people"
        ? { label: "Score", hint: "Their lead score or fit, or their company's" }
        : { label: "Score", hint: "The company's fit and score" };
    case "performed":
      return { label: "Did an event", hint: "How many times, when, with which properties" };
    case "not_performed":
      return { label: "Did not do an event", hint: "Not once in a window of days" };
    case "first_time":
      return { label: "Did an event for the first time", hint: "Their first time ever fell in a window" };
    case "sequence":
      return { label: "Did one event, then another", hint: "The second within some days of the first" };
    case "email":
      return { label: "Email engagement", hint: "Received, opened, clicked, replied to a campaign, or did not open it" };
    case "in_segment":
      return { label: "In another segment", hint: "A member of a saved segment, as it is now" };
    case "in_funnel":
      return { label: "In a funnel", hint: "Reached a step of a saved funnel, or dropped out there" };
    case "people":
      return { label: "Its people", hint: "Any, all or none of the company's people match rules of their own" };
  }
}

export const TRAIT_OPS: readonly { value: TraitOp; label: string }[] = [
  { value: "equals", label: "is" },
  { value: "not_equals", label: "is not" },
  { value: "contains", label: "contains" },
  { value: "not_contains", label: "does not contain" },
  { value: "starts_with", label: "starts with" },
  { value: "one_of", label: "is one of" },
  { value: "greater_than", label: "is more than" },
  { value: "at_least", label: "is at least" },
  { value: "less_than", label: "is less than" },
  { value: "at_most", label: "is at most" },
  { value: "exists", label: "is set" },
  { value: "not_exists", label: "is not set" },
];

export const NUMERIC_OPS: readonly TraitOp[] = ["greater_than", "at_least", "less_than", "at_most"];

export const COUNT_OPS: readonly { value: CountOp; label: string }[] = [
  { value: "at_least", label: "at least" },
  { value: "at_most", label: "at most" },
  { value: "exactly", label: "exactly" },
];

export const EMAIL_ACTIONS: readonly { value: EmailAction; label: string }[] = [
  { value: "received", label: "received" },
  { value: "opened", label: "opened" },
  { value: "clicked", label: "clicked" },
  { value: "replied", label: "replied to" },
  { value: "bounced", label: "bounced from" },
  { value: "not_opened", label: "received and did not open" },
];

export const QUANTIFIERS: readonly { value: Quantifier; label: string }[] = [
  { value: "any", label: "Any of its people" },
  { value: "all", label: "All of its people" },
  { value: "none", label: "None of its people" },
];

export const FUNNEL_OUTCOMES: readonly { value: FunnelOutcome; label: string }[] = [
  { value: "reached", label: "Reached" },
  { value: "dropped", label: "Dropped out at" },
];

/**
 * What an `in_funnel` rule keeps, in a sentence: `steps` are the saved funnel's step labels
 * (undefined while they are not known, or when no funnel has that name).
 */
export function funnelRuleText(rule: InFunnel, steps: readonly string[] | undefined): string {
  if (rule.funnel.trim() === "") return "Choose a saved funnel.";
  const step = (n: number) => {
    const label = steps?.[n - 1];
    return label === undefined ? `step ${n}` : `step ${n} “${label}”`;
  };
  if (rule.outcome === "reached") {
    const before = rule.step > 1 ? " and every step before it" : "";
    return `People who reached ${step(rule.step)}${before} of “${rule.funnel}”, as the funnel counts them (its window, order and exclusions).`;
  }
  if (rule.step <= 1) return "Nobody drops out at step 1: choose step 2 or later.";
  return `People who reached ${step(rule.step - 1)} of “${rule.funnel}” but not ${step(rule.step)}.`;
}

export const FIT_SEGMENTS: readonly string[] = ["very good", "good", "medium", "low"];

const FIELD_LABELS: Record<string, string> = {
  email: "Email",
  first_name: "First name",
  last_name: "Last name",
  title: "Job title",
  user_id: "User id",
  name: "Name",
  domain: "Domain",
  employees: "Employees",
  industry: "Industry",
  country: "Country",
  city: "City",
  technologies: "Technologies",
};

/** A field's name as a person reads it; trait keys stay as they were sent. */
export function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key;
}

/** "1 company", "1,234 companies", "1 person", "12 people". */
export function unitCount(count: number, unit: string): string {
  const one = unit === "companies" ? "company" : unit === "people" ? "person" : unit;
  return `${formatCount(count)} ${count === 1 ? one : unit}`;
}

export function targetLabel(target: string): string {
  return target === "companies" ? "Companies" : "People";
}

/** Where a segment's membership stands, as the list shows it. */
export function statusText(summary: SegmentSummary, now: Date): { text: string; color: string | undefined } {
  switch (summary.status) {
    case "computing":
      return { text: "computing", color: "blue" };
    case "failed":
      return { text: `failed: ${summary.statusDetail ?? "no reason was given"}`, color: "red" };
    case "ready":
      return summary.computedAt === null
        ? { text: "not computed yet", color: "dimmed" }
        : { text: `up to date as of ${formatRelative(summary.computedAt, now)}`, color: undefined };
    case "pending":
      return { text: "not computed yet", color: "dimmed" };
  }
}

/** "+12 −3": who entered and who left in a version. */
export function changeText(version: Pick<SegmentVersion, "entered" | "exited">): string {
  return `+${formatCount(version.entered)} −${formatCount(version.exited)}`;
}

/** "about 1.2 MB": an estimate, in decimal units, never more precise than it is. */
export function formatBytes(bytes: number): string {
  if (bytes < 1_000) return `about ${formatCount(bytes)} bytes`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes / 1_000;
  let unit = 0;
  while (value >= 1_000 && unit < units.length - 1) {
    value /= 1_000;
    unit += 1;
  }
  return `about ${value.toFixed(1)} ${units[unit] ?? "TB"}`;
}

/** "12,345 rows, about 1.2 MB". */
export function estimateText(rows: number, bytes: number): string {
  return `${formatCount(rows)} ${rows === 1 ? "row" : "rows"}, ${formatBytes(bytes)}`;
}

const REASONS: Record<string, string> = {
  saved: "saved",
  recompute: "recomputed",
  import: "after an import",
  export: "before an export",
};

/** Why a version was computed, in words. */
export function reasonText(reason: string): string {
  return REASONS[reason] ?? reason;
}
