// What a pipeline run did, stage by stage: IPs revealed, domains identified, companies enriched,
// scored, qualified or below the threshold, companies prospected and contacts found; what went no
// further and what failed (with why), and the lookups it spent.

import { Alert, List, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import type { PipelineRunInfo } from "../bindings/PipelineRunInfo";
import { formatCount } from "../format";
import { LookupTable } from "./LookupTable";
import { countText } from "./vocabulary";

export function RunSummary({ run }: { run: PipelineRunInfo }) {
  const figures: [string, number][] = [
    ["IPs revealed", run.revealed],
    ["Domains identified", run.identified],
    ["Enriched", run.enriched],
    ["Scored", run.scored],
    ["Qualified", run.qualified],
    ["Below threshold", run.belowThreshold],
    ["Prospected", run.prospected],
    ["Contacts found", run.contacts],
    ["Went no further", run.skipped],
  ];
  return (
    <Stack gap="sm" data-testid="pipeline-run-result">
      <Text fz="sm">
        {run.qualified === 0
          ? "The run qualified no new company."
          : `The run queued ${countText(run.qualified, "company", "companies")} with ${countText(run.contacts, "contact")} for review above.`}
        {run.retried > 0 && ` ${countText(run.retried, "interrupted lookup")} ${run.retried === 1 ? "was" : "were"} asked again.`}
        {run.ipsWaiting > 0 && ` ${countText(run.ipsWaiting, "IP")} still ${run.ipsWaiting === 1 ? "waits" : "wait"}.`}
      </Text>
      <SimpleGrid cols={{ base: 3, sm: 5, lg: 9 }} spacing="xs">
        {figures.map(([label, value]) => (
          <Paper key={label} withBorder p="xs" data-testid={`pipeline-figure-${label.toLowerCase().replace(/ /g, "-")}`}>
            <Text fz="xs" c="dimmed">
              {label}
            </Text>
            <Text fz="lg" fw={600} className="sb-numeric">
              {formatCount(value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {run.failed.length > 0 && (
        <Alert color="orange" variant="light" title={`${countText(run.failed.length, "lookup")} failed`} data-testid="pipeline-failed">
          <List size="sm" spacing={2}>
            {run.failed.map((f) => (
              <List.Item key={`${f.key}:${f.reason}`}>
                <Text span fz="sm" fw={500}>
                  {f.key}
                </Text>
                : {f.reason}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <LookupTable lookups={run.lookups} countLabel="Spent" testId="pipeline-run-lookups" />
    </Stack>
  );
}
