// Which companies of the review queue the screen shows: the queue command answers with every
// company of every state, and the rep narrows it here by state, score, industry, size and rep.
// Pure functions; the screen keeps the filter.

import type { QueueCompany } from "../bindings/QueueCompany";
import { SIZE_BUCKETS, type StateFilter } from "./vocabulary";

/** The rep filter's choices besides a rep's name. */
export const ANY_REP = "any";
export const UNASSIGNED = "unassigned";
/** A rep's name as a choice of the rep filter, so that no name can be mistaken for "any". */
const REP_PREFIX = "rep:";

export function repChoice(rep: string): string {
  return `${REP_PREFIX}${rep}`;
}

/** The rep a rep filter choice names; null for "any" and "unassigned". */
export function repOfChoice(choice: string): string | null {
  return choice.startsWith(REP_PREFIX) ? choice.slice(REP_PREFIX.length) : null;
}

export const ANY = "";

export interface QueueFilter {
  state: StateFilter;
  /** Companies scored at least this; null for any score (unscored ones too). */
  minScore: number | null;
  /** An industry, or `ANY`. */
  industry: string;
  /** A `SIZE_BUCKETS` value, or `ANY`. */
  size: string;
  /** `ANY_REP`, `UNASSIGNED` or `repChoice(name)`. */
  rep: string;
}

export const DEFAULT_FILTER: QueueFilter = { state: "pending", minScore: null, industry: ANY, size: ANY, rep: ANY_REP };

export function matches(company: QueueCompany, filter: QueueFilter): boolean {
  if (filter.state !== "all" && company.state !== filter.state) return false;
  if (filter.minScore !== null && (company.score === null || company.score < filter.minScore)) return false;
  if (filter.industry !== ANY && company.industry !== filter.industry) return false;
  if (filter.size !== ANY) {
    const bucket = SIZE_BUCKETS.find((b) => b.value === filter.size);
    const employees = company.employees;
    if (bucket && (employees === null || employees < bucket.min || employees > bucket.max)) return false;
  }
  if (filter.rep === UNASSIGNED && company.assignedTo !== null) return false;
  const rep = repOfChoice(filter.rep);
  if (rep !== null && company.assignedTo !== rep) return false;
  return true;
}

/** The industries of the queued companies, by name. */
export function industriesOf(companies: readonly QueueCompany[]): string[] {
  const names = new Set(companies.flatMap((c) => (c.industry === null ? [] : [c.industry])));
  return [...names].sort((a, b) => a.localeCompare(b));
}

/** Whether anything but the state narrows the list. */
export function isNarrowed(filter: QueueFilter): boolean {
  return filter.minScore !== null || filter.industry !== ANY || filter.size !== ANY || filter.rep !== ANY_REP;
}
