// What the person sees when the workspace cannot be opened, or the app's back end cannot be reached.

import { Alert, Button, Center, Code, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconPlugConnectedX } from "@tabler/icons-react";
import type { ErrorCode } from "../bindings/ErrorCode";
import type { WorkspaceStatus } from "../bindings/WorkspaceStatus";

// The message from Rust already says what to do; this adds where to look, by kind of failure.
const NEXT_STEP: Record<ErrorCode, string> = {
  notFound: "Check that the workspace file still exists at this path, then restart Switchboard.",
  notAWorkspace: "This file is not a Switchboard workspace. Move it aside or pick another file, then restart Switchboard.",
  newerSchema: "This workspace was saved by a newer Switchboard. Update Switchboard to open it.",
  notReady: "The workspace is still being prepared. Wait a moment, then restart Switchboard if this stays.",
  invalidInput: "Switchboard was given a setting it cannot use. Check the workspace path, then restart Switchboard.",
  // The connection codes come from vendor tools, not from opening a workspace; listed so every code has a next step.
  vendor: "A vendor tool refused a request. Check its keys on the Connections screen, then restart Switchboard.",
  notConnected: "A vendor tool is not connected. Connect it on the Connections screen, then restart Switchboard.",
  secrets: "The system keychain could not be reached. Unlock it, then restart Switchboard.",
  busy: "Switchboard is still busy with a sync. Wait for it to end, then restart Switchboard.",
  io: "Check that the disk is attached, has free space and that you may write to this folder, then restart Switchboard.",
  internal: "Restart Switchboard. If it happens again, the log has the details to report.",
};

export function WorkspaceFailed({ status }: { status: WorkspaceStatus }) {
  const code = status.error?.code ?? "internal";
  return (
    <Center h="70vh">
      <Alert
        w={560}
        maw="100%"
        color="red"
        variant="light"
        radius="md"
        title="The workspace could not be opened"
        icon={<IconAlertTriangle />}
        data-testid="workspace-failed"
      >
        <Stack gap="sm">
          <Text fz="sm">{status.error?.message ?? "Something went wrong while opening the workspace."}</Text>
          <Text fz="sm" c="dimmed">
            {NEXT_STEP[code]}
          </Text>
          <Code block fz="xs">
            {status.path}
          </Code>
        </Stack>
      </Alert>
    </Center>
  );
}

export function BackendUnreachable({
  message,
  retrying,
  onRetry,
}: {
  message: string;
  retrying: boolean;
  onRetry: () => void;
}) {
  return (
    <Center h="70vh">
      <Alert
        w={560}
        maw="100%"
        color="red"
        variant="light"
        radius="md"
        title="Switchboard could not check the workspace"
        icon={<IconPlugConnectedX />}
        data-testid="backend-unreachable"
      >
        <Stack gap="sm" align="flex-start">
          <Text fz="sm">{message}</Text>
          <Text fz="sm" c="dimmed">
            Try again; if it keeps failing, restart Switchboard.
          </Text>
          <Button size="xs" variant="light" color="red" loading={retrying} onClick={onRetry}>
            Try again
          </Button>
        </Stack>
      </Alert>
    </Center>
  );
}
