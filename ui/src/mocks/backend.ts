// A stand-in for the Rust side when the UI runs in a plain browser (development and previews).
// `?mock=` picks a scenario: "" or "ready", "creating", "failed", "error" (every screen's data fails),
// "loading", "empty" (no sources, no tracking plan yet).
// It keeps state like the real one: sources can be added, the collector started and stopped, a plan imported,
// templates saved and deleted, segments built, saved, renamed, recomputed and exported, campaign
// audiences set, funnels saved (and a step of one made into a segment), the CAC model edited,
// the budget guard set and run (a live pause works once the
// platform is connected here), funnels run and charts drawn and saved (the save dialog answers with
// a path in ~/Downloads), vendor tools connected, tested, synced (with `sync-progress` events) and
// disconnected, and the outbound review queue decided, sent to Customer.io (while it is connected
// here) and filled by pipeline runs within the pipeline's rules, and the suppression lists added
// to (pasted or imported from CSV) and taken from.

import { emit } from "@tauri-apps/api/event";
import { mockIPC } from "@tauri-apps/api/mocks";
import type { CollectorStatus } from "../bindings/CollectorStatus";
import type { EmailTemplate } from "../bindings/EmailTemplate";
import type { PlanView } from "../bindings/PlanView";
import type { SourceInfo } from "../bindings/SourceInfo";
import type { TemplateSummary } from "../bindings/TemplateSummary";
import type { WorkspaceStatus } from "../bindings/WorkspaceStatus";
import type { ArgsOf } from "../ipc";
import { connectionCommands, isConnectionCommand } from "./connections";
import { funnelCommands, isFunnelCommand, savedFunnels } from "./funnels";
import { isOutboundCommand, outboundCommands } from "./outbound";
import { readPlan } from "./plan";
import {
  CREATION_STEPS,
  creatingStatus,
  emptyPlanView,
  emptySourcesView,
  failedStatus,
  hoursBefore,
  readyStatus,
  rejectWith,
  sampleCollector,
  sampleOverview,
  samplePersonDetail,
  samplePlanView,
  sampleSourcesView,
  searchPeople,
} from "./sample";
import { chosenPath, isSegmentCommand, segmentCommands } from "./segments";
import { isSpendCommand, spendCommands } from "./spend";
import {
  BUILT_IN_TEMPLATE,
  defaultTemplate,
  exportTemplate,
  renderTemplate,
  searchProspects,
  shortNoteTemplate,
} from "./templates";

const STEP_MS = 900;
/** The commands that only read: the "loading" and "error" scenarios apply to them. */
const READS = new Set([
  "segments",
  "segment",
  "segment_fields",
  "segment_members",
  "segment_preview",
  "cac_report",
  "cac_model",
  "guard_rules",
  "guard_log",
  "funnel_run",
  "funnels_saved",
  "channel_ladder",
  "chart",
  "connections",
  "sync_log",
  "sync_rows",
  "queue_list",
  "pipeline_stats",
  "webhook_info",
  "pipeline_rules",
  "suppressions",
]);
/** Starting and stopping take a moment in the app too (binding, draining); the mock shows the pending state. */
const COLLECTOR_DELAY_MS = 400;
const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function writeKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (byte) => KEY_ALPHABET[byte % KEY_ALPHABET.length]).join("");
}

function nowIso(): string {
  return hoursBefore(new Date(), 0);
}

function later<T>(value: T): Promise<T> {
  return new Promise((resolve) => {
    window.setTimeout(() => {
      resolve(value);
    }, COLLECTOR_DELAY_MS);
  });
}

