// The data layer: every piece of server state the UI shows, as TanStack queries
// over `ipc.ts`. Components read through these hooks only; they never call IPC.

import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, QueryClient, skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useState } from "react";
import type { CacModelInfo } from "./bindings/CacModelInfo";
import type { CacModelText } from "./bindings/CacModelText";
import type { CampaignCap } from "./bindings/CampaignCap";
import type { ChannelLadderInfo } from "./bindings/ChannelLadderInfo";
import type { CollectorStatus } from "./bindings/CollectorStatus";
import type { ConnectionInfo } from "./bindings/ConnectionInfo";
import type { Definition } from "./bindings/Definition";
import type { EmailTemplate } from "./bindings/EmailTemplate";
import type { Funnel } from "./bindings/Funnel";
import type { GuardActionInfo } from "./bindings/GuardActionInfo";
import type { GuardRulesInfo } from "./bindings/GuardRulesInfo";
import type { PipelineRulesInfo } from "./bindings/PipelineRulesInfo";
import type { PipelineProgressInfo } from "./bindings/PipelineProgressInfo";
import type { PipelineRunInfo } from "./bindings/PipelineRunInfo";
import type { PlanView } from "./bindings/PlanView";
import type { QueueView } from "./bindings/QueueView";
import type { SavedFunnelInfo } from "./bindings/SavedFunnelInfo";
import type { SegmentExported } from "./bindings/SegmentExported";
import type { SegmentSummary } from "./bindings/SegmentSummary";
import type { SegmentVersion } from "./bindings/SegmentVersion";
import type { SendResult } from "./bindings/SendResult";
import type { SourceInfo } from "./bindings/SourceInfo";
import type { SourcesView } from "./bindings/SourcesView";
import type { SuppressionAdded } from "./bindings/SuppressionAdded";
import type { SuppressionInfo } from "./bindings/SuppressionInfo";
import type { SyncProgressInfo } from "./bindings/SyncProgressInfo";
import type { SyncRunInfo } from "./bindings/SyncRunInfo";
import type { TemplateExport } from "./bindings/TemplateExport";
import type { TemplateSummary } from "./bindings/TemplateSummary";
import type { Target } from "./bindings/Target";
import type { WorkspaceStatus } from "./bindings/WorkspaceStatus";
import { call, IpcFailure, subscribe, type ArgsOf, type ChartName, type SegmentFormat } from "./ipc";

export const queryKeys = {
  workspaceStatus: ["workspace_status"] as const,
  overview: ["overview"] as const,
  sources: ["sources"] as const,
  /** Every people search; `peopleSearch` is one of them. */
  people: ["people"] as const,
  peopleSearch: (query: string) => ["people", query] as const,
  person: (id: number) => ["person", id] as const,
  trackingPlan: ["tracking_plan"] as const,
  templates: ["templates"] as const,
  template: (name: string) => ["template", name] as const,
  prospects: (query: string) => ["prospects", query] as const,
  /** Keyed on the whole template, so each edit (after the pause) is a render of its own. */
  templatePreview: (template: EmailTemplate | null, prospectId: number | null) =>
    ["template_preview", template, prospectId] as const,
  segments: ["segments"] as const,
  segment: (name: string) => ["segment", name] as const,
  /** Keyed on the whole definition, so each pause in editing is a count of its own. */
  segmentPreview: (definition: Definition | null) => ["segment_preview", definition] as const,
  segmentFields: ["segment_fields"] as const,
  segmentValues: (target: Target, key: string, prefix: string) => ["segment_values", target, key, prefix] as const,
  segmentMembers: (name: string) => ["segment_members", name] as const,
  segmentDiff: (name: string, version: number | null) => ["segment_diff", name, version] as const,
  segmentExportEstimate: (name: string, columns: readonly string[], format: SegmentFormat) =>
    ["segment_export_estimate", name, columns, format] as const,
  cacReport: ["cac_report"] as const,
  cacModel: ["cac_model"] as const,
  guardRules: ["guard_rules"] as const,
  guardLog: ["guard_log"] as const,
  /** Every channel ladder; `channelLadder` is one of them. */
  channelLadders: ["channel_ladder"] as const,
  /** The ladder with the people of `segment` on its rungs; everyone reached when null. */
  channelLadder: (segment: string | null) => ["channel_ladder", segment] as const,
  /** Keyed on the whole definition, so each pause in editing is a run of its own. */
  funnelRun: (definition: Funnel | null) => ["funnel_run", definition] as const,
  funnelsSaved: ["funnels_saved"] as const,
  /** Every chart; `chart` is one of them. */
  charts: ["chart"] as const,
  chart: (name: ChartName, funnel: Funnel | null) => ["chart", name, funnel] as const,
  connections: ["connections"] as const,
  syncLog: (tool: string) => ["sync_log", tool] as const,
  syncRows: (runId: number) => ["sync_rows", runId] as const,
  /** The latest `sync-progress` event of a tool's run, kept by `useSyncProgressEvents`; null when none runs. */
  syncProgress: (tool: string) => ["sync_progress", tool] as const,
  queue: ["queue_list"] as const,
  /** Every span of pipeline days; `pipelineStatsOf` is one of them. */
  pipelineStats: ["pipeline_stats"] as const,
  pipelineStatsOf: (days: number) => ["pipeline_stats", days] as const,
  webhookInfo: ["webhook_info"] as const,
  pipelineRules: ["pipeline_rules"] as const,
  suppressions: ["suppressions"] as const,
};

