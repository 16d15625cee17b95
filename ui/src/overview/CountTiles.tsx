// Totals: people, companies and events, and how the events split by message type.

import { Box, Group, Paper, Progress, SimpleGrid, Text, Tooltip } from "@mantine/core";
import type { Overview } from "../bindings/Overview";
import { formatCount } from "../format";
import { EVENT_TYPES, eventTypeColor } from "./vocabulary";

export function CountTiles({ overview }: { overview: Overview }) {
  return (
    <div className="sb-counts">
      <SimpleGrid cols={3} spacing="md">
        <TotalTile label="People" value={overview.people} testId="count-people" />
        <TotalTile label="Companies" value={overview.companies} testId="count-companies" />
        <TotalTile label="Events" value={overview.eventsTotal} testId="count-events" />
      </SimpleGrid>
      <EventsByType overview={overview} />
    </div>
  );
}

function TotalTile({ label, value, testId }: { label: string; value: number; testId: string }) {
  return (
    <Paper withBorder px="md" py="sm" h="100%">
      <Text fz="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={22} fw={650} className="sb-numeric" data-testid={testId} data-value={String(value)}>
        {formatCount(value)}
      </Text>
    </Paper>
  );
}

function EventsByType({ overview }: { overview: Overview }) {
  const byType = new Map(overview.eventsByType.map((t) => [t.messageType, t.count]));
  // The six known types always show, in a fixed order; any type the Rust side adds later follows.
  const known: readonly string[] = EVENT_TYPES;
  const types = [...known, ...[...byType.keys()].filter((t) => !known.includes(t))];
  const total = types.reduce((sum, type) => sum + (byType.get(type) ?? 0), 0);

  return (
    <Paper withBorder px="md" py="sm" h="100%">
      <Text fz="xs" c="dimmed" fw={500} mb={8}>
        Events by type
      </Text>
      <Progress.Root size={6} mb={10} aria-hidden>
        {types.map((type) => {
          const count = byType.get(type) ?? 0;
          return total > 0 && count > 0 ? (
            <Progress.Section key={type} value={(count / total) * 100} color={eventTypeColor(type)} />
          ) : null;
        })}
      </Progress.Root>
      <SimpleGrid type="container" cols={{ base: 3, "460px": 6 }} spacing="xs" verticalSpacing={6}>
        {types.map((type) => {
          const count = byType.get(type) ?? 0;
          return (
            <div key={type}>
              <Group gap={6} wrap="nowrap">
                <Box w={8} h={8} bg={`${eventTypeColor(type)}.6`} style={{ borderRadius: 2, flexShrink: 0 }} />
                <Text fz="xs" c="dimmed" truncate>
                  {type}
                </Text>
              </Group>
              <Tooltip label={total > 0 ? `${((count / total) * 100).toFixed(1)}% of all events` : "No events yet"}>
                <Text
                  fz="md"
                  fw={600}
                  className="sb-numeric"
                  data-testid={`count-events-${type}`}
                  data-value={String(count)}
                >
                  {formatCount(count)}
                </Text>
              </Tooltip>
            </div>
          );
        })}
      </SimpleGrid>
    </Paper>
  );
}
