// Sending approved contacts to Customer.io: the Track API event that starts the outbound campaign
// (editable), the send itself (only once Customer.io is connected, which the Connections screen
// does), what the last send did, and where the contacts sent so far stand.

import { Alert, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconPlugConnected, IconSend } from "@tabler/icons-react";
import { useState } from "react";
import type { QueueView } from "../bindings/QueueView";
import { Panel } from "../common/Panel";
import { useOpenScreen } from "../common/screenLink";
import { useSendApproved, useSetOutboundEvent } from "../queries";
import { OutreachCounts } from "./OutreachCounts";
import { SendSummary } from "./SendSummary";
import { sendLabel } from "./vocabulary";

export function SendPanel({ view }: { view: QueueView }) {
  const send = useSendApproved();
  const setEvent = useSetOutboundEvent();
  const openScreen = useOpenScreen();
  // What is typed, until it is saved; the saved event otherwise.
  const [draft, setDraft] = useState<string | null>(null);
  const event = draft ?? view.event;
  const changed = draft !== null && draft.trim() !== view.event;

  return (
    <Panel
      title="Send to Customer.io"
      description="Each approved contact is sent as a Track API event, which starts the outbound campaign"
      data-testid="send-panel"
    >
      <Stack gap="md">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!changed) return;
            setEvent.mutate(event, {
              onSuccess: () => {
                setDraft(null);
              },
            });
          }}
        >
          <Group gap="xs" align="flex-end">
            <TextInput
              label="Campaign event"
              description="The event that triggers the campaign in Customer.io"
              w={360}
              value={event}
              onChange={(e) => {
                setDraft(e.currentTarget.value);
                setEvent.reset();
              }}
              data-testid="outbound-event"
            />
            <Button type="submit" variant="default" disabled={!changed} loading={setEvent.isPending} data-testid="outbound-event-save">
              Save
            </Button>
          </Group>
          {setEvent.error && (
            <Text fz="sm" c="red" mt={4} data-testid="outbound-event-error">
              {setEvent.error.message}
            </Text>
          )}
        </form>
        <Stack gap={6} align="flex-start">
          <Button
            leftSection={<IconSend size={16} />}
            disabled={!view.customerioConnected}
            loading={send.isPending}
            onClick={() => {
              send.mutate();
            }}
            aria-describedby={view.customerioConnected ? undefined : "send-blocked"}
            data-testid="send-approved"
          >
            {sendLabel(view.waitingToSend)}
          </Button>
          {!view.customerioConnected ? (
            <Group gap="xs" id="send-blocked" data-testid="send-blocked">
              <Text fz="sm" c="dimmed">
                Connect Customer.io on the Connections screen first.
              </Text>
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconPlugConnected size={14} />}
                onClick={() => {
                  openScreen("connections");
                }}
                data-testid="send-open-connections"
              >
                Open Connections
              </Button>
            </Group>
          ) : (
            view.waitingToSend === 0 && (
              <Text fz="sm" c="dimmed" data-testid="send-nothing-waiting">
                No approved contact is waiting. Sending now only tells Customer.io of addresses that stopped.
              </Text>
            )
          )}
        </Stack>
        <div aria-live="polite">
          {send.error && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle />} title="Not sent" data-testid="send-error">
              {send.error.message}
            </Alert>
          )}
          {send.data && <SendSummary result={send.data} />}
        </div>
        <OutreachCounts counts={view.outreach} />
      </Stack>
    </Panel>
  );
}
