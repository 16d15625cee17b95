// The budget guard's newest actions: when, which campaign on which platform, in which mode, what
// came of it, spend against cap, and what the platform answered (or why nothing was called).

import { Alert, Button, Skeleton, Stack, Table, Text } from "@mantine/core";
import { ShortTime } from "../common/ShortTime";
import { GUARD_LOG_LIMIT, useGuardLog } from "../queries";
import { GuardOutcomeBadge } from "./GuardOutcomeBadge";
import { platformName } from "./vocabulary";

const COLUMNS = 7;

export function GuardLog() {
  const log = useGuardLog();
  const actions = log.data;
  return (
    <Stack gap={4}>
      <Text fw={600} fz="sm">
        Guard log{" "}
        <Text span fz="xs" c="dimmed" fw={400}>
          the newest {GUARD_LOG_LIMIT} actions
        </Text>
      </Text>
      {log.error && !actions ? (
        <Alert color="red" variant="light" title="The guard log could not be read" data-testid="guard-log-error">
          <Text fz="sm">{log.error.message}</Text>
          <Button
            size="xs"
            variant="light"
            color="red"
            mt="xs"
            loading={log.isFetching}
            onClick={() => {
              void log.refetch();
            }}
          >
            Try again
          </Button>
        </Alert>
      ) : !actions ? (
        <Skeleton h={60} />
      ) : (
        <Table.ScrollContainer minWidth={900} type="native">
          <Table verticalSpacing="xs" data-testid="guard-log" aria-label="Budget guard log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Campaign</Table.Th>
                <Table.Th>Platform</Table.Th>
                <Table.Th>Mode</Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th ta="right">Spend / cap</Table.Th>
                <Table.Th>Detail</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody className="sb-numeric">
              {actions.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={COLUMNS}>
                    <Text c="dimmed" fz="sm" ta="center" py="xs">
                      The guard has not acted yet: it acts when a campaign&apos;s spend reaches its cap.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {actions.map((a) => (
                <Table.Tr key={a.id} data-testid={`guard-log-row-${String(a.id)}`} data-outcome={a.outcome}>
                  <Table.Td>
                    <ShortTime iso={a.at} />
                  </Table.Td>
                  <Table.Td fw={500}>{a.campaign}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{platformName(a.platform)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{a.mode}</Table.Td>
                  <Table.Td>
                    <GuardOutcomeBadge outcome={a.outcome} />
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    {a.spend} / {a.cap}
                  </Table.Td>
                  <Table.Td maw={420}>
                    <Text inherit c={a.outcome === "failed" ? "red" : undefined} lineClamp={2} title={a.detail}>
                      {a.detail}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