/** How often to ask for the status while the workspace is being created, in case an event is missed. */
const CREATING_POLL_MS = 1_000;
const OVERVIEW_REFRESH_MS = 30_000;
/** The Sources screen is the live view: events per minute, the latest events, refusals. */
const SOURCES_REFRESH_MS = 2_000;
/** Violations arrive with the events the collector receives. */
const PLAN_REFRESH_MS = 10_000;
/** How many people a search lists; the search narrows, the list does not page. */
export const PEOPLE_LIMIT = 100;
/** How many prospects the preview's picker lists and steps through. */
export const PROSPECTS_LIMIT = 50;
/** Re-render the preview once editing pauses, not on every keystroke. */
export const PREVIEW_DEBOUNCE_MS = 300;
/** Each pause in editing caches a whole HTML document; old ones need not outlive the screen by long. */
const PREVIEW_GC_MS = 60_000;
/** Count a segment being edited once editing pauses: long enough to finish a word, short enough to feel live. */
export const SEGMENT_PREVIEW_DEBOUNCE_MS = 400;
/** How often to look again while a segment is computing. */
const SEGMENT_COMPUTING_POLL_MS = 1_000;
/** How many members a saved segment's member list shows. */
export const SEGMENT_MEMBERS_LIMIT = 100;
/** Count a funnel being edited once editing pauses, as the segment builder does. */
export const FUNNEL_RUN_DEBOUNCE_MS = 400;
/** Next and last sync move on with the schedule, which the app runs by itself. */
const CONNECTIONS_REFRESH_MS = 30_000;
/** While a sync runs, look often: a scheduled run ends without anyone waiting for it. */
const CONNECTIONS_RUNNING_POLL_MS = 2_000;
/** How many runs a tool's log shows. */
export const SYNC_LOG_LIMIT = 20;
/** How many of the budget guard's actions its log shows. */
export const GUARD_LOG_LIMIT = 50;
/** The pipeline may run from the command line or a schedule: look for new companies now and then. */
const QUEUE_REFRESH_MS = 60_000;
/** Webhook calls arrive while the collector runs. */
const WEBHOOKS_REFRESH_MS = 10_000;

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // IPC failures are answers, not flaky networks; only "not ready yet" is worth asking again.
        retry: (failures, error) => error instanceof IpcFailure && error.code === "notReady" && failures < 5,
        retryDelay: 1_000,
      },
    },
  });
}

export function useWorkspaceStatus() {
  return useQuery({
    queryKey: queryKeys.workspaceStatus,
    queryFn: () => call("workspace_status"),
    refetchInterval: (query) => (query.state.data?.state === "creating" ? CREATING_POLL_MS : false),
  });
}

/** Keeps the cached status current from the `workspace-progress` event while it is mounted. */
export function useWorkspaceProgress(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    // If listening fails, the 1 s poll in `useWorkspaceStatus` still moves the progress along.
    const unlisten = subscribe("workspace-progress", (status) => {
      queryClient.setQueryData<WorkspaceStatus>(queryKeys.workspaceStatus, status);
    }).catch(() => undefined);
    return () => {
      // Stopping can only fail when the bridge is already gone (the window is closing); nothing to do then.
      void unlisten.then((stop) => stop?.()).catch(() => undefined);
    };
  }, [queryClient]);
}

/** The overview, fetched only once the workspace is ready. */
export function useOverview() {
  const status = useWorkspaceStatus();
  return useQuery({
    queryKey: queryKeys.overview,
    queryFn: () => call("overview"),
    enabled: status.data?.state === "ready",
    refetchInterval: OVERVIEW_REFRESH_MS,
  });
}

/** True once the workspace is open; nothing else can be read before. */
function useWorkspaceReady(): boolean {
  return useWorkspaceStatus().data?.state === "ready";
}

/** Sources, collector and recent traffic, refreshed every 2 s while a screen shows them. */
export function useSources() {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.sources,
    queryFn: () => call("sources"),
    enabled: useWorkspaceReady(),
    refetchInterval: SOURCES_REFRESH_MS,
  });
  // New messages change the Overview's totals (and the status bar): read it again when they arrive.
  const newest = query.data?.latestEvents[0]?.messageId;
  useEffect(() => {
    if (newest !== undefined) void queryClient.invalidateQueries({ queryKey: queryKeys.overview });
  }, [newest, queryClient]);
  return query;
}

/** People matching `query` (name, email, user or anonymous id); an empty query lists the most recently seen. */
export function usePeople(query: string) {
  return useQuery({
    queryKey: queryKeys.peopleSearch(query),
    queryFn: () => call("people", { query, limit: PEOPLE_LIMIT }),
    enabled: useWorkspaceReady(),
    // While the next search runs, the last answer stays on screen instead of a flash of "loading".
    placeholderData: keepPreviousData,
  });
}

/** One person in full, once one is selected. */
export function usePerson(id: number | null) {
  return useQuery({
    queryKey: queryKeys.person(id ?? -1),
    queryFn: id === null ? skipToken : () => call("person", { id }),
    enabled: useWorkspaceReady(),
  });
}

export function useTrackingPlan() {
  return useQuery({
    queryKey: queryKeys.trackingPlan,
    queryFn: () => call("tracking_plan"),
    enabled: useWorkspaceReady(),
    refetchInterval: PLAN_REFRESH_MS,
  });
}

/** The saved templates, built-in first as the Rust side orders them. */
export function useTemplates() {
  return useQuery({
    queryKey: queryKeys.templates,
    queryFn: () => call("templates"),
    enabled: useWorkspaceReady(),
  });
}

