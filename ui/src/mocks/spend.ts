// Spend, funnels and charts for the browser mock and the tests: a few campaigns with spend whose
// audiences can be set (a cap follows from the segment's size), a stand-in for the funnel engine
// whose counts are a deterministic function of the definition, and charts drawn as small SVGs
// that name their input. Validation messages and paths follow switchboard-core's `funnel`; it must
// not grow into a second engine — the app's figures are the truth.

import type { BucketCount } from "../bindings/BucketCount";
import type { CampaignCap } from "../bindings/CampaignCap";
import type { Funnel } from "../bindings/Funnel";
import type { FunnelResult } from "../bindings/FunnelResult";
import type { FunnelStepResult } from "../bindings/FunnelStepResult";
import type { Order } from "../bindings/Order";
import type { Problem } from "../bindings/Problem";
import type { ArgsOf, ResultOf } from "../ipc";
import { rejectWith } from "./sample";

// ---- campaigns ---------------------------------------------------------------------------------

interface Campaign {
  platform: string;
  campaignId: string;
  campaign: string;
  /** Cents spent per day, over the last `days` days. */
  perDay: number;
  days: number;
  reached: number;
}

const CAMPAIGNS: readonly Campaign[] = [
  { platform: "adroll", campaignId: "ar-301", campaign: "Retargeting: Pricing visitors", perDay: 4_150, days: 30, reached: 1_840 },
  { platform: "google", campaignId: "gg-118", campaign: "Display: Energy ICP", perDay: 2_975, days: 30, reached: 5_210 },
  { platform: "facebook", campaignId: "fb-772", campaign: "Social: Webinar invite", perDay: 1_820, days: 21, reached: 3_960 },
  { platform: "google", campaignId: "gg-240", campaign: "Search: Brand terms", perDay: 2_210, days: 30, reached: 2_480 },
];

/** The audiences the sample workspace starts with; "Search: Brand terms" has none. */
const START_AUDIENCES: Record<string, string> = {
  "ar-301": "Trial users",
  "gg-118": "Engaged companies",
  "fb-772": "Enterprise accounts",
};

/** The cap each segment gives a campaign, in cents: P(convert) x LTV x share, summed over its people. */
const SEGMENT_CAPS: Record<string, number> = {
  "Trial users": 118_000,
  "Engaged companies": 109_500,
  "Enterprise accounts": 64_000,
};

const DAY_MS = 86_400_000;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function money(minor: number): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(minor / 100);
}

function hash(text: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16_777_619) >>> 0;
  return h;
}

/** A segment the sample does not know gets a cap from its name. */
function capOf(segment: string): number {
  return SEGMENT_CAPS[segment] ?? 40_000 + (hash(segment) % 120_000);
}

function alertOf(audience: string | null, share: number | null): string {
  if (audience === null) return "no audience";
  if (share !== null && share >= 1) return "over cap";
  if (share !== null && share >= 0.8) return "near cap";
  return "fine";
}

function report(c: Campaign, audience: string | null, today: Date): CampaignCap {
  const spendMinor = c.perDay * c.days;
  const capMinor = audience === null ? null : capOf(audience);
  const shareUsed = capMinor === null || capMinor === 0 ? null : spendMinor / capMinor;
  const daysToCap = capMinor === null ? null : Math.ceil((capMinor - spendMinor) / c.perDay);
  const cumulative = Array.from({ length: c.days }, (_, i) => ({
    day: isoDay(new Date(today.getTime() - (c.days - 1 - i) * DAY_MS)),
    minor: c.perDay * (i + 1),
  }));
  return {
    platform: c.platform,
    campaignId: c.campaignId,
    campaign: c.campaign,
    audience,
    currency: "USD",
    spend: money(spendMinor),
    spendMinor,
    reached: c.reached,
    cap: capMinor === null ? null : money(capMinor),
    capMinor,
    shareUsed,
    pacePerDay: money(c.perDay),
    capDay: daysToCap === null ? null : isoDay(new Date(today.getTime() + daysToCap * DAY_MS)),
    alert: alertOf(audience, shareUsed),
    cumulative,
  };
}

// ---- funnels -----------------------------------------------------------------------------------

const BUCKETS = ["< 1 h", "1–6 h", "6–24 h", "1–3 d", "3–7 d", "7–14 d", "14 d +"];

const ORDER_RULES: Record<Order, string> = {
  ordered: "Steps count in order; other events may come between them.",
  strict: "Each step must be the very next thing the person did.",
  any: "After step 1, the other steps count in any order.",
};

