// What the screen shows before the first segment: what a segment is, and a way to start one.

import { Button, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { IconSparkles, IconUsersGroup } from "@tabler/icons-react";
import type { Target } from "../bindings/Target";
import { NewSegmentButtons } from "./NewSegmentButtons";

export function EmptySegments({ onNew, onExample }: { onNew: (target: Target) => void; onExample: () => void }) {
  return (
    <Paper withBorder p="xl" data-testid="segments-empty">
      <Stack align="center" gap="sm" maw={620} mx="auto" ta="center">
        <ThemeIcon size={48} radius="xl" variant="light">
          <IconUsersGroup size={28} />
        </ThemeIcon>
        <Title order={2} fz={20}>
          No segments yet
        </Title>
        <Text fz="sm" c="dimmed">
          A segment is a list of people or companies that match rules you choose: for example, companies with more
          than 200 employees where someone looked at the pricing page twice this month. Switchboard counts it as you
          build it, keeps it up to date after every import, and remembers who entered and who left.
        </Text>
        <NewSegmentButtons onNew={onNew} />
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconSparkles size={14} />}
          onClick={onExample}
          data-testid="segments-example"
        >
          Start from that example
        </Button>
      </Stack>
    </Paper>
  );
}
