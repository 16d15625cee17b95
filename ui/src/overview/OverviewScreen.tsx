// The Overview screen: headline KPIs, totals, top companies, the daily pipeline (chart and numbers),
// latest events and open rates by campaign.

import { Alert, Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconRefresh } from "@tabler/icons-react";
import type { Overview } from "../bindings/Overview";
import { ChartImage } from "../charts/ChartImage";
import { Panel } from "../common/Panel";
import { useOverview } from "../queries";
import { CountTiles } from "./CountTiles";
import { DailyTable } from "./DailyTable";
import { KpiCards } from "./KpiCards";
import { LatestEventsTable } from "./LatestEventsTable";
import { OpenRatesPanel } from "./OpenRatesPanel";
import { OverviewSkeleton } from "./OverviewSkeleton";
import { TopCompaniesTable } from "./TopCompaniesTable";

const LOWER_ROW_HEIGHT = 420;

export function OverviewScreen() {
  const { data: overview, error, isPending, isFetching, refetch } = useOverview();

  return (
    <Stack gap="lg" maw={1600} mx="auto" className="sb-overview">
      <Group justify="space-between" align="flex-end" wrap="nowrap">
        <div>
          <Title order={1} fz={26} fw={650}>
            Overview
          </Title>
          {overview && <Subtitle overview={overview} />}
        </div>
      </Group>
      {error && !overview ? (
        <Alert
          color="red"
          variant="light"
          radius="md"
          title="The overview could not be loaded"
          icon={<IconAlertTriangle />}
          data-testid="overview-error"
        >
          <Stack gap="sm" align="flex-start">
            <Text fz="sm">{error.message}</Text>
            <Button
              size="xs"
              variant="light"
              color="red"
              leftSection={<IconRefresh size={14} />}
              loading={isFetching}
              onClick={() => {
                void refetch();
              }}
            >
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : isPending ? (
        <OverviewSkeleton />
      ) : (
        <OverviewBody overview={overview} />
      )}
    </Stack>
  );
}

function Subtitle({ overview }: { overview: Overview }) {
  const covered = overview.windows.find((w) => w.days === 30)?.coveredDays ?? 0;
  return (
    <Text c="dimmed" fz="sm" data-testid="overview-subtitle">
      Data through <span data-testid="as-of">{overview.asOf}</span> · {covered} {covered === 1 ? "day" : "days"} of
      data
    </Text>
  );
}

function OverviewBody({ overview }: { overview: Overview }) {
  return (
    <>
      <KpiCards windows={overview.windows} />
      <CountTiles overview={overview} />
      <Panel
        title="Top identified companies"
        description="Companies whose visitors came most often in the last 30 days"
      >
        <TopCompaniesTable companies={overview.topCompanies} />
      </Panel>
      <div className="sb-lower-row">
        <Panel title="Daily pipeline" description="Identified domains, qualified companies and new contacts per day">
          <ChartImage
            name="pipeline"
            alt="Daily pipeline over the last 30 days: identified domains, qualified companies and new contacts per day; the numbers are in the table beside it."
            testId="overview-pipeline-chart"
          />
        </Panel>
        <Panel title="Last 30 days" description="Per day: identified domains, qualified companies, new contacts">
          <DailyTable days={overview.daily} height={LOWER_ROW_HEIGHT} />
        </Panel>
      </div>
      <div className="sb-lower-row">
        <Panel title="Latest events" description="The most recent events received">
          <LatestEventsTable events={overview.latestEvents} />
        </Panel>
        <OpenRatesPanel windows={overview.windows} />
      </div>
    </>
  );
}
