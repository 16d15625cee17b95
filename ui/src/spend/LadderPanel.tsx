// The channel ladder as the Rust side builds it: what one person reached costs on each channel
// (ad channels, email, web personalisation), cheapest first, and how many people of a chosen
// segment sit on each rung, each on the cheapest channel that reached them. The chart is drawn for
// everyone reached. Email and web personalisation join the ladder once their monthly cost is set
// here.

import { Alert, Select, Skeleton, Stack, Text } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { useState } from "react";
import type { ChannelLadderInfo } from "../bindings/ChannelLadderInfo";
import type { SegmentRef } from "../bindings/SegmentRef";
import { ChartImage } from "../charts/ChartImage";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import { formatCount } from "../format";
import { useChannelLadder } from "../queries";
import { ChannelCosts } from "./ChannelCosts";
import { LadderTable } from "./LadderTable";
import { missingCostsSentence } from "./vocabulary";

/** The segments the picker offers, people segments first; a company segment stands for its companies' people. */
function segmentGroups(segments: readonly SegmentRef[]) {
  const names = (target: (t: string) => boolean) => segments.filter((s) => target(s.target)).map((s) => s.name);
  return [
    { group: "People segments", items: names((t) => t !== "companies") },
    { group: "Company segments (their people)", items: names((t) => t === "companies") },
  ].filter((g) => g.items.length > 0);
}

/** Where each person sits, and how many were placed. */
function explanation({ rungs, segment }: ChannelLadderInfo): string {
  const placed = rungs.reduce((sum, r) => sum + r.people, 0);
  const count = formatCount(placed);
  const rule = "sits on one rung only: the cheapest channel that reached them, so a dearer channel's rung holds just those no cheaper channel reached.";
  return segment === null
    ? `Each person ${rule} ${placed === 1 ? "1 person was" : `${count} people were`} reached in all.`
    : `Each person of ${segment} ${rule} ${placed === 1 ? "1 of them was" : `${count} of them were`} reached; members no channel reached are on no rung.`;
}

export function LadderPanel({ segments }: { segments: readonly SegmentRef[] }) {
  const [segment, setSegment] = useState<string | null>(null);
  const ladder = useChannelLadder(segment);
  const info = ladder.data;

  return (
    <Panel title="Channel ladder" description="What one person reached costs, per channel, cheapest first" data-testid="ladder-panel">
      <Stack gap="md">
        <Select
          label="People of"
          description="Whose people the last column counts"
          placeholder="Everyone reached"
          data={segmentGroups(segments)}
          value={segment}
          clearable
          w={320}
          nothingFoundMessage="No saved segment yet: save one on the Segments screen"
          onChange={setSegment}
          data-testid="ladder-segment"
        />
        <div className="sb-chart-row">
          <Stack gap={4}>
            <ChartImage
              name="channel-ladder"
              alt="Channel ladder for everyone reached: the cost per person reached of each channel, cheapest first; the figures are in the table beside it."
              testId="ladder-chart"
            />
            <Text fz="xs" c="dimmed" data-testid="ladder-chart-caption">
              The chart is drawn for everyone reached
              {segment === null ? "." : `; the table counts the people of ${segment}.`}
            </Text>
          </Stack>
          {ladder.error && !info ? (
            <LoadFailed
              title="The channel ladder could not be loaded"
              message={ladder.error.message}
              retrying={ladder.isFetching}
              onRetry={() => {
                void ladder.refetch();
              }}
              testId="ladder-error"
            />
          ) : !info ? (
            <Skeleton h={200} data-testid="ladder-loading" />
          ) : (
            <Stack gap="xs">
              <LadderTable rungs={info.rungs} segment={info.segment} stale={ladder.isPlaceholderData} />
              <Text fz="sm" c="dimmed" data-testid="ladder-explain">
                {explanation(info)}
              </Text>
            </Stack>
          )}
        </div>
        {info && info.costsMissing.length > 0 && (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle />} data-testid="ladder-missing">
            {missingCostsSentence(info.costsMissing)}
          </Alert>
        )}
        {info && <ChannelCosts costs={info.costs} segment={segment} />}
      </Stack>
    </Panel>
  );
}
