// Shows the screens only once the workspace is ready; until then, its progress or why it failed.

import { Center, Loader } from "@mantine/core";
import type { ReactNode } from "react";
import { useWorkspaceProgress, useWorkspaceStatus } from "../queries";
import { BackendUnreachable, WorkspaceFailed } from "./WorkspaceFailed";
import { WorkspaceCreating } from "./WorkspaceCreating";

export function WorkspaceGate({ children }: { children: ReactNode }) {
  useWorkspaceProgress();
  const { data: status, error, refetch, isFetching } = useWorkspaceStatus();

  if (error) {
    return (
      <BackendUnreachable
        message={error.message}
        retrying={isFetching}
        onRetry={() => {
          void refetch();
        }}
      />
    );
  }
  if (!status) {
    return (
      <Center h="60vh">
        <Loader size="sm" aria-label="Opening the workspace" />
      </Center>
    );
  }
  switch (status.state) {
    case "creating":
      return <WorkspaceCreating progress={status.progress} />;
    case "failed":
      return <WorkspaceFailed status={status} />;
    case "ready":
      return children;
  }
}
