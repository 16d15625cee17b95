// Running the pipeline by hand: a preview of what a run would spend at most (a dry run, which calls
// nothing), the run itself and what it did, and the lookups a stopped run asked but never stored,
// which are asked again (and paid again) only when the rep says so. A run can take a while; its
// button shows it is under way. A preview holds for the daily budgets it was made under: when the
// saved budgets change (in the Guardrails panel), a preview on screen is asked again — a dry run
// calls nothing, so that costs nothing.

import { Alert, Button, Group, Progress, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconEye, IconPlayerPlay } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import type { PipelineRunInfo } from "../bindings/PipelineRunInfo";
import { Panel } from "../common/Panel";
import { usePipelineProgress, usePipelineRules, useRunPipeline } from "../queries";
import { InterruptedLookups } from "./InterruptedLookups";
import { LookupTable } from "./LookupTable";
import { RunSummary } from "./RunSummary";
import { countText, PIPELINE_STAGES } from "./vocabulary";

export function PipelinePanel() {
  const run = useRunPipeline();
  const progress = usePipelineProgress();
  const running = run.isPending ? run.variables : undefined;
  const rules = usePipelineRules().data;
  /** The saved budgets (all of the rules a preview depends on), compared by value; null until read. */
  const budgetsKey = rules === undefined ? null : JSON.stringify(rules.budgets);
  // The last answer stays on screen while the next run goes (its interrupted lookups with it),
  // with the budgets it was asked under.
  const [shown, setShown] = useState<{ result: PipelineRunInfo; budgetsKey: string | null } | null>(null);
  const result = shown?.result ?? null;
  const { mutate } = run;
  const go = (dryRun: boolean, retryInterrupted: boolean) => {
    const under = budgetsKey;
    mutate(
      { dryRun, retryInterrupted },
      {
        onSuccess: (answer) => {
          setShown({ result: answer, budgetsKey: under });
        },
      },
    );
  };

  const outdated =
    shown !== null && shown.result.dryRun && shown.budgetsKey !== null && budgetsKey !== null && shown.budgetsKey !== budgetsKey;
  useEffect(() => {
    if (!outdated || run.isPending) return;
    const under = budgetsKey;
    mutate(
      { dryRun: true, retryInterrupted: false },
      {
        onSuccess: (answer) => {
          setShown({ result: answer, budgetsKey: under });
        },
        // An outdated preview is not left on screen as if it held; the failure says why.
        onError: () => {
          setShown(null);
        },
      },
    );
  }, [outdated, run.isPending, budgetsKey, mutate]);

  return (
    <Panel
      title="Pipeline"
      description="Reveals the companies behind visiting IPs, enriches and scores them, and finds contacts at the qualified ones. Each lookup is paid."
      data-testid="pipeline-panel"
    >
      <Stack gap="md">
        <Group gap="xs">
          <Button
            variant="default"
            leftSection={<IconEye size={16} />}
            loading={running?.dryRun === true}
            disabled={running !== undefined && !running.dryRun}
            onClick={() => {
              go(true, false);
            }}
            data-testid="pipeline-preview"
          >
            Preview cost
          </Button>
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            loading={running !== undefined && !running.dryRun && !running.retryInterrupted}
            disabled={running !== undefined}
            onClick={() => {
              go(false, false);
            }}
            data-testid="pipeline-run"
          >
            Run pipeline
          </Button>
          {running !== undefined && !running.dryRun && (
            <Text fz="sm" c="dimmed" data-testid="pipeline-running">
              Running; lookups go one by one within each vendor&apos;s rate limit.
            </Text>
          )}
        </Group>
        {running !== undefined && !running.dryRun && progress !== null && (
          <Stack gap={4} data-testid="pipeline-progress">
            <Text fz="sm">
              {PIPELINE_STAGES[progress.stage] ?? progress.stage}: {progress.done.toLocaleString("en-US")} of{" "}
              {progress.total.toLocaleString("en-US")}
            </Text>
            <Progress value={progress.total > 0 ? (100 * progress.done) / progress.total : 0} size="sm" aria-label="Pipeline progress" />
          </Stack>
        )}
        <div aria-live="polite">
          {run.error && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle />} title="The pipeline did not run" data-testid="pipeline-error">
              {run.error.message}
            </Alert>
          )}
          {result && <Result result={result} />}
        </div>
        {result && result.interrupted.length > 0 && (
          <InterruptedLookups
            lookups={result.interrupted}
            asking={running?.retryInterrupted === true && !running.dryRun}
            disabled={running !== undefined}
            onAskAgain={() => {
              go(false, true);
            }}
          />
        )}
      </Stack>
    </Panel>
  );
}

function Result({ result }: { result: PipelineRunInfo }) {
  if (result.dryRun) {
    return (
      <Stack gap="xs" data-testid="pipeline-preview-result">
        <Text fz="sm">
          A run now would spend at most the lookups below; nothing was called. {countText(result.ipsWaiting, "IP")}{" "}
          {result.ipsWaiting === 1 ? "waits" : "wait"} to be revealed.
        </Text>
        <LookupTable lookups={result.lookups} countLabel="At most" testId="pipeline-preview-lookups" />
      </Stack>
    );
  }
  return <RunSummary run={result} />;
}
