// The companies the filter shows, one row each: name and domain, score and fit, size, industry,
// location, rep, state and when it was queued. A click selects a row; the selected one is
// highlighted and kept in view as the keyboard moves through the list. Rows with a decision on its
// way are dimmed until the answer comes.

import { Badge, Group, Table, Text } from "@mantine/core";
import { useEffect, useRef } from "react";
import type { QueueCompany } from "../bindings/QueueCompany";
import { RelativeTime } from "../common/RelativeTime";
import { useNow } from "../common/useNow";
import { formatCount, formatScore, MISSING } from "../format";
import { fitSegmentColor } from "../overview/vocabulary";
import { capitalised, sizeText, stateColor, type StateFilter } from "./vocabulary";

const COLUMNS = 8;
/** Rows drawn at most (more when the selection is further down); the filters narrow the rest. */
export const ROW_LIMIT = 300;

const EMPTY: Record<StateFilter, string> = {
  pending: "Nothing pending: every company shown has been reviewed.",
  snoozed: "No company is snoozed.",
  approved: "No company is approved yet.",
  rejected: "No company is rejected.",
  all: "The queue is empty: companies appear here once the pipeline qualifies them.",
};

export function QueueTable({
  companies,
  selected,
  busy,
  state,
  onSelect,
}: {
  companies: readonly QueueCompany[];
  selected: string | null;
  busy: ReadonlySet<string>;
  state: StateFilter;
  onSelect: (domain: string) => void;
}) {
  const now = useNow();
  const body = useRef<HTMLTableSectionElement>(null);
  const at = selected === null ? -1 : companies.findIndex((c) => c.domain === selected);
  const drawn = companies.slice(0, Math.max(ROW_LIMIT, at + 1));

  useEffect(() => {
    if (selected === null) return;
    const row = [...(body.current?.querySelectorAll<HTMLElement>("[data-domain]") ?? [])].find(
      (r) => r.dataset.domain === selected,
    );
    row?.scrollIntoView({ block: "nearest" });
  }, [selected]);

  return (
    <Table.ScrollContainer minWidth={820} mah={560} type="native">
      <Table highlightOnHover stickyHeader verticalSpacing={6} aria-label="Review queue" data-testid="queue-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Company</Table.Th>
            <Table.Th>Score</Table.Th>
            <Table.Th ta="right">Employees</Table.Th>
            <Table.Th>Industry</Table.Th>
            <Table.Th>Location</Table.Th>
            <Table.Th>Rep</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Queued</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody ref={body} className="sb-numeric">
          {companies.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={COLUMNS}>
                <Text c="dimmed" fz="sm" ta="center" py="md" data-testid="queue-empty">
                  {EMPTY[state]}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {drawn.map((c) => {
            const isSelected = c.domain === selected;
            return (
              <Table.Tr
                key={c.domain}
                className="sb-queue-row"
                aria-selected={isSelected}
                data-testid="queue-row"
                data-domain={c.domain}
                data-state={c.state}
                data-busy={busy.has(c.domain) || undefined}
                onClick={() => {
                  onSelect(c.domain);
                }}
              >
                <Table.Td>
                  <Text fz="sm" fw={500} lh={1.3}>
                    {c.name}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {c.domain}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text fz="sm">{formatScore(c.score)}</Text>
                    {c.fit !== null && (
                      <Badge size="xs" variant="light" color={fitSegmentColor(c.fit)}>
                        {c.fit}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{sizeText(c.employees)}</Table.Td>
                <Table.Td>{c.industry ?? MISSING}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{c.location ?? MISSING}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {c.assignedTo ?? (
                    <Text span inherit c="dimmed">
                      Unassigned
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={stateColor(c.state)}>
                    {capitalised(c.state)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <RelativeTime iso={c.queuedAt} now={now} />
                </Table.Td>
              </Table.Tr>
            );
          })}
          {drawn.length < companies.length && (
            <Table.Tr>
              <Table.Td colSpan={COLUMNS}>
                <Text c="dimmed" fz="xs" ta="center" data-testid="queue-more">
                  Showing the first {formatCount(drawn.length)} of {formatCount(companies.length)}; narrow the filters to
                  see the others.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
