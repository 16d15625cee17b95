// The workspace's sources: each one's write key, and how much it has sent.

import { Group, Table, Text } from "@mantine/core";
import type { SourceInfo } from "../bindings/SourceInfo";
import { CopyAction } from "../common/CopyAction";
import { RelativeTime } from "../common/RelativeTime";
import { useNow } from "../common/useNow";
import { formatCount } from "../format";

export function SourcesTable({ sources }: { sources: readonly SourceInfo[] }) {
  const now = useNow(5_000);
  return (
    <Table.ScrollContainer minWidth={820} type="native">
      <Table highlightOnHover horizontalSpacing="xs" data-testid="sources-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Write key</Table.Th>
            <Table.Th ta="right">Events</Table.Th>
            <Table.Th ta="right">Last minute</Table.Th>
            <Table.Th>Last seen</Table.Th>
            <Table.Th>Created</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sources.map((source) => (
            <Table.Tr key={source.id} data-testid={`source-row-${source.name}`}>
              <Table.Td fw={500}>{source.name}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Text inherit span ff="monospace" fz="xs" data-testid={`key-${source.name}`}>
                    {source.writeKey}
                  </Text>
                  <CopyAction
                    value={source.writeKey}
                    label={`Copy the write key of ${source.name}`}
                    testId={`copy-key-${source.name}`}
                  />
                </Group>
              </Table.Td>
              <Table.Td ta="right" className="sb-numeric">
                {formatCount(source.events)}
              </Table.Td>
              <Table.Td ta="right" className="sb-numeric">
                <Text inherit span c={source.eventsLastMinute === 0 ? "dimmed" : undefined}>
                  {formatCount(source.eventsLastMinute)}
                </Text>
              </Table.Td>
              <Table.Td>
                <RelativeTime iso={source.lastSeen} now={now} empty="Never" />
              </Table.Td>
              <Table.Td>
                <RelativeTime iso={source.createdAt} now={now} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
