// How the Outbound screen words and colours what the Rust side reports: review and contact states,
// the employee size buckets, quick rejection reasons, snooze lengths, lookups, outreach states,
// webhook outcomes, the guardrails (Reveal types to skip, suppression lists), and the keyboard
// shortcuts with what they do.

import type { QueueCompany } from "../bindings/QueueCompany";
import { formatCount, MISSING } from "../format";

// ---- the review queue ----------------------------------------------------------------------------

/** The states a queued company is in (`QueueCompany.state`), as the state filter offers them. */
export const STATE_FILTERS = [
  { value: "pending", label: "Pending" },
  { value: "snoozed", label: "Snoozed" },
  { value: "approved", label: "Approved" },
  { value: "rejected", label: "Rejected" },
  { value: "all", label: "All states" },
] as const;

export type StateFilter = (typeof STATE_FILTERS)[number]["value"];

export function isStateFilter(value: string): value is StateFilter {
  return STATE_FILTERS.some((f) => f.value === value);
}

const STATE_COLORS: Record<string, string> = {
  pending: "blue",
  snoozed: "gray",
  approved: "teal",
  rejected: "red",
};

export function stateColor(state: string): string {
  return STATE_COLORS[state] ?? "gray";
}

/** A company the rep can still approve, reject or snooze. */
export function isUndecided(company: QueueCompany): boolean {
  return company.state === "pending" || company.state === "snoozed";
}

/** What a contact's state means for outreach (`QueueContactInfo.state`), with its colour. */
const CONTACT_STATE_COLORS: Record<string, string> = {
  pending: "gray",
  approved: "teal",
  rejected: "red",
  sending: "blue",
  sent: "blue",
  delivered: "cyan",
  opened: "indigo",
  replied: "green",
  bounced: "orange",
  unsubscribed: "gray",
};

export function contactStateColor(state: string): string {
  return CONTACT_STATE_COLORS[state] ?? "gray";
}

/** The employee size buckets the size filter offers. */
export const SIZE_BUCKETS = [
  { value: "1-50", label: "1–50", min: 1, max: 50 },
  { value: "51-200", label: "51–200", min: 51, max: 200 },
  { value: "201-1000", label: "201–1,000", min: 201, max: 1_000 },
  { value: "1001+", label: "1,001+", min: 1_001, max: Number.POSITIVE_INFINITY },
] as const;

/** A company's employee count: "4,200"; a dash when unknown. */
export function sizeText(employees: number | null): string {
  return employees === null ? MISSING : formatCount(employees);
}

/** "very good" → "Very good". */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Seniority as the contact search writes it ("c_suite", "vp") → "C-suite", "VP". */
export function seniorityLabel(seniority: string): string {
  if (seniority === "") return MISSING;
  if (seniority === "c_suite") return "C-suite";
  if (seniority === "vp") return "VP";
  return capitalised(seniority.replace(/_/g, " "));
}

/** The reasons a rep picks with keys 1–4 in the reject dialog. */
export const QUICK_REASONS = ["Not a fit", "Existing customer", "Competitor", "Bad timing"] as const;

/** How long a snooze lasts; `s` snoozes for the default. */
export const SNOOZE_DAYS = [1, 7, 30] as const;
export const DEFAULT_SNOOZE_DAYS = 7;

export function daysText(days: number): string {
  return days === 1 ? "1 day" : `${formatCount(days)} days`;
}

export function countText(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

// ---- keyboard shortcuts --------------------------------------------------------------------------

/** Every shortcut of the review queue, as the help dialog lists them. */
export const SHORTCUTS: readonly { keys: readonly string[]; action: string }[] = [
  { keys: ["j", "↓"], action: "Next company" },
  { keys: ["k", "↑"], action: "Previous company" },
  { keys: ["a"], action: "Approve the checked contacts" },
  { keys: ["r"], action: "Reject, with a reason (1–4 pick a quick one, Enter confirms)" },
  { keys: ["s"], action: `Snooze for ${daysText(DEFAULT_SNOOZE_DAYS)}` },
  { keys: ["g"], action: "Assign to a rep" },
  { keys: ["n"], action: "Add or edit the note (Ctrl+Enter saves)" },
  { keys: ["u"], action: "Reopen a decided or snoozed company" },
  { keys: ["1", "…", "9"], action: "Check or uncheck a contact" },
  { keys: ["?"], action: "Show these shortcuts" },
  { keys: ["Esc"], action: "Close a dialog, or leave a filter field" },
];

// ---- sending -------------------------------------------------------------------------------------

/** The outreach states the screen counts, in the order a contact goes through them. */
export const OUTREACH_STATES = ["sent", "delivered", "opened", "replied", "bounced", "unsubscribed"] as const;

/** "Send 12 approved contacts". */
export function sendLabel(waiting: number): string {
  return waiting === 0 ? "Send approved contacts" : `Send ${countText(waiting, "approved contact")}`;
}

// ---- the pipeline --------------------------------------------------------------------------------

const LOOKUP_LABELS: Record<string, string> = {
  reveal: "Reveal (IP to company)",
  company: "Company enrichment",
  score: "Fit score",
  prospect: "Contact search",
};

/** A lookup kind (`LookupCount.lookup`, an interrupted lookup's reason) as it reads. */
export function lookupLabel(lookup: string): string {
  return LOOKUP_LABELS[lookup] ?? capitalised(lookup);
}

/** The paid lookups in the order a run asks them, as the daily budgets are listed. */
export const LOOKUPS = ["reveal", "company", "score", "prospect"] as const;

// ---- guardrails ----------------------------------------------------------------------------------

/** The Reveal types a rule may skip (`PipelineRulesInfo.skipKinds`). */
export const SKIP_KINDS = [
  { value: "isp", label: "ISP" },
  { value: "education", label: "Education" },
  { value: "government", label: "Government" },
] as const;

/** The suppression lists (`SuppressionInfo.list`). */
export const SUPPRESSION_LISTS = [
  { value: "customer", label: "Customers" },
  { value: "competitor", label: "Competitors" },
  { value: "do_not_contact", label: "Do not contact" },
] as const;

export function suppressionListLabel(list: string): string {
  return SUPPRESSION_LISTS.find((l) => l.value === list)?.label ?? capitalised(list.replace(/_/g, " "));
}

/** What adding to a list did: "3 added, 1 already on the list". */
export function addedText(added: number, already: number): string {
  return `${formatCount(added)} added, ${formatCount(already)} already on the list`;
}

/** The open rate of a day: opened over sent; null when nothing was sent. */
export function openRate(opened: number, sent: number): number | null {
  return sent === 0 ? null : opened / sent;
}

// ---- webhooks ------------------------------------------------------------------------------------

const SOURCES: Record<string, string> = { customerio: "Customer.io", mailparser: "Mailparser" };

export function sourceLabel(source: string): string {
  return SOURCES[source] ?? source;
}

/** A webhook call's outcome: a contact state it moved to, or why it was ignored. */
export function outcomeColor(outcome: string): string {
  if (outcome.startsWith("ignored") || outcome === "already received") return "gray";
  return contactStateColor(outcome);
}

/** What each stage of a pipeline run is doing, as its progress line says it. */
export const PIPELINE_STAGES: Record<string, string> = {
  reveal: "Revealing visitor IPs",
  company: "Enriching companies",
  score: "Scoring companies",
  prospect: "Finding contacts",
};
