// The one door to the Rust side: typed commands and events over Tauri IPC.
// It owns the command names, their argument and result types and the shape of a failure;
// it must not cache, retry or interpret results — that is the data layer's job.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { save } from "@tauri-apps/plugin-dialog";
import type { CacModelInfo } from "./bindings/CacModelInfo";
import type { CacModelText } from "./bindings/CacModelText";
import type { CampaignCap } from "./bindings/CampaignCap";
import type { ChannelLadderInfo } from "./bindings/ChannelLadderInfo";
import type { CollectorStatus } from "./bindings/CollectorStatus";
import type { ConnectionInfo } from "./bindings/ConnectionInfo";
import type { Definition } from "./bindings/Definition";
import type { EmailTemplate } from "./bindings/EmailTemplate";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { Funnel } from "./bindings/Funnel";
import type { FunnelOutcome } from "./bindings/FunnelOutcome";
import type { FunnelResult } from "./bindings/FunnelResult";
import type { GuardActionInfo } from "./bindings/GuardActionInfo";
import type { GuardRulesInfo } from "./bindings/GuardRulesInfo";
import type { IpcError } from "./bindings/IpcError";
import type { Overview } from "./bindings/Overview";
import type { PersonDetail } from "./bindings/PersonDetail";
import type { PersonRow } from "./bindings/PersonRow";
import type { PipelineRulesInfo } from "./bindings/PipelineRulesInfo";
import type { PipelineRunInfo } from "./bindings/PipelineRunInfo";
import type { PipelineStatsInfo } from "./bindings/PipelineStatsInfo";
import type { PipelineProgressInfo } from "./bindings/PipelineProgressInfo";
import type { PlanView } from "./bindings/PlanView";
import type { ProspectOption } from "./bindings/ProspectOption";
import type { QueueView } from "./bindings/QueueView";
import type { RenderedEmail } from "./bindings/RenderedEmail";
import type { SavedFunnelInfo } from "./bindings/SavedFunnelInfo";
import type { SegmentDetail } from "./bindings/SegmentDetail";
import type { SegmentDiff } from "./bindings/SegmentDiff";
import type { SegmentExported } from "./bindings/SegmentExported";
import type { SegmentExportEstimate } from "./bindings/SegmentExportEstimate";
import type { SegmentFields } from "./bindings/SegmentFields";
import type { SegmentMember } from "./bindings/SegmentMember";
import type { SegmentPreview } from "./bindings/SegmentPreview";
import type { SegmentSummary } from "./bindings/SegmentSummary";
import type { SegmentVersion } from "./bindings/SegmentVersion";
import type { SendResult } from "./bindings/SendResult";
import type { SourceInfo } from "./bindings/SourceInfo";
import type { SourcesView } from "./bindings/SourcesView";
import type { SuppressionAdded } from "./bindings/SuppressionAdded";
import type { SuppressionInfo } from "./bindings/SuppressionInfo";
import type { SyncProgressInfo } from "./bindings/SyncProgressInfo";
import type { SyncRowInfo } from "./bindings/SyncRowInfo";
import type { SyncRunInfo } from "./bindings/SyncRunInfo";
import type { Target } from "./bindings/Target";
import type { TemplateExport } from "./bindings/TemplateExport";
import type { TemplateSummary } from "./bindings/TemplateSummary";
import type { ValueCount } from "./bindings/ValueCount";
import type { WebhookInfo } from "./bindings/WebhookInfo";
import type { WorkspaceStatus } from "./bindings/WorkspaceStatus";

/**
 * Every command the UI calls: its arguments (`undefined` when it takes none) and what it resolves to.
 * Argument keys are camelCase; Tauri hands them to the Rust parameters of the same name in snake_case.
 */
