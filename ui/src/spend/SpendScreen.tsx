// The Spend and CAC screen: how many campaigns are over or near their cap, spend against cap over
// time with every campaign's figures (and its audience, which gives it its cap), the budget guard
// that pauses campaigns at their cap, the channel ladder (from the Rust side, with the people of a
// chosen segment on its rungs and the monthly costs of email and web personalisation), and the CAC
// model every cap follows from (editable even before there is any spend).

import { Alert, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { ChartImage } from "../charts/ChartImage";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import { useCacReport, useSegmentFields, useSetCampaignAudience } from "../queries";
import { AlertsSummary } from "./AlertsSummary";
import { CacModelPanel } from "./CacModelPanel";
import { CampaignTable } from "./CampaignTable";
import { GuardPanel } from "./GuardPanel";
import { LadderPanel } from "./LadderPanel";

export function SpendScreen() {
  const report = useCacReport();
  const fields = useSegmentFields();
  const setAudience = useSetCampaignAudience();
  const campaigns = report.data;

  return (
    <Stack gap="lg" maw={1600} mx="auto" className="sb-screen">
      <div>
        <Title order={1} fz={26} fw={650}>
          Spend and CAC
        </Title>
        <Text c="dimmed" fz="sm">
          Ad spend to date against what the people each campaign reaches are worth (its cap)
        </Text>
      </div>
      {report.error && !campaigns ? (
        <LoadFailed
          title="Spend could not be loaded"
          message={report.error.message}
          retrying={report.isFetching}
          onRetry={() => {
            void report.refetch();
          }}
          testId="spend-error"
        />
      ) : !campaigns ? (
        <Skeleton h={320} data-testid="spend-loading" />
      ) : campaigns.length === 0 ? (
        <>
          <Text c="dimmed" data-testid="spend-empty">
            No ad spend yet: spend appears here once a Facebook, Google Ads or AdRoll source has synced.
          </Text>
          <GuardPanel campaigns={campaigns} />
        </>
      ) : (
        <>
          <AlertsSummary campaigns={campaigns} />
          <Panel title="Spend against cap" description="Spend to date per campaign with a cap, day by day, against that cap">
            <Stack gap="md">
              <ChartImage
                name="spend-vs-cap"
                alt={`Spend against cap over time for ${String(campaigns.filter((c) => c.cap !== null).length)} campaigns with a cap; the figures are in the table below.`}
                testId="spend-chart"
              />
              {setAudience.error && (
                <Alert color="red" variant="light" icon={<IconAlertTriangle />} data-testid="spend-audience-error">
                  {setAudience.error.message}
                </Alert>
              )}
              <CampaignTable
                campaigns={campaigns}
                segments={fields.data?.segments ?? []}
                changing={setAudience.isPending ? setAudience.variables.campaignId : null}
                onAudience={(campaignId, segment) => {
                  setAudience.mutate({ campaignId, segment });
                }}
              />
            </Stack>
          </Panel>
          <GuardPanel campaigns={campaigns} />
          <LadderPanel segments={fields.data?.segments ?? []} />
        </>
      )}
      <CacModelPanel campaigns={campaigns ?? []} />
    </Stack>
  );
}
