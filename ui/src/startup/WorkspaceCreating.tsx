// The first-start card: the demo workspace is being built; which step, and how far along.

import { Card, Center, Group, Loader, Progress as ProgressBar, Stack, Text, Title } from "@mantine/core";
import type { Progress } from "../bindings/Progress";
import { formatCount } from "../format";

export function WorkspaceCreating({ progress }: { progress: Progress | null }) {
  const { step, done, total } = progress ?? { step: "Getting started", done: 0, total: 0 };
  const percent = total > 0 ? Math.min(100, (done / total) * 100) : 0;

  return (
    <Center h="70vh">
      <Card w={440} maw="100%" padding="xl" shadow="sm" data-testid="workspace-creating">
        <Stack gap="md">
          <Group gap="sm" wrap="nowrap">
            <Loader size="sm" />
            <Title order={3} fz="lg">
              Setting up your demo workspace
            </Title>
          </Group>
          <Text c="dimmed" fz="sm">
            Switchboard is filling a new workspace with sample companies, people and events so you can look
            around. This takes a few seconds and only happens once.
          </Text>
          <ProgressBar
            value={percent}
            size="lg"
            radius="xl"
            striped
            animated
            aria-label="Workspace creation progress"
            data-testid="workspace-progress"
            data-done={done}
            data-total={total}
          />
          <Group justify="space-between" wrap="nowrap" fz="sm">
            <Text inherit fw={500} truncate data-testid="workspace-step">
              {step}
            </Text>
            {total > 0 && (
              <Text inherit c="dimmed" className="sb-numeric" style={{ flexShrink: 0 }}>
                {formatCount(done)} of {formatCount(total)}
              </Text>
            )}
          </Group>
        </Stack>
      </Card>
    </Center>
  );
}
