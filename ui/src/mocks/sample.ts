// A realistic workspace for the tests and for previewing the UI outside the app.
// Deterministic: everything derives from the instant passed in, nothing from the clock.

import type { DailyKpis } from "../bindings/DailyKpis";
import type { EventRow } from "../bindings/EventRow";
import type { IpcError } from "../bindings/IpcError";
import type { Overview } from "../bindings/Overview";
import type { TopCompany } from "../bindings/TopCompany";
import type { WorkspaceStatus } from "../bindings/WorkspaceStatus";

export const SAMPLE_NOW = new Date("2025-06-14T15:30:00Z");
export const SAMPLE_NAME = "Demo workspace";
export const SAMPLE_PATH = "/home/alex/.local/share/switchboard/Demo workspace.switchboard";

export const CREATION_STEPS = [
  "Creating the workspace file",
  "Generating companies",
  "Generating people",
  "Writing events",
  "Scoring companies",
  "Computing daily KPIs",
] as const;

export function readyStatus(): WorkspaceStatus {
  return { state: "ready", name: SAMPLE_NAME, path: SAMPLE_PATH, progress: null, error: null };
}

export function creatingStatus(done: number, total = CREATION_STEPS.length): WorkspaceStatus {
  const step = CREATION_STEPS[Math.min(done, CREATION_STEPS.length - 1)] ?? "Working";
  return { state: "creating", name: null, path: SAMPLE_PATH, progress: { step, done, total }, error: null };
}

export function failedStatus(): WorkspaceStatus {
  return {
    state: "failed",
    name: null,
    path: SAMPLE_PATH,
    progress: null,
    error: {
      code: "io",
      message: "Could not create the workspace file because the disk is full; free some space and restart Switchboard.",
    },
  };
}

/** Rejects the way Tauri does: with the plain value the command returned as its error, not an Error. */
export function rejectWith(value: IpcError | string): Promise<never> {
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- mirrors Tauri's rejections
  return Promise.reject(value);
}

