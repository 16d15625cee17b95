// A titled, bordered section of a screen.

import { Group, Paper, Text, type PaperProps } from "@mantine/core";
import type { ReactNode } from "react";

export function Panel({
  title,
  description,
  aside,
  children,
  ...paper
}: { title: string; description?: string; aside?: ReactNode; children: ReactNode } & PaperProps) {
  return (
    <Paper withBorder p="md" {...paper}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <div>
          <Text fw={600}>{title}</Text>
          {description && (
            <Text fz="xs" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        {aside}
      </Group>
      {children}
    </Paper>
  );
}
