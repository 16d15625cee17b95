// The line at the top of the Spend and CAC screen: how many campaigns are over or near their cap,
// and how many have no audience (so no cap) yet.

import { Alert, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import type { CampaignCap } from "../bindings/CampaignCap";
import { alertCounts, alertSummary } from "./vocabulary";

export function AlertsSummary({ campaigns }: { campaigns: readonly CampaignCap[] }) {
  const { over, near, noAudience } = alertCounts(campaigns);
  const color = over > 0 ? "red" : near > 0 ? "orange" : "teal";
  return (
    <Alert
      color={color}
      variant="light"
      icon={over + near > 0 ? <IconAlertTriangle /> : <IconCircleCheck />}
      title={alertSummary(over, near)}
      data-testid="spend-alerts"
      data-over={over}
      data-near={near}
    >
      {noAudience > 0 && (
        <Text fz="sm" data-testid="spend-no-audience">
          {noAudience === 1 ? "1 campaign has" : `${String(noAudience)} campaigns have`} no audience, so no cap: choose
          the segment it reaches in its Audience column.
        </Text>
      )}
      <Text fz="sm" c="dimmed">
        The budget guard below pauses a campaign at its cap, or in a dry run records that it would.
      </Text>
    </Alert>
  );
}
