// Paid lookups by kind: how many a run spent (or, previewed, would spend at most) and what is left
// of today's budget for that kind.

import { Table } from "@mantine/core";
import type { LookupCount } from "../bindings/LookupCount";
import { formatCount } from "../format";
import { lookupLabel } from "./vocabulary";

export function LookupTable({ lookups, countLabel, testId }: { lookups: readonly LookupCount[]; countLabel: string; testId: string }) {
  return (
    <Table maw={560} verticalSpacing={4} data-testid={testId} aria-label="Paid lookups">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Lookup</Table.Th>
          <Table.Th ta="right">{countLabel}</Table.Th>
          <Table.Th ta="right">Budget left today</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody className="sb-numeric">
        {lookups.map((l) => (
          <Table.Tr key={l.lookup} data-lookup={l.lookup}>
            <Table.Td>{lookupLabel(l.lookup)}</Table.Td>
            <Table.Td ta="right">{formatCount(l.count)}</Table.Td>
            <Table.Td ta="right" c={l.budgetLeft === 0 ? "red" : undefined}>
              {formatCount(l.budgetLeft)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
