// The campaigns whose LTV or share differs from the model's (a campaign's override wins over its
// fit segment's): each one's values as edited, a way to remove it, and a list of the campaigns
// with spend to add one for.

import { ActionIcon, Group, NativeSelect, Stack, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import type { CampaignCap } from "../bindings/CampaignCap";
import { type CacDraft, type OverrideDraft, overrideKey } from "./cacDraft";

export function CampaignOverrides({
  campaigns,
  draft,
  disabled,
  onChange,
}: {
  /** The campaigns with spend, from the report. */
  campaigns: readonly CampaignCap[];
  draft: CacDraft;
  disabled: boolean;
  onChange: (draft: CacDraft) => void;
}) {
  const rows = draft.campaigns;
  const nameOf = (key: string) => campaigns.find((c) => overrideKey(c) === key)?.campaign ?? key;
  const addable = campaigns.filter((c) => !rows.some((r) => r.key === overrideKey(c)));

  function setRow(key: string, change: Partial<OverrideDraft>) {
    onChange({ ...draft, campaigns: rows.map((r) => (r.key === key ? { ...r, ...change } : r)) });
  }

  return (
    <Stack gap="xs">
      <Text fw={600} fz="sm">
        Campaign overrides
      </Text>
      {rows.length === 0 ? (
        <Text fz="sm" c="dimmed" data-testid="cac-campaigns-none">
          No campaign has its own LTV or share: every campaign uses its fit segments&apos; values.
        </Text>
      ) : (
        <Table verticalSpacing={4} data-testid="cac-campaigns">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Campaign</Table.Th>
              <Table.Th>LTV</Table.Th>
              <Table.Th>Share</Table.Th>
              <Table.Th w={40} aria-label="Remove" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const name = nameOf(row.key);
              return (
                <Table.Tr key={row.key} data-testid={`cac-campaign-${row.key}`}>
                  <Table.Td fw={500}>{name}</Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      w={120}
                      placeholder="the segment's"
                      aria-label={`LTV for ${name}`}
                      value={row.ltv}
                      disabled={disabled}
                      autoComplete="off"
                      onChange={(event) => {
                        setRow(row.key, { ltv: event.currentTarget.value });
                      }}
                      data-testid={`cac-campaign-ltv-${row.key}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      w={110}
                      placeholder="the segment's"
                      aria-label={`Share of LTV for ${name}`}
                      value={row.share}
                      disabled={disabled}
                      autoComplete="off"
                      onChange={(event) => {
                        setRow(row.key, { share: event.currentTarget.value });
                      }}
                      data-testid={`cac-campaign-share-${row.key}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={`Remove the override of ${name}`}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Remove the override of ${name}`}
                        disabled={disabled}
                        onClick={() => {
                          onChange({ ...draft, campaigns: rows.filter((r) => r.key !== row.key) });
                        }}
                        data-testid={`cac-campaign-remove-${row.key}`}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {addable.length > 0 && (
        <Group gap="xs">
          <NativeSelect
            size="xs"
            aria-label="Add an override for a campaign"
            value=""
            disabled={disabled}
            data={[
              { value: "", label: "Add an override for…" },
              ...addable.map((c) => ({ value: overrideKey(c), label: c.campaign })),
            ]}
            onChange={(event) => {
              const key = event.currentTarget.value;
              if (key !== "") onChange({ ...draft, campaigns: [...rows, { key, ltv: "", share: "" }] });
            }}
            data-testid="cac-campaign-add"
          />
        </Group>
      )}
    </Stack>
  );
}
