// The Outbound screen's back end for the browser mock and the tests: a review queue of qualified
// companies in every state (contacts, visits, signals) whose decisions, snoozes, reps and notes
// change as the app's do; sends to Customer.io (refused while it is not connected; one role address
// refused by Customer.io and tried again by the next send); pipeline runs (a dry run spends
// nothing, a run queues new companies and spends today's budget, lookups a stopped run left are
// asked again only when told); the daily figures and the inbound webhooks; the pipeline's rules
// (refused as the app refuses them; the budgets are what a run may spend) and the suppression
// lists (domains pasted or imported as CSV, one per line, header skipped). Messages follow
// switchboard-workspace's as the shell words them; it must not grow into a second pipeline — the
// app's answers are the truth.

import type { KeyReason } from "../bindings/KeyReason";
import type { LookupCount } from "../bindings/LookupCount";
import type { PipelineDayInfo } from "../bindings/PipelineDayInfo";
import type { PipelineRulesInfo } from "../bindings/PipelineRulesInfo";
import type { PipelineRunInfo } from "../bindings/PipelineRunInfo";
import type { PipelineProgressInfo } from "../bindings/PipelineProgressInfo";
import type { QueueCompany } from "../bindings/QueueCompany";
import type { QueueContactInfo } from "../bindings/QueueContactInfo";
import type { QueueView } from "../bindings/QueueView";
import type { SendResult } from "../bindings/SendResult";
import type { SuppressionAdded } from "../bindings/SuppressionAdded";
import type { SuppressionInfo } from "../bindings/SuppressionInfo";
import type { WebhookCall } from "../bindings/WebhookCall";
import type { WebhookInfo } from "../bindings/WebhookInfo";
import type { ArgsOf, ResultOf } from "../ipc";
import { hoursBefore, rejectWith } from "./sample";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_OUTBOUND_EVENT = "switchboard_outbound_approved";
/** How many contacts one send goes through (switchboard-workspace's `SEND_BATCH`). */
const SEND_BATCH = 500;
/** The source report's daily figures, as the shell sends them. */
const REFERENCE = { domains: 1_000, qualified: 60, contacts: 300, openRate: 0.71 };
/** Outreach states: a contact in one of them was sent (or is being sent). */
export const OUTREACH_STATES = ["sending", "sent", "delivered", "opened", "replied", "bounced", "unsubscribed"];
/** The states that stop a contact; Customer.io is told of them so the campaign sends nothing more. */
const STOPPED = ["replied", "bounced", "unsubscribed"];

export const MAILPARSER_TEMPLATE = `{
  "id": "{{id}}",
  "received_at": "{{received_at}}",
  "from": "{{from_email}}",
  "subject": "{{subject}}",
  "to": "{{to}}"
}`;

// ---- the sample queue --------------------------------------------------------------------------

function contact(
  prospectId: number,
  name: string,
  title: string,
  seniority: string,
  email: string,
  state = "pending",
  verified = true,
): QueueContactInfo {
  return { prospectId, email, name, title, seniority, verified, state };
}

interface Entry {
  domain: string;
  name: string;
  employees: number | null;
  industry: string | null;
  location: string | null;
  technologies: string[];
  score: number | null;
  fit: string | null;
  signals: string[];
  /** Hours before now it was queued. */
  queued: number;
  /** The visits, hours before now, with pages; newest first. */
  visits: [number, number][];
  visitCount: number;
  contacts: QueueContactInfo[];
  state?: string;
  assignedTo?: string;
  note?: string;
  reason?: string;
  decided?: number;
  snoozedFor?: number;
}

function company(now: Date, e: Entry): QueueCompany {
  return {
    domain: e.domain,
    name: e.name,
    employees: e.employees,
    industry: e.industry,
    location: e.location,
    technologies: e.technologies,
    state: e.state ?? "pending",
    snoozedUntil: e.snoozedFor === undefined ? null : hoursBefore(now, -e.snoozedFor),
    assignedTo: e.assignedTo ?? null,
    note: e.note ?? null,
    reason: e.reason ?? null,
    queuedAt: hoursBefore(now, e.queued),
    decidedAt: e.decided === undefined ? null : hoursBefore(now, e.decided),
    score: e.score,
    fit: e.fit,
    signals: e.signals,
    visitCount: e.visitCount,
    visits: e.visits.map(([hours, pages]) => ({ at: hoursBefore(now, hours), pages })),
    // The pages its visitors viewed most, as the backend counts them from their page calls.
    pages: [
      { name: "Pricing", views: Math.max(1, Math.round(e.visitCount / 2)) },
      { name: "Home", views: Math.max(1, Math.round(e.visitCount / 3)) },
    ],
    contacts: e.contacts,
  };
}

