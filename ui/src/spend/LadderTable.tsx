// The channel ladder's numbers, cheapest rung first: spend, people reached, cost per person.

import { Table } from "@mantine/core";
import { formatCount, formatMoney, MISSING } from "../format";
import type { Rung } from "./ladder";

export function LadderTable({ rungs }: { rungs: readonly Rung[] }) {
  return (
    <Table verticalSpacing="xs" data-testid="ladder-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Channel</Table.Th>
          <Table.Th ta="right">Spend</Table.Th>
          <Table.Th ta="right">Reached</Table.Th>
          <Table.Th ta="right">Per person</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody className="sb-numeric">
        {rungs.map((r) => (
          <Table.Tr key={r.channel}>
            <Table.Td tt="capitalize">{r.channel}</Table.Td>
            <Table.Td ta="right">{formatMoney(r.spendMinor, r.currency)}</Table.Td>
            <Table.Td ta="right">{formatCount(r.reached)}</Table.Td>
            <Table.Td ta="right">{r.perPersonMinor === null ? MISSING : formatMoney(r.perPersonMinor, r.currency)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
