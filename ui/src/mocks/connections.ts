// Connections to vendor tools for the browser mock and the tests: the seven tools with the fields
// the Rust side asks for (the vendors' own names), keys kept whole here but sent back only masked
// as the app does, a test that refuses keys containing "bad", and syncs that go in batches, send
// progress after each, can be cancelled between batches and leave a log with failed and skipped
// rows. Messages follow the Rust side's; it must not grow into a second connector — the app's
// answers are the truth.

import type { ConnectionField } from "../bindings/ConnectionField";
import type { ConnectionInfo } from "../bindings/ConnectionInfo";
import type { SyncProgressInfo } from "../bindings/SyncProgressInfo";
import type { SyncRowInfo } from "../bindings/SyncRowInfo";
import type { SyncRunInfo } from "../bindings/SyncRunInfo";
import type { ArgsOf, ResultOf, Schedule } from "../ipc";
import { hoursBefore, rejectWith } from "./sample";

type Field = Omit<ConnectionField, "value" | "masked">;

function secret(name: string, label: string, hint: string): Field {
  return { name, label, secret: true, required: true, hint, choices: [] };
}

function plain(name: string, label: string, required: boolean, hint: string, choices: string[] = []): Field {
  return { name, label, secret: false, required, hint, choices };
}

interface Tool {
  tool: string;
  name: string;
  brings: string;
  fields: Field[];
  defaultBaseUrl: string;
  /** Rows a sync goes through; null when the vendor does not say how many there are. */
  total: number | null;
  stream: string;
  paid: boolean;
  /** Looks entities up one by one, so a freshness window applies. */
  lookups: boolean;
}

const ADS = "Spend, impressions and clicks per campaign and day";

export const TOOLS: readonly Tool[] = [
  {
    tool: "clearbit",
    name: "Clearbit",
    brings: "Names, titles and firmographics for people and companies",
    fields: [secret("secret_key", "Secret API key", "Clearbit dashboard → API; starts with sk_")],
    defaultBaseUrl: "https://person.clearbit.com (one host per product)",
    total: 240,
    stream: "people",
    paid: true,
    lookups: true,
  },
  {
    tool: "madkudu",
    name: "MadKudu",
    brings: "Fit scores and signals for people and companies",
    fields: [secret("api_key", "API key", "MadKudu app → Settings → API")],
    defaultBaseUrl: "https://api.madkudu.com/v1",
    total: 180,
    stream: "persons",
    paid: true,
    lookups: true,
  },
  {
    tool: "customerio",
    name: "Customer.io",
    brings: "Email deliveries, opens, clicks and bounces per campaign",
    fields: [
      plain("site_id", "Site ID", true, "Customer.io → Account settings → API credentials"),
      secret("track_api_key", "Track API key", "Account settings → API credentials → Tracking API keys"),
      secret("app_api_key", "App API key", "Account settings → API credentials → App API keys"),
      plain("region", "Region", false, "US or EU data center; found from the Track API key when left empty", ["us", "eu"]),
    ],
    defaultBaseUrl: "https://api.customer.io and https://track.customer.io",
    total: null,
    stream: "deliveries",
    paid: false,
    lookups: false,
  },
  {
    tool: "facebook",
    name: "Facebook Ads",
    brings: ADS,
    fields: [
      plain("ad_account_id", "Ad account ID", true, "Ads Manager → the number after act_"),
      secret("access_token", "Access token", "A system-user token with ads_read and ads_management"),
      plain("api_version", "Graph API version", false, "For example v21.0"),
    ],
    defaultBaseUrl: "https://graph.facebook.com",
    total: null,
    stream: "insights",
    paid: false,
    lookups: false,
  },
  {
    tool: "google_ads",
    name: "Google Ads",
    brings: ADS,
    fields: [
      plain("customer_id", "Customer ID", true, "The ten digits without dashes"),
      plain("login_customer_id", "Login customer ID", false, "The manager account's ID, when you go through one"),
      secret("developer_token", "Developer token", "Google Ads → Tools → API Center"),
      secret("access_token", "OAuth access token", "An OAuth2 token with the adwords scope"),
      plain("api_version", "API version", false, "For example v18"),
    ],
    defaultBaseUrl: "https://googleads.googleapis.com",
    total: null,
    stream: "campaign_day",
    paid: false,
    lookups: false,
  },
  {
    tool: "adroll",
    name: "AdRoll",
    brings: ADS,
    fields: [
      plain("advertisable_eid", "Advertisable EID", true, "AdRoll → Settings → Advertiser profile"),
      secret("api_key", "API key (apikey)", "developers.nextroll.com → your app's key"),
      secret("access_token", "Personal access token", "developers.nextroll.com → Personal access tokens"),
      plain("currency", "Currency", false, "ISO code for reports, USD when empty"),
    ],
    defaultBaseUrl: "https://services.adroll.com",
    total: null,
    stream: "campaign_day",
    paid: false,
    lookups: false,
  },
  {
    tool: "segment",
    name: "Segment Profiles",
    brings: "Traits and recent events of known users",
    fields: [
      plain("space_id", "Space ID", true, "Segment → Unify → Settings → API access"),
      secret("access_token", "Access token", "Unify → Settings → API access → Generate token"),
    ],
    defaultBaseUrl: "https://profiles.segment.com",
    total: 320,
    stream: "profiles",
    paid: false,
    lookups: true,
  },
];

