// How the figures beside it were counted, in the Rust side's own sentences.

import { List, Text } from "@mantine/core";

export function CountingRules({ rules }: { rules: readonly string[] }) {
  return (
    <div data-testid="funnel-rules">
      <Text fz="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
        How these are counted
      </Text>
      <List size="xs" spacing={2} c="dimmed">
        {rules.map((rule, i) => (
          <List.Item key={i}>{rule}</List.Item>
        ))}
      </List>
    </div>
  );
}
