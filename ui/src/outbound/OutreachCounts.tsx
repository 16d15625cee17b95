// Where the contacts sent so far stand, by outreach state: sent, delivered, opened, replied,
// bounced, unsubscribed (and any other state the Rust side reports).

import { Badge, Group, Paper, SimpleGrid, Text } from "@mantine/core";
import type { StateCount } from "../bindings/StateCount";
import { formatCount } from "../format";
import { capitalised, contactStateColor, OUTREACH_STATES } from "./vocabulary";

export function OutreachCounts({ counts }: { counts: readonly StateCount[] }) {
  const known: readonly string[] = OUTREACH_STATES;
  const others = counts.filter((c) => !known.includes(c.state)).map((c) => c.state);
  const states = [...known, ...others];
  const count = (state: string) => counts.find((c) => c.state === state)?.count ?? 0;
  return (
    <div>
      <Text fz="sm" fw={600} mb={6}>
        Outreach so far
      </Text>
      <SimpleGrid cols={{ base: 3, sm: 4, lg: states.length > 7 ? 8 : 7 }} spacing="xs" data-testid="outreach-counts">
        {states.map((state) => (
          <Paper key={state} withBorder p="xs" data-testid={`outreach-${state}`}>
            <Group gap={4} justify="space-between" wrap="nowrap">
              <Badge size="xs" variant="light" color={contactStateColor(state)}>
                {capitalised(state)}
              </Badge>
              <Text fz="md" fw={600} className="sb-numeric">
                {formatCount(count(state))}
              </Text>
            </Group>
          </Paper>
        ))}
      </SimpleGrid>
    </div>
  );
}
