// Spend, funnels and charts for the browser mock and the tests: a few campaigns with spend whose
// audiences can be set (a cap follows from the segment's members and the CAC model, which can be
// edited), the budget guard over them (modes, runs, a log; a live pause works on the platforms
// `connected` says are connected), the channel ladder over them and email and web personalisation
// (whose monthly cost can be set), a stand-in for the funnel engine whose counts are a
// deterministic function of the definition, and charts drawn as small SVGs that name their input.
// Validation messages and paths follow switchboard-core's `funnel` and `cac`; it must not grow into
// a second engine — the app's figures are the truth.

import type { BucketCount } from "../bindings/BucketCount";
import type { CampaignCap } from "../bindings/CampaignCap";
import type { ChannelLadderInfo } from "../bindings/ChannelLadderInfo";
import type { Funnel } from "../bindings/Funnel";
import type { FunnelResult } from "../bindings/FunnelResult";
import type { FunnelStepResult } from "../bindings/FunnelStepResult";
import type { GuardActionInfo } from "../bindings/GuardActionInfo";
import type { GuardRulesInfo } from "../bindings/GuardRulesInfo";
import type { Order } from "../bindings/Order";
import type { Problem } from "../bindings/Problem";
import type { ArgsOf, ResultOf } from "../ipc";
import {
  capMinor,
  defaultModel,
  FITS,
  fitRows,
  formatMoney,
  GUARD_MODES,
  type GuardRules,
  type Model,
  modelText,
  moneyDecimal,
  parseMoney,
  PAUSABLE,
  planGuard,
  readModel,
  Refusal,
} from "./cac";
import { type Channel, channelOf, EMAIL, ladder, perPersonMinor, SUBSCRIPTION_CHANNELS, WEB } from "./ladder";
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
  { platform: "google_ads", campaignId: "gg-118", campaign: "Display: Energy ICP", perDay: 2_975, days: 30, reached: 5_210 },
  { platform: "facebook", campaignId: "fb-772", campaign: "Social: Webinar invite", perDay: 1_820, days: 21, reached: 3_960 },
  { platform: "google_ads", campaignId: "gg-240", campaign: "Search: Brand terms", perDay: 2_210, days: 30, reached: 2_480 },
];

/** The audiences the sample workspace starts with; "Search: Brand terms" has none. */
const START_AUDIENCES: Record<string, string> = {
  "ar-301": "Trial users",
  "gg-118": "Engaged companies",
  "fb-772": "Enterprise accounts",
};

/**
 * Each segment's members by fit (very good, good, medium, low); with the default model they give
 * caps of $1,180.00, $1,095.00 and $640.00.
 */
const SEGMENT_MEMBERS: Record<string, readonly number[]> = {
  "Trial users": [10, 30, 25, 30],
  "Engaged companies": [15, 20, 15, 5],
  "Enterprise accounts": [12, 7, 3, 2],
};

const DAY_MS = 86_400_000;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function hash(text: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16_777_619) >>> 0;
  return h;
}

/** A segment the sample does not know gets members from its name. */
function membersOf(segment: string): readonly number[] {
  const h = hash(segment);
  return SEGMENT_MEMBERS[segment] ?? [h % 12, (h >>> 4) % 30, (h >>> 9) % 40, (h >>> 14) % 60];
}

/** The sum of the caps of the segment's members, through this campaign. */
function capOf(model: Model, segment: string, campaignId: string): number {
  const members = membersOf(segment);
  return Number(FITS.reduce((sum, fit, i) => sum + capMinor(model, fit, campaignId) * BigInt(members[i] ?? 0), 0n));
}

function alertOf(audience: string | null, share: number | null): string {
  if (audience === null) return "no audience";
  if (share !== null && share >= 1) return "over cap";
  if (share !== null && share >= 0.8) return "near cap";
  return "fine";
}

