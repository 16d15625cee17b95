// When a tool last synced and how that went, and when the schedule syncs it next.

import { Group, SimpleGrid, Text } from "@mantine/core";
import type { ConnectionInfo } from "../bindings/ConnectionInfo";
import { RelativeTime } from "../common/RelativeTime";
import { useNow } from "../common/useNow";
import { RunStatusBadge } from "./RunStatusBadge";

export function SyncFacts({ connection, running }: { connection: ConnectionInfo; running: boolean }) {
  const now = useNow(30_000);
  const { lastRun, tool } = connection;
  return (
    <SimpleGrid cols={2} spacing="sm">
      <div>
        <Text fz="xs" c="dimmed" fw={500}>
          Last sync
        </Text>
        <Group gap={6} wrap="nowrap" fz="sm" data-testid={`last-sync-${tool}`}>
          {lastRun === null ? (
            <Text inherit c="dimmed">
              Never
            </Text>
          ) : (
            <>
              <RelativeTime iso={lastRun.finishedAt ?? lastRun.startedAt} now={now} />
              <RunStatusBadge status={lastRun.status} />
            </>
          )}
        </Group>
      </div>
      <div>
        <Text fz="xs" c="dimmed" fw={500}>
          Next sync
        </Text>
        <Text fz="sm" data-testid={`next-sync-${tool}`}>
          {nextSync(connection, running, now)}
        </Text>
      </div>
    </SimpleGrid>
  );
}

function nextSync(connection: ConnectionInfo, running: boolean, now: Date) {
  if (running) return "After this one";
  if (connection.nextRun !== null) {
    return new Date(connection.nextRun).getTime() <= now.getTime() ? "Due now" : <RelativeTime iso={connection.nextRun} now={now} />;
  }
  return (
    <Text span inherit c="dimmed">
      {connection.schedule === "off" ? "Not scheduled" : "Once connected"}
    </Text>
  );
}