export function installMockBackend(scenario: string): void {
  let status: WorkspaceStatus =
    scenario === "creating" ? creatingStatus(0) : scenario === "failed" ? failedStatus() : readyStatus();
  const empty = scenario === "empty";
  const initial = empty ? emptySourcesView() : sampleSourcesView(new Date());
  const sources: SourceInfo[] = initial.sources;
  let collector: CollectorStatus = initial.collector;
  let plan: PlanView = empty ? emptyPlanView() : samplePlanView(new Date());
  const templates = new Map<string, { template: EmailTemplate; updatedAt: string }>([
    [BUILT_IN_TEMPLATE, { template: defaultTemplate(), updatedAt: hoursBefore(new Date(), 30 * 24) }],
  ]);
  if (!empty) templates.set(shortNoteTemplate().name, { template: shortNoteTemplate(), updatedAt: hoursBefore(new Date(), 26) });
  const funnelStore = savedFunnels(() => new Date(), { empty });
  const segments = segmentCommands(() => new Date(), { empty, funnels: funnelStore.reach });
  const funnels = funnelCommands(() => new Date(), funnelStore, segments);
  const connections = connectionCommands(() => new Date(), {
    empty,
    onProgress: (progress) => {
      void emit("sync-progress", progress);
    },
  });
  const spend = spendCommands(() => new Date(), {
    empty,
    connected: async (platform) => (await connections.connections(undefined)).some((c) => c.tool === platform && c.connected),
  });
  const outbound = outboundCommands(() => new Date(), {
    empty,
    onProgress: (progress) => {
      void emit("pipeline-progress", progress);
    },
    customerioConnected: async () =>
      (await connections.connections(undefined)).some((c) => c.tool === "customerio" && c.connected),
  });

  /** The collector's counters grow with the time it has been running, about 40 events a minute. */
  function liveCollector(): CollectorStatus {
    if (!collector.running || collector.startedAt === null) return collector;
    const seconds = (Date.now() - new Date(collector.startedAt).getTime()) / 1000;
    return {
      ...collector,
      accepted: Math.floor(seconds * 0.68),
      duplicates: Math.floor(seconds / 90),
      rejectedMessages: Math.floor(seconds / 240),
      rejectedRequests: Math.floor(seconds / 400),
      eventsPerMinute: 36 + Math.round(6 * Math.sin(seconds / 20)),
    };
  }

  function addSource({ name }: ArgsOf<"source_add">) {
    const trimmed = name.trim();
    if (trimmed === "" || trimmed.length > 100) {
      return rejectWith({ code: "invalidInput", message: "A source's name must have 1 to 100 characters" });
    }
    if (sources.some((s) => s.name === trimmed)) {
      return rejectWith({ code: "invalidInput", message: `A source named "${trimmed}" already exists; choose another name.` });
    }
    const source: SourceInfo = {
      id: Math.max(0, ...sources.map((s) => s.id)) + 1,
      name: trimmed,
      writeKey: writeKey(),
      createdAt: nowIso(),
      events: 0,
      lastSeen: null,
      eventsLastMinute: 0,
    };
    sources.push(source);
    return source;
  }

  /** Like the app: a failed start is refused, and its reason stays in the status until the next start. */
  function startCollector({ port, bind }: ArgsOf<"collector_start">) {
    const stopped = { ...sampleCollector(new Date(), false), port, bind };
    // The mock's stand-ins for the ways a start fails: privileged ports, and the port Vite itself uses.
    const refusal =
      port < 1024
        ? `Port ${String(port)} needs privileges; choose a port above 1023`
        : port === 5173
          ? `Port ${String(port)} is already in use; choose another port`
          : null;
    if (refusal !== null) {
      collector = { ...stopped, error: refusal };
      return later(null).then(() => rejectWith({ code: "invalidInput", message: refusal }));
    }
    collector = { ...stopped, running: true, address: `http://${bind}:${String(port)}`, startedAt: nowIso() };
    return later(liveCollector());
  }

  function stopCollector() {
    collector = { ...sampleCollector(new Date(), false), port: collector.port, bind: collector.bind };
    return later(collector);
  }

  function importPlan({ json }: ArgsOf<"plan_import">) {
    try {
      plan = readPlan(json, nowIso());
      return plan;
    } catch (error) {
      return rejectWith({ code: "invalidInput", message: error instanceof Error ? error.message : String(error) });
    }
  }

  function summaries(): TemplateSummary[] {
    // Built-in first, then by name, as the app lists them.
    return [...templates.values()]
      .map(({ template, updatedAt }) => ({
        name: template.name,
        layers: template.layers.length,
        updatedAt,
        builtIn: template.name === BUILT_IN_TEMPLATE,
      }))
      .sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
  }

  function savedTemplate(name: string) {
    const saved = templates.get(name);
    return saved?.template ?? rejectWith({ code: "notFound", message: `There is no template named “${name}”.` });
  }

  function saveTemplate({ template }: ArgsOf<"template_save">) {
    const name = template.name.trim();
    if (name === "" || name.length > 100) {
      return rejectWith({ code: "invalidInput", message: "A template's name must have 1 to 100 characters." });
    }
    if (template.layers.length === 0) {
      return rejectWith({ code: "invalidInput", message: "A template needs at least one layer." });
    }
    templates.set(name, { template: { ...template, name }, updatedAt: nowIso() });
    return summaries().find((s) => s.name === name);
  }

  function deleteTemplate({ name }: ArgsOf<"template_delete">) {
    if (name === BUILT_IN_TEMPLATE) {
      const message = `“${name}” is the built-in template; it can be edited but not deleted.`;
      return rejectWith({ code: "invalidInput", message });
    }
    if (!templates.delete(name)) {
      return rejectWith({ code: "notFound", message: `There is no template named “${name}”.` });
    }
    return null;
  }

  function noProspect(id: number) {
    return rejectWith({ code: "notFound", message: `No prospect with id ${String(id)}; choose another.` });
  }

  function previewTemplate({ template, prospectId }: ArgsOf<"template_preview">) {
    return renderTemplate(template, prospectId, new Date()) ?? noProspect(prospectId);
  }

  function exportSaved({ name, prospectId, format }: ArgsOf<"template_export">) {
    const saved = templates.get(name);
    if (!saved) return rejectWith({ code: "notFound", message: `There is no template named “${name}”; save it first.` });
    const exported = exportTemplate(saved.template, prospectId, format, new Date());
    if (!exported) return noProspect(prospectId);
    return "refusal" in exported ? rejectWith({ code: "invalidInput", message: exported.refusal }) : exported;
  }

  /** The answer to a read, or the scenario's loading or failure instead. */
  function read<T>(answer: () => T): T | Promise<never> {
    if (scenario === "loading") return new Promise(() => undefined);
    if (scenario === "error") {
      return rejectWith({
        code: "io",
        message: "Could not read the workspace file; check that the disk is attached and try again.",
      });
    }
    return answer();
  }

  mockIPC(
    (command, payload) => {
      // The payload is what `call` was given, so its type already matched the command's arguments.
      switch (command) {
        case "workspace_status":
          return status;
        case "overview":
          return read(() => sampleOverview(new Date()));
        case "sources": {
          const view = sampleSourcesView(new Date());
          return read(() => ({
            ...view,
            collector: liveCollector(),
            sources: [...sources],
            latestEvents: empty ? [] : view.latestEvents,
            rejections: empty ? [] : view.rejections,
          }));
        }
        case "source_add":
          return addSource(payload as ArgsOf<"source_add">);
        case "collector_start":
          return startCollector(payload as ArgsOf<"collector_start">);
        case "collector_stop":
          return stopCollector();
        case "people": {
          const { query, limit } = payload as ArgsOf<"people">;
          return read(() => (empty ? [] : searchPeople(query, limit, new Date())));
        }
        case "person": {
          const { id } = payload as ArgsOf<"person">;
          const detail = samplePersonDetail(id, new Date());
          return detail ?? rejectWith({ code: "notFound", message: `No person with id ${String(id)}; they may have been merged into another profile.` });
        }
        case "tracking_plan":
          return read(() => plan);
        case "plan_import":
          return importPlan(payload as ArgsOf<"plan_import">);
        case "templates":
          return read(summaries);
        case "template":
          return read(() => savedTemplate((payload as ArgsOf<"template">).name));
        case "template_save":
          return saveTemplate(payload as ArgsOf<"template_save">);
        case "template_delete":
          return deleteTemplate(payload as ArgsOf<"template_delete">);
        case "prospects": {
          const { query, limit } = payload as ArgsOf<"prospects">;
          return read(() => (empty ? [] : searchProspects(query, limit)));
        }
        case "template_preview":
          return read(() => previewTemplate(payload as ArgsOf<"template_preview">));
        case "template_export":
          return exportSaved(payload as ArgsOf<"template_export">);
        case "plugin:dialog|save":
          return chosenPath((payload as { options?: { defaultPath?: string } } | undefined)?.options);
        default: {
          const answer = isSegmentCommand(command)
            ? (segments[command] as (args: unknown) => unknown)
            : isSpendCommand(command)
              ? (spend[command] as (args: unknown) => unknown)
              : isConnectionCommand(command)
                ? (connections[command] as (args: unknown) => unknown)
                : isFunnelCommand(command)
                  ? (funnels[command] as (args: unknown) => unknown)
                  : isOutboundCommand(command)
                    ? (outbound[command] as (args: unknown) => unknown)
                    : null;
          if (answer === null) return rejectWith(`command ${command} not found`);
          return READS.has(command) ? read(() => answer(payload)) : answer(payload);
        }
      }
    },
    { shouldMockEvents: true },
  );

  if (scenario === "creating") {
    let done = 0;
    const timer = window.setInterval(() => {
      done += 1;
      status = done >= CREATION_STEPS.length ? readyStatus() : creatingStatus(done);
      void emit("workspace-progress", status);
      if (status.state === "ready") window.clearInterval(timer);
    }, STEP_MS);
  }
}
