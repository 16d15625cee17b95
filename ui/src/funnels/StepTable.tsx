// A funnel's figures, one row a step: people, conversion from the previous and the first step,
// how many dropped, and the median time to convert from step 1; where the table is the funnel's
// own (not a breakdown group's), each step can be made into a live segment.

import { Table, VisuallyHidden } from "@mantine/core";
import type { FunnelOutcome } from "../bindings/FunnelOutcome";
import type { FunnelStepResult } from "../bindings/FunnelStepResult";
import { formatCount, formatDuration, formatRate, MISSING } from "../format";
import { StepSegmentMenu } from "./StepSegmentMenu";

export interface StepSegmentAction {
  /** `step` is 1 for the first. */
  onChoose: (step: number, outcome: FunnelOutcome) => void;
  /** While the figures are for an earlier edit, or a segment is being made. */
  disabled: boolean;
}

export function StepTable({
  steps,
  testId,
  segment,
}: {
  steps: readonly FunnelStepResult[];
  testId: string;
  segment?: StepSegmentAction;
}) {
  return (
    <Table verticalSpacing="xs" highlightOnHover data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Step</Table.Th>
          <Table.Th ta="right">People</Table.Th>
          <Table.Th ta="right">% of previous</Table.Th>
          <Table.Th ta="right">% of first</Table.Th>
          <Table.Th ta="right">Dropped</Table.Th>
          <Table.Th ta="right">Median time to convert</Table.Th>
          {segment && (
            <Table.Th>
              <VisuallyHidden>Segment</VisuallyHidden>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody className="sb-numeric">
        {steps.map((s, i) => (
          <Table.Tr key={i}>
            <Table.Td fw={500}>{s.label}</Table.Td>
            <Table.Td ta="right">{formatCount(s.people)}</Table.Td>
            <Table.Td ta="right">{i === 0 ? MISSING : formatRate(s.fromPrevious)}</Table.Td>
            <Table.Td ta="right">{formatRate(s.fromFirst)}</Table.Td>
            <Table.Td ta="right">{i === 0 ? MISSING : formatCount(s.dropped)}</Table.Td>
            <Table.Td ta="right">{formatDuration(s.medianMs)}</Table.Td>
            {segment && (
              <Table.Td ta="right">
                <StepSegmentMenu step={i + 1} label={s.label} disabled={segment.disabled} onChoose={segment.onChoose} />
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
