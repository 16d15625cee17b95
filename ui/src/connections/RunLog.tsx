// A tool's newest sync runs: when, why, how they ended and what they did; a run with failed or
// skipped rows opens to list them with the reason.

import { ActionIcon, Alert, Button, Group, Skeleton, Table, Text, Tooltip } from "@mantine/core";
import { IconChevronDown, IconChevronRight } from "@tabler/icons-react";
import { Fragment, useState } from "react";
import type { SyncRunInfo } from "../bindings/SyncRunInfo";
import { ShortTime } from "../common/ShortTime";
import { formatCount } from "../format";
import { SYNC_LOG_LIMIT, useSyncLog } from "../queries";
import { RunRows } from "./RunRows";
import { RunStatusBadge } from "./RunStatusBadge";
import { TRIGGERS } from "./vocabulary";

const COLUMNS = 10;

export function RunLog({ tool, name }: { tool: string; name: string }) {
  const log = useSyncLog(tool);
  const [opened, setOpened] = useState<number | null>(null);
  const runs = log.data;

  return (
    <div>
      <Group gap="xs" mb={4}>
        <Text fw={600} fz="sm">
          Run log
        </Text>
        <Text fz="xs" c="dimmed">
          the newest {SYNC_LOG_LIMIT} runs
        </Text>
      </Group>
      {log.error && !runs ? (
        <Alert color="red" variant="light" title="The run log could not be read" data-testid={`log-error-${tool}`}>
          <Text fz="sm">{log.error.message}</Text>
          <Button size="xs" variant="light" color="red" mt="xs" loading={log.isFetching} onClick={() => {
              void log.refetch();
            }}>
            Try again
          </Button>
        </Alert>
      ) : !runs ? (
        <Skeleton h={60} />
      ) : (
        <Table.ScrollContainer minWidth={820} type="native">
          <Table highlightOnHover data-testid={`log-${tool}`} aria-label={`${name} run log`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36} aria-label="Rows" />
                <Table.Th>Started</Table.Th>
                <Table.Th>Trigger</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th ta="right">Fetched</Table.Th>
                <Table.Th ta="right">Written</Table.Th>
                <Table.Th ta="right">Skipped</Table.Th>
                <Table.Th ta="right">Failed</Table.Th>
                <Table.Th ta="right">Credits</Table.Th>
                <Table.Th>Error</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody className="sb-numeric">
              {runs.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={COLUMNS}>
                    <Text c="dimmed" fz="sm" ta="center" py="xs">
                      No syncs yet.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {runs.map((run) => (
                <Fragment key={run.id}>
                  <RunRow
                    run={run}
                    open={opened === run.id}
                    onToggle={() => {
                      setOpened((was) => (was === run.id ? null : run.id));
                    }}
                  />
                  {opened === run.id && (
                    <Table.Tr data-testid={`log-rows-${String(run.id)}`}>
                      <Table.Td colSpan={COLUMNS} bg="var(--mantine-color-default-hover)">
                        <RunRows run={run} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </div>
  );
}

function RunRow({ run, open, onToggle }: { run: SyncRunInfo; open: boolean; onToggle: () => void }) {
  const problems = run.failed + run.skipped;
  const label = open ? "Hide the failed and skipped rows" : "Show the failed and skipped rows";
  return (
    <Table.Tr data-testid={`log-row-${String(run.id)}`} data-status={run.status}>
      <Table.Td>
        {problems > 0 && (
          <Tooltip label={label}>
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label={label}
              aria-expanded={open}
              onClick={onToggle}
              data-testid={`log-expand-${String(run.id)}`}
            >
              {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </Table.Td>
      <Table.Td>
        <ShortTime iso={run.startedAt} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>{TRIGGERS[run.trigger] ?? run.trigger}</Table.Td>
      <Table.Td>
        <RunStatusBadge status={run.status} />
      </Table.Td>
      <Table.Td ta="right">{formatCount(run.fetched)}</Table.Td>
      <Table.Td ta="right">{formatCount(run.written)}</Table.Td>
      <Table.Td ta="right">{formatCount(run.skipped)}</Table.Td>
      <Table.Td ta="right" c={run.failed > 0 ? "red" : undefined}>
        {formatCount(run.failed)}
      </Table.Td>
      <Table.Td ta="right">{formatCount(run.credits)}</Table.Td>
      <Table.Td maw={320}>
        {run.error && (
          <Text inherit c="red" lineClamp={2} title={run.error}>
            {run.error}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
