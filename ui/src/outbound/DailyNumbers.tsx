// The pipeline day by day: the chart the Rust side draws (with the source report's reference
// line), and the last 14 days' figures with the source report's below them to compare against.

import { Skeleton, Stack, Table, Text } from "@mantine/core";
import type { PipelineStatsInfo } from "../bindings/PipelineStatsInfo";
import { ChartImage } from "../charts/ChartImage";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import { formatCount, formatRate, MISSING } from "../format";
import { usePipelineStats } from "../queries";
import { openRate } from "./vocabulary";

/** How many days the table shows. */
export const STATS_DAYS = 14;

export function DailyNumbers() {
  const stats = usePipelineStats(STATS_DAYS);
  return (
    <Panel
      title="Daily numbers"
      description={`The pipeline over the last ${String(STATS_DAYS)} days, against the source report's daily figures`}
      data-testid="pipeline-days-panel"
    >
      <Stack gap="md">
        <ChartImage
          name="pipeline"
          alt="Domains identified, qualified companies and contacts found per day, with the source report's figures as a reference line; the numbers are in the table below."
          testId="pipeline-chart"
        />
        {stats.error && !stats.data ? (
          <LoadFailed
            title="The daily numbers could not be loaded"
            message={stats.error.message}
            retrying={stats.isFetching}
            onRetry={() => {
              void stats.refetch();
            }}
            testId="pipeline-days-error"
          />
        ) : !stats.data ? (
          <Skeleton h={200} />
        ) : (
          <DaysTable stats={stats.data} />
        )}
      </Stack>
    </Panel>
  );
}

function DaysTable({ stats }: { stats: PipelineStatsInfo }) {
  const newestFirst = [...stats.days].sort((a, b) => b.day.localeCompare(a.day));
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table verticalSpacing={4} data-testid="pipeline-days" aria-label="The pipeline day by day">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Day</Table.Th>
            <Table.Th ta="right">IPs seen</Table.Th>
            <Table.Th ta="right">Domains identified</Table.Th>
            <Table.Th ta="right">Qualified</Table.Th>
            <Table.Th ta="right">Contacts found</Table.Th>
            <Table.Th ta="right">Approved</Table.Th>
            <Table.Th ta="right">Sent</Table.Th>
            <Table.Th ta="right">Opened</Table.Th>
            <Table.Th ta="right">Replied</Table.Th>
            <Table.Th ta="right">Open rate</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody className="sb-numeric">
          {newestFirst.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={10}>
                <Text c="dimmed" fz="sm" ta="center" py="xs">
                  No pipeline days yet: they appear once the collector has seen visits.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {newestFirst.map((d) => (
            <Table.Tr key={d.day} data-day={d.day}>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{d.day}</Table.Td>
              <Table.Td ta="right">{formatCount(d.ipsSeen)}</Table.Td>
              <Table.Td ta="right">{formatCount(d.domainsIdentified)}</Table.Td>
              <Table.Td ta="right">{formatCount(d.qualified)}</Table.Td>
              <Table.Td ta="right">{formatCount(d.contactsFound)}</Table.Td>
              <Table.Td ta="right">{formatCount(d.approved)}</Table.Td>
              <Table.Td ta="right">{formatCount(d.sent)}</Table.Td>
              <Table.Td ta="right">{formatCount(d.opened)}</Table.Td>
              <Table.Td ta="right">{formatCount(d.replied)}</Table.Td>
              <Table.Td ta="right">{formatRate(openRate(d.opened, d.sent))}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot className="sb-numeric">
          <Table.Tr data-testid="pipeline-reference" fw={600}>
            <Table.Td>Source report</Table.Td>
            <Table.Td ta="right">{MISSING}</Table.Td>
            <Table.Td ta="right">{formatCount(stats.referenceDomains)}</Table.Td>
            <Table.Td ta="right">{formatCount(stats.referenceQualified)}</Table.Td>
            <Table.Td ta="right">{formatCount(stats.referenceContacts)}</Table.Td>
            <Table.Td ta="right">{MISSING}</Table.Td>
            <Table.Td ta="right">{MISSING}</Table.Td>
            <Table.Td ta="right">{MISSING}</Table.Td>
            <Table.Td ta="right">{MISSING}</Table.Td>
            <Table.Td ta="right">{formatRate(stats.referenceOpenRate)}</Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
