// One vendor tool: its connection form, last and next sync, Test and Sync now, the progress of a
// running sync with Cancel, the message about the last action, and its run log. Edits are the
// screen's (so leaving can ask first); the commands and what they answered are this card's.

import { Group, Paper, SimpleGrid, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { ConnectionInfo } from "../bindings/ConnectionInfo";
import { useCancelSync, useDisconnect, useSaveConnection, useSyncNow, useSyncProgress, useTestConnection } from "../queries";
import { ConnectionForm } from "./ConnectionForm";
import { ConnectionStatus } from "./ConnectionStatus";
import { DisconnectDialog } from "./DisconnectDialog";
import { type Draft, notConnectedReason, sameDraft, saveArgs, savedDraft } from "./draft";
import { failureNotice, type Notice, NoticeArea } from "./Notice";
import { RunLog } from "./RunLog";
import { SyncActions } from "./SyncActions";
import { SyncFacts } from "./SyncFacts";
import { SyncProgress } from "./SyncProgress";
import { runOutcome } from "./vocabulary";

export type DraftUpdate = (update: (draft: Draft | null) => Draft | null) => void;

export function ConnectionCard({
  connection,
  draft,
  onDraft,
}: {
  connection: ConnectionInfo;
  /** The form as edited; null while it shows what is saved. */
  draft: Draft | null;
  onDraft: DraftUpdate;
}) {
  const { tool, name } = connection;
  const save = useSaveConnection();
  const test = useTestConnection();
  const sync = useSyncNow();
  const cancel = useCancelSync();
  const disconnect = useDisconnect();
  const progress = useSyncProgress(tool);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [stopping, setStopping] = useState(false);

  const saved = savedDraft(connection);
  const shown = draft ?? saved;
  const dirty = draft !== null && !sameDraft(draft, saved);
  const running = connection.running || sync.isPending;
  // A cancel holds until its run ends.
  if (stopping && !running) setStopping(false);

  const notConnected = notConnectedReason(connection);
  const testBlocked = dirty ? null : notConnected;
  const syncBlocked = notConnected ?? (dirty ? "Save your changes first: a sync uses the saved settings." : null);
  const stored = connection.fields.some((f) => f.value !== null || f.masked !== null) || connection.schedule !== "off";
  const disconnectBlocked = running
    ? "Wait for the sync to end, or cancel it, before disconnecting."
    : stored
      ? null
      : `Nothing is saved for ${name} yet.`;

  function runTest() {
    test.mutate(tool, {
      onSuccess: (message) => {
        setNotice({ tone: "success", title: "Connection works", text: message });
      },
      onError: (error) => {
        setNotice(failureNotice("Connection test failed", error));
      },
    });
  }

  /** Saves the form; `then` is told the tool's connection as saved. */
  function saveForm(then?: (saved: ConnectionInfo | undefined) => void) {
    const sent = shown;
    setNotice(null);
    save.mutate(saveArgs(connection, sent), {
      onSuccess: (list) => {
        // Typing may have gone on while it saved; those edits stay.
        onDraft((current) => (current === sent ? null : current));
        const now = list.find((c) => c.tool === tool);
        if (then) {
          then(now);
          return;
        }
        const missing = now && notConnectedReason(now);
        setNotice(
          missing
            ? { tone: "info", title: "Saved", text: missing }
            : { tone: "success", title: "Saved", text: `${name} is connected: test the connection or sync now.` },
        );
      },
      onError: (error) => {
        setNotice(failureNotice("Not saved", error));
      },
    });
  }

  function testConnection() {
    setNotice(null);
    if (!dirty) {
      runTest();
      return;
    }
    saveForm((now) => {
      const missing = now && notConnectedReason(now);
      if (missing) setNotice({ tone: "info", title: "Saved, not tested", text: missing });
      else runTest();
    });
  }

  function syncNow() {
    setNotice(null);
    cancel.reset();
    sync.mutate(tool, {
      onSuccess: (run) => {
        setNotice(runOutcome(run));
      },
      onError: (error) => {
        setNotice(failureNotice(error.code === "busy" ? "A sync is already running" : "Sync failed", error));
      },
    });
  }

  function cancelSync() {
    cancel.mutate(tool, {
      onSuccess: (accepted) => {
        if (accepted) setStopping(true);
        else setNotice({ tone: "info", title: "Nothing to cancel", text: `No sync of ${name} was running.` });
      },
      onError: (error) => {
        setNotice(failureNotice("Could not cancel", error));
      },
    });
  }

  function confirmDisconnect() {
    disconnect.mutate(tool, {
      onSuccess: () => {
        setConfirming(false);
        onDraft(() => null);
        setNotice({
          tone: "info",
          title: "Disconnected",
          text: `Switchboard forgot the keys and settings of ${name}; what it synced and its run log stay.`,
        });
      },
    });
  }

  return (
    <Paper withBorder p="lg" component="section" aria-label={name} data-testid={`connection-${tool}`}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Text fw={650} fz="lg">
              {name}
            </Text>
            <Text fz="sm" c="dimmed">
              {connection.brings}
            </Text>
          </div>
          <ConnectionStatus connection={connection} running={running} />
        </Group>
        <SimpleGrid type="container" cols={{ base: 1, "860px": 2 }} spacing="xl">
          <ConnectionForm
            connection={connection}
            draft={shown}
            dirty={dirty}
            saving={save.isPending}
            disconnectBlocked={disconnectBlocked}
            onChange={(next) => {
              onDraft(() => next);
            }}
            onSave={() => {
              saveForm();
            }}
            onDiscard={() => {
              onDraft(() => null);
              save.reset();
            }}
            onDisconnect={() => {
              disconnect.reset();
              setConfirming(true);
            }}
          />
          <Stack gap="md">
            <SyncFacts connection={connection} running={running} />
            <SyncActions
              tool={tool}
              testLabel={dirty ? "Save and test" : "Test connection"}
              testBlocked={testBlocked}
              testing={test.isPending}
              syncBlocked={syncBlocked}
              running={running}
              onTest={testConnection}
              onSync={syncNow}
            />
            {running && (
              <SyncProgress
                tool={tool}
                progress={progress}
                stopping={stopping}
                cancelling={cancel.isPending}
                onCancel={cancelSync}
              />
            )}
            <NoticeArea
              tool={tool}
              notice={notice}
              onClose={() => {
                setNotice(null);
              }}
            />
          </Stack>
        </SimpleGrid>
        <RunLog tool={tool} name={name} />
      </Stack>
      <DisconnectDialog
        tool={tool}
        name={name}
        opened={confirming}
        disconnecting={disconnect.isPending}
        error={disconnect.error?.message ?? null}
        onConfirm={confirmDisconnect}
        onCancel={() => {
          setConfirming(false);
        }}
      />
    </Paper>
  );
}
