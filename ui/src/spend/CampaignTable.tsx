// Every campaign with spend against its cap: spend, people reached, the cap its audience gives it,
// the share used, the day the cap is (or was) reached at the current pace, and its alert. The
// audience is chosen here; a campaign without one has no cap.

import { ScrollArea, Table, Text } from "@mantine/core";
import type { CampaignCap } from "../bindings/CampaignCap";
import type { SegmentRef } from "../bindings/SegmentRef";
import { formatCount, MISSING } from "../format";
import { AlertBadge } from "./AlertBadge";
import { AudienceSelect } from "./AudienceSelect";
import { ShareUsed } from "./ShareUsed";

export function CampaignTable({
  campaigns,
  segments,
  changing,
  onAudience,
}: {
  campaigns: readonly CampaignCap[];
  segments: readonly SegmentRef[];
  /** The campaign whose audience is being changed, if any. */
  changing: string | null;
  onAudience: (campaignId: string, segment: string | null) => void;
}) {
  return (
    <ScrollArea type="auto">
      <Table highlightOnHover verticalSpacing="xs" data-testid="spend-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Campaign</Table.Th>
            <Table.Th>Platform</Table.Th>
            <Table.Th>Audience</Table.Th>
            <Table.Th ta="right">Spend</Table.Th>
            <Table.Th ta="right">Pace / day</Table.Th>
            <Table.Th ta="right">Reached</Table.Th>
            <Table.Th ta="right">Cap</Table.Th>
            <Table.Th>Share used</Table.Th>
            <Table.Th>Cap reached on</Table.Th>
            <Table.Th>Alert</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody className="sb-numeric">
          {campaigns.map((c) => (
            <Table.Tr key={c.campaignId} data-testid={`spend-row-${c.campaignId}`}>
              <Table.Td fw={500}>{c.campaign}</Table.Td>
              <Table.Td>{c.platform}</Table.Td>
              <Table.Td>
                <AudienceSelect
                  campaign={c.campaign}
                  campaignId={c.campaignId}
                  audience={c.audience}
                  segments={segments}
                  busy={changing === c.campaignId}
                  onChange={(segment) => {
                    onAudience(c.campaignId, segment);
                  }}
                />
              </Table.Td>
              <Table.Td ta="right">{c.spend}</Table.Td>
              <Table.Td ta="right">{c.pacePerDay}</Table.Td>
              <Table.Td ta="right">{formatCount(c.reached)}</Table.Td>
              <Table.Td ta="right">
                {c.cap ?? (
                  <Text span fz="xs" c="dimmed">
                    needs an audience
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <ShareUsed share={c.shareUsed} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{c.capDay ?? MISSING}</Table.Td>
              <Table.Td>
                <AlertBadge alert={c.alert} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollArea>
  );
}
