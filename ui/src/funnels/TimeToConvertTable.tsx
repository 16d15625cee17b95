// How long people took to reach each step after step 1: how many in each span of time.

import { ScrollArea, Table } from "@mantine/core";
import type { FunnelStepResult } from "../bindings/FunnelStepResult";
import { formatCount } from "../format";

export function TimeToConvertTable({ steps }: { steps: readonly FunnelStepResult[] }) {
  // Step 1 is where the clock starts: it has no time to convert.
  const later = steps.slice(1);
  const buckets = later[0]?.distribution.map((b) => b.bucket) ?? [];
  return (
    <ScrollArea type="auto">
      <Table verticalSpacing={4} data-testid="funnel-distribution">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Reached</Table.Th>
            {buckets.map((b) => (
              <Table.Th key={b} ta="right" style={{ whiteSpace: "nowrap" }}>
                {b}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody className="sb-numeric">
          {later.map((s, i) => (
            <Table.Tr key={i}>
              <Table.Td>{s.label}</Table.Td>
              {s.distribution.map((b) => (
                <Table.Td key={b.bucket} ta="right" c={b.people === 0 ? "dimmed" : undefined}>
                  {formatCount(b.people)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