/** The counting rules as the app writes them (`counting_rules` in the shell). */
export function countingRules(windowDays: number, order: Order): string[] {
  return [
    `A person enters at a step-1 event inside the date range and has ${String(windowDays)} day${windowDays === 1 ? "" : "s"} from it to reach the last step.`,
    ORDER_RULES[order],
    "A person who does not finish may enter again at a later step-1 event; each person counts once, by their furthest attempt, and times are measured from that attempt's start.",
    "An exclusion event between its two steps discards that attempt.",
    "A breakdown groups people by their trait or company field as it is now.",
  ];
}

/** `Funnel::validate`: the same messages at the same paths. */
export function validateFunnel(f: Funnel): Problem[] {
  const out: Problem[] = [];
  const push = (path: string, message: string) => out.push({ path, message });
  if (f.version !== 1) push("/version", "this build reads funnel version 1");
  if (f.steps.length < 2) push("/steps", "a funnel needs at least two steps");
  if (f.steps.length > 16) push("/steps", "a funnel has at most 16 steps");
  f.steps.forEach((s, i) => {
    if (s.event.trim() === "") push(`/steps/${String(i)}/event`, "name the event");
    (s.where ?? []).forEach((c, j) => {
      const needs = c.op !== "exists" && c.op !== "not_exists";
      if (needs === (c.value === undefined || c.value === null)) {
        push(`/steps/${String(i)}/where/${String(j)}/value`, "give a value for this operator, or none for exists");
      }
    });
  });
  if (f.window_days === 0) push("/window_days", "the conversion window is at least 1 day");
  if ("last_days" in f.range && f.range.last_days === 0) push("/range/last_days", "a range is at least 1 day");
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if ("between" in f.range && !(day.test(f.range.between.from) && day.test(f.range.between.to))) {
    push("/range/between", "write dates as YYYY-MM-DD");
  }
  const n = f.steps.length;
  (f.exclusions ?? []).forEach((x, i) => {
    const a = x.after ?? 1;
    const b = x.before ?? n;
    if (a < 1 || b > n || a >= b) {
      push(`/exclusions/${String(i)}`, "an exclusion sits between two steps: after < before, both steps of the funnel");
    }
    if (x.event.trim() === "") push(`/exclusions/${String(i)}/event`, "name the event");
  });
  if (f.order === "strict" && (f.exclusions ?? []).length > 0) {
    push("/exclusions", "a strict funnel allows no other event between steps; exclusions add nothing");
  }
  if (f.hold_constant?.trim() === "") push("/hold_constant", "name the event property, or leave it out");
  return out;
}

function steps(f: Funnel, entered: number, seed: string): FunnelStepResult[] {
  const out: FunnelStepResult[] = [];
  f.steps.forEach((step, k) => {
    const previous = out[k - 1]?.people ?? entered;
    const keep = k === 0 ? 1 : 0.35 + (hash(`${seed}/${step.event}/${String(k)}`) % 55) / 100;
    const people = Math.round(previous * keep);
    const distribution: BucketCount[] = BUCKETS.map((bucket, b) => ({
      bucket,
      people: k === 0 ? 0 : Math.round((people * (hash(`${step.event}${String(b)}`) % 10)) / 45),
    }));
    out.push({
      label: step.label ?? step.event,
      people,
      fromPrevious: previous === 0 ? 0 : people / previous,
      fromFirst: entered === 0 ? 0 : people / entered,
      dropped: previous - people,
      medianMs: k === 0 ? null : (2 + (hash(step.event) % 70)) * 3_600_000 * k,
      distribution,
    });
  });
  return out;
}

const BREAKDOWN_VALUES = ["Software", "Logistics", "Healthcare", "(none)"];

export function runFunnel(f: Funnel, today: Date): FunnelResult {
  const rules = countingRules(f.window_days, f.order);
  const problems = validateFunnel(f);
  if (problems.length > 0) return { problems, from: null, to: null, steps: [], breakdown: [], rules };
  const days = "last_days" in f.range ? f.range.last_days : 30;
  const seed = `${f.order}/${String(f.window_days)}/${f.hold_constant ?? ""}/${String((f.exclusions ?? []).length)}`;
  const entered = 400 + (hash(f.steps[0]?.event ?? "") % 900) + days * 11;
  const from = "between" in f.range ? f.range.between.from : isoDay(new Date(today.getTime() - (days - 1) * DAY_MS));
  const to = "between" in f.range ? f.range.between.to : isoDay(today);
  const breakdown = f.breakdown
    ? BREAKDOWN_VALUES.map((value, i) => ({ value, steps: steps(f, Math.round(entered / (2 + i)), `${seed}/${value}`) }))
    : [];
  return { problems: [], from, to, steps: steps(f, entered, seed), breakdown, rules };
}