/** One saved template in full; `null` while none is open (a new, unsaved one). */
export function useTemplate(name: string | null) {
  return useQuery({
    queryKey: queryKeys.template(name ?? ""),
    queryFn: name === null ? skipToken : () => call("template", { name }),
    enabled: useWorkspaceReady(),
  });
}

/** Reads a saved template once, to start a new one from it ("New from default"). */
export function useLoadTemplate() {
  const queryClient = useQueryClient();
  return useCallback(
    (name: string) =>
      queryClient.query({ queryKey: queryKeys.template(name), queryFn: () => call("template", { name }) }),
    [queryClient],
  );
}

/** Prospects matching `query` (name, company or domain); an empty query lists the newest. */
export function useProspects(query: string) {
  return useQuery({
    queryKey: queryKeys.prospects(query),
    queryFn: () => call("prospects", { query, limit: PROSPECTS_LIMIT }),
    enabled: useWorkspaceReady(),
    placeholderData: keepPreviousData,
  });
}

/**
 * The email `template` (saved or not) makes for one prospect. Edits are rendered once typing pauses;
 * meanwhile the last rendering stays on screen (`isPlaceholderData`).
 */
export function useTemplatePreview(template: EmailTemplate | null, prospectId: number | null) {
  const [settled] = useDebouncedValue(template, PREVIEW_DEBOUNCE_MS);
  return useQuery({
    queryKey: queryKeys.templatePreview(settled, prospectId),
    queryFn:
      settled === null || prospectId === null
        ? skipToken
        : () => call("template_preview", { template: settled, prospectId }),
    enabled: useWorkspaceReady(),
    placeholderData: keepPreviousData,
    gcTime: PREVIEW_GC_MS,
  });
}

// Mutations reject with the `IpcFailure` from `call`, so `error.message` is the Rust side's sentence.

export function useAddSource() {
  const queryClient = useQueryClient();
  return useMutation<SourceInfo, IpcFailure, string>({
    mutationFn: (name) => call("source_add", { name }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.sources }),
  });
}

/**
 * After a start or stop: shows the collector's new state at once, and re-reads the whole view
 * either way (a refused start leaves its reason in the collector's status).
 */
function useCollectorChange() {
  const queryClient = useQueryClient();
  return {
    onSuccess: (collector: CollectorStatus) => {
      queryClient.setQueryData<SourcesView>(queryKeys.sources, (view) => view && { ...view, collector });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.sources }),
  };
}

export function useStartCollector() {
  return useMutation<CollectorStatus, IpcFailure, ArgsOf<"collector_start">>({
    mutationFn: (args) => call("collector_start", args),
    ...useCollectorChange(),
  });
}

export function useStopCollector() {
  return useMutation<CollectorStatus, IpcFailure>({ mutationFn: () => call("collector_stop"), ...useCollectorChange() });
}

/** Imports (or replaces) the tracking plan from the text of its JSON file. */
export function useImportPlan() {
  const queryClient = useQueryClient();
  return useMutation<PlanView, IpcFailure, string>({
    mutationFn: (json) => call("plan_import", { json }),
    onSuccess: (view) => {
      queryClient.setQueryData<PlanView>(queryKeys.trackingPlan, view);
      return queryClient.invalidateQueries({ queryKey: queryKeys.trackingPlan });
    },
  });
}

/** Saves a template under its name; the saved version is what the editor then compares edits with. */
export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation<TemplateSummary, IpcFailure, EmailTemplate>({
    mutationFn: (template) => call("template_save", { template }),
    onSuccess: (summary, template) => {
      queryClient.setQueryData<EmailTemplate>(queryKeys.template(summary.name), { ...template, name: summary.name });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.templates }),
        queryClient.invalidateQueries({ queryKey: queryKeys.template(summary.name) }),
      ]);
    },
  });
}

export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation<null, IpcFailure, string>({
    mutationFn: (name) => call("template_delete", { name }),
    onSuccess: (_, name) => {
      queryClient.removeQueries({ queryKey: queryKeys.template(name) });
      return queryClient.invalidateQueries({ queryKey: queryKeys.templates });
    },
  });
}

/** Exports the saved template: for Customer.io, or as one prospect's .eml. */
export function useExportTemplate() {
  return useMutation<TemplateExport, IpcFailure, ArgsOf<"template_export">>({
    mutationFn: (args) => call("template_export", args),
  });
}

// ---- Segments ------------------------------------------------------------------------------------

/** The saved segments, looked at again every second while one of them is computing. */
export function useSegments() {
  return useQuery({
    queryKey: queryKeys.segments,
    queryFn: () => call("segments"),
    enabled: useWorkspaceReady(),
    refetchInterval: (query) =>
      query.state.data?.some((s) => s.status === "computing") ? SEGMENT_COMPUTING_POLL_MS : false,
  });
}

/** One saved segment: its summary, definition and history; nothing while none is open. */
export function useSegment(name: string | null) {
  return useQuery({
    queryKey: queryKeys.segment(name ?? ""),
    queryFn: name === null ? skipToken : () => call("segment", { name }),
    enabled: useWorkspaceReady(),
    refetchInterval: (query) =>
      query.state.data?.summary.status === "computing" ? SEGMENT_COMPUTING_POLL_MS : false,
  });
}

/**
 * The count, explanation and sample of `definition` as it is being edited. It is asked for once
 * editing pauses; meanwhile the last answer stays on screen (`isPlaceholderData`), and `settled`
 * says whether the answer is for what is on screen now.
 */