const HOUR = 3_600_000;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function hoursBefore(now: Date, hours: number): string {
  return new Date(now.getTime() - hours * HOUR).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const COMPANIES: readonly Omit<TopCompany, "lastSeen">[] = [
  { domain: "northwindlogistics.com", name: "Northwind Logistics", industry: "Logistics", employees: 4200, country: "US", technologies: ["Salesforce", "Segment", "Snowflake", "React", "Zendesk"], visits: 184, score: 92, fitSegment: "very good" },
  { domain: "helio-energy.de", name: "Helio Energy", industry: "Renewables", employees: 860, country: "DE", technologies: ["HubSpot", "WordPress"], visits: 131, score: 88, fitSegment: "very good" },
  { domain: "brightpath.io", name: "Brightpath", industry: "Software", employees: 140, country: "GB", technologies: ["Intercom", "Stripe", "Next.js", "Segment"], visits: 97, score: 76, fitSegment: "good" },
  { domain: "oakridgehealth.org", name: "Oakridge Health", industry: "Healthcare", employees: 12500, country: "US", technologies: ["Microsoft Dynamics"], visits: 88, score: 71, fitSegment: "good" },
  { domain: "lumenfinance.com", name: "Lumen Finance", industry: "Financial services", employees: 2300, country: "NL", technologies: ["Salesforce", "Marketo", "Okta"], visits: 64, score: 58, fitSegment: "medium" },
  { domain: "pioneer-tools.fr", name: "Pioneer Tools", industry: "Manufacturing", employees: 530, country: "FR", technologies: ["Shopify", "Klaviyo"], visits: 51, score: 54, fitSegment: "medium" },
  { domain: "quillandink.co", name: "Quill & Ink", industry: "Publishing", employees: 45, country: "CA", technologies: [], visits: 39, score: 31, fitSegment: "low" },
  { domain: "tessera.ai", name: "Tessera AI", industry: null, employees: null, country: null, technologies: ["Vercel", "PostHog"], visits: 27, score: null, fitSegment: null },
];

function topCompanies(now: Date): TopCompany[] {
  const hoursAgo = [0.2, 1.5, 3, 7, 20, 30, 52, 140];
  return COMPANIES.map((company, i) => ({ ...company, lastSeen: hoursBefore(now, hoursAgo[i] ?? 200) }));
}

const EVENTS: readonly Omit<EventRow, "messageId" | "timestamp">[] = [
  { messageType: "page", name: "Pricing", who: "anon 7f3c…e21a", ip: "203.0.113.24", companyDomain: "northwindlogistics.com" },
  { messageType: "track", name: "Demo Requested", who: "maria.keller@helio-energy.de", ip: "198.51.100.7", companyDomain: "helio-energy.de" },
  { messageType: "identify", name: null, who: "maria.keller@helio-energy.de", ip: "198.51.100.7", companyDomain: "helio-energy.de" },
  { messageType: "page", name: "Docs / Getting started", who: "anon 1b9d…40c2", ip: "192.0.2.181", companyDomain: "brightpath.io" },
  { messageType: "group", name: null, who: "sam.okafor@brightpath.io", ip: null, companyDomain: "brightpath.io" },
  { messageType: "screen", name: "Dashboard", who: "user 50213", ip: "203.0.113.90", companyDomain: null },
  { messageType: "track", name: "Signed Up", who: "j.varga@lumenfinance.com", ip: "198.51.100.52", companyDomain: "lumenfinance.com" },
  { messageType: "alias", name: null, who: "user 50213", ip: null, companyDomain: null },
  { messageType: "page", name: "Blog / Attribution without cookies", who: "anon 9a0e…77f1", ip: "192.0.2.14", companyDomain: null },
  { messageType: "track", name: "Webinar Registered", who: "lena@pioneer-tools.fr", ip: "203.0.113.201", companyDomain: "pioneer-tools.fr" },
];

function latestEvents(now: Date): EventRow[] {
  return EVENTS.map((event, i) => ({
    ...event,
    messageId: `msg-${String(1000 + i)}`,
    timestamp: hoursBefore(now, 0.05 + i * 0.37),
  }));
}

function daily(now: Date): DailyKpis[] {
  const days: DailyKpis[] = [];
  for (let back = 29; back >= 0; back--) {
    const day = new Date(now.getTime() - back * 24 * HOUR);
    const weekday = day.getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    const wave = Math.round(90 * Math.sin(back / 3));
    const identifiedDomains = (weekend ? 640 : 1180) + wave + (29 - back) * 4;
    days.push({
      day: isoDay(day),
      identifiedDomains,
      qualifiedCompanies: Math.round(identifiedDomains / 27),
      newContacts: (weekend ? 4 : 11) + (back % 5),
    });
  }
  return days;
}

/** The overview as the Rust side would send it on `now`, with a 7-day open rate of null. */
export function sampleOverview(now: Date = SAMPLE_NOW): Overview {
  return {
    workspaceName: SAMPLE_NAME,
    asOf: isoDay(now),
    windows: [
      { days: 7, coveredDays: 7, identifiedDomainsPerDay: 1284.29, qualifiedCompaniesPerDay: 46.71, newContactsPerDay: 12.43, outboundOpenRate: null },
      { days: 30, coveredDays: 30, identifiedDomainsPerDay: 1190.6, qualifiedCompaniesPerDay: 41.2, newContactsPerDay: 9.8, outboundOpenRate: 0.4127 },
    ],
    people: 48_213,
    companies: 6_532,
    eventsTotal: 1_204_877,
    eventsByType: [
      { messageType: "identify", count: 61_240 },
      { messageType: "track", count: 702_118 },
      { messageType: "page", count: 421_307 },
      { messageType: "screen", count: 12_004 },
      { messageType: "group", count: 6_532 },
      { messageType: "alias", count: 1_676 },
    ],
    topCompanies: topCompanies(now),
    latestEvents: latestEvents(now),
    daily: daily(now),
  };
}
