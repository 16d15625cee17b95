// The selected company in full: its state (with the rejection reason or how long it sleeps), what
// it runs, why it qualified (score, fit and the strongest signals), its visits, the rep's note and
// its contacts. The actions sit above; this part only shows.

import { Badge, Blockquote, Divider, Group, List, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import type { QueueCompany } from "../bindings/QueueCompany";
import { RelativeTime } from "../common/RelativeTime";
import { useNow } from "../common/useNow";
import { formatAbsolute, formatScore, MISSING } from "../format";
import { fitSegmentColor } from "../overview/vocabulary";
import { capitalised, countText, sizeText, stateColor } from "./vocabulary";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Text fz="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4}>
      <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
        {title}
      </Text>
      {children}
    </Stack>
  );
}

export function CompanyDetail({ company, actions, contacts }: { company: QueueCompany; actions: ReactNode; contacts: ReactNode }) {
  const now = useNow();
  const latest = company.visits[0];
  return (
    <Paper withBorder p="md" data-testid="queue-detail" data-domain={company.domain} aria-label={`${company.name} in detail`}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Group gap="xs">
              <Title order={3} fz="lg">
                {company.name}
              </Title>
              <Badge variant="light" color={stateColor(company.state)} data-testid="queue-detail-state">
                {capitalised(company.state)}
              </Badge>
            </Group>
            <Text fz="sm" c="dimmed">
              {company.domain}
            </Text>
          </div>
        </Group>
        {actions}
        {company.state === "rejected" && company.reason !== null && (
          <Text fz="sm" data-testid="queue-detail-reason">
            Rejected: {company.reason}
          </Text>
        )}
        {company.state === "snoozed" && company.snoozedUntil !== null && (
          <Text fz="sm" data-testid="queue-detail-snoozed">
            Snoozed until {formatAbsolute(company.snoozedUntil)}; it comes back as pending then.
          </Text>
        )}
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          <Fact label="Employees">{sizeText(company.employees)}</Fact>
          <Fact label="Industry">{company.industry ?? MISSING}</Fact>
          <Fact label="Location">{company.location ?? MISSING}</Fact>
          <Fact label="Assigned to">{company.assignedTo ?? "Nobody"}</Fact>
        </SimpleGrid>
        <Section title="Why it qualified">
          <Group gap="xs">
            <Text fz="sm">Score {formatScore(company.score)}</Text>
            {company.fit !== null && (
              <Badge size="sm" variant="light" color={fitSegmentColor(company.fit)}>
                {capitalised(company.fit)} fit
              </Badge>
            )}
          </Group>
          {company.signals.length > 0 ? (
            <List size="sm" spacing={2} data-testid="queue-detail-signals">
              {company.signals.map((signal) => (
                <List.Item key={signal}>{signal}</List.Item>
              ))}
            </List>
          ) : (
            <Text fz="sm" c="dimmed">
              No signals were given with the score.
            </Text>
          )}
        </Section>
        <Section title="Technologies">
          {company.technologies.length > 0 ? (
            <Group gap={6}>
              {company.technologies.map((t) => (
                <Badge key={t} size="sm" variant="outline" color="gray" tt="none">
                  {t}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text fz="sm" c="dimmed">
              None known.
            </Text>
          )}
        </Section>
        <Section title="Visits">
          <Text fz="sm" data-testid="queue-detail-visits">
            {countText(company.visitCount, "visit")}
            {latest && (
              <>
                ; the latest <RelativeTime iso={latest.at} now={now} />, {countText(latest.pages, "page")}
              </>
            )}
          </Text>
          {company.pages.length > 0 && (
            <Text fz="sm" c="dimmed" data-testid="queue-detail-pages">
              Most viewed: {company.pages.map((p) => `${p.name} (${p.views.toLocaleString("en-US")})`).join(", ")}
            </Text>
          )}
        </Section>
        <Section title="Note">
          {company.note !== null ? (
            <Blockquote p="xs" fz="sm" data-testid="queue-detail-note" style={{ whiteSpace: "pre-wrap" }}>
              {company.note}
            </Blockquote>
          ) : (
            <Text fz="sm" c="dimmed">
              No note. Press n to add one.
            </Text>
          )}
        </Section>
        <Divider />
        <Section title={`Contacts (${String(company.contacts.length)})`}>{contacts}</Section>
      </Stack>
    </Paper>
  );
}
