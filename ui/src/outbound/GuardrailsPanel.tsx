// The pipeline's guardrails: its rules (what it skips, whom it looks for, what it may spend a day)
// and the suppression lists of domains it never spends a lookup on or contacts (customers,
// competitors, and those who asked not to be contacted).

import { Divider, Grid, Stack, Text } from "@mantine/core";
import { Panel } from "../common/Panel";
import { RulesForm } from "./RulesForm";
import { SuppressionAdd } from "./SuppressionAdd";
import { SuppressionTable } from "./SuppressionTable";

export function GuardrailsPanel() {
  return (
    <Panel
      title="Guardrails"
      description="What the pipeline skips, whom it looks for and how many paid lookups it may make a day"
      data-testid="guardrails-panel"
    >
      <Stack gap="lg">
        <RulesForm />
        <Divider />
        <div>
          <Text fw={600}>Suppression lists</Text>
          <Text fz="xs" c="dimmed">
            Companies on these lists are never enriched, scored or contacted
          </Text>
        </div>
        <Grid gutter="xl">
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <SuppressionAdd />
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <SuppressionTable />
          </Grid.Col>
        </Grid>
      </Stack>
    </Panel>
  );
}
