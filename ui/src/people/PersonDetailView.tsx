// One person in full: who they are, the ids they are known by, their traits, what they did and when.

import { Badge, Code, Group, Paper, Stack, Table, Text, Timeline, Title } from "@mantine/core";
import type { ActivityRow } from "../bindings/ActivityRow";
import type { EventRow } from "../bindings/EventRow";
import type { PersonDetail } from "../bindings/PersonDetail";
import type { PersonIdentity } from "../bindings/PersonIdentity";
import { Panel } from "../common/Panel";
import { RelativeTime } from "../common/RelativeTime";
import { useNow } from "../common/useNow";
import { formatCount, MISSING } from "../format";
import { eventTypeColor } from "../overview/vocabulary";
import { TraitsTable } from "./TraitsTable";
import { identityKindLabel, personLabel } from "./vocabulary";
import { ShortTime } from "../common/ShortTime";

export function PersonDetailView({ detail }: { detail: PersonDetail }) {
  return (
    <Stack gap="md" data-testid="person-detail">
      <PersonHeader detail={detail} />
      <Panel title="Identities" description="The ids this person is known by, merged by identify and alias calls">
        <IdentitiesTable identities={detail.identities} />
      </Panel>
      <Panel title="Traits" description="The current value of each trait; open one to see what it was before">
        <TraitsTable traits={detail.traits} history={detail.traitHistory} />
      </Panel>
      <Panel title="Activity" description="Each event and page: how often, on how many days, first and last time">
        <ActivityTable activity={detail.activity} />
      </Panel>
      <Panel title="Timeline" description="The newest messages, newest first">
        <EventTimeline events={detail.timeline} />
      </Panel>
    </Stack>
  );
}

function PersonHeader({ detail }: { detail: PersonDetail }) {
  const now = useNow();
  const { person } = detail;
  const firstAnonymousId = detail.identities.find((identity) => identity.kind === "anonymous_id")?.value;
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={2} miw={0}>
          <Group gap="xs" wrap="nowrap">
            <Title order={2} fz={20} fw={650} data-testid="person-name">
              {personLabel(person)}
            </Title>
            {person.anonymous && personLabel(person) !== "Anonymous" && (
              <Badge color="gray" tt="none">
                Anonymous
              </Badge>
            )}
          </Group>
          {person.anonymous && firstAnonymousId && (
            <Text fz="xs" c="dimmed" ff="monospace" truncate>
              {firstAnonymousId}
            </Text>
          )}
          {person.email && (
            <Text fz="sm" c="dimmed">
              {person.email}
            </Text>
          )}
          <Text fz="sm" data-testid="person-company">
            {person.company ? (
              <>
                {person.company.name}{" "}
                <Text span inherit c="dimmed">
                  ({person.company.domain})
                </Text>
              </>
            ) : (
              <Text span inherit c="dimmed">
                No company known
              </Text>
            )}
          </Text>
        </Stack>
        <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
          <Text fz={22} fw={650} className="sb-numeric" data-testid="person-events" data-value={String(person.events)}>
            {formatCount(person.events)}
          </Text>
          <Text fz="xs" c="dimmed">
            events · last seen <RelativeTime iso={person.lastSeen} now={now} empty="never" />
          </Text>
        </Stack>
      </Group>
    </Paper>
  );
}

function IdentitiesTable({ identities }: { identities: readonly PersonIdentity[] }) {
  return (
    <Table horizontalSpacing="xs" data-testid="person-identities">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Kind</Table.Th>
          <Table.Th>Value</Table.Th>
          <Table.Th>First seen</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {identities.map((identity) => (
          <Table.Tr key={`${identity.kind}:${identity.value}`}>
            <Table.Td style={{ whiteSpace: "nowrap" }}>{identityKindLabel(identity.kind)}</Table.Td>
            <Table.Td>
              <Code fz="xs" style={{ wordBreak: "break-all" }}>
                {identity.value}
              </Code>
            </Table.Td>
            <Table.Td>
              <ShortTime iso={identity.firstSeen} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ActivityTable({ activity }: { activity: readonly ActivityRow[] }) {
  return (
    <Table.ScrollContainer minWidth={520} type="native">
      <Table highlightOnHover horizontalSpacing="xs" data-testid="person-activity">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Type</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th ta="right">Count</Table.Th>
            <Table.Th ta="right">Days</Table.Th>
            <Table.Th>First</Table.Th>
            <Table.Th>Last</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {activity.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text c="dimmed" fz="sm" ta="center" py="sm">
                  No tracks, pages or screens yet.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {activity.map((row) => (
            <Table.Tr key={`${row.messageType}:${row.name}`}>
              <Table.Td>
                <Badge size="sm" tt="none" color={eventTypeColor(row.messageType)}>
                  {row.messageType}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text inherit span c={row.name === "" ? "dimmed" : undefined}>
                  {row.name === "" ? MISSING : row.name}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="sb-numeric">
                {formatCount(row.count)}
              </Table.Td>
              <Table.Td ta="right" className="sb-numeric">
                {formatCount(row.days)}
              </Table.Td>
              <Table.Td>
                <ShortTime iso={row.firstAt} />
              </Table.Td>
              <Table.Td>
                <ShortTime iso={row.lastAt} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function EventTimeline({ events }: { events: readonly EventRow[] }) {
  if (events.length === 0) {
    return (
      <Text c="dimmed" fz="sm" ta="center" py="sm" data-testid="person-timeline">
        No messages yet.
      </Text>
    );
  }
  return (
    <Timeline bulletSize={12} lineWidth={2} data-testid="person-timeline">
      {events.map((event) => (
        <Timeline.Item
          key={event.messageId}
          color={eventTypeColor(event.messageType)}
          title={
            <Group gap="xs" wrap="nowrap">
              <Badge size="sm" tt="none" color={eventTypeColor(event.messageType)}>
                {event.messageType}
              </Badge>
              <Text fz="sm" fw={500} truncate c={event.name === null ? "dimmed" : undefined}>
                {event.name ?? MISSING}
              </Text>
            </Group>
          }
        >
          <Text fz="xs" c="dimmed">
            <ShortTime iso={event.timestamp} />
            {event.ip && ` · ${event.ip}`}
            {event.companyDomain && ` · ${event.companyDomain}`}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
