// The most recent events received, newest first as the Rust side orders them.
// The Sources screen shows it too, under its own test id.

import { Badge, Table, Text, Tooltip } from "@mantine/core";
import type { EventRow } from "../bindings/EventRow";
import { formatAbsolute, formatShortTime, MISSING } from "../format";
import { eventTypeColor } from "./vocabulary";

export function LatestEventsTable({
  events,
  testId = "latest-events",
  empty = "No events yet.",
}: {
  events: readonly EventRow[];
  testId?: string;
  empty?: string;
}) {
  return (
    <Table.ScrollContainer minWidth={720} type="native">
      <Table highlightOnHover horizontalSpacing="xs" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>IP</Table.Th>
            <Table.Th>Company</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed" fz="sm" ta="center" py="md">
                  {empty}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {events.map((event) => (
            <Table.Tr key={event.messageId}>
              <Table.Td style={{ whiteSpace: "nowrap" }} className="sb-numeric">
                <Tooltip label={formatAbsolute(event.timestamp)}>
                  <Text inherit span>
                    {formatShortTime(event.timestamp)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Badge size="sm" tt="none" color={eventTypeColor(event.messageType)}>
                  {event.messageType}
                </Badge>
              </Table.Td>
              <Table.Td maw={240}>
                <Text inherit truncate c={event.name === null ? "dimmed" : undefined}>
                  {event.name ?? MISSING}
                </Text>
              </Table.Td>
              <Table.Td maw={240}>
                <Text inherit truncate>
                  {event.who}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text inherit span ff="monospace" fz="xs" c="dimmed">
                  {event.ip ?? MISSING}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text inherit span c={event.companyDomain === null ? "dimmed" : undefined}>
                  {event.companyDomain ?? MISSING}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