/** The sample workspace's queue: four companies pending, one snoozed, two approved (one sent), one rejected. */
export function sampleQueue(now: Date): QueueCompany[] {
  return [
    company(now, {
      domain: "northwindlogistics.com",
      name: "Northwind Logistics",
      employees: 4_200,
      industry: "Logistics",
      location: "Chicago, US",
      technologies: ["Salesforce", "Segment", "Snowflake", "Zendesk"],
      score: 92,
      fit: "very good",
      signals: ["pricing page visits", "4,200 employees", "Snowflake"],
      queued: 2,
      visits: [[3, 7], [26, 12], [50, 12]],
      visitCount: 31,
      assignedTo: "Casey Lindgren",
      contacts: [
        contact(204, "Priya Raman", "Director of Data", "director", "priya.raman@northwindlogistics.com"),
        contact(301, "Marcus Bell", "VP Operations", "vp", "marcus.bell@northwindlogistics.com"),
        contact(302, "Lena Ortiz", "Head of Analytics", "head", "lena.ortiz@northwindlogistics.com", "pending", false),
      ],
    }),
    company(now, {
      domain: "helio-energy.de",
      name: "Helio Energy",
      employees: 860,
      industry: "Renewables",
      location: "Hamburg, DE",
      technologies: ["HubSpot", "WordPress"],
      score: 88,
      fit: "very good",
      signals: ["pricing page visits", "Renewables", "HubSpot"],
      queued: 4,
      visits: [[5, 9], [49, 5]],
      visitCount: 14,
      contacts: [
        contact(201, "Maria Keller", "Head of Operations", "head", "maria.keller@helio-energy.de"),
        contact(303, "Jan Vogt", "Chief Technology Officer", "c_suite", "jan.vogt@helio-energy.de"),
      ],
    }),
    company(now, {
      domain: "brightpath.io",
      name: "Brightpath",
      employees: 140,
      industry: "Software",
      location: "London, GB",
      technologies: ["Intercom", "Stripe", "Next.js", "Segment"],
      score: 76,
      fit: "good",
      signals: ["docs visits", "Segment"],
      queued: 6,
      visits: [[7, 9]],
      visitCount: 9,
      contacts: [contact(202, "Sam Okafor", "VP Engineering", "vp", "sam.okafor@brightpath.io")],
    }),
    company(now, {
      domain: "lumenfinance.com",
      name: "Lumen Finance",
      employees: 2_300,
      industry: "Financial services",
      location: "Amsterdam, NL",
      technologies: ["Salesforce", "Marketo", "Okta"],
      score: 58,
      fit: "medium",
      signals: ["security page visits"],
      queued: 9,
      visits: [[10, 6]],
      visitCount: 6,
      assignedTo: "Robin Diaz",
      note: "Their renewal with the current vendor is in September.",
      contacts: [
        contact(206, "Jonas Varga", "CFO", "c_suite", "j.varga@lumenfinance.com"),
        contact(304, "Eva Smit", "Marketing Manager", "manager", "eva.smit@lumenfinance.com"),
      ],
    }),
    company(now, {
      domain: "quillandink.co",
      name: "Quill & Ink",
      employees: 45,
      industry: "Publishing",
      location: "Toronto, CA",
      technologies: [],
      score: 64,
      fit: "medium",
      signals: ["blog visits", "pricing page visits"],
      queued: 30,
      visits: [[31, 3]],
      visitCount: 3,
      state: "snoozed",
      snoozedFor: 5 * 24,
      decided: 28,
      contacts: [contact(205, "Owen Hart", "Managing Editor", "manager", "owen@quillandink.co")],
    }),
    company(now, {
      domain: "fernbank.health",
      name: "Fernbank Health",
      employees: 610,
      industry: "Healthcare",
      location: "Boston, US",
      technologies: ["Salesforce", "Pardot"],
      score: 81,
      fit: "good",
      signals: ["pricing page visits", "demo page visits"],
      queued: 28,
      visits: [[29, 8], [54, 4]],
      visitCount: 12,
      state: "approved",
      decided: 6,
      assignedTo: "Casey Lindgren",
      contacts: [
        // A send stopped after starting this one: the next send resumes it.
        contact(309, "Nora Patel", "VP Marketing", "vp", "nora.patel@fernbank.health", "sending"),
        contact(310, "Tom Reid", "Director of Growth", "director", "tom.reid@fernbank.health", "approved"),
        contact(311, "Info desk", "", "", "info@fernbank.health", "approved", false),
      ],
    }),
    company(now, {
      domain: "tessera.ai",
      name: "Tessera",
      employees: null,
      industry: null,
      location: null,
      technologies: ["Vercel", "PostHog"],
      score: 71,
      fit: "good",
      signals: ["docs visits"],
      queued: 27,
      visits: [[27, 4]],
      visitCount: 4,
      state: "approved",
      decided: 20,
      contacts: [contact(203, "Ada Brooks", "Founder", "owner", "ada@tessera.ai", "approved")],
    }),
    company(now, {
      domain: "acmerobotics.com",
      name: "Acme Robotics",
      employees: 320,
      industry: "Manufacturing",
      location: "Stuttgart, DE",
      technologies: ["SAP", "HubSpot"],
      score: 67,
      fit: "medium",
      signals: ["careers page visits"],
      queued: 52,
      visits: [[53, 2]],
      visitCount: 2,
      state: "rejected",
      reason: "Existing customer",
      decided: 50,
      contacts: [contact(305, "Kim Ng", "Head of IT", "head", "kim.ng@acmerobotics.com", "rejected")],
    }),
    company(now, {
      domain: "orbitfreight.com",
      name: "Orbit Freight",
      employees: 1_500,
      industry: "Logistics",
      location: "Rotterdam, NL",
      technologies: ["Salesforce", "Segment"],
      score: 84,
      fit: "good",
      signals: ["pricing page visits", "Segment"],
      queued: 75,
      visits: [[76, 11], [98, 6]],
      visitCount: 17,
      state: "approved",
      decided: 72,
      assignedTo: "Robin Diaz",
      contacts: [
        contact(306, "Dana Wells", "COO", "c_suite", "dana.wells@orbitfreight.com", "opened"),
        contact(307, "Lee Chan", "Head of Operations", "head", "lee.chan@orbitfreight.com", "replied"),
        contact(308, "Rob Ames", "Logistics Manager", "manager", "rob.ames@orbitfreight.com", "bounced"),
      ],
    }),
  ];
}

