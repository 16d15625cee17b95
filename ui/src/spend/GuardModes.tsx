// Every campaign with spend and the budget guard's mode for it: the default's, or one of its own
// (off, dry run, live), beside its spend against cap and its alert.

import { NativeSelect, Table, Text } from "@mantine/core";
import type { CampaignCap } from "../bindings/CampaignCap";
import type { GuardRulesInfo } from "../bindings/GuardRulesInfo";
import { MISSING } from "../format";
import type { GuardMode } from "../ipc";
import { AlertBadge } from "./AlertBadge";
import { GUARD_MODE_LABELS, GUARD_MODES, isGuardMode, platformName } from "./vocabulary";

/** The select's value for a campaign that follows the default. */
const DEFAULT = "default";

export function GuardModes({
  campaigns,
  rules,
  changing,
  onMode,
}: {
  campaigns: readonly CampaignCap[];
  rules: GuardRulesInfo;
  /** The campaign whose mode is being set, if any. */
  changing: string | null;
  onMode: (campaign: CampaignCap, mode: GuardMode | "default") => void;
}) {
  if (campaigns.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        No campaign has spend yet; once one does, it can be given a mode of its own here.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table verticalSpacing="xs" data-testid="guard-modes">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Campaign</Table.Th>
            <Table.Th>Platform</Table.Th>
            <Table.Th ta="right">Spend / cap</Table.Th>
            <Table.Th>Alert</Table.Th>
            <Table.Th>Guard mode</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody className="sb-numeric">
          {campaigns.map((c) => {
            const own = rules.campaigns[c.campaignId];
            return (
              <Table.Tr key={c.campaignId} data-testid={`guard-row-${c.campaignId}`}>
                <Table.Td fw={500}>{c.campaign}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{platformName(c.platform)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                  {c.spend} / {c.cap ?? MISSING}
                </Table.Td>
                <Table.Td>
                  <AlertBadge alert={c.alert} />
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    w={240}
                    aria-label={`Guard mode of ${c.campaign}`}
                    value={own ?? DEFAULT}
                    disabled={changing === c.campaignId}
                    data={[
                      { value: DEFAULT, label: `Default (${rules.default})` },
                      ...GUARD_MODES.map((mode) => ({ value: mode, label: GUARD_MODE_LABELS[mode] })),
                    ]}
                    onChange={(event) => {
                      const mode = event.currentTarget.value;
                      if (mode === DEFAULT && own !== undefined) onMode(c, "default");
                      else if (isGuardMode(mode) && mode !== own) onMode(c, mode);
                    }}
                    data-testid={`guard-mode-${c.campaignId}`}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
