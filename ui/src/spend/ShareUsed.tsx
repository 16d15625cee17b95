// How much of its cap a campaign has spent: a bar (orange from 80%, red from 100%) and the percentage.

import { Group, Progress, Text } from "@mantine/core";
import { formatRate, MISSING } from "../format";
import { shareColor } from "./vocabulary";

export function ShareUsed({ share }: { share: number | null }) {
  if (share === null) return <Text fz="sm" c="dimmed">{MISSING}</Text>;
  return (
    <Group gap={8} wrap="nowrap" data-value={share}>
      <Progress value={Math.min(share, 1) * 100} color={shareColor(share)} w={80} size="sm" aria-label="Share of the cap used" />
      <Text fz="sm" className="sb-numeric" c={share >= 0.8 ? shareColor(share) : undefined}>
        {formatRate(share)}
      </Text>
    </Group>
  );
}