/** What the next pipeline run finds: companies it qualifies, with their contacts. */
function nextWave(now: Date): QueueCompany[] {
  return [
    company(now, {
      domain: "harborline.com",
      name: "Harborline Shipping",
      employees: 2_900,
      industry: "Logistics",
      location: "Hamburg, DE",
      technologies: ["Salesforce", "Snowflake"],
      score: 90,
      fit: "very good",
      signals: ["pricing page visits", "Snowflake"],
      queued: 0,
      visits: [[0.5, 6]],
      visitCount: 6,
      contacts: [
        contact(312, "Ines Brandt", "VP Operations", "vp", "ines.brandt@harborline.com"),
        contact(313, "Pavel Novak", "Head of Data", "head", "pavel.novak@harborline.com"),
        contact(314, "Ruth Owusu", "Director of Finance", "director", "ruth.owusu@harborline.com"),
      ],
    }),
    company(now, {
      domain: "vantaworks.io",
      name: "Vanta Works",
      employees: 180,
      industry: "Software",
      location: "Berlin, DE",
      technologies: ["Segment", "Stripe"],
      score: 79,
      fit: "good",
      signals: ["docs visits", "Segment"],
      queued: 0,
      visits: [[0.7, 4]],
      visitCount: 4,
      contacts: [
        contact(315, "Mia Lund", "CTO", "c_suite", "mia.lund@vantaworks.io"),
        contact(316, "Theo Marsh", "Engineering Manager", "manager", "theo.marsh@vantaworks.io", "pending", false),
      ],
    }),
    company(now, {
      domain: "copperleaf.co",
      name: "Copperleaf Foods",
      employees: 75,
      industry: "Food and beverage",
      location: "Leeds, GB",
      technologies: ["Shopify"],
      score: 66,
      fit: "medium",
      signals: ["pricing page visits"],
      queued: 0,
      visits: [[0.9, 3]],
      visitCount: 3,
      contacts: [
        contact(317, "Ella Shaw", "Founder", "owner", "ella@copperleaf.co"),
        contact(318, "Sam Reyes", "Head of Sales", "head", "sam.reyes@copperleaf.co"),
      ],
    }),
  ];
}

// ---- the pipeline ------------------------------------------------------------------------------

const LOOKUPS = ["reveal", "company", "score", "prospect"] as const;
type Lookup = (typeof LOOKUPS)[number];

/** Reveal types a rule may skip (switchboard-workspace's `SKIPPABLE_KINDS`). */
const SKIPPABLE_KINDS = ["isp", "education", "government"];

/**
 * The sample workspace's rules, as `pipeline_rules` answers: skip kinds sorted, budgets by lookup
 * name (the Rust side keeps both in ordered sets).
 */
export function sampleRules(): PipelineRulesInfo {
  return {
    skipKinds: ["education", "government", "isp"],
    skipFuzzy: true,
    cooldownDays: 90,
    threshold: 70,
    roles: ["marketing", "sales"],
    seniorities: ["executive", "director"],
    maxContacts: 5,
    budgets: [
      { lookup: "company", perDay: 150 },
      { lookup: "prospect", perDay: 100 },
      { lookup: "reveal", perDay: 200 },
      { lookup: "score", perDay: 500 },
    ],
  };
}

