// What broke the plan: counts by event and kind, and the newest examples with the message each came from.

import { Badge, Code, Table, Text, Tooltip } from "@mantine/core";
import type { ViolationCount } from "../bindings/ViolationCount";
import type { ViolationRow } from "../bindings/ViolationRow";
import { formatAbsolute, formatCount, formatShortTime, MISSING } from "../format";
import { violationKindColor, violationKindLabel } from "./vocabulary";

function KindBadge({ kind }: { kind: string }) {
  return (
    <Badge size="sm" tt="none" color={violationKindColor(kind)}>
      {violationKindLabel(kind)}
    </Badge>
  );
}

function NoViolations({ columns }: { columns: number }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={columns}>
        <Text c="dimmed" fz="sm" ta="center" py="md">
          No violations: everything that arrived matched the plan.
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

export function ViolationCountsTable({ counts }: { counts: readonly ViolationCount[] }) {
  return (
    <Table highlightOnHover horizontalSpacing="xs" data-testid="violation-counts">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Event</Table.Th>
          <Table.Th>Kind</Table.Th>
          <Table.Th ta="right">Count</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {counts.length === 0 && <NoViolations columns={3} />}
        {counts.map((count) => (
          <Table.Tr key={`${count.event}:${count.kind}`}>
            <Table.Td>{count.event}</Table.Td>
            <Table.Td>
              <KindBadge kind={count.kind} />
            </Table.Td>
            <Table.Td ta="right" className="sb-numeric">
              {formatCount(count.count)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function ViolationExamplesTable({ examples }: { examples: readonly ViolationRow[] }) {
  return (
    <Table.ScrollContainer minWidth={820} type="native">
      <Table highlightOnHover horizontalSpacing="xs" data-testid="violation-examples">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Event</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th>Property</Table.Th>
            <Table.Th>Detail</Table.Th>
            <Table.Th>Message id</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {examples.length === 0 && <NoViolations columns={6} />}
          {examples.map((example) => (
            <Table.Tr key={`${example.messageId}:${example.kind}:${example.property ?? ""}`}>
              <Table.Td style={{ whiteSpace: "nowrap" }} className="sb-numeric">
                <Tooltip label={formatAbsolute(example.at)}>
                  <Text inherit span>
                    {formatShortTime(example.at)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>{example.event}</Table.Td>
              <Table.Td>
                <KindBadge kind={example.kind} />
              </Table.Td>
              <Table.Td>
                {example.property === null ? (
                  <Text inherit span c="dimmed">
                    {MISSING}
                  </Text>
                ) : (
                  <Code fz="xs">{example.property}</Code>
                )}
              </Table.Td>
              <Table.Td>{example.detail}</Table.Td>
              <Table.Td maw={200}>
                <Text inherit truncate ff="monospace" fz="xs" c="dimmed">
                  {example.messageId}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
