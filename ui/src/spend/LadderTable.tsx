// The channel ladder's numbers as the Rust side gives them, cheapest rung first: spend, people
// reached, cost per person, and how many people (of the chosen segment) sit on each rung.

import { Table } from "@mantine/core";
import type { LadderRungInfo } from "../bindings/LadderRungInfo";
import { formatCount, MISSING } from "../format";
import { channelLabel } from "./vocabulary";

export function LadderTable({
  rungs,
  segment,
  stale,
}: {
  rungs: readonly LadderRungInfo[];
  /** Whose people the last column counts; everyone reached when null. */
  segment: string | null;
  /** True while another segment's ladder is on its way. */
  stale: boolean;
}) {
  return (
    <Table verticalSpacing="xs" data-testid="ladder-table" style={{ opacity: stale ? 0.55 : 1 }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Channel</Table.Th>
          <Table.Th ta="right">Spend</Table.Th>
          <Table.Th ta="right">Reached</Table.Th>
          <Table.Th ta="right">Per person</Table.Th>
          <Table.Th ta="right">{segment === null ? "People on this rung" : `People of ${segment}`}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody className="sb-numeric">
        {rungs.map((r) => (
          <Table.Tr key={r.channel}>
            <Table.Td>{channelLabel(r.channel)}</Table.Td>
            <Table.Td ta="right">{r.spend}</Table.Td>
            <Table.Td ta="right">{formatCount(r.reached)}</Table.Td>
            <Table.Td ta="right">{r.perPerson ?? MISSING}</Table.Td>
            <Table.Td ta="right">{formatCount(r.people)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
