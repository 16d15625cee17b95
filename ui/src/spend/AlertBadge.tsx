// A campaign's alert: fine, near cap, over cap, or no audience.

import { Badge } from "@mantine/core";
import { ALERT_COLORS } from "./vocabulary";

export function AlertBadge({ alert }: { alert: string }) {
  return (
    <Badge size="sm" variant="light" color={ALERT_COLORS[alert] ?? "gray"} style={{ whiteSpace: "nowrap" }}>
      {alert}
    </Badge>
  );
}