export interface Commands {
  workspace_status: { args: undefined; result: WorkspaceStatus };
  overview: { args: undefined; result: Overview };
  sources: { args: undefined; result: SourcesView };
  source_add: { args: { name: string }; result: SourceInfo };
  collector_start: { args: { port: number; bind: string }; result: CollectorStatus };
  collector_stop: { args: undefined; result: CollectorStatus };
  /** An empty query lists the most recently seen people. */
  people: { args: { query: string; limit: number }; result: PersonRow[] };
  person: { args: { id: number }; result: PersonDetail };
  tracking_plan: { args: undefined; result: PlanView };
  /** `json` is the text of a tracking plan file; a bad one fails with `invalidInput`. */
  plan_import: { args: { json: string }; result: PlanView };
  templates: { args: undefined; result: TemplateSummary[] };
  template: { args: { name: string }; result: EmailTemplate };
  /** Creates or replaces the template of that name; a bad one (an empty name) fails with `invalidInput`. */
  template_save: { args: { template: EmailTemplate }; result: TemplateSummary };
  /** The built-in template cannot be deleted: `invalidInput`. */
  template_delete: { args: { name: string }; result: null };
  /** By name, company or domain; an empty query lists the newest prospects. */
  prospects: { args: { query: string; limit: number }; result: ProspectOption[] };
  /** Renders a template as given (saved or not); Liquid errors come back as issues, not as a failure. */
  template_preview: { args: { template: EmailTemplate; prospectId: number }; result: RenderedEmail };
  /** Exports the saved template; an email with errors fails with `invalidInput`. */
  template_export: { args: { name: string; prospectId: number; format: ExportFormat }; result: TemplateExport };
  /** The saved segments, by name. */
  segments: { args: undefined; result: SegmentSummary[] };
  segment: { args: { name: string }; result: SegmentDetail };
  /** Count, explanation and sample of a definition as edited; its problems come back in the result. */
  segment_preview: { args: { definition: Definition }; result: SegmentPreview };
  /** Saves and computes; `replacing` is the name it was saved under (it may be renamed), null for a new one. */
  segment_save: { args: { definition: Definition; replacing: string | null }; result: SegmentSummary };
  segment_duplicate: { args: { name: string; newName: string }; result: SegmentSummary };
  segment_rename: { args: { name: string; newName: string }; result: SegmentSummary };
  /** Refused (`invalidInput`) while another segment uses it. */
  segment_delete: { args: { name: string }; result: null };
  segment_recompute: { args: { name: string }; result: SegmentVersion };
  /** Who entered and who left in `version`; the latest when null. */
  segment_diff: { args: { name: string; version: number | null }; result: SegmentDiff };
  /** Members of the latest version. */
  segment_members: { args: { name: string; limit: number }; result: SegmentMember[] };
  segment_fields: { args: undefined; result: SegmentFields };
  /** The most common values of a field or trait that start with `prefix`; `technologies` lists technologies. */
  segment_values: { args: { target: Target; key: string; prefix: string }; result: ValueCount[] };
  segment_export_estimate: {
    args: { name: string; columns: string[]; format: SegmentFormat };
    result: SegmentExportEstimate;
  };
  /** Writes the latest members to `path`, an absolute path from `chooseSavePath`. */
  segment_export: {
    args: { name: string; columns: string[]; format: SegmentFormat; path: string };
    result: SegmentExported;
  };
  /** Spend against cap for every campaign with spend. */
  cac_report: { args: undefined; result: CampaignCap[] };
  /** Sets (or clears, with null) the segment a campaign reaches; answers with the refreshed report. */
  campaign_audience_set: { args: { campaignId: string; segment: string | null }; result: CampaignCap[] };
  /** The CAC model as decimal text, with per fit segment the cap it gives and the conversion the workspace observed. */
  cac_model: { args: undefined; result: CacModelInfo };
  /** Replaces the CAC model; a value that is not a decimal, a fraction or a currency fails with `invalidInput`. */
  cac_model_set: { args: { model: CacModelText }; result: CacModelInfo };
  /** The budget guard's default mode and the campaigns with a mode of their own. */
  guard_rules: { args: undefined; result: GuardRulesInfo };
  /** Sets a campaign's guard mode, or (with a null campaign) the default; a campaign without spend fails with `invalidInput`. */
  /** `default` (with a campaign) lets the campaign follow the default mode again. */
  guard_mode_set: { args: { campaignId: string | null; mode: GuardMode | "default" }; result: GuardRulesInfo };
  /** Runs the budget guard now; resolves with what it did (often nothing). */
  guard_run: { args: undefined; result: GuardActionInfo[] };
  /** The guard's actions, newest first. */
  guard_log: { args: { limit: number }; result: GuardActionInfo[] };
  /** Counts a funnel as edited; problems with the definition come back in the result, not as a failure. */
  funnel_run: { args: { definition: Funnel }; result: FunnelResult };
  /**
   * The channel ladder: each channel's spend, people reached and cost per person, cheapest first,
   * with the people of `segment` (everyone reached, when null) on the cheapest rung that reached them.
   */
  channel_ladder: { args: { segment: string | null }; result: ChannelLadderInfo };
  /**
   * Sets (or, with null or blank, clears) what a subscription channel costs a month, in the CAC
   * model's currency; answers with the ladder for `segment`. An amount that is not a decimal fails
   * with `invalidInput`.
   */
  channel_cost_set: {
    args: { channel: SubscriptionChannel; monthly: string | null; segment: string | null };
    result: ChannelLadderInfo;
  };
  /** A chart as SVG text (`format` is "svg"; PNGs are saved with `chart_save`); `funnel` is needed by the funnel chart only. */
  chart: {
    args: { name: ChartName; funnel: Funnel | null; format: ChartFormat; width?: number; height?: number };
    result: string;
  };
  /** Writes a chart to `path`, an absolute path from `chooseSavePath`; resolves to that path. */
  chart_save: { args: { name: ChartName; funnel: Funnel | null; format: ChartFormat; path: string }; result: string };
  /** The saved funnels, by name. */
  funnels_saved: { args: undefined; result: SavedFunnelInfo[] };
  /**
   * Saves a funnel under `name`, replacing one of that name (case aside); answers with every saved
   * funnel. A funnel with problems, or a name that is empty or too long, fails with `invalidInput`.
   */
  funnel_save: { args: { name: string; definition: Funnel }; result: SavedFunnelInfo[] };
  /** Answers with every saved funnel; refused (`invalidInput`) while a segment reads it. */
  funnel_delete: { args: { name: string }; result: SavedFunnelInfo[] };
  /**
   * Saves and computes a live segment of the people who reached, or dropped out at, `step` (1 for
   * the first) of a saved funnel; named for what it holds unless `name` says.
   */
  funnel_segment: {
    args: { funnel: string; step: number; outcome: FunnelOutcome; name: string | null };
    result: SegmentSummary;
  };
  /** Every vendor tool, connected or not, with what is set (keys only as `masked`), its last run and next sync. */
  connections: { args: undefined; result: ConnectionInfo[] };
  /**
   * Saves a tool's fields, base URL override, schedule, freshness and budget; answers with every connection.
   * An empty secret leaves the stored key as it is; an empty plain field clears it.
   */
  connection_save: {
    args: {
      tool: string;
      values: Record<string, string>;
      baseUrl: string | null;
      schedule: Schedule;
      /** Days within which a looked-up entity is not looked up again; null keeps it. */
      freshnessDays: number | null;
      /** Paid lookups allowed per day and kind; null keeps it. */
      dailyBudget: number | null;
    };
    result: ConnectionInfo[];
  };
  /** Forgets a tool's keys and fields (its sync history stays); answers with every connection. */
  connection_disconnect: { args: { tool: string }; result: ConnectionInfo[] };
  /** Calls the vendor's cheapest endpoint with the saved keys; the answer is a sentence saying it works. */
  connection_test: { args: { tool: string }; result: string };
  /** Runs a sync and resolves when it ends; `sync-progress` events arrive meanwhile. `busy` while one runs. */
  sync_now: { args: { tool: string }; result: SyncRunInfo };
  /** Asks a running sync to stop after its current batch; false when none was running. */
  sync_cancel: { args: { tool: string }; result: boolean };
  /** Runs newest first, of one tool or (with null) all. */
  sync_log: { args: { tool: string | null; limit: number }; result: SyncRunInfo[] };
  /** The rows a run failed or skipped, with the reason. */
  sync_rows: { args: { runId: number }; result: SyncRowInfo[] };
  /**
   * The review queue: every queued company of every state, newest and best scored first (the
   * screen filters), with the reps, the contacts waiting to be sent, the campaign's event, whether
   * Customer.io is connected and the contacts by outreach state.
   */
  queue_list: { args: undefined; result: QueueView };
  /**
   * Approves a company: the contacts named by email (all, with null) are approved, the others
   * rejected. An email that is not one of its contacts fails with `invalidInput`; a domain not in
   * the queue with `notFound`.
   */
  queue_approve: { args: { domain: string; contacts: string[] | null }; result: QueueView };
  /** Rejects a company and its contacts; an empty reason fails with `invalidInput`. */
  queue_reject: { args: { domain: string; reason: string }; result: QueueView };
  /**
   * Snoozes a pending (or snoozed) company for 1 to 365 days; it comes back as pending then. A
   * decided company, or days out of range, fails with `invalidInput`.
   */
  queue_snooze: { args: { domain: string; days: number }; result: QueueView };
  /** Assigns a company to a rep; null or an empty name unassigns it. A name over 80 characters fails with `invalidInput`. */
  queue_assign: { args: { domain: string; rep: string | null }; result: QueueView };
  /** Sets a company's note; null or an empty note clears it. A note over 2,000 characters fails with `invalidInput`. */
  queue_note: { args: { domain: string; note: string | null }; result: QueueView };
  /** Puts a decided or snoozed company back to pending; once a contact was sent it fails with `invalidInput`. */
  queue_reopen: { args: { domain: string }; result: QueueView };
  /** Sets the Customer.io Track API event that starts the outbound campaign (1 to 100 bytes, else `invalidInput`). */
  outbound_event_set: { args: { event: string }; result: QueueView };
  /**
   * Sends the approved contacts to Customer.io (a batch at a time) and tells it of addresses that
   * stopped; fails with `notConnected` while Customer.io is not connected.
   */
  queue_send: { args: undefined; result: SendResult };
  /**
   * Runs the pipeline: reveals visiting IPs, enriches and scores the companies, and finds contacts
   * at the qualified ones. A dry run says what it would spend at most and calls nothing;
   * `retryInterrupted` asks again (and pays again for) the lookups a stopped run never stored.
   */
  pipeline_run: { args: { dryRun: boolean; retryInterrupted: boolean }; result: PipelineRunInfo };
  /** The pipeline's last `days` days (1 to 366, else `invalidInput`), with the source report's figures. */
  pipeline_stats: { args: { days: number }; result: PipelineStatsInfo };
  /** The inbound webhooks: whether they are set up, their paths (secret masked), Mailparser's template and the latest calls. */
  webhook_info: { args: undefined; result: WebhookInfo };
  /**
   * The pipeline's rules: the Reveal types and fuzzy matches it skips, the cool-down before a
   * company's contacts are looked for again, the qualifying score, the roles, seniorities and
   * number of contacts it looks for, and each paid lookup's daily budget.
   */
  pipeline_rules: { args: undefined; result: PipelineRulesInfo };
  /**
   * Saves the pipeline's rules and answers with them as saved. A threshold outside 0 to 100,
   * contacts per company outside 1 to 100, a cool-down over 3,650 days, a skip kind other than
   * `isp`, `education` or `government`, a budget for a lookup other than `reveal`, `company`,
   * `score` or `prospect`, or an empty role or seniority fails with `invalidInput` (one line
   * saying what to use).
   */
  pipeline_rules_set: { args: { rules: PipelineRulesInfo }; result: PipelineRulesInfo };
  /** Every domain on a suppression list, by domain (a domain may be on more than one list). */
  suppressions: { args: undefined; result: SuppressionInfo[] };
  /**
   * Puts domains on a list (`customer`, `competitor` or `do_not_contact`; another fails with
   * `invalidInput`). `text` holds one domain per line, or CSV rows: from each line the first cell
   * that is a domain, an email's domain or a URL's host is taken; a first line without one is a
   * header and skipped, other lines without one come back in `refused` with their number. A blank
   * note is none.
   */
  suppression_add: { args: { list: string; text: string; note: string | null }; result: SuppressionAdded };
  /** Takes a domain off one list (nothing happens when it is not on it); answers with every suppressed domain. */
  suppression_remove: { args: { domain: string; list: string }; result: SuppressionInfo[] };
}

