// The collector: on or off, where it listens, and what it has taken in since it started.

import { Alert, Code, Group, Loader, NumberInput, Paper, SimpleGrid, Switch, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import type { CollectorStatus } from "../bindings/CollectorStatus";
import { CopyAction } from "../common/CopyAction";
import { Panel } from "../common/Panel";
import { RelativeTime } from "../common/RelativeTime";
import { useNow } from "../common/useNow";
import { formatCount } from "../format";
import { useStartCollector, useStopCollector } from "../queries";

// What to show if the Rust side ever reports no port or address of its own.
const DEFAULT_PORT = 8088;
const DEFAULT_BIND = "127.0.0.1";

export function CollectorPanel({ collector }: { collector: CollectorStatus }) {
  const start = useStartCollector();
  const stop = useStopCollector();
  // The form starts from where the collector listens (or would); the 2 s refresh must not overwrite typing.
  const [port, setPort] = useState<string | number>(collector.port || DEFAULT_PORT);
  const [bind, setBind] = useState(collector.bind || DEFAULT_BIND);

  const pending = start.isPending || stop.isPending;
  const on = start.isPending || (!stop.isPending && collector.running);
  const portNumber = typeof port === "number" ? port : Number.NaN;
  const portValid = Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65_535;
  const failure = start.error?.message ?? stop.error?.message ?? collector.error;

  function toggle(next: boolean) {
    if (pending) return;
    start.reset();
    stop.reset();
    if (next) start.mutate({ port: portNumber, bind: bind.trim() });
    else stop.mutate();
  }

  return (
    <Panel
      title="Collector"
      description="Receives events from Segment libraries over HTTP, as Segment's own servers would"
      aside={
        <Group gap="sm" wrap="nowrap">
          {pending && (
            <Group gap={6} wrap="nowrap" data-testid="collector-pending">
              <Loader size={14} />
              <Text fz="xs" c="dimmed">
                {start.isPending ? "Starting…" : "Stopping…"}
              </Text>
            </Group>
          )}
          <Switch
            size="md"
            label={on ? "On" : "Off"}
            aria-label="Collector"
            checked={on}
            disabled={pending || (!collector.running && (!portValid || bind.trim() === ""))}
            onChange={(event) => {
              toggle(event.currentTarget.checked);
            }}
            data-testid="collector-toggle"
          />
        </Group>
      }
    >
      {failure && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle />}
          title={collector.running ? "The collector could not be stopped" : "The collector could not start"}
          mb="sm"
          data-testid="collector-error"
        >
          {failure}
        </Alert>
      )}
      {collector.running ? (
        <Running collector={collector} />
      ) : (
        <>
          <Group align="flex-start" gap="md">
            <NumberInput
              label="Port"
              w={120}
              min={1}
              max={65_535}
              allowDecimal={false}
              allowNegative={false}
              hideControls
              value={port}
              onChange={setPort}
              disabled={pending}
              error={portValid ? undefined : "Use a port from 1 to 65535"}
              data-testid="collector-port"
            />
            <TextInput
              label="Bind address"
              w={220}
              value={bind}
              onChange={(event) => {
                setBind(event.currentTarget.value);
              }}
              disabled={pending}
              error={bind.trim() === "" ? "Enter an address to listen on" : undefined}
              data-testid="collector-bind"
            />
          </Group>
          <Text fz="xs" c="dimmed" mt={6}>
            127.0.0.1 accepts events from this computer only; 0.0.0.0 from other machines on the network too.
          </Text>
        </>
      )}
    </Panel>
  );
}

function Running({ collector }: { collector: CollectorStatus }) {
  const now = useNow(5_000);
  return (
    <>
      <Group gap="xs" mb="sm" wrap="nowrap">
        <Text fz="sm" c="dimmed">
          Listening at
        </Text>
        {collector.address && (
          <>
            <Code fz="sm" data-testid="collector-address">
              {collector.address}
            </Code>
            <CopyAction value={collector.address} label="Copy the address" testId="copy-address" />
          </>
        )}
        {collector.startedAt && (
          <Text fz="sm" c="dimmed">
            · started <RelativeTime iso={collector.startedAt} now={now} />
          </Text>
        )}
      </Group>
      <SimpleGrid type="container" cols={{ base: 2, "640px": 4 }} spacing="md">
        <Stat label="Events / minute" value={collector.eventsPerMinute} testId="events-per-minute" note="From every source" />
        <Stat label="Accepted" value={collector.accepted} testId="collector-accepted" note="Since it started" />
        <Stat label="Duplicates" value={collector.duplicates} testId="collector-duplicates" note="Resent, stored once" />
        <Stat
          label="Refused requests"
          value={collector.rejectedRequests}
          testId="collector-rejected"
          note={`and ${formatCount(collector.rejectedMessages)} ${collector.rejectedMessages === 1 ? "message" : "messages"} inside batches`}
        />
      </SimpleGrid>
    </>
  );
}

function Stat({ label, value, testId, note }: { label: string; value: number; testId: string; note: string }) {
  return (
    <Paper withBorder px="md" py="sm">
      <Text fz="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={22} fw={650} className="sb-numeric" data-testid={testId} data-value={String(value)}>
        {formatCount(value)}
      </Text>
      <Text fz="xs" c="dimmed">
        {note}
      </Text>
    </Paper>
  );
}
