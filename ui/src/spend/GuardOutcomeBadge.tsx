// What came of a budget guard action, as a coloured badge: would pause, paused, failed.

import { Badge } from "@mantine/core";
import { OUTCOME_COLORS } from "./vocabulary";

export function GuardOutcomeBadge({ outcome }: { outcome: string }) {
  return (
    <Badge size="sm" variant="light" color={OUTCOME_COLORS[outcome] ?? "gray"} data-outcome={outcome} style={{ whiteSpace: "nowrap" }}>
      {outcome}
    </Badge>
  );
}
