// A connection form as it is being edited, and what saving it sends. Pure functions: whether a
// tool is connected and which fields it lacks are the Rust side's answer (`connected`, `masked`,
// `value`); this module only words them and compares edits with what is saved.

import type { ConnectionInfo } from "../bindings/ConnectionInfo";
import type { ArgsOf, Schedule } from "../ipc";

/** What the form holds: every field's text (a secret's is only what was typed), base URL and schedule. */
export interface Draft {
  values: Record<string, string>;
  baseUrl: string;
  schedule: Schedule;
  /** Days, as typed. */
  freshnessDays: string;
  /** Lookups a day, as typed; empty for tools without paid lookups. */
  dailyBudget: string;
}

export const SCHEDULES: readonly { value: Schedule; label: string }[] = [
  { value: "off", label: "Off — sync only when asked" },
  { value: "hourly", label: "Every hour" },
  { value: "daily", label: "Every day" },
];

function isSchedule(value: string): value is Schedule {
  return SCHEDULES.some((s) => s.value === value);
}

/** The form as saved: plain fields with their values, secrets empty (a saved key is never sent back). */
export function savedDraft(connection: ConnectionInfo): Draft {
  return {
    values: Object.fromEntries(connection.fields.map((f) => [f.name, f.secret ? "" : (f.value ?? "")])),
    baseUrl: connection.baseUrl ?? "",
    schedule: isSchedule(connection.schedule) ? connection.schedule : "off",
    freshnessDays: connection.freshnessDays === null ? "" : String(connection.freshnessDays),
    dailyBudget: connection.dailyBudget === null ? "" : String(connection.dailyBudget),
  };
}

/** A whole number from 0 up typed into a field, or null when the text is not one. */
export function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

/** Why the draft's numbers cannot be saved, or null when they can. */
export function numberProblem(connection: ConnectionInfo, draft: Draft): string | null {
  if (connection.freshnessDays !== null && wholeNumber(draft.freshnessDays) === null) {
    return "Freshness must be a whole number of days, 0 or more.";
  }
  if (connection.dailyBudget !== null && wholeNumber(draft.dailyBudget) === null) {
    return "The daily budget must be a whole number of lookups, 0 or more.";
  }
  return null;
}

export function sameDraft(a: Draft, b: Draft): boolean {
  const names = new Set([...Object.keys(a.values), ...Object.keys(b.values)]);
  return (
    a.baseUrl.trim() === b.baseUrl.trim() &&
    a.schedule === b.schedule &&
    a.freshnessDays.trim() === b.freshnessDays.trim() &&
    a.dailyBudget.trim() === b.dailyBudget.trim() &&
    [...names].every((name) => (a.values[name] ?? "").trim() === (b.values[name] ?? "").trim())
  );
}

/**
 * What `connection_save` is sent: every field, trimmed. An empty secret keeps the saved key and an
 * empty plain field clears it (the Rust side's rule); an empty base URL goes back to the vendor's.
 */
export function saveArgs(connection: ConnectionInfo, draft: Draft): ArgsOf<"connection_save"> {
  const baseUrl = draft.baseUrl.trim();
  return {
    tool: connection.tool,
    values: Object.fromEntries(connection.fields.map((f) => [f.name, (draft.values[f.name] ?? "").trim()])),
    baseUrl: baseUrl === "" ? null : baseUrl,
    schedule: draft.schedule,
    freshnessDays: connection.freshnessDays === null ? null : wholeNumber(draft.freshnessDays),
    dailyBudget: connection.dailyBudget === null ? null : wholeNumber(draft.dailyBudget),
  };
}

/** The labels of the required fields with nothing saved, in form order. */
export function missingFields(connection: ConnectionInfo): string[] {
  return connection.fields.filter((f) => f.required && (f.value ?? "") === "" && f.masked === null).map((f) => f.label);
}

const list = new Intl.ListFormat("en-US", { style: "long", type: "conjunction" });

/** Why Test and Sync now cannot run yet, in a sentence; null once the tool is connected. */
export function notConnectedReason(connection: ConnectionInfo): string | null {
  if (connection.connected) return null;
  const missing = missingFields(connection);
  return missing.length === 0
    ? `${connection.name} is not connected yet; fill in its fields and save.`
    : `Not connected: enter the ${list.format(missing)}, then save.`;
}

/** "Your changes to Clearbit and Google Ads were not saved…", or null when nothing is unsaved. */
export function unsavedReason(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  return `Your changes to the ${list.format(names)} ${names.length === 1 ? "connection were" : "connections were"} not saved. Leaving discards them.`;
}