/** Why the app refuses rules (switchboard-workspace's `check_rules`, as the shell words it); null when it takes them. */
function rulesRefusal(r: PipelineRulesInfo): string | null {
  if (!(r.threshold >= 0 && r.threshold <= 100)) return `The threshold is a score from 0 to 100, not ${String(r.threshold)}.`;
  if (!(r.maxContacts >= 1 && r.maxContacts <= 100)) return "Contacts per company are 1 to 100.";
  if (r.cooldownDays > 3_650) return "The cool-down is at most 3,650 days.";
  const kind = r.skipKinds.find((k) => !SKIPPABLE_KINDS.includes(k));
  if (kind !== undefined) return `"${kind}" is not a Reveal type to skip; use isp, education or government.`;
  const lookup = r.budgets.find((b) => !(LOOKUPS as readonly string[]).includes(b.lookup));
  if (lookup !== undefined) {
    return `"${lookup.lookup}" is not a lookup; budgets are for reveal, company, score and prospect.`;
  }
  if ([...r.roles, ...r.seniorities].some((v) => v.trim() === "")) return "Roles and seniorities cannot be empty names.";
  return null;
}

// ---- suppression lists -------------------------------------------------------------------------

const SUPPRESSION_LISTS = ["customer", "competitor", "do_not_contact"];

/** A cell as a domain, as switchboard-core's `normalise_domain` reads it: no scheme, path or www. */
function normaliseDomain(text: string): string | null {
  let t = text.trim().toLowerCase();
  t = t.startsWith("https://") ? t.slice(8) : t.startsWith("http://") ? t.slice(7) : t;
  t = t.split("/")[0] ?? "";
  if (t.startsWith("www.")) t = t.slice(4);
  const ok = t.includes(".") && !t.startsWith(".") && !t.endsWith(".") && /^[a-z0-9.-]+$/.test(t);
  return ok ? t : null;
}

/**
 * The domains of pasted text or a CSV file, as switchboard-workspace's `import_suppressions`
 * reads them: from each line the first cell that is a domain, an email's domain or a URL's host;
 * a first line without one is a header; other lines without one are refused with their number.
 */
function domainsOf(text: string): { domains: string[]; refused: KeyReason[] } {
  const domains: string[] = [];
  const refused: KeyReason[] = [];
  const lines = text.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (lines.at(-1) === "") lines.pop();
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let found: string | null = null;
    for (const raw of line.split(/[,;\t]/)) {
      const cell = raw.trim().replace(/^"+|"+$/g, "");
      const at = cell.lastIndexOf("@");
      found = normaliseDomain(at === -1 ? cell : cell.slice(at + 1));
      if (found !== null) break;
    }
    if (found !== null) domains.push(found);
    // The first 80 characters as Rust counts them (code points).
    else if (i > 0) refused.push({ key: String(i + 1), reason: Array.from(line).slice(0, 80).join("") });
  });
  return { domains, refused };
}

function sampleSuppressions(now: Date): SuppressionInfo[] {
  const entry = (domain: string, list: string, note: string | null, hours: number): SuppressionInfo => ({
    domain,
    list,
    note,
    addedAt: hoursBefore(now, hours),
  });
  return [
    entry("acmerobotics.com", "customer", "Signed in March", 50),
    entry("globex.com", "customer", null, 30 * 24),
    entry("initech.com", "do_not_contact", "Asked not to be contacted", 12 * 24),
    entry("rivalmetrics.io", "competitor", null, 60 * 24),
  ];
}

/** By domain, then list, as `suppressions` lists them. */
function byDomain(a: SuppressionInfo, b: SuppressionInfo): number {
  const key = (s: SuppressionInfo) => `${s.domain}\u0000${s.list}`;
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A text's length in characters as Rust counts them (`chars().count()`). */
function codePoints(text: string): number {
  return text.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "_").length;
}

function hash(text: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16_777_619) >>> 0;
  return h;
}

/** One day's figures, near the source report's, the same for the same day. */
function sampleDay(day: string): PipelineDayInfo {
  const h = hash(day);
  const domainsIdentified = 880 + (h % 240);
  const qualified = 48 + ((h >>> 8) % 20);
  const sent = 120 + ((h >>> 12) % 80);
  return {
    day,
    ipsSeen: 2_100 + ((h >>> 4) % 700),
    domainsIdentified,
    qualified,
    contactsFound: qualified * 5 - ((h >>> 16) % 30),
    approved: 30 + ((h >>> 20) % 20),
    sent,
    opened: Math.round(sent * (0.6 + ((h >>> 24) % 20) / 100)),
    replied: 4 + ((h >>> 27) % 8),
  };
}

