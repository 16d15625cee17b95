// The status bar: where the workspace lives, its state, and how fresh its data is.

import { Box, Group, Text, Tooltip } from "@mantine/core";
import type { WorkspaceState } from "../bindings/WorkspaceState";
import { formatCount } from "../format";
import { useOverview, useWorkspaceStatus } from "../queries";

const STATE_LOOK: Record<WorkspaceState, { label: string; color: string }> = {
  ready: { label: "Ready", color: "teal" },
  creating: { label: "Creating…", color: "blue" },
  failed: { label: "Failed", color: "red" },
};

export function StatusBar() {
  const { data: status } = useWorkspaceStatus();
  const { data: overview } = useOverview();
  const look = status ? STATE_LOOK[status.state] : undefined;

  return (
    <Group h="100%" px="md" gap="lg" justify="space-between" wrap="nowrap" fz="xs" c="dimmed">
      <Group gap="lg" wrap="nowrap" miw={0}>
        {look && (
          <Group gap={6} wrap="nowrap" data-testid="status-state">
            <Box w={8} h={8} bg={look.color} style={{ borderRadius: "50%", flexShrink: 0 }} aria-hidden />
            <Text inherit>{look.label}</Text>
          </Group>
        )}
        {status && (
          <Tooltip label={status.path} openDelay={500}>
            <Text inherit ff="monospace" className="sb-path-cut" data-testid="status-path" miw={0}>
              <span>{status.path}</span>
            </Text>
          </Tooltip>
        )}
      </Group>
      {overview && (
        <Group gap="lg" wrap="nowrap" style={{ flexShrink: 0 }}>
          <Text inherit data-testid="status-as-of">
            Data through {overview.asOf}
          </Text>
          <Text inherit className="sb-numeric" data-testid="status-events" data-value={overview.eventsTotal}>
            {formatCount(overview.eventsTotal)} events
          </Text>
        </Group>
      )}
    </Group>
  );
}