export function useSegmentPreview(definition: Definition | null) {
  const [settled] = useDebouncedValue(definition, SEGMENT_PREVIEW_DEBOUNCE_MS);
  const query = useQuery({
    queryKey: queryKeys.segmentPreview(settled),
    queryFn: settled === null ? skipToken : () => call("segment_preview", { definition: settled }),
    enabled: useWorkspaceReady(),
    placeholderData: keepPreviousData,
    gcTime: PREVIEW_GC_MS,
  });
  return { ...query, settled: settled === definition && !query.isPlaceholderData };
}

/** What the builder's pickers offer: events, fields, trait keys, campaigns, segments, export columns. */
export function useSegmentFields() {
  return useQuery({
    queryKey: queryKeys.segmentFields,
    queryFn: () => call("segment_fields"),
    enabled: useWorkspaceReady(),
  });
}

/** Values of a field or trait that start with `prefix`, for type-ahead; nothing until a key is chosen. */
export function useSegmentValues(target: Target, key: string, prefix: string, wanted: boolean) {
  return useQuery({
    queryKey: queryKeys.segmentValues(target, key, prefix),
    queryFn: !wanted || key.trim() === "" ? skipToken : () => call("segment_values", { target, key, prefix }),
    enabled: useWorkspaceReady(),
    placeholderData: keepPreviousData,
  });
}

/** The first members of a saved segment's latest version. */
export function useSegmentMembers(name: string | null) {
  return useQuery({
    queryKey: queryKeys.segmentMembers(name ?? ""),
    queryFn: name === null ? skipToken : () => call("segment_members", { name, limit: SEGMENT_MEMBERS_LIMIT }),
    enabled: useWorkspaceReady(),
  });
}

/** Who entered and who left in one version of a saved segment; nothing until a version is chosen. */
export function useSegmentDiff(name: string, version: number | null) {
  return useQuery({
    queryKey: queryKeys.segmentDiff(name, version),
    queryFn: version === null ? skipToken : () => call("segment_diff", { name, version }),
    enabled: useWorkspaceReady(),
  });
}

/** How many rows and about how many bytes an export would write, before it is written. */
export function useSegmentExportEstimate(name: string, columns: readonly string[], format: SegmentFormat, wanted: boolean) {
  return useQuery({
    queryKey: queryKeys.segmentExportEstimate(name, columns, format),
    queryFn: wanted ? () => call("segment_export_estimate", { name, columns: [...columns], format }) : skipToken,
    enabled: useWorkspaceReady(),
    placeholderData: keepPreviousData,
  });
}

/**
 * A change to saved segments can change any of them (a rename follows into the segments that use
 * it, a membership into those that read it): every segment query is read again.
 */
function useSegmentsChanged() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      queryClient.invalidateQueries({
        predicate: ({ queryKey }) => typeof queryKey[0] === "string" && queryKey[0].startsWith("segment"),
      }),
    [queryClient],
  );
}

export function useSaveSegment() {
  const changed = useSegmentsChanged();
  return useMutation<SegmentSummary, IpcFailure, ArgsOf<"segment_save">>({
    mutationFn: (args) => call("segment_save", args),
    onSuccess: changed,
  });
}

export function useDuplicateSegment() {
  const changed = useSegmentsChanged();
  return useMutation<SegmentSummary, IpcFailure, ArgsOf<"segment_duplicate">>({
    mutationFn: (args) => call("segment_duplicate", args),
    onSuccess: changed,
  });
}

export function useRenameSegment() {
  const queryClient = useQueryClient();
  const changed = useSegmentsChanged();
  return useMutation<SegmentSummary, IpcFailure, ArgsOf<"segment_rename">>({
    mutationFn: (args) => call("segment_rename", args),
    onSuccess: (_, { name }) => {
      queryClient.removeQueries({ queryKey: queryKeys.segment(name) });
      return changed();
    },
  });
}

export function useDeleteSegment() {
  const queryClient = useQueryClient();
  const changed = useSegmentsChanged();
  return useMutation<null, IpcFailure, string>({
    mutationFn: (name) => call("segment_delete", { name }),
    onSuccess: (_, name) => {
      queryClient.removeQueries({ queryKey: queryKeys.segment(name) });
      return changed();
    },
  });
}

export function useRecomputeSegment() {
  const changed = useSegmentsChanged();
  return useMutation<SegmentVersion, IpcFailure, string>({
    mutationFn: (name) => call("segment_recompute", { name }),
    onSuccess: changed,
  });
}

export function useExportSegment() {
  return useMutation<SegmentExported, IpcFailure, ArgsOf<"segment_export">>({
    mutationFn: (args) => call("segment_export", args),
  });
}

// ---- Spend, funnels and charts -------------------------------------------------------------------

/** Spend against cap for every campaign with spend. */
export function useCacReport() {
  return useQuery({ queryKey: queryKeys.cacReport, queryFn: () => call("cac_report"), enabled: useWorkspaceReady() });
}

/**
 * Sets or clears a campaign's audience; the answer is the refreshed report, and the charts and
 * the channel ladder drawn from it are read again.
 */
export function useSetCampaignAudience() {
  const queryClient = useQueryClient();
  return useMutation<CampaignCap[], IpcFailure, ArgsOf<"campaign_audience_set">>({
    mutationFn: (args) => call("campaign_audience_set", args),
    onSuccess: (report) => {
      queryClient.setQueryData<CampaignCap[]>(queryKeys.cacReport, report);
      // An audience is who an ad channel reached, so the ladder moves with it.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.charts }),
        queryClient.invalidateQueries({ queryKey: queryKeys.channelLadders }),
      ]);
    },
  });
}

