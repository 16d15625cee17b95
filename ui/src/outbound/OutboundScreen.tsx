// The Outbound screen, the sales reps' review queue: qualified companies to approve, reject or
// snooze (from the keyboard as much as the mouse), then sending the approved contacts to
// Customer.io, running the pipeline that fills the queue and the guardrails it runs within (its
// rules and budgets, the suppression lists), its daily numbers against the source report, and the
// webhooks that bring outcomes back.

import { Skeleton, Stack, Text, Title } from "@mantine/core";
import { LoadFailed } from "../common/LoadFailed";
import { useQueue } from "../queries";
import { DailyNumbers } from "./DailyNumbers";
import { GuardrailsPanel } from "./GuardrailsPanel";
import { PipelinePanel } from "./PipelinePanel";
import { QueuePanel } from "./QueuePanel";
import { SendPanel } from "./SendPanel";
import { WebhooksPanel } from "./WebhooksPanel";

export function OutboundScreen() {
  const queue = useQueue();
  const view = queue.data;
  return (
    <Stack gap="lg" maw={1600} mx="auto" className="sb-screen" data-testid="outbound-screen">
      <div>
        <Title order={1} fz={26} fw={650}>
          Outbound
        </Title>
        <Text c="dimmed" fz="sm">
          Review the companies the pipeline qualified, then send the approved contacts to the outbound campaign
        </Text>
      </div>
      {queue.error && !view ? (
        <LoadFailed
          title="The review queue could not be loaded"
          message={queue.error.message}
          retrying={queue.isFetching}
          onRetry={() => {
            void queue.refetch();
          }}
          testId="queue-load-error"
        />
      ) : !view ? (
        <Skeleton h={420} data-testid="queue-loading" />
      ) : (
        <>
          <QueuePanel view={view} />
          <SendPanel view={view} />
        </>
      )}
      <PipelinePanel />
      <GuardrailsPanel />
      <DailyNumbers />
      <WebhooksPanel />
    </Stack>
  );
}
