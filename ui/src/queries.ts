// The data layer: every piece of server state the UI shows, as TanStack queries
// over `ipc.ts`. Components read through these hooks only; they never call IPC.

import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, QueryClient, skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import type { CollectorStatus } from "./bindings/CollectorStatus";
import type { EmailTemplate } from "./bindings/EmailTemplate";
import type { PlanView } from "./bindings/PlanView";
import type { SourceInfo } from "./bindings/SourceInfo";
import type { SourcesView } from "./bindings/SourcesView";
import type { TemplateExport } from "./bindings/TemplateExport";
import type { TemplateSummary } from "./bindings/TemplateSummary";
import type { WorkspaceStatus } from "./bindings/WorkspaceStatus";
import { call, IpcFailure, subscribe, type ArgsOf } from "./ipc";

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