/** The CAC model as decimal text, with per fit segment its cap and the workspace's observed conversion. */
export function useCacModel() {
  return useQuery({ queryKey: queryKeys.cacModel, queryFn: () => call("cac_model"), enabled: useWorkspaceReady() });
}

/**
 * Replaces the CAC model. The answer (the model as the Rust side normalised it, with new caps per
 * fit) replaces the cached one; every campaign's cap follows from the model, so the report and the
 * charts drawn from it are read again.
 */
export function useSaveCacModel() {
  const queryClient = useQueryClient();
  return useMutation<CacModelInfo, IpcFailure, CacModelText>({
    mutationFn: (model) => call("cac_model_set", { model }),
    onSuccess: (info) => {
      queryClient.setQueryData<CacModelInfo>(queryKeys.cacModel, info);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.cacReport }),
        queryClient.invalidateQueries({ queryKey: queryKeys.charts }),
        // The ladder's money is in the model's currency.
        queryClient.invalidateQueries({ queryKey: queryKeys.channelLadders }),
      ]);
    },
  });
}

/** The budget guard's default mode and the campaigns with a mode of their own. */
export function useGuardRules() {
  return useQuery({ queryKey: queryKeys.guardRules, queryFn: () => call("guard_rules"), enabled: useWorkspaceReady() });
}

/** Sets a campaign's guard mode, or the default (campaign null); the answer is every rule. */
export function useSetGuardMode() {
  const queryClient = useQueryClient();
  return useMutation<GuardRulesInfo, IpcFailure, ArgsOf<"guard_mode_set">>({
    mutationFn: (args) => call("guard_mode_set", args),
    onSuccess: (rules) => {
      queryClient.setQueryData<GuardRulesInfo>(queryKeys.guardRules, rules);
    },
  });
}

/** The guard's newest actions. (A spend sync runs the guard too; `useSyncWrote` reads this again then.) */
export function useGuardLog() {
  return useQuery({
    queryKey: queryKeys.guardLog,
    queryFn: () => call("guard_log", { limit: GUARD_LOG_LIMIT }),
    enabled: useWorkspaceReady(),
  });
}

/** Runs the budget guard now and resolves with what it did; its log is read again whatever came of it. */
export function useRunGuard() {
  const queryClient = useQueryClient();
  return useMutation<GuardActionInfo[], IpcFailure>({
    mutationFn: () => call("guard_run"),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.guardLog }),
  });
}

/**
 * The figures of `definition` as it is being edited, asked for once editing pauses; the last
 * answer stays on screen meanwhile, and `settled` says whether the answer is for what is on
 * screen now (and `ran` is the definition it is for).
 */
export function useFunnelRun(definition: Funnel | null) {
  const [settled] = useDebouncedValue(definition, FUNNEL_RUN_DEBOUNCE_MS);
  const query = useQuery({
    queryKey: queryKeys.funnelRun(settled),
    queryFn: settled === null ? skipToken : () => call("funnel_run", { definition: settled }),
    enabled: useWorkspaceReady(),
    placeholderData: keepPreviousData,
    gcTime: PREVIEW_GC_MS,
  });
  return { ...query, ran: settled, settled: settled === definition && !query.isPlaceholderData };
}

/**
 * The channel ladder with the people of `segment` (everyone reached, when null) on its rungs.
 * While another segment's is read, the last ladder stays on screen (`isPlaceholderData`).
 */
export function useChannelLadder(segment: string | null) {
  return useQuery({
    queryKey: queryKeys.channelLadder(segment),
    queryFn: () => call("channel_ladder", { segment }),
    enabled: useWorkspaceReady(),
    placeholderData: keepPreviousData,
  });
}

/**
 * Sets or clears the monthly cost of email or web personalisation. The answer (the ladder for the
 * segment on screen) replaces the cached one; the ladders of other segments and the ladder chart
 * are read again.
 */
export function useSetChannelCost() {
  const queryClient = useQueryClient();
  return useMutation<ChannelLadderInfo, IpcFailure, ArgsOf<"channel_cost_set">>({
    mutationFn: (args) => call("channel_cost_set", args),
    onSuccess: (info) => {
      queryClient.setQueryData<ChannelLadderInfo>(queryKeys.channelLadder(info.segment), info);
      return Promise.all([
        queryClient.invalidateQueries({
          queryKey: queryKeys.channelLadders,
          predicate: ({ queryKey }) => queryKey[1] !== info.segment,
        }),
        queryClient.invalidateQueries({ queryKey: queryKeys.chart("channel-ladder", null) }),
      ]);
    },
  });
}

/** A chart as SVG text; nothing while `wanted` is false (the funnel chart waits for a valid funnel). */
export function useChart(name: ChartName, funnel: Funnel | null, wanted = true) {
  return useQuery({
    queryKey: queryKeys.chart(name, funnel),
    queryFn: wanted ? () => call("chart", { name, funnel, format: "svg" }) : skipToken,
    enabled: useWorkspaceReady(),
    placeholderData: keepPreviousData,
    gcTime: PREVIEW_GC_MS,
  });
}

/** Writes a chart to a path the person chose. */
export function useSaveChart() {
  return useMutation<string, IpcFailure, ArgsOf<"chart_save">>({
    mutationFn: (args) => call("chart_save", args),
  });
}