/** How often the app syncs a tool by itself while it is open. */
export type Schedule = "off" | "hourly" | "daily";

/**
 * What the budget guard does for a campaign at its cap: nothing, record the pause it would make
 * (the default), or pause it on its platform.
 */
export type GuardMode = "off" | "dry run" | "live";

/** The channels whose cost is a tool's monthly subscription rather than ad spend. */
export type SubscriptionChannel = "email" | "web personalisation";

/** The charts the Rust side draws. */
export type ChartName = "funnel" | "spend-vs-cap" | "channel-ladder" | "pipeline" | "open-rates";

/** What a chart is drawn as: SVG for the screen and for saving, PNG for saving. */
export type ChartFormat = "svg" | "png";

/** The file formats a segment exports to: CSV, or JSON Lines (one object per line). */
export type SegmentFormat = "csv" | "jsonl";

/** What `template_export` produces: the template for Customer.io, or one prospect's email as an .eml file. */
export type ExportFormat = "customerio" | "eml";

export type Command = keyof Commands;
export type ArgsOf<C extends Command> = Commands[C]["args"];
export type ResultOf<C extends Command> = Commands[C]["result"];

/** A command without arguments is called with none; one with arguments must be given them. */
type CallArgs<C extends Command> = ArgsOf<C> extends undefined ? [] : [args: ArgsOf<C>];

