// What the last send did: how many contacts went to Customer.io (and how many of them a stopped
// send had begun), the ones it refused and why (they are tried again by the next send), the
// stopped addresses it was told of, and how many still wait for another send.

import { Alert, List, Stack, Text } from "@mantine/core";
import type { SendResult } from "../bindings/SendResult";
import { countText } from "./vocabulary";

export function SendSummary({ result }: { result: SendResult }) {
  const color = result.failed.length > 0 ? "orange" : "teal";
  return (
    <Alert color={color} variant="light" title="Last send" data-testid="send-result">
      <Stack gap={4}>
        <Text fz="sm" data-testid="send-result-sent">
          Sent {countText(result.sent, "contact")} as “{result.event}”
          {result.resumed > 0 && `, ${String(result.resumed)} of them resumed from a send that stopped`}.
        </Text>
        {result.failed.length > 0 && (
          <div data-testid="send-result-failed">
            <Text fz="sm">Customer.io refused {countText(result.failed.length, "contact")}; the next send tries again:</Text>
            <List size="sm" spacing={2}>
              {result.failed.map((f) => (
                <List.Item key={f.key}>
                  <Text span fz="sm" fw={500}>
                    {f.key}
                  </Text>
                  : {f.reason}
                </List.Item>
              ))}
            </List>
          </div>
        )}
        <Text fz="sm" data-testid="send-result-notified">
          {result.notified === 0
            ? "No address stopped since the last send."
            : `Told Customer.io of ${countText(result.notified, "stopped address", "stopped addresses")} (replied, bounced or unsubscribed), so the campaign sends them nothing more.`}
        </Text>
        {result.waiting > 0 && (
          <Text fz="sm" data-testid="send-result-waiting">
            {countText(result.waiting, "contact")} still waiting: send again for the next batch.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
