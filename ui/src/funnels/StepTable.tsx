// A funnel's figures, one row a step: people, conversion from the previous and the first step,
// how many dropped, and the median time to convert from step 1.

import { Table } from "@mantine/core";
import type { FunnelStepResult } from "../bindings/FunnelStepResult";
import { formatCount, formatDuration, formatRate, MISSING } from "../format";

export function StepTable({ steps, testId }: { steps: readonly FunnelStepResult[]; testId: string }) {
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
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
