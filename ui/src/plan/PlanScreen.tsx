// The Tracking plan screen: the events the apps should send, checked against what arrives.
// Without a plan it explains what one is and offers the import.

import { Button, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconReplace } from "@tabler/icons-react";
import { useState } from "react";
import type { PlanView } from "../bindings/PlanView";
import type { TrackingPlan } from "../bindings/TrackingPlan";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import { RelativeTime } from "../common/RelativeTime";
import { useNow } from "../common/useNow";
import { useTrackingPlan } from "../queries";
import { PlanEventsTable } from "./PlanEventsTable";
import { PlanImport } from "./PlanImport";
import { ViolationCountsTable, ViolationExamplesTable } from "./ViolationTables";

export function PlanScreen() {
  const { data: view, error, isPending, isFetching, refetch } = useTrackingPlan();

  return (
    <Stack gap="lg" maw={1600} mx="auto" className="sb-screen">
      <div>
        <Title order={1} fz={26} fw={650}>
          Tracking plan
        </Title>
        {view?.plan ? (
          <PlanSubtitle plan={view.plan} />
        ) : (
          <Text c="dimmed" fz="sm">
            The events your apps should send, and what arrived that did not match
          </Text>
        )}
      </div>
      {error && !view ? (
        <LoadFailed
          title="The tracking plan could not be loaded"
          message={error.message}
          retrying={isFetching}
          onRetry={() => {
            void refetch();
          }}
          testId="plan-error"
        />
      ) : isPending ? (
        <PlanSkeleton />
      ) : view.plan === null ? (
        <NoPlan />
      ) : (
        <PlanBody plan={view.plan} view={view} />
      )}
    </Stack>
  );
}

function PlanSubtitle({ plan }: { plan: TrackingPlan }) {
  const now = useNow();
  return (
    <Text c="dimmed" fz="sm">
      <Text span inherit fw={600} c="var(--mantine-color-text)" data-testid="plan-name">
        {plan.name}
      </Text>{" "}
      · {plan.events.length} planned {plan.events.length === 1 ? "event" : "events"} · imported{" "}
      <span data-testid="plan-imported-at">
        <RelativeTime iso={plan.importedAt} now={now} />
      </span>
    </Text>
  );
}

function NoPlan() {
  return (
    <Panel title="No tracking plan yet" data-testid="plan-empty">
      <Stack gap="md">
        <Text fz="sm" maw={760}>
          A tracking plan lists the events your apps should send (Signed Up, Order Completed, …) and the properties
          each one carries, with their types and which are required. Once you import one, Switchboard checks every
          message that arrives against it and lists what does not match: events the plan does not know, missing or
          extra properties, values of the wrong type. Nothing is dropped; mismatches are only reported.
        </Text>
        <PlanImport />
      </Stack>
    </Panel>
  );
}

function PlanBody({ plan, view }: { plan: TrackingPlan; view: PlanView }) {
  const [replacing, setReplacing] = useState(false);
  return (
    <>
      <Panel
        title="Planned events"
        description="What the plan expects; seen and violating count the messages since it was imported"
        aside={
          <Button
            size="xs"
            variant={replacing ? "subtle" : "light"}
            leftSection={<IconReplace size={14} />}
            onClick={() => {
              setReplacing((open) => !open);
            }}
            data-testid="plan-replace"
          >
            {replacing ? "Keep this plan" : "Import a new plan"}
          </Button>
        }
      >
        {replacing && (
          <Paper withBorder p="md" mb="md">
            <Text fz="sm" mb="sm">
              The new plan replaces this one; messages from then on are checked against it.
            </Text>
            <PlanImport
              onImported={() => {
                setReplacing(false);
              }}
            />
          </Paper>
        )}
        <PlanEventsTable events={plan.events} />
      </Panel>
      <div className="sb-lower-row">
        <Panel title="Newest violations" description="The latest messages that broke the plan, and how">
          <ViolationExamplesTable examples={view.examples} />
        </Panel>
        <Panel title="Violations by event" description="Since the plan was imported, by event and kind">
          <ViolationCountsTable counts={view.counts} />
        </Panel>
      </div>
    </>
  );
}

function PlanSkeleton() {
  return (
    <Paper withBorder p="md" data-testid="plan-loading" aria-busy="true" aria-label="Loading the tracking plan">
      <Skeleton h={14} w={200} mb="md" />
      {[0, 1, 2, 3, 4].map((i) => (
        <Skeleton key={i} h={22} mb={10} />
      ))}
    </Paper>
  );
}
