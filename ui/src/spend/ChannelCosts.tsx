// What email and web personalisation cost a month: their tools' subscriptions, which put them on
// the channel ladder. Each changed amount is sent on Save; the Rust side reads it (or refuses it,
// shown beside the inputs) and answers with the ladder, whose chart is drawn again.

import { Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import type { SubscriptionChannel } from "../ipc";
import { useSetChannelCost } from "../queries";
import { SUBSCRIPTION_CHANNELS } from "./vocabulary";

type Drafts = Partial<Record<SubscriptionChannel, string>>;

export function ChannelCosts({
  costs,
  segment,
}: {
  /** The monthly cost set for each subscription channel, formatted (`ChannelLadderInfo.costs`). */
  costs: Readonly<Record<string, string>>;
  /** The segment the ladder on screen is for, so that the answer is that ladder. */
  segment: string | null;
}) {
  const save = useSetChannelCost();
  /** The inputs as edited; a channel without one shows what is saved. */
  const [drafts, setDrafts] = useState<Drafts>({});
  /** The channel whose amount was refused. */
  const [refused, setRefused] = useState<SubscriptionChannel | null>(null);
  const [justSaved, setJustSaved] = useState(false);

  const saved = (channel: SubscriptionChannel) => costs[channel] ?? "";
  const changed = SUBSCRIPTION_CHANNELS.filter(({ channel }) => {
    const draft = drafts[channel];
    return draft !== undefined && draft.trim() !== saved(channel);
  });

  async function submit() {
    if (changed.length === 0 || save.isPending) return;
    setRefused(null);
    setJustSaved(false);
    for (const { channel } of changed) {
      const text = (drafts[channel] ?? "").trim();
      try {
        await save.mutateAsync({ channel, monthly: text === "" ? null : text, segment });
      } catch {
        // The refusal is the mutation's error, shown beside the inputs; what is left stays as typed.
        setRefused(channel);
        return;
      }
      // Saved: the input shows the saved amount again, unless it was edited meanwhile.
      setDrafts((current) => (current[channel] === drafts[channel] ? { ...current, [channel]: undefined } : current));
    }
    setJustSaved(true);
  }

  const refusedLabel = SUBSCRIPTION_CHANNELS.find((c) => c.channel === refused)?.label;

  return (
    <form
      noValidate
      aria-label="Monthly cost of email and web personalisation"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        <Text fz="sm" fw={600}>
          Monthly cost of the subscription channels
        </Text>
        <Group gap="sm" align="flex-end">
          {SUBSCRIPTION_CHANNELS.map(({ channel, label, testId }) => (
            <TextInput
              key={channel}
              label={`${label}, per month`}
              description="In the CAC model's currency; empty leaves it off"
              placeholder="Not set"
              value={drafts[channel] ?? saved(channel)}
              error={refused === channel}
              disabled={save.isPending}
              autoComplete="off"
              w={240}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setDrafts((current) => ({ ...current, [channel]: value }));
                setJustSaved(false);
              }}
              data-testid={testId}
            />
          ))}
          <Button type="submit" disabled={changed.length === 0} loading={save.isPending} data-testid="ladder-cost-save">
            Save
          </Button>
          {save.error && refusedLabel !== undefined ? (
            <Text fz="sm" c="red" maw={420} data-testid="ladder-cost-error">
              {refusedLabel} not saved: {save.error.message}
            </Text>
          ) : (
            justSaved && (
              <Text fz="sm" c="teal" data-testid="ladder-cost-saved">
                Saved: the ladder and its chart are drawn again with it.
              </Text>
            )
          )}
        </Group>
      </Stack>
    </form>
  );
}
