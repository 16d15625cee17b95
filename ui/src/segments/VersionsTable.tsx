// Every computed version of a segment, newest first: when, why, its size, who entered and who left,
// and how many it kept only because they are too new for a "did not do X" window. Choosing a row
// shows who changed in it.

import { Table, Text } from "@mantine/core";
import type { SegmentVersion } from "../bindings/SegmentVersion";
import { ShortTime } from "../common/ShortTime";
import { formatCount } from "../format";
import { reasonText } from "./vocabulary";

export function VersionsTable({
  versions,
  chosen,
  onChoose,
}: {
  versions: readonly SegmentVersion[];
  chosen: number | null;
  onChoose: (version: number) => void;
}) {
  if (versions.length === 0) {
    return (
      <Text fz="sm" c="dimmed" data-testid="segment-versions-empty">
        Not computed yet. Recompute it to see who is in it.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560} type="native">
      <Table highlightOnHover horizontalSpacing="xs" data-testid="segment-versions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th ta="right">Version</Table.Th>
            <Table.Th>Computed</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th ta="right">Size</Table.Th>
            <Table.Th ta="right">Entered</Table.Th>
            <Table.Th ta="right">Left</Table.Th>
            <Table.Th ta="right">Too new</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {versions.map((v) => (
            <Table.Tr
              key={v.version}
              className="sb-selectable"
              data-selected={v.version === chosen || undefined}
              aria-selected={v.version === chosen}
              tabIndex={0}
              onClick={() => {
                onChoose(v.version);
              }}
              onKeyDown={(event) => {
                if (event.key === "Enter" || event.key === " ") {
                  event.preventDefault();
                  onChoose(v.version);
                }
              }}
              data-testid={`segment-version-${String(v.version)}`}
            >
              <Table.Td ta="right" className="sb-numeric">
                {v.version}
              </Table.Td>
              <Table.Td>
                <ShortTime iso={v.computedAt} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>{reasonText(v.reason)}</Table.Td>
              <Table.Td ta="right" className="sb-numeric" fw={500}>
                {formatCount(v.size)}
              </Table.Td>
              <Table.Td ta="right" className="sb-numeric" c={v.entered > 0 ? "teal" : "dimmed"}>
                +{formatCount(v.entered)}
              </Table.Td>
              <Table.Td ta="right" className="sb-numeric" c={v.exited > 0 ? "red" : "dimmed"}>
                −{formatCount(v.exited)}
              </Table.Td>
              <Table.Td ta="right" className="sb-numeric" c={v.tooNew > 0 ? "orange" : "dimmed"}>
                {formatCount(v.tooNew)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