/** The saved funnels, by name. */
export function useSavedFunnels() {
  return useQuery({ queryKey: queryKeys.funnelsSaved, queryFn: () => call("funnels_saved"), enabled: useWorkspaceReady() });
}

/**
 * Saving and deleting answer with every saved funnel, which replaces the cached list. Segments
 * read saved funnels (`in_funnel`), so what they count is read again too.
 */
function useFunnelsAnswer() {
  const queryClient = useQueryClient();
  const segmentsChanged = useSegmentsChanged();
  return (list: SavedFunnelInfo[]) => {
    queryClient.setQueryData<SavedFunnelInfo[]>(queryKeys.funnelsSaved, list);
    return segmentsChanged();
  };
}

/** Saves a funnel under a name, replacing one of that name (case aside). */
export function useSaveFunnel() {
  return useMutation<SavedFunnelInfo[], IpcFailure, ArgsOf<"funnel_save">>({
    mutationFn: (args) => call("funnel_save", args),
    onSuccess: useFunnelsAnswer(),
  });
}

/** Deletes a saved funnel; refused while a segment reads it. */
export function useDeleteFunnel() {
  return useMutation<SavedFunnelInfo[], IpcFailure, string>({
    mutationFn: (name) => call("funnel_delete", { name }),
    onSuccess: useFunnelsAnswer(),
  });
}

/** Makes a live segment of the people who reached, or dropped out at, a step of a saved funnel. */
export function useFunnelSegment() {
  const segmentsChanged = useSegmentsChanged();
  return useMutation<SegmentSummary, IpcFailure, ArgsOf<"funnel_segment">>({
    mutationFn: (args) => call("funnel_segment", args),
    onSuccess: segmentsChanged,
  });
}

// ---- Connections and syncs -----------------------------------------------------------------------

/**
 * A sync writes people, companies, spend and email events, which nearly every screen reads: all of
 * it is read again (screens not shown only when next opened). The workspace's status does not
 * change, and the connections are read by whoever called this.
 */
function useSyncWrote() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      queryClient.invalidateQueries({
        predicate: ({ queryKey }) =>
          !["workspace_status", "connections", "sync_progress"].includes(String(queryKey[0])),
      }),
    [queryClient],
  );
}

/**
 * Every tool's connection, last run and next sync. Runs also start and end by the schedule, so a
 * change in a tool's run seen here refreshes its log, and a run that ended refreshes what it wrote.
 */
export function useConnections() {
  const queryClient = useQueryClient();
  const wrote = useSyncWrote();
  return useQuery({
    queryKey: queryKeys.connections,
    queryFn: async () => {
      const before = queryClient.getQueryData<ConnectionInfo[]>(queryKeys.connections);
      const after = await call("connections");
      let ended = false;
      for (const now of after) {
        const was = before?.find((c) => c.tool === now.tool);
        if (was === undefined || !runChanged(was, now)) continue;
        void queryClient.invalidateQueries({ queryKey: queryKeys.syncLog(now.tool) });
        if (!now.running) {
          queryClient.setQueryData<SyncProgressInfo | null>(queryKeys.syncProgress(now.tool), null);
          ended = true;
        }
      }
      if (ended) void wrote();
      return after;
    },
    enabled: useWorkspaceReady(),
    refetchInterval: (query) =>
      query.state.data?.some((c) => c.running) ? CONNECTIONS_RUNNING_POLL_MS : CONNECTIONS_REFRESH_MS,
  });
}

function runChanged(was: ConnectionInfo, now: ConnectionInfo): boolean {
  return was.running !== now.running || was.lastRun?.id !== now.lastRun?.id || was.lastRun?.status !== now.lastRun?.status;
}

/**
 * Keeps the latest `sync-progress` of each tool while mounted, for `useSyncProgress`. The first
 * event of a run nobody started here (a scheduled one) marks its tool running at once.
 */
export function useSyncProgressEvents(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    // If listening fails, the screen still polls the connections every 2 s while one runs; only the counts are missed.
    const unlisten = subscribe("sync-progress", (progress) => {
      const list = queryClient.getQueryData<ConnectionInfo[]>(queryKeys.connections);
      const last = list?.find((c) => c.tool === progress.tool)?.lastRun;
      // An event can arrive after the command's answer; a run already seen to end must not come back.
      if (last && (last.id > progress.runId || (last.id === progress.runId && last.status !== "running"))) return;
      queryClient.setQueryData<SyncProgressInfo | null>(queryKeys.syncProgress(progress.tool), progress);
      if (list?.some((c) => c.tool === progress.tool && !c.running)) {
        queryClient.setQueryData<ConnectionInfo[]>(
          queryKeys.connections,
          list.map((c) => (c.tool === progress.tool ? { ...c, running: true } : c)),
        );
      }
    }).catch(() => undefined);
    return () => {
      void unlisten.then((stop) => stop?.()).catch(() => undefined);
    };
  }, [queryClient]);
}

/** Where a tool's running sync is, from its latest `sync-progress` event; null before the first one. */
export function useSyncProgress(tool: string): SyncProgressInfo | null {
  const { data } = useQuery<SyncProgressInfo | null>({
    queryKey: queryKeys.syncProgress(tool),
    queryFn: skipToken,
    staleTime: Infinity,
  });
  return data ?? null;
}

/** A tool's newest runs. */
export function useSyncLog(tool: string) {
  return useQuery({
    queryKey: queryKeys.syncLog(tool),
    queryFn: () => call("sync_log", { tool, limit: SYNC_LOG_LIMIT }),
    enabled: useWorkspaceReady(),
  });
}

