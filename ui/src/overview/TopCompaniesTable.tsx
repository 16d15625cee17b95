// The companies seen most in the last 30 days, with their fit and what they run.

import { Badge, Box, Group, Stack, Table, Text, Tooltip } from "@mantine/core";
import type { TopCompany } from "../bindings/TopCompany";
import { useNow } from "../common/useNow";
import { formatAbsolute, formatCount, formatRelative, formatScore, MISSING } from "../format";
import { fitSegmentColor } from "./vocabulary";

const MAX_TECHNOLOGIES = 3;

export function TopCompaniesTable({ companies }: { companies: readonly TopCompany[] }) {
  const now = useNow();
  return (
    <Table.ScrollContainer minWidth={960} type="native">
      <Table highlightOnHover horizontalSpacing="xs" data-testid="top-companies">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Company</Table.Th>
            <Table.Th>Industry</Table.Th>
            <Table.Th ta="right">Employees</Table.Th>
            <Table.Th>Country</Table.Th>
            <Table.Th ta="right">Visits (30d)</Table.Th>
            <Table.Th>Score</Table.Th>
            <Table.Th>Technologies</Table.Th>
            <Table.Th>Last seen</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {companies.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={8}>
                <Text c="dimmed" fz="sm" ta="center" py="md">
                  No companies identified in the last 30 days.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {companies.map((company) => (
            <Table.Tr key={company.domain}>
              <Table.Td>
                <Stack gap={0}>
                  <Text inherit fw={500}>
                    {company.name}
                  </Text>
                  <Text fz="xs" c="dimmed">
                    {company.domain}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Maybe value={company.industry} />
              </Table.Td>
              <Table.Td ta="right" className="sb-numeric">
                <Maybe value={company.employees === null ? null : formatCount(company.employees)} />
              </Table.Td>
              <Table.Td>
                <Maybe value={company.country} />
              </Table.Td>
              <Table.Td ta="right" className="sb-numeric">
                {formatCount(company.visits)}
              </Table.Td>
              <Table.Td>
                <Score score={company.score} segment={company.fitSegment} />
              </Table.Td>
              <Table.Td>
                <Technologies names={company.technologies} />
              </Table.Td>
              <Table.Td>
                <Tooltip label={formatAbsolute(company.lastSeen)}>
                  <Text inherit span style={{ whiteSpace: "nowrap" }}>
                    {formatRelative(company.lastSeen, now)}
                  </Text>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Maybe({ value }: { value: string | null }) {
  return (
    value ?? (
      <Text inherit span c="dimmed">
        {MISSING}
      </Text>
    )
  );
}

function Score({ score, segment }: { score: number | null; segment: string | null }) {
  return (
    <Group gap={8} wrap="nowrap">
      <Text inherit span fw={600} className="sb-numeric" miw={24}>
        {formatScore(score)}
      </Text>
      {segment && (
        <Badge color={fitSegmentColor(segment)} size="sm" tt="none" style={{ flexShrink: 0 }}>
          {segment}
        </Badge>
      )}
    </Group>
  );
}

function Technologies({ names }: { names: readonly string[] }) {
  if (names.length === 0) return <Maybe value={null} />;
  const shown = names.slice(0, MAX_TECHNOLOGIES);
  const hidden = names.slice(MAX_TECHNOLOGIES);
  return (
    // Inline badges on one unbroken line, so the column is as wide as they need.
    <Box style={{ whiteSpace: "nowrap" }}>
      {shown.map((name) => (
        <Badge key={name} size="sm" color="gray" tt="none" fw={500} mr={4}>
          {name}
        </Badge>
      ))}
      {hidden.length > 0 && (
        <Tooltip label={hidden.join(", ")}>
          <Badge size="sm" color="gray" variant="outline" tt="none" fw={500}>
            +{hidden.length}
          </Badge>
        </Tooltip>
      )}
    </Box>
  );
}
