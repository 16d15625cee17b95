// A realistic workspace for the tests and for previewing the UI outside the app.
// Deterministic: everything derives from the instant passed in, nothing from the clock.

import type { CollectorStatus } from "../bindings/CollectorStatus";
import type { CompanyRef } from "../bindings/CompanyRef";
import type { DailyKpis } from "../bindings/DailyKpis";
import type { EventRow } from "../bindings/EventRow";
import type { IpcError } from "../bindings/IpcError";
import type { Overview } from "../bindings/Overview";
import type { PersonDetail } from "../bindings/PersonDetail";
import type { PersonRow } from "../bindings/PersonRow";
import type { PlanView } from "../bindings/PlanView";
import type { RejectionRow } from "../bindings/RejectionRow";
import type { SourceInfo } from "../bindings/SourceInfo";
import type { SourcesView } from "../bindings/SourcesView";
import type { TopCompany } from "../bindings/TopCompany";
import type { TraitValue } from "../bindings/TraitValue";
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
const DAY = 24 * HOUR;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function hoursBefore(now: Date, hours: number): string {
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

// ---- Sources ---------------------------------------------------------------------------------

export const COLLECTOR_PORT = 8088;
export const COLLECTOR_BIND = "127.0.0.1";

/** The collector as the Rust side reports it: stopped, or running since a minute before `now`. */
export function sampleCollector(now: Date = SAMPLE_NOW, running = false): CollectorStatus {
  return {
    running,
    address: running ? `http://${COLLECTOR_BIND}:${String(COLLECTOR_PORT)}` : null,
    bind: COLLECTOR_BIND,
    port: COLLECTOR_PORT,
    startedAt: running ? hoursBefore(now, 1 / 60) : null,
    accepted: running ? 1_842 : 0,
    duplicates: running ? 12 : 0,
    rejectedMessages: running ? 3 : 0,
    rejectedRequests: running ? 2 : 0,
    eventsPerMinute: running ? 41 : 0,
    error: null,
  };
}

/** The three sources of the sample workspace; their events add up to the overview's total. */
export function sampleSources(now: Date = SAMPLE_NOW): SourceInfo[] {
  return [
    { id: 1, name: "web", writeKey: "WpX3rF7nQ2kLm9vT4bYc8sHd1gJz6aEu", createdAt: hoursBefore(now, 41 * 24), events: 1_050_211, lastSeen: hoursBefore(now, 0.01), eventsLastMinute: 37 },
    { id: 2, name: "ios", writeKey: "Q8mZt2Lx5RvN0cKp7WsYd3HbJ6gFa9Ue", createdAt: hoursBefore(now, 33 * 24), events: 142_660, lastSeen: hoursBefore(now, 0.4), eventsLastMinute: 4 },
    { id: 3, name: "backend", writeKey: "h4Tn9PqW2xLc7ZrK5vBm0YsD8fGj3AeU", createdAt: hoursBefore(now, 12 * 24), events: 12_006, lastSeen: hoursBefore(now, 26), eventsLastMinute: 0 },
  ];
}

function rejections(now: Date): RejectionRow[] {
  return [
    { receivedAt: hoursBefore(now, 0.02), source: "web", path: "/v1/batch", status: 400, reason: "message 3 of the batch has neither userId nor anonymousId" },
    { receivedAt: hoursBefore(now, 0.3), source: null, path: "/v1/track", status: 401, reason: "unknown write key; copy the key from the Sources screen" },
    { receivedAt: hoursBefore(now, 2.5), source: "ios", path: "/v1/batch", status: 413, reason: "the batch is 612 KB; the limit is 500 KB" },
    { receivedAt: hoursBefore(now, 7), source: "backend", path: "/v1/identify", status: 400, reason: "the body is not JSON: expected value at line 1 column 1" },
  ];
}

/** The Sources screen's data: the collector (stopped unless `running`), three sources, recent traffic. */
export function sampleSourcesView(now: Date = SAMPLE_NOW, running = false): SourcesView {
  return {
    collector: sampleCollector(now, running),
    sources: sampleSources(now),
    latestEvents: latestEvents(now),
    rejections: rejections(now),
  };
}

/** A workspace nobody has sent anything to yet. */
export function emptySourcesView(): SourcesView {
  return { collector: sampleCollector(SAMPLE_NOW, false), sources: [], latestEvents: [], rejections: [] };
}

// ---- People ----------------------------------------------------------------------------------

const HELIO: CompanyRef = { id: 2, name: "Helio Energy", domain: "helio-energy.de" };
const BRIGHTPATH: CompanyRef = { id: 3, name: "Brightpath", domain: "brightpath.io" };
const LUMEN: CompanyRef = { id: 5, name: "Lumen Finance", domain: "lumenfinance.com" };
const PIONEER: CompanyRef = { id: 6, name: "Pioneer Tools", domain: "pioneer-tools.fr" };
const NORTHWIND: CompanyRef = { id: 1, name: "Northwind Logistics", domain: "northwindlogistics.com" };

/** Who each sample person is, with how many hours before `now` they were last seen. */
const PEOPLE: readonly (Omit<PersonRow, "lastSeen"> & { hoursAgo: number })[] = [
  { id: 101, name: "Maria Keller", email: "maria.keller@helio-energy.de", userId: "u-1842", anonymous: false, anonymousId: "ajs-5d1c9e", company: HELIO, events: 214, hoursAgo: 0.42 },
  { id: 102, name: null, email: null, userId: null, anonymous: true, anonymousId: "ajs-8f2a41c7-3b9e", company: NORTHWIND, events: 7, hoursAgo: 0.05 },
  { id: 103, name: "Sam Okafor", email: "sam.okafor@brightpath.io", userId: "u-2210", anonymous: false, anonymousId: "ajs-77ab02", company: BRIGHTPATH, events: 96, hoursAgo: 1.5 },
  { id: 104, name: null, email: null, userId: "50213", anonymous: false, anonymousId: null, company: null, events: 18, hoursAgo: 1.9 },
  { id: 105, name: null, email: "j.varga@lumenfinance.com", userId: "u-3307", anonymous: false, anonymousId: "ajs-c4e190", company: LUMEN, events: 41, hoursAgo: 2.3 },
  { id: 106, name: "Lena Dubois", email: "lena@pioneer-tools.fr", userId: null, anonymous: false, anonymousId: "ajs-2b7f55", company: PIONEER, events: 23, hoursAgo: 3.4 },
  { id: 107, name: "Priya Raman", email: "priya.raman@northwindlogistics.com", userId: "u-0917", anonymous: false, anonymousId: "ajs-91d3aa", company: NORTHWIND, events: 352, hoursAgo: 20 },
  { id: 108, name: null, email: null, userId: null, anonymous: true, anonymousId: "ajs-0e6b12d9-f4a1", company: null, events: 3, hoursAgo: 52 },
];

/** Everyone in the sample workspace, most recently seen first, as the `people` command lists them. */
export function samplePeople(now: Date = SAMPLE_NOW): PersonRow[] {
  return PEOPLE.map(({ hoursAgo, ...person }) => ({ ...person, lastSeen: hoursBefore(now, hoursAgo) }))
    .sort((a, b) => b.lastSeen.localeCompare(a.lastSeen));
}

/** The people whose name, email, user id or anonymous id contains `query`, as the Rust side matches them. */
export function searchPeople(query: string, limit: number, now: Date = SAMPLE_NOW): PersonRow[] {
  const needle = query.trim().toLowerCase();
  return samplePeople(now)
    .filter((person) => {
      if (needle === "") return true;
      const ids = samplePersonDetail(person.id, now)?.identities.map((identity) => identity.value) ?? [];
      return [person.name, person.email, person.userId, ...ids].some((v) => v?.toLowerCase().includes(needle));
    })
    .slice(0, limit);
}

function anonymousId(id: number): string {
  const hex = (id * 2_654_435_761).toString(16).padStart(8, "0").slice(-8);
  return `${hex}-4c1e-9b2f-${hex.slice(0, 4)}-a7d0${hex}`;
}

function trait(key: string, value: unknown, at: string, messageId: string): TraitValue {
  return { key, value: JSON.stringify(value), at, messageId };
}

/** One person in full, or undefined when no sample person has that id. */
export function samplePersonDetail(id: number, now: Date = SAMPLE_NOW): PersonDetail | undefined {
  const person = samplePeople(now).find((p) => p.id === id);
  if (!person) return undefined;
  const seen = person.lastSeen ?? hoursBefore(now, 0);
  const daysBefore = (days: number) => new Date(new Date(seen).getTime() - days * DAY).toISOString().replace(/\.\d{3}Z$/, "Z");
  const who = person.email ?? (person.userId ? `user ${person.userId}` : `anon ${anonymousId(id).slice(0, 4)}…${anonymousId(id).slice(-4)}`);

  const identities = [
    { kind: "anonymous_id", value: anonymousId(id), firstSeen: daysBefore(30) },
    ...(person.userId ? [{ kind: "user_id", value: person.userId, firstSeen: daysBefore(12) }] : []),
    ...(person.email ? [{ kind: "email", value: person.email, firstSeen: daysBefore(12) }] : []),
    ...(person.company && !person.anonymous ? [{ kind: "group_id", value: `acct-${String(person.company.id * 1000 + 17)}`, firstSeen: daysBefore(11) }] : []),
  ];

  const traits: TraitValue[] = [];
  const traitHistory: TraitValue[] = [];
  if (!person.anonymous) {
    const [firstName, lastName] = person.name?.split(" ") ?? [];
    if (firstName) traits.push(trait("firstName", firstName, daysBefore(12), `msg-${String(id)}-t1`));
    if (lastName) traits.push(trait("lastName", lastName, daysBefore(12), `msg-${String(id)}-t1`));
    if (person.email) traits.push(trait("email", person.email, daysBefore(12), `msg-${String(id)}-t1`));
    traits.push(trait("plan", "team", daysBefore(2), `msg-${String(id)}-t3`));
    traits.push(trait("seats", 12, daysBefore(2), `msg-${String(id)}-t3`));
    traits.push(trait("newsletter", true, daysBefore(12), `msg-${String(id)}-t1`));
    traits.push(trait("title", id === 101 ? "Head of Operations" : "Engineer", daysBefore(2), `msg-${String(id)}-t3`));
    traitHistory.push(...traits.filter((t) => t.at === daysBefore(2)));
    traitHistory.push(trait("plan", "trial", daysBefore(9), `msg-${String(id)}-t2`));
    traitHistory.push(trait("seats", 3, daysBefore(9), `msg-${String(id)}-t2`));
    traitHistory.push(trait("title", id === 101 ? "Operations Manager" : "Developer", daysBefore(12), `msg-${String(id)}-t1`));
    traitHistory.push(trait("plan", "free", daysBefore(12), `msg-${String(id)}-t1`));
    traitHistory.push(...traits.filter((t) => t.at === daysBefore(12)));
    traitHistory.sort((a, b) => b.at.localeCompare(a.at));
  }

  const timeline: EventRow[] = [
    { messageType: "page", name: "Pricing", hours: 0 },
    { messageType: "track", name: "Demo Requested", hours: 0.2 },
    { messageType: "identify", name: null, hours: 0.21 },
    { messageType: "page", name: "Docs / Getting started", hours: 5 },
    { messageType: "page", name: "Home", hours: 30 },
  ]
    .filter((_, i) => !person.anonymous || i === 0 || i >= 3)
    .map(({ messageType, name, hours }, i) => ({
      messageId: `msg-${String(id)}-${String(i)}`,
      timestamp: hoursBefore(new Date(seen), hours),
      messageType,
      name,
      who,
      ip: person.anonymous || i % 2 === 0 ? "198.51.100.7" : null,
      companyDomain: person.company?.domain ?? null,
    }));

  const activity = [
    { messageType: "page", name: "Pricing", count: Math.ceil(person.events * 0.4), days: Math.min(6, Math.ceil(person.events * 0.4)), firstAt: daysBefore(29), lastAt: seen },
    { messageType: "page", name: "Docs / Getting started", count: Math.ceil(person.events * 0.3), days: Math.min(4, Math.ceil(person.events * 0.3)), firstAt: daysBefore(20), lastAt: daysBefore(0.2) },
    ...(person.anonymous
      ? []
      : [
          { messageType: "track", name: "Demo Requested", count: 1, days: 1, firstAt: daysBefore(0.01), lastAt: daysBefore(0.01) },
          { messageType: "track", name: "Signed Up", count: 1, days: 1, firstAt: daysBefore(12), lastAt: daysBefore(12) },
          { messageType: "screen", name: "", count: 2, days: 2, firstAt: daysBefore(8), lastAt: daysBefore(3) },
        ]),
  ];

  return { person, identities, traits, traitHistory, activity, timeline };
}

// ---- Tracking plan ---------------------------------------------------------------------------

/** No plan imported yet. */
export function emptyPlanView(): PlanView {
  return { plan: null, counts: [], examples: [] };
}

/** A plan imported nine days before `now`, with violations of every kind. */
export function samplePlanView(now: Date = SAMPLE_NOW): PlanView {
  return {
    plan: {
      name: "Website and app",
      importedAt: hoursBefore(now, 9 * 24),
      events: [
        {
          name: "Signed Up",
          description: "A visitor created an account.",
          properties: [
            { name: "plan", types: "string", required: true },
            { name: "method", types: "string", required: false },
            { name: "referrer", types: "string | null", required: false },
          ],
          seen: 1_204,
          violating: 37,
        },
        {
          name: "Demo Requested",
          description: "The demo form was sent.",
          properties: [
            { name: "email", types: "string", required: true },
            { name: "company_size", types: "integer", required: false },
            { name: "source", types: "string", required: true },
          ],
          seen: 88,
          violating: 12,
        },
        {
          name: "Webinar Registered",
          description: null,
          properties: [
            { name: "webinar_id", types: "string", required: true },
            { name: "utm_campaign", types: "", required: false },
          ],
          seen: 310,
          violating: 0,
        },
        {
          name: "Order Completed",
          description: "Checkout finished and the payment went through.",
          properties: [
            { name: "order_id", types: "string", required: true },
            { name: "revenue", types: "number", required: true },
            { name: "currency", types: "string", required: true },
            { name: "products", types: "array", required: false },
          ],
          seen: 0,
          violating: 0,
        },
      ],
    },
    counts: [
      { event: "Trial Started", kind: "unplanned_event", count: 57 },
      { event: "Signed Up", kind: "missing_property", count: 31 },
      { event: "Demo Requested", kind: "extra_property", count: 12 },
      { event: "Signed Up", kind: "wrong_type", count: 6 },
      { event: "Demo Requested", kind: "invalid_value", count: 2 },
    ],
    examples: [
      { messageId: "msg-9f1c", event: "Trial Started", kind: "unplanned_event", property: null, detail: "Trial Started is not in the plan.", at: hoursBefore(now, 0.1) },
      { messageId: "msg-9e77", event: "Signed Up", kind: "missing_property", property: "plan", detail: "plan is required and was not sent.", at: hoursBefore(now, 0.6) },
      { messageId: "msg-9d02", event: "Signed Up", kind: "wrong_type", property: "plan", detail: "Expected a string; got the number 2.", at: hoursBefore(now, 1.2) },
      { messageId: "msg-9c5a", event: "Demo Requested", kind: "extra_property", property: "utm.term", detail: "utm.term is not in the plan for Demo Requested.", at: hoursBefore(now, 3) },
      { messageId: "msg-9b13", event: "Demo Requested", kind: "invalid_value", property: "email", detail: "Expected an email address; got \"n/a\".", at: hoursBefore(now, 8) },
    ],
  };
}
