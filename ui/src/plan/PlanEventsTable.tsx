// The events the plan expects, with their properties, and how many arrived and broke the plan.

import { Badge, Code, Group, Stack, Table, Text } from "@mantine/core";
import type { PlanEvent } from "../bindings/PlanEvent";
import { formatCount, formatRate } from "../format";

export function PlanEventsTable({ events }: { events: readonly PlanEvent[] }) {
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table highlightOnHover horizontalSpacing="xs" data-testid="plan-events">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Event</Table.Th>
            <Table.Th>Properties</Table.Th>
            <Table.Th ta="right">Seen</Table.Th>
            <Table.Th ta="right">Violating</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.name} data-testid={`plan-event-${event.name}`} style={{ verticalAlign: "top" }}>
              <Table.Td maw={320}>
                <Text inherit fw={500}>
                  {event.name}
                </Text>
                {event.description && (
                  <Text fz="xs" c="dimmed">
                    {event.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {event.properties.length === 0 ? (
                  <Text inherit c="dimmed">
                    None
                  </Text>
                ) : (
                  <Stack gap={2}>
                    {event.properties.map((property) => (
                      <Group key={property.name} gap={6} wrap="nowrap">
                        <Code fz="xs">{property.name}</Code>
                        <Text fz="xs" c="dimmed">
                          {property.types === "" ? "any type" : property.types}
                        </Text>
                        {property.required && (
                          <Badge size="xs" color="gray" variant="outline" tt="none">
                            required
                          </Badge>
                        )}
                      </Group>
                    ))}
                  </Stack>
                )}
              </Table.Td>
              <Table.Td ta="right" className="sb-numeric">
                {formatCount(event.seen)}
              </Table.Td>
              <Table.Td ta="right" className="sb-numeric">
                <Text inherit span c={event.violating > 0 ? "red" : "dimmed"} fw={event.violating > 0 ? 600 : undefined}>
                  {formatCount(event.violating)}
                </Text>
                {event.seen > 0 && event.violating > 0 && (
                  <Text fz="xs" c="dimmed">
                    {formatRate(event.violating / event.seen)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
