// How numbers and times read on screen. Pure functions; the clock is passed in.
// The UI is English-only, so one locale keeps every figure formatted the same way.

const LOCALE = "en-US";

const wholeNumber = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(LOCALE, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(LOCALE, {
  style: "percent",
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const absoluteTime = new Intl.DateTimeFormat(LOCALE, { dateStyle: "medium", timeStyle: "medium" });
const shortTime = new Intl.DateTimeFormat(LOCALE, {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});
const shortDay = new Intl.DateTimeFormat(LOCALE, { month: "short", day: "numeric" });
const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto" });

/** Shown wherever a value is missing. */
export const MISSING = "—";

/** A count: thousands separators, no decimals. */
export function formatCount(value: number): string {
  return wholeNumber.format(value);
}

/** A per-day average: whole numbers from 100 up, one decimal below. */
export function formatPerDay(value: number): string {
  return Math.abs(value) >= 100 ? wholeNumber.format(value) : oneDecimal.format(value);
}

/** A rate given as a fraction (0.25 → "25.0%"); null when there was nothing to measure. */
export function formatRate(value: number | null): string {
  return value === null ? MISSING : percent.format(value);
}

/** A score as it reads in a table: up to one decimal. */
export function formatScore(value: number | null): string {
  return value === null ? MISSING : oneDecimal.format(value).replace(/\.0$/, "");
}

/** An RFC 3339 instant in the viewer's time zone, e.g. "Jun 14, 2025, 9:41:07 AM". */
export function formatAbsolute(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : absoluteTime.format(date);
}

/** An RFC 3339 instant, compact, for dense tables: "Jun 14, 09:41:07". */
export function formatShortTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : shortTime.format(date);
}

/** An RFC 3339 instant as its day, for chart axes: "Jun 14". */
export function formatShortDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : shortDay.format(date);
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** How long before `now` an RFC 3339 instant was: "3 hours ago", "yesterday", "just now". */
export function formatRelative(iso: string, now: Date): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now.getTime()) / 1000);
  if (Math.abs(seconds) < 60) return "just now";
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return "just now";
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** A duration in milliseconds, in the unit it reads best in: "under a minute", "42 min", "5.5 hours", "3.2 days". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return MISSING;
  if (ms < MINUTE_MS) return "under a minute";
  if (ms < HOUR_MS) return `${wholeNumber.format(Math.round(ms / MINUTE_MS))} min`;
  const [value, unit] = ms < DAY_MS ? [ms / HOUR_MS, "hour"] : [ms / DAY_MS, "day"];
  const shown = oneDecimal.format(value).replace(/\.0$/, "");
  return `${shown} ${shown === "1" ? unit : `${unit}s`}`;
}

/** An amount in minor units (cents) of `currency`: "$1,245.95". */
export function formatMoney(minor: number, currency: string): string {
  const money = new Intl.NumberFormat(LOCALE, { style: "currency", currency });
  const digits = money.resolvedOptions().maximumFractionDigits ?? 2;
  return money.format(minor / 10 ** digits);
}
