// The funnel's figures for each value of the breakdown, largest group first.

import { Stack, Text } from "@mantine/core";
import type { FunnelGroup } from "../bindings/FunnelGroup";
import { StepTable } from "./StepTable";

export function BreakdownTables({ groups }: { groups: readonly FunnelGroup[] }) {
  return (
    <Stack gap="md" data-testid="funnel-breakdown">
      {groups.map((group, i) => (
        <div key={group.value}>
          <Text fz="sm" fw={600} mb={4}>
            {group.value}
          </Text>
          <StepTable steps={group.steps} testId={`funnel-breakdown-${String(i)}`} />
        </div>
      ))}
    </Stack>
  );
}
