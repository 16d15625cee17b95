// The budget guard: what it does, its default mode and each campaign's, a run on demand with what
// it did, and its log. Going live (for a campaign or as the default) asks first; every decision
// about which campaign to pause is the Rust side's.

import { Alert, Button, Group, NativeSelect, Skeleton, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconPlayerPlay } from "@tabler/icons-react";
import { useState } from "react";
import type { CampaignCap } from "../bindings/CampaignCap";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import type { GuardMode, IpcFailure } from "../ipc";
import { useGuardRules, useRunGuard, useSetGuardMode } from "../queries";
import { GuardLog } from "./GuardLog";
import { GuardModes } from "./GuardModes";
import { type LiveRequest, LiveConfirmDialog } from "./LiveConfirmDialog";
import { GUARD_MODE_LABELS, GUARD_MODES, isGuardMode, runSummary } from "./vocabulary";

interface Problem {
  title: string;
  message: string;
}

export function GuardPanel({ campaigns }: { campaigns: readonly CampaignCap[] }) {
  const rules = useGuardRules();
  const setMode = useSetGuardMode();
  const run = useRunGuard();
  const [asking, setAsking] = useState<LiveRequest | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);

  const failed = (title: string) => (error: IpcFailure) => {
    setProblem({ title, message: error.message });
  };

  function apply(campaignId: string | null, mode: GuardMode | "default") {
    setProblem(null);
    setMode.mutate({ campaignId, mode }, { onError: failed("Mode not changed") });
  }

  function choose(campaign: CampaignCap | null, mode: GuardMode | "default") {
    if (mode === "live") {
      setAsking({ campaignId: campaign?.campaignId ?? null, campaign: campaign?.campaign ?? null, platform: campaign?.platform ?? null });
    } else {
      apply(campaign?.campaignId ?? null, mode);
    }
  }

  function runNow() {
    setProblem(null);
    run.mutate(undefined, { onError: failed("The guard did not run") });
  }

  const changing = setMode.isPending ? setMode.variables.campaignId : undefined;
  const actions = run.data;
  const color = !actions ? "gray" : actions.some((a) => a.outcome === "failed") ? "red" : actions.some((a) => a.outcome === "paused") ? "teal" : "blue";

  return (
    <Panel title="Budget guard" description="Pausing campaigns at their cap" data-testid="guard-panel">
      <Stack gap="md">
        <Text fz="sm">
          When a campaign&apos;s spend reaches its cap, the guard pauses it on its platform. Dry run records what it
          would do without calling the platform.
        </Text>
        {rules.error && !rules.data ? (
          <LoadFailed
            title="The guard's modes could not be loaded"
            message={rules.error.message}
            retrying={rules.isFetching}
            onRetry={() => {
              void rules.refetch();
            }}
            testId="guard-load-error"
          />
        ) : !rules.data ? (
          <Skeleton h={120} />
        ) : (
          <>
            <Group gap="sm" align="flex-end">
              <NativeSelect
                label="Default mode"
                description="For every campaign without a mode of its own"
                w={280}
                value={rules.data.default}
                disabled={changing === null}
                data={GUARD_MODES.map((mode) => ({ value: mode, label: GUARD_MODE_LABELS[mode] }))}
                onChange={(event) => {
                  const mode = event.currentTarget.value;
                  if (isGuardMode(mode)) choose(null, mode);
                }}
                data-testid="guard-default"
              />
              <Button
                variant="light"
                leftSection={<IconPlayerPlay size={16} />}
                loading={run.isPending}
                onClick={runNow}
                data-testid="guard-run"
              >
                Run guard now
              </Button>
            </Group>
            <div aria-live="polite">
              {actions && (
                <Alert color={color} variant="light" data-testid="guard-result" data-actions={actions.length}>
                  <Text fz="sm" fw={500}>
                    {runSummary(actions)}
                  </Text>
                  {actions.length > 0 && (
                    <Text fz="xs" c="dimmed">
                      The log below says what the platforms answered.
                    </Text>
                  )}
                </Alert>
              )}
              {problem && (
                <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={problem.title} data-testid="guard-error">
                  {problem.message}
                </Alert>
              )}
            </div>
            <GuardModes
              campaigns={campaigns}
              rules={rules.data}
              changing={changing ?? null}
              onMode={(campaign, mode) => {
                choose(campaign, mode);
              }}
            />
          </>
        )}
        <GuardLog />
      </Stack>
      <LiveConfirmDialog
        request={asking}
        onCancel={() => {
          setAsking(null);
        }}
        onConfirm={(request) => {
          setAsking(null);
          apply(request.campaignId, "live");
        }}
      />
    </Panel>
  );
}
