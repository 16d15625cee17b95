// The saved segments, one row each: what they are made of, how big they are, how they last
// changed and whether their membership is current. Choosing a row opens the segment.

import { ActionIcon, Badge, Group, Menu, Stack, Table, Text, Tooltip } from "@mantine/core";
import { IconCopy, IconDots, IconFileExport, IconPencil, IconRefresh, IconTrash } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { SegmentSummary } from "../bindings/SegmentSummary";
import { useNow } from "../common/useNow";
import { formatCount, MISSING } from "../format";
import { changeText, statusText, targetLabel } from "./vocabulary";

export type SegmentAction = "recompute" | "export" | "duplicate" | "rename" | "delete";

export function SegmentList({
  segments,
  recomputing,
  onOpen,
  onAction,
}: {
  segments: readonly SegmentSummary[];
  /** The segment being recomputed, if any. */
  recomputing: string | null;
  onOpen: (name: string) => void;
  onAction: (action: SegmentAction, segment: SegmentSummary) => void;
}) {
  const now = useNow();
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table highlightOnHover horizontalSpacing="sm" verticalSpacing="xs" data-testid="segment-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Segment</Table.Th>
            <Table.Th>Of</Table.Th>
            <Table.Th ta="right">Size</Table.Th>
            <Table.Th ta="right">Last change</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th w={80} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {segments.map((segment) => {
            const status = statusText(segment, now);
            return (
              <Table.Tr
                key={segment.name}
                className="sb-selectable"
                tabIndex={0}
                onClick={() => {
                  onOpen(segment.name);
                }}
                onKeyDown={(event) => {
                  if (event.target === event.currentTarget && (event.key === "Enter" || event.key === " ")) {
                    event.preventDefault();
                    onOpen(segment.name);
                  }
                }}
                data-testid={`segment-row-${segment.name}`}
              >
                <Table.Td maw={360}>
                  <Stack gap={0}>
                    <Text inherit fw={500} truncate>
                      {segment.name}
                    </Text>
                    {segment.description !== "" && (
                      <Text fz="xs" c="dimmed" truncate>
                        {segment.description}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={segment.target === "companies" ? "grape" : "blue"}>
                    {targetLabel(segment.target)}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right" className="sb-numeric" fw={500} data-testid={`segment-size-${segment.name}`}>
                  {segment.latest ? formatCount(segment.latest.size) : MISSING}
                </Table.Td>
                <Table.Td ta="right" className="sb-numeric" data-testid={`segment-change-${segment.name}`}>
                  {segment.latest ? changeText(segment.latest) : MISSING}
                </Table.Td>
                <Table.Td maw={320}>
                  <Text
                    fz="sm"
                    c={status.color}
                    lineClamp={2}
                    title={status.text}
                    data-status={segment.status}
                    data-testid={`segment-status-${segment.name}`}
                  >
                    {status.text}
                  </Text>
                </Table.Td>
                <Table.Td
                  onClick={(event) => {
                    event.stopPropagation();
                  }}
                  onKeyDown={(event) => {
                    event.stopPropagation();
                  }}
                >
                  <Group gap={2} wrap="nowrap" justify="flex-end">
                    <Tooltip label="Recompute now">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={`Recompute ${segment.name}`}
                        loading={recomputing === segment.name}
                        onClick={() => {
                          onAction("recompute", segment);
                        }}
                        data-testid={`segment-recompute-${segment.name}`}
                      >
                        <IconRefresh size={16} />
                      </ActionIcon>
                    </Tooltip>
                    <SegmentMenu segment={segment} onAction={onAction} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function SegmentMenu({
  segment,
  onAction,
  disabledReason,
}: {
  segment: SegmentSummary;
  onAction: (action: SegmentAction, segment: SegmentSummary) => void;
  /** Why renaming is not possible now (unsaved changes), if it is not. */
  disabledReason?: string;
}) {
  const item = (action: SegmentAction, label: string, icon: ReactNode, extra: { color?: string; disabled?: boolean } = {}) => (
    <Menu.Item
      leftSection={icon}
      color={extra.color}
      disabled={extra.disabled}
      onClick={() => {
        onAction(action, segment);
      }}
      data-testid={`segment-${action}-${segment.name}`}
    >
      {label}
    </Menu.Item>
  );
  return (
    <Menu position="bottom-end" shadow="md" width={200}>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`More for ${segment.name}`} data-testid={`segment-menu-${segment.name}`}>
          <IconDots size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {item("export", "Export…", <IconFileExport size={14} />)}
        {item("duplicate", "Duplicate…", <IconCopy size={14} />)}
        {item("rename", "Rename…", <IconPencil size={14} />, { disabled: disabledReason !== undefined })}
        <Menu.Divider />
        {item("delete", "Delete…", <IconTrash size={14} />, { color: "red" })}
        {disabledReason !== undefined && <Menu.Label>{disabledReason}</Menu.Label>}
      </Menu.Dropdown>
    </Menu>
  );
}
