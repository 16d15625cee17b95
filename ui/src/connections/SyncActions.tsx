// Test connection and Sync now, each disabled with the reason beside it when it cannot run yet.

import { Button, Group, Stack, Text, Tooltip } from "@mantine/core";
import { IconPlugConnected, IconRefresh } from "@tabler/icons-react";
import type { ReactNode } from "react";

export function SyncActions({
  tool,
  testLabel,
  testBlocked,
  testing,
  syncBlocked,
  running,
  onTest,
  onSync,
}: {
  tool: string;
  testLabel: string;
  /** Why testing cannot run now; null when it can. */
  testBlocked: string | null;
  testing: boolean;
  /** Why syncing cannot start now; null when it can. */
  syncBlocked: string | null;
  running: boolean;
  onTest: () => void;
  onSync: () => void;
}) {
  // Shown once: the two reasons are often the same sentence.
  const reasons = [...new Set([testBlocked, syncBlocked].filter((r): r is string => r !== null))];
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Blocked reason={testBlocked}>
          <Button
            variant="default"
            leftSection={<IconPlugConnected size={16} />}
            disabled={testBlocked !== null}
            style={testBlocked !== null ? NO_POINTER : undefined}
            loading={testing}
            onClick={onTest}
            data-testid={`test-${tool}`}
          >
            {testLabel}
          </Button>
        </Blocked>
        <Blocked reason={running ? null : syncBlocked}>
          <Button
            leftSection={<IconRefresh size={16} />}
            disabled={syncBlocked !== null || running}
            style={syncBlocked !== null || running ? NO_POINTER : undefined}
            onClick={onSync}
            data-testid={`sync-${tool}`}
          >
            {running ? "Syncing…" : "Sync now"}
          </Button>
        </Blocked>
      </Group>
      {reasons.map((reason) => (
        <Text key={reason} fz="xs" c="dimmed" data-testid={`blocked-${tool}`}>
          {reason}
        </Text>
      ))}
    </Stack>
  );
}

// A disabled button lets the pointer through to its wrapper, whose tooltip says why.
const NO_POINTER = { pointerEvents: "none" } as const;

/** A tooltip on a disabled button: the button takes no pointer events, so its wrapper shows the reason. */
function Blocked({ reason, children }: { reason: string | null; children: ReactNode }) {
  return (
    <Tooltip label={reason} disabled={reason === null}>
      <span style={{ display: "inline-block" }} data-blocked={reason !== null || undefined}>
        {children}
      </span>
    </Tooltip>
  );
}
