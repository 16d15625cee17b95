// The last 30 days, one row a day, newest first.

import { ScrollArea, Table } from "@mantine/core";
import type { DailyKpis } from "../bindings/DailyKpis";
import { formatCount } from "../format";

export function DailyTable({ days, height }: { days: readonly DailyKpis[]; height: number }) {
  const newestFirst = [...days].sort((a, b) => b.day.localeCompare(a.day));
  return (
    <ScrollArea h={height} type="auto">
      <Table stickyHeader highlightOnHover horizontalSpacing="xs" data-testid="daily-kpis" className="sb-numeric">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Day</Table.Th>
            <Table.Th ta="right">Domains</Table.Th>
            <Table.Th ta="right">Qualified</Table.Th>
            <Table.Th ta="right">Contacts</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {newestFirst.map((d) => (
            <Table.Tr key={d.day}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{d.day}</Table.Td>
              <Table.Td ta="right">{formatCount(d.identifiedDomains)}</Table.Td>
              <Table.Td ta="right">{formatCount(d.qualifiedCompanies)}</Table.Td>
              <Table.Td ta="right">{formatCount(d.newContacts)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