/** The rows one run failed or skipped; nothing while `runId` is null. */
export function useSyncRows(runId: number | null) {
  return useQuery({
    queryKey: queryKeys.syncRows(runId ?? -1),
    queryFn: runId === null ? skipToken : () => call("sync_rows", { runId }),
    enabled: useWorkspaceReady(),
  });
}

/** Saving and disconnecting answer with every connection, which replaces the cached list. */
function useConnectionsAnswer() {
  const queryClient = useQueryClient();
  return (list: ConnectionInfo[]) => {
    queryClient.setQueryData<ConnectionInfo[]>(queryKeys.connections, list);
  };
}

export function useSaveConnection() {
  return useMutation<ConnectionInfo[], IpcFailure, ArgsOf<"connection_save">>({
    mutationFn: (args) => call("connection_save", args),
    onSuccess: useConnectionsAnswer(),
  });
}

export function useDisconnect() {
  return useMutation<ConnectionInfo[], IpcFailure, string>({
    mutationFn: (tool) => call("connection_disconnect", { tool }),
    onSuccess: useConnectionsAnswer(),
  });
}

/** Tests the saved keys against the vendor's cheapest endpoint. */
export function useTestConnection() {
  return useMutation<string, IpcFailure, string>({
    mutationFn: (tool) => call("connection_test", { tool }),
  });
}

/**
 * Runs a sync of one tool and resolves with the finished run. Whatever the outcome, the
 * connection and its log are read again; unless another run was under way (`busy`), the run has
 * ended, so its progress goes and what it wrote is read again.
 */
export function useSyncNow() {
  const queryClient = useQueryClient();
  const wrote = useSyncWrote();
  return useMutation<SyncRunInfo, IpcFailure, string>({
    mutationFn: (tool) => call("sync_now", { tool }),
    onSettled: (_run, error, tool) => {
      const reads = [
        queryClient.invalidateQueries({ queryKey: queryKeys.connections }),
        queryClient.invalidateQueries({ queryKey: queryKeys.syncLog(tool) }),
      ];
      if (error?.code !== "busy") {
        queryClient.setQueryData<SyncProgressInfo | null>(queryKeys.syncProgress(tool), null);
        reads.push(wrote());
      }
      return Promise.all(reads);
    },
  });
}

/** Asks a tool's running sync to stop after its current batch; resolves false when none was running. */
export function useCancelSync() {
  return useMutation<boolean, IpcFailure, string>({
    mutationFn: (tool) => call("sync_cancel", { tool }),
  });
}

// ---- Outbound: the review queue, sends, the pipeline and the webhooks -----------------------------

/** The review queue (every state) with the reps, what waits to be sent and the outreach counts. */
export function useQueue() {
  return useQuery({
    queryKey: queryKeys.queue,
    queryFn: () => call("queue_list"),
    enabled: useWorkspaceReady(),
    refetchInterval: QUEUE_REFRESH_MS,
  });
}

/** Queue changes run one after the other, so their answers (each the whole queue) land in order. */
const QUEUE_SCOPE = { id: "queue" };

/**
 * Every queue command answers with the whole queue, which replaces the cached one. A decision
 * (approve, reject, reopen) moves the pipeline's daily "approved" figure and its chart too.
 */
function useQueueAnswer(decides: boolean) {
  const queryClient = useQueryClient();
  return {
    // A refresh started before the change would land after it with the queue as it was.
    onMutate: () => queryClient.cancelQueries({ queryKey: queryKeys.queue }),
    onSuccess: (view: QueueView) => {
      queryClient.setQueryData<QueueView>(queryKeys.queue, view);
      // Not waited for: the rep's next decision should not wait on a chart.
      if (decides) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.pipelineStats });
        void queryClient.invalidateQueries({ queryKey: queryKeys.chart("pipeline", null) });
      }
    },
  };
}

/** Approves a company's checked contacts (all, with null); the others are rejected. */
export function useApproveQueued() {
  return useMutation<QueueView, IpcFailure, ArgsOf<"queue_approve">>({
    mutationFn: (args) => call("queue_approve", args),
    scope: QUEUE_SCOPE,
    ...useQueueAnswer(true),
  });
}

/** Rejects a company, with the reason. */
export function useRejectQueued() {
  return useMutation<QueueView, IpcFailure, ArgsOf<"queue_reject">>({
    mutationFn: (args) => call("queue_reject", args),
    scope: QUEUE_SCOPE,
    ...useQueueAnswer(true),
  });
}

/** Snoozes a pending company for some days. */
export function useSnoozeQueued() {
  return useMutation<QueueView, IpcFailure, ArgsOf<"queue_snooze">>({
    mutationFn: (args) => call("queue_snooze", args),
    scope: QUEUE_SCOPE,
    ...useQueueAnswer(false),
  });
}

/** Puts a decided or snoozed company back to pending. */
export function useReopenQueued() {
  return useMutation<QueueView, IpcFailure, ArgsOf<"queue_reopen">>({
    mutationFn: (args) => call("queue_reopen", args),
    scope: QUEUE_SCOPE,
    ...useQueueAnswer(true),
  });
}

/** Assigns a company to a rep, or to nobody. */
export function useAssignQueued() {
  return useMutation<QueueView, IpcFailure, ArgsOf<"queue_assign">>({
    mutationFn: (args) => call("queue_assign", args),
    scope: QUEUE_SCOPE,
    ...useQueueAnswer(false),
  });
}

