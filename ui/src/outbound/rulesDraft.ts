// The pipeline's rules as the Guardrails form edits them: numbers as their fields hold them (a
// field being typed in may hold text, or nothing), a budget for every lookup. It turns the saved
// rules into a draft, tells a changed draft from the saved one, and turns a draft back into what
// `pipeline_rules_set` is sent; whether a value is allowed is the Rust side's call.

import type { PipelineRulesInfo } from "../bindings/PipelineRulesInfo";
import { LOOKUPS, lookupLabel } from "./vocabulary";

/** What a number field holds: a number, or text while it is typed (empty when cleared). */
export type NumberField = number | string;

export interface RulesDraft {
  threshold: NumberField;
  skipKinds: string[];
  skipFuzzy: boolean;
  cooldownDays: NumberField;
  roles: string[];
  seniorities: string[];
  maxContacts: NumberField;
  /** Per lookup, in `LOOKUPS` order. */
  budgets: Record<string, NumberField>;
}

export const UNSAVED_RULES = "Your changes to the pipeline's rules were not saved. Leaving discards them.";

export function draftOf(rules: PipelineRulesInfo): RulesDraft {
  const budgets: Record<string, NumberField> = {};
  // A lookup without a budget has none to spend (the Rust side reads it as 0).
  for (const lookup of LOOKUPS) budgets[lookup] = rules.budgets.find((b) => b.lookup === lookup)?.perDay ?? 0;
  for (const b of rules.budgets) budgets[b.lookup] ??= b.perDay;
  return {
    threshold: rules.threshold,
    skipKinds: [...rules.skipKinds],
    skipFuzzy: rules.skipFuzzy,
    cooldownDays: rules.cooldownDays,
    roles: [...rules.roles],
    seniorities: [...rules.seniorities],
    maxContacts: rules.maxContacts,
    budgets,
  };
}

/** A field's number; null while it holds none. */
export function numberOf(field: NumberField): number | null {
  if (typeof field === "number") return Number.isFinite(field) ? field : null;
  if (field.trim() === "") return null;
  const n = Number(field);
  return Number.isFinite(n) ? n : null;
}

function sameNumber(a: NumberField, b: NumberField): boolean {
  return numberOf(a) === numberOf(b);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return sameList([...new Set(a)].sort(), [...new Set(b)].sort());
}

/** Whether two drafts say the same rules (skip kinds in any order; roles in order, as they are searched). */
export function sameRules(a: RulesDraft, b: RulesDraft): boolean {
  const lookups = new Set([...Object.keys(a.budgets), ...Object.keys(b.budgets)]);
  return (
    sameNumber(a.threshold, b.threshold) &&
    sameSet(a.skipKinds, b.skipKinds) &&
    a.skipFuzzy === b.skipFuzzy &&
    sameNumber(a.cooldownDays, b.cooldownDays) &&
    sameList(a.roles, b.roles) &&
    sameList(a.seniorities, b.seniorities) &&
    sameNumber(a.maxContacts, b.maxContacts) &&
    [...lookups].every((l) => sameNumber(a.budgets[l] ?? "", b.budgets[l] ?? ""))
  );
}

/** The rules a draft sends, or the first field left empty (as its label reads) when one is. */
export function rulesOf(draft: RulesDraft): { rules: PipelineRulesInfo } | { empty: string } {
  const threshold = numberOf(draft.threshold);
  if (threshold === null) return { empty: "Qualifying score" };
  const cooldownDays = numberOf(draft.cooldownDays);
  if (cooldownDays === null) return { empty: "Cool-down" };
  const maxContacts = numberOf(draft.maxContacts);
  if (maxContacts === null) return { empty: "Contacts per company" };
  const budgets = [];
  for (const [lookup, field] of Object.entries(draft.budgets)) {
    const perDay = numberOf(field);
    if (perDay === null) return { empty: `${lookupLabel(lookup)} budget` };
    budgets.push({ lookup, perDay });
  }
  return {
    rules: {
      threshold,
      skipKinds: [...draft.skipKinds],
      skipFuzzy: draft.skipFuzzy,
      cooldownDays,
      roles: [...draft.roles],
      seniorities: [...draft.seniorities],
      maxContacts,
      budgets,
    },
  };
}
