// A sync run's status as a coloured badge: succeeded, partial, failed, cancelled, interrupted, running.

import { Badge } from "@mantine/core";
import { RUN_STATUSES } from "./vocabulary";

export function RunStatusBadge({ status, testId }: { status: string; testId?: string }) {
  const known = RUN_STATUSES[status];
  return (
    <Badge size="sm" color={known?.color ?? "gray"} data-status={status} data-testid={testId} style={{ whiteSpace: "nowrap" }}>
      {known?.label ?? status}
    </Badge>
  );
}
