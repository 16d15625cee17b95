// The funnel's figures as the last run counted them: the chart with its table and counting rules
// beside it, the time to convert per step, and a table per breakdown value. The last figures stay
// while the next run is on its way (marked as updating), and give way to what must be fixed when
// the funnel has problems.

import { Alert, Group, Loader, Skeleton, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import type { Funnel } from "../bindings/Funnel";
import type { FunnelStepResult } from "../bindings/FunnelStepResult";
import { ChartImage } from "../charts/ChartImage";
import { Panel } from "../common/Panel";
import { formatCount, formatRate } from "../format";
import type { useFunnelRun } from "../queries";
import { BreakdownTables } from "./BreakdownTables";
import { CountingRules } from "./CountingRules";
import { StepTable, type StepSegmentAction } from "./StepTable";
import { TimeToConvertTable } from "./TimeToConvertTable";

type Run = ReturnType<typeof useFunnelRun>;

function chartAlt(steps: readonly FunnelStepResult[]): string {
  const bars = steps.map((s, i) =>
    i === 0 ? `${s.label}: ${formatCount(s.people)} people` : `${s.label}: ${formatCount(s.people)} (${formatRate(s.fromFirst)} of the first step)`,
  );
  return `Funnel chart. ${bars.join("; ")}.`;
}

export function FunnelResults({
  run,
  onSegment,
  segmenting = false,
}: {
  run: Run;
  /** Makes a live segment of a step's people; the table offers it when given. */
  onSegment?: StepSegmentAction["onChoose"];
  /** A segment is being made (or its funnel saved first). */
  segmenting?: boolean;
}) {
  const answer = run.data;
  // The chart is drawn for the last definition that counted without problems, not for each edit.
  const [charted, setCharted] = useState<Funnel | null>(null);
  const current = answer && !run.isPlaceholderData && answer.problems.length === 0 ? run.ran : null;
  if (current !== null && current !== charted) setCharted(current);
  const updating = !run.settled || run.isFetching;
  const problems = answer?.problems ?? [];

  return (
    <Panel
      title="Figures"
      description={answer?.from && answer.to ? `People who entered from ${answer.from} to ${answer.to}` : "Counted on this laptop"}
      aside={
        updating && (
          <Group gap={6} wrap="nowrap" data-testid="funnel-updating">
            <Loader size={14} />
            <Text fz="xs" c="dimmed">
              Updating…
            </Text>
          </Group>
        )
      }
      data-testid="funnel-results"
    >
      <Stack gap="md">
        {run.error && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle />} title="The funnel could not be counted" data-testid="funnel-error">
            {run.error.message}
          </Alert>
        )}
        {problems.length > 0 && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle />} data-testid="funnel-problems">
            {problems.length === 1 ? "1 thing to fix" : `${String(problems.length)} things to fix`} before it can be counted:
            see the marks in the funnel.
          </Alert>
        )}
        {!answer && !run.error ? (
          <Skeleton h={240} data-testid="funnel-loading" />
        ) : (
          answer &&
          answer.steps.length > 0 && (
            <Stack gap="md" style={{ opacity: updating ? 0.55 : 1 }}>
              <div className="sb-chart-row">
                <ChartImage name="funnel" funnel={charted} wanted={charted !== null} alt={chartAlt(answer.steps)} testId="funnel-chart" />
                <Stack gap="md">
                  <StepTable
                    steps={answer.steps}
                    testId="funnel-table"
                    segment={onSegment && { onChoose: onSegment, disabled: updating || segmenting }}
                  />
                  <CountingRules rules={answer.rules} />
                </Stack>
              </div>
              <div>
                <Text fz="sm" fw={600} mb={4}>
                  Time to convert from step 1
                </Text>
                <TimeToConvertTable steps={answer.steps} />
              </div>
              {answer.breakdown.length > 0 && <BreakdownTables groups={answer.breakdown} />}
            </Stack>
          )
        )}
        {answer?.steps.length === 0 && <CountingRules rules={answer.rules} />}
      </Stack>
    </Panel>
  );
}
