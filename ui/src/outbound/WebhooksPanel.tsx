// The inbound webhooks that move contacts along (Customer.io's reporting webhook, and Mailparser
// for replies): whether they are set up, and if not the command that does it; if so, their paths
// (the secret masked by the Rust side), whether Customer.io's signatures are checked, the template
// to paste into Mailparser, and the latest calls with what each did.

import { Badge, Code, Group, Skeleton, Stack, Table, Text } from "@mantine/core";
import type { WebhookInfo } from "../bindings/WebhookInfo";
import { CopyAction } from "../common/CopyAction";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import { ShortTime } from "../common/ShortTime";
import { MISSING } from "../format";
import { useWebhookInfo } from "../queries";
import { outcomeColor, sourceLabel } from "./vocabulary";

export function WebhooksPanel() {
  const info = useWebhookInfo();
  return (
    <Panel
      title="Webhooks"
      description="Deliveries, opens, bounces and replies come back through the collector and move each contact along"
      data-testid="webhooks-panel"
    >
      {info.error && !info.data ? (
        <LoadFailed
          title="The webhooks could not be read"
          message={info.error.message}
          retrying={info.isFetching}
          onRetry={() => {
            void info.refetch();
          }}
          testId="webhooks-error"
        />
      ) : !info.data ? (
        <Skeleton h={120} />
      ) : info.data.configured ? (
        <Configured info={info.data} />
      ) : (
        <Text fz="sm" data-testid="webhooks-not-configured">
          Not set up. Run <Code>switchboard-cli webhook setup --workspace FILE</Code> to create the webhook secret, then
          start the collector.
        </Text>
      )}
    </Panel>
  );
}

function Path({ label, path, testId }: { label: string; path: string; testId: string }) {
  return (
    <div>
      <Text fz="xs" c="dimmed">
        {label}
      </Text>
      <Code data-testid={testId}>{path}</Code>
    </div>
  );
}

function Configured({ info }: { info: WebhookInfo }) {
  return (
    <Stack gap="md" data-testid="webhooks-configured">
      <Group gap="xl" align="flex-start">
        <Path label="Customer.io reporting webhook" path={info.customerioPath} testId="webhooks-customerio-path" />
        <Path label="Mailparser webhook" path={info.mailparserPath} testId="webhooks-mailparser-path" />
        <div>
          <Text fz="xs" c="dimmed">
            Customer.io signatures
          </Text>
          <Badge variant="light" color={info.signed ? "teal" : "orange"} data-testid="webhooks-signed">
            {info.signed ? "Checked" : "Not checked"}
          </Badge>
        </div>
      </Group>
      <Text fz="xs" c="dimmed">
        Paths are on the collector&apos;s address; the secret in them is shown masked. The command line prints it whole.
      </Text>
      <div>
        <Group gap={4} mb={4}>
          <Text fz="sm" fw={600}>
            Mailparser JSON template
          </Text>
          <CopyAction value={info.mailparserTemplate} label="Copy the Mailparser template" testId="webhooks-template-copy" />
        </Group>
        <Code block data-testid="webhooks-template">
          {info.mailparserTemplate}
        </Code>
      </div>
      <div>
        <Text fz="sm" fw={600} mb={4}>
          Recent calls
        </Text>
        <Table.ScrollContainer minWidth={700} type="native">
          <Table verticalSpacing={4} data-testid="webhook-calls" aria-label="Recent webhook calls">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Metric</Table.Th>
                <Table.Th>Outcome</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {info.recent.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed" fz="sm" ta="center" py="xs">
                      No calls yet.
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {info.recent.map((call, i) => (
                <Table.Tr key={`${call.at}:${String(i)}`}>
                  <Table.Td>
                    <ShortTime iso={call.at} />
                  </Table.Td>
                  <Table.Td>{sourceLabel(call.source)}</Table.Td>
                  <Table.Td>{call.email ?? MISSING}</Table.Td>
                  <Table.Td>{call.metric}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={outcomeColor(call.outcome)} tt="none">
                      {call.outcome}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </div>
    </Stack>
  );
}
