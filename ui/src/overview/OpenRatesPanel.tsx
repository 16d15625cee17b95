// Open rate by outbound campaign, as a chart; the per-campaign figures are in the chart itself
// (no command lists them yet), the workspace's 30-day open rate beside it.

import { Stack, Text } from "@mantine/core";
import type { KpiWindow } from "../bindings/KpiWindow";
import { ChartImage } from "../charts/ChartImage";
import { Panel } from "../common/Panel";
import { formatRate } from "../format";

export function OpenRatesPanel({ windows }: { windows: readonly KpiWindow[] }) {
  const month = windows.find((w) => w.days === 30)?.outboundOpenRate ?? null;
  return (
    <Panel title="Open rate by campaign" description="Opened over delivered, per outbound email campaign">
      <Stack gap="xs">
        <ChartImage
          name="open-rates"
          alt="Open rate by outbound email campaign: opened emails over delivered emails, one bar per campaign."
          testId="overview-open-rates-chart"
        />
        <Text fz="sm" data-testid="overview-open-rate">
          All outbound email, last 30 days: <b className="sb-numeric">{formatRate(month)}</b>
        </Text>
      </Stack>
    </Panel>
  );
}
