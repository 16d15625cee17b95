// The data layer: every piece of server state the UI shows, as TanStack queries
// over `ipc.ts`. Components read through these hooks only; they never call IPC.

import { QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { WorkspaceStatus } from "./bindings/WorkspaceStatus";
import { call, IpcFailure, subscribe } from "./ipc";

export const queryKeys = {
  workspaceStatus: ["workspace_status"] as const,
  overview: ["overview"] as const,
};

/** How often to ask for the status while the workspace is being created, in case an event is missed. */
const CREATING_POLL_MS = 1_000;
const OVERVIEW_REFRESH_MS = 30_000;

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