// ---- the commands ------------------------------------------------------------------------------

export interface OutboundOptions {
  /** No queue, no pipeline days, no webhooks set up. */
  empty?: boolean;
  /** Whether Customer.io is connected (sending needs it); yes unless told. */
  customerioConnected?: () => boolean | Promise<boolean>;
  /** Whether the webhook secret was created; yes unless told (or empty). */
  webhooks?: boolean;
  /** Lookups a stopped run left without an answer; two unless told (none when empty). */
  interrupted?: KeyReason[];
  /** Told where a run is, as the app emits `pipeline-progress`. */
  onProgress?: (progress: PipelineProgressInfo) => void;
}

/** The review queue, sending, pipeline and webhook commands over a queue that changes. */
export function outboundCommands(
  now: () => Date,
  { empty = false, customerioConnected = () => true, webhooks = !empty, interrupted: leftOver, onProgress }: OutboundOptions = {},
) {
  let companies: QueueCompany[] = empty ? [] : sampleQueue(now());
  let event = DEFAULT_OUTBOUND_EVENT;
  /** Stopped addresses Customer.io was already told of. */
  const notified = new Set<string>(empty ? [] : ["lee.chan@orbitfreight.com"]);
  let ipsWaiting = empty ? 0 : 42;
  /** Whether the next run meets Clearbit's rate limit on one IP. */
  let throttled = !empty;
  let wave: QueueCompany[] = empty ? [] : nextWave(now());
  let interrupted: KeyReason[] = leftOver ?? (empty ? [] : [
    { key: "203.0.113.7", reason: "reveal" },
    { key: "kestrel.io", reason: "company" },
  ]);
  let rules = sampleRules();
  let suppressed: SuppressionInfo[] = empty ? [] : sampleSuppressions(now());
  const spentToday: Record<Lookup, number> = { reveal: 0, company: 0, score: 0, prospect: 0 };
  let spentOn = isoDay(now());
  /** Contacts approved here today, added to today's figure. */
  let approvedToday = 0;

  /** Snoozed companies whose time is up are pending again, as the app wakes them when listing. */
  function wake() {
    const at = now().getTime();
    companies = companies.map((c) =>
      c.state === "snoozed" && c.snoozedUntil !== null && new Date(c.snoozedUntil).getTime() <= at
        ? { ...c, state: "pending", snoozedUntil: null }
        : c,
    );
  }

  /**
   * Newest queued day first, then best scored, as `queue list` orders them. Days are counted back
   * from now rather than by the calendar, so the order does not change with the time of day.
   */
  function ordered(): QueueCompany[] {
    const at = now().getTime();
    const daysAgo = (c: QueueCompany) => Math.floor((at - new Date(c.queuedAt).getTime()) / DAY_MS);
    return [...companies].sort((a, b) => daysAgo(a) - daysAgo(b) || (b.score ?? -1) - (a.score ?? -1));
  }

  async function view(): Promise<QueueView> {
    wake();
    const contacts = companies.flatMap((c) => c.contacts);
    const outreach = new Map<string, number>();
    for (const c of contacts) if (OUTREACH_STATES.includes(c.state)) outreach.set(c.state, (outreach.get(c.state) ?? 0) + 1);
    const reps = [...new Set(companies.flatMap((c) => (c.assignedTo === null ? [] : [c.assignedTo])))].sort();
    return {
      companies: ordered().map((c) => ({ ...c, contacts: c.contacts.map((k) => ({ ...k })) })),
      reps,
      waitingToSend: waiting().length,
      event,
      customerioConnected: await customerioConnected(),
      outreach: [...outreach].sort(([a], [b]) => (a < b ? -1 : 1)).map(([state, count]) => ({ state, count })),
    };
  }

  /** Approved contacts of approved companies not sent yet, and sends a stopped run began. */
  function waiting(): QueueContactInfo[] {
    return companies
      .filter((c) => c.state === "approved")
      .flatMap((c) => c.contacts)
      .filter((k) => k.state === "approved" || k.state === "sending");
  }

  function queued(domain: string): QueueCompany | Promise<never> {
    const key = domain.trim().toLowerCase();
    return (
      companies.find((c) => c.domain === key) ??
      rejectWith({ code: "notFound", message: `${domain} is not in the review queue; "queue list" shows it.` })
    );
  }

  function change(domain: string, edit: (c: QueueCompany) => QueueCompany) {
    companies = companies.map((c) => (c.domain === domain ? edit(c) : c));
  }

  function invalid(message: string): Promise<never> {
    return rejectWith({ code: "invalidInput", message });
  }

  async function approve({ domain, contacts }: ArgsOf<"queue_approve">) {
    const found = queued(domain);
    if (found instanceof Promise) return found;
    if (contacts !== null) {
      const known = found.contacts.map((k) => k.email);
      const unknown = contacts.find((e) => !known.some((k) => k.toLowerCase() === e.toLowerCase()));
      if (unknown !== undefined) {
        return invalid(`${unknown} is not a contact found at ${found.domain}; its contacts are ${known.join(", ")}.`);
      }
    }
    const chosen = (email: string) => contacts === null || contacts.some((e) => e.toLowerCase() === email.toLowerCase());
    const at = now().toISOString();
    change(found.domain, (c) => ({
      ...c,
      state: "approved",
      reason: null,
      snoozedUntil: null,
      decidedAt: at,
      contacts: c.contacts.map((k) =>
        OUTREACH_STATES.includes(k.state) ? k : { ...k, state: chosen(k.email) ? "approved" : "rejected" },
      ),
    }));
    approvedToday += found.contacts.filter((k) => chosen(k.email)).length;
    return view();
  }

  async function reject({ domain, reason }: ArgsOf<"queue_reject">) {
    const why = reason.trim();
    if (why === "") return invalid("Say why the company is rejected.");
    const found = queued(domain);
    if (found instanceof Promise) return found;
    const at = now().toISOString();
    change(found.domain, (c) => ({
      ...c,
      state: "rejected",
      reason: why,
      snoozedUntil: null,
      decidedAt: at,
      contacts: c.contacts.map((k) => (OUTREACH_STATES.includes(k.state) ? k : { ...k, state: "rejected" })),
    }));
    return view();
  }

  async function snooze({ domain, days }: ArgsOf<"queue_snooze">) {
    if (!Number.isInteger(days) || days < 1 || days > 365) return invalid("Snooze for 1 to 365 days.");
    const found = queued(domain);
    if (found instanceof Promise) return found;
    if (found.state !== "pending" && found.state !== "snoozed") {
      return invalid(`${found.domain} is already decided; reopen it first to snooze it.`);
    }
    const until = new Date(now().getTime() + days * DAY_MS).toISOString();
    change(found.domain, (c) => ({ ...c, state: "snoozed", snoozedUntil: until, decidedAt: now().toISOString() }));
    return view();
  }

  async function assign({ domain, rep }: ArgsOf<"queue_assign">) {
    const found = queued(domain);
    if (found instanceof Promise) return found;
    const name = rep?.trim() ?? "";
    if (codePoints(name) > 80) return invalid("A rep's name is at most 80 characters.");
    change(found.domain, (c) => ({ ...c, assignedTo: name === "" ? null : name }));
    return view();
  }

  async function note({ domain, note: text }: ArgsOf<"queue_note">) {
    const found = queued(domain);
    if (found instanceof Promise) return found;
    const trimmed = text?.trim() ?? "";
    if (codePoints(trimmed) > 2_000) return invalid("A note is at most 2,000 characters.");
    change(found.domain, (c) => ({ ...c, note: trimmed === "" ? null : trimmed }));
    return view();
  }

  async function reopen({ domain }: ArgsOf<"queue_reopen">) {
    const found = queued(domain);
    if (found instanceof Promise) return found;
    if (found.contacts.some((k) => OUTREACH_STATES.includes(k.state))) {
      return invalid(`${found.domain}'s contacts were already sent to the campaign; it cannot be reopened.`);
    }
    change(found.domain, (c) => ({
      ...c,
      state: "pending",
      reason: null,
      snoozedUntil: null,
      decidedAt: null,
      contacts: c.contacts.map((k) => ({ ...k, state: "pending" })),
    }));
    return view();
  }

  async function setEvent({ event: name }: ArgsOf<"outbound_event_set">) {
    const trimmed = name.trim();
    if (trimmed === "" || new TextEncoder().encode(trimmed).length > 100) {
      return invalid("The campaign's event name is 1 to 100 bytes (Customer.io's limit).");
    }
    event = trimmed;
    return view();
  }

  /** Customer.io's Track API refuses role addresses in this mock. */
  function refusal(email: string): string | null {
    return /^(info|sales|support|hello)@/.test(email)
      ? `Customer.io answered 400 Bad Request: ${email} is a role address and cannot be identified.`
      : null;
  }

  async function send(): Promise<SendResult> {
    if (!(await customerioConnected())) {
      return rejectWith({
        code: "notConnected",
        message: "Customer.io is not connected: Site ID is missing. Add it in the form above.",
      });
    }
    const all = waiting();
    const result: SendResult = { event, sent: 0, resumed: 0, failed: [], notified: 0, waiting: Math.max(0, all.length - SEND_BATCH) };
    const sentNow = new Set<string>();
    for (const k of all.slice(0, SEND_BATCH)) {
      const refused = refusal(k.email);
      if (refused !== null) {
        result.failed.push({ key: k.email, reason: refused });
        continue;
      }
      result.sent += 1;
      if (k.state === "sending") result.resumed += 1;
      sentNow.add(k.email);
    }
    companies = companies.map((c) => ({
      ...c,
      contacts: c.contacts.map((k) => (sentNow.has(k.email) ? { ...k, state: "sent" } : k)),
    }));
    for (const k of companies.flatMap((c) => c.contacts)) {
      if (STOPPED.includes(k.state) && !notified.has(k.email)) {
        notified.add(k.email);
        result.notified += 1;
      }
    }
    return result;
  }

  function budgetLeft(kind: Lookup): number {
    const today = isoDay(now());
    if (today !== spentOn) {
      spentOn = today;
      for (const k of LOOKUPS) spentToday[k] = 0;
    }
    const budget = rules.budgets.find((b) => b.lookup === kind)?.perDay ?? 0;
    return Math.max(0, budget - spentToday[kind]);
  }

  function spend(counts: Record<Lookup, number>): LookupCount[] {
    return LOOKUPS.map((lookup) => {
      const count = Math.min(counts[lookup], budgetLeft(lookup));
      spentToday[lookup] += count;
      return { lookup, count, budgetLeft: budgetLeft(lookup) };
    });
  }

  function runPipeline({ dryRun, retryInterrupted }: ArgsOf<"pipeline_run">): PipelineRunInfo {
    const none: PipelineRunInfo = {
      dryRun,
      revealed: 0,
      ipsWaiting,
      identified: 0,
      enriched: 0,
      scored: 0,
      qualified: 0,
      belowThreshold: 0,
      prospected: 0,
      contacts: 0,
      skipped: 0,
      failed: [],
      lookups: [],
      interrupted,
      retried: 0,
    };
    if (dryRun) {
      // At most one lookup of each kind per waiting IP, within what is left of today's budget.
      const lookups = LOOKUPS.map((lookup) => ({
        lookup,
        count: Math.min(ipsWaiting, budgetLeft(lookup)),
        budgetLeft: budgetLeft(lookup),
      }));
      return { ...none, lookups };
    }
    const retried = retryInterrupted ? interrupted : [];
    interrupted = retryInterrupted ? [] : interrupted;
    const retriedOf = (kind: Lookup) => retried.filter((r) => r.reason === kind).length;
    const qualified = wave;
    const contacts = qualified.reduce((sum, c) => sum + c.contacts.length, 0);
    // Clearbit turns one IP away the first time; it waits for the next run.
    const failed: KeyReason[] = throttled
      ? [{ key: "198.51.100.23", reason: "Clearbit Reveal answered 429 Too Many Requests; the IP is asked again by the next run." }]
      : [];
    throttled = false;
    const revealed = ipsWaiting - failed.length;
    onProgress?.({ stage: "reveal", done: 0, total: ipsWaiting });
    onProgress?.({ stage: "reveal", done: Math.floor(ipsWaiting / 2), total: ipsWaiting });
    onProgress?.({ stage: "done", done: 0, total: 0 });
    const identified = qualified.length > 0 ? 12 : 0;
    const lookups = spend({
      reveal: revealed + retriedOf("reveal"),
      company: identified + retriedOf("company"),
      score: identified + retriedOf("score"),
      prospect: qualified.length + retriedOf("prospect"),
    });
    companies = [...companies, ...qualified.map((c) => ({ ...c, queuedAt: now().toISOString() }))];
    wave = [];
    ipsWaiting = failed.length;
    return {
      ...none,
      revealed,
      ipsWaiting,
      identified,
      enriched: identified,
      scored: identified,
      qualified: qualified.length,
      belowThreshold: identified - qualified.length,
      prospected: qualified.length,
      contacts,
      skipped: revealed - identified,
      failed,
      lookups,
      interrupted,
      retried: retried.length,
    };
  }

  function stats({ days }: ArgsOf<"pipeline_stats">) {
    if (!Number.isInteger(days) || days < 1 || days > 366) return invalid("--days must be from 1 to 366.");
    const today = now();
    const list = empty
      ? []
      : Array.from({ length: days }, (_, i) => {
          const day = sampleDay(isoDay(new Date(today.getTime() - (days - 1 - i) * DAY_MS)));
          return i === days - 1 ? { ...day, approved: day.approved + approvedToday } : day;
        });
    return {
      days: list,
      referenceDomains: REFERENCE.domains,
      referenceQualified: REFERENCE.qualified,
      referenceContacts: REFERENCE.contacts,
      referenceOpenRate: REFERENCE.openRate,
    };
  }

  function webhookInfo(): WebhookInfo {
    const at = (hours: number) => hoursBefore(now(), hours);
    const recent: WebhookCall[] = [
      { source: "customerio", at: at(0.3), email: "dana.wells@orbitfreight.com", metric: "opened", outcome: "opened" },
      { source: "mailparser", at: at(2), email: "lee.chan@orbitfreight.com", metric: "replied", outcome: "replied" },
      { source: "customerio", at: at(3), email: "rob.ames@orbitfreight.com", metric: "bounced", outcome: "bounced" },
      { source: "customerio", at: at(5), email: null, metric: "sent", outcome: 'ignored: "sent" does not move a contact' },
      { source: "customerio", at: at(6), email: "jo@elsewhere.org", metric: "delivered", outcome: "ignored: not an outbound contact" },
    ];
    const masked = webhooks ? "••••ab12" : "…";
    return {
      configured: webhooks,
      signed: webhooks,
      customerioPath: `/webhooks/${masked}/customerio`,
      mailparserPath: `/webhooks/${masked}/mailparser`,
      mailparserTemplate: MAILPARSER_TEMPLATE,
      recent: webhooks ? recent : [],
    };
  }

  function setRules({ rules: asked }: ArgsOf<"pipeline_rules_set">) {
    const refusal = rulesRefusal(asked);
    if (refusal !== null) return invalid(refusal);
    // Saved and read back as the app does: skip kinds as a set, budgets merged by lookup name.
    const budgets = new Map(rules.budgets.map((b) => [b.lookup, b.perDay]));
    for (const b of asked.budgets) budgets.set(b.lookup, b.perDay);
    rules = {
      ...asked,
      skipKinds: [...new Set(asked.skipKinds)].sort(),
      roles: [...asked.roles],
      seniorities: [...asked.seniorities],
      budgets: [...budgets].sort(([a], [b]) => (a < b ? -1 : 1)).map(([lookup, perDay]) => ({ lookup, perDay })),
    };
    return structuredClone(rules);
  }

  function suppressionList(): SuppressionInfo[] {
    return [...suppressed].sort(byDomain).map((s) => ({ ...s }));
  }

  function addSuppressions({ list, text, note }: ArgsOf<"suppression_add">): SuppressionAdded | Promise<never> {
    if (!SUPPRESSION_LISTS.includes(list)) {
      return invalid(`"${list}" is not a suppression list; use customer, competitor or do_not_contact.`);
    }
    const { domains, refused } = domainsOf(text);
    const kept = note !== null && note.trim() !== "" ? note : null;
    const addedAt = now().toISOString();
    let added = 0;
    for (const domain of domains) {
      if (suppressed.some((s) => s.domain === domain && s.list === list)) continue;
      suppressed.push({ domain, list, note: kept, addedAt });
      added += 1;
    }
    return { added, already: domains.length - added, refused, all: suppressionList() };
  }

  function removeSuppression({ domain, list }: ArgsOf<"suppression_remove">) {
    const key = domain.trim().toLowerCase();
    suppressed = suppressed.filter((s) => !(s.domain === key && s.list === list));
    return suppressionList();
  }

  const commands: { [C in OutboundCommand]: (args: ArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>> } = {
    queue_list: view,
    queue_approve: approve,
    queue_reject: reject,
    queue_snooze: snooze,
    queue_assign: assign,
    queue_note: note,
    queue_reopen: reopen,
    outbound_event_set: setEvent,
    queue_send: send,
    pipeline_run: runPipeline,
    pipeline_stats: stats,
    webhook_info: webhookInfo,
    pipeline_rules: () => structuredClone(rules),
    pipeline_rules_set: setRules,
    suppressions: suppressionList,
    suppression_add: addSuppressions,
    suppression_remove: removeSuppression,
  };
  return commands;
}

type OutboundCommand =
  | "queue_list"
  | "queue_approve"
  | "queue_reject"
  | "queue_snooze"
  | "queue_assign"
  | "queue_note"
  | "queue_reopen"
  | "outbound_event_set"
  | "queue_send"
  | "pipeline_run"
  | "pipeline_stats"
  | "webhook_info"
  | "pipeline_rules"
  | "pipeline_rules_set"
  | "suppressions"
  | "suppression_add"
  | "suppression_remove";

const OUTBOUND_COMMANDS: readonly string[] = [
  "queue_list",
  "queue_approve",
  "queue_reject",
  "queue_snooze",
  "queue_assign",
  "queue_note",
  "queue_reopen",
  "outbound_event_set",
  "queue_send",
  "pipeline_run",
  "pipeline_stats",
  "webhook_info",
  "pipeline_rules",
  "pipeline_rules_set",
  "suppressions",
  "suppression_add",
  "suppression_remove",
];

export function isOutboundCommand(command: string): command is OutboundCommand {
  return OUTBOUND_COMMANDS.includes(command);
}