/** Every event the UI listens to, with its payload. */
export interface Events {
  "workspace-progress": WorkspaceStatus;
  /** After every batch of a sync, manual or scheduled. */
  "sync-progress": SyncProgressInfo;
  /** Before each lookup of a pipeline run, then `done`. */
  "pipeline-progress": PipelineProgressInfo;
}

/** A rejected command, carrying the `{ code, message }` the Rust side sent. */
export class IpcFailure extends Error {
  readonly code: ErrorCode;

  constructor({ code, message }: IpcError) {
    super(message);
    this.name = "IpcFailure";
    this.code = code;
  }
}

const OUTSIDE_APP: IpcError = {
  code: "internal",
  message: "This page is not connected to Switchboard; open the Switchboard app instead of a browser.",
};

export async function call<C extends Command>(command: C, ...args: CallArgs<C>): Promise<ResultOf<C>> {
  if (!("__TAURI_INTERNALS__" in window)) throw new IpcFailure(OUTSIDE_APP);
  try {
    return await invoke<ResultOf<C>>(command, args[0]);
  } catch (rejection) {
    throw toFailure(rejection);
  }
}

export function subscribe<E extends keyof Events>(
  event: E,
  onPayload: (payload: Events[E]) => void,
): Promise<UnlistenFn> {
  if (!("__TAURI_INTERNALS__" in window)) return Promise.reject(new IpcFailure(OUTSIDE_APP));
  return listen<Events[E]>(event, ({ payload }) => {
    onPayload(payload);
  });
}

