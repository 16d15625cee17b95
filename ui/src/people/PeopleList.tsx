// The people a search found, one row each; choosing a row shows that person.

import { Badge, Group, Stack, Table, Text } from "@mantine/core";
import type { PersonRow } from "../bindings/PersonRow";
import { RelativeTime } from "../common/RelativeTime";
import { useNow } from "../common/useNow";
import { formatCount, MISSING } from "../format";
import { personLabel } from "./vocabulary";

export function PeopleList({
  people,
  selected,
  onSelect,
}: {
  people: readonly PersonRow[];
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const now = useNow();
  return (
    <Table.ScrollContainer minWidth={440} type="native">
      <Table highlightOnHover horizontalSpacing="xs" data-testid="people-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Person</Table.Th>
            <Table.Th>Company</Table.Th>
            <Table.Th ta="right">Events</Table.Th>
            <Table.Th>Last seen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {people.map((person) => {
            const label = personLabel(person);
            return (
              <Table.Tr
                key={person.id}
                className="sb-selectable"
                data-selected={person.id === selected || undefined}
                aria-selected={person.id === selected}
                tabIndex={0}
                onClick={() => {
                  onSelect(person.id);
                }}
                onKeyDown={(event) => {
                  if (event.key === "Enter" || event.key === " ") {
                    event.preventDefault();
                    onSelect(person.id);
                  }
                }}
                data-testid={`person-row-${String(person.id)}`}
              >
                <Table.Td maw={280}>
                  <Stack gap={0}>
                    <Group gap={6} wrap="nowrap">
                      <Text inherit fw={500} truncate c={person.anonymous ? "dimmed" : undefined}>
                        {label}
                      </Text>
                      {person.anonymous && (
                        // The first anonymous id tells two anonymous profiles apart.
                        <Badge size="xs" color="gray" tt="none" maw={160} style={{ flexShrink: 0 }}>
                          {person.anonymousId ?? `profile ${String(person.id)}`}
                        </Badge>
                      )}
                    </Group>
                    {person.email && person.email !== label && (
                      <Text fz="xs" c="dimmed" truncate>
                        {person.email}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text inherit span c={person.company ? undefined : "dimmed"}>
                    {person.company?.name ?? MISSING}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" className="sb-numeric">
                  {formatCount(person.events)}
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={person.lastSeen} now={now} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
