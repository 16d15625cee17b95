// The Sources screen, the live view of what comes in: the collector, the sources and their write
// keys, the latest events and the refused requests. Refreshed every 2 s while it is shown.

import { Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import type { SourcesView } from "../bindings/SourcesView";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import { LatestEventsTable } from "../overview/LatestEventsTable";
import { useSources } from "../queries";
import { AddSourceForm } from "./AddSourceForm";
import { CollectorPanel } from "./CollectorPanel";
import { GettingStarted } from "./GettingStarted";
import { RejectionsTable } from "./RejectionsTable";
import { SourcesTable } from "./SourcesTable";

export function SourcesScreen() {
  const { data: view, error, isPending, isFetching, refetch } = useSources();

  return (
    <Stack gap="lg" maw={1600} mx="auto">
      <div>
        <Title order={1} fz={26} fw={650}>
          Sources
        </Title>
        <Text c="dimmed" fz="sm">
          Where events come from: Segment libraries sending to the collector, each with its source&apos;s write key
        </Text>
      </div>
      {error && !view ? (
        <LoadFailed
          title="The sources could not be loaded"
          message={error.message}
          retrying={isFetching}
          onRetry={() => {
            void refetch();
          }}
          testId="sources-error"
        />
      ) : isPending ? (
        <SourcesSkeleton />
      ) : (
        <SourcesBody view={view} />
      )}
    </Stack>
  );
}

function SourcesBody({ view }: { view: SourcesView }) {
  const { collector } = view;
  const address = collector.address ?? `http://${collector.bind}:${String(collector.port)}`;
  return (
    <>
      <CollectorPanel collector={collector} />
      <Panel title="Sources" description="Each app or site sends with its own write key">
        {view.sources.length === 0 ? <GettingStarted address={address} /> : <SourcesTable sources={view.sources} />}
        <Stack mt="md" gap={0}>
          <AddSourceForm />
        </Stack>
      </Panel>
      <Panel title="Latest events" description="The newest messages received by the collector or an import">
        <LatestEventsTable
          events={view.latestEvents}
          testId="source-latest-events"
          empty="No events received yet. Turn on the collector and send one."
        />
      </Panel>
      <Panel title="Rejected requests" description="Requests the collector refused, and the reason it gave the sender">
        <RejectionsTable rejections={view.rejections} />
      </Panel>
    </>
  );
}

function SourcesSkeleton() {
  return (
    <Stack gap="lg" data-testid="sources-loading" aria-busy="true" aria-label="Loading the sources">
      {[3, 4, 6].map((rows, i) => (
        <Paper key={i} withBorder p="md">
          <Skeleton h={14} w={180} mb="md" />
          {Array.from({ length: rows }, (_, row) => (
            <Skeleton key={row} h={22} mb={10} />
          ))}
        </Paper>
      ))}
    </Stack>
  );
}
