// The suppressed domains, by domain: which list each is on, its note and when it was added, with a
// list filter, a search and a way to take a domain off its list. A row goes only once the Rust
// side answers without it; a refusal is said on one line and the row stays.

import { ActionIcon, Group, NativeSelect, Skeleton, Stack, Table, Text, TextInput, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconSearch, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import type { SuppressionInfo } from "../bindings/SuppressionInfo";
import { LoadFailed } from "../common/LoadFailed";
import { ShortTime } from "../common/ShortTime";
import { formatCount, MISSING } from "../format";
import { useRemoveSuppression, useSuppressions } from "../queries";
import { SUPPRESSION_LISTS, suppressionListLabel } from "./vocabulary";

const ALL_LISTS = "all";
/** How many rows the table shows at once; a search narrows a long list. */
const ROWS_SHOWN = 200;

function rowKey(s: SuppressionInfo): string {
  return `${s.list}:${s.domain}`;
}

export function SuppressionTable() {
  const suppressions = useSuppressions();
  const remove = useRemoveSuppression();
  const [filter, setFilter] = useState<string>(ALL_LISTS);
  const [search, setSearch] = useState("");
  /** Rows being taken off their list (removals run one after the other). */
  const [removing, setRemoving] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<string | null>(null);

  if (suppressions.error && !suppressions.data) {
    return (
      <LoadFailed
        title="The suppression lists could not be loaded"
        message={suppressions.error.message}
        retrying={suppressions.isFetching}
        onRetry={() => {
          void suppressions.refetch();
        }}
        testId="suppression-load-error"
      />
    );
  }
  if (!suppressions.data) return <Skeleton h={160} data-testid="suppression-loading" />;

  const all = suppressions.data;
  const needle = search.trim().toLowerCase();
  const matching = all.filter(
    (s) => (filter === ALL_LISTS || s.list === filter) && (needle === "" || s.domain.includes(needle)),
  );
  const shown = matching.slice(0, ROWS_SHOWN);

  function take(s: SuppressionInfo) {
    const key = rowKey(s);
    setFailure(null);
    setRemoving((now) => new Set(now).add(key));
    remove
      .mutateAsync({ domain: s.domain, list: s.list })
      .catch((error: unknown) => {
        const why = error instanceof Error ? error.message : String(error);
        setFailure(`${s.domain} was not taken off ${suppressionListLabel(s.list)}: ${why}`);
      })
      .finally(() => {
        setRemoving((now) => {
          const next = new Set(now);
          next.delete(key);
          return next;
        });
      });
  }

  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end">
        <NativeSelect
          label="Show"
          w={200}
          value={filter}
          data={[
            { value: ALL_LISTS, label: `All lists (${formatCount(all.length)})` },
            ...SUPPRESSION_LISTS.map((l) => ({
              value: l.value,
              label: `${l.label} (${formatCount(all.filter((s) => s.list === l.value).length)})`,
            })),
          ]}
          onChange={(event) => {
            setFilter(event.currentTarget.value);
          }}
          data-testid="suppression-filter"
        />
        <TextInput
          label="Domain"
          placeholder="Find a domain"
          leftSection={<IconSearch size={14} />}
          w={240}
          value={search}
          autoComplete="off"
          onChange={(event) => {
            setSearch(event.currentTarget.value);
          }}
          data-testid="suppression-search"
        />
      </Group>
      {failure !== null && (
        <Text fz="sm" c="red" role="alert" data-testid="suppression-remove-error">
          {failure}
        </Text>
      )}
      {matching.length === 0 ? (
        <Text fz="sm" c="dimmed" data-testid="suppression-empty">
          {all.length === 0 ? "No domains are suppressed yet." : "No suppressed domain matches."}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520} type="native">
          <Table verticalSpacing={4} data-testid="suppression-table" aria-label="Suppressed domains">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Domain</Table.Th>
                <Table.Th>List</Table.Th>
                <Table.Th>Note</Table.Th>
                <Table.Th>Added</Table.Th>
                <Table.Th w={48}>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((s) => {
                const label = suppressionListLabel(s.list);
                return (
                  <Table.Tr key={rowKey(s)} data-domain={s.domain} data-list={s.list}>
                    <Table.Td>{s.domain}</Table.Td>
                    <Table.Td>{label}</Table.Td>
                    <Table.Td c={s.note === null ? "dimmed" : undefined}>{s.note ?? MISSING}</Table.Td>
                    <Table.Td>
                      <ShortTime iso={s.addedAt} />
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label="Remove from the list">
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`Remove ${s.domain} from ${label}`}
                          loading={removing.has(rowKey(s))}
                          onClick={() => {
                            take(s);
                          }}
                          data-testid="suppression-remove"
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
        </Table.ScrollContainer>
      )}
      {matching.length > shown.length && (
        <Text fz="xs" c="dimmed" data-testid="suppression-more">
          Showing {formatCount(shown.length)} of {formatCount(matching.length)}; find a domain to narrow the list.
        </Text>
      )}
    </Stack>
  );
}