function report(c: Campaign, audience: string | null, model: Model, today: Date): CampaignCap {
  const money = (minor: number) => formatMoney(BigInt(minor), model.currency);
  const spendMinor = c.perDay * c.days;
  const capMinor = audience === null ? null : capOf(model, audience, c.campaignId);
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
    currency: model.currency.code,
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

// ---- the channel ladder ------------------------------------------------------------------------

function idRange(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** The sample segments' people by id, first and last; as many as their members by fit add up to. */
const SEGMENT_PEOPLE: Record<string, readonly [number, number]> = {
  "Trial users": [1_001, 1_095],
  "Engaged companies": [1_081, 1_135],
  "Enterprise accounts": [1_900, 1_923],
};

/**
 * `segment_people`: the people of a segment (of a company segment, the people of its companies),
 * by id. The sample's overlap a little, as real audiences do; another segment gets people from its
 * name.
 */
export function segmentPeople(segment: string): number[] {
  const known = SEGMENT_PEOPLE[segment];
  if (known) return idRange(known[0], known[1]);
  const from = 1 + (hash(segment) % 2_000);
  return idRange(from, from + membersOf(segment).reduce((sum, n) => sum + n, 0) - 1);
}

/** Who was emailed in the last 30 days: three in four of the first 1,200 people. */
const EMAIL_REACH = idRange(1, 1_200).filter((id) => id % 4 !== 0);
/** Who web personalisation reached in the last 30 days. */
const WEB_REACH = idRange(1_051, 1_850);

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

export interface SpendOptions {
  /** No campaigns, no observed conversion. */
  empty?: boolean;
  /** Whether a platform's connection is complete; Facebook Ads only, as in the connections mock, unless told. */
  connected?: (platform: string) => boolean | Promise<boolean>;
}

/**
 * The spend, CAC model, budget guard, funnel and chart commands over campaigns whose audiences
 * can be changed.
 */
export function spendCommands(now: () => Date, { empty = false, connected = (p) => p === "facebook" }: SpendOptions = {}) {
  const audiences = new Map<string, string>(Object.entries(START_AUDIENCES));
  const campaigns = empty ? [] : CAMPAIGNS;
  let model = defaultModel();
  const list = () => campaigns.map((c) => report(c, audiences.get(c.campaignId) ?? null, model, now()));

  const rules: GuardRules = { default: "dry run", campaigns: new Map() };
  /** Newest first, as `guard_log` answers. */
  const log: GuardActionInfo[] = [];
  /** The spend each action saw, in minor units: a dry run is recorded again only when it moved. */
  const spendSeen = new Map<number, number>();
  let nextAction = 1;

  /**
   * The monthly cost of email and web personalisation as decimal text, as the Rust side stores
   * them (read in the CAC model's currency); the sample sets email's only.
   */
  const costs = new Map<string, string>(empty ? [] : [[EMAIL, "300.00"]]);

  /** `channel_ladder`: ad channels from spend and audiences, email and web once their cost is set. */
  function ladderInfo(segment: string | null): ChannelLadderInfo {
    const money = (minor: bigint) => formatMoney(minor, model.currency);
    const monthly = new Map([...costs].map(([channel, text]) => [channel, parseMoney(text, model.currency)] as const));
    const channels: Channel[] = list().map((c) => ({
      name: channelOf(c.campaign, c.platform),
      spendMinor: BigInt(c.spendMinor),
      people: c.audience === null ? [] : segmentPeople(c.audience),
    }));
    const costsMissing: string[] = [];
    for (const [name, reach] of [
      [EMAIL, EMAIL_REACH],
      [WEB, WEB_REACH],
    ] as const) {
      const cost = monthly.get(name);
      if (cost === undefined) costsMissing.push(name);
      else channels.push({ name, spendMinor: cost, people: empty ? [] : reach });
    }
    const rungs = ladder(channels, segment === null ? null : segmentPeople(segment)).map((r) => {
      const per = perPersonMinor(r);
      return {
        channel: r.channel,
        spend: money(r.spendMinor),
        spendMinor: Number(r.spendMinor),
        reached: r.reached,
        perPerson: per === null ? null : money(per),
        perPersonMinor: per === null ? null : Number(per),
        people: r.people,
      };
    });
    const costsShown = [...monthly].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([channel, minor]) => [channel, money(minor)]);
    return { rungs, segment, costsMissing, costs: Object.fromEntries(costsShown) as Record<string, string> };
  }

  /** A refusal (a stored cost the model's currency cannot read) as the Rust side sends it. */
  function refused(read: () => ChannelLadderInfo): ChannelLadderInfo | Promise<never> {
    try {
      return read();
    } catch (error) {
      if (error instanceof Refusal) return rejectWith({ code: "invalidInput", message: error.message });
      throw error;
    }
  }

  const rulesInfo = (): GuardRulesInfo => ({ default: rules.default, campaigns: Object.fromEntries(rules.campaigns) });

  async function act(p: ReturnType<typeof planGuard>[number]): Promise<Pick<GuardActionInfo, "outcome" | "detail">> {
    const over = `spend ${formatMoney(BigInt(p.spendMinor), model.currency)} reached the cap ${formatMoney(BigInt(p.capMinor), model.currency)}`;
    const vendor = PAUSABLE[p.platform];
    if (vendor === undefined) return { outcome: "failed", detail: `${over}; \`${p.platform}\` is not a platform Switchboard can pause` };
    if (p.mode === "dry run") return { outcome: "would pause", detail: `${over}; dry run: would ask ${vendor} to pause campaign ${p.campaignId}` };
    if (!(await connected(p.platform))) {
      return {
        outcome: "failed",
        detail: `${over}; not paused: ${vendor} is not connected: its keys are missing; add them in Connections or with \`switchboard-cli connect ${p.platform}\``,
      };
    }
    return { outcome: "paused", detail: `${over}; ${vendor} paused campaign ${p.campaignId}` };
  }

  async function runGuard(): Promise<GuardActionInfo[]> {
    const done: GuardActionInfo[] = [];
    for (const p of planGuard(list(), rules, log, (a) => spendSeen.get(a.id) ?? -1)) {
      const { outcome, detail } = await act(p);
      const action: GuardActionInfo = {
        id: nextAction++,
        at: now().toISOString(),
        platform: p.platform,
        campaignId: p.campaignId,
        campaign: p.campaign,
        spend: formatMoney(BigInt(p.spendMinor), model.currency),
        cap: formatMoney(BigInt(p.capMinor), model.currency),
        mode: p.mode,
        outcome,
        detail,
      };
      spendSeen.set(action.id, p.spendMinor);
      log.unshift(action);
      done.push(action);
    }
    return done;
  }

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
      // Everyone reached, as the Rust side draws it.
      const info = refused(() => ladderInfo(null));
      if (!("rungs" in info)) return info;
      drawn = svg("Channel ladder", info.rungs.map((r) => `${r.channel} ${r.perPerson ?? "nobody reached"}`), width, height);
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
    cac_model: () => ({ model: modelText(model), fits: fitRows(model, { empty }) }),
    cac_model_set: ({ model: text }) => {
      try {
        model = readModel(text);
      } catch (error) {
        if (error instanceof Refusal) return rejectWith({ code: "invalidInput", message: error.message });
        throw error;
      }
      return { model: modelText(model), fits: fitRows(model, { empty }) };
    },
    guard_rules: rulesInfo,
    guard_mode_set: ({ campaignId, mode }) => {
      if (mode === "default") {
        if (campaignId === null) return rejectWith({ code: "invalidInput", message: "Choose off, dry run or live for the default." });
        rules.campaigns.delete(campaignId);
        return rulesInfo();
      }
      if (!GUARD_MODES.includes(mode)) {
        return rejectWith({ code: "invalidInput", message: "Choose off, dry run or live for the budget guard." });
      }
      if (campaignId === null) {
        rules.default = mode;
        return rulesInfo();
      }
      if (!campaigns.some((c) => c.campaignId === campaignId)) {
        return rejectWith({
          code: "invalidInput",
          message: `No campaign "${campaignId}" has spend; see "switchboard-cli cac report" for their ids.`,
        });
      }
      rules.campaigns.set(campaignId, mode);
      return rulesInfo();
    },
    guard_run: runGuard,
    guard_log: ({ limit }) => log.slice(0, limit).map((a) => ({ ...a })),
    funnel_run: ({ definition }) => runFunnel(definition, now()),
    channel_ladder: ({ segment }) => refused(() => ladderInfo(segment)),
    channel_cost_set: ({ channel, monthly, segment }) => {
      if (!SUBSCRIPTION_CHANNELS.includes(channel)) {
        return rejectWith({
          code: "invalidInput",
          message: `"${channel}" has no monthly cost; the channels with one are "${EMAIL}" and "${WEB}".`,
        });
      }
      const text = monthly?.trim() ?? "";
      return refused(() => {
        if (text === "") costs.delete(channel);
        else costs.set(channel, moneyDecimal(parseMoney(text, model.currency), model.currency));
        return ladderInfo(segment);
      });
    },
    chart,
    chart_save: ({ name, funnel, format, path }) => {
      if (!path.startsWith("/")) return rejectWith({ code: "invalidInput", message: "Choose where to save the chart." });
      const drawn = chart({ name, funnel, format });
      return typeof drawn === "string" ? path : drawn;
    },
  };
  return commands;
}

type SpendCommand =
  | "cac_report"
  | "campaign_audience_set"
  | "cac_model"
  | "cac_model_set"
  | "guard_rules"
  | "guard_mode_set"
  | "guard_run"
  | "guard_log"
  | "funnel_run"
  | "channel_ladder"
  | "channel_cost_set"
  | "chart"
  | "chart_save";

const SPEND_COMMANDS: readonly string[] = [
  "cac_report",
  "campaign_audience_set",
  "cac_model",
  "cac_model_set",
  "guard_rules",
  "guard_mode_set",
  "guard_run",
  "guard_log",
  "funnel_run",
  "channel_ladder",
  "channel_cost_set",
  "chart",
  "chart_save",
];

export function isSpendCommand(command: string): command is SpendCommand {
  return SPEND_COMMANDS.includes(command);
}
