// The requests the collector refused, newest first, with the reason it gave the sender.

import { Badge, Table, Text, Tooltip } from "@mantine/core";
import type { RejectionRow } from "../bindings/RejectionRow";
import { formatAbsolute, formatShortTime, MISSING } from "../format";

export function RejectionsTable({ rejections }: { rejections: readonly RejectionRow[] }) {
  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table highlightOnHover horizontalSpacing="xs" data-testid="rejections-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>Path</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rejections.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed" fz="sm" ta="center" py="md">
                  No requests refused.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {rejections.map((rejection, i) => (
            // Two refusals can share an instant and a path; their place in the newest-first list tells them apart.
            <Table.Tr key={`${rejection.receivedAt}-${String(i)}`}>
              <Table.Td style={{ whiteSpace: "nowrap" }} className="sb-numeric">
                <Tooltip label={formatAbsolute(rejection.receivedAt)}>
                  <Text inherit span>
                    {formatShortTime(rejection.receivedAt)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Text inherit span c={rejection.source === null ? "dimmed" : undefined}>
                  {rejection.source ?? MISSING}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text inherit span ff="monospace" fz="xs">
                  {rejection.path}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" color={rejection.status >= 500 ? "red" : "orange"} className="sb-numeric">
                  {rejection.status}
                </Badge>
              </Table.Td>
              <Table.Td>{rejection.reason}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