/** Sets or clears a company's note. */
export function useNoteQueued() {
  return useMutation<QueueView, IpcFailure, ArgsOf<"queue_note">>({
    mutationFn: (args) => call("queue_note", args),
    scope: QUEUE_SCOPE,
    ...useQueueAnswer(false),
  });
}

/** Sets the Track API event that starts the outbound campaign. */
export function useSetOutboundEvent() {
  return useMutation<QueueView, IpcFailure, string>({
    mutationFn: (event) => call("outbound_event_set", { event }),
    scope: QUEUE_SCOPE,
    ...useQueueAnswer(false),
  });
}

/**
 * Sends the approved contacts to Customer.io. Whatever came of it (a send can stop part way), the
 * queue (contact states, what still waits) and the pipeline's daily figures are read again.
 */
export function useSendApproved() {
  const queryClient = useQueryClient();
  return useMutation<SendResult, IpcFailure>({
    mutationFn: () => call("queue_send"),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.queue }),
        queryClient.invalidateQueries({ queryKey: queryKeys.pipelineStats }),
        queryClient.invalidateQueries({ queryKey: queryKeys.chart("pipeline", null) }),
      ]),
  });
}

/**
 * Runs the pipeline, or (dry) says what it would spend. A real run writes companies, scores,
 * contacts and the queue, even when it fails part way, so what it wrote is read again then.
 */
export function useRunPipeline() {
  const wrote = useSyncWrote();
  return useMutation<PipelineRunInfo, IpcFailure, ArgsOf<"pipeline_run">>({
    mutationFn: (args) => call("pipeline_run", args),
    onSettled: (_run, _error, args) => (args.dryRun ? undefined : wrote()),
  });
}

/**
 * The latest `pipeline-progress` of a run while mounted: where it is, stage by stage; null
 * before the first event and after `done`.
 */
export function usePipelineProgress(): PipelineProgressInfo | null {
  const [progress, setProgress] = useState<PipelineProgressInfo | null>(null);
  useEffect(() => {
    // If listening fails, the panel still says a run is under way; only the counts are missed.
    const unlisten = subscribe("pipeline-progress", (p) => {
      setProgress(p.stage === "done" ? null : p);
    }).catch(() => undefined);
    return () => {
      void unlisten.then((stop) => stop?.()).catch(() => undefined);
    };
  }, []);
  return progress;
}

/** The pipeline's last `days` days, with the source report's figures to compare against. */
export function usePipelineStats(days: number) {
  return useQuery({
    queryKey: queryKeys.pipelineStatsOf(days),
    queryFn: () => call("pipeline_stats", { days }),
    enabled: useWorkspaceReady(),
  });
}

/** The inbound webhooks and their latest calls, refreshed while a screen shows them. */
export function useWebhookInfo() {
  return useQuery({
    queryKey: queryKeys.webhookInfo,
    queryFn: () => call("webhook_info"),
    enabled: useWorkspaceReady(),
    refetchInterval: WEBHOOKS_REFRESH_MS,
  });
}

/**
 * The pipeline's rules. The Pipeline panel watches them too: a cost preview on screen was made
 * under the daily budgets of its time, so it is asked again when they change.
 */
export function usePipelineRules() {
  return useQuery({ queryKey: queryKeys.pipelineRules, queryFn: () => call("pipeline_rules"), enabled: useWorkspaceReady() });
}

/** Saves the pipeline's rules; the answer (the rules as saved) replaces the cached ones. */
export function useSavePipelineRules() {
  const queryClient = useQueryClient();
  return useMutation<PipelineRulesInfo, IpcFailure, PipelineRulesInfo>({
    mutationFn: (rules) => call("pipeline_rules_set", { rules }),
    onSuccess: (rules) => {
      queryClient.setQueryData<PipelineRulesInfo>(queryKeys.pipelineRules, rules);
    },
  });
}

/** Every domain on a suppression list, by domain. */
export function useSuppressions() {
  return useQuery({ queryKey: queryKeys.suppressions, queryFn: () => call("suppressions"), enabled: useWorkspaceReady() });
}

/** Changes to the suppression lists run one after the other, so their answers (each the whole list) land in order. */
const SUPPRESSIONS_SCOPE = { id: "suppressions" };

function useSuppressionsAnswer() {
  const queryClient = useQueryClient();
  return {
    // A read started before the change would land after it with the lists as they were.
    onMutate: () => queryClient.cancelQueries({ queryKey: queryKeys.suppressions }),
    setList: (list: SuppressionInfo[]) => {
      queryClient.setQueryData<SuppressionInfo[]>(queryKeys.suppressions, list);
    },
  };
}

/** Puts pasted or imported domains on a list; the answer says what it did, and its whole list replaces the cached one. */
export function useAddSuppressions() {
  const { onMutate, setList } = useSuppressionsAnswer();
  return useMutation<SuppressionAdded, IpcFailure, ArgsOf<"suppression_add">>({
    mutationFn: (args) => call("suppression_add", args),
    scope: SUPPRESSIONS_SCOPE,
    onMutate,
    onSuccess: (added) => {
      setList(added.all);
    },
  });
}

/** Takes a domain off a list; the answer (every suppressed domain) replaces the cached list. */
export function useRemoveSuppression() {
  const { onMutate, setList } = useSuppressionsAnswer();
  return useMutation<SuppressionInfo[], IpcFailure, ArgsOf<"suppression_remove">>({
    mutationFn: (args) => call("suppression_remove", args),
    scope: SUPPRESSIONS_SCOPE,
    onMutate,
    onSuccess: setList,
  });
}