/** As `secrets::masked`: the last four characters of a long key, "set" for a short one. */
export function masked(key: string): string {
  return key.length <= 8 ? "set" : `…${key.slice(-4)}`;
}

interface State {
  plain: Map<string, string>;
  secrets: Map<string, string>;
  baseUrl: string | null;
  schedule: Schedule;
  freshnessDays: number;
  dailyBudget: number;
}

const BATCH = 60;
const HOUR_MS = 3_600_000;

/** Rows a mock run fails or skips: one in every 40 fails, one in every 25 is skipped. */
function rowsOf(tool: Tool, fetched: number, at: string): { failed: SyncRowInfo[]; skipped: SyncRowInfo[] } {
  const failed: SyncRowInfo[] = [];
  const skipped: SyncRowInfo[] = [];
  for (let i = 1; i <= fetched; i++) {
    const key = tool.paid ? `person:contact${String(i)}@example.com` : `${tool.stream}:${String(1000 + i)}`;
    if (i % 40 === 0) {
      failed.push({ stream: tool.stream, key, failed: true, reason: `${tool.name} answered 422: the record is not valid; it was left out.`, at });
    } else if (i % 25 === 0) {
      skipped.push({ stream: tool.stream, key, failed: false, reason: "Looked up within the last 30 days; not fetched again.", at });
    }
  }
  return { failed, skipped };
}

export interface ConnectionOptions {
  /** No tool connected and no history. */
  empty?: boolean;
  /** Pause between a run's batches. */
  batchMs?: number;
  /** Told after every batch, as the app emits `sync-progress`. */
  onProgress?: (progress: SyncProgressInfo) => void;
}