// ---- charts ------------------------------------------------------------------------------------

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A small SVG naming the chart and what it was drawn from; the same input draws the same picture. */
function svg(title: string, labels: readonly string[], width = 720, height = 360): string {
  const row = Math.max(16, Math.floor((height - 40) / Math.max(1, labels.length)));
  const bars = labels
    .map((label, i) => {
      const y = 30 + i * row;
      const w = 60 + (hash(label) % (width - 200));
      return `<rect x="120" y="${String(y)}" width="${String(w)}" height="${String(row - 4)}" fill="#4c6ef5"/><text x="4" y="${String(y + row / 2)}" font-size="12">${escape(label)}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${String(width)}" height="${String(height)}" viewBox="0 0 ${String(width)} ${String(height)}"><title>${escape(title)}</title>${bars}</svg>`;
}

// ---- the commands ------------------------------------------------------------------------------

/** The spend, funnel and chart commands over campaigns whose audiences can be changed. */
export function spendCommands(now: () => Date, { empty = false }: { empty?: boolean } = {}) {
  const audiences = new Map<string, string>(Object.entries(START_AUDIENCES));
  const campaigns = empty ? [] : CAMPAIGNS;
  const list = () => campaigns.map((c) => report(c, audiences.get(c.campaignId) ?? null, now()));

  function chart({ name, funnel, format, width, height }: ArgsOf<"chart">): string | Promise<never> {
    let drawn: string;
    if (name === "funnel") {
      if (funnel === null) return rejectWith({ code: "invalidInput", message: "the funnel chart needs a funnel: pass --file DEF.json" });
      const run = runFunnel(funnel, now());
      if (run.problems.length > 0) return rejectWith({ code: "invalidInput", message: run.problems.map((p) => `${p.path}: ${p.message}`).join("; ") });
      drawn = svg("Funnel", run.steps.map((s) => `${s.label} ${String(s.people)}`), width, height);
    } else if (name === "spend-vs-cap") {
      drawn = svg("Spend against cap", list().filter((c) => c.cap !== null).map((c) => `${c.campaign} ${c.spend} of ${c.cap ?? ""}`), width, height);
    } else if (name === "channel-ladder") {
      drawn = svg("Channel ladder", list().map((c) => `${c.campaign.split(":")[0] ?? c.platform} ${c.spend}`), width, height);
    } else if (name === "pipeline") {
      drawn = svg("Daily pipeline", ["identified domains", "qualified companies", "new contacts"], width, height);
    } else {
      drawn = svg("Open rate by campaign", ["Activation day 1", "Activation day 3", "Outbound double forward"], width, height);
    }
    // PNG bytes cross IPC as base64; the mock's "PNG" is the SVG's text in base64.
    return format === "png" ? btoa(String.fromCharCode(...new TextEncoder().encode(drawn))) : drawn;
  }

  const commands: { [C in SpendCommand]: (args: ArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>> } = {
    cac_report: list,
    campaign_audience_set: ({ campaignId, segment }) => {
      if (!campaigns.some((c) => c.campaignId === campaignId)) {
        return rejectWith({ code: "notFound", message: `No campaign with id ${campaignId}; it may have been removed on the platform.` });
      }
      if (segment === null) audiences.delete(campaignId);
      else audiences.set(campaignId, segment);
      return list();
    },
    funnel_run: ({ definition }) => runFunnel(definition, now()),
    chart,
    chart_save: ({ name, funnel, format, path }) => {
      if (!path.startsWith("/")) return rejectWith({ code: "invalidInput", message: "Choose where to save the chart." });
      const drawn = chart({ name, funnel, format });
      return typeof drawn === "string" ? path : drawn;
    },
  };
  return commands;
}

type SpendCommand = "cac_report" | "campaign_audience_set" | "funnel_run" | "chart" | "chart_save";

const SPEND_COMMANDS: readonly string[] = ["cac_report", "campaign_audience_set", "funnel_run", "chart", "chart_save"];

export function isSpendCommand(command: string): command is SpendCommand {
  return SPEND_COMMANDS.includes(command);
}