/**
 * Asks where to save a file with the system's save dialog (the dialog plugin, over the same IPC);
 * null when the person cancelled.
 */
export async function chooseSavePath(options: {
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
}): Promise<string | null> {
  if (!("__TAURI_INTERNALS__" in window)) throw new IpcFailure(OUTSIDE_APP);
  try {
    return await save(options);
  } catch (rejection) {
    throw toFailure(rejection);
  }
}

// A record, so that a code added on the Rust side fails the typecheck until it is listed here.
const KNOWN_CODES: Record<ErrorCode, true> = {
  notFound: true,
  notAWorkspace: true,
  newerSchema: true,
  notReady: true,
  invalidInput: true,
  vendor: true,
  notConnected: true,
  secrets: true,
  busy: true,
  io: true,
  internal: true,
};
const ERROR_CODES = Object.keys(KNOWN_CODES) as readonly string[];

function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof message === "string" && typeof code === "string" && ERROR_CODES.includes(code);
}

/**
 * Commands reject with an `IpcError`; Tauri itself rejects with a bare string
 * (e.g. an unknown command) and a broken bridge throws a TypeError.
 */
export function toFailure(rejection: unknown): IpcFailure {
  if (rejection instanceof IpcFailure) return rejection;
  if (isIpcError(rejection)) return new IpcFailure(rejection);
  if (typeof rejection === "string") return new IpcFailure({ code: "internal", message: rejection });
  if (rejection instanceof Error) return new IpcFailure({ code: "internal", message: rejection.message });
  return new IpcFailure({ code: "internal", message: "The app's back end gave an unexpected answer." });
}
