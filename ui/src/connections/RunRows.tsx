// The rows one sync run failed or skipped, each with the reason, read when its log row is opened.

import { Alert, Badge, Loader, Table, Text } from "@mantine/core";
import type { SyncRunInfo } from "../bindings/SyncRunInfo";
import { ShortTime } from "../common/ShortTime";
import { formatCount } from "../format";
import { useSyncRows } from "../queries";

export function RunRows({ run }: { run: SyncRunInfo }) {
  const { data: rows, error } = useSyncRows(run.id);
  const expected = run.failed + run.skipped;
  if (error) {
    return (
      <Alert color="red" variant="light" title="The rows could not be read">
        {error.message}
      </Alert>
    );
  }
  if (!rows) return <Loader size="sm" aria-label="Reading the rows" />;
  if (rows.length === 0) {
    return (
      <Text fz="sm" c="dimmed">
        No failed or skipped rows were kept for this run.
      </Text>
    );
  }
  return (
    <>
      <Table.ScrollContainer minWidth={640} type="native">
        <Table fz="xs" data-testid={`log-rows-table-${String(run.id)}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Row</Table.Th>
              <Table.Th>Stream</Table.Th>
              <Table.Th>Key</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>At</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              // A key can fail in one batch and be skipped in another; its place in the list tells them apart.
              <Table.Tr key={`${row.stream}-${row.key}-${String(i)}`}>
                <Table.Td>
                  <Badge size="xs" color={row.failed ? "red" : "gray"}>
                    {row.failed ? "failed" : "skipped"}
                  </Badge>
                </Table.Td>
                <Table.Td>{row.stream}</Table.Td>
                <Table.Td>
                  <Text inherit span ff="monospace">
                    {row.key}
                  </Text>
                </Table.Td>
                <Table.Td>{row.reason}</Table.Td>
                <Table.Td>
                  <ShortTime iso={row.at} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {rows.length < expected && (
        <Text fz="xs" c="dimmed" mt={4}>
          Showing the first {formatCount(rows.length)} of {formatCount(expected)}.
        </Text>
      )}
    </>
  );
}