/** The connection and sync commands over tools whose keys can be set, tested, synced and forgotten. */
export function connectionCommands(now: () => Date, { empty = false, batchMs = 400, onProgress }: ConnectionOptions = {}) {
  const states = new Map<string, State>(
    TOOLS.map((t) => [t.tool, { plain: new Map(), secrets: new Map(), baseUrl: null, schedule: "off", freshnessDays: 30, dailyBudget: 500 }]),
  );
  const runs: SyncRunInfo[] = [];
  const rows = new Map<number, SyncRowInfo[]>();
  const running = new Map<string, { cancelled: boolean }>();
  let nextId = 1;

  function state(tool: string): State {
    const found = states.get(tool);
    if (!found) throw new Error(`no state for ${tool}`);
    return found;
  }

  function record(tool: Tool, hoursAgo: number, trigger: string, status: string, fetched: number, error: string | null = null) {
    const startedAt = hoursBefore(now(), hoursAgo);
    const { failed, skipped } = rowsOf(tool, status === "partial" ? fetched : 0, startedAt);
    const run: SyncRunInfo = {
      id: nextId++,
      tool: tool.tool,
      trigger,
      status,
      startedAt,
      finishedAt: hoursBefore(now(), hoursAgo - 0.05),
      fetched,
      written: fetched - failed.length - skipped.length,
      skipped: skipped.length,
      failed: failed.length,
      credits: tool.paid ? fetched - skipped.length : 0,
      error,
    };
    runs.unshift(run);
    rows.set(run.id, [...failed, ...skipped]);
  }

  if (!empty) {
    const [clearbit, madkudu, customerio, facebook] = TOOLS;
    state("clearbit").secrets.set("secret_key", "sk_live_4f1c2d9e8b7a6789");
    state("clearbit").schedule = "daily";
    const io = state("customerio");
    io.plain.set("site_id", "3f9a61c2e8d4");
    io.plain.set("region", "eu");
    io.secrets.set("track_api_key", "trk_93be41aa7c20d1f5");
    io.secrets.set("app_api_key", "app_f0a1c5e9d7b31e42");
    const fb = state("facebook");
    fb.plain.set("ad_account_id", "1029384756");
    fb.secrets.set("access_token", "EAAG9x2LmQpZr81k");
    fb.schedule = "hourly";
    state("madkudu").secrets.set("api_key", "short");
    if (clearbit && madkudu && customerio && facebook) {
      record(madkudu, 200, "manual", "failed", 0, "MadKudu refused the API key (401); check it in MadKudu → Settings → API.");
      record(clearbit, 50, "manual", "failed", 0, "Clearbit refused the key (401 Unauthorized); check the Secret API key.");
      record(clearbit, 27, "schedule", "partial", 240);
      record(customerio, 7, "manual", "cancelled", 180);
      record(customerio, 5, "manual", "interrupted", 420, "The app closed while this sync ran; the next sync carries on from where it stopped.");
      record(clearbit, 3, "schedule", "succeeded", 96);
      record(facebook, 0.5, "schedule", "succeeded", 124);
    }
  }

  function toolOf(id: string): Tool | Promise<never> {
    return TOOLS.find((t) => t.tool === id) ?? rejectWith({
      code: "invalidInput",
      message: `Unknown tool \`${id}\`; use one of ${TOOLS.map((t) => t.tool).join(", ")}`,
    });
  }

  function connected(tool: Tool): boolean {
    const s = state(tool.tool);
    return tool.fields.every((f) => !f.required || (f.secret ? s.secrets.has(f.name) : s.plain.has(f.name)));
  }

  function info(tool: Tool): ConnectionInfo {
    const s = state(tool.tool);
    const lastRun = runs.find((r) => r.tool === tool.tool) ?? null;
    const isConnected = connected(tool);
    const every = s.schedule === "hourly" ? HOUR_MS : s.schedule === "daily" ? 24 * HOUR_MS : null;
    const nextRun =
      !isConnected || every === null
        ? null
        : new Date(Math.max(now().getTime(), lastRun ? new Date(lastRun.startedAt).getTime() + every : 0)).toISOString();
    return {
      tool: tool.tool,
      name: tool.name,
      brings: tool.brings,
      fields: tool.fields.map((f) => {
        const key = s.secrets.get(f.name);
        return { ...f, value: f.secret ? null : (s.plain.get(f.name) ?? null), masked: f.secret && key !== undefined ? masked(key) : null };
      }),
      connected: isConnected,
      baseUrl: s.baseUrl,
      defaultBaseUrl: tool.defaultBaseUrl,
      schedule: s.schedule,
      freshnessDays: tool.lookups ? s.freshnessDays : null,
      dailyBudget: tool.paid ? s.dailyBudget : null,
      lastRun,
      nextRun,
      running: running.has(tool.tool),
    };
  }

  const list = () => TOOLS.map(info);

  function notConnected(tool: Tool) {
    const missing = tool.fields.filter((f) => f.required).filter((f) => !(f.secret ? state(tool.tool).secrets : state(tool.tool).plain).has(f.name));
    return rejectWith({
      code: "notConnected",
      message: `${tool.name} is not connected: enter the ${missing.map((f) => f.label).join(", ")} on the Connections screen.`,
    });
  }

  function save({ tool: id, values, baseUrl, schedule, freshnessDays, dailyBudget }: ArgsOf<"connection_save">) {
    const tool = toolOf(id);
    if (tool instanceof Promise) return tool;
    for (const name of Object.keys(values)) {
      if (!tool.fields.some((f) => f.name === name)) {
        return rejectWith({ code: "invalidInput", message: `${tool.name} has no field \`${name}\`; its fields are ${tool.fields.map((f) => f.name).join(", ")}` });
      }
    }
    const base = baseUrl?.trim().replace(/\/+$/, "") ?? "";
    if (base !== "" && !/^https?:\/\//.test(base)) {
      return rejectWith({ code: "invalidInput", message: `The base URL \`${base}\` must start with http:// or https://` });
    }
    for (const f of tool.fields.filter((f) => !f.secret && f.choices.length > 0)) {
      const v = values[f.name]?.trim() ?? "";
      if (v !== "" && !f.choices.includes(v)) {
        return rejectWith({ code: "invalidInput", message: `${f.label} must be one of ${f.choices.join(", ")}` });
      }
    }
    const s = state(id);
    if (freshnessDays !== null) s.freshnessDays = freshnessDays;
    if (dailyBudget !== null) s.dailyBudget = dailyBudget;
    for (const f of tool.fields) {
      const v = values[f.name]?.trim();
      if (v === undefined) continue;
      if (f.secret) {
        if (v !== "") s.secrets.set(f.name, v);
      } else if (v === "") s.plain.delete(f.name);
      else s.plain.set(f.name, v);
    }
    s.baseUrl = base === "" ? null : base;
    s.schedule = schedule;
    return list();
  }

  function disconnect({ tool: id }: ArgsOf<"connection_disconnect">) {
    const tool = toolOf(id);
    if (tool instanceof Promise) return tool;
    const s = state(id);
    s.plain.clear();
    s.secrets.clear();
    s.schedule = "off";
    return list();
  }

  function test({ tool: id }: ArgsOf<"connection_test">) {
    const tool = toolOf(id);
    if (tool instanceof Promise) return tool;
    if (!connected(tool)) return notConnected(tool);
    const refused = tool.fields.find((f) => f.secret && (state(id).secrets.get(f.name) ?? "").includes("bad"));
    if (refused) {
      return rejectWith({ code: "vendor", message: `${tool.name} refused the ${refused.label} (401 Unauthorized); check it and save it again.` });
    }
    return `${tool.name} answered: the connection works.`;
  }

  async function sync({ tool: id }: ArgsOf<"sync_now">): Promise<SyncRunInfo> {
    const tool = toolOf(id);
    if (tool instanceof Promise) return tool;
    if (!connected(tool)) return notConnected(tool);
    if (running.has(id)) {
      return rejectWith({ code: "busy", message: `A sync of ${tool.name} is already running; wait for it or cancel it.` });
    }
    const flag = { cancelled: false };
    running.set(id, flag);
    const startedAt = now().toISOString();
    const run: SyncRunInfo = { id: nextId++, tool: id, trigger: "manual", status: "running", startedAt, finishedAt: null, fetched: 0, written: 0, skipped: 0, failed: 0, credits: 0, error: null };
    runs.unshift(run);
    const total = tool.total ?? 300;
    const started = Date.now();
    try {
      while (run.fetched < total && !flag.cancelled) {
        await new Promise((resolve) => setTimeout(resolve, batchMs));
        run.fetched = Math.min(total, run.fetched + BATCH);
        const { failed, skipped } = rowsOf(tool, run.fetched, startedAt);
        run.failed = failed.length;
        run.skipped = skipped.length;
        run.written = run.fetched - run.failed - run.skipped;
        run.credits = tool.paid ? run.fetched - run.skipped : 0;
        rows.set(run.id, [...failed, ...skipped]);
        const seconds = Math.max(0.001, (Date.now() - started) / 1000);
        const rate = Math.round((run.fetched / seconds) * 10) / 10;
        onProgress?.({
          tool: id,
          runId: run.id,
          stream: tool.stream,
          fetched: run.fetched,
          written: run.written,
          skipped: run.skipped,
          failed: run.failed,
          done: run.fetched,
          total: tool.total,
          rate,
          etaMs: tool.total === null ? null : Math.round(((tool.total - run.fetched) / Math.max(rate, 0.1)) * 1000),
        });
      }
    } finally {
      running.delete(id);
    }
    run.status = flag.cancelled ? "cancelled" : run.failed > 0 ? "partial" : "succeeded";
    run.finishedAt = now().toISOString();
    return { ...run };
  }

  const commands: { [C in ConnectionCommand]: (args: ArgsOf<C>) => ResultOf<C> | Promise<ResultOf<C>> } = {
    connections: list,
    connection_save: save,
    connection_disconnect: disconnect,
    connection_test: test,
    sync_now: sync,
    sync_cancel: ({ tool }) => {
      const flag = running.get(tool);
      if (flag) flag.cancelled = true;
      return flag !== undefined;
    },
    sync_log: ({ tool, limit }) => runs.filter((r) => tool === null || r.tool === tool).slice(0, limit).map((r) => ({ ...r })),
    sync_rows: ({ runId }) => rows.get(runId) ?? [],
  };
  return commands;
}

type ConnectionCommand =
  | "connections"
  | "connection_save"
  | "connection_disconnect"
  | "connection_test"
  | "sync_now"
  | "sync_cancel"
  | "sync_log"
  | "sync_rows";

const CONNECTION_COMMANDS: readonly string[] = [
  "connections",
  "connection_save",
  "connection_disconnect",
  "connection_test",
  "sync_now",
  "sync_cancel",
  "sync_log",
  "sync_rows",
];

export function isConnectionCommand(command: string): command is ConnectionCommand {
  return CONNECTION_COMMANDS.includes(command);
}
